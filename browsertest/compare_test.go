package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/evident-dev/evident/generator/compare"
)

// compareProfile is what the customer of the report requires: it fails a check or two of
// each example vendor, so that the page shows both verdicts.
const compareProfile = `requirements = ["(1)", "(3)-2"]
accept = ["implemented", "partial"]
products = { %q = "acme-gateway" }
sboms = "supported"
maxAgeMonths = 18
`

// checkCompareReport opens the report of evident compare as a customer does: the example
// vendors (acme, served at acme, and minimal), a source that cannot be read, and a profile,
// in Japanese and English at both widths. It fails on a console error, a request for
// anything (the report is one file), a page wider than the screen outside the matrix, an
// axe-core violation, and a link that leads nowhere: a vendor's page that does not answer
// 200, or an anchor of the report that is not there.
func checkCompareReport(t *testing.T, browserCtx context.Context, acme, axeSrc, shots string) {
	minimal, _ := example(t, "minimal")
	// The profile names acme by the host and port its site is served at.
	profile, ds := compare.ParseProfile("profile.toml", fmt.Appendf(nil, compareProfile, strings.TrimSuffix(strings.TrimPrefix(acme, "http://"), "/")))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	gone := filepath.Join(t.TempDir(), "gone")
	r := compare.Run(ctx, []string{acme, minimal, gone}, compare.Options{Profile: profile,
		AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), Generator: "evident browsertest"})
	if r.Vendors[0].Err != nil || r.Vendors[1].Err != nil || r.Vendors[2].Err == nil {
		t.Fatalf("loading the sources: %v, %v, %v", r.Vendors[0].Err, r.Vendors[1].Err, r.Vendors[2].Err)
	}
	dir := t.TempDir()
	for _, lang := range compare.Langs {
		f, err := os.Create(filepath.Join(dir, "report-"+lang+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if err := compare.Write(f, "html", r, lang); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	checked := map[string]bool{} // links already followed, for both languages and widths
	for _, vp := range viewports {
		for _, lang := range compare.Langs {
			name := fmt.Sprintf("compare-%s-%s", lang, vp.name)
			t.Run(name, func(t *testing.T) {
				tab, closeTab := chromedp.NewContext(browserCtx)
				defer closeTab()
				rec := &recorder{origin: srv.URL, urls: map[network.RequestID]string{}}
				if err := chromedp.Listen(tab, rec.event); err != nil {
					t.Fatalf("opening a tab: %v", err)
				}
				ctx, cancel := context.WithTimeout(tab, pageTimeout)
				defer cancel()
				var opts []chromedp.EmulateViewportOption
				if vp.mobile {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
				}
				page := srv.URL + "/report-" + lang + ".html"
				resp, err := chromedp.RunResponse(ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...), chromedp.Navigate(page))
				if err != nil || resp.Status != http.StatusOK {
					t.Fatalf("loading %s: %v %v", page, err, resp)
				}
				type facts struct {
					Lang          string
					Scroll, Inner int
					Wide, Links   []string
					H1, Columns   int
				}
				f, err := chromedp.Run(ctx, chromedp.Evaluate[facts](`({
  Lang: document.documentElement.lang, Scroll: document.scrollingElement.scrollWidth, Inner: window.innerWidth,
  Wide: [...document.querySelectorAll('body *')].filter(e => !e.closest('.matrix-scroll') &&
    e.getBoundingClientRect().right > `+fmt.Sprint(vp.width)+` + 0.5).slice(0, 8).map(e => e.tagName.toLowerCase() + '.' + e.className),
  Links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  H1: document.querySelectorAll('h1').length, Columns: document.querySelectorAll('.matrix thead th').length - 1})`))
				if err != nil {
					t.Fatal(err)
				}
				if f.Lang != lang || f.H1 != 1 {
					t.Errorf("<html lang=%q> with %d h1, want lang %q and one h1", f.Lang, f.H1, lang)
				}
				// acme-gateway (the profile's choice) and minimal's declaration.
				if f.Columns != 2 {
					t.Errorf("%d columns in the matrix, want 2", f.Columns)
				}
				if f.Scroll > f.Inner || int64(f.Inner) > vp.width || len(f.Wide) > 0 {
					t.Errorf("at %dpx the page is wider than the screen (scrollWidth %d, innerWidth %d): %v", vp.width, f.Scroll, f.Inner, f.Wide)
				}
				res, err := runAxe(ctx, axeSrc)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range res.Violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprintf("%v %s", n.Target, n.HTML))
					}
					t.Errorf("axe %s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(where, "; "))
				}
				if res.Passes < 10 {
					t.Errorf("axe passed only %d rules: is it running at all?", res.Passes)
				}
				for _, p := range rec.take() {
					t.Error(p)
				}
				if shots != "" {
					png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				checkReportLinks(t, ctx, f.Links, checked)
			})
		}
	}
}

// checkReportLinks: each #anchor is an element of the page, each other link a page of a
// vendor's site that answers 200 (and has the #fragment it names).
func checkReportLinks(t *testing.T, ctx context.Context, links []string, checked map[string]bool) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	slices.Sort(links)
	for _, l := range slices.Compact(links) {
		if frag, ok := strings.CutPrefix(l, "#"); ok {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll('[id=%q]').length`, frag)))
			if err != nil || n != 1 {
				t.Errorf("link %s: %d elements with that id (%v)", l, n, err)
			}
			continue
		}
		if checked[l] {
			continue
		}
		checked[l] = true
		if !strings.HasPrefix(l, "http://127.0.0.1:") {
			t.Errorf("link %s leads off the test servers", l)
			continue
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, l, nil)
		if err != nil {
			t.Errorf("link %s: %v", l, err)
			continue
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("link %s: %v", l, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("link %s: HTTP %d", l, resp.StatusCode)
		}
	}
}
