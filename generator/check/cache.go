package check

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/sbom"
)

// FileFacts remembers what evident reads out of the site's large files — SBOM summaries
// and artifact digests — by path, size and modification time. The preview keeps one
// across rebuilds, so that a save does not read every SBOM and artifact again; a build
// starts with an empty one, and seeds it with the digests of its copy of the artifacts
// (Seed). The zero value is ready to use.
//
// With KeepParsed set (the preview), it also keeps each evidence file as parsed, by
// path and bytes, so that a save parses only the files whose bytes changed.
type FileFacts struct {
	KeepParsed bool

	mu      sync.Mutex
	sboms   map[string]cached[*sbom.Summary]
	digests map[string]cached[integrity.Entry]
	parsed  map[string]parsedFile
}

// parsedFile is an evidence file as Parse gave it for the bytes data.
type parsedFile struct {
	data []byte
	file *evidence.File
	ds   diag.List
}

// parse returns evidence.Parse(rel, data), parsed again only when the bytes of the file
// at rel changed since the last call. The files are never changed after Parse.
func (c *FileFacts) parse(rel string, data []byte) (*evidence.File, diag.List) {
	if !c.KeepParsed {
		return evidence.Parse(rel, data)
	}
	c.mu.Lock()
	p, ok := c.parsed[rel]
	c.mu.Unlock()
	if ok && bytes.Equal(p.data, data) {
		return p.file, p.ds
	}
	f, ds := evidence.Parse(rel, data)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.parsed == nil {
		c.parsed = map[string]parsedFile{}
	}
	c.parsed[rel] = parsedFile{data: data, file: f, ds: ds}
	return f, ds
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

// StatementOnly reports whether the evidence file rel, whose bytes are now data,
// differs from its last parse only in its statement (the Markdown after the front
// matter) and gives the same diagnostics: a change that nothing but the file's own page
// shows, since no check and no part of the model reads statements. The new parse is
// kept. It reports false for a file not parsed before, and without KeepParsed.
func (c *FileFacts) StatementOnly(rel string, data []byte) bool {
	if !c.KeepParsed {
		return false
	}
	c.mu.Lock()
	old, ok := c.parsed[rel]
	c.mu.Unlock()
	if !ok {
		return false
	}
	f, ds := c.parse(rel, data)
	if f == old.file {
		return true // the same bytes
	}
	if !reflect.DeepEqual(ds, old.ds) {
		return false
	}
	a, b := *old.file, *f
	a.BodyLine, b.BodyLine = 0, 0
	return reflect.DeepEqual(a, b)
}
