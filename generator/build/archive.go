package build

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
)

// Files of the trust page's downloads, at the root of the output.
const (
	// ArchiveFile is the whole site as one zip, for offline review and record keeping:
	// every published file but itself, SHA256SUMS and integrity.json as they were before
	// it was added. Unpacked, it verifies on its own (sha256sum -c SHA256SUMS, evident
	// verify); the published SHA256SUMS is the zip's with one more line, the zip's own,
	// and integrity.json's digest for the published integrity.json (which lists the zip).
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

// writeArchive writes ArchiveFile into out: files (the entries of SHA256SUMS) and
// SHA256SUMS itself, sorted by path, each dated date. It returns the zip's entry.
func writeArchive(out string, files []integrity.Entry, date time.Time) (integrity.Entry, error) {
	paths := []string{SumsFile}
	sizes := map[string]int64{}
	for _, e := range files {
		paths = append(paths, e.Path)
		sizes[e.Path] = e.Size
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
	zw := zip.NewWriter(f)
	for _, p := range paths {
		if err := addToZip(zw, out, p, date, sizes[p] > storeAbove); err != nil {
			f.Close()
			return integrity.Entry{}, err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return integrity.Entry{}, err
	}
	if err := f.Close(); err != nil {
		return integrity.Entry{}, err
	}
	e, err := integrity.DigestFile(dst)
	e.Path = ArchiveFile
	return e, err
}

// storeAbove is the size above which a file goes into the archive as it is: large files
// are release images and artifacts, mostly compressed already, and deflating a gigabyte
// would cost the build far more than the bytes it saves.
const storeAbove = 1 << 20

func addToZip(zw *zip.Writer, out, p string, date time.Time, store bool) error {
	src, err := os.Open(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		return err
	}
	defer src.Close()
	method := zip.Deflate
	if store {
		method = zip.Store
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: method, Modified: date})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}
