package evidence

import (
	"fmt"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// manyEntries returns evidence front matter in format "toml" or "yaml" with n entries in
// key (artifacts or sboms), and the line of entry i (0-based).
func manyEntries(format, key string, n int) (data []byte, line func(i int) int) {
	var b strings.Builder
	if format == "toml" {
		b.WriteString("+++\ntitle = \"Many\"\nrequirements = [\"S(1)-2.2\"]\nstatus = \"implemented\"\n")
		for i := range n {
			fmt.Fprintf(&b, "[[%s]]\npath = \"files/f%d.pdf\"\n", key, i)
		}
		b.WriteString("+++\nbody\n")
		return []byte(b.String()), func(i int) int { return 5 + 2*i }
	}
	fmt.Fprintf(&b, "---\ntitle: Many\nrequirements: [\"S(1)-2.2\"]\nstatus: implemented\n%s:\n", key)
	for i := range n {
		fmt.Fprintf(&b, "  - path: files/f%d.pdf\n", i)
	}
	b.WriteString("---\nbody\n")
	return []byte(b.String()), func(i int) int { return 6 + i }
}

// TestTooManyEntries checks the cap on the artifacts and sboms of one file: MaxEntries are
// read; one more, or many more, is one error at the first entry past the cap.
func TestTooManyEntries(t *testing.T) {
	for _, format := range []string{"toml", "yaml"} {
		for _, key := range []string{"artifacts", "sboms"} {
			t.Run(format+"/"+key, func(t *testing.T) {
				data, _ := manyEntries(format, key, MaxEntries)
				f, diags := Parse("content/evidence/many.md", data)
				if len(diags) != 0 || len(f.Artifacts)+len(f.SBOMs) != MaxEntries {
					t.Fatalf("%d entries: %d read, diagnostics %v", MaxEntries, len(f.Artifacts)+len(f.SBOMs), diags)
				}

				for _, n := range []int{MaxEntries + 1, 20 * MaxEntries} {
					data, line := manyEntries(format, key, n)
					f, diags := Parse("content/evidence/many.md", data)
					want := diag.Position{File: "content/evidence/many.md", Line: line(MaxEntries), Col: 3}
					if format == "yaml" {
						want.Col = 5
					}
					if len(diags) != 1 || diags[0].Code != "too-many-entries" || diags[0].Pos != want {
						t.Fatalf("%d entries: diagnostics %v, want one too-many-entries at %s", n, diags, want)
					}
					checkHints(t, diags)
					if got := len(f.Artifacts) + len(f.SBOMs); got > MaxEntries {
						t.Errorf("%d entries kept", got)
					}
				}
			})
		}
	}
}
