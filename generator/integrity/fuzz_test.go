package integrity

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// FuzzParseSums checks that ParseSums never panics, that every error it returns
// is a diagnostic with a line, and that what it accepts survives WriteSums.
// Seeds are in testdata/fuzz/FuzzParseSums.
func FuzzParseSums(f *testing.F) {
	f.Add([]byte(sumA + "  index.html\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ParseSums("SHA256SUMS", bytes.NewReader(data))
		if err != nil {
			errs := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			for _, e := range errs {
				var d diag.Diagnostic
				if !errors.As(e, &d) || d.Pos.Line <= 0 || d.Pos.Col <= 0 || d.Pos.File != "SHA256SUMS" {
					t.Fatalf("error without a position: %#v", e)
				}
			}
			return
		}
		for _, e := range entries {
			if why := checkPath(e.Path); why != "" || !isHex64(e.SHA256) || e.SHA256 != strings.ToLower(e.SHA256) || e.Size != -1 {
				t.Fatalf("accepted a bad entry %+v (%s)", e, why)
			}
		}
		var out bytes.Buffer
		if err := WriteSums(&out, entries); err != nil {
			t.Fatalf("WriteSums of parsed entries: %v", err)
		}
		again, err := ParseSums("SHA256SUMS", &out)
		if err != nil || len(again) != len(entries) {
			t.Fatalf("re-parse of %q: %d entries, %v; want %d", out.String(), len(again), err, len(entries))
		}
	})
}

// FuzzReadManifest checks that ReadManifest never panics, that every error it returns is
// a diagnostic at a line and column of the file, that it reports at most maxDiagnostics
// problems, and that what it accepts survives WriteManifest. Seeds are in
// testdata/fuzz/FuzzReadManifest.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"algorithm": "sha256", "files": [{"path": "index.html", "size": 1, "sha256": "` + sumA + `"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ReadManifest(ManifestFile, bytes.NewReader(data))
		if err != nil {
			ds := diagnostics(t, err)
			if len(ds) > maxDiagnostics {
				t.Fatalf("%d problems reported, more than %d", len(ds), maxDiagnostics)
			}
			for _, d := range ds {
				if d.Pos.Line <= 0 || d.Pos.Col <= 0 || d.Pos.File != ManifestFile {
					t.Fatalf("error without a position: %#v", d)
				}
			}
			return
		}
		for _, e := range entries {
			if why := checkPath(e.Path); why != "" || !isHex64(e.SHA256) || e.SHA256 != strings.ToLower(e.SHA256) || e.Size < 0 {
				t.Fatalf("accepted a bad entry %+v (%s)", e, why)
			}
		}
		var out bytes.Buffer
		if err := WriteManifest(&out, entries); err != nil {
			t.Fatalf("WriteManifest of read entries: %v", err)
		}
		again, err := ReadManifest(ManifestFile, &out)
		if err != nil || len(again) != len(entries) {
			t.Fatalf("re-read of %q: %d entries, %v; want %d", out.String(), len(again), err, len(entries))
		}
	})
}
