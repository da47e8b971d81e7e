package site

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSandbox: Hugo sees only its own folders of the site, and cannot write.
func TestSandbox(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"go.mod", "evident.toml", "artifacts/a.pdf", "content/evidence/a.md", "layouts/page.html", "static/x.txt"} {
		p = filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := newSandboxFs(root)
	for _, hidden := range []string{"go.mod", "evident.toml", "artifacts/a.pdf", "../outside"} {
		if _, err := s.Stat(filepath.Join(root, hidden)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(%s) = %v, want not-exist", hidden, err)
		}
		if _, err := s.Open(filepath.Join(root, hidden)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%s) = %v, want not-exist", hidden, err)
		}
	}
	if _, err := s.Stat(filepath.Join(root, "content/evidence/a.md")); err != nil {
		t.Errorf("content is hidden: %v", err)
	}
	if _, err := s.Create(filepath.Join(root, "content/new.md")); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Create = %v, want permission denied", err)
	}
	if _, err := s.OpenFile(filepath.Join(root, "content/evidence/a.md"), os.O_WRONLY, 0); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("OpenFile for writing = %v, want permission denied", err)
	}

	// The root lists only Hugo's folders, also when read a few entries at a time.
	d, err := s.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for range 10 {
		batch, err := d.Readdirnames(1)
		names = append(names, batch...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"content", "layouts", "static"}) {
		t.Errorf("root lists %v", names)
	}
}

// TestUserHasPage: a site's own page wins over the one evident would generate.
func TestUserHasPage(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"content/about.md", "content/faq/index.en.md", "content/_index.md"} {
		p = filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := Input{Root: root}
	for rel, want := range map[string]bool{
		"content/about/_index.md":    true,  // content/about.md
		"content/about/_index.en.md": false, // no English about page
		"content/faq/_index.en.md":   true,  // the bundle content/faq/index.en.md
		"content/faq/_index.md":      false,
		"content/_index.md":          true,
		"content/_index.en.md":       false, // not content.en.md or anything outside content/
		"content/sbom/_index.md":     false,
	} {
		if got := in.userHasPage(rel); got != want {
			t.Errorf("userHasPage(%s) = %v, want %v", rel, got, want)
		}
	}
}
