package themes

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"

	"github.com/evident-dev/evident/generator/config"
)

// brandFiles is the fixture site with [brand]: a logo, an accent colour, a favicon, a
// link to a page of the site (content/pages/, in both languages) and one elsewhere.
func brandFiles(t *testing.T) string {
	return siteFilesWith(t, func(s string) string {
		return s + "-- content/pages/company.md --\n+++\ntitle = \"会社概要\"\ndescription = \"ACME株式会社について\"\n+++\nACME株式会社は東京の会社です。\n" +
			"-- content/pages/company.en.md --\n+++\ntitle = \"About ACME\"\n+++\nACME is a company in Tokyo.\n"
	}, func(m map[string]any) {
		m["brand"] = map[string]any{
			"logo":    "/brand/logo.svg",
			"logoAlt": map[string]any{"ja": "ACME株式会社", "en": "ACME Corporation"},
			"accent":  "#0b5394",
			"favicon": "/brand/favicon.svg",
			"nav": []any{
				map[string]any{"title": map[string]any{"ja": "会社概要", "en": "About ACME"}, "links": map[string]any{"ja": "pages/company/", "en": "en/pages/company/"}},
				map[string]any{"title": map[string]any{"ja": "PSIRT", "en": "PSIRT"}, "url": "https://www.example.com/psirt/"},
			},
		}
	})
}

// TestBrand: every page shows the vendor's logo with its text in the page's language,
// names the favicon, sets the accent colour in the one variable the theme colours with,
// and links the vendor's pages from the navigation; the vendor's pages render in the theme.
func TestBrand(t *testing.T) {
	b := hugolib.Test(t, brandFiles(t))
	for lang, alt := range map[string]string{"ja": "ACME株式会社", "en": "ACME Corporation"} {
		prefix := map[string]string{"ja": "", "en": "en/"}[lang]
		for _, p := range []string{"index.html", "coverage/index.html", "sbom/index.html", "products/acme-gateway/index.html", "404.html"} {
			if lang == "en" && p == "404.html" {
				continue
			}
			b.AssertFileContent("public/"+prefix+p,
				`<img class="brand-logo" src="/brand/logo.svg" alt="`+alt+`">`,
				`<link rel="icon" href="/brand/favicon.svg" type="image/svg&#43;xml">`, // the + as Hugo escapes it in an attribute
				`<style>:root { --accent: #0b5394; --accent-2: var(--bg-2); }</style>`,
				`<li class="nav-vendor"><a href="/`+prefix+`pages/company/">`,
				`<li class="nav-vendor"><a href="https://www.example.com/psirt/" rel="noopener">PSIRT</a></li>`,
				`! <link rel="icon" href="data:,">`)
		}
	}
	b.AssertFileContent("public/pages/company/index.html",
		`<article class="vendor-page">`, `<h1>会社概要</h1>`, `<p class="lead">ACME株式会社について</p>`, `<p>ACME株式会社は東京の会社です。</p>`,
		`<a href="/pages/company/" aria-current="page">会社概要</a>`)
	b.AssertFileContent("public/en/pages/company/index.html",
		`<h1>About ACME</h1>`, `<p>ACME is a company in Tokyo.</p>`, `<a href="/en/pages/company/" aria-current="page">About ACME</a>`)
	b.AssertFileContent("public/index.html", `! aria-current="page">会社概要`)
}

// TestNoBrand: without [brand] the theme shows no logo, names no icon file (and keeps
// browsers from asking for /favicon.ico) and keeps its own accent colour.
func TestNoBrand(t *testing.T) {
	b := hugolib.Test(t, siteFilesWith(t, nil, func(m map[string]any) { delete(m, "brand") }))
	b.AssertFileContent("public/index.html", `<link rel="icon" href="data:,">`,
		`! class="brand-logo"`, `! <style>`, `! nav-vendor`)
}

// TestAccentVariable: the theme colours with its accent through one variable, so that a
// brand's accent reaches every accent-coloured element, and its backgrounds are those
// the accent's contrast is checked against.
func TestAccentVariable(t *testing.T) {
	css, err := FS.ReadFile("evident/assets/css/evident.css")
	if err != nil {
		t.Fatal(err)
	}
	c := string(css)
	accent := regexp.MustCompile(`--accent:\s*(#[0-9a-f]{6});`).FindStringSubmatch(c)
	if accent == nil {
		t.Fatal("evident.css defines no --accent")
	}
	if n := strings.Count(strings.ToLower(c), accent[1]); n != 1 {
		t.Errorf("the accent colour %s is written %d times in evident.css; use var(--accent)", accent[1], n)
	}
	for i, name := range []string{"--bg", "--bg-2"} {
		if want := name + ": " + config.Backgrounds[i] + ";"; !strings.Contains(c, want) {
			t.Errorf("evident.css does not set %q: config.Backgrounds, which accents are checked against, is out of date", want)
		}
	}
}
