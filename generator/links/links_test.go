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

// TestCheckPublishedURLs: every URL the build publishes is checked, not only HTML links:
// a feed's items and self link, a sitemap's locations (under its own folder, the
// sitemap protocol's rule) and alternates, a sitemap index,
// the URLs and the model's links (site-relative, in the base URL's sub-path) in JSON, and
// security.txt. A JSON string is a URL by its key (url, href, *_url): an SPDX namespace is
// an identifier. URLs of other sites, a feed's non-permalink guid and XML the build did
// not write (an SBOM) are not checked.
func TestCheckPublishedURLs(t *testing.T) {
	root := t.TempDir()
	for name, content := range map[string]string{
		"index.html":    `<p id="top">`,
		"a/index.html":  `<h2 id="sec">s</h2>`,
		"en/index.html": ``,
		"en/index.xml": `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<link>https://trust.example.com/trust/en/</link>
<atom:link href="https://trust.example.com/trust/en/index.xml" rel="self"/>
<item><link>https://trust.example.com/trust/a/</link><guid isPermaLink="false">https://trust.example.com/trust/a/#2026-10-01</guid></item>
<item><link>https://trust.example.com/trust/en/a/</link><guid>https://trust.example.com/trust/en/a/</guid></item>
<item><link>https://elsewhere.example/a/</link></item>
</channel></rss>`,
		"sitemap.xml": `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>https://trust.example.com/trust/a/</loc>
<xhtml:link rel="alternate" hreflang="ja" href="https://trust.example.com/trust/a/"/>
<xhtml:link rel="alternate" hreflang="en" href="https://trust.example.com/trust/en/a/"/></url>
<url><loc> https://trust.example.com/trust/a/#sec </loc></url>
</urlset>`,
		"en/sitemap.xml": `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://trust.example.com/trust/en/sitemap-a.xml</loc></sitemap></sitemapindex>`,
		"ja/sitemap.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://trust.example.com/trust/a/</loc></url></urlset>`,
		"sbom/x.cdx.xml": `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><url>https://trust.example.com/trust/gone/</url></bom>`,
		"broken.xml":     `<rss><channel><link>https://trust.example.com/trust/</link>`,
		"declaration.json": `{"url": "https://trust.example.com/trust/", "items": {"k": {"url": "https://trust.example.com/trust/a/#nope",
			"links": {"ja": "a/", "en": "en/a/"}, "note": "https://trust.example.com/trust/ is a text, not a URL"}},
			"documentNamespace": "https://trust.example.com/trust/sbom/x-1234", "csaf": {"directory_url": "https://trust.example.com/trust/csaf/"},
			"other": "https://elsewhere.example/x", "path": "/not/checked/", "n": [1, true, null, "en/a/"]}`,
		"sbom/bad.json": `{"not JSON`,
		".well-known/security.txt": "# comment: https://trust.example.com/trust/nope/\nContact: mailto:security@example.com\n" +
			"Policy: https://trust.example.com/trust/a/\r\nCanonical: https://trust.example.com/trust/.well-known/security.txt\n" +
			"CSAF: https://trust.example.com/trust/.well-known/csaf/provider-metadata.json\n",
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
		{".well-known/security.txt", "https://trust.example.com/trust/.well-known/csaf/provider-metadata.json", "no such file: /.well-known/csaf/provider-metadata.json"},
		{"broken.xml", "", "not well-formed XML: XML syntax error on line 1: unexpected EOF"},
		{"declaration.json", "https://trust.example.com/trust/a/#nope", "no element with id nope in a/index.html"},
		{"declaration.json", "en/a/", "no such file: /en/a"},
		{"declaration.json", "https://trust.example.com/trust/csaf/", "no such file: /csaf"},
		{"en/index.xml", "https://trust.example.com/trust/en/a/", "no such file: /en/a"},
		{"en/index.xml", "https://trust.example.com/trust/en/a/", "no such file: /en/a"},
		{"en/sitemap.xml", "https://trust.example.com/trust/en/sitemap-a.xml", "no such file: /en/sitemap-a.xml"},
		{"ja/sitemap.xml", "https://trust.example.com/trust/a/", "outside /ja/: a sitemap lists only URLs under its own folder"},
		{"sitemap.xml", "https://trust.example.com/trust/en/a/", "no such file: /en/a"},
	}
	if diff := cmp.Diff(want, rep.Broken); diff != "" {
		t.Errorf("broken links (-want +got):\n%s", diff)
	}
	// Pages: 3 HTML pages, the feed, 3 sitemaps, the broken feed, declaration.json and
	// security.txt (the SBOMs are not read for links).
	// Links: feed 5, sitemaps 4+1+1, the broken feed 1, declaration.json 5, security.txt 3.
	if rep.Pages != 10 || rep.Links != 20 {
		t.Errorf("pages %d links %d, want 10 and 20", rep.Pages, rep.Links)
	}
}
