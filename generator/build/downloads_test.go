package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/internal/sitetest"
)

// TestDownloads: the build publishes the matrix as CSV (BOM, CRLF) and XLSX in each
// language, the OSCAL component definition, and the whole site as a zip whose entries are
// sorted and dated by the declaration; the zip, unpacked, verifies with its own SHA256SUMS,
// and the published SHA256SUMS is the zip's plus the zip's own line.
func TestDownloads(t *testing.T) {
	src, _ := filepath.Abs("../../examples/minimal")
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	out := tree(t, dest)
	for _, p := range []string{"downloads/coverage-en.csv", "downloads/coverage-en.xlsx", "downloads/oscal-component-definition.json", ArchiveFile} {
		if _, ok := out[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	if csv := string(out["downloads/coverage-en.csv"]); !strings.HasPrefix(csv, "\ufeffframework,id,") || !strings.Contains(csv, "\r\n") {
		t.Errorf("coverage-en.csv is not UTF-8 with BOM and CRLF: %.40q", csv)
	}
	zr, err := zip.NewReader(bytes.NewReader(out[ArchiveFile]), int64(len(out[ArchiveFile])))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	date := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	unpacked := t.TempDir()
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(date) {
			t.Errorf("%s dated %v, want the declaration's date %v", f.Name, f.Modified, date)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, unpacked, f.Name, b)
		if f.Name != SumsFile && f.Name != ManifestFile && !bytes.Equal(b, out[f.Name]) {
			t.Errorf("%s in the zip differs from the published file", f.Name)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("zip entries not sorted: %v", names)
	}
	var want []string
	for p := range out {
		if p != ArchiveFile {
			want = append(want, p)
		}
	}
	slices.Sort(want)
	if !slices.Equal(want, names) {
		t.Errorf("zip holds %v\nwant every published file but itself: %v", names, want)
	}
	for _, dir := range []string{unpacked, dest} {
		rep, err := integrity.Verify(context.Background(), dir, integrity.VerifyOptions{})
		if err != nil || !rep.OK() || !rep.Manifest {
			t.Errorf("verify %s: %v %+v", dir, err, rep)
		}
	}
	// The published SHA256SUMS is the zip's with the zip's own line added, and
	// integrity.json's digest for the integrity.json that lists the zip too.
	inner, _ := os.ReadFile(filepath.Join(unpacked, SumsFile))
	lines := func(sums string) (kept []string, zipped bool) {
		for l := range strings.Lines(sums) {
			switch {
			case strings.HasSuffix(l, "  "+ArchiveFile+"\n"):
				zipped = true
			case !strings.HasSuffix(l, "  "+ManifestFile+"\n"):
				kept = append(kept, l)
			}
		}
		return kept, zipped
	}
	pubLines, listed := lines(string(out[SumsFile]))
	innerLines, _ := lines(string(inner))
	if !listed {
		t.Errorf("SHA256SUMS does not list %s", ArchiveFile)
	}
	if !slices.Equal(pubLines, innerLines) || len(innerLines) < 50 {
		t.Errorf("the published SHA256SUMS (%d lines) is not the zip's (%d lines) and the zip", len(pubLines), len(innerLines))
	}
}

// TestArchiveLeavesOutLargeFiles: files larger than archiveMaxFile are published but not
// archived; the archive lists them, as sha256sum writes them, in ArchiveLeftOut, and still
// verifies on its own; the published SHA256SUMS lists every file and the archive.
func TestArchiveLeavesOutLargeFiles(t *testing.T) {
	defer func(n int64) { archiveMaxFile = n }(archiveMaxFile)
	archiveMaxFile = 4 << 10
	src, _ := filepath.Abs("../../examples/minimal")
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	out := tree(t, dest)
	zr, err := zip.NewReader(bytes.NewReader(out[ArchiveFile]), int64(len(out[ArchiveFile])))
	if err != nil {
		t.Fatal(err)
	}
	unpacked := t.TempDir()
	inZip := map[string]bool{}
	for _, f := range zr.File {
		inZip[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, unpacked, f.Name, b)
	}
	left, _ := os.ReadFile(filepath.Join(unpacked, ArchiveLeftOut))
	var leftOut []integrity.Entry
	for p, b := range out {
		switch {
		case p == ArchiveFile || p == SumsFile || p == ManifestFile:
		case int64(len(b)) > archiveMaxFile:
			if inZip[p] {
				t.Errorf("%s (%d bytes) is in the archive", p, len(b))
			}
			leftOut = append(leftOut, integrity.EntryOf(p, b))
		case !inZip[p]:
			t.Errorf("%s (%d bytes) is not in the archive", p, len(b))
		}
	}
	if len(leftOut) == 0 {
		t.Fatal("no file of the site is larger than the limit: the test tests nothing")
	}
	var want bytes.Buffer
	if err := integrity.WriteSums(&want, sortedEntries(leftOut)); err != nil {
		t.Fatal(err)
	}
	if string(left) != want.String() {
		t.Errorf("%s:\n%s\nwant the left-out files:\n%s", ArchiveLeftOut, left, want.String())
	}
	for _, dir := range []string{unpacked, dest} {
		rep, err := integrity.Verify(context.Background(), dir, integrity.VerifyOptions{})
		if err != nil || !rep.OK() || !rep.Manifest {
			t.Errorf("verify %s: %v %+v", dir, err, rep)
		}
	}
	if !strings.Contains(string(out[SumsFile]), "  "+ArchiveFile+"\n") {
		t.Errorf("SHA256SUMS does not list %s", ArchiveFile)
	}
}
