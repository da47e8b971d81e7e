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

// TestGeneratedFs: the generated files are read from their folder under the site's
// names, and nothing can be written or reached outside it.
func TestGeneratedFs(t *testing.T) {
	root, dir := filepath.Join(t.TempDir(), "site"), t.TempDir()
	err := writeGenerated(dir, map[string][]byte{
		"hugo.toml":         []byte("title = 'x'\n"),
		"data/evident.json": []byte("{}"),
		"content/_index.md": []byte("---\n---\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	g := newGeneratedFs(root, dir)
	name := filepath.Join(root, "data", "evident.json")
	f, err := g.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil || string(b) != "{}" {
		t.Errorf("read %q, %v; want {}", b, err)
	}
	if f.Name() != name {
		t.Errorf("Name() = %s, want %s", f.Name(), name)
	}
	f.Close()
	if fi, err := g.Stat(filepath.Join(root, "hugo.toml")); err != nil || fi.Size() != 12 {
		t.Errorf("Stat(hugo.toml) = %v, %v", fi, err)
	}
	d, err := g.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	names, err := d.Readdirnames(-1)
	d.Close()
	slices.Sort(names)
	if err != nil || !slices.Equal(names, []string{"content", "data", "hugo.toml"}) {
		t.Errorf("the root lists %v, %v", names, err)
	}
	for _, outside := range []string{filepath.Dir(root), filepath.Join(root, "..", "x"), filepath.Join(dir, "hugo.toml")} {
		if _, err := g.Stat(outside); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(%s) = %v, want not-exist", outside, err)
		}
	}
	if _, err := g.Create(filepath.Join(root, "new.md")); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Create = %v, want permission denied", err)
	}
	if _, err := g.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("OpenFile for writing = %v, want permission denied", err)
	}
	if err := writeGenerated(t.TempDir(), map[string][]byte{"../x": nil}); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("a generated file outside the folder: %v, want refused", err)
	}
}
