package csaf

import (
	"cmp"
	"crypto/sha1"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/evident-dev/evident/generator/model"
)

// VEX: per release that an advisory names, what every advisory says of it, as a
// CycloneDX 1.6 document (vulnerabilities with their analysis, no components) and as an
// OpenVEX 0.2.0 document.

type cdxDocument struct {
	BOMFormat       string             `json:"bomFormat"`
	SpecVersion     string             `json:"specVersion"`
	SerialNumber    string             `json:"serialNumber"`
	Version         int                `json:"version"`
	Metadata        cdxMetadata        `json:"metadata"`
	Vulnerabilities []cdxVulnerability `json:"vulnerabilities"`
}

type cdxMetadata struct {
	Timestamp    string          `json:"timestamp"`
	Tools        *cdxTools       `json:"tools,omitempty"`
	Component    cdxComponent    `json:"component"`
	Manufacturer cdxOrganization `json:"manufacturer"`
}

type cdxTools struct {
	Components []cdxComponent `json:"components"`
}

type cdxComponent struct {
	Type    string `json:"type"`
	BOMRef  string `json:"bom-ref,omitempty"`
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type cdxOrganization struct {
	Name string   `json:"name"`
	URL  []string `json:"url,omitempty"`
}

type cdxVulnerability struct {
	BOMRef      string        `json:"bom-ref"`
	ID          string        `json:"id"`
	Source      cdxSource     `json:"source"`
	References  []cdxRef      `json:"references,omitempty"`
	Ratings     []cdxRating   `json:"ratings,omitempty"`
	CWEs        []int         `json:"cwes,omitempty"`
	Description string        `json:"description,omitempty"`
	Advisories  []cdxAdvisory `json:"advisories"`
	Published   string        `json:"published"`
	Updated     string        `json:"updated"`
	Analysis    cdxAnalysis   `json:"analysis"`
	Affects     []cdxAffect   `json:"affects"`
}

type cdxSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type cdxRef struct {
	ID     string    `json:"id"`
	Source cdxSource `json:"source"`
}

type cdxRating struct {
	Score    float64 `json:"score"`
	Severity string  `json:"severity"`
	Method   string  `json:"method"`
	Vector   string  `json:"vector"`
}

type cdxAdvisory struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type cdxAnalysis struct {
	State         string   `json:"state"`
	Justification string   `json:"justification,omitempty"`
	Response      []string `json:"response,omitempty"`
	Detail        string   `json:"detail,omitempty"`
}

type cdxAffect struct {
	Ref string `json:"ref"`
}

type openVEXDocument struct {
	Context    string             `json:"@context"`
	ID         string             `json:"@id"`
	Author     string             `json:"author"`
	Timestamp  string             `json:"timestamp"`
	Version    int                `json:"version"`
	Tooling    string             `json:"tooling,omitempty"`
	Statements []openVEXStatement `json:"statements"`
}

type openVEXStatement struct {
	Vulnerability   openVEXVulnerability `json:"vulnerability"`
	Timestamp       string               `json:"timestamp"`
	Products        []openVEXProduct     `json:"products"`
	Status          string               `json:"status"`
	StatusNotes     string               `json:"status_notes,omitempty"`
	Justification   string               `json:"justification,omitempty"`
	ImpactStatement string               `json:"impact_statement,omitempty"`
	ActionStatement string               `json:"action_statement,omitempty"`
}

type openVEXVulnerability struct {
	ID          string `json:"@id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type openVEXProduct struct {
	ID string `json:"@id"`
}

// statement is what one advisory says of one release.
type statement struct {
	a      *model.Advisory
	ap     *model.AdvisoryProduct
	status string // OpenVEX's: affected | fixed | not_affected | under_investigation
}

// cdxJustifications maps CSAF's (and OpenVEX's) justifications to the closest of
// CycloneDX's; the analysis detail keeps the original label.
var cdxJustifications = map[string]string{
	"component_not_present":                             "code_not_present",
	"vulnerable_code_not_present":                       "code_not_present",
	"vulnerable_code_not_in_execute_path":               "code_not_reachable",
	"vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment",
	"inline_mitigations_already_exist":                  "protected_by_mitigating_control",
}

// cdxResponses maps CSAF's remediation categories to CycloneDX's responses.
var cdxResponses = map[string]string{
	"vendor_fix":     "update",
	"workaround":     "workaround_available",
	"mitigation":     "workaround_available",
	"no_fix_planned": "will_not_fix",
	"none_available": "can_not_fix",
}

// cdxStates maps the statuses to CycloneDX's analysis states.
var cdxStates = map[string]string{
	"affected": "exploitable", "fixed": "resolved", "not_affected": "not_affected", "under_investigation": "in_triage",
}

// vexFiles adds the VEX documents of every release that an advisory names to files, and
// sets the release's VEX.
func vexFiles(m *model.Declaration, files map[string][]byte) error {
	byRelease := map[string][]statement{}
	for _, slug := range m.AdvisoryOrder {
		a := m.Advisories[slug]
		for i := range a.Products {
			ap := &a.Products[i]
			for _, key := range ap.Affected {
				byRelease[key] = append(byRelease[key], statement{a, ap, releaseStatus(ap.Status)})
			}
			for _, key := range ap.Fixed {
				byRelease[key] = append(byRelease[key], statement{a, ap, "fixed"})
			}
		}
	}
	for _, key := range slices.Sorted(maps.Keys(byRelease)) {
		r := m.Releases[key]
		if r == nil {
			return fmt.Errorf("an advisory names release %q, which the declaration does not have", key)
		}
		base := vexDir + r.Product + "/" + r.Version
		stmts := byRelease[key]
		cdx, err := cycloneDX(m, r, base+".cdx.json", stmts)
		if err != nil {
			return err
		}
		if err := jsonFile(files, base+".cdx.json", cdx); err != nil {
			return err
		}
		if err := jsonFile(files, base+".openvex.json", openVEX(m, r, base+".openvex.json", stmts)); err != nil {
			return err
		}
		r.VEX = &model.VEXFile{Release: key,
			CycloneDX: digested(m, base+".cdx.json", files[base+".cdx.json"]),
			OpenVEX:   digested(m, base+".openvex.json", files[base+".openvex.json"])}
	}
	return nil
}

// releaseStatus is the OpenVEX status of the releases an advisory's product entry names
// as Affected.
func releaseStatus(s model.ProductStatus) string {
	switch s {
	case model.NotAffected:
		return "not_affected"
	case model.UnderInvestigation:
		return "under_investigation"
	}
	return "affected" // known-affected, and the affected releases of a fix
}

// vexVersion and vexTime make a VEX document's version and date from the content: the
// number of revisions of the advisories in it, which grows with every change they
// make, and the newest of their dates.
func vexVersion(stmts []statement) (version int, updated string) {
	seen := map[*model.Advisory]bool{}
	for _, s := range stmts {
		if !seen[s.a] {
			seen[s.a] = true
			version += len(s.a.Revisions)
		}
		updated = max(updated, s.a.Updated)
	}
	return max(version, 1), updated
}

func cycloneDX(m *model.Declaration, r *model.Release, p string, stmts []statement) (*cdxDocument, error) {
	lang := m.Languages[0]
	in := func(t model.Text) string { return strings.TrimSpace(t.In(lang)) }
	org := in(m.Organization.Name)
	version, updated := vexVersion(stmts)
	pr := product(m, r.Product)
	name := r.Product
	if pr != nil {
		name = cmp.Or(in(pr.Name), name)
	}
	doc := &cdxDocument{
		BOMFormat: "CycloneDX", SpecVersion: "1.6", SerialNumber: "urn:uuid:" + uuid5URL(model.FileURL(m.BaseURL, p)), Version: version,
		Metadata: cdxMetadata{
			Timestamp:    vexTime(updated),
			Component:    cdxComponent{Type: "application", BOMRef: r.Key, Name: name, Version: r.Version},
			Manufacturer: cdxOrganization{Name: org},
		},
		Vulnerabilities: []cdxVulnerability{},
	}
	if m.Organization.URL != "" {
		doc.Metadata.Manufacturer.URL = []string{m.Organization.URL}
	}
	if gen, ver, _ := strings.Cut(m.Generator, " "); gen != "" {
		doc.Metadata.Tools = &cdxTools{Components: []cdxComponent{{Type: "application", Name: gen, Version: ver}}}
	}
	for _, s := range stmts {
		a := s.a
		for i, v := range a.Vulnerabilities {
			x := cdxVulnerability{
				BOMRef:      a.ID + "/" + strconv.Itoa(i+1),
				ID:          cmp.Or(v.CVE, a.ID),
				Source:      cdxSource{Name: org, URL: a.URL},
				Description: cmp.Or(in(v.Title), in(a.Description), in(a.Title)),
				Advisories:  []cdxAdvisory{{Title: in(a.Title), URL: a.URL}, {Title: a.ID + " (CSAF)", URL: a.CSAF.URL}},
				Published:   vexTime(a.Released), Updated: vexTime(a.Updated),
				Affects:  []cdxAffect{{Ref: r.Key}},
				Analysis: cdxAnalysis{State: cdxStates[s.status]},
			}
			if v.CVE != "" {
				x.Source = cdxSource{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + v.CVE}
				x.References = []cdxRef{{ID: a.ID, Source: cdxSource{Name: org, URL: a.URL}}}
			}
			for _, c := range []struct {
				s      *model.CVSS
				method string
			}{{v.CVSS31, "CVSSv31"}, {v.CVSS40, "CVSSv4"}} {
				if c.s != nil {
					x.Ratings = append(x.Ratings, cdxRating{Score: c.s.Score, Severity: string(c.s.Severity), Method: c.method, Vector: c.s.Vector})
				}
			}
			if n, ok := strings.CutPrefix(v.CWE, "CWE-"); ok {
				id, err := strconv.Atoi(n)
				if err != nil {
					return nil, fmt.Errorf("advisory %s: CWE %q", a.ID, v.CWE)
				}
				x.CWEs = []int{id}
			}
			switch s.status {
			case "affected":
				var details []string
				for _, rem := range s.ap.Remediations {
					if resp := cdxResponses[rem.Category]; resp != "" && !slices.Contains(x.Analysis.Response, resp) {
						x.Analysis.Response = append(x.Analysis.Response, resp)
					}
					details = append(details, in(rem.Details))
				}
				x.Analysis.Detail = strings.Join(details, "\n")
			case "not_affected":
				x.Analysis.Justification = cdxJustifications[s.ap.Justification]
				x.Analysis.Detail = strings.TrimSpace(s.ap.Justification + ": " + in(s.ap.Impact))
			}
			doc.Vulnerabilities = append(doc.Vulnerabilities, x)
		}
	}
	return doc, nil
}

func openVEX(m *model.Declaration, r *model.Release, p string, stmts []statement) *openVEXDocument {
	lang := m.Languages[0]
	in := func(t model.Text) string { return strings.TrimSpace(t.In(lang)) }
	version, updated := vexVersion(stmts)
	doc := &openVEXDocument{
		Context: "https://openvex.dev/ns/v0.2.0", ID: model.FileURL(m.BaseURL, p), Author: in(m.Organization.Name),
		Timestamp: vexTime(updated), Version: version, Tooling: m.Generator, Statements: []openVEXStatement{},
	}
	for _, s := range stmts {
		a := s.a
		for _, v := range a.Vulnerabilities {
			st := openVEXStatement{
				Vulnerability: openVEXVulnerability{Name: cmp.Or(v.CVE, a.ID), Description: cmp.Or(in(v.Title), in(a.Title))},
				Timestamp:     vexTime(a.Updated),
				Products:      []openVEXProduct{{ID: r.URL}},
				Status:        s.status,
				StatusNotes:   a.ID + ": " + a.URL,
			}
			if v.CVE != "" {
				st.Vulnerability.ID = "https://nvd.nist.gov/vuln/detail/" + v.CVE
			}
			switch s.status {
			case "affected":
				// OpenVEX wants an action statement for an affected product: the remediations.
				var details []string
				for _, rem := range s.ap.Remediations {
					details = append(details, in(rem.Details))
				}
				st.ActionStatement = cmp.Or(strings.Join(details, "\n"), a.URL)
			case "not_affected":
				st.Justification = s.ap.Justification
				st.ImpactStatement = in(s.ap.Impact)
			}
			doc.Statements = append(doc.Statements, st)
		}
	}
	return doc
}

// vexTime is a date of the content as RFC 3339: midnight UTC.
func vexTime(date string) string { return date + "T00:00:00Z" }

// uuid5URL is the name-based (version 5) UUID of a URL in RFC 9562's URL namespace:
// anyone can compute a document's serial number from where it is published.
func uuid5URL(u string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(u))
	s := h.Sum(nil)[:16]
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}
