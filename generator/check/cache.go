package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/sbom"
)

// FileFacts remembers what evident reads out of the site's large files — SBOM summaries
// and artifact digests — by path, size and modification time. The preview keeps one
// across rebuilds, so that a save does not read every SBOM and artifact again; a build
// starts with an empty one, and seeds it with the digests of its copy of the artifacts
// (Seed). The zero value is ready to use.
type FileFacts struct {
	mu      sync.Mutex
	sboms   map[string]cached[*sbom.Summary]
	digests map[string]cached[integrity.Entry]
}

type cached[T any] struct {
	size  int64
	mtime time.Time
	value T
}

// lookup returns the value kept for path when the file has not changed since.
func lookup[T any](mu *sync.Mutex, m map[string]cached[T], path string, fi fs.FileInfo) (T, bool) {
	mu.Lock()
	defer mu.Unlock()
	c, ok := m[path]
	if !ok || c.size != fi.Size() || !c.mtime.Equal(fi.ModTime()) {
		var zero T
		return zero, false
	}
	return c.value, true
}

func store[T any](mu *sync.Mutex, m *map[string]cached[T], path string, fi fs.FileInfo, v T) {
	mu.Lock()
	defer mu.Unlock()
	if *m == nil {
		*m = map[string]cached[T]{}
	}
	(*m)[path] = cached[T]{size: fi.Size(), mtime: fi.ModTime(), value: v}
}

// Digest returns the size and SHA-256 of the file at abs, reading it only when it is
// new or changed. Entry.Path is abs.
func (c *FileFacts) Digest(abs string) (integrity.Entry, error) {
	fi, err := os.Stat(abs)
	if err != nil {
		return integrity.Entry{}, err
	}
	if e, ok := lookup(&c.mu, c.digests, abs, fi); ok {
		return e, nil
	}
	e, err := integrity.DigestFile(abs)
	if err == nil {
		store(&c.mu, &c.digests, abs, fi, e)
	}
	return e, err
}

// Seed remembers e as the size and SHA-256 of the file at abs while fi describes it:
// a digest that the caller made while it read the file for another reason (the build
// copies artifacts and digests them on the way), so that Digest does not read it again.
func (c *FileFacts) Seed(abs string, fi fs.FileInfo, e integrity.Entry) {
	e.Path = filepath.ToSlash(abs)
	store(&c.mu, &c.digests, abs, fi, e)
}
