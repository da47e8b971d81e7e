package integrity

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/diag"
)

// File names of the integrity data at the root of a published site.
const (
	SumsFile     = "SHA256SUMS"
	SumsSigFile  = "SHA256SUMS.sig"
	ManifestFile = "integrity.json"
)

// WriteSums writes entries in the text format of GNU `sha256sum`:
// "<64 hex>  <path>\n", sorted by path.
//
// Names containing a backslash, a newline or a carriage return are written the
// way GNU coreutils (9.x) writes them: the line starts with a backslash and the
// name has "\\", "\n" and "\r" in place of those bytes, so `sha256sum -c` reads
// them back. Paths must satisfy the same rules ParseSums enforces.
func WriteSums(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriter(w)
	for _, e := range sortEntries(entries) {
		if why := checkPath(e.Path); why != "" {
			return fmt.Errorf("cannot write %s entry: %s", SumsFile, why)
		}
		if !isHex64(e.SHA256) {
			return fmt.Errorf("cannot write %s entry %q: invalid SHA-256 digest %q", SumsFile, e.Path, e.SHA256)
		}
		if err := writeSumLine(bw, e.SHA256, e.Path); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Sidecar returns the content of "<file>.sha256" for e: "<hex>  <basename>\n",
// so that `sha256sum -c file.sha256` works in the file's own folder. Names are
// escaped as in WriteSums. e is expected to come from Tree or DigestFile.
func Sidecar(e Entry) []byte {
	var b bytes.Buffer
	writeSumLine(&b, e.SHA256, path.Base(e.Path)) // a bytes.Buffer does not fail
	return b.Bytes()
}

var nameEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`)

func writeSumLine(w io.Writer, sum, name string) error {
	prefix := ""
	if strings.ContainsAny(name, "\\\n\r") {
		prefix = `\`
		name = nameEscaper.Replace(name)
	}
	_, err := fmt.Fprintf(w, "%s%s  %s\n", prefix, strings.ToLower(sum), name)
	return err
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Limits on the two lists of a published site, SHA256SUMS and integrity.json, so that a
// hostile list costs bounded memory, time and output whoever serves it.
const (
	MaxSums        = 64 << 20  // bytes of SHA256SUMS (package published reads it with the same bound)
	maxManifest    = 128 << 20 // bytes of integrity.json, about twice as long per file
	maxSumsLine    = 64 << 10  // one SHA256SUMS line or integrity.json value; Linux paths are at most 4096 bytes
	maxEntries     = 500_000   // files one list may name
	maxDiagnostics = 50        // problems reported for one list
)

// problems collects the diagnostics of one list, at most maxDiagnostics of them: past
// that, a hostile list would only make the output longer.
type problems []error

// add records d and reports whether reading should go on.
func (p *problems) add(d diag.Diagnostic) bool {
	*p = append(*p, d)
	return len(*p) < maxDiagnostics
}

// tooMany is the diagnostic for the entry past maxEntries; code is "sums-too-many" or
// "manifest-too-many".
func tooMany(pos diag.Position, code string) diag.Diagnostic {
	return diag.Errorf(pos, code, "more than %d files listed", maxEntries).
		WithHint("a site published by evident has fewer files; is the list damaged or hostile?")
}

// ParseSums reads a SHA256SUMS file as written by GNU sha256sum: text mode
// ("<hex>  <name>"), binary mode ("<hex> *<name>"), and escaped names (a leading
// backslash with "\\", "\n", "\r"). Blank lines are skipped and CRLF line ends
// accepted. Upper-case hex is accepted and returned in lower case. Size is -1.
//
// file is the site-relative name used in positions. Every malformed line is
// reported as a diag.Diagnostic (joined with errors.Join); so is every path that
// is empty, absolute, contains "..", "." or empty elements, or is listed twice,
// so that a hostile SHA256SUMS cannot name anything outside the site. Reading stops at the
// maxDiagnostics-th problem and at the entry past maxEntries, and no line may be longer
// than maxSumsLine bytes, so a hostile file costs bounded memory and output.
func ParseSums(file string, r io.Reader) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxSumsLine)
	var (
		entries []Entry
		diags   problems
		seen    = map[string]int{}
		line    int
	)
	for sc.Scan() {
		line++
		e, d, ok := parseSumLine(file, line, sc.Text())
		if !ok {
			if !diags.add(d) {
				break
			}
			continue
		}
		if e.Path == "" { // blank line
			continue
		}
		at := diag.Position{File: file, Line: line, Col: d.Pos.Col}
		if len(seen) == maxEntries {
			diags.add(tooMany(at, "sums-too-many"))
			break
		}
		if first, dup := seen[e.Path]; dup {
			d := diag.Errorf(at, "sums-duplicate", "%q is listed twice (first on line %d)", e.Path, first).
				WithHint("list every file once")
			if !diags.add(d) {
				break
			}
			continue
		}
		seen[e.Path] = line
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		d := diag.Errorf(diag.Position{File: file, Line: line + 1, Col: 1}, "sums-read", "%v", err)
		if errors.Is(err, bufio.ErrTooLong) {
			d = d.WithHint("a line of %s is at most %d bytes", SumsFile, maxSumsLine)
		}
		diags.add(d)
	}
	if len(diags) > 0 {
		return nil, errors.Join(diags...)
	}
	return entries, nil
}

// parseSumLine parses one line. For a blank line it returns a zero Entry and ok.
// On success d.Pos.Col is the column of the name, for later diagnostics.
func parseSumLine(file string, line int, s string) (e Entry, d diag.Diagnostic, ok bool) {
	pos := func(byteOff int) diag.Position {
		return diag.Position{File: file, Line: line, Col: utf8.RuneCountInString(s[:byteOff]) + 1}
	}
	fail := func(off int, code, hint, format string, args ...any) (Entry, diag.Diagnostic, bool) {
		return Entry{}, diag.Errorf(pos(off), code, format, args...).WithHint("%s", hint), false
	}
	const lineHint = `each line is "<64 hex digits>  <path>", as written by sha256sum`
	if strings.TrimSpace(s) == "" {
		return Entry{}, diag.Diagnostic{}, true
	}
	if strings.HasPrefix(s, "SHA256 (") {
		return fail(0, "sums-tagged", "write the file with sha256sum without --tag",
			"BSD-style (--tag) lines are not supported")
	}
	off := 0
	escaped := false
	if strings.HasPrefix(s, `\`) {
		escaped = true
		off = 1
	}
	n := 0
	for n < len(s)-off && n < 64 && isHexByte(s[off+n]) {
		n++
	}
	if n < 64 {
		if n == 0 {
			return fail(off, "sums-digest", lineHint, "expected a SHA-256 digest at the start of the line")
		}
		return fail(off+n, "sums-digest", lineHint+"; a SHA-256 digest has 64 hex digits",
			"SHA-256 digest is too short (%d hex digits)", n)
	}
	sum := strings.ToLower(s[off : off+64])
	off += 64
	if off < len(s) && isHexByte(s[off]) {
		return fail(off, "sums-digest", lineHint+"; a SHA-256 digest has 64 hex digits",
			"SHA-256 digest is too long")
	}
	if off+1 >= len(s) || s[off] != ' ' || (s[off+1] != ' ' && s[off+1] != '*') {
		return fail(off, "sums-separator", lineHint,
			`expected two spaces (or " *") between the digest and the path`)
	}
	off += 2
	name := s[off:]
	if escaped {
		var err error
		var bad int
		name, bad, err = unescapeName(name)
		if err != nil {
			return fail(off+bad, "sums-escape", `in a line that starts with "\", only \\, \n and \r may appear in the name`,
				"%v", err)
		}
	}
	if why := checkPath(name); why != "" {
		return fail(off, "sums-path", `paths are relative to the site root, like "downloads/app.tar.gz"`,
			"%s", why)
	}
	return Entry{Path: name, Size: -1, SHA256: sum}, diag.Diagnostic{Pos: pos(off)}, true
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unescapeName undoes GNU sha256sum's escaping. On error it returns the byte
// offset of the bad escape.
func unescapeName(s string) (string, int, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", i, errors.New(`name ends with a lone backslash`)
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", i - 1, fmt.Errorf("unknown escape %q in name", s[i-1:i+1])
		}
	}
	return b.String(), 0, nil
}
