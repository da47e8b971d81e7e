// Package compare puts several vendors' published declarations side by side for a
// customer choosing among them: the guideline's requirements row by row, one column per
// vendor and product, each cell a link to the vendor's own page for it; how fresh each
// declaration is; and, with a Profile, what the customer requires and whether each vendor
// meets it, check by check, with links to the evidence.
//
// Every source is loaded with package published, so verified first; one that cannot be
// loaded or fails verification is a row of the report with the reason, never compared and
// never left out. The report is data (Report); the writers turn it into a self-contained
// HTML page in the sites' own theme, Markdown or CSV. Nothing depends on the clock: the
// day freshness is measured from is Options.AsOf, and it is written in the report.
package compare

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
	"github.com/evident-dev/evident/generator/suggest"
)

// DefaultConcurrency is how many sources are loaded at once.
const DefaultConcurrency = 4

// Options tune Run.
type Options struct {
	// Load is how each source is loaded; its PublicKey is replaced by Keys[source].
	Load published.Options
	// Keys are public keys by source, as given: that source's SHA256SUMS.sig must be a
	// valid signature by it. A source without one is verified by digests only.
	Keys map[string][]byte
	// Concurrency bounds how many sources are loaded at once; default DefaultConcurrency.
	Concurrency int
	// AsOf is the day freshness is measured from.
	AsOf time.Time
	// Profile is what the customer requires; nil shows the declarations side by side only.
	Profile *Profile
	// Generator names the program at the foot of the report ("evident 1.2.0").
	Generator string
}

// Report is a comparison: what a writer shows.
type Report struct {
	AsOf      string // YYYY-MM-DD
	Generator string
	Profile   *Profile
	Vendors   []*Vendor // in the order the sources were given
	Columns   []*Column // the loaded vendors' products, in that order
	Rows      []*Row    // the guideline's items in catalog order
	// Diags are the profile's problems that only the sources could show: a vendor in
	// products that is none of those compared.
	Diags diag.List
}

// Vendor is one source and what became of it.
type Vendor struct {
	Source string
	Decl   *published.Declaration // nil when it could not be loaded
	Err    *published.Error       // why, when it could not
	// Host is the host of the site's baseURL (with its port, if it has one), which a
	// profile's products name it by, with or without the port.
	Host     string
	hostname string // Host without its port
	Fresh    Freshness
}

// Name is the organisation that makes the declaration, or the source when unknown.
func (v *Vendor) Name() model.Text {
	if v.Decl != nil && !v.Decl.Model.Organization.Name.IsZero() {
		return v.Decl.Model.Organization.Name
	}
	return model.Text{"en": v.Source}
}

// Freshness says how recent a declaration and its evidence are on the as-of day.
type Freshness struct {
	Date       string // the declaration's date
	Months     int    // whole months from Date to the as-of day; -1 when Date is unknown
	Evidence   int    // evidence items
	Newest     string // the most recent review
	Oldest     string // the oldest review
	Stale      int    // reviewed longer ago than the vendor's own review period (reviewDays)
	Unreviewed int    // without a review date
}

// Column is one product of one vendor (or a vendor's whole declaration when it lists no
// products), with what the profile says of it.
type Column struct {
	Vendor *Vendor
	// Product is nil for a declaration without products, and for a product the profile
	// names that the vendor does not have (Wanted).
	Product *model.Product
	Wanted  string
	Checks  []Check // empty without a profile
}

// Pass reports whether every check passed.
func (c *Column) Pass() bool {
	return !slices.ContainsFunc(c.Checks, func(k Check) bool { return !k.Pass })
}

// Failed counts the checks that failed.
func (c *Column) Failed() int {
	n := 0
	for _, k := range c.Checks {
		if !k.Pass {
			n++
		}
	}
	return n
}

// Rule is the kind of a check.
type Rule string

const (
	RuleProduct     Rule = "product"     // the product the profile names exists (ID)
	RuleRequirement Rule = "requirement" // a requirement's status is accepted (ID, Title, Status)
	RuleSBOM        Rule = "sbom"        // a release has an SBOM (ID: its version; Release, SBOMs); ID "": no release to check
	RuleFresh       Rule = "freshness"   // every evidence item was reviewed since Date (Count of them)
	RuleStale       Rule = "stale"       // an evidence item reviewed before the cut-off (ID, Title, Date: its review, "" when none)
)

// Check is one thing a profile requires of a column, and whether it holds.
type Check struct {
	Rule    Rule
	ID      string
	Title   model.Text
	Pass    bool
	Status  model.Status        // RuleRequirement: the vendor's status; "" when its declaration lacks the item
	Release model.ReleaseStatus // RuleSBOM: on the as-of day
	SBOMs   int                 // RuleSBOM
	Date    string              // RuleFresh: the cut-off; RuleStale: the review date
	Count   int                 // RuleFresh: evidence items checked
	URL     model.Text          // the vendor's page for it, by language
}

// Row is one item of the guideline with each column's status.
type Row struct {
	ID       string // "(1)-2"
	Slug     string
	Level    catalog.Level
	Title    model.Text
	Customer bool   // the customer's own requirements (category (6)): guidance, not the vendor's gaps
	Cells    []Cell // one per column
}

// Cell is a column's status for a row and where the vendor's site shows it.
type Cell struct {
	Status model.Status // "" when the declaration lacks the item
	URL    model.Text
}

// Pass reports whether every source was loaded and, with a profile, every column meets it.
func (r *Report) Pass() bool {
	for _, v := range r.Vendors {
		if v.Err != nil {
			return false
		}
	}
	for _, c := range r.Columns {
		if !c.Pass() {
			return false
		}
	}
	return true
}

// Run loads every source (at most opt.Concurrency at a time) and compares them.
func Run(ctx context.Context, sources []string, opt Options) *Report {
	r := &Report{AsOf: opt.AsOf.Format(time.DateOnly), Generator: opt.Generator, Profile: opt.Profile}
	r.Vendors = make([]*Vendor, len(sources))
	sem := make(chan struct{}, cmp.Or(opt.Concurrency, DefaultConcurrency))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			lo := opt.Load
			lo.PublicKey = opt.Keys[src]
			v := &Vendor{Source: src}
			d, err := published.Load(ctx, src, lo)
			if err != nil {
				v.Err = &published.Error{Source: src, Reason: published.Unreachable, Err: err}
				errors.As(err, &v.Err) // Load's every error is one
			} else {
				v.Decl = d
				if u, err := url.Parse(d.Model.BaseURL); err == nil {
					v.Host, v.hostname = strings.ToLower(u.Host), strings.ToLower(u.Hostname())
				}
				v.Fresh = freshness(d.Model, opt.AsOf)
			}
			r.Vendors[i] = v
		})
	}
	wg.Wait()

	for _, v := range r.Vendors {
		if v.Decl != nil {
			r.Columns = append(r.Columns, columns(v, opt)...)
		}
	}
	if p := opt.Profile; p != nil {
		r.Diags = unmatched(p, r.Vendors)
	}
	r.Rows = rows(r.Columns)
	return r
}

// chosen returns the product the profile names for v, and whether it names one.
func chosen(p *Profile, v *Vendor) (string, bool) {
	if p == nil {
		return "", false
	}
	for _, c := range p.Products {
		if v.Host != "" && (strings.EqualFold(c.Vendor, v.Host) || strings.EqualFold(c.Vendor, v.hostname)) || c.Vendor == v.Source {
			return c.Product, true
		}
	}
	return "", false
}

// columns are v's columns: the product the profile names, else every product, else the
// whole declaration.
func columns(v *Vendor, opt Options) []*Column {
	m := v.Decl.Model
	var out []*Column
	if id, ok := chosen(opt.Profile, v); ok {
		c := &Column{Vendor: v, Wanted: id}
		for i := range m.Products {
			if m.Products[i].ID == id {
				c.Product = &m.Products[i]
			}
		}
		out = append(out, c)
	} else {
		for i := range m.Products {
			out = append(out, &Column{Vendor: v, Product: &m.Products[i]})
		}
		if len(out) == 0 {
			out = append(out, &Column{Vendor: v})
		}
	}
	if opt.Profile != nil {
		for _, c := range out {
			c.Checks = checks(c, opt.Profile, opt.AsOf)
		}
	}
	return out
}

// unmatched reports each vendor of the profile's products that is none of the loaded ones.
func unmatched(p *Profile, vendors []*Vendor) diag.List {
	var names []string
	for _, v := range vendors {
		if v.Decl != nil {
			names = append(names, v.Host)
		}
	}
	var ds diag.List
	for _, c := range p.Products {
		if slices.ContainsFunc(vendors, func(v *Vendor) bool {
			_, ok := chosen(&Profile{Products: []Choice{c}}, v)
			return ok && v.Decl != nil
		}) {
			continue
		}
		d := diag.Diagnostic{Pos: c.Pos, Severity: diag.Warning, Code: codeVendor,
			Message: "products names " + quote(c.Vendor) + ", which is none of the sites compared"}
		if near := suggest.Nearest(c.Vendor, names); near != "" {
			d.Message += "; did you mean " + quote(near) + "?"
		}
		d.Hint = "name a vendor by the host of its site (" + strings.Join(names, ", ") + ") or by the source as given"
		ds = append(ds, d)
	}
	return ds
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// pageURL is where a page of m is in each language: the site's base URL and the page's
// path in that language; empty when the site has no absolute http(s) base URL.
func pageURL(m *model.Declaration, links model.Links) model.Text {
	base := published.Link(m.BaseURL)
	if base == "" {
		return nil
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	t := model.Text{}
	for lang, p := range links {
		if u := published.Link(base + p); u != "" && !strings.HasPrefix(p, "/") && !strings.Contains(p, "://") {
			t[lang] = u
		}
	}
	return t
}

// itemIndex finds the items of a declaration by framework and ID.
func itemIndex(m *model.Declaration) map[string]*model.Item {
	idx := make(map[string]*model.Item, len(m.Items))
	for _, it := range m.Items {
		idx[it.Framework+":"+it.ID] = it
	}
	return idx
}

// status is an item's status for a column's product, or overall without one.
func status(it *model.Item, p *model.Product) model.Status {
	switch {
	case it == nil:
		return ""
	case p == nil:
		return cmp.Or(it.Status, model.NotAddressed)
	}
	return cmp.Or(it.Products[p.ID], model.NotAddressed)
}

// cellURL is where a matrix cell leads on the vendor's site: as on its own matrix, the one
// evidence item behind the cell, else the item's page.
func cellURL(m *model.Declaration, it *model.Item, p *model.Product) model.Text {
	for _, c := range it.Cells {
		if p == nil || c.Product == p.ID {
			return pageURL(m, c.Links)
		}
	}
	return pageURL(m, it.Links)
}

// rows are the guideline's items in catalog order, with a cell per column.
func rows(cols []*Column) []*Row {
	indexes := make([]map[string]*model.Item, len(cols))
	for i, c := range cols {
		indexes[i] = itemIndex(c.Vendor.Decl.Model)
	}
	cip, _ := builtins().Catalog("cip")
	var out []*Row
	cip.Walk(func(it *catalog.Item) bool {
		row := &Row{ID: it.ID.Local, Slug: it.ID.Slug(), Level: it.Level, Title: it.Title, Customer: it.Party == catalog.Customer}
		for i, c := range cols {
			var cell Cell
			if mi := indexes[i]["cip:"+it.ID.Local]; mi != nil && (c.Product != nil || c.Wanted == "") {
				cell = Cell{Status: status(mi, c.Product), URL: cellURL(c.Vendor.Decl.Model, mi, c.Product)}
			}
			row.Cells = append(row.Cells, cell)
		}
		out = append(out, row)
		return true
	})
	return out
}

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func freshness(m *model.Declaration, asOf time.Time) Freshness {
	f := Freshness{Date: m.Declaration.Date, Months: -1, Evidence: len(m.Evidence)}
	if t, ok := parseDate(m.Declaration.Date); ok {
		f.Months = months(t, asOf)
	}
	for _, e := range m.Evidence {
		t, ok := parseDate(e.Reviewed)
		if !ok {
			f.Unreviewed++
			continue
		}
		if f.Newest == "" || e.Reviewed > f.Newest {
			f.Newest = e.Reviewed
		}
		if f.Oldest == "" || e.Reviewed < f.Oldest {
			f.Oldest = e.Reviewed
		}
		if m.ReviewDays > 0 && t.AddDate(0, 0, m.ReviewDays).Before(asOf) {
			f.Stale++
		}
	}
	return f
}

// months counts the whole months from a to b.
func months(a, b time.Time) int {
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		n--
	}
	return n
}

// checks are what the profile requires of a column, in the order of its rules.
func checks(c *Column, p *Profile, asOf time.Time) []Check {
	m := c.Vendor.Decl.Model
	if c.Product == nil && c.Wanted != "" {
		return []Check{{Rule: RuleProduct, ID: c.Wanted}}
	}
	var out []Check
	idx := itemIndex(m)
	for _, req := range p.Requirements {
		it := idx[req.Framework+":"+req.ID]
		k := Check{Rule: RuleRequirement, ID: req.ID, Title: req.Title, Status: status(it, c.Product)}
		if req.Framework != "cip" {
			k.ID = req.Framework + ":" + req.ID
		}
		if it != nil {
			k.URL = pageURL(m, it.Links)
		}
		k.Pass = slices.Contains(p.Accept, k.Status)
		out = append(out, k)
	}
	if p.SBOMs != "" {
		out = append(out, sbomChecks(m, c.Product, p.SBOMs, asOf)...)
	}
	if p.MaxAgeMonths > 0 {
		out = append(out, ageChecks(m, c.Product, p.MaxAgeMonths, asOf)...)
	}
	return out
}

// sbomChecks: each release the rule names (every one not at its end of life, or the latest)
// of the product (of every product, for a declaration without products) has an SBOM.
func sbomChecks(m *model.Declaration, p *model.Product, rule string, asOf time.Time) []Check {
	var keys []string
	for _, prod := range m.Products {
		if p != nil && prod.ID != p.ID {
			continue
		}
		if rule == SBOMsLatest {
			if latest := cmp.Or(prod.Latest, first(prod.Releases)); latest != "" {
				keys = append(keys, latest)
			}
			continue
		}
		keys = append(keys, prod.Releases...)
	}
	var out []Check
	day := asOf.Format(time.DateOnly)
	for _, k := range keys {
		r := m.Releases[k]
		if r == nil || r.Date > day {
			continue // not released on the as-of day
		}
		st := r.StatusOn(asOf)
		if rule == SBOMsSupported && st == model.EndOfLife {
			continue
		}
		n := len(published.ReleaseSBOMs(m, r))
		id := r.Version
		if p == nil {
			id = r.Product + " " + r.Version
		}
		out = append(out, Check{Rule: RuleSBOM, ID: id, Title: r.Title, Release: st, SBOMs: n, Pass: n > 0, URL: pageURL(m, r.Links)})
	}
	if len(out) == 0 {
		// Nothing to check is not a pass: the customer asked for SBOMs of releases.
		out = append(out, Check{Rule: RuleSBOM})
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// ageChecks: every evidence item that covers the product was reviewed within the months
// before the as-of day; one check for the rule, then one for each item that was not.
func ageChecks(m *model.Declaration, p *model.Product, maxMonths int, asOf time.Time) []Check {
	cutoff := asOf.AddDate(0, -maxMonths, 0).Format(time.DateOnly)
	fresh := Check{Rule: RuleFresh, Date: cutoff, Pass: true}
	var stale []Check
	for _, slug := range slices.Sorted(maps.Keys(m.Evidence)) {
		e := m.Evidence[slug]
		if p != nil && len(e.Products) > 0 && !slices.Contains(e.Products, p.ID) {
			continue
		}
		fresh.Count++
		if _, ok := parseDate(e.Reviewed); ok && e.Reviewed >= cutoff {
			continue
		}
		fresh.Pass = false
		stale = append(stale, Check{Rule: RuleStale, ID: slug, Title: e.Title, Date: e.Reviewed, URL: pageURL(m, e.Links)})
	}
	slices.SortStableFunc(stale, func(a, b Check) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	return append([]Check{fresh}, stale...)
}
