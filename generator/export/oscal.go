package export

import (
	"crypto/sha1"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/model"
)

// OSCALVersion is the OSCAL version the export follows.
const OSCALVersion = "1.1.2"

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

// WriteOSCAL writes the declaration as an OSCAL component definition: one component per
// product (or one for the whole scope), implementing the requirements of the default
// framework that evidence addresses, with evident's status as a property.
func WriteOSCAL(w io.Writer, m *model.Declaration) error {
	lang := m.Languages[0]
	t := func(x model.Text) string { return x.In(lang) }
	type prop struct {
		Name  string `json:"name"`
		NS    string `json:"ns"`
		Value string `json:"value"`
	}
	type link struct {
		Href string `json:"href"`
		Rel  string `json:"rel,omitempty"`
	}
	type implReq struct {
		UUID        string `json:"uuid"`
		ControlID   string `json:"control-id"`
		Description string `json:"description"`
		Props       []prop `json:"props"`
		Links       []link `json:"links,omitempty"`
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
		Impls       []controlImpl `json:"control-implementations"`
	}
	const ns = "https://github.com/evident-dev/evident/ns/oscal"
	products := m.Products
	if len(products) == 0 {
		products = []model.Product{{ID: "", Name: m.Declaration.Scope}}
	}
	var comps []component
	for _, p := range products {
		impl := controlImpl{
			UUID:        uuidFor(m.BaseURL, p.ID, m.Framework),
			Source:      m.BaseURL + "declaration.json#catalog=" + m.Framework,
			Description: t(m.Declaration.Title),
		}
		for _, k := range m.Order {
			it := m.Items[k]
			if it.Framework != m.Framework || it.Level == "category" {
				continue
			}
			status := it.Status
			if p.ID != "" {
				status = it.Products[p.ID]
			}
			if status == model.NotAddressed {
				continue
			}
			var titles []string
			var links []link
			for _, slug := range it.Evidence {
				e := m.Evidence[slug]
				if len(e.Products) > 0 && p.ID != "" && !slices.Contains(e.Products, p.ID) {
					continue
				}
				titles = append(titles, t(e.Title))
				links = append(links, link{Href: strings.TrimSuffix(m.BaseURL, "/") + e.Path, Rel: "evidence"})
			}
			desc := strings.Join(titles, "; ")
			if desc == "" {
				desc = "Rolled up from its individual requirements."
			}
			impl.Reqs = append(impl.Reqs, implReq{
				UUID: uuidFor(m.BaseURL, p.ID, it.Key), ControlID: it.ID, Description: desc,
				Props: []prop{{Name: "implementation-status", NS: ns, Value: string(status)}}, Links: links,
			})
		}
		comps = append(comps, component{
			UUID: uuidFor(m.BaseURL, "component", p.ID), Type: "software", Title: t(p.Name), Description: t(p.Description) + " ",
			Impls: []controlImpl{impl},
		})
		comps[len(comps)-1].Description = strings.TrimSpace(comps[len(comps)-1].Description)
		if comps[len(comps)-1].Description == "" {
			comps[len(comps)-1].Description = t(p.Name)
		}
	}
	doc := map[string]any{
		"component-definition": map[string]any{
			"uuid": uuidFor(m.BaseURL, "component-definition", m.Declaration.Version),
			"metadata": map[string]any{
				"title":         t(m.Declaration.Title),
				"last-modified": m.Declaration.Date + "T00:00:00Z",
				"version":       m.Declaration.Version,
				"oscal-version": OSCALVersion,
				"parties": []map[string]any{{
					"uuid": uuidFor(m.BaseURL, "party"), "type": "organization", "name": t(m.Organization.Name),
				}},
			},
			"components": comps,
		},
	}
	b, err := JSON(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
