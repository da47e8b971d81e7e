package site

import (
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/model"
)

// TestSectionTitles: the titles of the generated section pages are the theme's strings
// (section_NAME in themes/evident/i18n), in the page's language, or in English for a
// language the theme does not speak, as every other word on those pages.
func TestSectionTitles(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en", "fr"}, Title: model.Text{"ja": "宣言"}}
	gen, err := pages(m)
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

// TestEvidencePages: the evidence layout finds an evidence item by the path Hugo gives
// its page, the same in every language.
func TestEvidencePages(t *testing.T) {
	m := &model.Declaration{Evidence: map[string]*model.Evidence{
		"build/hardened": {Slug: "build/hardened", Path: "/evidence/build/hardened/"},
	}}
	b, err := evidencePages(m)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"/evidence/build/hardened\": \"build/hardened\"\n}\n"; string(b) != want {
		t.Errorf("evidencePages = %q, want %q", b, want)
	}
}
