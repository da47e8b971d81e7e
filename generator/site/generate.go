package site

import (
	"bytes"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/export"
)

// hugoConfig writes hugo.toml: evident's defaults, then the site's [hugo] settings,
// then what evident must decide itself (languages, theme, URLs).
func hugoConfig(m *export.Model, user map[string]any) ([]byte, error) {
	cfg := map[string]any{
		"disableKinds":               []string{"taxonomy", "term"},
		"taxonomies":                 map[string]any{},
		"disableHugoGeneratorInject": true,
		"enableRobotsTXT":            false,
		"markup": map[string]any{
			"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false}},
		},
		"outputs": map[string]any{
			"home":    []string{"html", "rss"},
			"section": []string{"html"},
			"page":    []string{"html"},
		},
		"frontmatter": map[string]any{
			"date":    []string{"reviewed", ":default"},
			"lastmod": []string{"reviewed", ":default"},
		},
	}
	if slices.ContainsFunc(m.Languages, func(l string) bool { return l == "ja" || strings.HasPrefix(l, "zh") || l == "ko" }) {
		// A line break inside a Japanese paragraph is not a space.
		cfg["markup"].(map[string]any)["goldmark"].(map[string]any)["extensions"] = map[string]any{
			"cjk": map[string]any{"enable": true, "eastAsianLineBreaks": true, "eastAsianLineBreaksStyle": "css3draft"},
		}
	}
	merge(cfg, user)
	cfg["baseURL"] = m.BaseURL
	cfg["theme"] = "evident"
	cfg["defaultContentLanguage"] = m.Languages[0]
	cfg["defaultContentLanguageInSubdir"] = false
	langs := map[string]any{}
	for i, l := range m.Languages {
		langs[l] = map[string]any{
			"weight": i + 1,
			"label":  languageName(l),
			"locale": languageCode(l),
			"title":  text(m.Title, l, m.Languages),
		}
	}
	cfg["languages"] = langs
	var b bytes.Buffer
	err := toml.NewEncoder(&b).Encode(cfg)
	return b.Bytes(), err
}

// merge copies src into dst, descending into tables present in both.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				merge(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
}

func languageName(l string) string {
	switch l {
	case "ja":
		return "日本語"
	case "en":
		return "English"
	}
	return l
}

func languageCode(l string) string {
	if l == "ja" {
		return "ja-JP"
	}
	return l
}

// text picks a language's string, falling back to the default language, then any.
func text(t export.Text, lang string, langs []string) string {
	if s := t[lang]; s != "" {
		return s
	}
	for _, l := range langs {
		if s := t[l]; s != "" {
			return s
		}
	}
	for _, k := range sortedKeys(t) {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// sectionTitles are the titles of the pages evident generates, by section and language.
var sectionTitles = map[string]export.Text{
	"coverage":     {"ja": "適合状況", "en": "Coverage"},
	"requirements": {"ja": "要求事項", "en": "Requirements"},
	"categories":   {"ja": "要求事項のカテゴリ", "en": "Requirement categories"},
	"evidence":     {"ja": "証跡", "en": "Evidence"},
	"sbom":         {"ja": "SBOM", "en": "SBOM"},
	"integrity":    {"ja": "完全性検証", "en": "Integrity"},
	"about":        {"ja": "この宣言について", "en": "About this declaration"},
	"crosswalk":    {"ja": "クロスウォーク（参考）", "en": "Crosswalk (informative)"},
}

// pages returns the content pages evident generates, by site-relative path.
func pages(m *export.Model) map[string][]byte {
	out := map[string][]byte{}
	for i, lang := range m.Languages {
		suffix := ".md"
		if i > 0 {
			suffix = "." + lang + ".md"
		}
		title := func(t export.Text) string { return text(t, lang, m.Languages) }
		out["content/_index"+suffix] = frontMatter(map[string]any{"title": title(m.Title)})
		for _, section := range sortedKeys(sectionTitles) {
			if section == "crosswalk" && len(m.Crosswalks) == 0 {
				continue
			}
			out["content/"+section+"/_index"+suffix] = frontMatter(map[string]any{"title": title(sectionTitles[section])})
		}
		for _, key := range m.Order {
			it := m.Items[key]
			fm := map[string]any{
				"title":  it.ID + " " + title(it.Title),
				"params": map[string]any{"key": it.Key},
			}
			switch {
			case it.Framework != m.Framework: // other frameworks use the requirement layout
				fm["type"] = "requirements"
			case it.Level != "category": // requirement pages also publish their JSON
				fm["outputs"] = []string{"html", "json"}
			}
			out[path.Join("content", it.Path, "index"+suffix)] = frontMatter(fm)
		}
	}
	return out
}

func frontMatter(fm map[string]any) []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	if err := toml.NewEncoder(&b).Encode(fm); err != nil {
		panic(err) // only strings, string slices and maps of them: cannot fail
	}
	b.WriteString("+++\n")
	return b.Bytes()
}
