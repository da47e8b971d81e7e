package preview

import (
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

func TestSnippetEscapesProblems(t *testing.T) {
	probs := diag.List{
		diag.Errorf(diag.Position{File: `content/evidence/<b>.md`, Line: 3, Col: 7}, "x", `unknown requirement "<script>alert(1)</script>"`).
			WithHint(`write & fix <i>`),
		{Pos: diag.Position{File: "evident.toml", Line: 1, Col: 1}, Severity: diag.Warning, Code: "w", Message: "a warning"},
	}
	got := string(snippet(7, probs))
	for _, bad := range []string{"<script>alert", "<b>.md", "<i>", "& fix"} {
		if strings.Contains(got, bad) {
			t.Errorf("snippet has %q unescaped:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		"content/evidence/&lt;b&gt;.md:3:7", "&lt;script&gt;alert(1)&lt;/script&gt;", "write &amp; fix &lt;i&gt;",
		"evident.toml:1:1", "a warning", "var seq=7;", "1 error;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("snippet lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(snippet(7, probs[1:])), "evident-problems") {
		t.Error("warnings alone show the problems")
	}
}

func TestInjectBefore(t *testing.T) {
	for page, want := range map[string]string{
		"<html><body><p>x</p></body></html>": "<html><body><p>x</p>S</body></html>",
		"<p>no body</p>":                     "<p>no body</p>S",
		"<BODY>a</BODY>":                     "<BODY>aS</BODY>",
	} {
		if got := string(injectBefore([]byte(page), []byte("S"))); got != want {
			t.Errorf("injectBefore(%q) = %q; want %q", page, got, want)
		}
	}
}

func TestIgnoredName(t *testing.T) {
	for _, name := range []string{"x.md~", ".x.md.swp", ".x.md.swx", "4913", ".#x.md", "#x.md#", ".DS_Store", "sedAb3xYz", "x.md___jb_tmp___"} {
		if !ignoredName(name) {
			t.Errorf("%s is not ignored", name)
		}
	}
	for _, name := range []string{"x.md", "sed.md", "sedimentary", "evident.toml", "#", "page.html", "4913.md"} {
		if ignoredName(name) {
			t.Errorf("%s is ignored", name)
		}
	}
}
