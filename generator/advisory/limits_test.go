package advisory

import (
	"fmt"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
)

// TestTooManyEntries checks the bound on the lists of one file: evidence.MaxEntries are
// read, one more is an error at the first one too many, and no more than the bound is read.
func TestTooManyEntries(t *testing.T) {
	const p = "content/advisories/many.md"
	for _, c := range []struct {
		name  string
		file  func(n int) string
		count func(f *File) int
		line  int // of the entry MaxEntries (from 0) in a file of more
		col   int
	}{
		{"references", func(n int) string {
			return "+++\n" + strings.Repeat("[[references]]\nurl = \"https://example.com/\"\nsummary = \"s\"\n", n) + "+++\n"
		}, func(f *File) int { return len(f.References) }, 2 + 3*evidence.MaxEntries, 3},
		{"affected", func(n int) string {
			return "+++\n[[products]]\nid = \"gw\"\nstatus = \"under-investigation\"\naffected = [\n" + strings.Repeat("\"1.0\",\n", n) + "]\n+++\n"
		}, func(f *File) int { return len(f.Products[0].Affected) }, 6 + evidence.MaxEntries, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, diags := Parse(p, []byte(c.file(evidence.MaxEntries)))
			for _, d := range diags {
				if d.Code == "too-many-entries" {
					t.Fatalf("%d entries: %v", evidence.MaxEntries, d)
				}
			}
			if got := c.count(f); got != evidence.MaxEntries {
				t.Fatalf("%d entries read, want %d", got, evidence.MaxEntries)
			}
			f, diags = Parse(p, []byte(c.file(3*evidence.MaxEntries)))
			want := diag.Position{File: p, Line: c.line, Col: c.col}
			found := false
			for _, d := range diags {
				found = found || d.Code == "too-many-entries" && d.Pos == want && strings.Contains(d.Message, fmt.Sprint(3*evidence.MaxEntries))
			}
			if !found || c.count(f) != evidence.MaxEntries {
				t.Errorf("%d read, diagnostics %v; want too-many-entries at %v", c.count(f), diags, want)
			}
		})
	}
}
