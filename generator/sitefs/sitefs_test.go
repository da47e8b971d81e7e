package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/testenv"
)

// site is a folder with a file, a folder, and symlinks in and out of it.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "static", "a.txt"), "a")
	write(filepath.Join(dir, "static", "..x.txt"), "dots")
	write(filepath.Join(dir, "other", "b.txt"), "b")
	write(filepath.Join(outside, "secret"), "secret")
	for link, target := range map[string]string{
		"static/in":      "../other", // a folder inside the site
		"static/in.txt":  "../other/b.txt",
		"other/out":      outside, // a folder outside: reached through static/in
		"static/out.txt": filepath.Join(outside, "secret"),
		"static/up":      "../..",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			testenv.Missing(t, "no symlinks here: %v", err)
		}
	}
	return dir
}

func TestOpenStaysInside(t *testing.T) {
	dir := site(t)
	for name, want := range map[string]string{
		"static/a.txt":    "a",
		"static/..x.txt":  "dots",
		"static/in.txt":   "b",
		"static/in/b.txt": "b",
	} {
		f, err := OpenIn(dir, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if string(b) != want {
			t.Errorf("%s = %q; want %q", name, b, want)
		}
	}
	for _, name := range []string{"static/out.txt", "static/in/out/secret", "static/up/" + filepath.Base(dir), "../x", "static/../../x"} {
		f, err := OpenIn(dir, name)
		if err == nil {
			f.Close()
		}
		if !errors.Is(err, ErrOutside) || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%s: %v; want ErrOutside, a permission error", name, err)
		}
	}
	for _, name := range []string{"static/out.txt", "static/in/out"} {
		if _, err := StatIn(dir, name); !errors.Is(err, ErrOutside) {
			t.Errorf("StatIn(%s): %v; want ErrOutside", name, err)
		}
		if fi, err := LstatIn(dir, name); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("LstatIn(%s): %v, %v; want the link itself", name, fi, err)
		}
	}
	if fi, err := StatIn(dir, "static/in"); err != nil || !fi.IsDir() {
		t.Errorf("StatIn(static/in): %v, %v; want the folder it leads to", fi, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if f, _, err := OpenRoot(root, "static/in/out/secret", false); !errors.Is(err, ErrOutside) {
		if f != nil {
			f.Close()
		}
		t.Errorf("Open through a root: %v; want ErrOutside", err)
	}
	if f, _, err := OpenRegular(dir, "static/in"); !errors.Is(err, ErrNotRegular) {
		if f != nil {
			f.Close()
		}
		t.Errorf("OpenRegular of a folder: %v; want ErrNotRegular", err)
	}
}

// A named pipe is refused at once, not waited on until someone writes into it.
func TestOpenRefusesFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := OpenIn(dir, "pipe")
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("open of a named pipe: %v; want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the open so that the test can end.
		if w, err := os.OpenFile(filepath.Join(dir, "pipe"), os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("the open of a named pipe blocked")
	}
}
