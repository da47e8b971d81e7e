package site

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// copyStatic publishes the files of static/ — the site's own and the generated ones
// in the in-memory layer — into publishDir of dst. Hugo's library does not do this
// (its command line does), so evident does it after every build. The theme has no
// static files: its CSS and JavaScript are fingerprinted resources.
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
		if !fi.Mode().IsRegular() {
			return &fs.PathError{Op: "publish", Path: p, Err: fs.ErrInvalid}
		}
		rel, err := filepath.Rel(base, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			return &fs.PathError{Op: "publish", Path: p, Err: fs.ErrInvalid}
		}
		target := filepath.Join(publishDir, rel)
		if err := dst.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		in, err := src.Open(p)
		if err != nil {
			return err
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
