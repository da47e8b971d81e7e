package csaf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/cvss"
	"github.com/evident-dev/evident/generator/model"
)

// The CSAF 2.0 document, as far as evident fills it. Fields are declared in the
// alphabetical order of their JSON names: encoding/json writes them in that order, and
// the recommended test 6.2.13 of CSAF 2.0 wants every key sorted.

type document struct {
	Document        meta            `json:"document"`
	ProductTree     productTree     `json:"product_tree"`
	Vulnerabilities []vulnerability `json:"vulnerabilities"`
}

type meta struct {
	Acknowledgments   []acknowledgment `json:"acknowledgments,omitempty"`
	AggregateSeverity *severityText    `json:"aggregate_severity,omitempty"`
	Category          string           `json:"category"`
	CSAFVersion       string           `json:"csaf_version"`
	Distribution      distribution     `json:"distribution"`
	Lang              string           `json:"lang"`
	Notes             []note           `json:"notes,omitempty"`
	Publisher         publisher        `json:"publisher"`
	References        []reference      `json:"references"`
	Title             string           `json:"title"`
	Tracking          tracking         `json:"tracking"`
}

type acknowledgment struct {
	Names        []string `json:"names,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	URLs         []string `json:"urls,omitempty"`
}

type severityText struct {
	Text string `json:"text"`
}

type distribution struct {
	TLP tlp `json:"tlp"`
}

type tlp struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

type note struct {
	Category string `json:"category"`
	Text     string `json:"text"`
	Title    string `json:"title,omitempty"`
}

type publisher struct {
	Category       string `json:"category"`
	ContactDetails string `json:"contact_details,omitempty"`
	Name           string `json:"name"`
	Namespace      string `json:"namespace"`
}

type reference struct {
	Category string `json:"category"`
	Summary  string `json:"summary"`
	URL      string `json:"url"`
}

type tracking struct {
	CurrentReleaseDate string     `json:"current_release_date"`
	Generator          generator  `json:"generator"`
	ID                 string     `json:"id"`
	InitialReleaseDate string     `json:"initial_release_date"`
	RevisionHistory    []revision `json:"revision_history"`
	Status             string     `json:"status"`
	Version            string     `json:"version"`
}

type generator struct {
	Date   string `json:"date"`
	Engine engine `json:"engine"`
}

type engine struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type revision struct {
	Date    string `json:"date"`
	Number  string `json:"number"`
	Summary string `json:"summary"`
}

type productTree struct {
	Branches []branch `json:"branches"`
}

type branch struct {
	Branches []branch     `json:"branches,omitempty"`
	Category string       `json:"category"`
	Name     string       `json:"name"`
	Product  *fullProduct `json:"product,omitempty"`
}

type fullProduct struct {
	Name                        string          `json:"name"`
	ProductID                   string          `json:"product_id"`
	ProductIdentificationHelper *productHelpers `json:"product_identification_helper,omitempty"`
}

type productHelpers struct {
	SBOMURLs []string `json:"sbom_urls"`
}

type vulnerability struct {
	CVE           string        `json:"cve,omitempty"`
	Flags         []vexFlag     `json:"flags,omitempty"`
	IDs           []vulnID      `json:"ids,omitempty"`
	Notes         []note        `json:"notes"`
	ProductStatus productStatus `json:"product_status"`
	Remediations  []remediation `json:"remediations,omitempty"`
	Scores        []score       `json:"scores,omitempty"`
	Threats       []threat      `json:"threats,omitempty"`
	Title         string        `json:"title,omitempty"`
}

type vexFlag struct {
	Label      string   `json:"label"`
	ProductIDs []string `json:"product_ids"`
}

type vulnID struct {
	SystemName string `json:"system_name"`
	Text       string `json:"text"`
}

type productStatus struct {
	FirstFixed         []string `json:"first_fixed,omitempty"`
	Fixed              []string `json:"fixed,omitempty"`
	KnownAffected      []string `json:"known_affected,omitempty"`
	KnownNotAffected   []string `json:"known_not_affected,omitempty"`
	UnderInvestigation []string `json:"under_investigation,omitempty"`
}

type remediation struct {
	Category   string   `json:"category"`
	Date       string   `json:"date,omitempty"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
	URL        string   `json:"url,omitempty"`
}

type score struct {
	CVSSv3   map[string]any `json:"cvss_v3"`
	Products []string       `json:"products"`
}

type threat struct {
	Category   string   `json:"category"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
}

// Fixed words of the documents, in the languages evident speaks; other languages get
// the English ones (as the theme does).
var words = map[string]model.Text{
	"csaf":    {"ja": "CSAF 文書（この文書）", "en": "CSAF document (this document)"},
	"page":    {"ja": "アドバイザリのページ", "en": "The advisory's page"},
	"ref":     {"ja": "参考情報", "en": "Reference"},
	"revised": {"ja": "改訂", "en": "Revision"},
	"cvss4":   {"ja": "CVSS v4.0", "en": "CVSS v4.0"},
	"cwe":     {"ja": "CWE", "en": "CWE"},
	"text":    {"ja": "アドバイザリ本文", "en": "Advisory text"},
	// Formats of one argument: the organization's name.
	"feed":      {"ja": "%s の TLP:WHITE のセキュリティアドバイザリ（CSAF）", "en": "TLP:WHITE security advisories (CSAF) of %s"},
	"workspace": {"ja": "%s の公開 CSAF フィード", "en": "Public CSAF feeds of %s"},
}

// word returns a fixed word in lang: English when evident does not speak lang.
func word(key, lang string) string {
	t := words[key]
	if s, ok := t[lang]; ok {
		return s
	}
	return t["en"]
}

// csafDocument makes the CSAF document of one advisory.
func csafDocument(m *model.Declaration, a *model.Advisory) (*document, error) {
	lang := m.Languages[0]
	in := func(t model.Text) string { return strings.TrimSpace(t.In(lang)) }
	status := "interim"
	if a.Final {
		status = "final"
	}
	name, version, _ := strings.Cut(m.Generator, " ")
	d := &document{Document: meta{
		Category:     documentCategory(a),
		CSAFVersion:  "2.0",
		Distribution: distribution{TLP: tlp{Label: "WHITE", URL: "https://www.first.org/tlp/"}},
		Lang:         lang,
		Publisher: publisher{
			Category: "vendor", ContactDetails: m.Organization.Contact,
			Name: in(m.Organization.Name), Namespace: m.Organization.URL,
		},
		Title: in(a.Title),
		Tracking: tracking{
			CurrentReleaseDate: dateTime(a.Updated),
			// The generator's date is the content's, never the clock's: two builds of the
			// same advisory give the same bytes.
			Generator:          generator{Date: dateTime(a.Updated), Engine: engine{Name: name, Version: version}},
			ID:                 a.ID,
			InitialReleaseDate: dateTime(a.Released),
			Status:             status,
			Version:            a.Version,
		},
		References: []reference{
			{Category: "self", Summary: word("csaf", lang), URL: a.CSAF.URL},
			{Category: "self", Summary: word("page", lang), URL: a.URL},
		},
	}}
	if d.Document.Publisher.Name == "" || d.Document.Publisher.Namespace == "" {
		return nil, fmt.Errorf("advisory %s: a CSAF document needs the organization's name and url ([organization] in evident.toml)", a.ID)
	}
	if a.Severity != "" {
		d.Document.AggregateSeverity = &severityText{Text: capitalize(string(a.Severity))}
	}
	for _, r := range a.Revisions {
		sum := in(r.Summary)
		if sum == "" {
			sum = word("revised", lang) + " " + r.Number
		}
		d.Document.Tracking.RevisionHistory = append(d.Document.Tracking.RevisionHistory,
			revision{Date: dateTime(r.Date), Number: r.Number, Summary: sum})
	}
	if s := in(a.Description); s != "" {
		d.Document.Notes = append(d.Document.Notes, note{Category: "summary", Text: s})
	}
	if s := in(a.Body); s != "" {
		d.Document.Notes = append(d.Document.Notes, note{Category: "description", Text: s, Title: word("text", lang)})
	}
	for _, r := range a.References {
		d.Document.References = append(d.Document.References,
			reference{Category: "external", Summary: cmp.Or(in(r.Summary), word("ref", lang)), URL: r.URL})
	}
	for _, ack := range a.Acknowledgments {
		x := acknowledgment{Names: ack.Names, Organization: ack.Organization, Summary: in(ack.Summary), URLs: ack.URLs}
		if len(x.Names) > 0 || x.Organization != "" || x.Summary != "" || len(x.URLs) > 0 {
			d.Document.Acknowledgments = append(d.Document.Acknowledgments, x)
		}
	}

	tree, err := products(m, a)
	if err != nil {
		return nil, err
	}
	d.ProductTree = tree
	for _, v := range a.Vulnerabilities {
		vuln, err := csafVulnerability(m, a, v, lang)
		if err != nil {
			return nil, err
		}
		d.Vulnerabilities = append(d.Vulnerabilities, vuln)
	}
	return d, nil
}

// products is the product tree: vendor, then each product the advisory names, then each
// of its releases that the advisory says something of. A release's product_id is its
// key ("acme-gateway/2.4.0"), stable across documents.
func products(m *model.Declaration, a *model.Advisory) (productTree, error) {
	lang := m.Languages[0]
	vendor := branch{Category: "vendor", Name: strings.TrimSpace(m.Organization.Name.In(lang))}
	for _, ap := range a.Products {
		p := product(m, ap.Product)
		if p == nil {
			return productTree{}, fmt.Errorf("advisory %s names product %q, which the declaration does not have", a.ID, ap.Product)
		}
		named := releasesOf(ap)
		pb := branch{Category: "product_name", Name: strings.TrimSpace(p.Name.In(lang))}
		for _, key := range p.Releases {
			if !slices.Contains(named, key) {
				continue
			}
			r := m.Releases[key]
			fp := &fullProduct{Name: pb.Name + " " + r.Version, ProductID: key}
			if len(r.SBOMs) > 0 {
				// The release's SBOMs identify it (recommended test 6.2.16).
				fp.ProductIdentificationHelper = &productHelpers{}
				for _, s := range r.SBOMs {
					fp.ProductIdentificationHelper.SBOMURLs = append(fp.ProductIdentificationHelper.SBOMURLs, model.FileURL(m.BaseURL, s))
				}
			}
			pb.Branches = append(pb.Branches, branch{Category: "product_version", Name: r.Version, Product: fp})
		}
		for _, key := range named {
			if !slices.Contains(p.Releases, key) {
				return productTree{}, fmt.Errorf("advisory %s names release %q, which product %s does not have", a.ID, key, ap.Product)
			}
		}
		if len(pb.Branches) > 0 {
			vendor.Branches = append(vendor.Branches, pb)
		}
	}
	if len(vendor.Branches) == 0 {
		// No product status could name anything: the document would not be valid.
		return productTree{}, fmt.Errorf("advisory %s names no release of its products; its affected ranges must select at least one", a.ID)
	}
	return productTree{Branches: []branch{vendor}}, nil
}

// releasesOf returns the releases an advisory's product entry names: those it says are
// affected (or not affected, or under investigation) and those that fix it.
func releasesOf(ap model.AdvisoryProduct) []string {
	return slices.Concat(ap.Affected, ap.Fixed)
}

// csafVulnerability makes one vulnerability: the same product statuses for each, as an
// advisory states its products' status once for all its vulnerabilities.
func csafVulnerability(m *model.Declaration, a *model.Advisory, v model.Vulnerability, lang string) (vulnerability, error) {
	in := func(t model.Text) string { return strings.TrimSpace(t.In(lang)) }
	out := vulnerability{CVE: v.CVE, Title: in(v.Title)}
	if v.CVE == "" {
		// csaf_vex wants every vulnerability identified (6.1.27.8): the vendor's ID.
		out.IDs = []vulnID{{SystemName: strings.TrimSpace(m.Organization.Name.In(lang)), Text: a.ID}}
	}
	// Every vulnerability has a note (6.1.27.5): its title, else the advisory's summary.
	out.Notes = []note{{Category: "summary", Text: cmp.Or(in(v.Title), in(a.Description), in(a.Title))}}
	if v.CWE != "" {
		// CSAF's cwe needs the weakness's name as MITRE's catalogue gives it (mandatory
		// test 6.1.11); evident has no copy of the catalogue, so the ID goes in a note.
		out.Notes = append(out.Notes, note{Category: "other", Title: word("cwe", lang), Text: v.CWE})
	}
	if c := v.CVSS40; c != nil {
		// CSAF 2.0 has no field for CVSS v4.0 (2.1 adds cvss_v4): a note keeps it.
		out.Notes = append(out.Notes, note{Category: "other", Title: word("cvss4", lang),
			Text: fmt.Sprintf("%s (%.1f %s)", c.Vector, c.Score, capitalize(string(c.Severity)))})
	}
	var affected []string
	for _, ap := range a.Products {
		ps := &out.ProductStatus
		switch ap.Status {
		case model.KnownAffected:
			ps.KnownAffected = append(ps.KnownAffected, ap.Affected...)
			affected = append(affected, ap.Affected...)
		case model.Fixed:
			ps.KnownAffected = append(ps.KnownAffected, ap.Affected...)
			affected = append(affected, ap.Affected...)
			ps.Fixed = append(ps.Fixed, ap.Fixed...)
			if n := len(ap.Fixed); n > 0 {
				ps.FirstFixed = append(ps.FirstFixed, ap.Fixed[n-1]) // the oldest fixed release
			}
		case model.NotAffected:
			ps.KnownNotAffected = append(ps.KnownNotAffected, ap.Affected...)
			if len(ap.Affected) > 0 {
				out.Flags = append(out.Flags, vexFlag{Label: ap.Justification, ProductIDs: ap.Affected})
				if s := in(ap.Impact); s != "" {
					out.Threats = append(out.Threats, threat{Category: "impact", Details: s, ProductIDs: ap.Affected})
				}
			}
		case model.UnderInvestigation:
			ps.UnderInvestigation = append(ps.UnderInvestigation, ap.Affected...)
		default:
			return out, fmt.Errorf("advisory %s: product %s has status %q", a.ID, ap.Product, ap.Status)
		}
		if ap.Status != model.KnownAffected && ap.Status != model.Fixed {
			continue
		}
		// A remediation names the releases that need it: the affected ones.
		for _, r := range ap.Remediations {
			if len(ap.Affected) == 0 {
				break // a remediation names at least one product (6.1.29)
			}
			out.Remediations = append(out.Remediations, remediation{
				Category: r.Category, Date: dateTime(r.Date), Details: in(r.Details), ProductIDs: ap.Affected, URL: r.URL,
			})
		}
	}
	if c := v.CVSS31; c != nil && len(affected) > 0 {
		// The score of the affected releases; fixed ones have none (recommended test 6.2.19).
		j, err := cvss.JSON(c.Vector)
		if err != nil {
			return out, fmt.Errorf("advisory %s: %s: %w", a.ID, c.Vector, err)
		}
		out.Scores = []score{{CVSSv3: j, Products: affected}}
	}
	return out, nil
}

// product returns the declaration's product with id, or nil.
func product(m *model.Declaration, id string) *model.Product {
	for i := range m.Products {
		if m.Products[i].ID == id {
			return &m.Products[i]
		}
	}
	return nil
}

// dateTime is a date of the content (YYYY-MM-DD) as CSAF's date-time: midnight UTC.
// An empty date stays empty.
func dateTime(date string) string {
	if date == "" {
		return ""
	}
	return date + "T00:00:00.000Z"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
