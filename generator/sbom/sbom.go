// Package sbom recognises and summarises CycloneDX and SPDX documents.
//
// Summarize reads one document once, from any io.Reader, and returns what the SBOM page of a
// site shows: format, encoding and spec version, what the document describes, how many
// components (packages) and services it lists, the licences and generating tools it names,
// when it was created (as RFC 3339 in UTC), and the SHA-256 digest and size of the exact
// bytes read.
//
// Read: CycloneDX 1.2–1.7 JSON and XML, SPDX 2.2 and 2.3 JSON and tag-value, and SPDX 3.0
// JSON-LD. Refused with a message that names them: CycloneDX 1.0 and 1.1 (too old to have
// metadata) and versions newer than these, and SPDX in YAML, RDF/XML or XML, rare encodings
// of what SPDX JSON says that the SPDX tools convert to JSON (YAML would also need a
// streaming YAML reader, which the standard library does not have). Anything
// else, and any document that cannot be read to its end, is a diag.Diagnostic with the best
// position we can give (codes "sbom-unreadable", "sbom-unknown-format",
// "sbom-unsupported-format", "sbom-unsupported-version", "sbom-malformed", "sbom-too-long").
// A creation date that is not RFC 3339 is left out, with a warning ("sbom-created") in
// Summary.Warnings.
//
// # Why streaming, and not the formats' own Go libraries
//
// Vendors publish SBOMs of hundreds of megabytes, and a site build reads every one of them.
// github.com/CycloneDX/cyclonedx-go and github.com/spdx/tools-golang both decode the whole
// document into memory before anything can be asked of it, and tools-golang has no SPDX 3.0
// support at all. This package therefore reads with token-level streaming decoders
// (encoding/json's Decoder.Token, encoding/xml's Decoder.Token, and a line scanner for
// tag-value) and keeps only small scalars, counts and the sets of distinct licences and tools
// — never a component list. JSON keys may come in any order (components before bomFormat,
// @graph before @context), so the JSON walker records what every format needs while it reads
// and decides the format at the end.
//
// Memory is bounded by the largest single token, the nesting depth (at most maxDepth), and a
// few fixed caps: at most maxSetSize distinct licences and tools, values kept truncated to
// maxValueLen bytes, and at most maxCandidates packages remembered while looking for the one
// an SPDX document describes (when a document lists more packages before saying which one it
// describes, the subject falls back to the document's name). SPDX 3 attaches licences by
// relationships that may come before the licences they name, so at most maxSetSize licence
// elements (of at most maxArgs operands) and attached licence ids are kept to the end.
//
// The largest token is capped too: a JSON string, number or key, an XML text, name or
// comment, or a tag-value line, of more than maxTokenLen bytes (4 MiB, white space before it
// included) is refused with the diagnostic "sbom-too-long" at its start, after reading at
// most maxLookahead bytes more; no real SBOM has such a value, and a hostile one no longer
// costs memory in proportion to it.
package sbom

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/diag"
)

// Summary is what a site shows about one SBOM document.
type Summary struct {
	Format      string // "CycloneDX" or "SPDX"
	Encoding    string // "json", "xml", "tag-value" or "json-ld"
	SpecVersion string // as the document gives it: "1.4", "2.3", "3.0.1"

	// VEX is set for a CycloneDX document whose purpose is to make VEX statements: at least
	// one vulnerability carries an analysis, and it lists no more components and services
	// than vulnerabilities.
	VEX bool

	// Subject is what the document describes: CycloneDX metadata.component; for SPDX the
	// package the document describes (documentDescribes or a DESCRIBES relationship; the
	// rootElement of an SPDX 3 software_Sbom or SpdxDocument), else the document's name.
	Subject Subject

	// Components counts CycloneDX components, nested ones included (not metadata.component,
	// tools, or pedigree), and SPDX packages (files and snippets are not counted; SPDX 3 AI
	// and dataset packages are packages).
	Components int

	// Services counts CycloneDX services, nested ones included (not the services of
	// metadata.tools): what a SaaSBOM lists.
	Services int

	// Vulnerabilities counts CycloneDX vulnerabilities.
	Vulnerabilities int

	// Licenses holds the distinct licence ids, names and expressions given for the
	// components, the services and the subject, sorted. For SPDX 2 these are packages'
	// concluded and declared licences and files' concluded licences; for SPDX 3 the licences
	// that hasConcludedLicense and hasDeclaredLicense relationships attach to elements, by
	// expression, id or name (a licence without one by the last segment of its IRI).
	// NOASSERTION and NONE are left out, and so is the licence of the SBOM document itself
	// (SPDX dataLicense).
	Licenses []string

	// Tools holds the generating tools, sorted: CycloneDX metadata.tools as "name version",
	// SPDX 2 "Tool:" creators as written, SPDX 3 Tool elements' names.
	Tools []string

	Created      string // creation time in RFC 3339, UTC (CycloneDX metadata.timestamp, SPDX created)
	SerialNumber string // CycloneDX serialNumber, SPDX 2 documentNamespace, SPDX 3 document spdxId
	SHA256       string // hex digest of the bytes read
	Size         int64  // number of bytes read

	// Warnings are problems that do not stop the document from being read: a creation date
	// that is not RFC 3339.
	Warnings []diag.Diagnostic
}

// Subject names what an SBOM describes.
type Subject struct {
	Name    string
	Version string
}

// Limits that keep memory bounded whatever the input.
const (
	maxDepth      = 1000          // nesting of JSON or XML values
	maxSetSize    = 10_000        // distinct licences, tools
	maxValueLen   = 1024          // bytes kept of one licence or tool name
	maxCandidates = 4096          // SPDX packages remembered while the described one is unknown
	maxRoots      = 16            // described / root element ids remembered
	maxTokenLen   = 4 << 20       // bytes of one token or tag-value line
	readChunk     = 64 << 10      // bytes read from the caller's reader at once
	maxLookahead  = 2 * readChunk // what the decoders may have read past the token: a chunk and a buffer of it
)

// Diagnostic codes.
const (
	codeUnreadable        = "sbom-unreadable"
	codeUnknown           = "sbom-unknown-format"
	codeUnsupported       = "sbom-unsupported-version"
	codeUnsupportedFormat = "sbom-unsupported-format"
	codeCreated           = "sbom-created"
	codeMalformed         = "sbom-malformed"
	codeTooLong           = "sbom-too-long"
)

const recogniseHint = "is this a CycloneDX or SPDX document? evident recognises CycloneDX 1.2–1.7 JSON/XML " +
	"and SPDX 2.2/2.3 JSON and tag-value and SPDX 3.0 JSON-LD"

// spdxEncodings says which encodings of SPDX evident reads, for the message about one it
// does not, and convertSPDXHint how to get one of them.
const (
	spdxEncodings   = "evident reads SPDX 2 as JSON or tag-value, and SPDX 3 as JSON-LD"
	convertSPDXHint = "convert the document to SPDX JSON, for example with the SPDX tools " +
		"(pyspdxtools -i FILE -o FILE.spdx.json), and publish that; or have the tool that wrote it write JSON"
)

// A decoder reads one encoding of SBOM from in, whose first byte is the document's first
// non-space byte, found at offset start of the input. It returns the summary without the
// digest and size.
type decoder interface {
	decode(in *input, start int64) (*Summary, error)
}

var (
	_ decoder = jsonDecoder{}
	_ decoder = xmlDecoder{}
	_ decoder = tagValueDecoder{}
)

// Summarize reads the SBOM document in r, whose site-relative path is file, once to its end
// and summarises it. A problem with the document is returned as a diag.Diagnostic.
func Summarize(file string, r io.Reader) (*Summary, error) {
	in := newInput(file, r)
	start, first, err := in.skipSpace()
	if err != nil {
		return nil, in.readErr(err, start)
	}
	var dec decoder
	switch {
	case first < 0:
		return nil, diag.Errorf(in.pos(start), codeUnknown, "the file is empty or only white space").WithHint(recogniseHint)
	case first == '{':
		dec = jsonDecoder{}
	case first == '<':
		dec = xmlDecoder{}
	case first == '[':
		return nil, diag.Errorf(in.pos(start), codeUnknown, "a JSON array is not an SBOM document").WithHint(recogniseHint)
	case first == 0x1f:
		if b, _ := in.br.Peek(2); len(b) == 2 && b[1] == 0x8b {
			return nil, diag.Errorf(in.pos(start), codeUnknown, "the file is gzip-compressed").
				WithHint("publish the uncompressed document; %s", recogniseHint)
		}
		dec = tagValueDecoder{}
	default:
		dec = tagValueDecoder{}
	}
	sum, err := dec.decode(in, start)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, in.br); err != nil {
		return nil, in.readErr(err, in.n)
	}
	sum.SHA256 = hex.EncodeToString(in.hash.Sum(nil))
	sum.Size = in.n
	return sum, nil
}

// input is the document as the decoders read it. It hashes and counts every byte, and keeps
// the bytes read since the last commit so that a byte offset can be turned into a line and
// column without keeping the whole file.
type input struct {
	file string
	br   *bufio.Reader // what the decoders read
	src  io.Reader     // the caller's reader, teed into hash
	hash interface {
		io.Writer
		Sum([]byte) []byte
	}
	n    int64 // bytes read so far
	rerr error // first read error other than io.EOF
	base int64 // offset of kept[head]
	line int   // position of offset base
	col  int
	kept []byte // bytes from base to n (kept[head:])
	head int

	longPos diag.Position // where the token that made Read fail with errTooLong starts
}

func newInput(file string, r io.Reader) *input {
	h := sha256.New()
	in := &input{file: file, hash: h, src: io.TeeReader(r, h), line: 1, col: 1}
	in.br = bufio.NewReaderSize(in, readChunk)
	return in
}

// errTooLong is the read error once the bytes since the last commit, one token and what
// the decoder read past it, pass maxTokenLen+maxLookahead.
var errTooLong = errors.New("a token too long")

// Read implements io.Reader for in.br. It reads at most readChunk bytes at a time, so that
// a decoder never holds much more than the token it is reading.
func (in *input) Read(p []byte) (int, error) {
	if in.n-in.base > maxTokenLen+maxLookahead {
		if in.rerr == nil {
			in.rerr, in.longPos = errTooLong, in.tokenStart()
		}
		return 0, errTooLong
	}
	n, err := in.src.Read(p[:min(len(p), readChunk)])
	if n > 0 {
		in.n += int64(n)
		if in.head > 0 && in.head >= len(in.kept)/2 {
			in.kept = in.kept[:copy(in.kept, in.kept[in.head:])]
			in.head = 0
		}
		in.kept = append(in.kept, p[:n]...)
	}
	if err != nil && err != io.EOF && in.rerr == nil {
		in.rerr = err
	}
	return n, err
}

// commit forgets the bytes before offset off; positions before it can no longer be asked for.
func (in *input) commit(off int64) {
	k := int(min(off-in.base, int64(len(in.kept)-in.head)))
	if k <= 0 {
		return
	}
	b := in.kept[in.head : in.head+k]
	in.line, in.col = advance(in.line, in.col, b)
	in.head += k
	in.base += int64(k)
}

// pending returns the kept bytes from the last commit on.
func (in *input) pending() []byte { return in.kept[in.head:] }

// pos returns the position of the byte at offset off (clamped to what is known).
func (in *input) pos(off int64) diag.Position {
	k := int(max(0, min(off-in.base, int64(len(in.kept)-in.head))))
	line, col := advance(in.line, in.col, in.kept[in.head:in.head+k])
	return diag.Position{File: in.file, Line: line, Col: col}
}

func advance(line, col int, b []byte) (int, int) {
	nl := bytes.Count(b, []byte{'\n'})
	if nl == 0 {
		return line, col + len(b)
	}
	return line + nl, len(b) - bytes.LastIndexByte(b, '\n')
}

// skipSpace consumes white space and a UTF-8 byte order mark, and returns the offset and
// value of the first other byte, or -1 at the end of the input.
func (in *input) skipSpace() (int64, int, error) {
	off := int64(0)
	if b, _ := in.br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		in.br.Discard(3)
		off = 3
	}
	for {
		c, err := in.br.ReadByte()
		if err == io.EOF {
			return off, -1, nil
		}
		if err != nil {
			return off, 0, err
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			in.br.UnreadByte()
			in.commit(off)
			return off, int(c), nil
		}
		off++
	}
}

// readErr turns an error from reading the input into a diagnostic at offset off.
func (in *input) readErr(err error, off int64) error {
	if in.rerr != nil {
		err = in.rerr
	}
	if errors.Is(err, errTooLong) {
		return diag.Errorf(in.longPos, codeTooLong, "a single value longer than %d MiB", maxTokenLen>>20).
			WithHint("no SBOM has values this long; is the file damaged? Regenerate it with the tool that wrote it")
	}
	return diag.Errorf(in.pos(off), codeUnreadable, "cannot read the document: %v", err).
		WithHint("check that the file is readable and complete")
}

// tokenStart returns the position of the first byte since the last commit that is not white
// space or a JSON separator: where the token being read starts.
func (in *input) tokenStart() diag.Position {
	p := in.pending()
	i := 0
	for i < len(p) && strings.IndexByte(" \t\r\n:,", p[i]) >= 0 {
		i++
	}
	return in.pos(in.base + int64(i))
}

// truncated reports the end of the input in the middle of a document.
func (in *input) truncated() error {
	if in.rerr != nil {
		return in.readErr(in.rerr, in.n)
	}
	return diag.Errorf(in.pos(in.n), codeMalformed, "the document ends too early; is it truncated?").
		WithHint("publish the complete file as the tool wrote it")
}

// set is a bounded set of distinct short strings.
type set map[string]struct{}

func (s *set) add(v string) {
	v = strings.TrimSpace(v)
	if v == "" || len(*s) >= maxSetSize {
		return
	}
	if *s == nil {
		*s = set{}
	}
	(*s)[truncate(v)] = struct{}{}
}

// truncate cuts v to at most maxValueLen bytes, at a character boundary, marking the cut.
func truncate(v string) string {
	if len(v) <= maxValueLen {
		return v
	}
	n := maxValueLen
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return v[:n] + "…"
}

// addLicense adds a licence unless it says there is none or no assertion.
func (s *set) addLicense(v string) {
	switch strings.TrimSpace(v) {
	case "NOASSERTION", "NONE":
		return
	}
	s.add(v)
}

func (s set) sorted() []string {
	if len(s) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(s))
}

func tool(name, version string) string {
	return strings.TrimSpace(strings.TrimSpace(name) + " " + strings.TrimSpace(version))
}

// subjectFinder finds the package an SPDX document describes without keeping every package:
// the ids it describes are kept, and packages are remembered while they are few or described.
type subjectFinder struct {
	roots []string
	pkgs  map[string]Subject
}

func (f *subjectFinder) root(id string) {
	if id != "" && len(f.roots) < maxRoots && !slices.Contains(f.roots, id) {
		f.roots = append(f.roots, id)
	}
}

func (f *subjectFinder) pkg(id string, s Subject) {
	if id == "" {
		return
	}
	if len(f.pkgs) < maxCandidates || slices.Contains(f.roots, id) {
		if f.pkgs == nil {
			f.pkgs = map[string]Subject{}
		}
		f.pkgs[id] = s
	}
}

// subject returns the first described package, or fallback.
func (f *subjectFinder) subject(fallback Subject) Subject {
	for _, id := range f.roots {
		if s, ok := f.pkgs[id]; ok {
			return s
		}
	}
	return fallback
}

// checkVersion returns an unsupported-version diagnostic unless v is one of supported, oldest
// first. The message says whether v is older or newer than all of them, since what to do
// differs: regenerate the document, or update evident.
func checkVersion(pos diag.Position, format, v string, supported ...string) error {
	if slices.Contains(supported, v) {
		return nil
	}
	oldest, newest := supported[0], supported[len(supported)-1]
	if c, ok := compareVersions(v, oldest); ok && c < 0 {
		return diag.Errorf(pos, codeUnsupported, "%s %s is too old: evident reads %s %s to %s", format, v, format, oldest, newest).
			WithHint("regenerate the SBOM with a current version of the tool that wrote it; current tools write %s %s", format, newest)
	}
	if c, ok := compareVersions(v, newest); ok && c > 0 {
		return diag.Errorf(pos, codeUnsupported, "%s %s is newer than this evident reads (%s %s to %s)", format, v, format, oldest, newest).
			WithHint("update evident, or have the tool write %s %s", format, newest)
	}
	return diag.Errorf(pos, codeUnsupported, "%s version %q is not one evident reads (%s)", format, v, strings.Join(supported, ", ")).
		WithHint("give the version as the %s specification writes it, such as %q", format, newest)
}

// compareVersions compares dotted version numbers such as 1.4 and 3.0.1, a missing part
// counting as 0; ok is false unless both are such numbers.
func compareVersions(a, b string) (c int, ok bool) {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range max(len(as), len(bs)) {
		x, okx := versionPart(as, i)
		y, oky := versionPart(bs, i)
		if !okx || !oky {
			return 0, false
		}
		if x != y {
			return cmp.Compare(x, y), true
		}
	}
	return 0, true
}

func versionPart(parts []string, i int) (int, bool) {
	if i >= len(parts) {
		return 0, true
	}
	p := parts[i]
	if p == "" || len(p) > 6 || strings.Trim(p, "0123456789") != "" {
		return 0, false
	}
	n, _ := strconv.Atoi(p)
	return n, true
}

// The versions read, oldest first.
var (
	cdxVersions   = []string{"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}
	spdx2Versions = []string{"2.2", "2.3"}
)

// setCreated sets Created from the creation time written at pos, as RFC 3339 in UTC. A value
// that is not an RFC 3339 date and time (RFC 3339 allows a lower-case t and z, and a space
// for the T) is left out, with a warning: a page cannot show, or sort by, a date it cannot
// read.
func (s *Summary) setCreated(v string, pos diag.Position) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	norm := []byte(v)
	if len(norm) > 10 && (norm[10] == 't' || norm[10] == ' ') {
		norm[10] = 'T'
	}
	if n := len(norm) - 1; norm[n] == 'z' {
		norm[n] = 'Z'
	}
	if t, err := time.Parse(time.RFC3339Nano, string(norm)); err == nil {
		s.Created = t.UTC().Format(time.RFC3339Nano)
		return
	}
	s.Warnings = append(s.Warnings, diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: codeCreated,
		Message: fmt.Sprintf("the creation date %q is not an RFC 3339 date and time, so the site shows none", v),
		Hint:    "write it with a date, a time and an offset from UTC, such as 2026-01-02T15:04:05Z, as CycloneDX and SPDX require"})
}

// unknown is the diagnostic for a document that is none of the recognised formats.
func unknown(pos diag.Position, format string, args ...any) error {
	return diag.Errorf(pos, codeUnknown, format, args...).WithHint(recogniseHint)
}

// describeByte names a byte for a message.
func describeByte(c int) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("0x%02x", c)
}
