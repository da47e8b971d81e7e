package links

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheck(t *testing.T) {
	root := t.TempDir()
	for name, content := range map[string]string{
		"index.html": `<a href="/trust/a/">a</a> <a href="a/#sec">anchor</a> <a href="/trust/a/#nope">bad anchor</a>
			<a href="https://trust.example.com/trust/missing/">absolute, missing</a> <a href="https://elsewhere.example/">other host</a>
			<a href="mailto:security@example.com">mail</a> <a href="JavaScript:alert(1)">js</a>
			<link rel="stylesheet" href="/trust/css/site.css"> <img src="/trust/img/x.png"> <a href="#top">top</a><p id="top">`,
		"a/index.html":   `<h2 id="sec">s</h2><a name="old"></a><a href="../#top">back</a><a href="/trust/#old">no such name on home</a>`,
		"css/site.css":   `body{}`,
		"SHA256SUMS":     ``,
		"a/notes.txt":    ``,
		"outside/x.html": `<a href="/other/">outside the base path is another site</a>`,
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Check(root, "https://trust.example.com/trust/")
	if err != nil {
		t.Fatal(err)
	}
	want := []Broken{
		{"a/index.html", "/trust/#old", "no element with id old in index.html"},
		{"index.html", "/trust/a/#nope", "no element with id nope in a/index.html"},
		{"index.html", "https://trust.example.com/trust/missing/", "no such file: /missing"},
		{"index.html", "JavaScript:alert(1)", "javascript: URL"},
		{"index.html", "/trust/img/x.png", "no such file: /img/x.png"},
	}
	if diff := cmp.Diff(want, rep.Broken); diff != "" {
		t.Errorf("broken links (-want +got):\n%s", diff)
	}
	if rep.Pages != 3 || rep.Links != 9 {
		t.Errorf("pages %d links %d, want 3 and 9", rep.Pages, rep.Links)
	}
}
