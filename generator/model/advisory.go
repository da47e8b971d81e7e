package model

// Security advisories ((3)-2 検知した脆弱性への対処, (2)-4 継続的な情報提供): one per file
// content/advisories/<name>.md, published as a page in each language, as a CSAF 2.0
// document under /.well-known/csaf/, and as VEX statements per release.

// ProductStatus is what an advisory says of a product's releases, as CSAF's product
// status groups say it.
type ProductStatus string

const (
	KnownAffected      ProductStatus = "known-affected"      // affected, no fix released yet
	Fixed              ProductStatus = "fixed"               // affected releases, and the releases that fix them
	NotAffected        ProductStatus = "not-affected"        // a VEX statement: with a justification
	UnderInvestigation ProductStatus = "under-investigation" // not known yet
)

// ProductStatuses lists the statuses in the order the site presents them.
var ProductStatuses = []ProductStatus{KnownAffected, Fixed, UnderInvestigation, NotAffected}

// Justifications are the reasons a product is not affected, as CSAF 2.0's flag labels
// and OpenVEX name them (CycloneDX's analysis justifications are mapped from these).
var Justifications = []string{
	"component_not_present",
	"vulnerable_code_not_present",
	"vulnerable_code_cannot_be_controlled_by_adversary",
	"vulnerable_code_not_in_execute_path",
	"inline_mitigations_already_exist",
}

// Severity is a CVSS qualitative severity rating, lower case: "none", "low", "medium",
// "high", "critical".
type Severity string

// Severities lists the severities from the most severe, the order of the site's filters.
var Severities = []Severity{"critical", "high", "medium", "low", "none"}

// Advisory is one security advisory with its translations merged.
type Advisory struct {
	// ID is the vendor's tracking ID as written ("ACME-SA-2026-001"), unique in the site.
	ID string `json:"id"`
	// Slug is the name of the advisory's page: its file name without language and .md.
	Slug        string `json:"slug"`
	Title       Text   `json:"title"`
	Description Text   `json:"description,omitempty"` // one line, for lists and feeds; the body is the page
	// Body is the advisory's text as written (Markdown), per language: the CSAF document
	// carries it as a note. Not in declaration.json: Hugo renders it as the page.
	Body Text `json:"-"`
	// Released is the initial release date, Updated the current release date (the date of
	// the newest revision), both YYYY-MM-DD.
	Released string `json:"released"`
	Updated  string `json:"updated"`
	// Version is the newest revision's number; Revisions are oldest first.
	Version   string     `json:"version"`
	Revisions []Revision `json:"revisions"`
	// Final is false while any product is under investigation: the CSAF document's
	// tracking status is then "interim".
	Final bool   `json:"final"`
	TLP   string `json:"tlp"` // "WHITE": a public site publishes nothing else
	// Severity is the highest of its vulnerabilities' severities ("" when none is scored).
	Severity        Severity        `json:"severity,omitempty"`
	Score           float64         `json:"score,omitempty"` // the base score behind Severity
	Vulnerabilities []Vulnerability `json:"vulnerabilities"`
	// Products says, per product in the order the file lists them, what the advisory
	// says of its releases.
	Products        []AdvisoryProduct `json:"products"`
	Acknowledgments []Acknowledgment  `json:"acknowledgments"`
	References      []Reference       `json:"references"`
	// VEX is true when the advisory only states that products are not affected: it is
	// published as a csaf_vex document instead of a csaf_security_advisory.
	VEX bool `json:"vex"`
	// CSAF is the CSAF document as published: its path in the site
	// (".well-known/csaf/white/2026/acme-sa-2026-001.json") and absolute URL.
	CSAF      CSAFFile `json:"csaf"`
	Source    string   `json:"source"` // site-relative path of the default-language file
	Languages []string `json:"languages"`
	Path      string   `json:"path"` // "/advisories/acme-sa-2026-001/"
	Links     Links    `json:"links"`
	URL       string   `json:"url"`
}

// Revision is one entry of an advisory's revision history.
type Revision struct {
	Number  string `json:"number"` // "1", "2", ... (CSAF integer versioning)
	Date    string `json:"date"`   // YYYY-MM-DD
	Summary Text   `json:"summary"`
}

// Vulnerability is one vulnerability an advisory is about.
type Vulnerability struct {
	CVE   string `json:"cve,omitempty"`   // "CVE-2026-12345"
	CWE   string `json:"cwe,omitempty"`   // "CWE-79"
	Title Text   `json:"title,omitempty"` // a short name, when the advisory covers several
	// CVSS scores, computed from the vectors as written, never typed by hand.
	CVSS31 *CVSS `json:"cvss31,omitempty"`
	CVSS40 *CVSS `json:"cvss40,omitempty"`
	// Severity is CVSS40's when given, else CVSS31's; "" when neither is.
	Severity Severity `json:"severity,omitempty"`
}

// CVSS is a CVSS vector with what it computes to.
type CVSS struct {
	Version  string   `json:"version"` // "3.1" | "4.0"
	Vector   string   `json:"vector"`  // "CVSS:3.1/AV:N/AC:L/..."
	Score    float64  `json:"score"`   // the base score
	Severity Severity `json:"severity"`
}

// AdvisoryProduct is what an advisory says of one product.
type AdvisoryProduct struct {
	Product string        `json:"product"` // product id
	Status  ProductStatus `json:"status"`
	// Affected are the release keys the advisory names as affected (for known-affected
	// and fixed), not affected, or under investigation, newest first; Fixed the releases
	// that fix it (the fixed releases the file names, and every newer release), newest first.
	Affected []string `json:"affected"`
	Fixed    []string `json:"fixed"`
	// Ranges are the version ranges as the vendor wrote them (">= 2.0.0, < 2.5.0"), for the page.
	Ranges        []string      `json:"ranges"`
	Justification string        `json:"justification,omitempty"` // not-affected: one of Justifications
	Impact        Text          `json:"impact,omitempty"`        // not-affected: why, in words
	Remediations  []Remediation `json:"remediations"`
}

// Remediation is what a customer can do: CSAF's remediation categories.
type Remediation struct {
	Category string `json:"category"` // vendor_fix | workaround | mitigation | no_fix_planned | none_available
	Details  Text   `json:"details"`
	URL      string `json:"url,omitempty"`
	Date     string `json:"date,omitempty"` // YYYY-MM-DD
}

// Acknowledgment thanks who found or reported the vulnerabilities.
type Acknowledgment struct {
	Names        []string `json:"names"`
	Organization string   `json:"organization,omitempty"`
	Summary      Text     `json:"summary,omitempty"`
	URLs         []string `json:"urls"`
}

// Reference is a link to more information.
type Reference struct {
	URL     string `json:"url"`
	Summary Text   `json:"summary"`
}

// CSAFFile is a published CSAF document.
type CSAFFile struct {
	Path string `json:"path"` // site-relative
	URL  string `json:"url"`  // absolute
}

// CSAFProvider says how the site publishes advisories as a CSAF 2.0 provider.
type CSAFProvider struct {
	// Metadata is the provider-metadata.json path in the site and its absolute URL.
	Metadata CSAFFile `json:"metadata"`
	Role     string   `json:"role"` // "csaf_provider", or "csaf_trusted_provider" when documents are signed
	// Signed is true when each document has an OpenPGP signature (.asc); KeyFingerprint and
	// KeyURL then say which key (the public key is published in the site).
	Signed         bool   `json:"signed"`
	KeyFingerprint string `json:"keyFingerprint,omitempty"` // upper-case hex, no spaces
	KeyURL         string `json:"keyURL,omitempty"`
	Feed           string `json:"feed"` // absolute URL of the ROLIE feed
}

// VEXFile is one release's VEX documents, made from the advisories that name it.
type VEXFile struct {
	Release   string `json:"release"`   // key into Declaration.Releases
	CycloneDX File   `json:"cyclonedx"` // "vex/acme-gateway/2.4.0.cdx.json", digested
	OpenVEX   File   `json:"openvex"`   // "vex/acme-gateway/2.4.0.openvex.json", digested
}
