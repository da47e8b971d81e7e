// Package diff says what changed between two declarations of a vendor, for a customer
// who read the old one: the declaration's version and date, products added and removed,
// the status of each requirement per product, evidence added, removed, re-reviewed or
// changed, releases added, removed or moved along their lifecycle, and security advisories
// added, updated or withdrawn.
//
// What is compared is what a customer relies on: statuses, dates, the requirements and
// products evidence covers. The wording of statements and pages is not compared.
// Everything is in a fixed order (the new declaration's order of requirements, products,
// releases and advisories, then what only the old one has; evidence by slug), so that the
// same two declarations always give the same bytes.
package diff

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
)

// Diff is what changed from Old to New. Lists are empty, never nil, so that the JSON
// form has every key.
type Diff struct {
	Old Side `json:"old"`
	New Side `json:"new"`
	// Version and Date of the declaration, when they changed.
	Version *Change `json:"version,omitempty"`
	Date    *Change `json:"date,omitempty"`

	ProductsAdded   []Product      `json:"productsAdded"`
	ProductsRemoved []Product      `json:"productsRemoved"`
	Requirements    []StatusChange `json:"requirements"`

	EvidenceAdded   []Evidence       `json:"evidenceAdded"`
	EvidenceRemoved []Evidence       `json:"evidenceRemoved"`
	EvidenceChanged []EvidenceChange `json:"evidenceChanged"`

	ReleasesAdded   []Release       `json:"releasesAdded"`
	ReleasesRemoved []Release       `json:"releasesRemoved"`
	ReleasesChanged []ReleaseChange `json:"releasesChanged"`

	// Advisories is nil when either declaration has no advisories field (written before
	// evident published advisories): nothing can be said of them then.
	Advisories *Advisories `json:"advisories,omitempty"`
}

// Side is one of the two declarations.
type Side struct {
	Source   string `json:"source"`
	Verified bool   `json:"verified"` // its site's digests were checked (false for a file)
	Signed   bool   `json:"signed"`   // and SHA256SUMS.sig with the key given
	Version  string `json:"version"`
	Date     string `json:"date"`
}

// Change is a value before and after.
type Change struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func change(from, to string) *Change {
	if from == to {
		return nil
	}
	return &Change{from, to}
}

// Product is a product added or removed.
type Product struct {
	ID   string     `json:"id"`
	Name model.Text `json:"name"`
	URL  string     `json:"url,omitempty"`
}

// StatusChange is a requirement whose status changed for a product ("" when the
// declarations have no product in common: the overall status). From is "" for an item
// that only the new declaration's catalog has, To for one only the old one has.
type StatusChange struct {
	Key     string       `json:"key"`
	ID      string       `json:"id"` // as the guideline writes it; prefixed by its framework when not the default
	Title   model.Text   `json:"title"`
	Product string       `json:"product,omitempty"`
	From    model.Status `json:"from"`
	To      model.Status `json:"to"`
	URL     string       `json:"url,omitempty"`
}

// Evidence is an evidence item as a list shows it.
type Evidence struct {
	Slug     string       `json:"slug"`
	Title    model.Text   `json:"title"`
	Status   model.Status `json:"status"`
	Reviewed string       `json:"reviewed,omitempty"`
	URL      string       `json:"url,omitempty"`
}

// EvidenceChange is an evidence item in both declarations that changed (as the new one
// has it): its status, its review date (re-reviewed), the requirements or products it covers.
type EvidenceChange struct {
	Evidence
	StatusChange        *Change  `json:"statusChange,omitempty"`
	ReviewedChange      *Change  `json:"reviewedChange,omitempty"`
	RequirementsAdded   []string `json:"requirementsAdded"` // IDs
	RequirementsRemoved []string `json:"requirementsRemoved"`
	ProductsAdded       []string `json:"productsAdded"`
	ProductsRemoved     []string `json:"productsRemoved"`
}

// Release is a release as a list shows it.
type Release struct {
	Key     string              `json:"key"`
	Product string              `json:"product"`
	Version string              `json:"version"`
	Date    string              `json:"date"`
	Status  model.ReleaseStatus `json:"status"`
	SBOMs   int                 `json:"sboms"`
	URL     string              `json:"url,omitempty"`
}

// ReleaseChange is a release in both declarations whose lifecycle or SBOMs changed.
type ReleaseChange struct {
	Release
	StatusChange             *Change `json:"statusChange,omitempty"`
	EndOfSupportChange       *Change `json:"endOfSupportChange,omitempty"`
	EndOfSecurityFixesChange *Change `json:"endOfSecurityFixesChange,omitempty"`
	SBOMsChange              *Change `json:"sbomsChange,omitempty"` // counts
}

// Advisories are the security advisories added, updated (a new revision, or another
// severity) and removed.
type Advisories struct {
	Added   []Advisory       `json:"added"`
	Updated []AdvisoryChange `json:"updated"`
	Removed []Advisory       `json:"removed"`
}

// Advisory is an advisory as a list shows it.
type Advisory struct {
	Slug     string         `json:"slug"`
	ID       string         `json:"id"`
	Title    model.Text     `json:"title"`
	Revision string         `json:"revision"`
	Updated  string         `json:"updated"`
	Severity model.Severity `json:"severity,omitempty"`
	URL      string         `json:"url,omitempty"`
}

// AdvisoryChange is an advisory in both declarations with a new revision or severity.
type AdvisoryChange struct {
	Advisory
	RevisionChange *Change `json:"revisionChange,omitempty"`
	SeverityChange *Change `json:"severityChange,omitempty"`
}

// Count is how many things changed: 0 when the declarations say the same.
func (d *Diff) Count() int {
	n := len(d.ProductsAdded) + len(d.ProductsRemoved) + len(d.Requirements) +
		len(d.EvidenceAdded) + len(d.EvidenceRemoved) + len(d.EvidenceChanged) +
		len(d.ReleasesAdded) + len(d.ReleasesRemoved) + len(d.ReleasesChanged)
	if d.Version != nil {
		n++
	}
	if d.Date != nil {
		n++
	}
	if a := d.Advisories; a != nil {
		n += len(a.Added) + len(a.Updated) + len(a.Removed)
	}
	return n
}

// Compare says what changed from old to new.
func Compare(old, new *published.Declaration) *Diff {
	o, n := old.Model, new.Model
	d := &Diff{
		Old: side(old), New: side(new),
		Version: change(o.Declaration.Version, n.Declaration.Version),
		Date:    change(o.Declaration.Date, n.Declaration.Date),
	}
	d.ProductsAdded, d.ProductsRemoved = products(o, n)
	d.Requirements = requirements(o, n)
	d.EvidenceAdded, d.EvidenceRemoved, d.EvidenceChanged = evidence(o, n)
	d.ReleasesAdded, d.ReleasesRemoved, d.ReleasesChanged = releases(o, n)
	if o.Advisories != nil && n.Advisories != nil {
		d.Advisories = advisories(o, n)
	}
	return d
}

func side(p *published.Declaration) Side {
	return Side{Source: p.Source, Verified: p.Verified(), Signed: p.Signed(),
		Version: p.Model.Declaration.Version, Date: p.Model.Declaration.Date}
}

// union returns the keys of new in newOrder, then those only old has in oldOrder.
func union(newOrder, oldOrder []string) []string {
	out := slices.Clone(newOrder)
	seen := map[string]bool{}
	for _, k := range newOrder {
		seen[k] = true
	}
	for _, k := range oldOrder {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func productIDs(m *model.Declaration) []string {
	var ids []string
	for _, p := range m.Products {
		ids = append(ids, p.ID)
	}
	return ids
}

func products(o, n *model.Declaration) (added, removed []Product) {
	added, removed = []Product{}, []Product{}
	oldIDs, newIDs := productIDs(o), productIDs(n)
	for _, p := range n.Products {
		if !slices.Contains(oldIDs, p.ID) {
			added = append(added, Product{p.ID, p.Name, p.URL})
		}
	}
	for _, p := range o.Products {
		if !slices.Contains(newIDs, p.ID) {
			removed = append(removed, Product{p.ID, p.Name, p.URL})
		}
	}
	return added, removed
}

// itemID is how an item is named: its ID, prefixed by its framework when that is not
// the declaration's own ("ssdf:PW.6.1").
func itemID(m *model.Declaration, it *model.Item) string {
	if it.Framework != "" && it.Framework != m.Framework {
		return it.Framework + ":" + it.ID
	}
	return it.ID
}

// requirements compares the status of every requirement and individual requirement (a
// category's status follows from them) for each product both declarations have; when
// they have none in common, the overall status.
func requirements(o, n *model.Declaration) []StatusChange {
	var common []string
	oldIDs := productIDs(o)
	for _, id := range productIDs(n) {
		if slices.Contains(oldIDs, id) {
			common = append(common, id)
		}
	}
	if len(common) == 0 {
		common = []string{""}
	}
	out := []StatusChange{}
	for _, k := range union(n.Order, o.Order) {
		ni, oi := n.Items[k], o.Items[k]
		it, m := ni, n
		if ni == nil {
			it, m = oi, o
		}
		if it.Level == "category" {
			continue
		}
		row := StatusChange{Key: k, ID: itemID(m, it), Title: it.Title, URL: it.URL}
		status := func(i *model.Item, product string) model.Status {
			switch {
			case i == nil:
				return ""
			case product == "":
				return i.Status
			}
			return cmp.Or(i.Products[product], model.NotAddressed)
		}
		for _, p := range common {
			if from, to := status(oi, p), status(ni, p); from != to {
				row.Product, row.From, row.To = p, from, to
				out = append(out, row)
			}
		}
	}
	return out
}

func evidenceOf(e *model.Evidence) Evidence {
	return Evidence{Slug: e.Slug, Title: e.Title, Status: e.Status, Reviewed: e.Reviewed, URL: e.URL}
}

// added and removed return what b has that a has not, in b's order.
func added(a, b []string) []string {
	out := []string{}
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, s)
		}
	}
	return out
}

func evidence(o, n *model.Declaration) (add, remove []Evidence, changed []EvidenceChange) {
	add, remove, changed = []Evidence{}, []Evidence{}, []EvidenceChange{}
	ids := func(m *model.Declaration, keys []string) []string {
		var out []string
		for _, k := range keys {
			if it := m.Items[k]; it != nil {
				out = append(out, itemID(m, it))
			} else {
				out = append(out, k)
			}
		}
		return out
	}
	for _, slug := range slices.Sorted(maps.Keys(n.Evidence)) {
		ne := n.Evidence[slug]
		oe := o.Evidence[slug]
		if oe == nil {
			add = append(add, evidenceOf(ne))
			continue
		}
		oldReqs, newReqs := ids(o, oe.Requirements), ids(n, ne.Requirements)
		c := EvidenceChange{
			Evidence:            evidenceOf(ne),
			StatusChange:        change(string(oe.Status), string(ne.Status)),
			ReviewedChange:      change(oe.Reviewed, ne.Reviewed),
			RequirementsAdded:   added(oldReqs, newReqs),
			RequirementsRemoved: added(newReqs, oldReqs),
			ProductsAdded:       added(oe.Products, ne.Products),
			ProductsRemoved:     added(ne.Products, oe.Products),
		}
		if c.StatusChange != nil || c.ReviewedChange != nil || len(c.RequirementsAdded)+len(c.RequirementsRemoved)+
			len(c.ProductsAdded)+len(c.ProductsRemoved) > 0 {
			changed = append(changed, c)
		}
	}
	for _, slug := range slices.Sorted(maps.Keys(o.Evidence)) {
		if n.Evidence[slug] == nil {
			remove = append(remove, evidenceOf(o.Evidence[slug]))
		}
	}
	return add, remove, changed
}

// releaseOrder lists the release keys of a declaration as its products list them (newest
// first), then any others by key.
func releaseOrder(m *model.Declaration) []string {
	var keys []string
	for _, p := range m.Products {
		keys = append(keys, p.Releases...)
	}
	for _, k := range slices.Sorted(maps.Keys(m.Releases)) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return slices.DeleteFunc(keys, func(k string) bool { return m.Releases[k] == nil })
}

func releaseOf(m *model.Declaration, r *model.Release) Release {
	return Release{Key: r.Key, Product: r.Product, Version: r.Version, Date: r.Date, Status: r.Status,
		SBOMs: len(published.ReleaseSBOMs(m, r)), URL: r.URL}
}

func releases(o, n *model.Declaration) (add, remove []Release, changed []ReleaseChange) {
	add, remove, changed = []Release{}, []Release{}, []ReleaseChange{}
	for _, k := range releaseOrder(n) {
		nr, or := n.Releases[k], o.Releases[k]
		if or == nil {
			add = append(add, releaseOf(n, nr))
			continue
		}
		a, b := releaseOf(o, or), releaseOf(n, nr)
		c := ReleaseChange{
			Release:                  b,
			StatusChange:             change(string(or.Status), string(nr.Status)),
			EndOfSupportChange:       change(or.EndOfSupport, nr.EndOfSupport),
			EndOfSecurityFixesChange: change(or.EndOfSecurityFixes, nr.EndOfSecurityFixes),
		}
		if a.SBOMs != b.SBOMs {
			c.SBOMsChange = &Change{strconv.Itoa(a.SBOMs), strconv.Itoa(b.SBOMs)}
		}
		if c.StatusChange != nil || c.EndOfSupportChange != nil || c.EndOfSecurityFixesChange != nil || c.SBOMsChange != nil {
			changed = append(changed, c)
		}
	}
	for _, k := range releaseOrder(o) {
		if n.Releases[k] == nil {
			remove = append(remove, releaseOf(o, o.Releases[k]))
		}
	}
	return add, remove, changed
}

func advisoryOf(a *model.Advisory) Advisory {
	return Advisory{Slug: a.Slug, ID: a.ID, Title: a.Title, Revision: a.Version, Updated: a.Updated, Severity: a.Severity, URL: a.URL}
}

func advisories(o, n *model.Declaration) *Advisories {
	out := &Advisories{Added: []Advisory{}, Updated: []AdvisoryChange{}, Removed: []Advisory{}}
	order := func(m *model.Declaration) []string {
		return union(m.AdvisoryOrder, slices.Sorted(maps.Keys(m.Advisories)))
	}
	for _, k := range order(n) {
		na, oa := n.Advisories[k], o.Advisories[k]
		if oa == nil {
			out.Added = append(out.Added, advisoryOf(na))
			continue
		}
		c := AdvisoryChange{Advisory: advisoryOf(na),
			RevisionChange: change(oa.Version, na.Version),
			SeverityChange: change(string(oa.Severity), string(na.Severity))}
		if c.RevisionChange != nil || c.SeverityChange != nil {
			out.Updated = append(out.Updated, c)
		}
	}
	for _, k := range order(o) {
		if n.Advisories[k] == nil {
			out.Removed = append(out.Removed, advisoryOf(o.Advisories[k]))
		}
	}
	return out
}
