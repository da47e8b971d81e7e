package build

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/site"
)

// newTestWritten is a written over a fresh output folder, and that folder.
func newTestWritten(t *testing.T) (*written, string) {
	t.Helper()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "site")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := newWritten(out, filepath.Join(tmp, tempSpool), asOf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.close)
	return w, out
}

// writeThrough writes the chunks to the file p of out through w, as Hugo does.
func writeThrough(t *testing.T, w *written, out, p string, chunks ...string) {
	t.Helper()
	name := filepath.Join(out, filepath.FromSlash(p))
	if err := w.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chunks {
		if _, err := io.WriteString(f, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// walked asks w about the file p of out as the integrity walk does: with its Lstat.
func walked(t *testing.T, w *written, out, p string) (integrity.Entry, bool) {
	t.Helper()
	fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return w.known(p, fi)
}

// TestWrittenRecords checks that a file written through written is known by the digest
// of what is on disk, and that its archive entry is the one writeArchive makes when it
// reads the file, once the walk confirmed it.
func TestWrittenRecords(t *testing.T) {
	w, out := newTestWritten(t)
	page := strings.Repeat("<p>証跡 evidence</p>\n", 500)
	writeThrough(t, w, out, "evidence/a/index.html", page[:100], page[100:], "")
	if _, ok := w.archived("evidence/a/index.html"); ok {
		t.Error("archived before the walk found the file")
	}
	got, ok := walked(t, w, out, "evidence/a/index.html")
	want, err := integrity.DigestFile(filepath.Join(out, "evidence", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	want.Path = "evidence/a/index.html"
	if diff := cmp.Diff(want, got); !ok || diff != "" {
		t.Fatalf("known = %v (-want +got):\n%s", ok, diff)
	}
	ze, ok := w.archived("evidence/a/index.html")
	if !ok || ze.err != nil {
		t.Fatalf("archived = %v, %v", ok, ze.err)
	}
	read := compress("evidence/a/index.html", []byte(page), asOf, false)
	if diff := cmp.Diff(read.hdr, ze.hdr); diff != "" || !bytes.Equal(read.data, ze.data) {
		t.Errorf("the spooled entry differs from the one made from the file (-read +spooled):\n%s", diff)
	}
	if _, ok := w.known("evidence/b/index.html", nil); ok {
		t.Error("a file never written is known")
	}
}

// TestWrittenLeavesOut checks every way of writing a file that written cannot follow, and
// every change after it was written: the file has no record, or one that the walk finds
// out of date, so that the walk reads it. Each way leaves the file's size equal to the
// bytes the last handle wrote, so that the check of the size alone would not see it.
func TestWrittenLeavesOut(t *testing.T) {
	const p = "dir/page.html"
	for _, tc := range []struct {
		name  string
		write func(t *testing.T, w *written, name string)
		stale bool // a record is left, which the walk finds out of date
	}{
		{name: "two handles at once", write: func(t *testing.T, w *written, name string) {
			a, _ := w.Create(name)
			b, _ := w.Create(name)
			io.WriteString(b, "bbbb")
			io.WriteString(a, "aa") // "aabb" on disk
			a.Close()
			b.Close()
		}},
		{name: "written at an offset", write: func(t *testing.T, w *written, name string) {
			f, _ := w.Create(name)
			f.WriteAt([]byte("z"), 0)
			io.WriteString(f, "y")
			f.Close()
		}},
		{name: "seeked", write: func(t *testing.T, w *written, name string) {
			f, _ := w.Create(name)
			io.WriteString(f, "abcd")
			f.Seek(0, io.SeekStart)
			io.WriteString(f, "x")
			f.Seek(5, io.SeekStart)
			io.WriteString(f, "y") // "xbcd\0y"
			f.Close()
		}},
		{name: "truncated", write: func(t *testing.T, w *written, name string) {
			f, _ := w.Create(name)
			io.WriteString(f, "abcd")
			f.Truncate(2)
			io.WriteString(f, "xy") // "ab\0\0xy"
			f.Close()
		}},
		{name: "read", write: func(t *testing.T, w *written, name string) {
			f, _ := w.Create(name)
			io.WriteString(f, "hello")
			f.Read(make([]byte, 1))
			f.Close()
		}},
		{name: "rewritten, never closed", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			f, _ := w.Create(name)
			io.WriteString(f, "other")
		}},
		{name: "removed while written", write: func(t *testing.T, w *written, name string) {
			f, _ := w.Create(name)
			io.WriteString(f, "first")
			w.Remove(name)
			f.Close()
			os.WriteFile(name, []byte("FIRST"), 0o644)
		}},
		{name: "rewritten afterwards, same size, other time", stale: true, write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			fi, _ := os.Lstat(name)
			os.WriteFile(name, []byte("FIRST"), 0o644)
			os.Chtimes(name, time.Time{}, fi.ModTime().Add(-time.Second))
		}},
		{name: "replaced, same size and time", stale: true, write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			fi, _ := os.Lstat(name)
			os.WriteFile(name+".new", []byte("FIRST"), 0o644)
			os.Chtimes(name+".new", time.Time{}, fi.ModTime())
			os.Rename(name+".new", name)
		}},
		{name: "removed, then written otherwise", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			w.Remove(name)
			os.WriteFile(name, []byte("FIRST"), 0o644)
		}},
		{name: "folder removed, then written otherwise", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			w.RemoveAll(filepath.Dir(name))
			os.MkdirAll(filepath.Dir(name), 0o755)
			os.WriteFile(name, []byte("FIRST"), 0o644)
		}},
		{name: "output removed, then written otherwise", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			w.RemoveAll(outOf(name))
			os.MkdirAll(filepath.Dir(name), 0o755)
			os.WriteFile(name, []byte("FIRST"), 0o644)
		}},
		{name: "folder holding the output removed, then written otherwise", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			w.RemoveAll(filepath.Dir(outOf(name)))
			os.MkdirAll(filepath.Dir(name), 0o755)
			os.WriteFile(name, []byte("FIRST"), 0o644)
		}},
		{name: "renamed over", write: func(t *testing.T, w *written, name string) {
			writeThrough(t, w, outOf(name), p, "first")
			os.WriteFile(name+".new", []byte("FIRST"), 0o644)
			w.Rename(name+".new", name)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, out := newTestWritten(t)
			name := filepath.Join(out, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			tc.write(t, w, name)
			if r := w.files[p]; (r != nil) != tc.stale {
				t.Errorf("record %+v; want one: %v", r, tc.stale)
			}
			if e, ok := walked(t, w, out, p); ok {
				t.Errorf("known: %+v", e)
			}
			if _, ok := w.archived(p); ok {
				t.Error("archived")
			}
		})
	}
}

// outOf is the output folder of the file name of TestWrittenLeavesOut.
func outOf(name string) string { return filepath.Dir(filepath.Dir(name)) }

// TestWrittenLarge checks that a file too large for the archive is known, and has no
// archive entry (writeArchive leaves it out), and that a file outside the output is not
// recorded.
func TestWrittenLarge(t *testing.T) {
	defer func(n int64) { archiveMaxFile = n }(archiveMaxFile)
	archiveMaxFile = 10
	w, out := newTestWritten(t)
	writeThrough(t, w, out, "big.bin", "0123456", "789ab")
	if e, ok := walked(t, w, out, "big.bin"); !ok || e.Size != 12 {
		t.Errorf("known = %+v, %v; want 12 bytes", e, ok)
	}
	if _, ok := w.archived("big.bin"); ok {
		t.Error("a file larger than archiveMaxFile is archived")
	}
	outside := filepath.Join(filepath.Dir(out), "outside.txt")
	f, err := w.Create(outside)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "x")
	f.Close()
	if len(w.files) != 1 {
		t.Errorf("records: %v", w.files)
	}
}

// TestWrittenAsRead builds the example site twice: as Run does, the render writing
// through written, and with the render writing straight to the disk, so that the
// integrity step reads every file. Both outputs are the same, byte for byte; and the
// first took every page and every file of static/ from its records (the artifacts and
// their sidecars, written after the render, are read).
func TestWrittenAsRead(t *testing.T) {
	src, _ := filepath.Abs("../../examples/acme")
	run := func(steps Steps, dest string) *State {
		st := newRun(Options{Root: src, Destination: dest, AsOf: asOf, Generator: "evident test"})
		t.Cleanup(st.cleanup)
		if err := steps.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	st := run(Pipeline, a)
	run(Pipeline.Swap("render", func(ctx context.Context, st *State) error {
		if err := st.makeOutput(); err != nil {
			return err
		}
		return site.Render(ctx, st.Input, afero.NewOsFs(), st.out, st.Log)
	}), b)
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) < 300 || len(ta) != len(tb) {
		t.Fatalf("%d and %d files built", len(ta), len(tb))
	}
	for name, x := range ta {
		if !bytes.Equal(x, tb[name]) {
			t.Errorf("%s differs", name)
		}
	}
	published := map[string]bool{ManifestFile: true, ArchiveFile: true}
	for _, e := range st.published { // and their sidecars, written by the artifacts step
		published[e.Path], published[e.Path+".sha256"] = true, true
	}
	for _, e := range st.Files {
		if r := st.written.files[e.Path]; !published[e.Path] && (r == nil || !r.confirmed || r.zip == nil) {
			t.Errorf("%s was read again", e.Path)
		}
	}
}
