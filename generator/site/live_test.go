package site_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/site"
	"github.com/evident-dev/evident/internal/sitetest"
)

// liveSite is brokenLayout mended (its layout gone), with pagination by one page and
// ordinary Hugo pages beside its evidence: a bundle with a file, a page no list shows,
// a page with an alias, and a section whose layout paginates.
var liveSite = strings.NewReplacer(
	"scope = \"Everything\"\n", "scope = \"Everything\"\n\n[hugo.pagination]\npagerSize = 1\n",
	"-- layouts/_partials/head.html --\n{{ partial \"nonexistent\" . }}\n", `-- content/notes/_index.md --
+++
title = "Notes"
+++
-- content/notes/bundle/index.md --
+++
title = "Bundle note"
+++
A bundle.
-- content/notes/bundle/chart.txt --
chart data
-- content/notes/hidden.md --
+++
title = "Hidden note"
[build]
list = "never"
+++
Only linked to.
-- content/notes/moved.md --
+++
title = "Moved note"
aliases = ["/old-notes/"]
+++
Moved here.
-- layouts/notes/section.html --
{{ define "main" }}{{ range (.Paginate .Pages).Pages }}<p>{{ .Title }}</p>{{ end }}{{ end }}
`).Replace(brokenLayout)

// TestLiveRendersOnRequest: a live site renders a page when it is asked for, with what
// Hugo publishes with the page (a bundle's files, a paginator's pages), whether a list
// shows the page or not; the home page, the 404 page and aliases are there from the
// first render, and a path that is no page's renders nothing.
func TestLiveRendersOnRequest(t *testing.T) {
	if !strings.Contains(liveSite, "pagerSize") || strings.Contains(liveSite, "nonexistent") {
		t.Fatal("liveSite is not made from brokenLayout as it says")
	}
	root := sitetest.Unpack(t, liveSite)
	in := input(t, root)
	live, err := site.NewLive(root, "http://127.0.0.1:1414/", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if _, err := live.Update(in, nil, true, nil); err != nil {
		t.Fatal(err)
	}
	read := func(name string) (string, bool) {
		var out string
		var ok bool
		live.View(func(fsys http.FileSystem) {
			f, err := fsys.Open(name)
			if err != nil {
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			out, ok = string(b), true
		})
		return out, ok
	}
	for _, name := range []string{"/index.html", "/404.html", "/old-notes/index.html"} {
		if _, ok := read(name); !ok {
			t.Errorf("%s is not there after the first render", name)
		}
	}
	for _, c := range []struct{ url, file, want string }{
		{"/evidence/code-review/", "/evidence/code-review/index.html", "Every pull request is reviewed."},
		{"/notes/hidden/", "/notes/hidden/index.html", "Only linked to."},
		{"/notes/bundle/chart.txt", "/notes/bundle/chart.txt", "chart data"},
		{"/notes/page/2/", "/notes/page/2/index.html", "<p>"},
	} {
		if _, ok := read(c.file); ok {
			t.Fatalf("%s is there before anyone asked for it: the test shows nothing", c.file)
		}
		if err := live.Render(in, c.url, true); err != nil {
			t.Fatalf("Render(%s): %v", c.url, err)
		}
		if got, _ := read(c.file); !strings.Contains(got, c.want) {
			t.Errorf("after Render(%s), %s is %q, want it to contain %q", c.url, c.file, got, c.want)
		}
	}
	if err := live.Render(in, "/no/such/page/", true); err != nil {
		t.Errorf("Render of no page: %v", err)
	}
	if _, ok := read("/no/such/page/index.html"); ok {
		t.Error("a path that is no page's was written")
	}
}
