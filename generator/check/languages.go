package check

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
)

// Text returns a text of evident.toml by language, as the site publishes it. A text
// given as one string is in every site language, except one written in Japanese
// (kana or kanji) on a site that publishes Japanese: that one is Japanese only, so
// that an English page marks it and declaration.json never lists it under "en".
func (r *Result) Text(t model.Text) model.Text {
	if s, ok := t["*"]; ok && slices.Contains(r.Config.Languages, "ja") && japanese(s) {
		return model.Text{"ja": s}
	}
	return r.Config.Resolve(t)
}

// japanese reports whether s has a character of a Japanese script.
func japanese(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
	})
}

// checkLanguages reports, on a site of several languages, the texts of evident.toml that
// lack one of them (config-language) and each evidence item with no translation in one
// (untranslated).
func (c *checker) checkLanguages() {
	langs := c.Config.Languages
	if len(langs) < 2 {
		return
	}
	c.configLanguages()
	for _, e := range c.Evidence {
		if missing := c.untranslated(e); len(missing) > 0 {
			names := languageNames(missing)
			c.add(diag.Diagnostic{Pos: diag.Position{File: e.File.Path, Line: 1, Col: 1}, Severity: diag.Notice, Code: "untranslated",
				Message: "evidence has no " + names + " translation",
				Hint: fmt.Sprintf("add %s; until then the %s pages show this item in %s, marked as such",
					translationPath(e.File.Path, missing[0]), names, languageNames(langs[:1]))})
		}
	}
}

// untranslated returns the site languages an evidence item has no file in.
func (c *checker) untranslated(e *Evidence) []string {
	var out []string
	for _, l := range c.Config.Languages[1:] {
		if e.Translations[l] == nil {
			out = append(out, l)
		}
	}
	return out
}

// Untranslated says, one line a language, how many evidence items have no translation
// in it: "8 of 11 evidence items have no English". Nil when every item is translated.
func (r *Result) Untranslated() []string {
	if r.Config == nil || len(r.Config.Languages) < 2 {
		return nil
	}
	var out []string
	for _, l := range r.Config.Languages[1:] {
		n := 0
		for _, e := range r.Evidence {
			if e.Translations[l] == nil {
				n++
			}
		}
		if n > 0 {
			item := "items have"
			if len(r.Evidence) == 1 {
				item = "item has"
			}
			out = append(out, fmt.Sprintf("%d of %d evidence %s no %s", n, len(r.Evidence), item, languageNames([]string{l})))
		}
	}
	return out
}

// configLanguages warns about each text of evident.toml that the site cannot show in
// every one of its languages, at the text's key.
func (c *checker) configLanguages() {
	data, err := fs.ReadFile(c.fsys, config.File)
	if err != nil {
		return // config.Load reported it
	}
	root, _ := node.ParseTOML(config.File, data)
	if root == nil {
		return
	}
	type text struct {
		name string
		n    *node.Node
		t    model.Text
	}
	cfg := c.Config
	texts := []text{
		{"title", root.Get("title"), cfg.Title},
		{"organization.name", root.Get("organization").Get("name"), cfg.Organization.Name},
		{"declaration.title", root.Get("declaration").Get("title"), cfg.Declaration.Title},
		{"declaration.scope", root.Get("declaration").Get("scope"), cfg.Declaration.Scope},
	}
	if ps := root.Get("products"); ps != nil && ps.Kind == node.List {
		for i, p := range cfg.Products {
			if i >= len(ps.List) {
				break
			}
			n := ps.List[i]
			texts = append(texts,
				text{"the name of product " + p.ID, n.Get("name"), p.Name},
				text{"the description of product " + p.ID, n.Get("description"), p.Description})
		}
	}
	for _, x := range texts {
		if x.n == nil || x.t.IsZero() {
			continue
		}
		var missing []string
		got := c.Text(x.t)
		for _, l := range cfg.Languages {
			if got[l] == "" {
				missing = append(missing, l)
			}
		}
		if len(missing) == 0 {
			continue
		}
		c.add(diag.Diagnostic{Pos: x.n.Start(), Severity: diag.Warning, Code: "config-language",
			Message: fmt.Sprintf("%s has no %s text", x.name, languageNames(missing)),
			Hint:    fmt.Sprintf("give it in every language, as { %s }; until then the %s pages show it marked as in another language", example(cfg.Languages), languageNames(missing))})
	}
}

// example is a text table with a placeholder for each language: ja = "…", en = "…".
func example(langs []string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l + ` = "…"`
	}
	return strings.Join(parts, ", ")
}

// translationPath is the file name of the lang translation of a default-language file.
func translationPath(p, lang string) string {
	return strings.TrimSuffix(p, ".md") + "." + lang + ".md"
}

// languageNames names languages in English for messages: "English", "English and French".
func languageNames(langs []string) string {
	names := make([]string, len(langs))
	for i, l := range langs {
		switch l {
		case "ja":
			names[i] = "Japanese"
		case "en":
			names[i] = "English"
		default:
			names[i] = fmt.Sprintf("%q", l)
		}
	}
	if len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names, "")
}
