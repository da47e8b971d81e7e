package preview

import (
	"bufio"
	"context"
	"github.com/evident-dev/evident/internal/sitetest"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// wait bounds every wait of these tests.
const wait = 20 * time.Second

const siteTxtar = `
-- evident.toml --
title = { ja = "テスト トラストセンター", en = "Test Trust Center" }
baseURL = "https://trust.example.com/"
languages = ["ja", "en"]
catalogs = ["cip"]
reviewDays = 365

[organization]
name = "Test Org"
url = "https://www.example.com/"
contact = "security@example.com"

[declaration]
title = "Test declaration"
version = "2026.1"
date = 2026-11-01
scope = "everything"

[[products]]
id = "gw"
name = "Gateway"
-- content/evidence/alpha.md --
+++
title = "Alpha builds"
requirements = ["S(1)-2.2"]
status = "implemented"
products = ["gw"]
reviewed = 2026-10-01
owner = "Security"
+++
Alpha body, first version.
-- content/evidence/beta.md --
+++
title = "Beta reviews"
requirements = ["(1)-3"]
status = "partial"
products = ["gw"]
reviewed = 2026-10-01
owner = "Security"
+++
Beta body.
-- README.md --
Not part of the site.
`

// writeSite unpacks a txtar archive into a new folder and returns its path.
func writeSite(t testing.TB, archive string) string { t.Helper(); return sitetest.Unpack(t, archive) }

func writeFile(t testing.TB, root, rel, data string) {
	t.Helper()
	sitetest.WriteFile(t, root, rel, []byte(data))
}

func replaceInFile(t testing.TB, root, rel, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, root, rel, strings.Replace(string(b), old, new, 1))
}

// server is a preview served on a free port of 127.0.0.1 for one test.
type server struct {
	url    string
	mu     sync.Mutex
	builds []Build
}

func (s *server) last() Build {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.builds[len(s.builds)-1]
}

// serve runs Serve on root until the test ends, then checks that it stopped cleanly.
func serve(t *testing.T, root string) *server {
	t.Helper()
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{}
	ctx, cancel := context.WithCancel(context.Background())
	readyc := make(chan string, 1)
	done := make(chan error, 1)
	opt := Options{Root: root, Quiet: 30 * time.Millisecond, OnBuild: func(b Build) {
		t.Logf("build %d: full=%v events=%d in %s, problems: %v", b.Seq, b.Full, b.Events, b.Duration, b.Problems)
		s.mu.Lock()
		s.builds = append(s.builds, b)
		s.mu.Unlock()
	}}
	go func() {
		done <- Serve(ctx, ln, opt, func(url string, _ Build) { readyc <- url })
	}()
	select {
	case s.url = <-readyc:
	case err := <-done:
		cancel()
		t.Fatalf("Serve returned before it was ready: %v", err)
	case <-time.After(wait):
		cancel()
		t.Fatal("the preview was not ready in time")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(ShutdownTimeout + wait):
			t.Error("Serve did not return after its context was cancelled")
		}
	})
	return s
}

var client = &http.Client{Timeout: 5 * time.Second}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitPage fetches url until ok accepts the answer, and returns the last body.
func waitPage(t *testing.T, url, what string, ok func(code int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		code, body := get(t, url)
		if ok(code, body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s, %s is not %s: %d\n%s", wait, url, what, code, tail(body))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func tail(s string) string {
	if len(s) > 3000 {
		return "..." + s[len(s)-3000:]
	}
	return s
}

func has(sub string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && strings.Contains(body, sub) }
}

func hasNot(sub string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && !strings.Contains(body, sub) }
}

// problemsOverlay is the list of problems in a page, or "".
func problemsOverlay(body string) string {
	i := strings.Index(body, `<div id="evident-problems"`)
	if i < 0 {
		return ""
	}
	return body[i:]
}

// listing records every file of the site folder with its size and time.
func listing(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fi.ModTime().String() + " " + fi.Mode().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServeEditReloads(t *testing.T) {
	root := writeSite(t, siteTxtar)
	before := listing(t, root)
	s := serve(t, root)

	body := waitPage(t, s.url+"evidence/alpha/", "the first version", has("Alpha body, first version."))
	if !strings.Contains(body, "data-evident-preview") || !strings.Contains(body, EventsPath) {
		t.Errorf("the page has no reload script:\n%s", tail(body))
	}
	if problemsOverlay(body) != "" {
		t.Errorf("a good site shows problems:\n%s", problemsOverlay(body))
	}
	// Files Hugo does not publish itself are served too.
	if code, decl := get(t, s.url+"declaration.json"); code != 200 || !strings.Contains(decl, `"alpha"`) {
		t.Errorf("declaration.json: %d %s", code, tail(decl))
	}

	// The reload stream says the current build, then each new one.
	events := subscribe(t, s.url)
	first := <-events
	replaceInFile(t, root, "content/evidence/alpha.md", "first version", "second version")
	select {
	case n := <-events:
		if n <= first {
			t.Errorf("reload message %d after %d", n, first)
		}
	case <-time.After(wait):
		t.Fatal("no reload message after an edit")
	}
	waitPage(t, s.url+"evidence/alpha/", "the second version", has("Alpha body, second version."))
	if b := s.last(); b.Full || !b.OK() {
		t.Errorf("a content edit gave %+v; want a partial rebuild without problems", b)
	}

	// Editors' temporary files cause no build.
	n := len(s.builds)
	writeFile(t, root, "content/evidence/.alpha.md.swp", "junk")
	writeFile(t, root, "content/evidence/alpha.md~", "junk")
	writeFile(t, root, "content/evidence/4913", "")
	time.Sleep(300 * time.Millisecond)
	s.mu.Lock()
	if len(s.builds) != n {
		t.Errorf("temporary files caused %d builds", len(s.builds)-n)
	}
	s.mu.Unlock()
	for _, f := range []string{".alpha.md.swp", "alpha.md~", "4913"} {
		os.Remove(filepath.Join(root, "content/evidence", f))
	}

	after := listing(t, root)
	for p := range after {
		if _, ok := before[p]; !ok && !strings.Contains(p, "alpha.md") {
			t.Errorf("the preview wrote %s into the site folder", p)
		}
	}
}

// subscribe reads the reload stream and sends each build number it gets.
func subscribe(t *testing.T, url string) <-chan int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url+strings.TrimPrefix(EventsPath, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("reload stream has content type %q", ct)
	}
	out := make(chan int, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				v, err := strconv.Atoi(n)
				if err != nil {
					t.Errorf("reload message %q", sc.Text())
					return
				}
				out <- v
			}
		}
	}()
	t.Cleanup(cancel)
	return out
}

var positionRE = regexp.MustCompile(`content/evidence/alpha\.md:\d+:\d+`)

func TestServeProblemsOverlay(t *testing.T) {
	root := writeSite(t, siteTxtar)
	s := serve(t, root)
	waitPage(t, s.url, "served", has("Test"))

	// A front matter that does not parse.
	replaceInFile(t, root, "content/evidence/alpha.md", `status = "implemented"`, `status = "implemented`)
	for page, marker := range map[string]string{"": "Test", "evidence/alpha/": "Alpha builds", "evidence/beta/": "Beta body."} {
		body := waitPage(t, s.url+page, "showing the problems", func(code int, body string) bool {
			return code == 200 && problemsOverlay(body) != ""
		})
		if ov := problemsOverlay(body); !positionRE.MatchString(ov) {
			t.Errorf("%s: the problems have no file:line:col:\n%s", page, ov)
		}
		if !strings.Contains(body, marker) {
			t.Errorf("%s: the last good site is not under the problems", page)
		}
	}
	if b := s.last(); b.OK() {
		t.Errorf("a broken site built: %+v", b)
	}

	// An unknown requirement, once the front matter parses again.
	replaceInFile(t, root, "content/evidence/alpha.md", `status = "implemented`, `status = "implemented"`)
	replaceInFile(t, root, "content/evidence/alpha.md", `"S(1)-2.2"`, `"S(1)-2.9"`)
	body := waitPage(t, s.url+"evidence/beta/", "showing the unknown requirement", func(code int, body string) bool {
		return code == 200 && strings.Contains(problemsOverlay(body), "S(1)-2.9")
	})
	if ov := problemsOverlay(body); !positionRE.MatchString(ov) {
		t.Errorf("the unknown requirement has no file:line:col:\n%s", ov)
	}

	// Fixed: the problems go, and the change that came with the fix is there.
	replaceInFile(t, root, "content/evidence/alpha.md", `"S(1)-2.9"`, `"S(1)-2.2"`)
	replaceInFile(t, root, "content/evidence/alpha.md", "first version", "fixed version")
	body = waitPage(t, s.url+"evidence/alpha/", "fixed", has("Alpha body, fixed version."))
	if ov := problemsOverlay(body); ov != "" {
		t.Errorf("the problems stay after the fix:\n%s", ov)
	}
}

func TestServeAddAndDeleteEvidence(t *testing.T) {
	root := writeSite(t, siteTxtar)
	s := serve(t, root)
	waitPage(t, s.url+"evidence/", "listing alpha", has("Alpha builds"))
	if code, _ := get(t, s.url+"evidence/gamma/"); code != http.StatusNotFound {
		t.Fatalf("gamma before it exists: %d", code)
	}

	writeFile(t, root, "content/evidence/gamma.md", `+++
title = "Gamma disclosures"
requirements = ["(2)-4"]
status = "planned"
products = ["gw"]
reviewed = 2026-10-02
owner = "Security"
+++
Gamma body.
`)
	waitPage(t, s.url+"evidence/gamma/", "served", has("Gamma body."))
	waitPage(t, s.url+"evidence/", "listing gamma", has("Gamma disclosures"))
	if b := s.last(); b.Full {
		t.Errorf("adding evidence rendered everything: %+v", b)
	}

	// A folder created after the start is watched, with what is written in it.
	writeFile(t, root, "content/evidence/ops/delta.md", `+++
title = "Delta operations"
requirements = ["(1)-3"]
status = "implemented"
products = ["gw"]
reviewed = 2026-10-03
owner = "Ops"
+++
Delta body.
`)
	waitPage(t, s.url+"evidence/ops/delta/", "served", has("Delta body."))
	replaceInFile(t, root, "content/evidence/ops/delta.md", "Delta body.", "Delta body, edited.")
	waitPage(t, s.url+"evidence/ops/delta/", "edited", has("Delta body, edited."))

	if err := os.Remove(filepath.Join(root, "content/evidence/gamma.md")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s.url+"evidence/", "without gamma", hasNot("Gamma disclosures"))
	waitPage(t, s.url+"evidence/gamma/", "gone", func(code int, _ string) bool { return code == http.StatusNotFound })
}

func TestServeConfigChangeRendersEverything(t *testing.T) {
	root := writeSite(t, siteTxtar)
	s := serve(t, root)
	waitPage(t, s.url, "titled", has("テスト トラストセンター"))
	replaceInFile(t, root, "evident.toml", "テスト トラストセンター", "新しい名前")
	waitPage(t, s.url, "retitled", has("新しい名前"))
	waitPage(t, s.url+"evidence/alpha/", "retitled", has("新しい名前"))
	if b := s.last(); !b.Full || !b.OK() {
		t.Errorf("an evident.toml edit gave %+v; want a full render", b)
	}
	// A bad evident.toml keeps the site, shows the problem, and the fix renders it all.
	replaceInFile(t, root, "evident.toml", `catalogs = ["cip"]`, `catalogs = ["nope"]`)
	waitPage(t, s.url, "showing the problem", func(code int, body string) bool {
		return code == 200 && strings.Contains(problemsOverlay(body), "evident.toml:") && strings.Contains(body, "新しい名前")
	})
	replaceInFile(t, root, "evident.toml", `catalogs = ["nope"]`, `catalogs = ["cip"]`)
	replaceInFile(t, root, "evident.toml", "新しい名前", "三番目の名前")
	body := waitPage(t, s.url, "fixed", has("三番目の名前"))
	if ov := problemsOverlay(body); ov != "" {
		t.Errorf("problems stay after the fix:\n%s", ov)
	}
}

func TestServeBrokenTemplate(t *testing.T) {
	root := writeSite(t, siteTxtar)
	s := serve(t, root)
	waitPage(t, s.url+"evidence/alpha/", "served", has("Alpha body"))

	writeFile(t, root, "layouts/evidence/page.html", "{{ define \"main\" }}<p>OVERRIDE {{ .Title }</p>{{ end }}\n")
	body := waitPage(t, s.url+"evidence/beta/", "showing the template error", func(code int, body string) bool {
		return code == 200 && strings.Contains(problemsOverlay(body), "layouts/evidence/page.html:")
	})
	if !regexp.MustCompile(`layouts/evidence/page\.html:\d+:\d+`).MatchString(problemsOverlay(body)) {
		t.Errorf("the template error has no line and column:\n%s", problemsOverlay(body))
	}
	if !strings.Contains(body, "Beta body.") {
		t.Errorf("the last good page is not under the problems:\n%s", tail(body))
	}

	writeFile(t, root, "layouts/evidence/page.html", "{{ define \"main\" }}<p>OVERRIDE {{ .Title }}</p>{{ end }}\n")
	body = waitPage(t, s.url+"evidence/beta/", "the override", has("OVERRIDE Beta reviews"))
	if ov := problemsOverlay(body); ov != "" {
		t.Errorf("problems stay after the fix:\n%s", ov)
	}
	// A template edit on a good site is a partial rebuild.
	writeFile(t, root, "layouts/evidence/page.html", "{{ define \"main\" }}<p>EDITED {{ .Title }}</p>{{ end }}\n")
	waitPage(t, s.url+"evidence/beta/", "the edit", has("EDITED Beta reviews"))
	if b := s.last(); b.Full || !b.OK() {
		t.Errorf("a template edit gave %+v; want a partial rebuild", b)
	}
}

func TestServeFirstBuildFails(t *testing.T) {
	root := writeSite(t, strings.Replace(siteTxtar, `"(1)-3"`, `"(1)-99"`, 1))
	s := serve(t, root)
	code, body := get(t, s.url+"evidence/beta/")
	if code != http.StatusInternalServerError || !regexp.MustCompile(`content/evidence/beta\.md:\d+:\d+`).MatchString(problemsOverlay(body)) {
		t.Fatalf("before the first good build: %d\n%s", code, tail(body))
	}
	if !strings.Contains(body, "data-evident-preview") {
		t.Error("the error page does not reload by itself")
	}
	replaceInFile(t, root, "content/evidence/beta.md", `"(1)-99"`, `"(1)-3"`)
	body = waitPage(t, s.url+"evidence/beta/", "served", has("Beta body."))
	if ov := problemsOverlay(body); ov != "" {
		t.Errorf("problems stay after the fix:\n%s", ov)
	}
}

func TestListenPortInUse(t *testing.T) {
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Listen("127.0.0.1", port)
	want := "port " + strconv.Itoa(port) + " is in use; choose another with --port"
	if err == nil || err.Error() != want {
		t.Errorf("Listen on a used port: %v; want %q", err, want)
	}
}
