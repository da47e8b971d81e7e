package build

import (
	"cmp"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/model"
)

// derive fills what the site's pages show but would otherwise work out themselves: links
// per language, each item's ancestors and matrix cells, and counts as ordered lists. The
// theme reads these fields and decides nothing. It runs once the items, the evidence and
// their subtrees are in the model.
func derive(m *model.Declaration) {
	m.Statuses = slices.Clone(model.Statuses)
	for _, e := range m.Evidence {
		e.Links = pageLinks(m.Languages, e.Path, e.Languages)
	}
	for i := range m.Products {
		m.Products[i].Links = pageLinks(m.Languages, m.Products[i].Path, m.Languages)
	}
	for _, r := range m.Releases {
		r.Links = pageLinks(m.Languages, r.Path, r.Languages)
	}
	for _, key := range m.Order {
		it := m.Items[key]
		it.Links = pageLinks(m.Languages, it.Path, m.Languages)
		it.Ancestors = []string{}
		for p := it.Parent; p != ""; p = m.Items[p].Parent {
			it.Ancestors = append(it.Ancestors, p)
		}
		slices.Reverse(it.Ancestors)
		it.Stale = allStale(m, it.Subtree)
		it.Cells = cells(m, it)
	}
	listed := func(c *model.Counts) {
		if c.ByStatus == nil {
			c.ByStatus = model.NewCounts().ByStatus
		}
	}
	listed(&m.Summary)
	for i := range m.Products {
		listed(&m.Products[i].Counts)
	}
	for _, key := range m.Categories {
		listed(&m.Items[key].Counts)
	}
	gaps(m)
}

// allStale reports whether there is evidence and all of it is past its review date.
func allStale(m *model.Declaration, evidence []string) bool {
	return len(evidence) > 0 && !slices.ContainsFunc(evidence, func(s string) bool { return !m.Evidence[s].Stale })
}

// gaps counts the stale requirements of the default framework, as the status counts are
// made (customers' requirements in their category's counts only), and lists what the
// trust page's "gaps and freshness" panel shows.
func gaps(m *model.Declaration) {
	m.Gaps = model.Gaps{NotAddressed: []string{}, Planned: []string{}, Stale: []string{}}
	for _, ck := range m.Categories {
		cat := m.Items[ck]
		customer := cat.Party == catalog.Customer
		for _, rk := range cat.Children {
			req := m.Items[rk]
			if req.Stale {
				cat.Counts.Stale++
			}
			if customer {
				continue
			}
			if req.Stale {
				m.Summary.Stale++
			}
			gap := false
			for i, c := range req.Cells {
				if c.Stale && len(m.Products) > 0 {
					m.Products[i].Counts.Stale++
				}
				gap = gap || c.Status == model.NotAddressed
			}
			if gap {
				m.Gaps.NotAddressed = append(m.Gaps.NotAddressed, rk)
			}
		}
	}
	for _, slug := range m.EvidenceOrder {
		e := m.Evidence[slug]
		if e.Stale {
			m.Gaps.Stale = append(m.Gaps.Stale, slug)
		}
		if e.Status == model.Planned {
			m.Gaps.Planned = append(m.Gaps.Planned, slug)
		}
	}
	slices.SortStableFunc(m.Gaps.Planned, func(a, b string) int {
		ta, tb := m.Evidence[a].Target, m.Evidence[b].Target
		if (ta == "") != (tb == "") {
			return cmp.Compare(len(tb), len(ta)) // a date before none
		}
		return cmp.Or(strings.Compare(ta, tb), strings.Compare(a, b))
	})
}

// cells is an item's row of the coverage matrix. A cell leads to the evidence behind it
// when one item of evidence is, and to the item's page otherwise.
func cells(m *model.Declaration, it *model.Item) []model.Cell {
	cell := func(product string, status model.Status, evidence []string) model.Cell {
		c := model.Cell{Product: product, Status: status, Links: it.Links, Stale: allStale(m, evidence)}
		if len(evidence) == 1 {
			c.Evidence = evidence[0]
			c.Links = m.Evidence[c.Evidence].Links
		}
		return c
	}
	if len(m.Products) == 0 {
		return []model.Cell{cell("", it.Status, it.Subtree)}
	}
	out := make([]model.Cell, 0, len(m.Products))
	for _, p := range m.Products {
		status := it.Products[p.ID]
		if status == "" {
			status = model.NotAddressed
		}
		out = append(out, cell(p.ID, status, it.ByProduct[p.ID]))
	}
	return out
}

// pageLinks gives a page's link in every language of the site: its own page in the languages
// it has (has), its default-language page in the others. The default language has no
// prefix; the others are below a folder named by the language.
func pageLinks(langs []string, sitePath string, has []string) model.Links {
	rel := strings.TrimPrefix(sitePath, "/")
	out := model.Links{}
	for i, lang := range langs {
		if i == 0 || !slices.Contains(has, lang) {
			out[lang] = rel
		} else {
			out[lang] = lang + "/" + rel
		}
	}
	return out
}
