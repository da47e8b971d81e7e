package site

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/sitefs"
	"github.com/evident-dev/evident/internal/testenv"
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

// TestSandboxStaysInside: what Hugo, the build and the preview read of the site never
// leaves it through a symlink, and a named pipe is refused, not waited on.
func TestSandboxStaysInside(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	for p, data := range map[string]string{
		filepath.Join(outside, "secret"):           "secret",
		filepath.Join(root, "other", "inside.txt"): "inside",
		filepath.Join(root, "static", "x.txt"):     "x",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"static/a":      "../other", // inside the site, but not a folder Hugo reads
		"other/root":    outside,
		"static/secret": filepath.Join(outside, "secret"),
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			testenv.Missing(t, "no symlinks here: %v", err)
		}
	}
	s := newSandboxFs(root)
	for _, out := range []string{"static/a/root/secret", "static/secret", "static/a/root"} {
		abs := filepath.Join(root, filepath.FromSlash(out))
		if f, err := s.Open(abs); err == nil {
			f.Close()
			t.Errorf("Open(%s) left the site", out)
		}
		if _, err := s.Stat(abs); err == nil {
			t.Errorf("Stat(%s) left the site", out)
		}
	}
	// Inside the site, through a link: allowed.
	if f, err := s.Open(filepath.Join(root, "static/a/inside.txt")); err != nil {
		t.Errorf("a file inside the site, through a link: %v", err)
	} else {
		f.Close()
	}

	if err := syscall.Mkfifo(filepath.Join(root, "static", "pipe"), 0o644); err != nil {
		testenv.Missing(t, "no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := s.Open(filepath.Join(root, "static", "pipe"))
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, sitefs.ErrNotRegular) {
			t.Errorf("Open of a named pipe: %v; want %v", err, sitefs.ErrNotRegular)
		}
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(filepath.Join(root, "static", "pipe"), os.O_WRONLY, 0); err == nil {
			w.Close() // lets the blocked open return
		}
		t.Fatal("Open of a named pipe blocked")
	}
}

// TestCopyStaticDotNames: a name that merely starts with two dots is inside static/.
func TestCopyStaticDotNames(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"static/..x.txt", "static/sub/..y"} {
		p = filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("dots"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dst := afero.NewMemMapFs()
	if err := copyStatic(newSandboxFs(root), root, dst, "/public"); err != nil {
		t.Fatalf("copyStatic: %v", err)
	}
	for _, p := range []string{"/public/..x.txt", "/public/sub/..y"} {
		if b, err := afero.ReadFile(dst, p); err != nil || string(b) != "dots" {
			t.Errorf("%s: %q, %v", p, b, err)
		}
	}
}

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
