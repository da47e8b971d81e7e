package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/internal/sitetest"
)

// TestUnsafeNames: a published file whose name holds a control character (a newline
// breaks lists of names) or a bidirectional override (it shows the name in another
// order: "a\u202Etxt.exe" reads as "aexe.txt") is refused, naming the file; a name with
// ?, # or % is fine (links to it are percent-encoded).
func TestUnsafeNames(t *testing.T) {
	root := t.TempDir()
	names := []string{"artifacts/a\nb.txt", "artifacts/report\u202Etxt.exe", "artifacts/a?b#c%d.txt", "artifacts/\u2066x\u2069.txt", "sbom/\x1b[31m.json"}
	front := "+++\ntitle = \"X\"\nrequirements = [\"(1)-2\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\nowner = \"Security\"\n"
	for i, n := range names {
		sitetest.WriteFile(t, root, n, []byte("x"))
		if i < 4 {
			front += "[[artifacts]]\npath = " + quote(n) + "\n"
		}
	}
	front += "[[sboms]]\npath = " + quote(names[4]) + "\n+++\nBody.\n"
	sitetest.WriteFile(t, root, "evident.toml", []byte("title = \"T\"\nlanguages = [\"en\"]\n"))
	sitetest.WriteFile(t, root, "content/evidence/x.md", []byte(front))
	// An evidence file's name is its page's URL and title.
	bidi := filepath.Join(root, "content", "evidence", "y\u202e.md")
	if err := os.WriteFile(bidi, []byte(front[:strings.Index(front, "[[")]+"+++\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code == "unsafe-name" {
			got = append(got, d.Pos.String()+" "+d.Message)
		}
	}
	want := []string{
		`content/evidence/x.md:8:8 artifact path "artifacts/a\nb.txt" contains a control character (U+000A)`,
		`content/evidence/x.md:10:8 artifact path "artifacts/report\u202etxt.exe" contains a bidirectional control character (U+202E)`,
		`content/evidence/x.md:14:8 artifact path "artifacts/\u2066x\u2069.txt" contains a bidirectional control character (U+2066)`,
		`content/evidence/x.md:16:8 SBOM path "sbom/\x1b[31m.json" contains a control character (U+001B)`,
		`content/evidence/y` + "\u202e" + `.md evidence file name "content/evidence/y\u202e.md" contains a bidirectional control character (U+202E)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unsafe-name diagnostics (-want +got):\n%s\nall: %v", diff, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		if d.Code == "unsafe-name" && (d.Severity != diag.Error || d.Hint == "") {
			t.Errorf("%v: want an error with a hint", d)
		}
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\x1b", `\u001b`)
	return `"` + r.Replace(s) + `"`
}

// TestEvidenceNameURL: an evidence file's name is its page's URL, and Hugo publishes the
// page under a cleaned name ("a b" as "a-b", "a?b" as "ab"), so characters it would change,
// and # and % that a URL cannot keep, are refused; letters of any script are fine.
func TestEvidenceNameURL(t *testing.T) {
	root := t.TempDir()
	body := "+++\ntitle = \"X\"\nrequirements = [\"(1)-2\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\nowner = \"Security\"\n+++\nBody.\n"
	sitetest.WriteFile(t, root, "evident.toml", []byte("title = \"T\"\nlanguages = [\"ja\", \"en\"]\n"))
	for _, n := range []string{"a b.md", "q?r.md", "c#d.md", "p%41.md", "ok/年次_報告-2026.1+v~x@y.md", "ok/年次_報告-2026.1+v~x@y.en.md", "e's.md"} {
		sitetest.WriteFile(t, root, "content/evidence/"+n, []byte(body))
	}
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code == "unsafe-name" {
			got = append(got, d.Pos.String()+" "+d.Message+"; "+d.Hint)
		}
	}
	want := []string{
		`content/evidence/a b.md evidence file name "a b.md" has " ", which its URL cannot keep; rename it to a-b.md: evidence file names are page URLs, made of letters, digits and . _ - + ~ @`,
		`content/evidence/c#d.md evidence file name "c#d.md" has "#", which its URL cannot keep; rename it to c-d.md: evidence file names are page URLs, made of letters, digits and . _ - + ~ @`,
		`content/evidence/e's.md evidence file name "e's.md" has "'", which its URL cannot keep; rename it to e-s.md: evidence file names are page URLs, made of letters, digits and . _ - + ~ @`,
		`content/evidence/p%41.md evidence file name "p%41.md" has "%", which its URL cannot keep; rename it to p-41.md: evidence file names are page URLs, made of letters, digits and . _ - + ~ @`,
		`content/evidence/q?r.md evidence file name "q?r.md" has "?", which its URL cannot keep; rename it to q-r.md: evidence file names are page URLs, made of letters, digits and . _ - + ~ @`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unsafe-name diagnostics (-want +got):\n%s\nall: %v", diff, res.Diagnostics)
	}
}
