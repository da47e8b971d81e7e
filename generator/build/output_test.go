package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/evident-dev/evident/internal/sitetest"
)

// cancelSite has an artifact of several read chunks, so that a build can be cancelled
// in the middle of copying it.
var cancelSite = noReloadSiteWith(`
[[artifacts]]
path = "artifacts/big.bin"
[[artifacts]]
path = "artifacts/small.txt"
`)

func noReloadSiteWith(artifacts string) string {
	return sitetest.OneEvidence(strings.TrimPrefix(artifacts, "\n")) + "-- artifacts/small.txt --\nsmall\n"
}

// cancelAfter is a context that is cancelled at its n+1th call of Err: a cancellation at
// a chosen point of a build, without timing. calls counts the calls.
type cancelAfter struct {
	context.Context
	mu    sync.Mutex
	n     int
	calls int
	done  chan struct{}
}

func newCancelAfter(n int) *cancelAfter {
	return &cancelAfter{Context: context.Background(), n: n, done: make(chan struct{})}
}

func (c *cancelAfter) Done() <-chan struct{} { return c.done }

func (c *cancelAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if c.calls <= c.n {
		return nil
	}
	if c.calls == c.n+1 {
		close(c.done)
	}
	return context.Canceled
}

// cancelFixture is a site and an earlier output of it in dest.
func cancelFixture(t *testing.T) (root, dest string) {
	t.Helper()
	root = sitetest.Unpack(t, cancelSite)
	sitetest.WriteFile(t, root, "artifacts/big.bin", bytes.Repeat([]byte("0123456789abcdef"), 256<<10)) // 4 MiB
	dest = filepath.Join(t.TempDir(), "out")
	build(t, root, dest)
	return root, dest
}

// assertUntouched fails unless dest holds exactly the files of want and nothing but dest
// is left in its parent folder.
func assertUntouched(t *testing.T, dest string, want map[string][]byte) {
	t.Helper()
	got := tree(t, dest)
	if len(got) != len(want) {
		t.Errorf("the destination has %d files, want %d", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s changed", name)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			t.Errorf("%s left beside the destination", e.Name())
		}
	}
}

// TestCancelBefore: a build whose context is already cancelled does nothing.
func TestCancelBefore(t *testing.T) {
	root, dest := cancelFixture(t)
	before := tree(t, dest)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want an error wrapping context.Canceled", err)
	}
	assertUntouched(t, dest, before)
}

// TestCancelDuring cancels a build at each check of the context in the artifact copies
// (read by read, in the model step), at each of its last checks (integrity and publish),
// at its first ones and in the middle: every cancelled build returns the context's error,
// publishes nothing and leaves nothing behind.
func TestCancelDuring(t *testing.T) {
	root, dest := cancelFixture(t)
	before := tree(t, dest)
	run := func(ctx context.Context) error {
		_, err := Run(ctx, Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
		return err
	}
	count := newCancelAfter(1 << 30)
	if err := run(count); err != nil {
		t.Fatal(err)
	}
	n := count.calls
	// The 4 MiB artifact alone is read in several chunks.
	if n < 12 {
		t.Fatalf("a build checks its context only %d times", n)
	}
	assertUntouched(t, dest, before) // the same input gives the same bytes
	points := []int{0, 1, 2, n / 2}
	copies := Pipeline.index("model") + 1 // the checks before each step up to model come first
	for k := copies; k < copies+21; k++ { // as each file starts, then 17 reads of big.bin and 2 of small.txt
		points = append(points, k)
	}
	for k := n - 12; k < n; k++ {
		points = append(points, k)
	}
	cancelled := 0
	for _, k := range points {
		t.Run(strconv.Itoa(k), func(t *testing.T) {
			ctx := newCancelAfter(k)
			err := run(ctx)
			if ctx.calls <= k && err == nil {
				// Fewer checks this time (the renderer checks once more when it has to
				// render again): the build ended before check k+1, nothing to cancel.
				t.Logf("the build ended after %d checks", ctx.calls)
				return
			}
			cancelled++
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled at check %d of %d: Run = %v, want an error wrapping context.Canceled", k+1, n, err)
			}
			assertUntouched(t, dest, before)
		})
	}
	if cancelled < len(points)-2 {
		t.Errorf("only %d of %d builds were cancelled", cancelled, len(points))
	}
}

// TestStaleTemporaryOutput: a build removes the temporary outputs beside its destination
// that killed builds left (their process is gone, or is this one, which does not use
// them), and keeps those of running builds and those it cannot attribute.
func TestStaleTemporaryOutput(t *testing.T) {
	root := sitetest.Unpack(t, noReloadSiteWith("\n"))
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	dead := "2147483647" // above every process id a system hands out
	stale := []string{".public.evident-" + dead + "-1", ".public.evident-" + strconv.Itoa(os.Getpid()) + "-2"}
	kept := []string{
		".public.evident-1-3",           // process 1 always runs
		".public.evident-4",             // no process id: not this build's to judge
		".other.evident-" + dead + "-5", // another destination's
	}
	for _, name := range append(stale, kept...) {
		sitetest.WriteFile(t, parent, name+"/site/index.html", []byte("half built"))
	}
	// A running build of this process uses this one.
	running, release, err := tempOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	sitetest.WriteFile(t, running, "site/index.html", []byte("half built"))
	kept = append(kept, filepath.Base(running))
	build(t, root, dest)
	for _, name := range stale {
		if _, err := os.Lstat(filepath.Join(parent, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was not removed", name)
		}
	}
	for _, name := range kept {
		if _, err := os.Lstat(filepath.Join(parent, name, "site", "index.html")); err != nil {
			t.Errorf("%s was removed", name)
		}
	}
}

// TestStaleSwap: a build killed in the middle of publishing left the previous output in its
// temporary folder and no destination; cleaning up puts the previous output back.
func TestStaleSwap(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	tmp := filepath.Join(parent, ".public.evident-2147483647-1")
	sitetest.WriteFile(t, tmp, "site.old/index.html", []byte("previous"))
	sitetest.WriteFile(t, tmp, "site/index.html", []byte("half built"))
	removeStale(dest)
	b, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil || string(b) != "previous" {
		t.Fatalf("the previous output was not put back: %q, %v", b, err)
	}
	if _, err := os.Lstat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s was not removed", tmp)
	}
}
