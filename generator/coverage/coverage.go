// Package coverage computes the coverage matrix: the status of every catalog item for
// every product, rolled up from individual requirements to requirements, categories
// and the whole declaration.
//
// The rules, which the site's "about" page repeats for readers:
//
//   - An item that no evidence addresses, and none of whose children is addressed,
//     is "not addressed". Coverage is never assumed.
//   - Evidence addresses an item for the products it names, or for every product when
//     it names none.
//   - Several evidence items on the same item and product: the most advanced status
//     wins (implemented > partial > planned); not-applicable only when all say so.
//   - Evidence on an item speaks for the items below it that have no evidence of their
//     own: "(6)-2 is not applicable" makes (6)-2.1 ... (6)-2.4 not applicable too, and
//     "(1)-2 is implemented" covers S(1)-2.1 ... unless one of them says otherwise.
//   - An item with children takes the statuses of its children and, if any, its own
//     evidence. Children that are not applicable are left out unless all are. When
//     all agree, the item has that status. When they disagree, it is "partial" if
//     any part is implemented or partial; otherwise "planned" if any part is planned
//     (nothing is in place yet, so calling it partial would overstate it).
//   - The status of an item over all products follows the same agreement rule.
package coverage

import (
	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/model"
	"slices"
)

// Claim is one evidence item addressing one catalog item.
type Claim struct {
	Item     *catalog.Item
	Status   model.Status
	Products []string // empty: every product
	Evidence string   // evidence slug
}

// All is the product key used when a site declares no products.
const All = ""

// Matrix is the computed coverage.
type Matrix struct {
	Products []string // product ids in site order, or [All]
	status   map[*catalog.Item]map[string]model.Status
	overall  map[*catalog.Item]model.Status
	evidence map[*catalog.Item][]string
}

// Compute rolls claims up over every catalog of the set.
func Compute(set *catalog.Set, products []string, claims []Claim) *Matrix {
	if len(products) == 0 {
		products = []string{All}
	}
	m := &Matrix{
		Products: products,
		status:   map[*catalog.Item]map[string]model.Status{},
		overall:  map[*catalog.Item]model.Status{},
		evidence: map[*catalog.Item][]string{},
	}
	direct := map[*catalog.Item]map[string][]model.Status{}
	type listed struct {
		item     *catalog.Item
		evidence string
	}
	seen := map[listed]bool{} // each evidence once per item, without a scan of the item's list
	for _, c := range claims {
		if direct[c.Item] == nil {
			direct[c.Item] = map[string][]model.Status{}
		}
		for _, p := range products {
			if p == All || len(c.Products) == 0 || slices.Contains(c.Products, p) {
				direct[c.Item][p] = append(direct[c.Item][p], c.Status)
			}
		}
		if k := (listed{c.Item, c.Evidence}); !seen[k] {
			seen[k] = true
			m.evidence[c.Item] = append(m.evidence[c.Item], c.Evidence)
		}
	}
	// visit computes an item's row; inherited holds, per product, the status of the
	// nearest ancestor with evidence, for items that have none of their own.
	var visit func(it *catalog.Item, inherited map[string]model.Status)
	visit = func(it *catalog.Item, inherited map[string]model.Status) {
		own := map[string]model.Status{}
		for _, p := range products {
			if ds, ok := direct[it][p]; ok {
				own[p] = strongest(ds)
			} else if s, ok := inherited[p]; ok {
				own[p] = s
			}
		}
		for _, ch := range it.Children {
			visit(ch, own)
		}
		row := map[string]model.Status{}
		var perProduct []model.Status
		for _, p := range products {
			var parts []model.Status
			if s, ok := own[p]; ok {
				parts = append(parts, s)
			}
			for _, ch := range it.Children {
				parts = append(parts, m.status[ch][p])
			}
			row[p] = agree(parts)
			perProduct = append(perProduct, row[p])
		}
		m.status[it] = row
		m.overall[it] = agree(perProduct)
	}
	for _, c := range set.Catalogs {
		for _, it := range c.Items {
			visit(it, nil)
		}
	}
	return m
}

// Status returns the status of item it for product p (or All).
func (m *Matrix) Status(it *catalog.Item, p string) model.Status {
	if s, ok := m.status[it][p]; ok {
		return s
	}
	return model.NotAddressed
}

// Overall returns the status of it over every product.
func (m *Matrix) Overall(it *catalog.Item) model.Status {
	if s, ok := m.overall[it]; ok {
		return s
	}
	return model.NotAddressed
}

// Evidence returns the slugs of the evidence that addresses it directly, in claim order.
func (m *Matrix) Evidence(it *catalog.Item) []string { return m.evidence[it] }

// strongest combines several evidence statuses on one item and product.
func strongest(ss []model.Status) model.Status {
	best := model.NotApplicable
	rank := map[model.Status]int{model.NotApplicable: 0, model.Planned: 1, model.Partial: 2, model.Implemented: 3}
	for _, s := range ss {
		if rank[s] > rank[best] {
			best = s
		}
	}
	return best
}

// agree combines the statuses of parts that must all hold: the same status when they
// agree (ignoring not-applicable parts); when they disagree, partial if anything is in
// place, else planned.
func agree(parts []model.Status) model.Status {
	if len(parts) == 0 {
		return model.NotAddressed
	}
	var first model.Status
	disagree, progress, planned := false, false, false
	for _, s := range parts {
		if s == model.NotApplicable {
			continue
		}
		switch s {
		case model.Implemented, model.Partial:
			progress = true
		case model.Planned:
			planned = true
		}
		if first == "" {
			first = s
		} else if s != first {
			disagree = true
		}
	}
	switch {
	case first == "":
		return model.NotApplicable
	case !disagree:
		return first
	case progress:
		return model.Partial
	case planned:
		return model.Planned
	}
	return model.NotAddressed
}
