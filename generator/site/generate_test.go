package site

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/model"
)

// TestSectionTitles: the titles of the generated section pages are the theme's strings
// (section_NAME in themes/evident/i18n), in the page's language, or in English for a
// language the theme does not speak, as every other word on those pages.
func TestSectionTitles(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en", "fr"}, Title: model.Text{"ja": "宣言"}}
	gen, err := pages(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, title := range map[string]string{
		"content/coverage/_index.md":        "適合状況",
		"content/categories/_index.md":      "要求事項のカテゴリ",
		"content/about/_index.en.md":        "About this declaration",
		"content/integrity/_index.fr.md":    "Integrity",
		"content/requirements/_index.fr.md": "Requirements",
	} {
		if want := "title = " + `"` + title + `"`; !strings.Contains(string(gen[rel]), want) {
			t.Errorf("%s = %q, want %s", rel, gen[rel], want)
		}
	}
	if _, ok := gen["content/crosswalk/_index.md"]; ok {
		t.Error("a crosswalk page without crosswalks")
	}
	for _, lang := range []string{"ja", "en"} {
		ui, err := themeStrings(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sections {
			if ui["section_"+s] == "" {
				t.Errorf("themes/evident/i18n/%s.toml has no section_%s", lang, s)
			}
		}
	}
}

// TestEvidencePages: the evidence, product, release and advisory layouts find their model entry by
// the path Hugo gives the page, the same in every language and lowercased as Hugo does.
func TestEvidencePages(t *testing.T) {
	m := &model.Declaration{
		Evidence: map[string]*model.Evidence{
			"build/hardened": {Slug: "build/hardened", Path: "/evidence/build/hardened/"},
		},
		Products: []model.Product{{ID: "gw"}},
		Releases: map[string]*model.Release{
			"gw/2.5.0-RC1": {Key: "gw/2.5.0-RC1", Path: "/products/gw/releases/2.5.0-RC1/"},
		},
		Advisories: map[string]*model.Advisory{
			"ACME-SA-2026-001": {Slug: "ACME-SA-2026-001", Path: "/advisories/ACME-SA-2026-001/"},
		},
	}
	b, err := evidencePages(m)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "/advisories/acme-sa-2026-001": "ACME-SA-2026-001",
  "/evidence/build/hardened": "build/hardened",
  "/products/gw": "gw",
  "/products/gw/releases": "gw",
  "/products/gw/releases/2.5.0-rc1": "gw/2.5.0-RC1"
}
`
	if string(b) != want {
		t.Errorf("evidencePages = %s, want %s", b, want)
	}
}

// TestProductPages: evident generates, in every language, the product list, a page per
// product that carries its id and publishes its feed, and the product's release archive
// titled in the page's language.
func TestProductPages(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en"}, Title: model.Text{"ja": "宣言"},
		Products: []model.Product{{ID: "acme-gateway", Name: model.Text{"ja": "ACME ゲートウェイ", "en": "ACME Gateway"}}}}
	gen, err := pages(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string][]string{
		"content/products/_index.md":                          {`title = "製品"`},
		"content/products/_index.en.md":                       {`title = "Products"`},
		"content/products/acme-gateway/_index.md":             {`title = "ACME ゲートウェイ"`, `product = "acme-gateway"`, `outputs = ["html", "rss"]`},
		"content/products/acme-gateway/_index.en.md":          {`title = "ACME Gateway"`, `product = "acme-gateway"`},
		"content/products/acme-gateway/releases/_index.md":    {`title = "ACME ゲートウェイ のリリース一覧"`, `product = "acme-gateway"`},
		"content/products/acme-gateway/releases/_index.en.md": {`title = "Releases of ACME Gateway"`},
	} {
		for _, w := range want {
			if !strings.Contains(string(gen[rel]), w) {
				t.Errorf("%s = %q, want %s", rel, gen[rel], w)
			}
		}
	}
	m.Products = nil
	if gen, err = pages(m, nil); err != nil {
		t.Fatal(err)
	}
	for rel := range gen {
		if strings.HasPrefix(rel, "content/products/") {
			t.Errorf("%s generated for a declaration without products", rel)
		}
	}
}

// TestAdvisoryPages: a site with advisories gets the advisories index in every language,
// titled in the page's language; a site without has none.
func TestAdvisoryPages(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en"}, Title: model.Text{"ja": "宣言"},
		Advisories: map[string]*model.Advisory{"acme-sa-2026-001": {Slug: "acme-sa-2026-001"}}}
	gen, err := pages(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"content/advisories/_index.md":    `title = "セキュリティアドバイザリ"`,
		"content/advisories/_index.en.md": `title = "Security advisories"`,
	} {
		if !strings.Contains(string(gen[rel]), want) {
			t.Errorf("%s = %q, want %s", rel, gen[rel], want)
		}
	}
	m.Advisories = nil
	if gen, err = pages(m, nil); err != nil {
		t.Fatal(err)
	}
	for rel := range gen {
		if strings.HasPrefix(rel, "content/advisories/") {
			t.Errorf("%s generated for a declaration without advisories", rel)
		}
	}
}

// TestAdvisoryFeed: the advisories index publishes its feed whoever writes the page (evident,
// or the vendor's own content/advisories/_index.md, which wins over evident's), so Hugo's
// configuration, not the generated page, asks for it; the site's own cascades stay.
func TestAdvisoryFeed(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en"}, BaseURL: "https://trust.example.com/",
		Advisories: map[string]*model.Advisory{"acme-sa-2026-001": {Slug: "acme-sa-2026-001"}}}
	user := map[string]any{"cascade": []map[string]any{{"params": map[string]any{"x": "y"}}}}
	type cascade struct {
		Outputs []string
		Params  map[string]string
		Target  struct{ Kind, Path string }
	}
	decode := func(user map[string]any) []cascade {
		t.Helper()
		b, err := hugoConfig(m, user)
		if err != nil {
			t.Fatal(err)
		}
		var cfg struct{ Cascade []cascade }
		if _, err := toml.Decode(string(b), &cfg); err != nil {
			t.Fatalf("%v in\n%s", err, b)
		}
		return cfg.Cascade
	}
	got := decode(user)
	if len(got) != 2 || got[0].Params["x"] != "y" {
		t.Fatalf("the site's cascade is lost: %+v", got)
	}
	feed := got[1]
	if strings.Join(feed.Outputs, " ") != "html rss" || feed.Target.Kind != "section" || feed.Target.Path != "/advisories" {
		t.Errorf("advisories feed cascade = %+v", feed)
	}
	if got := decode(map[string]any{"cascade": map[string]any{"params": map[string]any{"x": "z"}}}); len(got) != 2 || got[0].Params["x"] != "z" {
		t.Errorf("a single cascade table is lost: %+v", got)
	}
	m.Advisories = nil
	if got := decode(nil); len(got) != 0 {
		t.Errorf("a site without advisories gets a cascade: %+v", got)
	}
}
