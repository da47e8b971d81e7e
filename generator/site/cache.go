package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// cachePrefix names Hugo's cache folders, one for each render or preview, in the
// system's temporary folder (never in the site folder, where nothing is written).
const cachePrefix = "evident-hugo-cache-"

// cacheDir is a cache folder that its process holds locked while it uses it: a
// folder nobody holds is left by a process that is gone (killed, for instance),
// and the next render removes it.
type cacheDir struct {
	path string
	lock *os.File // the folder itself, open and locked
}

// errLocked is returned by lockFile when another process holds the lock.
var errLocked = errors.New("locked by another process")

// newCacheDir removes the cache folders in base that no process holds, then creates
// and locks a new one.
func newCacheDir(base string) (*cacheDir, error) {
	removeStaleCaches(base)
	for range 10 {
		p, err := os.MkdirTemp(base, cachePrefix)
		if err != nil {
			return nil, err
		}
		f, err := os.Open(p)
		if err != nil {
			continue // removed by another process's cleaning before we could lock it
		}
		switch err := lockFile(f); {
		case err == nil:
			// Another cleaning may have removed the folder between MkdirTemp and the lock.
			if fi, serr := f.Stat(); serr == nil && sameFile(p, fi) {
				return &cacheDir{path: p, lock: f}, nil
			}
		case errors.Is(err, errors.ErrUnsupported):
			return &cacheDir{path: p, lock: f}, nil // no locks here: never cleaned
		}
		f.Close()
	}
	return nil, errors.New("cannot create a cache folder in " + base)
}

// Remove removes the folder, then releases it.
func (c *cacheDir) Remove() error {
	err := os.RemoveAll(c.path)
	return errors.Join(err, c.lock.Close())
}

// removeStaleCaches removes the cache folders in base that no process holds. It skips
// what it cannot lock or does not own; a folder another process is creating may go,
// which that process notices (see newCacheDir).
func removeStaleCaches(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), cachePrefix) || !e.IsDir() {
			continue
		}
		p := filepath.Join(base, e.Name())
		fi, err := os.Lstat(p)
		if err != nil || !fi.IsDir() || !ownedBySelf(fi) {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if lockFile(f) == nil {
			if ffi, err := f.Stat(); err == nil && os.SameFile(fi, ffi) {
				os.RemoveAll(p)
			}
		}
		f.Close()
	}
}

// sameFile reports whether the path p still names the file fi.
func sameFile(p string, fi os.FileInfo) bool {
	pfi, err := os.Lstat(p)
	return err == nil && os.SameFile(pfi, fi)
}
