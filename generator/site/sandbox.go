package site

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/check"
)

// hugoDirs are the top-level folders of a site that Hugo may read. Everything else
// in the site folder (evident.toml, go.mod, artifacts, .git ...) stays invisible to
// Hugo: it neither reads them nor mistakes the folder for a Hugo module.
var hugoDirs = check.HugoDirs

// sandboxFs is a read-only view of the site folder on disk that shows only hugoDirs.
type sandboxFs struct {
	base afero.Fs
	root string // absolute, cleaned
}

var (
	_ afero.Fs      = (*sandboxFs)(nil)
	_ afero.Lstater = (*sandboxFs)(nil)
)

func newSandboxFs(root string) *sandboxFs {
	return &sandboxFs{base: afero.NewOsFs(), root: filepath.Clean(root)}
}

// allowed reports whether name is the root or lies inside one of hugoDirs.
func (s *sandboxFs) allowed(name string) (isRoot, ok bool) {
	rel, err := filepath.Rel(s.root, filepath.Clean(name))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false, false
	}
	if rel == "." {
		return true, true
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return false, slices.Contains(hugoDirs, first)
}

func (s *sandboxFs) check(op, name string) (bool, error) {
	isRoot, ok := s.allowed(name)
	if !ok {
		return false, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return isRoot, nil
}

func (s *sandboxFs) Open(name string) (afero.File, error) {
	isRoot, err := s.check("open", name)
	if err != nil {
		return nil, err
	}
	f, err := s.base.Open(name)
	if err != nil || !isRoot {
		return f, err
	}
	return &rootDir{File: f, fs: s}, nil
}

func (s *sandboxFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return s.Open(name)
}

func (s *sandboxFs) Stat(name string) (os.FileInfo, error) {
	if _, err := s.check("stat", name); err != nil {
		return nil, err
	}
	return s.base.Stat(name)
}

func (s *sandboxFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if _, err := s.check("lstat", name); err != nil {
		return nil, false, err
	}
	fi, err := os.Lstat(name)
	return fi, true, err
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

// rootDir lists only the allowed folders of the site root.
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
		if slices.Contains(hugoDirs, fi.Name()) {
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
