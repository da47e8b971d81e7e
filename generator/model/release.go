package model

import "time"

// Products, releases and their lifecycle: the disclosure half of the declaration
// ((2)-4 information for users, S(2)-2.2 the release archive, S(2)-2.3 provenance).
// Advisories will name releases by their Key.

// ReleaseStatus is where a release is in its support lifecycle on the build's date.
type ReleaseStatus string

const (
	Supported     ReleaseStatus = "supported"      // fixes of every kind
	SecurityFixes ReleaseStatus = "security-fixes" // past end of support: security fixes only
	EndOfLife     ReleaseStatus = "end-of-life"    // past end of security fixes: nothing
)

// ReleaseStatuses lists every release status in the order the site presents them.
var ReleaseStatuses = []ReleaseStatus{Supported, SecurityFixes, EndOfLife}

// ReleaseStatusWords are the words for each release status, in the site's languages
// (the theme has its own, in its i18n files).
var ReleaseStatusWords = map[ReleaseStatus]Text{
	Supported:     {"ja": "サポート中", "en": "supported"},
	SecurityFixes: {"ja": "セキュリティ修正のみ", "en": "security fixes only"},
	EndOfLife:     {"ja": "サポート終了", "en": "end of life"},
}

// StatusOn is where r is in its lifecycle on the day d, from its published dates.
func (r *Release) StatusOn(d time.Time) ReleaseStatus {
	return ReleaseStatusOn(d.Format(time.DateOnly), r.EndOfSupport, r.EndOfSecurityFixes)
}

// ReleaseStatusOn is where a release is on day, given its end of support and end of
// security fixes (all YYYY-MM-DD; an end not known is ""): end of life from its end of
// security fixes on (that day included), security fixes only from its end of support
// on, supported before. Package release computes the status on the build's date with it.
func ReleaseStatusOn(day, endOfSupport, endOfSecurityFixes string) ReleaseStatus {
	switch {
	case endOfSecurityFixes != "" && day >= endOfSecurityFixes:
		return EndOfLife
	case endOfSupport != "" && day >= endOfSupport:
		return SecurityFixes
	}
	return Supported
}

// Document kinds of (2)-4: how to install, configure, operate and dispose of a product
// (導入・設定・操作・廃棄), in that order.
var DocumentKinds = []string{"install", "configure", "operate", "dispose"}

// SupportPolicy is a product's default support period, in months from a release's
// date; a release's own dates win.
type SupportPolicy struct {
	Months         int `json:"months,omitempty"`         // end of support
	SecurityMonths int `json:"securityMonths,omitempty"` // end of security fixes
}

// Document is one of a product's documents for users.
type Document struct {
	Kind    string `json:"kind"` // one of DocumentKinds
	Title   Text   `json:"title,omitempty"`
	Version string `json:"version,omitempty"` // the versions it applies to, as the vendor writes them ("2.x")
	// Either a page of the site (Path, Links) or the vendor's own manual (URL).
	Path  string `json:"path,omitempty"` // site path of the page without language prefix
	Links Links  `json:"links,omitempty"`
	URL   string `json:"url"` // absolute: the manual, or the page in the default language
}

// Download is a file of a release: published in the site (Path, digested by the build)
// or hosted elsewhere (External, with the SHA-256 the vendor states).
type Download struct {
	Name     string `json:"name"` // the file name a customer saves it under
	Title    Text   `json:"title,omitempty"`
	Path     string `json:"path,omitempty"` // site-relative, slash-separated, for a file in the site
	URL      string `json:"url"`            // absolute URL of the file
	External bool   `json:"external"`
	Size     int64  `json:"size,omitempty"` // in the site only
	SHA256   string `json:"sha256"`
	// Signature is the absolute URL of a detached signature of the file, when there is one.
	Signature string `json:"signature,omitempty"`
	// SignatureFile is the signature as a published file of the site, digested, when it
	// is one (nil for a signature elsewhere).
	SignatureFile *File `json:"signatureFile,omitempty"`
}

// Event is a dated change of a product's lifecycle, for its feed: a release, or a
// release reaching its end of support or of security fixes. Only events on or before
// the build's date are listed.
type Event struct {
	Date    string `json:"date"`    // YYYY-MM-DD
	Kind    string `json:"kind"`    // "release" | "end-of-support" | "end-of-security-fixes"
	Release string `json:"release"` // key into Declaration.Releases
}

// Release is one release of a product.
type Release struct {
	Key     string `json:"key"` // "product/version", unique
	Product string `json:"product"`
	Version string `json:"version"`
	Date    string `json:"date"` // YYYY-MM-DD
	// Status on the build's date, from the release's dates or its product's policy.
	Status             ReleaseStatus `json:"status"`
	EndOfSupport       string        `json:"endOfSupport,omitempty"`       // YYYY-MM-DD; "" when not known
	EndOfSecurityFixes string        `json:"endOfSecurityFixes,omitempty"` // YYYY-MM-DD; "" when not known
	Latest             bool          `json:"latest"`                       // the product's newest release
	Title              Text          `json:"title,omitempty"`              // optional name of the release
	Description        Text          `json:"description,omitempty"`        // one line; the notes are the page
	SBOMs              []string      `json:"sboms"`                        // paths into Declaration.SBOMs
	Provenance         []File        `json:"provenance"`                   // SLSA / in-toto files, digested
	Downloads          []Download    `json:"downloads"`
	// Advisories are the slugs of the advisories that name the release, in AdvisoryOrder;
	// VEX is its VEX documents, made from them (nil when no advisory names it).
	Advisories []string `json:"advisories"`
	VEX        *VEXFile `json:"vex,omitempty"`
	Source     string   `json:"source"` // site-relative path of the default-language file
	Languages  []string `json:"languages"`
	Path       string   `json:"path"` // "/products/acme-gateway/releases/2.4.0/"
	Links      Links    `json:"links"`
	URL        string   `json:"url"`
}
