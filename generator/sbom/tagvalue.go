package sbom

import (
	"bufio"
	"bytes"
	"errors"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

// tagValueDecoder reads SPDX 2 tag-value: "Tag: value" lines, "#" comments, and multi-line
// values between <text> and </text>. The document is recognised by an SPDXVersion tag before
// the first package, file, snippet or licence section. SPDX in YAML is recognised, to be
// refused by name, by its spdxVersion key: SPDX YAML and tag-value both begin with lines of
// "key: value", but a YAML document soon has a line that is not one, and names its version
// in lower camel case, possibly after such lines.
type tagValueDecoder struct{}

func (tagValueDecoder) decode(in *input, start int64) (*Summary, error) {
	startPos := in.pos(start)
	sc := bufio.NewScanner(in.br)
	// in fails a line past maxTokenLen, well before the scanner's own limit.
	sc.Buffer(make([]byte, 0, readChunk), 2*maxTokenLen)
	sc.Split(scanRawLines)

	var (
		f         spdx2Facts
		lineStart = start // input offset of the line being read
		next      = start // and of the next
		textFrom  diag.Position
		notTagged error // the first line that is not "Tag: value", before SPDXVersion
		section   = "document"
		pkgID     string
		pkg       Subject
	)
	pos := func(col int) diag.Position { return in.pos(lineStart + int64(col) - 1) }
	flushPackage := func() {
		if section == "package" {
			f.find.pkg(pkgID, pkg)
		}
		pkgID, pkg = "", Subject{}
	}
	for {
		in.commit(next) // the lines before are done: a line is limited on its own
		if !sc.Scan() {
			break
		}
		lineStart = next
		next += int64(len(sc.Bytes()))
		b := bytes.TrimRight(sc.Bytes(), "\r\n")
		if textFrom.Line > 0 {
			if bytes.Contains(b, []byte("</text>")) {
				textFrom = diag.Position{}
			}
			continue
		}
		trimmed := bytes.TrimSpace(b)
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		tag, value, vcol, ok := splitTag(b)
		if tag == "spdxVersion" && f.version == "" {
			v := strings.TrimPrefix(strings.Trim(value, `"'`), "SPDX-")
			return nil, diag.Errorf(pos(1), codeUnsupportedFormat, "SPDX %s in YAML is not read: %s", v, spdxEncodings).
				WithHint(convertSPDXHint)
		}
		if notTagged != nil {
			continue // looking for the spdxVersion of YAML
		}
		if !ok {
			if f.version == "" {
				notTagged = unknown(pos(1), "the file is not JSON, XML or SPDX tag-value (a line begins with %s)", describeByte(int(b[0])))
				continue
			}
			return nil, diag.Errorf(pos(1), codeMalformed, "a line that is not \"Tag: value\" in SPDX tag-value").
				WithHint("write multi-line values between <text> and </text>")
		}
		if strings.HasPrefix(value, "<text>") && !strings.Contains(value, "</text>") {
			textFrom = pos(1)
		}
		if f.version == "" {
			switch tag {
			case "SPDXVersion":
				v, ok := strings.CutPrefix(value, "SPDX-")
				vpos := pos(vcol)
				if !ok {
					return nil, unknown(vpos, "SPDXVersion %q does not start with \"SPDX-\"", value)
				}
				if err := checkVersion(vpos, "SPDX", v, spdx2Versions...); err != nil {
					return nil, err
				}
				f.version = v
				continue
			case "PackageName", "FileName", "SnippetSPDXID", "LicenseID":
				return nil, diag.Errorf(pos(1), codeUnknown, "SPDX tag-value without SPDXVersion before its first %s", tag).
					WithHint("begin the document with \"SPDXVersion: SPDX-2.3\"; %s", recogniseHint)
			}
		}
		switch tag {
		case "DocumentName":
			f.name = value
		case "DocumentNamespace":
			f.namespace = value
		case "Creator":
			f.addCreator(value)
		case "Created":
			f.created = located{value, pos(vcol)}
		case "PackageName":
			flushPackage()
			section = "package"
			f.packages++
			pkg.Name = value
		case "FileName", "SnippetSPDXID", "LicenseID":
			flushPackage()
			section = tag
		case "SPDXID":
			if section == "package" {
				pkgID = value
			}
		case "PackageVersion":
			if section == "package" {
				pkg.Version = value
			}
		case "PackageLicenseConcluded", "PackageLicenseDeclared", "LicenseConcluded":
			f.licenses.addLicense(value)
		case "Relationship":
			if r := strings.Fields(value); len(r) >= 3 {
				f.relationship(r[0], r[1], r[2])
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, errTooLong) {
			if notTagged != nil {
				return nil, notTagged
			}
			if f.version == "" {
				return nil, unknown(in.longPos, "the file is not JSON, XML or SPDX tag-value")
			}
			return nil, diag.Errorf(in.longPos, codeTooLong, "a line longer than %d MiB", maxTokenLen>>20).
				WithHint("write long values between <text> and </text> over several lines")
		}
		return nil, in.readErr(err, in.n)
	}
	if notTagged != nil {
		return nil, notTagged
	}
	if f.version == "" {
		return nil, unknown(startPos, "the file is not JSON, XML or SPDX tag-value (no SPDXVersion)")
	}
	if textFrom.Line > 0 {
		return nil, diag.Errorf(textFrom, codeMalformed, "<text> is not closed by </text>; is the file truncated?").
			WithHint("publish the complete file as the tool wrote it")
	}
	flushPackage()
	return f.summary("tag-value"), nil
}

// splitTag splits a "Tag: value" line and returns the 1-based column of the value. A tag is
// ASCII letters and digits.
func splitTag(b []byte) (tag, value string, col int, ok bool) {
	i := bytes.IndexByte(b, ':')
	if i <= 0 {
		return "", "", 0, false
	}
	for _, c := range b[:i] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", "", 0, false
		}
	}
	rest := b[i+1:]
	col = i + 2 + len(rest) - len(bytes.TrimLeft(rest, " \t"))
	return string(b[:i]), strings.TrimSpace(string(rest)), col, true
}

// scanRawLines is bufio.ScanLines that keeps the line ending, so that offsets can be counted.
func scanRawLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
