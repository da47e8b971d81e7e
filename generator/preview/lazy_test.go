package preview

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestLazyRender: the preview renders a page when it is asked for, and rebuilds render
// again only the pages looked at lately, even when the model changes: what the preview
// serves is never stale, and pages nobody opens cost nothing.
func TestLazyRender(t *testing.T) {
	var archive strings.Builder
	archive.WriteString(siteTxtar[:strings.Index(siteTxtar, "-- content/")])
	for i := range 12 {
		fmt.Fprintf(&archive, "-- content/evidence/e%04d.md --\n+++\ntitle = \"Evidence %d\"\nrequirements = [\"(1)-3\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\n+++\nStatement %d.\n", i, i, i)
	}
	root := writeSite(t, archive.String())
	p, err := New(context.Background(), Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// file is what the preview holds at the URL path name now, without asking for it.
	file := func(name string) string {
		var out string
		p.live.View(func(fsys http.FileSystem) {
			f, err := fsys.Open(name)
			if err != nil {
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			out = string(b)
		})
		return out
	}
	output := func(url string) string { return file(url + "index.html") }
	serve := func(url string) string {
		t.Helper()
		rec := httptest.NewRecorder()
		p.Handler().ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", url, rec.Code)
		}
		return rec.Body.String()
	}
	if output("/evidence/e0007/") != "" || output("/requirements/1-3/") != "" {
		t.Fatal("the first render rendered pages nobody asked for")
	}
	serve("/evidence/") // a browser shows the list of evidence
	if output("/evidence/") == "" || output("/evidence/e0007/") != "" {
		t.Fatal("a page asked for is not rendered alone")
	}

	// A title changes the model, which every page reads: a partial rebuild still.
	replaceInFile(t, root, "content/evidence/e0007.md", `title = "Evidence 7"`, `title = "Evidence seven"`)
	b := p.Rebuild([]fsnotify.Event{{Name: filepath.Join(root, "content/evidence/e0007.md"), Op: fsnotify.Write}})
	if !b.OK() || b.Full {
		t.Fatalf("title edit: %+v, want a partial rebuild", b)
	}
	if !strings.Contains(output("/evidence/"), "Evidence seven") {
		t.Error("the rebuild did not render a page looked at lately")
	}
	if output("/evidence/e0007/") != "" {
		t.Fatal("the rebuild rendered the page of a changed file nobody looked at")
	}
	if !strings.Contains(serve("/evidence/e0007/"), "Evidence seven") {
		t.Error("the page of the changed file is not served with its change")
	}
	// Fetched (not shown in a browser) before a rebuild: stale until it is asked for again.
	const data = "/requirements/1-3/index.json"
	if !strings.Contains(serve(data), "Evidence seven") {
		t.Fatal("a page's JSON is not served with the change")
	}
	replaceInFile(t, root, "content/evidence/e0007.md", `title = "Evidence seven"`, `title = "Evidence 7 again"`)
	if b := p.Rebuild([]fsnotify.Event{{Name: filepath.Join(root, "content/evidence/e0007.md"), Op: fsnotify.Write}}); !b.OK() {
		t.Fatal(b.Problems)
	}
	if !strings.Contains(file(data), "Evidence seven") {
		t.Fatal("the rebuild rendered a page not looked at: the test shows nothing")
	}
	if !strings.Contains(serve(data), "Evidence 7 again") {
		t.Error("a stale page is served without being rendered again")
	}
	if !strings.Contains(serve("/requirements/1-3/"), "Evidence 7 again") {
		t.Error("a page nobody looked at is not served with the change")
	}

	// evident.toml, where Hugo's configuration does not change: a partial rebuild too.
	replaceInFile(t, root, "evident.toml", `version = "2026.1"`, `version = "2026.9"`)
	b = p.Rebuild([]fsnotify.Event{{Name: filepath.Join(root, "evident.toml"), Op: fsnotify.Write}})
	if !b.OK() || b.Full {
		t.Fatalf("evident.toml edit: %+v, want a partial rebuild", b)
	}
	if strings.Contains(output("/evidence/e0005/"), "2026.9") {
		t.Fatal("the rebuild rendered a page nobody looked at: the test shows nothing")
	}
	if !strings.Contains(serve("/evidence/e0005/"), "2026.9") {
		t.Error("a page nobody looked at shows the old version")
	}

	// A statement changes one page; the others stay as they are.
	replaceInFile(t, root, "content/evidence/e0003.md", "Statement 3.", "Statement three.")
	b = p.Rebuild([]fsnotify.Event{{Name: filepath.Join(root, "content/evidence/e0003.md"), Op: fsnotify.Write}})
	if !b.OK() || b.Full {
		t.Fatalf("statement edit: %+v, want a partial rebuild", b)
	}
	if !strings.Contains(serve("/evidence/e0003/"), "Statement three.") {
		t.Error("the statement edit does not show")
	}
}

// TestLazyRenderError: a page that fails only when it is rendered, after a rebuild that
// left it stale, shows its error over the page when it is asked for, and the fix clears it.
func TestLazyRenderError(t *testing.T) {
	root := writeSite(t, siteTxtar)
	p, err := New(context.Background(), Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	get := func(url string) string {
		t.Helper()
		rec := httptest.NewRecorder()
		p.Handler().ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec.Body.String()
	}
	get("/evidence/alpha/") // open in a browser: the rebuild renders it
	layout := filepath.Join(root, "layouts/evidence/page.html")
	writeFile(t, root, "layouts/evidence/page.html", "{{ define \"main\" }}<p>FIRST {{ .Title }}</p>{{ end }}\n")
	if b := p.Rebuild([]fsnotify.Event{{Name: layout, Op: fsnotify.Create}}); !b.OK() {
		t.Fatalf("a new layout: %v", b.Problems)
	}
	get("/evidence/alpha/")
	writeFile(t, root, "layouts/evidence/page.html",
		"{{ define \"main\" }}{{ if eq .Title \"Beta reviews\" }}{{ errorf \"beta cannot render\" }}{{ end }}<p>LAYOUT {{ .Title }}</p>{{ end }}\n")
	if b := p.Rebuild([]fsnotify.Event{{Name: layout, Op: fsnotify.Write}}); !b.OK() {
		t.Fatalf("the rebuild rendered a page nobody looked at: %v", b.Problems)
	}
	if !strings.Contains(get("/evidence/alpha/"), "LAYOUT Alpha") {
		t.Fatal("the open page does not show the new layout")
	}
	body := get("/evidence/beta/")
	if ov := problemsOverlay(body); !strings.Contains(ov, "beta cannot render") {
		t.Fatalf("the error of a page rendered when asked for is not shown:\n%s", tail(body))
	}
	writeFile(t, root, "layouts/evidence/page.html", "{{ define \"main\" }}<p>LAYOUT {{ .Title }}</p>{{ end }}\n")
	b := p.Rebuild([]fsnotify.Event{{Name: layout, Op: fsnotify.Write}})
	if !b.OK() {
		t.Fatalf("the fix: %v", b.Problems)
	}
	body = get("/evidence/beta/")
	if ov := problemsOverlay(body); ov != "" || !strings.Contains(body, "LAYOUT Beta reviews") {
		t.Errorf("after the fix: overlay %q\n%s", ov, tail(body))
	}
}
