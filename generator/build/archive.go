package build

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
)

// Files of the trust page's downloads, at the root of the output.
const (
	// ArchiveFile is the whole site as one zip, for offline review and record keeping:
	// every published file but itself and files larger than archiveMaxFile (listed in
	// its ArchiveLeftOut), with a SHA256SUMS and an integrity.json of what it holds.
	// Unpacked, it verifies on its own (sha256sum -c SHA256SUMS, evident verify); the
	// published SHA256SUMS lists every file, the zip included.
	ArchiveFile = "downloads/site.zip"
	// OSCALFile is the OSCAL component definition of the declaration (export.WriteOSCAL).
	OSCALFile = "downloads/oscal-component-definition.json"
)

// MatrixFile is where the coverage matrix is published in lang and format (csv, xlsx):
// "downloads/coverage-ja.csv".
func MatrixFile(lang, format string) string { return "downloads/coverage-" + lang + "." + format }

// downloads are the generated files that the trust page offers: the matrix as CSV and
// XLSX in each language of the site, and the OSCAL component definition.
func downloads(res *check.Result, m *model.Declaration) map[string][]byte {
	levels := map[string][3]model.Text{}
	if res.Catalogs != nil {
		for _, c := range res.Catalogs.Catalogs {
			levels[c.ID] = c.LevelNames
		}
	}
	files := map[string][]byte{}
	for _, lang := range m.Languages {
		for _, format := range []string{"csv", "xlsx"} {
			var b bytes.Buffer
			if err := export.WriteMatrix(&b, format, m, export.MatrixOptions{Lang: lang, LevelNames: levels}); err != nil {
				panic(fmt.Sprintf("matrix %s: %v", format, err)) // into memory: only a bug fails
			}
			files[MatrixFile(lang, format)] = b.Bytes()
		}
	}
	var b bytes.Buffer
	if err := export.WriteOSCAL(&b, m, res.AsOf); err != nil {
		panic(fmt.Sprintf("OSCAL: %v", err))
	}
	files[OSCALFile] = b.Bytes()
	return files
}

// archiveDate is the time of every entry of the archive: the declaration's date, else the
// build's date, at midnight UTC; never the clock, so that one site gives one zip.
func archiveDate(m *model.Declaration, asOf time.Time) time.Time {
	if d, err := time.Parse(time.DateOnly, m.Declaration.Date); err == nil {
		return d
	}
	y, mo, d := asOf.UTC().Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// archiveMaxFile is the largest file the archive holds. Larger ones (release images,
// large artifacts) are published beside it with their digests; the archive lists them
// in ArchiveLeftOut, so that a record kept of the site says what it does not hold. Copying
// a gigabyte of images into the zip would double the build's time and the site's size for
// files that are already on the site, each with its digest. A variable for the tests.
var archiveMaxFile int64 = 16 << 20

// ArchiveLeftOut is the file of the archive that lists the published files it leaves
// out, as sha256sum writes them ("<sha256>  <path>"), so that sha256sum -c checks them
// once downloaded beside the unpacked archive. It exists only when a file is left out.
const ArchiveLeftOut = "ARCHIVE-LEFT-OUT.txt"

// archived is what goes into the archive: the files of files at most archiveMaxFile
// bytes, and the list of those left out (nil when none is).
func archived(files []integrity.Entry) (kept []integrity.Entry, leftOut []byte, err error) {
	var left []integrity.Entry
	for _, e := range files {
		if e.Size > archiveMaxFile {
			left = append(left, e)
		} else {
			kept = append(kept, e)
		}
	}
	if len(left) == 0 {
		return kept, nil, nil
	}
	var b bytes.Buffer
	err = integrity.WriteSums(&b, sortedEntries(left))
	return kept, b.Bytes(), err
}

// writeArchive writes ArchiveFile into out: the files of kept, read from out (or, for
// those the render wrote, taken compressed from w's spool), and the generated files of
// gen (its own SHA256SUMS, integrity.json, ArchiveLeftOut), sorted by path, each dated
// date. It returns the zip's entry, digested as it is written.
func writeArchive(out string, kept []integrity.Entry, gen map[string][]byte, date time.Time, w *written) (integrity.Entry, error) {
	var paths []string
	for _, e := range kept {
		paths = append(paths, e.Path)
	}
	for p := range gen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	dst := filepath.Join(out, filepath.FromSlash(ArchiveFile))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return integrity.Entry{}, err
	}
	f, err := os.Create(dst)
	if err != nil {
		return integrity.Entry{}, err
	}
	defer f.Close()
	h := sha256.New()
	count := &countWriter{w: io.MultiWriter(f, h)}
	zw := zip.NewWriter(count)
	// Files are compressed in parallel, a few ahead of the one being written, and written
	// in order: the zip is the same whatever the timing, and memory stays bounded.
	read := func(p string) ([]byte, error) {
		if b, ok := gen[p]; ok {
			return b, nil
		}
		return os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	}
	ahead := 2 * runtime.GOMAXPROCS(0)
	results := make([]chan zipEntry, len(paths))
	for i := range results {
		results[i] = make(chan zipEntry, 1)
	}
	sem := make(chan struct{}, ahead)
	go func() {
		for i, p := range paths {
			sem <- struct{}{}
			go func() {
				if e, ok := w.archived(p); ok {
					results[i] <- e
					return
				}
				b, err := read(p)
				if err != nil {
					results[i] <- zipEntry{err: err}
					return
				}
				_, generated := gen[p]
				results[i] <- compress(p, b, date, !generated && stored(b))
			}()
		}
	}()
	var failed error
	for i := range paths {
		e := <-results[i]
		<-sem
		if failed != nil {
			continue // drain the rest, so that no goroutine is left blocked
		}
		if failed = e.err; failed == nil {
			failed = e.write(zw)
		}
	}
	if failed != nil {
		return integrity.Entry{}, failed
	}
	if err := zw.Close(); err != nil {
		return integrity.Entry{}, err
	}
	if err := f.Close(); err != nil {
		return integrity.Entry{}, err
	}
	return integrity.Entry{Path: ArchiveFile, Size: count.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// countWriter counts what it writes.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// storeAbove is the size above which a file goes into the archive as it is unless it
// deflates well (see deflates): large artifacts are mostly compressed already, and
// deflating them would cost more than it saves.
const storeAbove = 1 << 20

// stored reports whether the file b goes into the archive as it is: it is larger than
// storeAbove and does not deflate well.
func stored(b []byte) bool { return len(b) > storeAbove && !deflates(b) }

// deflates reports whether b deflates by a tenth or more, judged on its first 64 KiB:
// text (HTML, JSON, XML) does; archives, images and packages do not.
func deflates(b []byte) bool {
	head := b[:min(len(b), 64<<10)]
	n := &countWriter{w: io.Discard}
	return deflate(n, head) == nil && n.n*10 <= int64(len(head))*9
}

// deflate writes b deflated to w, with one of deflaters.
func deflate(w io.Writer, b []byte) error {
	fw := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(fw)
	fw.Reset(w)
	if _, err := fw.Write(b); err != nil {
		return err
	}
	return fw.Close()
}

// deflaters are the writers compress deflates with, at level 5. Each holds about a
// megabyte of tables, too much to make again for every file of a site. They are
// klauspost/compress's: on the pages of 10,000 evidence items (230 MB) it deflates in
// 1.0 s what compress/flate deflates in 3.5 s at the same level, 52 MB against 51.
var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(nil, 5)
	if err != nil {
		panic(err) // only for a level out of range
	}
	return w
}}

// zipEntry is one file of the archive, compressed (or stored), ready to be written.
type zipEntry struct {
	hdr  *zip.FileHeader
	data []byte
	err  error
}

// compress makes the entry of the file name with the bytes b, stored as they are when
// store is set, else deflated as archive/zip deflates, dated date.
func compress(name string, b []byte, date time.Time, store bool) zipEntry {
	hdr := &zip.FileHeader{
		Name: name, Method: zip.Store, Modified: date,
		CRC32: crc32.ChecksumIEEE(b), UncompressedSize64: uint64(len(b)),
		CreatorVersion: 20, ReaderVersion: 20, // 2.0, MS-DOS, as zip.Writer.CreateHeader writes
	}
	if !utf8.ValidString(name) {
		return zipEntry{err: fmt.Errorf("%s: a file name that is not UTF-8 cannot go in the archive", name)}
	}
	for i := range len(name) {
		if name[i] >= 0x80 {
			hdr.Flags |= 0x800 // the name is UTF-8
			break
		}
	}
	hdr.ModifiedDate, hdr.ModifiedTime = msDosTime(date)
	// The "extended timestamp" of Info-ZIP, as zip.Writer.CreateHeader writes it.
	hdr.Extra = binary.LittleEndian.AppendUint32([]byte{0x55, 0x54, 5, 0, 1}, uint32(date.Unix()))
	data := b
	if !store {
		z := bytes.NewBuffer(make([]byte, 0, len(b)/3))
		if err := deflate(z, b); err != nil {
			return zipEntry{err: err}
		}
		hdr.Method, data = zip.Deflate, z.Bytes()
	}
	hdr.CompressedSize64 = uint64(len(data))
	return zipEntry{hdr: hdr, data: data}
}

func (e zipEntry) write(zw *zip.Writer) error {
	w, err := zw.CreateRaw(e.hdr)
	if err == nil {
		_, err = w.Write(e.data)
	}
	return err
}

// msDosTime is the MS-DOS date and time of t, as zip headers keep them.
func msDosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
