package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// badManifest is an io.Reader of an integrity.json of two million entries (200 MB) that
// all leave the site root; it samples the heap in use as it is read.
type badManifest struct {
	i, reads int
	buf      []byte
	sent     atomic.Int64
	peak     uint64
}

func (m *badManifest) Read(p []byte) (int, error) {
	for len(m.buf) == 0 {
		switch {
		case m.i == 0:
			m.buf = append(m.buf, "{\n  \"algorithm\": \"sha256\",\n  \"files\": [\n"...)
		case m.i <= 2_000_000:
			m.buf = fmt.Appendf(m.buf, "    {\"path\": \"../escape/%08d\", \"size\": 1, \"sha256\": \"%s\"},\n", m.i, strings.Repeat("a", 64))
		default:
			return 0, io.EOF
		}
		m.i++
	}
	if m.reads++; m.reads%256 == 1 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		m.peak = max(m.peak, ms.HeapInuse)
	}
	n := copy(p, m.buf)
	m.buf = m.buf[:copy(m.buf, m.buf[n:])]
	m.sent.Add(int64(n))
	return n, nil
}

// TestVerifyURLHostileManifest verifies a site whose server sends 200 MB of bad entries as
// integrity.json: evident fails after reading little, with a bounded number of lines, and
// the heap stays small.
func TestVerifyURLHostileManifest(t *testing.T) {
	m := &badManifest{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/SHA256SUMS":
			fmt.Fprintf(w, "%s  index.html\n", strings.Repeat("a", 64))
		case "/integrity.json":
			io.Copy(w, m)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapInuse
	m.peak = before
	code, out := runBounded(t, []string{"verify", srv.URL + "/"})
	runtime.ReadMemStats(&ms)
	grew := int64(max(m.peak, ms.HeapInuse)) - int64(before)
	lines := strings.Count(out, "\n")
	t.Logf("exit %d, %d lines; the server sent %d KiB; the heap grew by %d KiB\n%s", code, lines, m.sent.Load()>>10, grew>>10, clip(out))
	if code != ExitProblems {
		t.Errorf("exit %d, want %d", code, ExitProblems)
	}
	if !strings.Contains(out, "integrity.json:5:5: error: files[1]: path \"../escape/00000002\" leaves the site root") {
		t.Errorf("the output does not name the second bad entry at integrity.json:5:5")
	}
	if lines > 60 {
		t.Errorf("%d lines of output, want at most 60", lines)
	}
	if grew > 32<<20 {
		t.Errorf("the heap grew by %d MiB", grew>>20)
	}
}

// TestVerifyURLTimeout checks that --timeout bounds a verify of a server that answers
// too slowly, and that evident then says so in one line.
func TestVerifyURLTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/SHA256SUMS":
			for i := range 500 {
				fmt.Fprintf(w, "%s  f/%d\n", strings.Repeat("a", 64), i)
			}
			return
		case "/integrity.json":
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("slow"))
		w.(http.Flusher).Flush()
		select { // hang mid-body until the client gives up, but never forever
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
	}))
	defer srv.Close()
	code, out := runBounded(t, []string{"verify", "--timeout", "1s", srv.URL + "/"})
	if code != ExitProblems {
		t.Errorf("exit %d, want %d\n%s", code, ExitProblems, out)
	}
	want := "evident: gave up after 1s (--timeout); a larger --timeout gives a slow server more time\n"
	if out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestVerifyTimeoutFlag checks the flag's value.
func TestVerifyTimeoutFlag(t *testing.T) {
	if code, out := runBounded(t, []string{"verify", "--timeout", "-1s", "http://127.0.0.1:1/"}); code != ExitUsage {
		t.Errorf("--timeout -1s: exit %d, want %d\n%s", code, ExitUsage, out)
	}
}
