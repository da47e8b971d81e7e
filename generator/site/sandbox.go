package site

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/sitefs"
)

// hugoDirs are the top-level folders of a site that Hugo may read. Everything else
// in the site folder (evident.toml, go.mod, artifacts, .git ...) stays invisible to
// Hugo: it neither reads them nor mistakes the folder for a Hugo module.
var hugoDirs = check.HugoDirs

// sandboxFs is a read-only view of the site folder on disk that shows only hugoDirs.
// Every file is read through package sitefs: a symlink is followed only while it stays
// inside the site, and a named pipe, device or socket is refused, never waited
// on. Hugo, the build's copy of static/ and the preview all read the site through it.
//
// The same view shows a build's generated files (newGeneratedFs): they are read from a
// folder of the render's cache, under the names they have in the site folder.
type sandboxFs struct {
	root string                  // absolute, cleaned: the names asked for are under it
	dir  string                  // the folder read: root, or the folder of generated files
	show func(first string) bool // the entries of root the view shows
}

var (
	_ afero.Fs      = (*sandboxFs)(nil)
	_ afero.Lstater = (*sandboxFs)(nil)
)

func newSandboxFs(root string) *sandboxFs {
	root = filepath.Clean(root)
	return &sandboxFs{root: root, dir: root, show: func(first string) bool { return slices.Contains(hugoDirs, first) }}
}

// newGeneratedFs is the view of dir, which holds files that a build generated for the
// site folder root (see writeGenerated), as though they were in root; it shows all of them.
func newGeneratedFs(root, dir string) *sandboxFs {
	return &sandboxFs{root: filepath.Clean(root), dir: filepath.Clean(dir), show: func(string) bool { return true }}
}

// allowed returns the path of name relative to the root ("." for the root) when it is
// the root or lies inside one of the entries the view shows.
func (s *sandboxFs) allowed(name string) (rel string, ok bool) {
	rel, err := filepath.Rel(s.root, filepath.Clean(name))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	if rel == "." {
		return rel, true
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return rel, s.show(first)
}

func (s *sandboxFs) check(op, name string) (string, error) {
	rel, ok := s.allowed(name)
	if !ok {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return rel, nil
}

func (s *sandboxFs) Open(name string) (afero.File, error) {
	rel, err := s.check("open", name)
	if err != nil {
		return nil, err
	}
	f, err := sitefs.OpenIn(s.dir, rel)
	if err != nil {
		return nil, pathError("open", name, err)
	}
	var file afero.File = f
	if s.dir != s.root {
		file = named{File: f, name: filepath.Join(s.root, rel)}
	}
	if rel != "." {
		return file, nil
	}
	return &rootDir{File: file, fs: s}, nil
}

func (s *sandboxFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return s.Open(name)
}

func (s *sandboxFs) Stat(name string) (os.FileInfo, error) {
	rel, err := s.check("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := sitefs.StatIn(s.dir, rel)
	return fi, pathError("stat", name, err)
}

func (s *sandboxFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	rel, err := s.check("lstat", name)
	if err != nil {
		return nil, false, err
	}
	fi, err := sitefs.LstatIn(s.dir, rel)
	return fi, true, pathError("lstat", name, err)
}

// pathError names the absolute path in err, as the os package does, whatever path
// os.Root put in it.
func pathError(op, name string, err error) error {
	var pe *fs.PathError
	if err == nil {
		return nil
	}
	if errors.As(err, &pe) {
		return &fs.PathError{Op: op, Path: name, Err: pe.Err}
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

func (s *sandboxFs) Name() string { return "evident-sandbox" }

func denied(op, name string) error { return &fs.PathError{Op: op, Path: name, Err: fs.ErrPermission} }

func (s *sandboxFs) Create(name string) (afero.File, error)    { return nil, denied("create", name) }
func (s *sandboxFs) Mkdir(name string, _ os.FileMode) error    { return denied("mkdir", name) }
func (s *sandboxFs) MkdirAll(name string, _ os.FileMode) error { return denied("mkdir", name) }
func (s *sandboxFs) Remove(name string) error                  { return denied("remove", name) }
func (s *sandboxFs) RemoveAll(name string) error               { return denied("remove", name) }
func (s *sandboxFs) Rename(old, _ string) error                { return denied("rename", old) }
func (s *sandboxFs) Chmod(name string, _ os.FileMode) error    { return denied("chmod", name) }
func (s *sandboxFs) Chown(name string, _, _ int) error         { return denied("chown", name) }
func (s *sandboxFs) Chtimes(name string, _, _ time.Time) error { return denied("chtimes", name) }

// named is a file of the folder of generated files, under its name in the site folder.
type named struct {
	*os.File
	name string
}

func (f named) Name() string { return f.name }

// rootDir lists only the entries of the root that the view shows.
type rootDir struct {
	afero.File
	fs      *sandboxFs
	entries []os.FileInfo // filtered listing, read on first use
	read    bool
	next    int
}

func (d *rootDir) load() error {
	if d.read {
		return nil
	}
	all, err := d.File.Readdir(-1)
	for _, fi := range all {
		if d.fs.show(fi.Name()) {
			d.entries = append(d.entries, fi)
		}
	}
	d.read = true
	return err
}

func (d *rootDir) Readdir(n int) ([]os.FileInfo, error) {
	if err := d.load(); err != nil {
		return nil, err
	}
	rest := d.entries[d.next:]
	if n <= 0 {
		d.next = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.next += len(rest)
	return rest, nil
}

func (d *rootDir) Readdirnames(n int) ([]string, error) {
	infos, err := d.Readdir(n)
	names := make([]string, len(infos))
	for i, fi := range infos {
		names[i] = fi.Name()
	}
	return names, err
}

func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	infos, err := d.Readdir(n)
	out := make([]fs.DirEntry, len(infos))
	for i, fi := range infos {
		out[i] = fs.FileInfoToDirEntry(fi)
	}
	return out, err
}
