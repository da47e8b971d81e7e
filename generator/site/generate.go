package site

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/diff"
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
			"home":    []string{"html", "rss", "sitemap"},
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
	if len(m.Advisories) > 0 {
		// The advisories index publishes the feed even when the vendor writes the page
		// (content/advisories/_index.md wins over evident's), so the setting is the site's.
		cfg["cascade"] = append(cascades(cfg["cascade"]), map[string]any{
			"outputs": []string{"html", "rss"},
			"target":  map[string]any{"kind": "section", "path": "/advisories"},
		})
	}
	// The theme writes the sitemaps (home.sitemap.xml): /sitemap.xml at the site's root,
	// which may list every page, and one in each other language's folder. Hugo's own put
	// the default language's in /ja/, from where a sitemap may not list the pages at the
	// root (sitemaps.org), so they are off whatever the site says.
	cfg["disableKinds"] = withString(cfg["disableKinds"], "sitemap")
	if outputs, ok := cfg["outputs"].(map[string]any); ok {
		outputs["home"] = withString(outputs["home"], "sitemap")
	}
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

// cascades returns the site's own [[cascade]] settings as a list, whichever TOML form
// (one table or an array of tables) they were written in.
func cascades(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, c := range v {
			out[i] = c
		}
		return out
	case map[string]any:
		return []any{v}
	}
	return nil
}

// withString returns v, a list of strings whichever Go type TOML gave it, with s added
// when it is not in it.
func withString(v any, s string) []string {
	var out []string
	switch v := v.(type) {
	case []string:
		out = slices.Clone(v)
	case []any:
		for _, e := range v {
			if e, ok := e.(string); ok {
				out = append(out, e)
			}
		}
	}
	if !slices.Contains(out, s) {
		out = append(out, s)
	}
	return out
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
var sections = []string{"about", "advisories", "categories", "coverage", "crosswalk", "evidence", "integrity", "products", "requirements", "sbom"}

// pages returns the content pages evident generates, by site-relative path.
func pages(m *model.Declaration, history []Version) (map[string][]byte, error) {
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
			if section == "crosswalk" && len(m.Crosswalks) == 0 || section == "products" && len(m.Products) == 0 ||
				section == "advisories" && len(m.Advisories) == 0 {
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
		// The versions of the declaration: what changed, and a page for each recorded one.
		if len(history) > 0 {
			out["content/declarations/_index"+suffix] = frontMatter(map[string]any{"title": ui["section_declarations"]})
		}
		for _, v := range history {
			if v.Path == "" {
				continue
			}
			t, err := uiString(ui["declaration_version_title"], map[string]string{"version": v.Version})
			if err != nil {
				return nil, err
			}
			out[path.Join("content", v.Path, "index"+suffix)] = frontMatter(map[string]any{
				"title": t, "params": map[string]any{"version": v.Version},
			})
		}
		// A page per product and its release archive; the release files are the
		// vendor's own pages. The product page also publishes the product's feed.
		for _, p := range m.Products {
			params := map[string]any{"product": p.ID}
			out[path.Join("content", productPath(p.ID), "_index"+suffix)] = frontMatter(map[string]any{
				"title":   title(p.Name),
				"params":  params,
				"outputs": []string{"html", "rss"},
			})
			archive, err := uiString(ui["releases_title"], map[string]string{"product": title(p.Name)})
			if err != nil {
				return nil, err
			}
			out[path.Join("content", productPath(p.ID), "releases", "_index"+suffix)] = frontMatter(map[string]any{
				"title":  archive,
				"params": params,
			})
		}
	}
	return out, nil
}

// Version is a published version of the declaration as the /declarations/ pages show it:
// its matrix (the default framework's items, overall and per product) and what changed
// from the version before it.
type Version struct {
	Version  string         `json:"version"`
	Date     string         `json:"date"`
	Path     string         `json:"path"` // "/declarations/2026.1/"; "" for the current declaration, not recorded yet
	Products []diff.Product `json:"products"`
	Rows     []VersionRow   `json:"rows"`
	Changes  *diff.Diff     `json:"changes,omitempty"` // nil for the first version
	Summary  model.Counts   `json:"summary"`
}

// VersionRow is an item of a version's matrix.
type VersionRow struct {
	ID       string                  `json:"id"`
	Level    string                  `json:"level"`
	Title    model.Text              `json:"title"`
	Status   model.Status            `json:"status"`
	Products map[string]model.Status `json:"products"`
}

// NewVersion is the version that m declares; recorded says it is kept in the site's
// history, with its pages under /declarations/VERSION/.
func NewVersion(m *model.Declaration, recorded bool) Version {
	v := Version{Version: m.Declaration.Version, Date: m.Declaration.Date, Summary: m.Summary,
		Products: []diff.Product{}, Rows: []VersionRow{}}
	if recorded {
		v.Path = "/declarations/" + v.Version + "/"
	}
	for _, p := range m.Products {
		v.Products = append(v.Products, diff.Product{ID: p.ID, Name: p.Name})
	}
	for _, k := range m.Order {
		if it := m.Items[k]; it.Framework == m.Framework {
			v.Rows = append(v.Rows, VersionRow{it.ID, it.Level, it.Title, it.Status, it.Products})
		}
	}
	return v
}

// productPath is the site path of a product's page, as the model gives it (Product.Path).
func productPath(id string) string { return "/products/" + id + "/" }

// uiString fills a theme string's {{ .name }} fields, as Hugo's T does on the pages.
func uiString(s string, data map[string]string) (string, error) {
	t, err := template.New("").Option("missingkey=error").Parse(s)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = t.Execute(&b, data)
	return b.String(), err
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

// evidencePages maps the path Hugo gives a page (.Path: "/evidence/build/hardened", in every
// language) to its model entry, so that a layout finds it by a lookup, whoever wrote the page
// (evident or the vendor): an evidence page to the evidence's slug, a product page and its
// release archive to the product's id, a release page to the release's key, an advisory page
// to the advisory's slug. Hugo lowercases .Path, and so do the keys. It is published to the
// templates as data/evidentpages.json.
func evidencePages(m *model.Declaration) ([]byte, error) {
	out := map[string]string{}
	page := func(p, key string) { out[strings.ToLower(strings.TrimSuffix(p, "/"))] = key }
	for slug, e := range m.Evidence {
		page(e.Path, slug)
	}
	for _, p := range m.Products {
		page(productPath(p.ID), p.ID)
		page(productPath(p.ID)+"releases/", p.ID)
	}
	for key, r := range m.Releases {
		page(r.Path, key)
	}
	for slug, a := range m.Advisories {
		page(a.Path, slug)
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
