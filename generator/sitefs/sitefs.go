// Package sitefs opens the files of a site folder the one safe way: confined to the
// folder, so that no symlink and no ".." leads out of it, and only when the file is a
// regular file or a folder, so that a named pipe, a device or a socket is refused at once
// instead of blocking the reader. Hugo's view of the site, the build's copy of static/
// and the preview server all read through it.
//
// On Linux the kernel confines each lookup (openat2 with RESOLVE_BENEATH: one system
// call, however deep the path); elsewhere, or where openat2 is not allowed, os.Root does.
package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// The errors of a refused file. Both are also fs.ErrPermission, so that a file server
// answers 403 Forbidden.
var (
	// ErrNotRegular is a named pipe, a device, a socket or any other file that is
	// neither a regular file nor a folder.
	ErrNotRegular error = refusal("not a regular file")
	// ErrOutside is a path that leads out of the site folder (a symlink or "..").
	ErrOutside error = refusal("leads outside the site folder")
)

type refusal string

func (r refusal) Error() string        { return string(r) }
func (r refusal) Is(target error) bool { return target == fs.ErrPermission }

// OpenIn opens name, a slash-separated path relative to the folder dir, for reading. A
// symlink is followed only while it stays inside dir. The file is opened without waiting
// (a named pipe with no writer would block an ordinary open forever) and refused unless
// it is a regular file or a folder.
func OpenIn(dir, name string) (*os.File, error) {
	f, err := open(dir, name)
	f, _, err = checked(f, name, err, false)
	return f, err
}

// OpenRegular is OpenIn for a regular file only: a folder is refused too, with
// ErrNotRegular, and the file's information is returned with it.
func OpenRegular(dir, name string) (*os.File, fs.FileInfo, error) {
	f, err := open(dir, name)
	return checked(f, name, err, true)
}

// OpenRoot is OpenIn, or OpenRegular when regular is set, for a caller that holds the
// folder open as an os.Root; the file's information is returned with it.
func OpenRoot(root *os.Root, name string, regular bool) (*os.File, fs.FileInfo, error) {
	f, err := root.OpenFile(filepath.FromSlash(name), flags, 0)
	return checked(f, name, err, regular)
}

// checked refuses f unless it is a regular file, or a folder when regular is not set; it
// returns the file's information, read once.
func checked(f *os.File, name string, err error, regular bool) (*os.File, fs.FileInfo, error) {
	if err != nil {
		return nil, nil, pathError("open", name, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() && (regular || !fi.IsDir()) {
		err = &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// StatIn describes name inside the folder dir, following symlinks that stay inside it.
func StatIn(dir, name string) (fs.FileInfo, error) {
	fi, err := stat(dir, name, true)
	return fi, pathError("stat", name, err)
}

// LstatIn describes name inside the folder dir; a symlink is described, not followed.
func LstatIn(dir, name string) (fs.FileInfo, error) {
	fi, err := stat(dir, name, false)
	return fi, pathError("lstat", name, err)
}

// flags are those of every open: read only, and never wait on a named pipe.
const flags = os.O_RDONLY | syscall.O_NONBLOCK

// The portable way, through os.Root.

func openRoot(dir, name string) (*os.File, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.OpenFile(filepath.FromSlash(name), flags, 0)
}

func statRoot(dir, name string, follow bool) (fs.FileInfo, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if follow {
		return r.Stat(filepath.FromSlash(name))
	}
	return r.Lstat(filepath.FromSlash(name))
}

// escapes is the text of the error os.Root gives for a path that leaves it; the os
// package does not export the error. TestOpenStaysInside notices if it changes.
const escapes = "path escapes from parent"

// pathError names name in err, with ErrOutside for a path that leaves the folder.
func pathError(op, name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if err != nil && err.Error() == escapes {
		err = ErrOutside
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}
