package site

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/themes"
)

// hugoConfig writes hugo.toml: evident's defaults, then the site's [hugo] settings,
// then what evident must decide itself (languages, theme, URLs).
func hugoConfig(m *model.Declaration, user map[string]any) ([]byte, error) {
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
			"title":  m.Title.In(l),
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

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// sections are the sections evident generates a page for. Their titles are the theme's
// strings "section_NAME" (themes/evident/i18n), like every other word the site shows.
var sections = []string{"about", "categories", "coverage", "crosswalk", "evidence", "integrity", "requirements", "sbom"}

// pages returns the content pages evident generates, by site-relative path.
func pages(m *model.Declaration) (map[string][]byte, error) {
	out := map[string][]byte{}
	for i, lang := range m.Languages {
		suffix := ".md"
		if i > 0 {
			suffix = "." + lang + ".md"
		}
		ui, err := themeStrings(lang)
		if err != nil {
			return nil, err
		}
		title := func(t model.Text) string { return t.In(lang) }
		out["content/_index"+suffix] = frontMatter(map[string]any{"title": title(m.Title)})
		for _, section := range sections {
			if section == "crosswalk" && len(m.Crosswalks) == 0 {
				continue
			}
			out["content/"+section+"/_index"+suffix] = frontMatter(map[string]any{"title": ui["section_"+section]})
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
	return out, nil
}

// themeStrings reads the theme's strings in lang: its i18n file for lang, or the English
// one for a language the theme does not speak (as the site's pages get them).
func themeStrings(lang string) (map[string]string, error) {
	b, err := themes.FS.ReadFile("evident/i18n/" + lang + ".toml")
	if errors.Is(err, fs.ErrNotExist) {
		b, err = themes.FS.ReadFile("evident/i18n/en.toml")
	}
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	_, err = toml.Decode(string(b), &out)
	return out, err
}

// evidencePages maps the path Hugo gives each evidence page (.Path: "/evidence/build/hardened",
// in every language) to the evidence's slug, so that the evidence layout finds its model
// entry by a lookup. It is published to the templates as data/evidentpages.json.
func evidencePages(m *model.Declaration) ([]byte, error) {
	out := map[string]string{}
	for slug, e := range m.Evidence {
		out[strings.TrimSuffix(e.Path, "/")] = slug
	}
	return export.JSON(out)
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
