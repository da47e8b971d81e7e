package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/integrity"
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

// TestCacheSeed: a digest given by whoever read the file (the build's copy) is returned
// without reading the file while it has the size and time it had then, and the file is
// read again once it changed.
func TestCacheSeed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.bin")
	if err := os.WriteFile(p, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	var c FileFacts
	// Not the digest of "abc": only a digest that was never computed here can show that
	// Digest did not read the file.
	seeded := integrity.Entry{Path: "a.bin", Size: 3, SHA256: strings.Repeat("5", 64)}
	c.Seed(p, fi, seeded)
	got, err := c.Digest(p)
	if err != nil || got.SHA256 != seeded.SHA256 || got.Size != 3 || got.Path != filepath.ToSlash(p) {
		t.Errorf("Digest after Seed = %+v, %v; want the seeded digest, at the file's absolute path", got, err)
	}
	later := fi.ModTime().Add(time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Digest(p); got.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("a file changed since it was seeded kept the seeded digest: %+v", got)
	}
}
