package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/internal/sitetest"
)

// TestHistory: a version recorded from a build stays published, byte for byte, at
// /declarations/VERSION/ with its matrix, after the site moved on to the next version;
// /declarations/ says what changed; and it survives a fresh copy of the site (the history
// is a folder of the site, nothing else).
func TestHistory(t *testing.T) {
	src, _ := filepath.Abs("../../examples/minimal")
	site := filepath.Join(t.TempDir(), "site")
	copyDir(t, src, site)
	pub := filepath.Join(site, "public")
	build(t, site, pub)
	ctx := context.Background()
	rec, err := Record(ctx, site, pub)
	if err != nil {
		t.Fatal(err)
	}
	if rec != "history/2026.1.json" {
		t.Errorf("recorded at %s", rec)
	}
	first, _ := os.ReadFile(filepath.Join(pub, "declaration.json"))
	kept, _ := os.ReadFile(filepath.Join(site, "history", "2026.1.json"))
	if !bytes.Equal(first, kept) {
		t.Fatal("history/2026.1.json is not the published declaration.json")
	}
	if _, err := Record(ctx, site, pub); err != nil {
		t.Errorf("recording the same version again, unchanged: %v", err)
	}

	// The next version: a requirement moves from partial to implemented.
	toml, _ := os.ReadFile(filepath.Join(site, "evident.toml"))
	sitetest.WriteFile(t, site, "evident.toml", bytes.Replace(toml, []byte(`version = "2026.1"`), []byte(`version = "2026.2"`), 1))
	ev := filepath.Join("content", "evidence", "vulnerability-reports.md")
	b, _ := os.ReadFile(filepath.Join(site, ev))
	sitetest.WriteFile(t, site, filepath.ToSlash(ev), bytes.Replace(b, []byte(`status = "partial"`), []byte(`status = "implemented"`), 1))
	fresh := filepath.Join(t.TempDir(), "clone")
	copyDir(t, site, fresh) // public/ too, which a clone would not have: it is replaced
	os.RemoveAll(filepath.Join(fresh, "public"))
	out := filepath.Join(t.TempDir(), "out")
	build(t, fresh, out)
	got := tree(t, out)
	if !bytes.Equal(got["declarations/2026.1/declaration.json"], first) {
		t.Error("/declarations/2026.1/declaration.json is not the recorded declaration")
	}
	page := string(got["declarations/2026.1/index.html"])
	if !strings.Contains(page, "(3)-1") || !strings.Contains(page, "2026-10-01") {
		t.Errorf("/declarations/2026.1/ does not show its matrix:\n%.2000s", page)
	}
	changes := string(got["declarations/index.html"])
	for _, want := range []string{"2026.2", "2026.1", "(3)-1", "status-partial", "status-implemented", `href="/declarations/2026.1/"`} {
		if !strings.Contains(changes, want) {
			t.Errorf("/declarations/ lacks %q", want)
		}
	}

	// Recording 2026.1 again from another build is refused: a published version never changes.
	if _, err := Record(ctx, fresh, out); err != nil {
		t.Fatalf("recording 2026.2: %v", err)
	}
	sitetest.WriteFile(t, fresh, "history/2026.1.json", bytes.Replace(first, []byte(`"version": "2026.1"`), []byte(`"version": "2026.3"`), 1))
	_, err = Run(ctx, Options{Root: fresh, Destination: filepath.Join(t.TempDir(), "x"), AsOf: asOf, Generator: "evident test"})
	var d diag.Diagnostic
	if !errors.As(err, &d) || d.Code != "history-version" || d.Pos.File != "history/2026.1.json" {
		t.Errorf("a history file named for another version: %v", err)
	}
}
