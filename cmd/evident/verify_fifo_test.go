//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestVerifyFIFO runs `evident verify` on a folder whose SHA256SUMS is a FIFO: evident
// names it as not a regular file instead of waiting for a writer (runBounded fails the
// test when it hangs).
func TestVerifyFIFO(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "SHA256SUMS")
	if err := mkfifo(p); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	t.Cleanup(func() { // let a blocked reader go
		if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	code, out := runBounded(t, []string{"verify", dir})
	if code != ExitProblems || !strings.Contains(out, "SHA256SUMS: not a regular file") {
		t.Errorf("exit %d, want %d and SHA256SUMS named as not a regular file:\n%s", code, ExitProblems, out)
	}
}
