package preview

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/evident-dev/evident/internal/testenv"
)

// TestNoLeakAcrossRebuilds rebuilds in-process many times, partially, from scratch and
// with errors, and checks that goroutines and file descriptors come back to where they were.
func TestNoLeakAcrossRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	n := 240 // EVIDENT_LEAK_REBUILDS=2000 for a longer run
	if v, err := strconv.Atoi(os.Getenv("EVIDENT_LEAK_REBUILDS")); err == nil && v >= 40 {
		n = v
	}
	root := writeSite(t, siteTxtar)
	alpha := filepath.Join(root, "content/evidence/alpha.md")
	cfg := filepath.Join(root, "evident.toml")
	ctx := context.Background()

	// Hugo starts some process-wide goroutines once: warm up first.
	warm, err := New(ctx, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	warm.Close()
	g0, fd0 := settle(t, 0, 0)

	p, err := New(ctx, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	full, failed := 0, 0
	for i := range n {
		ev := fsnotify.Event{Name: alpha, Op: fsnotify.Write}
		switch {
		case i%40 == 39: // a bad requirement: the check fails, then the next build fixes it
			replaceInFile(t, root, "content/evidence/alpha.md", `"S(1)-2.2"`, `"S(1)-2.99"`)
		case i%40 == 0 && i > 0:
			replaceInFile(t, root, "content/evidence/alpha.md", `"S(1)-2.99"`, `"S(1)-2.2"`)
		case i%20 == 10: // the site's title, in Hugo's configuration: a render from scratch
			replaceInFile(t, root, "evident.toml", "トラストセンター", "トラストセンター.")
			ev = fsnotify.Event{Name: cfg, Op: fsnotify.Write}
		default:
			writeFile(t, root, "content/evidence/alpha.md", strings.Replace(readFile(t, alpha), "Alpha body", "Alpha body "+strconv.Itoa(i), 1))
		}
		b := p.Rebuild([]fsnotify.Event{ev})
		if b.Full {
			full++
		}
		if !b.OK() {
			failed++
		}
	}
	if full < n/20 || failed < n/40 || failed > n/20 {
		t.Errorf("%d builds from scratch and %d failed ones; the test does not do what it says", full, failed)
	}
	mid, midFD := runtime.NumGoroutine(), countFDs(t)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	g1, fd1 := settle(t, g0, fd0)
	t.Logf("goroutines %d -> %d (%d while open), fds %d -> %d (%d while open); %d full, %d failed of %d",
		g0, g1, mid, fd0, fd1, midFD, full, failed, n)
	const slack = 5
	if g1 > g0+slack {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after %d rebuilds\n%s", g0, g1, n, buf[:runtime.Stack(buf, true)])
	}
	if fd1 > fd0+slack {
		t.Errorf("file descriptors: %d before, %d after %d rebuilds", fd0, fd1, n)
	}
	// While open, the count must not grow with the number of builds either.
	if mid > g0+50 || midFD > fd0+50 {
		t.Errorf("while open after %d rebuilds: %d goroutines (from %d), %d fds (from %d)", n, mid, g0, midFD, fd0)
	}
}

func readFile(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// settle waits (bounded) for goroutines and descriptors to come down to g, fd, and
// returns the counts.
func settle(t *testing.T, g, fd int) (int, int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		ng, nfd := runtime.NumGoroutine(), countFDs(t)
		if (ng <= g && nfd <= fd) || time.Now().After(deadline) || g == 0 {
			if g == 0 {
				time.Sleep(200 * time.Millisecond)
				return runtime.NumGoroutine(), countFDs(t)
			}
			return ng, nfd
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func countFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		testenv.Missing(t, "no /proc/self/fd on this system")
	}
	return len(entries)
}
