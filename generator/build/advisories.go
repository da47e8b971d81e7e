package build

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/advisory"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/cvss"
	"github.com/evident-dev/evident/generator/model"
)

// The item of the guideline whose pages list the advisories as evidence of practice:
// (3)-2 検知した脆弱性への対処, found by its ID in the built-in catalog.
const advisoryFramework, advisoryItem = "cip", "(3)-2"

// advisories fills the security advisories of the model: Declaration.Advisories and
// AdvisoryOrder, AdvisoryItems, and the advisories of each product and release. It
// expands ranges over Product.Releases, so it runs after productsAndReleases. The CSAF
// provider (Declaration.CSAF) and the VEX files are the csaf package's.
func advisories(res *check.Result, m *model.Declaration) error {
	m.Advisories = map[string]*model.Advisory{}
	m.AdvisoryOrder = []string{}
	m.AdvisoryItems = advisoryItems(m)
	products := map[string]*model.Product{}
	for i := range m.Products {
		products[m.Products[i].ID] = &m.Products[i]
		m.Products[i].Advisories = []string{}
	}
	for _, r := range m.Releases {
		r.Advisories = []string{}
	}
	for _, a := range res.Advisories {
		x, err := newAdvisory(m, products, a)
		if err != nil {
			return err
		}
		m.Advisories[x.Slug] = x
		m.AdvisoryOrder = append(m.AdvisoryOrder, x.Slug)
	}
	slices.SortFunc(m.AdvisoryOrder, func(a, b string) int {
		x, y := m.Advisories[a], m.Advisories[b]
		return cmp.Or(-strings.Compare(x.Updated, y.Updated), -strings.Compare(x.Released, y.Released), strings.Compare(x.ID, y.ID))
	})
	for _, slug := range m.AdvisoryOrder {
		for _, ap := range m.Advisories[slug].Products {
			p := products[ap.Product]
			p.Advisories = append(p.Advisories, slug) // check allows a product once per advisory
			for _, key := range slices.Concat(ap.Affected, ap.Fixed) {
				m.Releases[key].Advisories = append(m.Releases[key].Advisories, slug) // Affected and Fixed do not overlap
			}
		}
	}
	return nil
}

// advisoryItems are the keys of the guideline's (3)-2 and the items below it, in the
// catalog's order; none when the site does not load the guideline.
func advisoryItems(m *model.Declaration) []string {
	out := []string{}
	var add func(key string)
	add = func(key string) {
		out = append(out, key)
		for _, ch := range m.Items[key].Children {
			add(ch)
		}
	}
	for _, key := range m.Order {
		if it := m.Items[key]; it.Framework == advisoryFramework && it.ID == advisoryItem {
			add(key)
			break
		}
	}
	return out
}

// newAdvisory makes the model of one advisory, its translations merged: a translation
// gives its own texts and matches the original's tables by position.
func newAdvisory(m *model.Declaration, products map[string]*model.Product, a *check.Advisory) (*model.Advisory, error) {
	f, def := a.File, m.Languages[0]
	// text merges a text of the original and of each translation; get reads it from a file.
	text := func(get func(*advisory.File) string) model.Text {
		t := model.Text{}
		setText(t, def, get(f))
		for lang, tr := range a.Translations {
			setText(t, lang, get(tr))
		}
		return t
	}
	// at reads the i-th table of a list of a file, when the file has it.
	at := func(n, i int, get func(i int) string) string {
		if i < n {
			return get(i)
		}
		return ""
	}
	x := &model.Advisory{
		ID: f.ID.Value, Slug: a.Slug, TLP: "WHITE", Final: true,
		Title:       text(func(f *advisory.File) string { return f.Title.Value }),
		Description: text(func(f *advisory.File) string { return f.Description.Value }),
		Body:        text(func(f *advisory.File) string { return strings.TrimSpace(f.Body) }),
		Revisions:   []model.Revision{}, Vulnerabilities: []model.Vulnerability{}, Products: []model.AdvisoryProduct{},
		Acknowledgments: []model.Acknowledgment{}, References: []model.Reference{},
		Source: f.Path, Path: "/advisories/" + strings.ToLower(a.Slug) + "/",
	}
	for i, r := range f.Revisions {
		x.Revisions = append(x.Revisions, model.Revision{Number: r.Number.Value, Date: day(r.Date.Value),
			Summary: text(func(f *advisory.File) string {
				return at(len(f.Revisions), i, func(i int) string { return f.Revisions[i].Summary.Value })
			})})
	}
	if n := len(x.Revisions); n > 0 {
		// Revisions are in order, with dates that never decrease (check).
		x.Released, x.Updated, x.Version = x.Revisions[0].Date, x.Revisions[n-1].Date, x.Revisions[n-1].Number
	}
	var rated *model.CVSS // the score behind the advisory's severity
	for i, v := range f.Vulnerabilities {
		y := model.Vulnerability{CVE: v.CVE.Value, CWE: v.CWE.Value,
			Title: text(func(f *advisory.File) string {
				return at(len(f.Vulnerabilities), i, func(i int) string { return f.Vulnerabilities[i].Title.Value })
			})}
		var err error
		if y.CVSS31, err = score(v.CVSS31); err != nil {
			return nil, err
		}
		if y.CVSS40, err = score(v.CVSS40); err != nil {
			return nil, err
		}
		if s := cmp.Or(y.CVSS40, y.CVSS31); s != nil {
			y.Severity = s.Severity
			if rated == nil || severer(s, rated) {
				rated = s
			}
		}
		x.Vulnerabilities = append(x.Vulnerabilities, y)
	}
	if rated != nil {
		x.Severity, x.Score = rated.Severity, rated.Score
	}
	x.VEX = len(f.Products) > 0
	for i, p := range f.Products {
		prod := products[p.ID.Value]
		if prod == nil {
			return nil, fmt.Errorf("%s: advisory of unknown product %q", p.ID.Pos, p.ID.Value) // check reports it first
		}
		y, err := advisoryProduct(m, prod, p)
		if err != nil {
			return nil, err
		}
		y.Impact = text(func(f *advisory.File) string {
			return at(len(f.Products), i, func(i int) string { return f.Products[i].Impact.Value })
		})
		for j, r := range p.Remediations {
			y.Remediations = append(y.Remediations, model.Remediation{Category: r.Category.Value, URL: r.URL.Value, Date: day(r.Date.Value),
				Details: text(func(f *advisory.File) string {
					if i >= len(f.Products) {
						return ""
					}
					rs := f.Products[i].Remediations
					return at(len(rs), j, func(j int) string { return rs[j].Details.Value })
				})})
		}
		x.VEX = x.VEX && y.Status == model.NotAffected
		x.Final = x.Final && y.Status != model.UnderInvestigation
		x.Products = append(x.Products, y)
	}
	for i, ack := range f.Acknowledgments {
		y := model.Acknowledgment{Names: []string{}, Organization: ack.Organization.Value, URLs: []string{},
			Summary: text(func(f *advisory.File) string {
				return at(len(f.Acknowledgments), i, func(i int) string { return f.Acknowledgments[i].Summary.Value })
			})}
		for _, n := range ack.Names {
			y.Names = append(y.Names, n.Value)
		}
		for _, u := range ack.URLs {
			y.URLs = append(y.URLs, u.Value)
		}
		x.Acknowledgments = append(x.Acknowledgments, y)
	}
	for i, r := range f.References {
		x.References = append(x.References, model.Reference{URL: r.URL.Value,
			Summary: text(func(f *advisory.File) string {
				return at(len(f.References), i, func(i int) string { return f.References[i].Summary.Value })
			})})
	}
	for _, lang := range m.Languages {
		if _, ok := a.Translations[lang]; ok || lang == def {
			x.Languages = append(x.Languages, lang)
		}
	}
	x.Links = pageLinks(m.Languages, x.Path, x.Languages)
	x.URL = absURL(m.BaseURL, x.Path)
	// CSAF 2.0 section 7.1.9: a folder per year of the initial release, named as 5.1 says.
	year, _, _ := strings.Cut(x.Released, "-")
	x.CSAF.Path = ".well-known/csaf/white/" + year + "/" + advisory.FileName(f.ID.Value) + ".json"
	x.CSAF.URL = absURL(m.BaseURL, "/"+x.CSAF.Path)
	return x, nil
}

// score reads a CVSS vector of a file, when it gives one.
func score(v advisory.Field[string]) (*model.CVSS, error) {
	if v.Value == "" {
		return nil, nil
	}
	s, err := cvss.Parse(v.Value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.Pos, err) // check reports it first
	}
	return s, nil
}

// severer reports whether a is more severe than b: by severity, then by score.
func severer(a, b *model.CVSS) bool {
	rank := func(s model.Severity) int { return -slices.Index(model.Severities, s) } // Severities go from the most severe
	return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Score, b.Score)) > 0
}

// advisoryProduct is what an advisory says of one product's releases, as release keys
// newest first: the releases its ranges select (every release without ranges), and, for
// a fix, the releases that fix it and every newer one; a fixed release is never affected.
func advisoryProduct(m *model.Declaration, prod *model.Product, p advisory.Product) (model.AdvisoryProduct, error) {
	y := model.AdvisoryProduct{Product: prod.ID, Status: model.ProductStatus(p.Status.Value), Justification: p.Justification.Value,
		Affected: []string{}, Fixed: []string{}, Ranges: []string{}, Remediations: []model.Remediation{}}
	versions := make([]string, len(prod.Releases))
	for i, key := range prod.Releases {
		versions[i] = m.Releases[key].Version
	}
	selected := map[string]bool{}
	for _, r := range p.Affected {
		y.Ranges = append(y.Ranges, r.Value)
		rng, err := advisory.ParseRange(r.Value)
		var vs []string
		if err == nil {
			vs, err = rng.Select(versions)
		}
		if err != nil {
			return y, fmt.Errorf("%s: %w", r.Pos, err) // check reports it first
		}
		for _, v := range vs {
			selected[v] = true
		}
	}
	fixedFrom := -1 // index in versions of the oldest release that fixes it
	for _, v := range p.Fixed {
		fixedFrom = max(fixedFrom, slices.Index(versions, v.Value))
	}
	for i, key := range prod.Releases {
		switch {
		case i <= fixedFrom:
			y.Fixed = append(y.Fixed, key)
		case len(p.Affected) == 0 || selected[versions[i]]:
			y.Affected = append(y.Affected, key)
		}
	}
	return y, nil
}
