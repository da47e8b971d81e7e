package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCacheDigest(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.bin")
	write := func(s string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	write("abc", t0)
	var c FileFacts
	first, err := c.Digest(p)
	if err != nil || first.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" || first.Size != 3 {
		t.Fatalf("Digest = %+v, %v", first, err)
	}
	// Same size and time: the cached digest is returned without reading the file.
	write("xyz", t0)
	if again, _ := c.Digest(p); again.SHA256 != first.SHA256 {
		t.Errorf("an unchanged file (same size and time) was read again")
	}
	// A new modification time: read again.
	write("xyz", t0.Add(time.Second))
	if changed, _ := c.Digest(p); changed.SHA256 == first.SHA256 {
		t.Errorf("a changed file kept its old digest")
	}
	if _, err := c.Digest(p + ".missing"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}
