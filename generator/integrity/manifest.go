package integrity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

// manifest is the JSON shape of integrity.json.
type manifest struct {
	Algorithm string         `json:"algorithm"`
	Files     []manifestFile `json:"files"`
}

type manifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// maxManifest bounds the size of integrity.json that ReadManifest accepts.
const maxManifest = 256 << 20

// WriteManifest writes integrity.json:
// {"algorithm":"sha256","files":[{"path":..,"size":..,"sha256":..},...]}
// sorted by path, indented with two spaces, with a final newline. Every entry
// needs a known size and a valid digest.
func WriteManifest(w io.Writer, entries []Entry) error {
	m := manifest{Algorithm: "sha256", Files: make([]manifestFile, 0, len(entries))}
	for _, e := range sortEntries(entries) {
		if why := checkPath(e.Path); why != "" {
			return fmt.Errorf("cannot write %s entry: %s", ManifestFile, why)
		}
		if e.Size < 0 || !isHex64(e.SHA256) {
			return fmt.Errorf("cannot write %s entry %q: size and digest must be known", ManifestFile, e.Path)
		}
		m.Files = append(m.Files, manifestFile{Path: e.Path, Size: e.Size, SHA256: strings.ToLower(e.SHA256)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// ReadManifest reads integrity.json as WriteManifest writes it. file is the
// site-relative name used in diagnostics. The algorithm must be "sha256"; every
// path must be a clean relative path listed once; sizes must not be negative.
// Unknown fields are ignored so that later versions may add some.
func ReadManifest(file string, r io.Reader) ([]Entry, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxManifest {
		return nil, diag.Errorf(diag.Position{File: file}, "manifest-size", "larger than %d bytes", maxManifest)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		pos := diag.Position{File: file}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			pos.Line, pos.Col = lineCol(data, se.Offset-1) // Offset is just past the bad byte
		case errors.As(err, &te):
			pos.Line, pos.Col = lineCol(data, te.Offset)
		}
		return nil, diag.Errorf(pos, "manifest-json", "%v", err).
			WithHint(`integrity.json is {"algorithm":"sha256","files":[{"path":..,"size":..,"sha256":..}]}`)
	}
	at := diag.Position{File: file}
	if m.Algorithm != "sha256" {
		return nil, diag.Errorf(at, "manifest-algorithm", "algorithm is %q, want \"sha256\"", m.Algorithm)
	}
	var errs []error
	seen := make(map[string]bool, len(m.Files))
	entries := make([]Entry, 0, len(m.Files))
	for i, f := range m.Files {
		bad := func(format string, args ...any) {
			errs = append(errs, diag.Errorf(at, "manifest-entry", "files[%d]: "+format, append([]any{i}, args...)...))
		}
		switch why := checkPath(f.Path); {
		case why != "":
			bad("%s", why)
		case seen[f.Path]:
			bad("%q is listed twice", f.Path)
		case f.Size < 0:
			bad("%q has a negative size", f.Path)
		case !isHex64(f.SHA256):
			bad("%q has an invalid SHA-256 digest %q", f.Path, f.SHA256)
		default:
			seen[f.Path] = true
			entries = append(entries, Entry{Path: f.Path, Size: f.Size, SHA256: strings.ToLower(f.SHA256)})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return entries, nil
}

// lineCol converts a byte offset into data to a 1-based line and (rune) column.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, len([]rune(string(before))) + 1
}
