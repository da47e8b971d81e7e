package site

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/sitefs"
)

// copyStatic publishes the files of static/ — the site's own and the generated ones
// in the in-memory layer — into publishDir of dst. Hugo's library does not do this
// (its command line does), so evident does it after every build. The theme has no
// static files: its CSS and JavaScript are fingerprinted resources.
//
// src reads the site through the sandbox: a symlink to a file inside the site is
// published as that file, a symlink to a folder is not followed (the check warns), and
// a symlink out of the site or a named pipe, device or socket fails the build, named.
func copyStatic(src afero.Fs, root string, dst afero.Fs, publishDir string) error {
	base := filepath.Join(root, "static")
	if _, err := src.Stat(base); err != nil {
		return nil // no static files at all
	}
	return afero.Walk(src, base, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if fi.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(base, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return &fs.PathError{Op: "publish", Path: p, Err: fs.ErrInvalid}
		}
		name := "static/" + filepath.ToSlash(rel)
		if fi.Mode()&fs.ModeSymlink != 0 {
			if fi, err = src.Stat(p); err != nil {
				return refusedStatic(name, err)
			}
			if fi.IsDir() {
				return nil
			}
		}
		if !fi.Mode().IsRegular() {
			return refusedStatic(name, sitefs.ErrNotRegular)
		}
		target := filepath.Join(publishDir, rel)
		if err := dst.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		in, err := src.Open(p)
		if err != nil {
			return refusedStatic(name, err)
		}
		defer in.Close()
		out, err := dst.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// refusedStatic is the error for a file of static/ that cannot be published, at its
// site-relative path name.
func refusedStatic(name string, err error) error {
	pos := diag.Position{File: name}
	var d diag.Diagnostic
	switch {
	case errors.Is(err, sitefs.ErrOutside):
		d = diag.Errorf(pos, "path-escapes", "symlink points outside the site").
			WithHint("evident never reads or publishes files outside the site folder; copy the file into the site instead")
	case errors.Is(err, sitefs.ErrNotRegular):
		d = diag.Errorf(pos, "special-file", "not a regular file (a named pipe, device or socket)").
			WithHint("remove it; static/ publishes regular files only")
	case errors.Is(err, fs.ErrNotExist):
		d = diag.Errorf(pos, "bad-symlink", "symlink cannot be resolved").
			WithHint("remove the link or point it at a file inside the site")
	default:
		d = diag.Errorf(pos, "unreadable", "cannot read: %v", unwrapPath(err))
	}
	return RenderError{List: diag.List{d}}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
