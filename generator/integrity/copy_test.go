package integrity

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// copySource writes files of several read buffers and of none into a folder.
func copySource(t *testing.T) (dir string, files map[string]string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	files = map[string]string{
		"empty":              "",
		"a/one":              "1",
		"a/b/three-buffers":  strings.Repeat("0123456789abcdef", 3*bufSize/16) + "tail",
		"exactly-one-buffer": strings.Repeat("x", bufSize),
		"z":                  "last",
	}
	writeTree(t, dir, files)
	return dir, files, []string{"z", "a/b/three-buffers", "empty", "exactly-one-buffer", "a/one"}
}

// TestCopyFiles: every file is copied byte for byte, and its entry is that of the bytes,
// in the order of the paths given, however many files are copied at a time.
func TestCopyFiles(t *testing.T) {
	src, files, paths := copySource(t)
	for _, workers := range []int{1, 2, 8} {
		dst := t.TempDir()
		got, err := CopyFiles(context.Background(), src, dst, paths, workers)
		if err != nil {
			t.Fatalf("%d workers: %v", workers, err)
		}
		if len(got) != len(paths) {
			t.Fatalf("%d workers: %d entries for %d files", workers, len(got), len(paths))
		}
		for i, p := range paths {
			want := Entry{Path: p, Size: int64(len(files[p])), SHA256: sha(files[p])}
			if got[i] != want {
				t.Errorf("%d workers: entry %d = %+v, want %+v", workers, i, got[i], want)
			}
			b, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(p)))
			if err != nil || string(b) != files[p] {
				t.Errorf("%d workers: the copy of %s differs (%d bytes, %v)", workers, p, len(b), err)
			}
		}
	}
}

// TestCopyFilesErrors: a file that cannot be read, or whose copy would replace a file,
// is an error that names it, and only it: the copies it stopped are not reported.
func TestCopyFilesErrors(t *testing.T) {
	src, _, paths := copySource(t)
	if err := os.Mkdir(filepath.Join(src, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		bad, op string
		before  func(dst string)
	}{
		"folder":  {bad: "folder", op: "read"},
		"missing": {bad: "a/gone", op: "read"},
		"outside": {bad: "../outside", op: "read"},
		"exists": {bad: "a/one", op: "write", before: func(dst string) {
			writeTree(t, dst, map[string]string{"a/one": "kept"})
		}},
	} {
		t.Run(name, func(t *testing.T) {
			dst := t.TempDir()
			if tc.before != nil {
				tc.before(dst)
			}
			list := append([]string{tc.bad}, paths...)
			if tc.bad == "a/one" {
				list = paths
			}
			_, err := CopyFiles(context.Background(), src, dst, list, 2)
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != tc.bad || pe.Op != tc.op || strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error %q, want one error, to %s %s", err, tc.op, tc.bad)
			}
			if errors.Is(err, context.Canceled) {
				t.Errorf("error %q reports the copies it stopped", err)
			}
			if tc.before != nil {
				if b, _ := os.ReadFile(filepath.Join(dst, "a", "one")); string(b) != "kept" {
					t.Errorf("the file in the way was replaced: %q", b)
				}
			}
		})
	}
}

// errCounter is a context cancelled at its n+1th call of Err; calls counts them.
type errCounter struct {
	context.Context
	mu       sync.Mutex
	n, calls int
	done     chan struct{}
}

func (c *errCounter) Done() <-chan struct{} { return c.done }

func (c *errCounter) Err() error {
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

// TestCopyFilesCancel: once ctx is cancelled, every copy stops at its next buffer and
// no file is started: the error wraps ctx's, and little more than what was read before
// reached the copies.
func TestCopyFilesCancel(t *testing.T) {
	src := t.TempDir()
	var paths []string
	big := strings.Repeat("z", 8*bufSize)
	for _, p := range []string{"a", "b", "c", "d", "e", "f"} {
		writeTree(t, src, map[string]string{p: big})
		paths = append(paths, p)
	}
	dst := t.TempDir()
	ctx := &errCounter{Context: context.Background(), n: 3, done: make(chan struct{})}
	_, err := CopyFiles(ctx, src, dst, paths, 2)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("CopyFiles = %v, want an error wrapping context.Canceled", err)
	}
	var written int64
	err = filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			written += fi.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Three checks of ctx passed: at most three buffers were read and copied.
	if written > 3*bufSize {
		t.Errorf("%d bytes copied after 3 checks of the context, at most %d expected", written, 3*bufSize)
	}
	// After the cancellation, each worker checks once more, and nothing else does.
	if extra := ctx.calls - (ctx.n + 1); extra > 2 {
		t.Errorf("ctx checked %d more times after it was cancelled; the copies went on", extra)
	}
}

// TestCopyFilesMemory: the copy goes through a pooled buffer, whatever the size of the
// file: copying a file of 32 buffers allocates a small part of it.
func TestCopyFilesMemory(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{"big": string(bytes.Repeat([]byte{7}, 32*bufSize))})
	copyOnce := func() {
		if _, err := CopyFiles(context.Background(), src, t.TempDir(), []string{"big"}, 1); err != nil {
			t.Fatal(err)
		}
	}
	copyOnce() // the pool's buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	copyOnce()
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 2*bufSize {
		t.Errorf("copying %d bytes allocated %d bytes", 32*bufSize, n)
	}
}
