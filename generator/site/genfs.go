package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/afero"
)

// genFs is a read-only view of the folder dir as though it were the site folder root:
// the file root/rel is read from dir/rel, and keeps the name root/rel. A build's render
// writes the files evident generates into dir, a folder of its own, and Hugo reads them
// through genFs, so that the heap does not hold them while Hugo runs: 10,000 evidence
// items generate 31 MB (data/evident.json and declaration.json are 13 MB each).
type genFs struct {
	root, dir string // absolute, cleaned
}

var (
	_ afero.Fs      = genFs{}
	_ afero.Lstater = genFs{}
)

// writeGenFs writes files (by slash path relative to the site folder) into dir, which
// exists and is empty, and returns the view of them as though dir were root.
func writeGenFs(root, dir string, files map[string][]byte) (genFs, error) {
	g := genFs{root: filepath.Clean(root), dir: filepath.Clean(dir)}
	for rel, b := range files {
		p := filepath.FromSlash(rel)
		if !filepath.IsLocal(p) {
			return genFs{}, &fs.PathError{Op: "generate", Path: rel, Err: fs.ErrInvalid}
		}
		p = filepath.Join(g.dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return genFs{}, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return genFs{}, err
		}
	}
	return g, nil
}

// path is where the file name (under root) is in dir.
func (g genFs) path(op, name string) (string, error) {
	rel, err := filepath.Rel(g.root, filepath.Clean(name))
	if err != nil || rel != "." && !filepath.IsLocal(rel) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return filepath.Join(g.dir, rel), nil
}

func (g genFs) Open(name string) (afero.File, error) {
	p, err := g.path("open", name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, pathError("open", name, err)
	}
	return genFile{File: f, name: name}, nil
}

func (g genFs) OpenFile(name string, flag int, _ os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, denied("open", name)
	}
	return g.Open(name)
}

func (g genFs) Stat(name string) (os.FileInfo, error) {
	p, err := g.path("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(p)
	return fi, pathError("stat", name, err)
}

func (g genFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	p, err := g.path("lstat", name)
	if err != nil {
		return nil, false, err
	}
	fi, err := os.Lstat(p)
	return fi, true, pathError("lstat", name, err)
}

func (g genFs) Name() string { return "evident-generated" }

func (g genFs) Create(name string) (afero.File, error)    { return nil, denied("create", name) }
func (g genFs) Mkdir(name string, _ os.FileMode) error    { return denied("mkdir", name) }
func (g genFs) MkdirAll(name string, _ os.FileMode) error { return denied("mkdir", name) }
func (g genFs) Remove(name string) error                  { return denied("remove", name) }
func (g genFs) RemoveAll(name string) error               { return denied("remove", name) }
func (g genFs) Rename(old, _ string) error                { return denied("rename", old) }
func (g genFs) Chmod(name string, _ os.FileMode) error    { return denied("chmod", name) }
func (g genFs) Chown(name string, _, _ int) error         { return denied("chown", name) }
func (g genFs) Chtimes(name string, _, _ time.Time) error { return denied("chtimes", name) }

// genFile is a file of genFs, under the name it was opened by.
type genFile struct {
	*os.File
	name string
}

func (f genFile) Name() string { return f.name }
