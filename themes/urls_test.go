package themes

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/evident-dev/evident/generator/links"
)

// untranslatedFiles is the fixture with one evidence item that has no English page: its
// English links go to its Japanese page (model.Links).
func untranslatedFiles(t *testing.T) string {
	t.Helper()
	return siteFilesWith(t, func(s string) string {
		ar := txtar.Parse([]byte(s))
		for i, f := range ar.Files {
			if f.Name == "content/evidence/build/gateway-hardened-build.en.md" {
				ar.Files[i].Name = "ignored-by-hugo.md"
			}
		}
		return string(txtar.Format(ar))
	}, func(m map[string]any) {
		e := m["evidence"].(map[string]any)["build/gateway-hardened-build"].(map[string]any)
		e["languages"] = []any{"ja"}
		e["links"].(map[string]any)["en"] = "evidence/build/gateway-hardened-build/"
	})
}

// TestFeedAndSitemapURLs: on a site with a partial translation, every URL of the feeds and
// sitemaps names a page that was published (links.Check on the rendered site; the fixture
// has no artifacts, so only the feeds' and sitemaps' links are asserted), and each sitemap
// lists only URLs under its own folder.
func TestFeedAndSitemapURLs(t *testing.T) {
	b := buildFiles(t, untranslatedFiles(t))
	b.AssertFileExists("public/en/evidence/build/gateway-hardened-build/index.html", false)
	b.AssertFileContent("public/en/index.xml", "<link>https://trust.example.com/evidence/build/gateway-hardened-build/</link>")
	dir := t.TempDir()
	published(t, b, func(name string, data []byte) {
		out := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "public/")))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	rep, err := links.Check(dir, "https://trust.example.com/")
	if err != nil {
		t.Fatal(err)
	}
	for _, br := range rep.Broken {
		if strings.HasSuffix(br.Page, ".xml") {
			t.Error(br)
		}
	}
	for _, f := range []string{"index.xml", "en/index.xml", "sitemap.xml", "en/sitemap.xml", "products/acme-gateway/index.xml", "en/advisories/index.xml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err) // a feed or a sitemap that is not there has no links to check
		}
	}
}

var (
	locRE      = regexp.MustCompile(`<loc>([^<]*)</loc>`)
	hreflangRE = regexp.MustCompile(`hreflang="([^"]*)"`)
)

// TestSitemaps: the root sitemap lists the pages of every language, the English one only
// English pages, and there is none in /ja/; each URL has the lastmod of its original (so the
// English sitemap carries lastmod), and every hreflang, in the sitemaps and the pages, is one
// of the site's language tags ("ja", "en") or x-default.
func TestSitemaps(t *testing.T) {
	b := buildFiles(t, untranslatedFiles(t))
	b.AssertFileExists("public/ja/sitemap.xml", false)
	root, en := b.FileContent("public/sitemap.xml"), b.FileContent("public/en/sitemap.xml")
	locs := func(s string) []string {
		var out []string
		for _, m := range locRE.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}
	rootLocs, enLocs := locs(root), locs(en)
	for _, want := range []string{"https://trust.example.com/", "https://trust.example.com/en/",
		"https://trust.example.com/evidence/build/gateway-hardened-build/", "https://trust.example.com/en/requirements/s1-2-2/"} {
		if !slices.Contains(rootLocs, want) {
			t.Errorf("sitemap.xml does not list %s", want)
		}
	}
	if len(enLocs) == 0 || len(rootLocs) <= len(enLocs) {
		t.Errorf("sitemap.xml lists %d URLs and en/sitemap.xml %d: want every language's in the first", len(rootLocs), len(enLocs))
	}
	for _, l := range enLocs {
		if !strings.HasPrefix(l, "https://trust.example.com/en/") {
			t.Errorf("en/sitemap.xml lists %s, outside /en/", l)
		}
		if !slices.Contains(rootLocs, l) {
			t.Errorf("en/sitemap.xml lists %s, sitemap.xml does not", l)
		}
	}
	// A release page's date is in the Japanese file only: both carry it.
	for _, s := range []string{root, en} {
		if !regexp.MustCompile(`<loc>https://trust.example.com/(en/)?products/acme-gateway/releases/2.4.0/</loc>\n<lastmod>2026-`).MatchString(s) {
			t.Errorf("no lastmod for release 2.4.0 in\n%.600s", s)
		}
	}
	if strings.Count(en, "<lastmod>") == 0 {
		t.Error("the English sitemap has no lastmod")
	}
	tags := map[string]bool{}
	published(t, b, func(name string, data []byte) {
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml") {
			for _, m := range hreflangRE.FindAllSubmatch(data, -1) {
				tags[string(m[1])] = true
			}
		}
	})
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range tags {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"en", "ja", "x-default"}; !slices.Equal(got, want) {
		t.Errorf("hreflang values %q, want %q", got, want)
	}
	b.AssertFileContent("public/index.xml", "<language>ja</language>")
	b.AssertFileContent("public/en/index.xml", "<language>en</language>")
	b.AssertFileContent("public/en/products/acme-gateway/index.xml", "<language>en</language>")
	b.AssertFileContent("public/en/advisories/index.xml", "<language>en</language>")
}
