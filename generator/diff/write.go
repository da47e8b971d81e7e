package diff

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
)

// Formats lists the formats of Write.
var Formats = []string{"text", "markdown", "json"}

// words are the fixed words of the text and Markdown forms, in Japanese and English.
var words = map[string]model.Text{
	"old":                {"ja": "旧", "en": "Old"},
	"new":                {"ja": "新", "en": "New"},
	"file":               {"ja": "ファイル、検証なし", "en": "a file, not verified"},
	"verified":           {"ja": "検証済み", "en": "verified"},
	"signed":             {"ja": "署名検証済み", "en": "signature verified"},
	"decl":               {"ja": "宣言 %s（%s）", "en": "declaration %s of %s"},
	"declaration":        {"ja": "宣言", "en": "Declaration"},
	"version":            {"ja": "版", "en": "version"},
	"date":               {"ja": "日付", "en": "date"},
	"products added":     {"ja": "追加された製品", "en": "Products added"},
	"products removed":   {"ja": "削除された製品", "en": "Products removed"},
	"requirements":       {"ja": "要求事項の状況", "en": "Requirement status"},
	"all products":       {"ja": "全体", "en": "overall"},
	"evidence added":     {"ja": "追加された証跡", "en": "Evidence added"},
	"evidence removed":   {"ja": "削除された証跡", "en": "Evidence removed"},
	"evidence changed":   {"ja": "変更された証跡", "en": "Evidence changed"},
	"status":             {"ja": "状況", "en": "status"},
	"reviewed":           {"ja": "確認日", "en": "reviewed"},
	"covers":             {"ja": "対象の要求事項", "en": "requirements"},
	"products":           {"ja": "対象製品", "en": "products"},
	"releases added":     {"ja": "追加されたリリース", "en": "Releases added"},
	"releases removed":   {"ja": "削除されたリリース", "en": "Releases removed"},
	"releases changed":   {"ja": "変更されたリリース", "en": "Releases changed"},
	"end of support":     {"ja": "サポート終了日", "en": "end of support"},
	"end of fixes":       {"ja": "セキュリティ修正終了日", "en": "end of security fixes"},
	"sboms":              {"ja": "SBOM 数", "en": "SBOMs"},
	"advisories added":   {"ja": "追加されたセキュリティアドバイザリ", "en": "Advisories added"},
	"advisories updated": {"ja": "更新されたセキュリティアドバイザリ", "en": "Advisories updated"},
	"advisories removed": {"ja": "削除されたセキュリティアドバイザリ", "en": "Advisories removed"},
	"revision":           {"ja": "改訂", "en": "revision"},
	"severity":           {"ja": "深刻度", "en": "severity"},
	"no advisories":      {"ja": "セキュリティアドバイザリは比較していません（一方の宣言に項目がありません）", "en": "Advisories not compared: one declaration has no advisories field"},
	"count":              {"ja": "%d 件の変更", "en": "%d changes"},
	"one":                {"ja": "1 件の変更", "en": "1 change"},
	"none":               {"ja": "変更なし", "en": "no changes"},
	"title":              {"ja": "宣言の変更点", "en": "What changed in the declaration"},
	"col id":             {"ja": "ID", "en": "ID"},
	"col title":          {"ja": "要求事項", "en": "Requirement"},
	"col product":        {"ja": "製品", "en": "Product"},
	"col from":           {"ja": "旧", "en": "From"},
	"col to":             {"ja": "新", "en": "To"},
}

// Write writes d in one of Formats, its fixed words in lang ("ja" or "en"); the vendor's
// titles are in lang where the declaration has them.
func Write(w io.Writer, format string, d *Diff, lang string) error {
	switch format {
	case "json":
		b, err := export.JSON(d)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "markdown":
		return (&writer{w: w, lang: lang, md: true}).write(d)
	case "", "text":
		return (&writer{w: w, lang: lang}).write(d)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// writer writes the text and Markdown forms, which differ only in markup.
type writer struct {
	w    io.Writer
	lang string
	md   bool
	err  error
}

func (x *writer) say(key string) string { return words[key].In(x.lang) }

// text is a vendor's text in lang, made safe for the form.
func (x *writer) text(t model.Text) string { return x.escape(t.In(x.lang)) }

func (x *writer) escape(s string) string {
	if x.md {
		return published.Markdown(s)
	}
	return published.Plain(s)
}

func (x *writer) printf(format string, args ...any) {
	if x.err == nil {
		_, x.err = fmt.Fprintf(x.w, format, args...)
	}
}

// heading starts a section.
func (x *writer) heading(key string) {
	if x.md {
		x.printf("\n## %s\n\n", x.say(key))
	} else {
		x.printf("\n%s\n", x.say(key))
	}
}

// item writes one line of a section: mark is +, - or ~ in text; Markdown makes it a list.
func (x *writer) item(mark, format string, args ...any) {
	if x.md {
		x.printf("- "+format+"\n", args...)
	} else {
		x.printf("  "+mark+" "+format+"\n", args...)
	}
}

// detail writes a line under an item.
func (x *writer) detail(format string, args ...any) {
	if x.md {
		x.printf("  - "+format+"\n", args...)
	} else {
		x.printf("      "+format+"\n", args...)
	}
}

// link is s linking to url in Markdown (s is already escaped).
func (x *writer) link(s, url string) string {
	if u := published.Link(url); x.md && u != "" {
		return "[" + s + "](<" + u + ">)"
	}
	return s
}

func (x *writer) code(s string) string {
	if x.md {
		return "`" + strings.ReplaceAll(published.Plain(s), "`", "'") + "`"
	}
	return published.Plain(s)
}

func (x *writer) status(s model.Status) string {
	if s == "" {
		return "—"
	}
	return s.Label(x.lang)
}

func (x *writer) change(key string, c *Change, show func(string) string) {
	if c != nil {
		x.detail("%s: %s → %s", x.say(key), show(c.From), show(c.To))
	}
}

func (x *writer) side(key string, s Side) {
	how := x.say("file")
	if s.Verified {
		how = x.say("verified")
		if s.Signed {
			how += ", " + x.say("signed")
		}
	}
	decl := fmt.Sprintf(x.say("decl"), x.escape(s.Version), x.escape(s.Date))
	if x.md {
		x.printf("- **%s**: %s (%s) — %s\n", x.say(key), x.code(s.Source), how, decl)
	} else {
		x.printf("%s: %s (%s) — %s\n", x.say(key), published.Plain(s.Source), how, decl)
	}
}

func (x *writer) write(d *Diff) error {
	if x.md {
		x.printf("# %s\n\n", x.say("title"))
	}
	x.side("old", d.Old)
	x.side("new", d.New)
	same := func(s string) string { return x.escape(s) }

	if d.Version != nil || d.Date != nil {
		x.heading("declaration")
		if c := d.Version; c != nil {
			x.item("~", "%s: %s → %s", x.say("version"), same(c.From), same(c.To))
		}
		if c := d.Date; c != nil {
			x.item("~", "%s: %s → %s", x.say("date"), same(c.From), same(c.To))
		}
	}
	x.products("products added", "+", d.ProductsAdded)
	x.products("products removed", "-", d.ProductsRemoved)

	if len(d.Requirements) > 0 {
		x.heading("requirements")
		if x.md {
			x.printf("| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
				x.say("col id"), x.say("col title"), x.say("col product"), x.say("col from"), x.say("col to"))
		}
		for _, r := range d.Requirements {
			switch {
			case x.md:
				x.printf("| %s | %s | %s | %s | %s |\n", x.link(x.escape(r.ID), r.URL), x.text(r.Title),
					x.escape(cmp.Or(r.Product, x.say("all products"))), x.status(r.From), x.status(r.To))
			case r.Product == "":
				x.item("~", "%s %s: %s → %s", published.Plain(r.ID), x.text(r.Title), x.status(r.From), x.status(r.To))
			default:
				x.item("~", "%s %s [%s]: %s → %s", published.Plain(r.ID), x.text(r.Title), published.Plain(r.Product), x.status(r.From), x.status(r.To))
			}
		}
	}

	x.evidence("evidence added", "+", d.EvidenceAdded)
	x.evidence("evidence removed", "-", d.EvidenceRemoved)
	if len(d.EvidenceChanged) > 0 {
		x.heading("evidence changed")
		for _, e := range d.EvidenceChanged {
			x.item("~", "%s %s", x.link(x.code(e.Slug), e.URL), x.text(e.Title))
			x.change("status", e.StatusChange, func(s string) string { return x.status(model.Status(s)) })
			x.change("reviewed", e.ReviewedChange, func(s string) string { return x.escape(cmp.Or(s, "—")) })
			x.plusMinus("covers", e.RequirementsAdded, e.RequirementsRemoved)
			x.plusMinus("products", e.ProductsAdded, e.ProductsRemoved)
		}
	}

	x.releases("releases added", "+", d.ReleasesAdded)
	x.releases("releases removed", "-", d.ReleasesRemoved)
	if len(d.ReleasesChanged) > 0 {
		x.heading("releases changed")
		for _, r := range d.ReleasesChanged {
			x.item("~", "%s %s", x.escape(r.Product), x.link(x.escape(r.Version), r.URL))
			x.change("status", r.StatusChange, func(s string) string { return x.escape(model.ReleaseStatusWords[model.ReleaseStatus(s)].In(x.lang)) })
			x.change("end of support", r.EndOfSupportChange, func(s string) string { return x.escape(cmp.Or(s, "—")) })
			x.change("end of fixes", r.EndOfSecurityFixesChange, func(s string) string { return x.escape(cmp.Or(s, "—")) })
			x.change("sboms", r.SBOMsChange, same)
		}
	}

	if a := d.Advisories; a == nil {
		x.printf("\n%s\n", x.say("no advisories"))
	} else {
		x.advisories("advisories added", "+", a.Added)
		if len(a.Updated) > 0 {
			x.heading("advisories updated")
			for _, u := range a.Updated {
				x.item("~", "%s %s", x.link(x.escape(u.ID), u.URL), x.text(u.Title))
				x.change("revision", u.RevisionChange, same)
				x.change("severity", u.SeverityChange, func(s string) string { return x.escape(cmp.Or(s, "—")) })
			}
		}
		x.advisories("advisories removed", "-", a.Removed)
	}

	switch n := d.Count(); n {
	case 0:
		x.printf("\n%s\n", x.say("none"))
	case 1:
		x.printf("\n%s\n", x.say("one"))
	default:
		x.printf("\n"+x.say("count")+"\n", n)
	}
	return x.err
}

func (x *writer) plusMinus(key string, plus, minus []string) {
	if len(plus)+len(minus) == 0 {
		return
	}
	var parts []string
	for _, s := range plus {
		parts = append(parts, "+"+x.escape(s))
	}
	for _, s := range minus {
		parts = append(parts, "−"+x.escape(s))
	}
	x.detail("%s: %s", x.say(key), strings.Join(parts, " "))
}

func (x *writer) products(key, mark string, list []Product) {
	if len(list) == 0 {
		return
	}
	x.heading(key)
	for _, p := range list {
		x.item(mark, "%s %s", x.link(x.code(p.ID), p.URL), x.text(p.Name))
	}
}

func (x *writer) evidence(key, mark string, list []Evidence) {
	if len(list) == 0 {
		return
	}
	x.heading(key)
	for _, e := range list {
		reviewed := ""
		if e.Reviewed != "" {
			reviewed = fmt.Sprintf(" (%s %s)", x.say("reviewed"), x.escape(e.Reviewed))
		}
		x.item(mark, "%s %s %s%s", x.link(x.code(e.Slug), e.URL), x.status(e.Status), x.text(e.Title), reviewed)
	}
}

func (x *writer) releases(key, mark string, list []Release) {
	if len(list) == 0 {
		return
	}
	x.heading(key)
	for _, r := range list {
		x.item(mark, "%s %s (%s, %s, %s %d)", x.escape(r.Product), x.link(x.escape(r.Version), r.URL), x.escape(r.Date),
			x.escape(model.ReleaseStatusWords[r.Status].In(x.lang)), x.say("sboms"), r.SBOMs)
	}
}

func (x *writer) advisories(key, mark string, list []Advisory) {
	if len(list) == 0 {
		return
	}
	x.heading(key)
	for _, a := range list {
		sev := ""
		if a.Severity != "" {
			sev = " (" + x.escape(string(a.Severity)) + ")"
		}
		x.item(mark, "%s%s %s", x.link(x.escape(a.ID), a.URL), sev, x.text(a.Title))
	}
}
