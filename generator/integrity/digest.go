// Package integrity owns what a customer uses to check a published site: SHA-256
// digests of every file, the SHA256SUMS file (GNU sha256sum format) and its
// detached OpenSSH signature (SHA256SUMS.sig), the integrity.json manifest,
// per-file .sha256 sidecars, and Verify, which recomputes all of them for a
// site on disk or on a web server.
//
// Digests are always streamed through a fixed-size buffer, so the size of a
// published artifact does not matter for memory use.
package integrity

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/evident-dev/evident/generator/sitefs"
)

// Entry is one published file and its digest.
type Entry struct {
	// Path is slash-separated and relative to the site output root.
	Path string
	// Size is the length in bytes, or -1 when unknown (entries parsed from SHA256SUMS).
	Size int64
	// SHA256 is the digest as 64 lower-case hex digits.
	SHA256 string
}

// bufSize is the read buffer used for every digest; it bounds memory per worker.
const bufSize = 256 << 10

var bufPool = sync.Pool{New: func() any { b := make([]byte, bufSize); return &b }}

// Digest streams r through SHA-256 and returns the number of bytes read and the
// digest in lower-case hex.
func Digest(r io.Reader) (size int64, sum string, err error) {
	h := sha256.New()
	size, err = digestInto(h, r)
	if err != nil {
		return size, "", err
	}
	return size, hex.EncodeToString(h.Sum(nil)), nil
}

// digestInto streams r into h, a hash or a writer that feeds one, through a pooled
// fixed-size buffer.
func digestInto(h io.Writer, r io.Reader) (int64, error) {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	// Hide WriterTo/ReaderFrom so the copy always goes through the buffer.
	return io.CopyBuffer(struct{ io.Writer }{h}, struct{ io.Reader }{r}, *bp)
}

// DigestFile digests the file at path. The returned Entry's Path is path in
// slash form; callers that publish it set Path relative to the site root.
func DigestFile(path string) (Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	return digestOpen(f, filepath.ToSlash(path))
}

func digestOpen(f *os.File, name string) (Entry, error) {
	size, sum, err := Digest(f)
	if err != nil {
		return Entry{}, fmt.Errorf("%s: %w", name, err)
	}
	return Entry{Path: name, Size: size, SHA256: sum}, nil
}

// Tree digests every regular file under root, in parallel with one worker per
// CPU, and returns the entries sorted by path in byte order.
//
// exclude holds slash-separated paths relative to root (for example
// "SHA256SUMS", "SHA256SUMS.sig", "integrity.json") that are left out.
//
// Symbolic links are resolved inside root only: a link to a regular file in
// root is digested under the link's own path; a link that points outside root,
// a dangling link, and a link to a directory are errors naming the link.
func Tree(root string, exclude ...string) ([]Entry, error) {
	return TreeWith(root, nil, exclude...)
}

// Known gives the entry of a file digested as it was written, or false. The walk hands
// it the file's information as it finds the file (a symbolic link is not followed), so
// that it can tell whether the file is still the one it digested.
type Known func(p string, fi fs.FileInfo) (Entry, bool)

// TreeWith is Tree for a caller that digested some files as it wrote them: the files
// that known gives an entry for are not read.
func TreeWith(root string, known Known, exclude ...string) ([]Entry, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var mu sync.Mutex
	var entries []Entry
	err = walkFiles(r, exclude, runtime.NumCPU(), func(dir *os.Root, name, p string) error {
		e, err := knownOrDigest(dir, name, p, known)
		if err == nil {
			mu.Lock()
			entries = append(entries, e)
			mu.Unlock()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return sortEntries(entries), nil
}

// knownOrDigest is the entry of the file name of dir, at the slash path p: known's when
// it has one, else the file's digest.
func knownOrDigest(dir *os.Root, name, p string, known Known) (Entry, error) {
	if known != nil {
		if fi, err := dir.Lstat(name); err == nil && fi.Mode().IsRegular() {
			if e, ok := known(p, fi); ok {
				e.Path = p
				return e, nil
			}
		}
	}
	f, err := openRegular(dir, name)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	return digestOpen(f, p)
}

// listFiles returns the slash paths of every regular file under r that is not
// excluded, sorted in byte order. It never leaves r.
func listFiles(r *os.Root, exclude []string) ([]string, error) {
	var paths []string
	err := walkFiles(r, exclude, 1, func(_ *os.Root, _, p string) error {
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	return paths, nil
}

// walkFiles calls visit for every regular file under r whose slash path p is not in
// exclude, with the folder that holds it open (dir) and its name there; a symbolic
// link is visited through r, under its own path, when it resolves to a regular file
// inside r. Files and folders are taken by up to workers goroutines; a folder is held
// open while its files are read, and a file is opened by its name in it, not by its
// path from r.
// Errors name the path and come back joined, in path order. It never leaves r.
func walkFiles(r *os.Root, exclude []string, workers int, visit func(dir *os.Root, name, p string) error) error {
	w := &walker{top: r, skip: map[string]bool{}, visit: visit, free: make(chan struct{}, max(0, workers-1))}
	for _, e := range exclude {
		w.skip[e] = true
	}
	w.dir(r, "")
	w.wg.Wait()
	if len(w.errs) == 0 {
		return nil
	}
	slices.SortFunc(w.errs, func(a, b walkError) int { return cmp.Compare(a.path, b.path) })
	errs := make([]error, len(w.errs))
	for i, e := range w.errs {
		errs[i] = e.err
	}
	return errors.Join(errs...)
}

// walker is one walk of walkFiles.
type walker struct {
	top   *os.Root
	skip  map[string]bool
	visit func(dir *os.Root, name, p string) error
	free  chan struct{} // a token for each goroutine beyond the caller's that may read a folder or a file
	wg    sync.WaitGroup
	mu    sync.Mutex
	errs  []walkError
}

type walkError struct {
	path string
	err  error
}

func (w *walker) fail(p string, err error) {
	w.mu.Lock()
	w.errs = append(w.errs, walkError{p, err})
	w.mu.Unlock()
}

// file visits the file name of the folder d, at the slash path p.
func (w *walker) file(d *os.Root, name, p string) {
	if err := w.visit(d, name, p); err != nil {
		w.fail(p, err)
	}
}

// dir walks the folder d, whose slash path from the top is prefix ("" or ending in
// "/"), and the files and folders in it: each in a goroutine of its own when a token
// is free, so that a folder of a few large files is read in parallel too.
func (w *walker) dir(d *os.Root, prefix string) {
	f, err := d.Open(".")
	var list []fs.DirEntry
	if err == nil {
		list, err = f.ReadDir(-1)
		f.Close()
	}
	if err != nil {
		w.fail(prefix, fmt.Errorf("%s: %w", cmp.Or(strings.TrimSuffix(prefix, "/"), "."), err))
		return
	}
	var files sync.WaitGroup
	defer files.Wait()
	for _, e := range list {
		name := e.Name()
		p := prefix + name
		switch t := e.Type(); {
		case t.IsDir():
			sub, err := d.OpenRoot(name)
			if err != nil {
				w.fail(p, fmt.Errorf("%s: %w", p, err))
				continue
			}
			select {
			case w.free <- struct{}{}:
				w.wg.Go(func() {
					defer func() { <-w.free }()
					defer sub.Close()
					w.dir(sub, p+"/")
				})
			default:
				w.dir(sub, p+"/")
				sub.Close()
			}
		case w.skip[p]:
		case t.IsRegular():
			select {
			case w.free <- struct{}{}: // d stays open until its files are done
				files.Go(func() {
					defer func() { <-w.free }()
					w.file(d, name, p)
				})
			default:
				w.file(d, name, p)
			}
		case t&fs.ModeSymlink != 0:
			// Stat through the top: it refuses links that escape it, and takes a
			// link to another folder of the site.
			fi, err := w.top.Stat(filepath.FromSlash(p))
			switch {
			case err != nil:
				w.fail(p, fmt.Errorf("%s: symbolic link does not resolve to a file inside the site root: %w", p, err))
			case fi.IsDir():
				w.fail(p, fmt.Errorf("%s: symbolic link to a directory is not supported; copy the files instead", p))
			case !fi.Mode().IsRegular():
				w.fail(p, fmt.Errorf("%s: symbolic link to a %v is not supported", p, fi.Mode().Type()))
			default:
				w.file(w.top, p, p)
			}
		default:
			w.fail(p, fmt.Errorf("%s: not a regular file (%v)", p, t))
		}
	}
}

// openRegular opens the slash path p inside r for reading, only if it is a regular file (or
// a link to one inside r). A FIFO is refused at once, not waited on: a hostile folder
// cannot make a reader block forever.
func openRegular(r *os.Root, p string) (*os.File, error) {
	f, _, err := sitefs.OpenRoot(r, p, true)
	return f, err
}

// sortEntries returns a copy of entries sorted by path in byte order.
func sortEntries(entries []Entry) []Entry {
	s := slices.Clone(entries)
	slices.SortFunc(s, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
	return s
}

// checkPath reports why p cannot name a file of a published site, or "" if it can.
// Valid paths are slash-separated, relative, without empty, "." or ".." elements.
func checkPath(p string) string {
	switch {
	case p == "":
		return "empty path"
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return fmt.Sprintf("absolute path %q", p)
	case slices.Contains([]byte(p), 0):
		return fmt.Sprintf("path %q contains a NUL byte", p)
	case !fs.ValidPath(p):
		for _, el := range strings.Split(p, "/") {
			if el == ".." {
				return fmt.Sprintf("path %q leaves the site root (\"..\")", p)
			}
		}
		return fmt.Sprintf("path %q is not clean (empty, \".\" or trailing \"/\" element)", p)
	}
	return ""
}

// EntryOf is the entry of bytes published at the site-relative path p: for files the
// build generates in memory.
func EntryOf(p string, b []byte) Entry {
	sum := sha256.Sum256(b)
	return Entry{Path: p, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
}
