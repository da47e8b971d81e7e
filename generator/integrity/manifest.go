package integrity

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
//
// The manifest is read as a stream, one entry at a time, with the limits of
// ParseSums: at most maxManifest bytes, maxEntries entries and maxSumsLine bytes
// a value (a path is one), and reading stops at the maxDiagnostics-th problem.
// Every problem is a diag.Diagnostic at the line and column of the entry or
// value concerned.
func ReadManifest(file string, r io.Reader) ([]Entry, error) {
	in := &trackReader{r: r, line: 1, col: 1}
	m := &manifestReader{file: file, in: in, dec: json.NewDecoder(in)}
	m.dec.UseNumber()
	if err := m.read(); err != nil && !errors.Is(err, errStop) {
		m.diags = append(m.diags, m.fail(err))
	}
	if len(m.diags) > 0 {
		return nil, errors.Join(m.diags...)
	}
	return m.entries, nil
}

// manifestReader is the state of one ReadManifest.
type manifestReader struct {
	file    string
	in      *trackReader
	dec     *json.Decoder
	entries []Entry
	seen    map[string]bool
	count   int // entries read
	diags   problems
}

// maxDepth bounds the nesting of values the manifest may hold (it needs 3), so that
// skipping an unknown field keeps the decoder's stack small.
const maxDepth = 64

const manifestHint = `integrity.json is {"algorithm":"sha256","files":[{"path":..,"size":..,"sha256":..}]}`

// errStop ends the reading of a manifest that has as many problems as are reported.
var errStop = errors.New("too many problems")

// read reads the manifest's top-level object. A problem with an entry is recorded and
// reading goes on; a returned error ends it.
func (m *manifestReader) read() error {
	start, err := m.token()
	if err != nil {
		return err
	}
	objectAt := m.tokPos()
	if start != json.Delim('{') {
		return m.syntax(objectAt, `the manifest is not a JSON object`)
	}
	var algorithm *string
	var algorithmAt diag.Position
	for m.dec.More() {
		k, err := m.token()
		if err != nil {
			return err
		}
		switch k {
		case "algorithm":
			v, err := m.token()
			if err != nil {
				return err
			}
			s, _ := v.(string)
			algorithm, algorithmAt = &s, m.tokPos()
			if err := m.skipFrom(v); err != nil {
				return err
			}
		case "files":
			if err := m.files(); err != nil {
				return err
			}
		default:
			if err := m.skip(); err != nil {
				return err
			}
		}
	}
	if _, err := m.token(); err != nil { // }
		return err
	}
	if _, err := m.token(); err != io.EOF {
		if err == nil {
			return m.syntax(m.tokPos(), "more than one JSON value in the file")
		}
		return err
	}
	switch {
	case algorithm == nil:
		m.diags.add(diag.Errorf(objectAt, "manifest-algorithm", `no "algorithm"; want "sha256"`).WithHint(manifestHint))
	case *algorithm != "sha256":
		m.diags.add(diag.Errorf(algorithmAt, "manifest-algorithm", "algorithm is %q, want \"sha256\"", *algorithm))
	}
	return nil
}

// files reads the files array, one entry at a time.
func (m *manifestReader) files() error {
	t, err := m.token()
	if err != nil {
		return err
	}
	if t != json.Delim('[') {
		return m.syntax(m.tokPos(), `"files" is not a list`)
	}
	if m.seen == nil {
		m.seen = map[string]bool{}
	}
	for i := 0; m.dec.More(); i++ {
		t, err := m.token()
		if err != nil {
			return err
		}
		at := m.tokPos()
		if m.count++; m.count > maxEntries {
			m.diags.add(tooMany(at, "manifest-too-many"))
			return errStop
		}
		f, why, err := m.entry(t)
		if err != nil {
			return err
		}
		if why == "" {
			why = m.check(f)
		}
		if why != "" {
			if !m.diags.add(diag.Errorf(at, "manifest-entry", "files[%d]: %s", i, why).WithHint(manifestHint)) {
				return errStop
			}
			continue
		}
		m.seen[f.Path] = true
		m.entries = append(m.entries, Entry{Path: f.Path, Size: f.Size, SHA256: strings.ToLower(f.SHA256)})
	}
	_, err = m.token() // ]
	return err
}

// entry reads one entry of the files array whose first token t has been read, token by
// token so that every syntax error has its own position. why says what is wrong with the
// entry's values, if anything.
func (m *manifestReader) entry(t json.Token) (f manifestFile, why string, err error) {
	if t != json.Delim('{') {
		return f, "not an object", m.skipFrom(t)
	}
	for m.dec.More() {
		k, err := m.token()
		if err != nil {
			return f, "", err
		}
		if k != "path" && k != "size" && k != "sha256" {
			if err := m.skip(); err != nil {
				return f, "", err
			}
			continue
		}
		v, err := m.token()
		if err != nil {
			return f, "", err
		}
		if err := m.skipFrom(v); err != nil {
			return f, "", err
		}
		s, isString := v.(string)
		n, isNumber := v.(json.Number)
		switch {
		case k == "size" && isNumber:
			if f.Size, err = n.Int64(); err != nil {
				why = cmp.Or(why, fmt.Sprintf("size %s is not a whole number of bytes", n))
			}
		case k == "size":
			why = cmp.Or(why, "size is not a number")
		case !isString:
			why = cmp.Or(why, fmt.Sprintf("%s is not a string", k))
		case k == "path":
			f.Path = s
		default:
			f.SHA256 = s
		}
	}
	_, err = m.token() // }
	return f, why, err
}

// check says what is wrong with an entry, or "".
func (m *manifestReader) check(f manifestFile) string {
	switch why := checkPath(f.Path); {
	case why != "":
		return why
	case m.seen[f.Path]:
		return fmt.Sprintf("%q is listed twice", f.Path)
	case f.Size < 0:
		return fmt.Sprintf("%q has a negative size", f.Path)
	case !isHex64(f.SHA256):
		return fmt.Sprintf("%q has an invalid SHA-256 digest %q", f.Path, f.SHA256)
	}
	return ""
}

// token reads the next token; the bytes before it are forgotten.
func (m *manifestReader) token() (json.Token, error) {
	m.in.forget(m.dec.InputOffset())
	return m.dec.Token()
}

// tokPos returns the position of the last token read.
func (m *manifestReader) tokPos() diag.Position {
	return m.pos(m.in.skip(m.in.base, " \t\r\n,:"))
}

// skip reads and discards one value, token by token.
func (m *manifestReader) skip() error {
	t, err := m.token()
	if err != nil {
		return err
	}
	return m.skipFrom(t)
}

// skipFrom discards the rest of a value whose first token t has been read.
func (m *manifestReader) skipFrom(t json.Token) error {
	for depth := 0; ; {
		switch t {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth > maxDepth {
				return m.syntax(m.tokPos(), fmt.Sprintf("values nested more than %d deep", maxDepth))
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
		var err error
		if t, err = m.token(); err != nil {
			return err
		}
	}
}

func (m *manifestReader) pos(off int64) diag.Position {
	line, col := m.in.pos(off)
	return diag.Position{File: m.file, Line: line, Col: col}
}

func (m *manifestReader) syntax(at diag.Position, msg string) error {
	return diag.Errorf(at, "manifest-json", "%s", msg).WithHint(manifestHint)
}

// fail turns an error that ended the reading into a diagnostic.
func (m *manifestReader) fail(err error) diag.Diagnostic {
	var d diag.Diagnostic
	var se *json.SyntaxError
	switch {
	case errors.As(err, &d):
		return d
	case errors.Is(err, errValueTooLong):
		return diag.Errorf(m.tokPos(), "manifest-too-long",
			"a value longer than %d bytes", maxSumsLine).
			WithHint("the values of a site published by evident are much shorter; is the file damaged or hostile?")
	case errors.Is(err, errFileTooLong):
		return diag.Errorf(m.pos(m.in.n), "manifest-size", "larger than %d bytes", maxManifest).
			WithHint("a site published by evident has a smaller manifest; is the file damaged or hostile?")
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return diag.Errorf(m.pos(m.in.n), "manifest-json", "the file ends too early; is it truncated?").WithHint(manifestHint)
	case errors.As(err, &se):
		// se.Offset counts only some of the bytes read when Token and More are mixed; the
		// decoder's offset is at the bad byte, or at the start of the bad value.
		return diag.Errorf(m.pos(m.dec.InputOffset()), "manifest-json", "%v", err).WithHint(manifestHint)
	}
	return diag.Errorf(m.pos(m.in.n), "manifest-read", "cannot read the manifest: %v", err)
}

var (
	errValueTooLong = fmt.Errorf("a value longer than %d bytes", maxSumsLine)
	errFileTooLong  = fmt.Errorf("larger than %d bytes", maxManifest)
)

// trackReader reads integrity.json for the JSON decoder. It keeps the bytes read since
// the last call to forget, so that an offset can be turned into a line and column without
// keeping the file, and it fails with errValueTooLong when those bytes (one value and the
// decoder's read-ahead) pass maxSumsLine, and with errFileTooLong past maxManifest bytes.
type trackReader struct {
	r         io.Reader
	n         int64  // bytes read
	base      int64  // offset of kept[head]
	line, col int    // position of offset base
	kept      []byte // bytes from base to n are kept[head:]
	head      int
}

func (t *trackReader) Read(p []byte) (int, error) {
	switch {
	case t.n > maxManifest:
		return 0, errFileTooLong
	case t.n-t.base > maxSumsLine:
		return 0, errValueTooLong
	}
	n, err := t.r.Read(p)
	t.n += int64(n)
	if t.head > 0 && t.head >= len(t.kept)/2 {
		t.kept = t.kept[:copy(t.kept, t.kept[t.head:])]
		t.head = 0
	}
	t.kept = append(t.kept, p[:n]...)
	return n, err
}

// forget drops the bytes before offset off; positions before it can no longer be asked for.
func (t *trackReader) forget(off int64) {
	k := t.clamp(off)
	t.line, t.col = advance(t.line, t.col, t.kept[t.head:t.head+k])
	t.head += k
	t.base += int64(k)
}

// pos returns the line and column of the byte at offset off (clamped to what is kept).
func (t *trackReader) pos(off int64) (line, col int) {
	return advance(t.line, t.col, t.kept[t.head:t.head+t.clamp(off)])
}

// skip returns the offset of the first kept byte at or after off that is not in chars.
func (t *trackReader) skip(off int64, chars string) int64 {
	for k := t.clamp(off); t.head+k < len(t.kept); k++ {
		if strings.IndexByte(chars, t.kept[t.head+k]) < 0 {
			return t.base + int64(k)
		}
	}
	return t.n
}

// clamp returns off as an index into the kept bytes.
func (t *trackReader) clamp(off int64) int {
	return int(min(max(off-t.base, 0), int64(len(t.kept)-t.head)))
}

// advance returns the position after b of a byte at line, col (columns count runes).
func advance(line, col int, b []byte) (int, int) {
	nl := bytes.Count(b, []byte{'\n'})
	if nl == 0 {
		return line, col + utf8.RuneCount(b)
	}
	return line + nl, utf8.RuneCount(b[bytes.LastIndexByte(b, '\n')+1:]) + 1
}
