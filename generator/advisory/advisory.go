// Package advisory owns security advisories as the vendor writes them: one Markdown file
// per advisory, content/advisories/<name>.md, with TOML (+++) or YAML (---) front matter
// and the advisory's text as its body (translations as <name>.en.md). Parse reads one
// file, keeping the position of every value, the way package release reads release
// files; the caller (package check) checks products, releases and IDs across files.
package advisory

import (
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
)

// Dir is where advisory files are in a site.
const Dir = "content/advisories/"

// Field is a value with the position where it starts (zero when not given).
type Field[T any] = evidence.Field[T]

// File is one advisory file.
type File struct {
	Path   string // site-relative, slash-separated: content/advisories/acme-sa-2026-001.en.md
	Name   string // from the file name without language and .md: acme-sa-2026-001
	Lang   string // "" for the default language, else the code from the file name
	Format string // "toml" or "yaml"

	ID          Field[string] // the vendor's tracking ID: ACME-SA-2026-001
	Title       Field[string]
	Description Field[string]
	// Released is the initial release date; Updated the current one. Both default to the
	// first and the newest revision's date; when given they must agree with them.
	Released Field[time.Time]
	Updated  Field[time.Time]
	TLP      Field[string] // "WHITE" when not given

	Revisions       []Revision
	Vulnerabilities []Vulnerability
	Products        []Product
	Acknowledgments []Acknowledgment
	References      []Reference

	Keys     map[string]diag.Position // where each front-matter key starts
	Body     string
	BodyLine int

	data      []byte // the file as read, for At
	lineStart []int  // byte offset where each line of data starts
}

// Revision is one entry of [[revisions]].
type Revision struct {
	Pos     diag.Position // where its table starts
	Number  Field[string] // "1", "2", ... given as an integer or a string
	Date    Field[time.Time]
	Summary Field[string]
}

// Vulnerability is one entry of [[vulnerabilities]].
type Vulnerability struct {
	Pos    diag.Position
	CVE    Field[string]
	CWE    Field[string]
	Title  Field[string]
	CVSS31 Field[string] // the vector as written: CVSS:3.1/AV:N/...
	CVSS40 Field[string] // CVSS:4.0/AV:N/...
}

// Product is one entry of [[products]]: what the advisory says of one product.
type Product struct {
	Pos           diag.Position
	ID            Field[string]   // the product's id in evident.toml
	Status        Field[string]   // known-affected | fixed | not-affected | under-investigation
	Affected      []Field[string] // versions ("2.4.0") or ranges (">= 2.0.0, < 2.5.0"); none: every release
	Fixed         []Field[string] // versions of the releases that fix it (status fixed)
	Justification Field[string]   // not-affected: one of model.Justifications
	Impact        Field[string]   // not-affected: why, in words
	Remediations  []Remediation
}

// Remediation is one entry of [[products.remediations]].
type Remediation struct {
	Pos      diag.Position
	Category Field[string] // vendor_fix | workaround | mitigation | no_fix_planned | none_available
	Details  Field[string]
	URL      Field[string]
	Date     Field[time.Time]
}

// Acknowledgment is one entry of [[acknowledgments]].
type Acknowledgment struct {
	Pos          diag.Position
	Names        []Field[string]
	Organization Field[string]
	Summary      Field[string]
	URLs         []Field[string]
}

// Reference is one entry of [[references]].
type Reference struct {
	Pos     diag.Position
	URL     Field[string]
	Summary Field[string]
}
