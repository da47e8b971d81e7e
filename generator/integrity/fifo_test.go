//go:build unix

package integrity

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestVerifyFIFO checks that Verify of a directory refuses a FIFO, as SHA256SUMS or as a
// file it lists, instead of waiting forever for a writer that never comes.
func TestVerifyFIFO(t *testing.T) {
	for _, fifo := range []string{SumsFile, "downloads/app.tar.gz"} {
		t.Run(fifo, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"index.html": "x"})
			if fifo != SumsFile {
				writeTree(t, dir, map[string]string{SumsFile: sha("x") + "  index.html\n" + sha("y") + "  " + fifo + "\n"})
			}
			p := filepath.Join(dir, filepath.FromSlash(fifo))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("cannot make a FIFO here: %v", err)
			}
			// Whatever happens, let a blocked reader go when the test ends.
			t.Cleanup(func() {
				if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
			})

			done := make(chan error, 1)
			go func() {
				_, err := Verify(context.Background(), dir, VerifyOptions{})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "open "+fifo+": not a regular file") {
					t.Errorf("err = %v, want %q named as not a regular file", err, fifo)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("Verify still blocked on the FIFO %s after 20s", fifo)
			}
		})
	}
}

// TestCopyFilesFIFO: CopyFiles refuses a FIFO at once, naming it, instead of waiting for
// a writer.
func TestCopyFilesFIFO(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{"a": "a"})
	p := filepath.Join(src, "pipe")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	t.Cleanup(func() {
		if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := CopyFiles(context.Background(), src, t.TempDir(), []string{"a", "pipe"}, 2)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || err.Error() != "read pipe: not a regular file" {
			t.Errorf("err = %v, want the FIFO named as not a regular file", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("CopyFiles still blocked on the FIFO after 20s")
	}
}
