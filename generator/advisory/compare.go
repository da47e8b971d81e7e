package advisory

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
)

// Compare reports where the translation tr contradicts its original orig, as release files
// are compared (evidence.Comparer): a translation gives its own title, description, body,
// and the summaries, titles, impact and details of its tables; it may leave out every other
// key, which comes from the original, or repeat it, but not change it. Tables are matched
// by position: when a translation gives a list of tables, it has as many as the original,
// with the same ids, numbers and values. released and updated compare with the dates
// they default to.
func Compare(orig, tr *File) diag.List {
	c := comparer{Comparer: evidence.Comparer{OrigPath: orig.Path, OrigKeys: orig.Keys, TrKeys: tr.Keys}}
	c.field("id", orig.ID, tr.ID)
	c.field("tlp", orig.TLP, tr.TLP)
	released, updated := orig.Released, orig.Updated
	if n := len(orig.Revisions); n > 0 {
		released, updated = cmpOr(released, orig.Revisions[0].Date), cmpOr(updated, orig.Revisions[n-1].Date)
	}
	c.date("released", released, tr.Released)
	c.date("updated", updated, tr.Updated)
	if c.count("revisions", len(orig.Revisions), len(tr.Revisions), tr.Keys["revisions"]) {
		for i, r := range tr.Revisions {
			o := orig.Revisions[i]
			c.field(entry("revisions", i, "number"), o.Number, r.Number)
			c.date(entry("revisions", i, "date"), o.Date, r.Date)
		}
	}
	if c.count("vulnerabilities", len(orig.Vulnerabilities), len(tr.Vulnerabilities), tr.Keys["vulnerabilities"]) {
		for i, v := range tr.Vulnerabilities {
			o := orig.Vulnerabilities[i]
			c.field(entry("vulnerabilities", i, "cve"), o.CVE, v.CVE)
			c.field(entry("vulnerabilities", i, "cwe"), o.CWE, v.CWE)
			c.field(entry("vulnerabilities", i, "cvss31"), o.CVSS31, v.CVSS31)
			c.field(entry("vulnerabilities", i, "cvss40"), o.CVSS40, v.CVSS40)
		}
	}
	if c.count("products", len(orig.Products), len(tr.Products), tr.Keys["products"]) {
		for i, p := range tr.Products {
			c.product(entry("products", i, ""), orig.Products[i], p)
		}
	}
	if c.count("acknowledgments", len(orig.Acknowledgments), len(tr.Acknowledgments), tr.Keys["acknowledgments"]) {
		for i, a := range tr.Acknowledgments {
			o := orig.Acknowledgments[i]
			c.list(entry("acknowledgments", i, "names"), o.Names, a.Names)
			c.field(entry("acknowledgments", i, "organization"), o.Organization, a.Organization)
			c.list(entry("acknowledgments", i, "urls"), o.URLs, a.URLs)
		}
	}
	if c.count("references", len(orig.References), len(tr.References), tr.Keys["references"]) {
		for i, r := range tr.References {
			c.field(entry("references", i, "url"), orig.References[i].URL, r.URL)
		}
	}
	return c.Diags
}

// comparer compares the values of an advisory that a translation does not translate.
type comparer struct{ evidence.Comparer }

func (c *comparer) field(name string, orig, tr Field[string]) {
	c.Value(name, orig.Value, tr.Value, orig.Pos, tr.Pos)
}

func (c *comparer) date(name string, orig, tr Field[time.Time]) {
	c.Value(name, evidence.DateString(orig), evidence.DateString(tr), orig.Pos, tr.Pos)
}

// product compares an entry of products; name is "products[1]".
func (c *comparer) product(name string, orig, tr Product) {
	c.field(name+".id", orig.ID, tr.ID)
	c.field(name+".status", orig.Status, tr.Status)
	c.list(name+".affected", orig.Affected, tr.Affected)
	c.list(name+".fixed", orig.Fixed, tr.Fixed)
	c.field(name+".justification", orig.Justification, tr.Justification)
	var at diag.Position // a translation gives remediations when it has one
	if len(tr.Remediations) > 0 {
		at = tr.Remediations[0].Pos
	}
	if c.count(name+".remediations", len(orig.Remediations), len(tr.Remediations), at) {
		for i, r := range tr.Remediations {
			o := orig.Remediations[i]
			c.field(entry(name+".remediations", i, "category"), o.Category, r.Category)
			c.field(entry(name+".remediations", i, "url"), o.URL, r.URL)
			c.date(entry(name+".remediations", i, "date"), o.Date, r.Date)
		}
	}
}

// count reports whether the translation, which gives the list of tables at pos (zero
// when it does not give it), has as many as the original; then its tables compare one by
// one.
func (c *comparer) count(list string, orig, tr int, pos diag.Position) bool {
	if pos.Line == 0 || orig == tr {
		return pos.Line > 0
	}
	c.Diags = append(c.Diags, diag.Errorf(pos, "translation-mismatch", "translation gives %d %s, but the original has %d (%s)", tr, list, orig, c.OrigPath).
		WithHint("a translation lists the same %s as its original, in its order, to translate their texts; or leave them out", list))
	return false
}

// list compares a list of strings, as a set, when the translation gives it.
func (c *comparer) list(name string, orig, tr []Field[string]) {
	if len(tr) == 0 {
		return
	}
	o, t := values(orig), values(tr)
	if slices.Equal(slices.Sorted(slices.Values(o)), slices.Sorted(slices.Values(t))) {
		return
	}
	want := "none (" + c.OrigPath + ")"
	if len(orig) > 0 {
		want = quoted(o) + " at " + orig[0].Pos.String()
	}
	c.Diags = append(c.Diags, diag.Errorf(tr[0].Pos, "translation-mismatch", "translation gives %s %s, but the original has %s", name, quoted(t), want).
		WithHint("a translation takes %s from its original; remove it here or make it the same", name))
}

// entry names the key of the i-th table of list, for messages: "revisions[2].date".
func entry(list string, i int, key string) string {
	name := fmt.Sprintf("%s[%d]", list, i+1)
	if key != "" {
		name += "." + key
	}
	return name
}

func values(fs []Field[string]) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Value
	}
	return out
}

func quoted(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// cmpOr returns a when it is given, else b.
func cmpOr(a, b Field[time.Time]) Field[time.Time] {
	if a.Set() {
		return a
	}
	return b
}
