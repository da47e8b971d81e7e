package check

import (
	"os"

	"golang.org/x/text/unicode/norm"

	"github.com/evident-dev/evident/generator/diag"
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

// warnDirLink warns about a symlink to a folder under content/: neither the check nor
// Hugo follows it (so a link to a parent cannot loop), and what it holds is not published.
func (c *checker) warnDirLink(abs, rel string) {
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		c.add(diag.Diagnostic{Pos: diag.Position{File: rel}, Severity: diag.Warning, Code: "symlink-folder",
			Message: "symlink to a folder is not followed; nothing in it is published",
			Hint:    "move or copy the files into the site's content folder instead of linking the folder"})
	}
}
