// Package browsertest drives a real browser (Debian's chromium, through the DevTools
// protocol with chromedp) against the example site, built by the library and served on
// 127.0.0.1, the way a customer reads it: in Japanese and English, at desktop and phone
// widths, with axe-core checking WCAG 2.1 AA.
//
// It needs chromium and axe-core's axe.min.js. Without either it skips, unless
// EVIDENT_BROWSER_TESTS=1 (as .ci/run sets), where a missing tool is a failure.
//
//	EVIDENT_CHROMIUM=/path/to/chromium   the browser (default: chromium, chromium-browser on PATH)
//	EVIDENT_AXE=/path/to/axe.min.js      axe-core (default: <user cache>/evident/axe/node_modules/axe-core/axe.min.js)
//	EVIDENT_SCREENSHOTS=DIR              write a PNG of every page (ja+en, desktop+phone) into DIR
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/evident-dev/evident/generator/build"
)

// The pages under test, by name (the screenshot's file name) and Japanese path; the
// English page is the same path under /en.
var pages = []struct{ name, path string }{
	{"trust", "/"},
	{"coverage", "/coverage/"},
	{"requirement", "/requirements/s1-2-2/"},
	{"evidence", "/evidence/build/gateway-hardened-build/"},
	{"product", "/products/acme-gateway/"},
	{"releases", "/products/acme-gateway/releases/"},
	{"release", "/products/acme-gateway/releases/2.4.0/"}, // downloads: in the site and elsewhere, long digests
	{"advisories", "/advisories/"},                        // filters by product and severity
	{"advisory", "/advisories/acme-sa-2026-001/"},         // CVSS vectors, CSAF check command
	{"sbom", "/sbom/"},                                    // wide tables: subjects, tools, digests
	{"integrity", "/integrity/"},                          // commands as printed
	{"about", "/about/"},
	{"category", "/categories/1/"},
	{"company", "/pages/company/"}, // a vendor's own page, linked from the navigation by [brand]
	{"404", "/404.html"},           // the file a server sends for a missing page
}

type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"desktop", 1280, 900, false},
	{"phone", 360, 780, true},
}

// The axe-core tags that make up WCAG 2.1 level AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

const (
	pageTimeout  = 45 * time.Second // one page: load, checks, axe, screenshot
	totalTimeout = 5 * time.Minute  // the whole browser session, start-up included
)

func required() bool { return os.Getenv("EVIDENT_BROWSER_TESTS") == "1" }

// need skips the test, or fails it under EVIDENT_BROWSER_TESTS=1.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	if required() {
		t.Fatalf("EVIDENT_BROWSER_TESTS=1: "+format, args...)
	}
	t.Skipf(format+" (set EVIDENT_BROWSER_TESTS=1 to make this a failure)", args...)
}

func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("EVIDENT_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			need(t, "EVIDENT_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	need(t, "no chromium on PATH: apt-get install chromium, or set EVIDENT_CHROMIUM")
	return ""
}

func findAxe(t *testing.T) []byte {
	t.Helper()
	p := os.Getenv("EVIDENT_AXE")
	if p == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			need(t, "no axe-core: set EVIDENT_AXE to axe.min.js (%v)", err)
		}
		p = filepath.Join(dir, "evident", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		need(t, "no axe-core at %s: npm install --prefix DIR axe-core@4 and set EVIDENT_AXE=DIR/node_modules/axe-core/axe.min.js", p)
	}
	return b
}

// site builds examples/acme with the library and serves it on a free 127.0.0.1 port.
// It returns the base URL (with a trailing slash) and the output folder.
func site(t *testing.T) (string, string) { return example(t, "acme") }

// example builds examples/NAME, as site does examples/acme.
func example(t *testing.T, name string) (string, string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	rep, err := build.Run(ctx, build.Options{Root: root, Destination: out, BaseURL: base, Generator: "evident browsertest"})
	if err != nil {
		if rep != nil && rep.Check != nil {
			for _, d := range rep.Check.Diagnostics {
				t.Log(d)
			}
		}
		ln.Close()
		t.Fatalf("building %s: %v", root, err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return base, out
}

// recorder keeps what a tab reports that must not happen: console errors, uncaught
// exceptions, failed loads, error statuses and requests to any other host.
type recorder struct {
	origin string // http://127.0.0.1:PORT
	// favicon: the browser asks for /favicon.ico by itself when a page names no icon;
	// its 404 is the browser's guess, not a resource of the page, so it is noted apart.
	favicon bool
	mu      sync.Mutex
	urls    map[network.RequestID]string
	probs   []string
}

func (r *recorder) add(format string, args ...any) {
	r.probs = append(r.probs, fmt.Sprintf(format, args...))
}

// local says whether a URL that the page requests stays on the test server.
func (r *recorder) local(u string) bool {
	if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") || u == "about:blank" {
		return true
	}
	p, err := url.Parse(u)
	return err == nil && p.Scheme+"://"+p.Host == r.origin
}

// event runs on chromedp's reading goroutine: it must be quick and never call the browser.
func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			r.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		r.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg)
	case *log.EventEntryAdded:
		if ev.Entry.URL == r.origin+"/favicon.ico" {
			return
		}
		if ev.Entry.Level == log.EntryLevelError {
			r.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		r.urls[ev.RequestID] = u
		if !r.local(u) {
			r.add("request to another host: %s", u)
		}
	case *network.EventResponseReceived:
		if ev.Response.URL == r.origin+"/favicon.ico" && ev.Response.Status == http.StatusNotFound {
			r.favicon = true
			return
		}
		if ev.Response.Status >= 400 {
			r.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			r.add("failed to load %s: %s %s", r.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason)
		}
	}
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.probs
	r.probs = nil
	return p
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeIncomplete is a rule that axe could not decide on some nodes, such as contrast
// over a gradient: logged for a person to review, not a failure.
type axeIncomplete struct {
	ID    string   `json:"id"`
	Nodes []string `json:"nodes"` // the first few: "selector: axe's reason"
	Count int      `json:"count"`
}

func (a axeIncomplete) String() string {
	return fmt.Sprintf("%s ×%d %q", a.ID, a.Count, a.Nodes)
}

type axeResult struct {
	Violations []axeViolation  `json:"violations"`
	Incomplete []axeIncomplete `json:"incomplete"`
	Passes     int             `json:"passes"`
}

func runAxe(ctx context.Context, axeSrc string) (*axeResult, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSrc)); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	tags, _ := json.Marshal(axeTags)
	js := `axe.run(document, {runOnly: {type: 'tag', values: ` + string(tags) + `}, resultTypes: ['violations', 'incomplete']})
  .then(r => JSON.stringify({
    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))})),
    incomplete: r.incomplete.map(v => ({id: v.id, count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' +
        [...n.any, ...n.all, ...n.none].map(c => c.message).join('; '))})), passes: r.passes.length}))`
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var res axeResult
	if err := json.Unmarshal([]byte(s), &res); err != nil {
		return nil, fmt.Errorf("decoding axe-core's result: %w", err)
	}
	return &res, nil
}

// TestBrowser loads every page in every language at every width in one browser.
func TestBrowser(t *testing.T) {
	if testing.Short() && !required() {
		t.Skip("browser tests are slow; skipped in -short mode")
	}
	chromium := findChromium(t)
	axeSrc := string(findAxe(t))
	shots := os.Getenv("EVIDENT_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	start := time.Now()
	base, out := site(t)
	origin := strings.TrimSuffix(base, "/")
	t.Logf("built the example site in %v, serving %s", time.Since(start).Round(time.Millisecond), base)

	// One browser for everything; a fresh profile; nothing leaves the machine: every
	// host name but 127.0.0.1 resolves to nothing, and the recorder fails any request
	// that tries.
	rootCtx, cancelRoot := context.WithTimeout(t.Context(), totalTimeout)
	defer cancelRoot()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(rootCtx,
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "ja"),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	t.Logf("started %s in %v", chromium, time.Since(start).Round(time.Millisecond))

	for _, vp := range viewports {
		for _, lang := range []string{"ja", "en"} {
			for _, pg := range pages {
				name := fmt.Sprintf("%s-%s-%s", pg.name, lang, vp.name)
				t.Run(name, func(t *testing.T) {
					checkPage(t, browserCtx, origin, out, axeSrc, shots, name, pg.path, lang, vp)
				})
			}
		}
	}
	checkCompareReport(t, browserCtx, base, axeSrc, shots)
	// A canary: axe must see a violation planted in a page, or a quiet run proves nothing.
	t.Run("axe-canary", func(t *testing.T) {
		tab, closeTab := chromedp.NewContext(browserCtx)
		defer closeTab()
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(origin+"/"),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('main').append(document.createElement('button'))`),
		); err != nil {
			t.Fatal(err)
		}
		res, err := runAxe(ctx, axeSrc)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(res.Violations, func(v axeViolation) bool { return v.ID == "button-name" }) {
			t.Errorf("axe-core did not report a button without a name: %+v", res.Violations)
		}
	})
	t.Logf("browser tests took %v in all", time.Since(start).Round(time.Millisecond))
}

func localePath(p, lang string) string {
	if lang == "en" {
		return "/en" + p
	}
	return p
}

func checkPage(t *testing.T, browserCtx context.Context, origin, out, axeSrc, shots, name, path, lang string, vp viewport) {
	began := time.Now()
	tab, closeTab := chromedp.NewContext(browserCtx)
	defer closeTab()
	rec := &recorder{origin: origin, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(tab, rec.event); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()

	var opts []chromedp.EmulateViewportOption
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	here := localePath(path, lang)
	resp, err := chromedp.RunResponse(ctx,
		chromedp.EmulateViewport(vp.width, vp.height, opts...),
		chromedp.Navigate(origin+here),
	)
	if err != nil {
		t.Fatalf("loading %s: %v", here, err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("%s: HTTP %d", here, resp.Status)
	}
	// The page's own script runs on DOMContentLoaded; give late errors a moment.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete'`)); err != nil {
		t.Fatalf("%s: waiting for the load: %v", here, err)
	}

	htmlLang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	if htmlLang != lang {
		t.Errorf("%s: <html lang=%q>, want %q", here, htmlLang, lang)
	}

	// Nothing but the matrix may scroll sideways.
	type widths struct{ Scroll, Inner int }
	w, err := chromedp.Run(ctx, chromedp.Evaluate[widths](`({Scroll: document.scrollingElement.scrollWidth, Inner: window.innerWidth})`))
	if err != nil {
		t.Fatal(err)
	}
	// On a phone the browser widens the layout viewport to fit content that is too wide
	// (innerWidth grows past the screen), so compare with the screen's width as well.
	if w.Scroll > w.Inner || int64(w.Inner) > vp.width {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.matrix-scroll') && e.getBoundingClientRect().right > `+fmt.Sprint(vp.width)+` + 0.5)
  .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))`))
		t.Errorf("%s at %dpx: the page is wider than the screen (scrollWidth %d, innerWidth %d); too wide: %v", here, vp.width, w.Scroll, w.Inner, wide)
	}

	// axe-core: WCAG 2.1 A and AA.
	res, err := runAxe(ctx, axeSrc)
	if err != nil {
		t.Fatalf("%s: %v", here, err)
	}
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("\n      %v %s\n        %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n        ")))
		}
		t.Errorf("%s: axe %s (%s): %s — %d node(s):%s", here, v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(where, ""))
	}

	if shots != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("%s: screenshot: %v", here, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	links := 0
	if path == "/coverage/" && vp.name == "desktop" {
		links = checkMatrixLinks(t, ctx, origin, here)
	}
	if path == "/advisories/" {
		checkAdvisoryFilter(t, ctx, here)
	}

	// The problems of this page's load, before the language switch loads another.
	for _, p := range rec.take() {
		t.Errorf("%s: %s", here, p)
	}

	// The language switcher lands on the same page in the other language.
	other := map[string]string{"ja": "en", "en": "ja"}[lang]
	want := localePath(path, other)
	sel := fmt.Sprintf(`.lang-switch a[hreflang=%q]`, other)
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("%s: clicking %s: %v", here, sel, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search + location.hash`))
	if err != nil {
		t.Fatal(err)
	}
	if got != want || resp.Status != http.StatusOK {
		t.Errorf("%s: the language switcher (%s) landed on %s (HTTP %d), want %s", here, sel, got, resp.Status, want)
	}
	for _, p := range rec.take() {
		t.Errorf("%s after switching to %s: %s", here, other, p)
	}

	if res.Passes < 10 {
		t.Errorf("%s: axe passed only %d rule(s): is axe-core running the WCAG rules at all?", here, res.Passes)
	}
	if rec.favicon {
		t.Logf("%s: note: the site names no icon, so the browser's own request for /favicon.ico got 404 (not counted)", here)
	}
	t.Logf("%s: axe %d violation(s), %d rule(s) passed, to review by hand: %v; %d link(s) and anchor(s) checked; %v",
		here, len(res.Violations), res.Passes, res.Incomplete, links, time.Since(began).Round(time.Millisecond))
}

// checkAdvisoryFilter: on the advisories index the script shows the filters (hidden without
// it, when every row shows), and choosing a product or a severity leaves the matching rows and
// says how many in the live region.
func checkAdvisoryFilter(t *testing.T, ctx context.Context, here string) {
	t.Helper()
	type state struct {
		Hidden              bool
		Rows, Shown         int
		Count, Want, Labels string // the live region's text, and what it must say
	}
	js := `(() => {
  const f = document.querySelector('[data-advisory-filter]');
  const rows = [...document.querySelectorAll('#advisories tbody tr')];
  const shown = rows.filter(r => !r.hidden && getComputedStyle(r).display !== 'none').length;
  const live = f.querySelector('[aria-live]');
  return {Hidden: f.hidden || getComputedStyle(f).display === 'none', Rows: rows.length, Shown: shown,
    Count: live.textContent, Want: live.dataset.count.replace('{shown}', shown).replace('{total}', rows.length),
    Labels: [...f.querySelectorAll('select')].map(s => s.labels.length).join(',')};
})()`
	choose := func(sel, value string) state {
		t.Helper()
		set := fmt.Sprintf(`(() => { const s = document.querySelector('select[data-filter=%q]'); s.value = %q; s.dispatchEvent(new Event('change')); })()`, sel, value)
		st, err := chromedp.Run(ctx, chromedp.Evaluate[state](set+", "+js))
		if err != nil {
			t.Fatalf("%s: filtering by %s=%s: %v", here, sel, value, err)
		}
		return st
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[state](js))
	if err != nil {
		t.Fatalf("%s: %v", here, err)
	}
	if st.Hidden || st.Rows < 2 || st.Shown != st.Rows || st.Labels != "1,1" {
		t.Fatalf("%s: the filters are not shown, or rows are hidden before filtering, or a select has no label: %+v", here, st)
	}
	all := st.Rows
	cloud := choose("products", "acme-cloud")
	if cloud.Shown == 0 || cloud.Shown >= all || cloud.Count != cloud.Want {
		t.Errorf("%s: filtering by product acme-cloud: %+v (of %d)", here, cloud, all)
	}
	high := choose("severity", "high") // with acme-cloud still chosen: none of the cloud's is high
	if high.Shown != 0 || high.Count != high.Want {
		t.Errorf("%s: filtering by acme-cloud and high: %+v", here, high)
	}
	choose("products", "")
	if back := choose("severity", ""); back.Shown != all {
		t.Errorf("%s: clearing the filters shows %d of %d rows", here, back.Shown, all)
	}
}

// checkMatrixLinks fetches every link of the coverage page (the matrix, its anchors and
// everything around it) and checks that it answers 200 and that its #fragment exists in
// the target document. It returns the number of distinct links checked.
func checkMatrixLinks(t *testing.T, ctx context.Context, origin, here string) int {
	t.Helper()
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href]')].map(a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	inMatrix, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.matrix-scroll a[href]').length`))
	if err != nil {
		t.Fatal(err)
	}
	if inMatrix == 0 {
		t.Errorf("%s: no links in the matrix (.matrix-scroll a[href])", here)
	}
	// Every requirement row is an anchor (#r-1-2) that must be unique on the page and
	// reachable: check coverage/#r-1-2 like any link.
	type anchors struct {
		Rows    []string
		Missing int
		Dups    []string
	}
	an, err := chromedp.Run(ctx, chromedp.Evaluate[anchors](`(() => {
  const rows = [...document.querySelectorAll('.matrix-scroll tr.req-row')];
  const seen = {}, dups = [];
  for (const e of document.querySelectorAll('[id]')) { if (seen[e.id]) dups.push(e.id); seen[e.id] = true; }
  return {Rows: rows.filter(r => r.id).map(r => r.id), Missing: rows.filter(r => !r.id).length, Dups: dups};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if an.Missing > 0 || len(an.Rows) == 0 {
		t.Errorf("%s: %d matrix row(s) without an anchor, %d with one", here, an.Missing, len(an.Rows))
	}
	if len(an.Dups) > 0 {
		t.Errorf("%s: duplicate ids (anchors that cannot resolve): %v", here, an.Dups)
	}
	for _, id := range an.Rows {
		if !strings.HasPrefix(id, "r-") {
			t.Errorf("%s: matrix row anchor %q does not look like r-1-2", here, id)
		}
		hrefs = append(hrefs, origin+here+"#"+id)
	}
	slices.Sort(hrefs)
	hrefs = slices.Compact(hrefs)

	client := &http.Client{Timeout: 10 * time.Second}
	ids := map[string]map[string]bool{} // document URL -> its ids
	fetch := func(u string) (map[string]bool, error) {
		if m, ok := ids[u]; ok {
			return m, nil
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		m := map[string]bool{}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			doc, err := html.Parse(io.LimitReader(resp.Body, 16<<20))
			if err != nil {
				return nil, err
			}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				for _, a := range n.Attr {
					if a.Key == "id" || (a.Key == "name" && n.Data == "a") {
						m[a.Val] = true
					}
				}
			}
		} else {
			io.Copy(io.Discard, resp.Body)
		}
		ids[u] = m
		return m, nil
	}

	checked := 0
	var bad []string
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", h, err))
			continue
		}
		if u.Scheme == "mailto" || u.Scheme == "tel" {
			continue
		}
		if u.Scheme+"://"+u.Host != origin {
			bad = append(bad, h+": not on the test server")
			continue
		}
		checked++
		frag := u.Fragment
		u.Fragment = ""
		m, err := fetch(u.String())
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", h, err))
			continue
		}
		if frag != "" && !m[frag] {
			bad = append(bad, fmt.Sprintf("%s: no element with id %q in the target", h, frag))
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: link %s", here, b)
	}
	t.Logf("%s: %d distinct links and anchors checked (%d links in the matrix, %d row anchors), %d documents fetched",
		here, checked, inMatrix, len(an.Rows), len(ids))
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("%s: ran out of time checking links", here)
	}
	return checked
}
