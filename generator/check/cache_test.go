package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/evidence"
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

// TestCacheParsed: with KeepParsed, a check parses again only the evidence files whose
// bytes changed, whatever their size and time say; without it, every check parses.
func TestCacheParsed(t *testing.T) {
	root := t.TempDir()
	write := func(rel, s string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("evident.toml", "title = \"T\"\nbaseURL = \"https://trust.example.com/\"\n[organization]\nname = \"O\"\nurl = \"https://www.example.com/\"\ncontact = \"security@example.com\"\n")
	file := func(title string) string {
		return "+++\ntitle = \"" + title + "\"\nrequirements = [\"(1)-3\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\n+++\nStatement.\n"
	}
	write("content/evidence/a.md", file("A"))
	write("content/evidence/b.md", file("B"))
	parsed := func(c *FileFacts) map[string]*evidence.File {
		t.Helper()
		res := Run(root, Options{Cache: c})
		if !res.OK(false) {
			t.Fatalf("check: %v", res.Diagnostics)
		}
		out := map[string]*evidence.File{}
		for _, e := range res.Evidence {
			out[e.File.Path] = e.File
		}
		return out
	}
	keep := &FileFacts{KeepParsed: true}
	first := parsed(keep)
	write("content/evidence/b.md", file("C")) // same size
	second := parsed(keep)
	if second["content/evidence/a.md"] != first["content/evidence/a.md"] {
		t.Error("an unchanged file was parsed again")
	}
	if b := second["content/evidence/b.md"]; b == first["content/evidence/b.md"] || b.Title.Value != "C" {
		t.Errorf("a changed file kept its old parse: %q", b.Title.Value)
	}
	var once FileFacts
	if parsed(&once)["content/evidence/a.md"] == parsed(&once)["content/evidence/a.md"] {
		t.Error("without KeepParsed, a parse was kept")
	}
}

// TestStatementOnly: a change after the front matter is a statement edit; one in the
// front matter, or one that changes what the parse reports, is not.
func TestStatementOnly(t *testing.T) {
	const rel = "content/evidence/a.md"
	head := "+++\ntitle = \"A\"\nrequirements = [\"(1)-3\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\n+++\n"
	c := &FileFacts{KeepParsed: true}
	if c.StatementOnly(rel, []byte(head+"One.\n")) {
		t.Error("a file never parsed is taken for a statement edit")
	}
	c.parse(rel, []byte(head+"One.\n"))
	for _, tc := range []struct {
		name, data string
		want       bool
	}{
		{"same bytes", head + "One.\n", true},
		{"statement", head + "Two.\n\nAnd more.\n", true},
		{"title", strings.Replace(head, `"A"`, `"B"`, 1) + "Two.\n\nAnd more.\n", false},
		{"back", head + "Three.\n", false}, // from the title edit: the front matter changed
		{"statement again", head + "Four.\n", true},
		{"new diagnostic", head + "Four.\xff\n", false},
	} {
		if got := c.StatementOnly(rel, []byte(tc.data)); got != tc.want {
			t.Errorf("%s: StatementOnly = %v, want %v", tc.name, got, tc.want)
		}
	}
	off := &FileFacts{}
	off.parse(rel, []byte(head+"One.\n"))
	if off.StatementOnly(rel, []byte(head+"Two.\n")) {
		t.Error("without KeepParsed, an edit is taken for a statement edit")
	}
}
