// Package release owns a product's releases as the vendor writes them: one Markdown
// file per release, content/products/<product>/releases/<version>.md, with TOML (+++)
// or YAML (---) front matter and the release notes as its body (translations as
// <version>.en.md). Parse reads one file, keeping the position of every value, the way
// package evidence reads evidence; the caller checks products, paths and SBOMs.
//
// The lifecycle rules (status on a date, order, events) are in lifecycle.go.
package release

import (
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
)

// Field is a value with the position where it starts (zero when not given).
type Field[T any] = evidence.Field[T]

// File is one release file.
type File struct {
	Path    string // site-relative, slash-separated: content/products/acme-gateway/releases/2.4.0.en.md
	Product string // the folder's name: acme-gateway
	Version string // from the file name without language and .md: 2.4.0
	Lang    string // "" for the default language, else the code from the file name
	Format  string // "toml" or "yaml"

	VersionKey         Field[string] // the front matter's version, when given
	Date               Field[time.Time]
	Title              Field[string]
	Description        Field[string]
	EndOfSupport       Field[time.Time]
	EndOfSecurityFixes Field[time.Time]
	SBOMs              []Attached
	Provenance         []Attached
	Downloads          []Download

	Keys     map[string]diag.Position // where each front-matter key starts
	Body     string
	BodyLine int
}

// Attached is a file of the site listed by a release: an SBOM or a provenance file.
type Attached struct {
	Pos   diag.Position // where its table starts
	Path  Field[string]
	Title Field[string]
}

// SignatureInSite reports whether the download's signature is a file of the site, which
// the build publishes and digests; a signature with a ':' is a URL elsewhere (Parse lets
// only https ones through).
func (d Download) SignatureInSite() bool {
	return d.Signature.Value != "" && !strings.Contains(d.Signature.Value, ":")
}

// Download is a file of the release: in the site (Path) or elsewhere (URL with SHA256).
type Download struct {
	Pos       diag.Position
	Path      Field[string]
	URL       Field[string]
	SHA256    Field[string]
	Name      Field[string]
	Title     Field[string]
	Signature Field[string] // a site path or an https URL
}
