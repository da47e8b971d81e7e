package check

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

// slugKey is what two evidence slugs are compared by: their NFC form. "が" written as one
// code point (NFC) or as か and a combining mark (NFD, as macOS file systems store names)
// are different file names but one URL on servers and file systems that normalise.
func slugKey(slug string) string { return norm.NFC.String(slug) }

// hasDrive reports a Windows drive such as "C:" at the start of p: absolute on Windows,
// and on every other system a path that means something else there.
func hasDrive(p string) bool {
	return len(p) >= 2 && p[1] == ':' && ('a' <= p[0]|0x20 && p[0]|0x20 <= 'z')
}

// warnDirLink warns about a symlink to a folder under content/ or static/: neither Hugo
// nor the build publishes through it. (The check looks inside it only for what must never
// be read: see followLinks.)
func (c *checker) warnDirLink(abs, rel string) {
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		c.add(diag.Diagnostic{Pos: diag.Position{File: rel}, Severity: diag.Warning, Code: "symlink-folder",
			Message: "symlink to a folder is not followed; nothing in it is published",
			Hint:    "move or copy the files into the site instead of linking the folder"})
	}
}

// unsafeName says why a published file name is refused, or "" when it is fine. A control
// character breaks the lists and commands the name appears in (a newline starts another
// line of a list), and a bidirectional formatting character shows the name as another one
// ("report\u202Efdp.exe" reads as "reportexe.pdf"); see model.Unprintable. Characters such
// as ?, # and % are fine: links to the file are percent-encoded.
func unsafeName(what, p string) string {
	r, kind := model.Unprintable(p)
	if kind == "" {
		return ""
	}
	return fmt.Sprintf("%s %q contains %s (%U)", what, p, kind, r)
}

const unsafeNameHint = "rename the file: its name is shown on the site and listed in SHA256SUMS, where such a character hides or changes what the name says"

// urlName checks the name of an evidence file below content/evidence/, which is its
// page's URL. Hugo publishes a page under a cleaned name (common/paths.Sanitize drops
// "?" and turns a space into "-") and keeps "#" and "%", which start a fragment or an
// escape in a URL: either way the page's links would lead elsewhere. It returns the first
// character a URL cannot keep and the name with each run of such characters as "-", or 0.
func urlName(name string) (rune, string) {
	bad := func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !strings.ContainsRune("._-+~@/", r)
	}
	i := strings.IndexFunc(name, bad)
	if i < 0 {
		return 0, ""
	}
	var b strings.Builder
	for j, f := range strings.FieldsFunc(name, bad) {
		if j > 0 {
			b.WriteByte('-')
		}
		b.WriteString(f)
	}
	r := []rune(name[i:])[0]
	return r, b.String()
}
