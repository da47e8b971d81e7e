package export

import (
	"cmp"
	"crypto/sha1"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/model"
)

// OSCALVersion is the OSCAL version the export follows.
const OSCALVersion = "1.1.2"

// oscalNS qualifies the properties that OSCAL does not define: evident's status of a
// requirement, its ID as the framework writes it, and the requirements that do not apply.
const oscalNS = "https://github.com/evident-dev/evident/ns/oscal"

// OSCALCatalogPath is where the site publishes the OSCAL catalog of a framework, relative
// to its root: "oscal/catalog-cip.json". The component definition's sources point there.
func OSCALCatalogPath(framework string) string { return "oscal/catalog-" + framework + ".json" }

// uuidFor returns a name-based (version 5) UUID, so the same declaration always gives
// the same identifiers.
func uuidFor(parts ...string) string {
	// A fixed namespace for evident's OSCAL identifiers (itself a v5 UUID of "evident").
	ns := []byte{0x6b, 0xa7, 0xb8, 0x14, 0x9d, 0xad, 0x51, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(strings.Join(parts, "\x00")))
	s := h.Sum(nil)[:16]
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// controlID is an item's OSCAL id: a token, which must start with a letter, so "(1)-2"
// cannot be one. It is the framework and the item's slug, both stable: "cip-1-2",
// "cip-s1-2-2", "ssdf-pw-6-1". The ID as written travels as the label property.
func controlID(it *model.Item) string { return it.Framework + "-" + it.Slug }

// The OSCAL objects evident writes. OSCAL refuses empty arrays and empty strings, hence
// omitempty throughout.
type (
	oscalProp struct {
		Name    string `json:"name"`
		NS      string `json:"ns,omitempty"`
		Value   string `json:"value"`
		Remarks string `json:"remarks,omitempty"`
	}
	oscalLink struct {
		Href string `json:"href"`
		Rel  string `json:"rel,omitempty"`
	}
	oscalParty struct {
		UUID string `json:"uuid"`
		Type string `json:"type"`
		Name string `json:"name,omitempty"`
	}
	oscalMetadata struct {
		Title        string       `json:"title"`
		LastModified string       `json:"last-modified"`
		Version      string       `json:"version"`
		OSCALVersion string       `json:"oscal-version"`
		Parties      []oscalParty `json:"parties,omitempty"`
		Remarks      string       `json:"remarks,omitempty"`
	}
)

// oscalMeta is the metadata of a document of the declaration: modified on the
// declaration's date, else on the build's date (asOf), else, for a site that gives no
// date at all, at the Unix epoch, so that the document stays valid and reproducible.
// A document without a version is versioned by that day; its title is the first of
// titles that is not empty.
func oscalMeta(m *model.Declaration, version string, asOf time.Time, titles ...string) oscalMetadata {
	modified := time.Unix(0, 0).UTC()
	if d, err := time.Parse(time.DateOnly, m.Declaration.Date); err == nil {
		modified = d
	} else if !asOf.IsZero() {
		modified = asOf.UTC()
	}
	return oscalMetadata{
		Title:        oscalText(titles...),
		LastModified: modified.Format(time.RFC3339),
		Version:      oscalText(version, modified.Format(time.DateOnly)),
		OSCALVersion: OSCALVersion,
	}
}

// oscalText is the first of texts that OSCAL accepts as a one-line string: one with
// something other than white space, trimmed and on one line.
func oscalText(texts ...string) string {
	for _, s := range texts {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			return s
		}
	}
	return ""
}

// WriteOSCAL writes the declaration as an OSCAL 1.1.2 component definition: one
// component per product (of type service for a SaaS product), or one for the declared
// scope when there are none. Each component has one control implementation per framework
// the site uses that it addresses, whose source is the framework's catalog as the site
// publishes it (OSCALCatalogPath). Its implemented requirements are the requirements and
// individual requirements that are implemented, partial or planned, with evident's status
// and their ID as written as properties, and links to the evidence. Requirements that do
// not apply are not implemented: they are the component's not-applicable properties,
// each with the justification as its remarks. asOf is the build's date, used when the
// declaration has none.
func WriteOSCAL(w io.Writer, m *model.Declaration, asOf time.Time) error {
	lang := m.Languages[0]
	t := func(x model.Text) string { return x.In(lang) }
	type implReq struct {
		UUID        string      `json:"uuid"`
		ControlID   string      `json:"control-id"`
		Description string      `json:"description"`
		Props       []oscalProp `json:"props,omitempty"`
		Links       []oscalLink `json:"links,omitempty"`
	}
	type controlImpl struct {
		UUID        string    `json:"uuid"`
		Source      string    `json:"source"`
		Description string    `json:"description"`
		Reqs        []implReq `json:"implemented-requirements"`
	}
	type component struct {
		UUID        string        `json:"uuid"`
		Type        string        `json:"type"`
		Title       string        `json:"title"`
		Description string        `json:"description"`
		Props       []oscalProp   `json:"props,omitempty"`
		Impls       []controlImpl `json:"control-implementations,omitempty"`
	}
	products := m.Products
	if len(products) == 0 {
		products = []model.Product{{ID: "", Name: m.Declaration.Scope}}
	}
	var comps []component
	for _, p := range products {
		comp := component{
			UUID: uuidFor(m.BaseURL, "component", p.ID), Type: "software",
			Title:       oscalText(t(p.Name), t(m.Declaration.Scope), t(m.Title), "Scope of the declaration"),
			Description: oscalText(t(p.Description), t(p.Name), t(m.Declaration.Scope), "The scope of the declaration."),
		}
		if p.Kind == "service" {
			comp.Type = "service"
		}
		for _, c := range m.Catalogs {
			impl := controlImpl{
				UUID:        uuidFor(m.BaseURL, p.ID, c.ID),
				Source:      m.BaseURL + OSCALCatalogPath(c.ID),
				Description: oscalText(t(m.Declaration.Title), t(c.Title), c.ID),
			}
			for _, k := range m.Order {
				it := m.Items[k]
				if it.Framework != c.ID || it.Level == "category" {
					continue // categories are groups in the catalog, not controls
				}
				status := it.Status
				if p.ID != "" {
					status = it.Products[p.ID]
				}
				evidence := evidenceFor(m, it, p.ID)
				switch status {
				case model.NotAddressed, "":
					continue
				case model.NotApplicable:
					var why []string
					for _, e := range evidence {
						if s := oscalText(t(e.Justification)); s != "" && !slices.Contains(why, s) {
							why = append(why, s)
						}
					}
					comp.Props = append(comp.Props, oscalProp{Name: "not-applicable", NS: oscalNS, Value: controlID(it), Remarks: strings.Join(why, "\n\n")})
					continue
				}
				var titles []string
				var links []oscalLink
				for _, e := range evidence {
					titles = append(titles, t(e.Title))
					links = append(links, oscalLink{Href: cmp.Or(e.URL, strings.TrimSuffix(m.BaseURL, "/")+e.Path), Rel: "evidence"})
				}
				desc := strings.Join(titles, "; ")
				if desc == "" {
					desc = "Rolled up from the items below it."
				}
				impl.Reqs = append(impl.Reqs, implReq{
					UUID: uuidFor(m.BaseURL, p.ID, it.Key), ControlID: controlID(it), Description: desc,
					Props: []oscalProp{
						{Name: "label", NS: oscalNS, Value: it.ID},
						{Name: "implementation-status", NS: oscalNS, Value: string(status)},
					},
					Links: links,
				})
			}
			if len(impl.Reqs) > 0 { // OSCAL has no control implementation without requirements
				comp.Impls = append(comp.Impls, impl)
			}
		}
		comps = append(comps, comp)
	}
	meta := oscalMeta(m, m.Declaration.Version, asOf, t(m.Declaration.Title), t(m.Title), t(m.Organization.Name), "Declaration")
	if name := oscalText(t(m.Organization.Name)); name != "" {
		meta.Parties = []oscalParty{{UUID: uuidFor(m.BaseURL, "party"), Type: "organization", Name: name}}
	}
	type definition struct {
		UUID       string        `json:"uuid"`
		Metadata   oscalMetadata `json:"metadata"`
		Components []component   `json:"components"`
	}
	b, err := JSON(map[string]definition{"component-definition": {
		UUID: uuidFor(m.BaseURL, "component-definition", m.Declaration.Version), Metadata: meta, Components: comps,
	}})
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// evidenceFor returns the evidence on an item that covers a product ("": any).
func evidenceFor(m *model.Declaration, it *model.Item, product string) []*model.Evidence {
	var out []*model.Evidence
	for _, slug := range it.Evidence {
		e := m.Evidence[slug]
		if e == nil || len(e.Products) > 0 && product != "" && !slices.Contains(e.Products, product) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// OSCALCatalogs returns the OSCAL 1.1.2 catalog of each framework the site uses, by the
// path the site publishes it at (OSCALCatalogPath): the framework as the site loaded it,
// extensions included, in the site's default language. Categories are groups;
// requirements are controls, with their individual requirements as controls inside them.
// Each has the item's OSCAL id, its ID as written as the label property, its summary as
// the statement (a group's as its overview) and a link to its page on the site. asOf is
// the build's date, used when the declaration has none.
func OSCALCatalogs(m *model.Declaration, asOf time.Time) map[string][]byte {
	out := map[string][]byte{}
	for _, c := range m.Catalogs {
		b, err := JSON(oscalCatalog(m, c, asOf))
		if err != nil {
			// The document is strings and structs and slices of them, which encoding/json
			// always encodes.
			panic("export: OSCAL catalog " + c.ID + ": " + err.Error())
		}
		out[OSCALCatalogPath(c.ID)] = b
	}
	return out
}

type oscalPart struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Title string `json:"title,omitempty"`
	Prose string `json:"prose,omitempty"`
}

type oscalControl struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Props    []oscalProp    `json:"props,omitempty"`
	Links    []oscalLink    `json:"links,omitempty"`
	Parts    []oscalPart    `json:"parts,omitempty"`
	Controls []oscalControl `json:"controls,omitempty"`
}

// oscalCatalog is the OSCAL catalog of framework c (see OSCALCatalogs).
func oscalCatalog(m *model.Declaration, c model.Catalog, asOf time.Time) any {
	lang := m.Languages[0]
	t := func(x model.Text) string { return x.In(lang) }
	// control is an item with the items below it; a category is written the same way and
	// becomes a group (which OSCAL gives the same fields, but an overview instead of a
	// statement).
	var control func(it *model.Item) oscalControl
	control = func(it *model.Item) oscalControl {
		x := oscalControl{
			ID: controlID(it), Title: oscalText(t(it.Title), it.ID),
			Props: []oscalProp{{Name: "label", Value: it.ID}},
		}
		if it.Party != "" && it.Level == "category" {
			x.Props = append(x.Props, oscalProp{Name: "party", NS: oscalNS, Value: it.Party})
		}
		if it.URL != "" {
			x.Links = []oscalLink{{Href: it.URL, Rel: "alternate"}}
		}
		if it.Level == "category" {
			if s := strings.TrimSpace(t(it.Summary)); s != "" {
				x.Parts = append(x.Parts, oscalPart{Name: "overview", Prose: s})
			}
			if s := strings.TrimSpace(t(it.Responsibility)); s != "" {
				x.Parts = append(x.Parts, oscalPart{Name: "responsibility", NS: oscalNS, Prose: s})
			}
		} else {
			// Every control has a statement (an OSCAL constraint), even when the catalog
			// gives the item no summary.
			x.Parts = []oscalPart{{ID: x.ID + "_smt", Name: "statement", Prose: strings.TrimSpace(t(it.Summary))}}
		}
		for _, k := range it.Children {
			if ch := m.Items[k]; ch != nil {
				x.Controls = append(x.Controls, control(ch))
			}
		}
		return x
	}
	var groups, controls []oscalControl
	for _, k := range m.Order {
		it := m.Items[k]
		if it.Framework != c.ID || it.Parent != "" {
			continue
		}
		if it.Level == "category" {
			groups = append(groups, control(it))
		} else {
			controls = append(controls, control(it))
		}
	}
	meta := oscalMeta(m, c.Version, asOf, t(c.Title), c.ID)
	meta.Remarks = strings.TrimSpace(t(c.Note))
	type catalog struct {
		UUID     string         `json:"uuid"`
		Metadata oscalMetadata  `json:"metadata"`
		Groups   []oscalControl `json:"groups,omitempty"`
		Controls []oscalControl `json:"controls,omitempty"`
	}
	return map[string]catalog{"catalog": {
		UUID: uuidFor(m.BaseURL, "catalog", c.ID, c.Version), Metadata: meta, Groups: groups, Controls: controls,
	}}
}
