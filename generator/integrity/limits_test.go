package integrity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/diag"
)

// endless is an io.Reader of head, then item(0), item(1), ... up to n items (or without
// end when n < 0), then tail. It counts the bytes read, and every 256 reads it samples the
// heap in use, so that a test can tell how much a reader of it kept.
type endless struct {
	head, tail string
	item       func(b []byte, i int) []byte
	n          int

	i, reads int
	buf      []byte
	read     atomic.Int64
	heap     uint64 // peak heap in use seen
	headDone bool
	tailDone bool
}

func (e *endless) Read(p []byte) (int, error) {
	for len(e.buf) == 0 {
		switch {
		case !e.headDone:
			e.buf, e.headDone = append(e.buf, e.head...), true
		case e.n < 0 || e.i < e.n:
			e.buf = e.item(e.buf, e.i)
			e.i++
		case !e.tailDone:
			e.buf, e.tailDone = append(e.buf, e.tail...), true
		default:
			return 0, io.EOF
		}
	}
	if e.reads++; e.reads%256 == 1 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		e.heap = max(e.heap, ms.HeapInuse)
	}
	n := copy(p, e.buf)
	e.buf = e.buf[:copy(e.buf, e.buf[n:])]
	e.read.Add(int64(n))
	return n, nil
}

// heapGrowth runs fn and returns how much the heap in use grew above what it was before,
// at the peak r saw.
func heapGrowth(r *endless, fn func()) int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapInuse
	r.heap = before
	fn()
	runtime.ReadMemStats(&ms)
	return int64(max(r.heap, ms.HeapInuse)) - int64(before)
}

func diagnostics(t *testing.T, err error) []diag.Diagnostic {
	t.Helper()
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var ds []diag.Diagnostic
	for _, e := range errs {
		var d diag.Diagnostic
		if !errors.As(e, &d) {
			t.Fatalf("error without a position: %v", e)
		}
		ds = append(ds, d)
	}
	return ds
}

const manifestHead = "{\n  \"algorithm\": \"sha256\",\n  \"files\": [\n"

// badEntries is a manifest of 200 MB of entries that all leave the site root.
func badEntries() *endless {
	return &endless{head: manifestHead, n: 2_000_000, tail: "  ]\n}\n", item: func(b []byte, i int) []byte {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		return fmt.Appendf(b, `    {"path": "../escape/%08d", "size": 1, "sha256": "%s"}`, i, sumA)
	}}
}

// TestReadManifestHostile checks that ReadManifest stops early on a huge manifest of bad
// entries, reports a bounded number of problems at their lines, and keeps little memory,
// and that one huge value or a manifest past the size limit is refused the same way.
func TestReadManifestHostile(t *testing.T) {
	t.Run("bad entries", func(t *testing.T) {
		r := badEntries()
		var err error
		grew := heapGrowth(r, func() { _, err = ReadManifest(ManifestFile, r) })
		ds := diagnostics(t, err)
		if len(ds) != maxDiagnostics {
			t.Errorf("%d diagnostics, want %d", len(ds), maxDiagnostics)
		}
		if d := ds[1]; d.Pos != (diag.Position{File: ManifestFile, Line: 5, Col: 5}) || d.Code != "manifest-entry" {
			t.Errorf("second diagnostic %v [%s], want one at %s:5:5", d, d.Code, ManifestFile)
		}
		if n := r.read.Load(); n > 1<<20 {
			t.Errorf("read %d bytes of the manifest to report %d problems", n, len(ds))
		}
		if grew > 8<<20 {
			t.Errorf("heap grew by %d MiB", grew>>20)
		}
	})
	t.Run("huge value", func(t *testing.T) {
		r := &endless{head: manifestHead + `    {"path": "`, n: 200 << 10, item: func(b []byte, _ int) []byte {
			return append(b, strings.Repeat("x", 1024)...) // 200 MiB in all
		}}
		var err error
		grew := heapGrowth(r, func() { _, err = ReadManifest(ManifestFile, r) })
		ds := diagnostics(t, err)
		if len(ds) != 1 || ds[0].Code != "manifest-too-long" || ds[0].Pos != (diag.Position{File: ManifestFile, Line: 4, Col: 14}) {
			t.Errorf("diagnostics %v, want one manifest-too-long at 4:14", ds)
		}
		if n := r.read.Load(); n > 1<<20 {
			t.Errorf("read %d bytes of a value longer than %d", n, maxSumsLine)
		}
		if grew > 8<<20 {
			t.Errorf("heap grew by %d MiB", grew>>20)
		}
	})
	t.Run("too large", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 128 MiB")
		}
		// Unknown fields of 32 KiB each: every value is allowed, the whole is not.
		r := &endless{head: "{\"files\": [],\n", n: -1, item: func(b []byte, i int) []byte {
			return fmt.Appendf(b, "%q: %q,\n", fmt.Sprint("x", i), strings.Repeat("x", 32<<10))
		}}
		_, err := ReadManifest(ManifestFile, r)
		ds := diagnostics(t, err)
		if len(ds) != 1 || ds[0].Code != "manifest-size" || ds[0].Pos.Line < 4000 {
			t.Errorf("diagnostics %v, want one manifest-size past line 4000", ds)
		}
		if n := r.read.Load(); n > maxManifest+1<<20 {
			t.Errorf("read %d bytes, more than the limit of %d", n, maxManifest)
		}
	})
}

// TestListsTooManyEntries checks the cap on the entries of SHA256SUMS and integrity.json.
func TestListsTooManyEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("reads lists of half a million entries")
	}
	line := func(b []byte, i int) []byte { return fmt.Appendf(b, "%s  f/%d\n", sumA, i) }
	_, err := ParseSums(SumsFile, &endless{n: maxEntries + 1, item: line})
	ds := diagnostics(t, err)
	if len(ds) != 1 || ds[0].Code != "sums-too-many" || ds[0].Pos != (diag.Position{File: SumsFile, Line: maxEntries + 1, Col: 67}) {
		t.Errorf("SHA256SUMS: %v, want sums-too-many at line %d", ds, maxEntries+1)
	}
	if entries, err := ParseSums(SumsFile, &endless{n: maxEntries, item: line}); err != nil || len(entries) != maxEntries {
		t.Errorf("SHA256SUMS of %d entries: %d, %v", maxEntries, len(entries), err)
	}

	entry := func(b []byte, i int) []byte {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		return fmt.Appendf(b, `{"path": "f/%d", "size": 1, "sha256": "%s"}`, i, sumA)
	}
	_, err = ReadManifest(ManifestFile, &endless{head: manifestHead, n: maxEntries + 1, item: entry, tail: "]}"})
	ds = diagnostics(t, err)
	if len(ds) != 1 || ds[0].Code != "manifest-too-many" || ds[0].Pos != (diag.Position{File: ManifestFile, Line: maxEntries + 4, Col: 1}) {
		t.Errorf("integrity.json: %v, want manifest-too-many at line %d", ds, maxEntries+4)
	}
}

// TestVerifyHTTPHostileManifest verifies a site whose server sends 200 MB of bad entries
// as integrity.json: Verify reports a bounded number of problems after reading little.
func TestVerifyHTTPHostileManifest(t *testing.T) {
	r := badEntries()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/SHA256SUMS":
			w.Write([]byte(sha("x") + "  x.txt\n"))
		case "/x.txt":
			w.Write([]byte("x"))
		case "/integrity.json":
			io.Copy(w, r)
		default:
			http.NotFound(w, req)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var err error
	grew := heapGrowth(r, func() { _, err = Verify(ctx, srv.URL, VerifyOptions{}) })
	if ds := diagnostics(t, err); len(ds) != maxDiagnostics {
		t.Errorf("%d diagnostics, want %d", len(ds), maxDiagnostics)
	}
	t.Logf("server sent %d KiB; heap grew by %d KiB", r.read.Load()>>10, grew>>10)
	if grew > 16<<20 {
		t.Errorf("heap grew by %d MiB", grew>>20)
	}
}

// TestVerifyHTTPDeclaredSize checks that a file is read to at most one byte past the size
// integrity.json declares: a server that never stops sending it cannot hold Verify.
func TestVerifyHTTPDeclaredSize(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/SHA256SUMS":
			w.Write([]byte(sha("x") + "  x.txt\n"))
		case "/integrity.json":
			fmt.Fprintf(w, `{"algorithm": "sha256", "files": [{"path": "x.txt", "size": 1, "sha256": "%s"}]}`, sha("x"))
		case "/x.txt":
			chunk := []byte(strings.Repeat("x", 32<<10))
			for req.Context().Err() == nil && sent.Load() < 1<<30 {
				n, err := w.Write(chunk)
				sent.Add(int64(n))
				if err != nil {
					return
				}
			}
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := Verify(ctx, srv.URL, VerifyOptions{})
	if err != nil || len(rep.Changed) != 1 {
		t.Fatalf("Verify = %+v, %v; want x.txt changed", rep, err)
	}
	if n := sent.Load(); n > 64<<20 {
		t.Errorf("the server could send %d MiB of a file declared as 1 byte", n>>20)
	}
}

// TestVerifyDeadline checks that when ctx ends, Verify says why in one error, whatever the
// number of files left.
func TestVerifyDeadline(t *testing.T) {
	var sums strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&sums, "%s  f/%d\n", sha("x"), i)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/SHA256SUMS" {
			w.Write([]byte(sums.String()))
			return
		}
		select { // slow, but never forever
		case <-req.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	cause := errors.New("stopped by the test")
	ctx, cancel := context.WithTimeoutCause(context.Background(), 300*time.Millisecond, cause)
	defer cancel()
	_, err := Verify(ctx, srv.URL, VerifyOptions{})
	if !errors.Is(err, cause) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("err = %v, want only %v", err, cause)
	}
}
