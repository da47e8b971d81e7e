package build

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/integrity"
)

// tempSpool is the file of the temporary folder that holds the compressed pages.
const tempSpool = "archive.spool"

// written is the file system the render writes the output through: Hugo's pages and
// resources, and the copy of static/. Each file is digested as it is written, and
// compressed for the archive when it is closed, into a spool file beside the output; so
// the integrity step reads none of these files again. It asks known for each file it
// walks, and writeArchive takes the compressed bytes from the spool (archived).
//
// A file is recorded when one handle wrote it with Write alone, and the file's size as
// the handle closes is the number of bytes it wrote: the handle started at the file's
// beginning (or, appending, at its end), so the file holds those bytes and nothing else.
// Opening the file for writing again, removing or renaming it drops the record; a
// handle that reads, seeks, writes at an offset or truncates leaves none, and neither do
// two handles open for writing at once, ever after. The walk gives each file's
// information as it finds it: a record is used only when the size, the modification time
// and the file itself (device and inode) are those seen as the handle closed, so that a
// file changed since in any other way is read again too.
type written struct {
	afero.Fs
	out   string       // the output folder: records are by slash path relative to it
	date  time.Time    // of the archive's entries
	spool *os.File     // the compressed files, one after the other
	end   atomic.Int64 // the bytes of spool handed out

	mu      sync.Mutex
	files   map[string]*record // by slash path
	gen     map[string]uint64  // by path: one more at each open for writing, removal or rename
	writing map[string]int     // handles open for writing, by path
	mixed   map[string]bool    // paths written by two handles at once, or by one that cannot be followed
}

// record is what written knows of one file.
type record struct {
	entry     integrity.Entry
	info      fs.FileInfo     // the file's, as its handle closed
	zip       *zip.FileHeader // its entry of the archive; nil when it is too large for it
	off       int64           // where its compressed bytes are in the spool
	confirmed bool            // the walk found the file as it was written (known)
}

// newWritten records the files written under out, compressing them into a new spool
// file at spool, with date as the archive's date.
func newWritten(out, spool string, date time.Time) (*written, error) {
	f, err := os.Create(spool)
	if err != nil {
		return nil, err
	}
	return &written{
		Fs: afero.NewOsFs(), out: filepath.Clean(out), date: date, spool: f,
		files: map[string]*record{}, gen: map[string]uint64{}, writing: map[string]int{}, mixed: map[string]bool{},
	}, nil
}

// close closes the spool; the caller removes it with the temporary folder.
func (w *written) close() {
	if w != nil {
		w.spool.Close()
	}
}

// rel is the slash path of name in the output, or "" for the output itself and
// anything outside it.
func (w *written) rel(name string) string {
	r, err := filepath.Rel(w.out, filepath.Clean(name))
	if err != nil || r == "." || !filepath.IsLocal(r) {
		return ""
	}
	return filepath.ToSlash(r)
}

// drop forgets the records of name, removed or renamed, and of everything under it, and
// what the handles now writing there will write. name may be the output itself or a
// folder holding it: then everything is forgotten.
func (w *written) drop(name string) {
	p := w.rel(name)
	if p == "" {
		if r, err := filepath.Rel(filepath.Clean(name), w.out); err != nil || !filepath.IsLocal(r) {
			return // beside the output
		}
	}
	under := func(q string) bool { return p == "" || q == p || strings.HasPrefix(q, p+"/") }
	w.mu.Lock()
	defer w.mu.Unlock()
	for q := range w.files {
		if under(q) {
			delete(w.files, q)
		}
	}
	for q := range w.writing { // a handle keeps counting until its record is kept or not
		if under(q) {
			w.gen[q]++
		}
	}
}

func (w *written) Create(name string) (afero.File, error) {
	return w.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (w *written) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	const writes = os.O_WRONLY | os.O_RDWR | os.O_CREATE | os.O_TRUNC | os.O_APPEND
	p := w.rel(name)
	if flag&writes == 0 || p == "" {
		return w.Fs.OpenFile(name, flag, perm)
	}
	w.mu.Lock()
	w.gen[p]++
	gen := w.gen[p]
	delete(w.files, p)
	if w.writing[p] > 0 {
		w.mixed[p] = true
	}
	w.writing[p]++
	w.mu.Unlock()
	f, err := w.Fs.OpenFile(name, flag, perm)
	if err != nil {
		w.closed(p)
		return nil, err
	}
	return &writtenFile{File: f, w: w, p: p, gen: gen, sum: sha256.New(), buf: spoolBuffers.Get().(*bytes.Buffer)}, nil
}

func (w *written) Remove(name string) error {
	err := w.Fs.Remove(name)
	w.drop(name)
	return err
}

func (w *written) RemoveAll(path string) error {
	err := w.Fs.RemoveAll(path)
	w.drop(path)
	return err
}

func (w *written) Rename(oldname, newname string) error {
	err := w.Fs.Rename(oldname, newname)
	w.drop(oldname)
	w.drop(newname)
	return err
}

// closed counts a handle of p as closed.
func (w *written) closed(p string) {
	w.mu.Lock()
	w.writing[p]--
	if w.writing[p] == 0 {
		delete(w.writing, p)
	}
	w.mu.Unlock()
}

// keep records the file p, written by the handle that opened it as generation gen, unless
// the path changed since or was written some other way meanwhile. It compresses the
// file's bytes b (nil when the file is too large for the archive) into the spool.
func (w *written) keep(p string, gen uint64, e integrity.Entry, fi fs.FileInfo, b []byte) {
	w.mu.Lock()
	stale := w.gen[p] != gen || w.mixed[p]
	w.mu.Unlock()
	if stale {
		return
	}
	r := &record{entry: e, info: fi}
	if b != nil {
		ze := compress(p, b, w.date, stored(b))
		if ze.err != nil {
			return // read again, and refused again, by writeArchive
		}
		r.off = w.end.Add(int64(len(ze.data))) - int64(len(ze.data))
		if _, err := w.spool.WriteAt(ze.data, r.off); err != nil {
			return
		}
		r.zip = ze.hdr
	}
	w.mu.Lock()
	if w.gen[p] == gen && !w.mixed[p] {
		w.files[p] = r
	}
	w.mu.Unlock()
}

// known is integrity.Known: the entry of the file p when the walk found it (fi) as it
// was written.
func (w *written) known(p string, fi fs.FileInfo) (integrity.Entry, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := w.files[p]
	if r == nil || fi.Size() != r.entry.Size || !fi.ModTime().Equal(r.info.ModTime()) || !os.SameFile(fi, r.info) {
		return integrity.Entry{}, false
	}
	r.confirmed = true
	return r.entry, true
}

// archived is the archive's entry of the file p, from the spool, when the walk found the
// file as it was written (see known). A nil w has none.
func (w *written) archived(p string) (zipEntry, bool) {
	if w == nil {
		return zipEntry{}, false
	}
	w.mu.Lock()
	r := w.files[p]
	w.mu.Unlock()
	if r == nil || !r.confirmed || r.zip == nil {
		return zipEntry{}, false
	}
	data := make([]byte, r.zip.CompressedSize64)
	if _, err := w.spool.ReadAt(data, r.off); err != nil {
		return zipEntry{err: err}, true
	}
	hdr := *r.zip
	return zipEntry{hdr: &hdr, data: data}, true
}

// spoolBuffers hold the bytes of files being written, up to archiveMaxFile each.
var spoolBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writtenFile is a handle of written, open for writing.
type writtenFile struct {
	afero.File
	w      *written
	p      string
	gen    uint64
	sum    hash.Hash
	buf    *bytes.Buffer // the bytes written, while they fit in the archive; nil after
	n      int64
	broken bool // written in a way that cannot be followed
	done   bool
}

func (f *writtenFile) Write(b []byte) (int, error) {
	n, err := f.File.Write(b)
	f.sum.Write(b[:n])
	f.n += int64(n)
	if f.buf != nil {
		if f.n > archiveMaxFile {
			f.release()
		} else {
			f.buf.Write(b[:n])
		}
	}
	if err != nil {
		f.broken = true
	}
	return n, err
}

func (f *writtenFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

// The rest writes elsewhere than at the end, or moves the offset: the file is read again.

func (f *writtenFile) WriteAt(b []byte, off int64) (int, error) {
	f.broken = true
	return f.File.WriteAt(b, off)
}

func (f *writtenFile) Seek(offset int64, whence int) (int64, error) {
	f.broken = true
	return f.File.Seek(offset, whence)
}

func (f *writtenFile) Truncate(size int64) error {
	f.broken = true
	return f.File.Truncate(size)
}

func (f *writtenFile) Read(b []byte) (int, error) {
	f.broken = true
	return f.File.Read(b)
}

func (f *writtenFile) ReadAt(b []byte, off int64) (int, error) {
	f.broken = true
	return f.File.ReadAt(b, off)
}

// release gives the buffer back: the file does not go into the archive.
func (f *writtenFile) release() {
	if f.buf != nil && f.buf.Cap() <= 1<<20 {
		f.buf.Reset()
		spoolBuffers.Put(f.buf)
	}
	f.buf = nil
}

func (f *writtenFile) Close() error {
	if f.done {
		return f.File.Close()
	}
	f.done = true
	defer f.w.closed(f.p)
	defer f.release()
	var fi fs.FileInfo
	var err error
	ok := !f.broken
	if ok {
		fi, err = f.File.Stat()
		ok = err == nil && fi.Mode().IsRegular() && fi.Size() == f.n
	}
	if err = f.File.Close(); err != nil || !ok {
		return err
	}
	e := integrity.Entry{Path: f.p, Size: f.n, SHA256: hex.EncodeToString(f.sum.Sum(nil))}
	var b []byte
	if f.buf != nil {
		b = f.buf.Bytes()
	}
	f.w.keep(f.p, f.gen, e, fi, b)
	return nil
}
