// Package model owns the declaration as data: the one model that declaration.json,
// the CSV and OSCAL exports and the site's templates are all made from. It imports
// nothing of evident's: the packages that build it and the writers that read it
// depend on it, never the other way round.
//
// Everything here is plain data with JSON tags; maps are keyed by stable slugs so
// encoding/json writes them sorted, and lists are in catalog or slug order. The
// model is built once per build by the pipeline and never mutated afterwards.
//
// Text in several languages is one type, Text, with one fallback rule (Text.In).
package model

import (
	"maps"
	"slices"
	"strings"
)

// Status is a coverage status. The five values are a published contract.
type Status string

const (
	Implemented   Status = "implemented"
	Partial       Status = "partial"
	Planned       Status = "planned"
	NotApplicable Status = "not-applicable"
	NotAddressed  Status = "not-addressed"
)

// StatusLabel is how a status is shown: a symbol and a word, never colour alone.
type StatusLabel struct {
	Symbol string
	Word   Text
}

// StatusLabels gives each status its symbol and words.
var StatusLabels = map[Status]StatusLabel{
	Implemented:   {"●", Text{"ja": "対応済み", "en": "Implemented"}},
	Partial:       {"◐", Text{"ja": "一部対応", "en": "Partial"}},
	Planned:       {"○", Text{"ja": "計画中", "en": "Planned"}},
	NotApplicable: {"–", Text{"ja": "対象外", "en": "Not applicable"}},
	// Not "未対応" ("we do not do this"): what is missing is evidence, not necessarily the practice.
	NotAddressed: {"✕", Text{"ja": "エビデンス未提示", "en": "No evidence given"}},
}

// Label returns the symbol and word of s in lang.
func (s Status) Label(lang string) string {
	l := StatusLabels[s]
	return l.Symbol + " " + l.Word.In(lang)
}

// Statuses lists every status in the order the site presents them.
var Statuses = []Status{Implemented, Partial, Planned, NotApplicable, NotAddressed}

// Text is a string in several languages, keyed by language code ("ja", "en").
type Text map[string]string

// In returns the text in lang. The one fallback rule of evident: a text missing in
// lang ("ja-JP") is looked up by its primary language ("ja"), then shown in the first
// language, in key order, that has it; an empty Text is "".
func (t Text) In(lang string) string {
	s, _ := t.Lookup(lang)
	return s
}

// Lookup is In that also says which language the text is in, so that a page can mark
// text shown in another language than its own.
func (t Text) Lookup(lang string) (text, in string) {
	if s := t[lang]; s != "" {
		return s, lang
	}
	if primary, _, ok := strings.Cut(lang, "-"); ok && t[primary] != "" {
		return t[primary], primary
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		if s := t[k]; s != "" {
			return s, k
		}
	}
	return "", ""
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// Merge returns t with the languages that u gives replaced by u's text.
func (t Text) Merge(u Text) Text {
	out := Text{}
	for k, s := range t {
		if s != "" {
			out[k] = s
		}
	}
	for k, s := range u {
		if s != "" {
			out[k] = s
		}
	}
	return out
}

// Counts tallies statuses, for a product, a category or the whole declaration.
type Counts struct {
	Total         int `json:"total"`
	Implemented   int `json:"implemented"`
	Partial       int `json:"partial"`
	Planned       int `json:"planned"`
	NotApplicable int `json:"notApplicable"`
	NotAddressed  int `json:"notAddressed"`
	// Stale counts the items, of any status, whose every evidence item is past its
	// review date (Item.Stale, or Cell.Stale for a product's counts).
	Stale int `json:"stale"`
	// ByStatus gives the same numbers as a list in Statuses order, zeros included, so
	// that a page shows them in order without naming each status. Set by NewCounts and Add.
	ByStatus []StatusCount `json:"byStatus,omitempty"`
}

// StatusCount is how many items have one status.
type StatusCount struct {
	Status Status `json:"status"`
	N      int    `json:"n"`
}

// NewCounts returns counts of nothing with its ByStatus list, all zeros.
func NewCounts() Counts {
	c := Counts{ByStatus: make([]StatusCount, len(Statuses))}
	for i, s := range Statuses {
		c.ByStatus[i].Status = s
	}
	return c
}

// Add counts one status; a status evident does not know counts as not addressed.
func (c *Counts) Add(s Status) {
	if c.ByStatus == nil {
		c.ByStatus = NewCounts().ByStatus
	}
	if !slices.Contains(Statuses, s) {
		s = NotAddressed
	}
	c.ByStatus[slices.Index(Statuses, s)].N++
	c.Total++
	switch s {
	case Implemented:
		c.Implemented++
	case Partial:
		c.Partial++
	case Planned:
		c.Planned++
	case NotApplicable:
		c.NotApplicable++
	default:
		c.NotAddressed++
	}
}

// Declaration is the whole declaration: what declaration.json holds, in the format that
// Schema describes (declaration.schema.json, published beside it).
type Declaration struct {
	// Schema is the absolute URL of the JSON Schema of this format, as the site publishes
	// it ("https://example.com/declaration.schema.json").
	Schema string `json:"$schema"`
	// FormatVersion is the version of the format, FormatVersion ("MAJOR.MINOR").
	FormatVersion string `json:"formatVersion"`

	Generator    string       `json:"generator"` // "evident VERSION"
	BaseURL      string       `json:"baseURL"`
	Languages    []string     `json:"languages"` // the first is the default language
	Title        Text         `json:"title"`     // the site title
	Organization Organization `json:"organization"`
	Declaration  Statement    `json:"declaration"`
	// Framework is the id of the site's default catalog ("cip").
	Framework string `json:"framework"`
	// Statuses lists the five statuses in the order the site presents them.
	Statuses []Status  `json:"statuses"`
	Catalogs []Catalog `json:"catalogs"`
	Products []Product `json:"products"`
	// Summary and each product's Counts are requirement-level counts of the default
	// framework's provider-side requirements: those addressed to customers (Party
	// "customer", the guideline's category (6)) are guidance for customers, never the
	// vendor's gaps, and are counted only in their category's Counts.
	Summary    Counts `json:"summary"`
	Gaps       Gaps   `json:"gaps"`
	ReviewDays int    `json:"reviewDays"`
	// Categories, in catalog order, of the default framework.
	Categories []string `json:"categories"` // slugs into Items
	// Items holds every catalog item of every framework, keyed by Key (framework-qualified slug).
	Items map[string]*Item `json:"items"`
	// Order lists every item key in catalog order, default framework first.
	Order    []string             `json:"order"`
	Evidence map[string]*Evidence `json:"evidence"` // keyed by evidence slug
	// EvidenceOrder lists evidence slugs, most recently reviewed first, then by slug.
	EvidenceOrder []string `json:"evidenceOrder"`
	// SBOMs in the order the site shows them: products in declaration order, each
	// product's releases newest first, then releases it does not declare; then SBOMs of
	// no declared product; then by path.
	SBOMs []SBOM `json:"sboms"`
	// Releases holds every release of every product, keyed by Release.Key.
	Releases    map[string]*Release `json:"releases"`
	Crosswalks  []Crosswalk         `json:"crosswalks,omitempty"`
	SecurityTxt bool                `json:"securityTxt"`
	Signature   *Signature          `json:"signature,omitempty"`
	// Advisories holds every security advisory, keyed by Advisory.Slug; AdvisoryOrder
	// lists them newest first (by Updated, then Released, then ID).
	Advisories    map[string]*Advisory `json:"advisories"`
	AdvisoryOrder []string             `json:"advisoryOrder"`
	// CSAF says how the advisories are published as a CSAF 2.0 provider; nil when the
	// site has no advisories.
	CSAF *CSAFProvider `json:"csaf,omitempty"`
	// AdvisoryItems are the keys of the catalog items whose pages list the advisories as
	// evidence of practice: (3)-2 of the guideline and its individual requirements.
	AdvisoryItems []string `json:"advisoryItems"`
	// Brand is the vendor's look: logo, accent colour, favicon, links; nil without [brand].
	Brand *Brand `json:"brand,omitempty"`
}

// Brand is the vendor's look. Logo and Favicon are site paths ("/brand/logo.svg").
type Brand struct {
	Logo    string    `json:"logo,omitempty"`
	LogoAlt Text      `json:"logoAlt,omitempty"`
	Accent  string    `json:"accent,omitempty"` // "#0b5394"
	Favicon string    `json:"favicon,omitempty"`
	Nav     []NavLink `json:"nav,omitempty"`
}

// NavLink is a link of the navigation to one of the vendor's pages: a page of the site
// (Links, by language) or elsewhere (URL).
type NavLink struct {
	Title Text   `json:"title"`
	Links Links  `json:"links,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Gaps is what the trust page's "gaps and freshness" panel lists, all of the default
// framework's provider-side items or their evidence; each list empty, never null.
type Gaps struct {
	// NotAddressed are the keys of requirements without evidence for at least one
	// product (or overall, without products), in catalog order.
	NotAddressed []string `json:"notAddressed"`
	// Planned are the slugs of planned evidence, by target date (none last), then slug.
	Planned []string `json:"planned"`
	// Stale are the slugs of evidence past its review date, in EvidenceOrder.
	Stale []string `json:"stale"`
}

// Organization is who makes the declaration.
type Organization struct {
	Name    Text   `json:"name"`
	URL     string `json:"url,omitempty"`
	Contact string `json:"contact,omitempty"`
}

// Statement is what is declared, as of when.
type Statement struct {
	Title   Text   `json:"title"`
	Version string `json:"version"`
	Date    string `json:"date"` // YYYY-MM-DD
	Scope   Text   `json:"scope"`
}

// Catalog describes one loaded framework.
type Catalog struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Title    Text   `json:"title"`
	Note     Text   `json:"note,omitempty"`
	Official bool   `json:"official"`
	Default  bool   `json:"default"`
}

// Product is a product the declaration covers, with its requirement-level counts, its
// releases and its documents for users.
type Product struct {
	ID          string `json:"id"`
	Name        Text   `json:"name"`
	Description Text   `json:"description,omitempty"`
	Counts      Counts `json:"counts"`
	// Kind is "software" (delivered to customers) or "service" (operated by the vendor, SaaS).
	Kind    string         `json:"kind"`
	Support *SupportPolicy `json:"support,omitempty"`
	// Releases are keys into Declaration.Releases, newest first (semantic version where
	// every version of the product parses as one, else by date).
	Releases []string `json:"releases"`
	Latest   string   `json:"latest,omitempty"` // key of the newest release
	// Documents has one entry per kind given, in DocumentKinds order; Missing names the
	// kinds the product has no document for.
	Documents []Document `json:"documents"`
	Missing   []string   `json:"missingDocuments"`
	// Events are the product's lifecycle changes up to the build's date, newest first.
	Events []Event `json:"events"`
	// Advisories are the slugs of the advisories that name the product, in AdvisoryOrder.
	Advisories []string `json:"advisories"`
	Path       string   `json:"path"` // "/products/acme-gateway/"
	Links      Links    `json:"links"`
	URL        string   `json:"url"`
}

// Item is a catalog item (category, requirement or individual requirement) with its coverage.
type Item struct {
	Key       string   `json:"key"`                // unique across frameworks: slug for the default framework, "ssdf/pw-6-1" otherwise
	ID        string   `json:"id"`                 // canonical ID as written in the guideline: "S(1)-2.2"
	Framework string   `json:"framework"`          // "cip"
	Slug      string   `json:"slug"`               // "s1-2-2"
	Level     string   `json:"level"`              // "category" | "requirement" | "individual"
	Parent    string   `json:"parent,omitempty"`   // key of the parent item
	Children  []string `json:"children,omitempty"` // keys
	Title     Text     `json:"title"`
	Summary   Text     `json:"summary,omitempty"`
	// Responsibility is set on categories of the guideline. Party ("provider" or
	// "customer") is set on every item of the guideline, from its category; customer-side
	// items are guidance for customers and counted apart (see Declaration.Summary).
	Responsibility Text              `json:"responsibility,omitempty"`
	Party          string            `json:"party,omitempty"`
	Status         Status            `json:"status"`   // rolled up over products and children
	Products       map[string]Status `json:"products"` // product id -> status
	Counts         Counts            `json:"counts"`   // categories: their requirements' statuses
	// Stale is set when the item has evidence (Subtree) and every item of it is past its
	// review date: nothing current stands behind the status.
	Stale    bool     `json:"stale"`
	Evidence []string `json:"evidence"` // slugs of evidence that addresses this item directly
	// Subtree lists the evidence on this item or any item below it, in EvidenceOrder;
	// ByProduct the same, keeping only evidence that covers each product.
	Subtree   []string            `json:"subtree"`
	ByProduct map[string][]string `json:"byProduct"`
	Related   []string            `json:"related,omitempty"` // keys of informative crosswalk items
	// Ancestors are the keys of the items above this one, the category first.
	Ancestors []string `json:"ancestors"`
	// Cells are the item's row of the coverage matrix: one per product in product order,
	// or, in a declaration without products, one for the item's overall status.
	Cells []Cell `json:"cells"`
	Path  string `json:"path"`  // site path without language prefix: "/requirements/s1-2-2/"
	Links Links  `json:"links"` // the page in each language
	URL   string `json:"url"`   // absolute URL in the default language
}

// Links are where a page is in each language of the site: language -> path relative to
// the site root, without a leading slash so that it keeps the base URL's sub-path ("" or
// "en/requirements/s1-2-2/"). A page that has no version in a language links to its
// default-language page from that language's pages.
type Links map[string]string

// Cell is one cell of the coverage matrix: an item's status for a product (or overall,
// when Product is ""), and where the cell leads: the one evidence item behind it when
// there is exactly one, else the item's page.
type Cell struct {
	Product  string `json:"product,omitempty"`
	Status   Status `json:"status"`
	Evidence string `json:"evidence,omitempty"` // slug of the sole evidence item
	Stale    bool   `json:"stale,omitempty"`    // the cell has evidence, and all of it is stale
	Links    Links  `json:"links"`              // Evidence's page when set, else the item's
}

// Evidence is one evidence item with its translations merged.
type Evidence struct {
	Slug        string   `json:"slug"`
	Title       Text     `json:"title"`
	Description Text     `json:"description,omitempty"`
	Status      Status   `json:"status"`
	Products    []string `json:"products"`           // empty: every product
	Reviewed    string   `json:"reviewed,omitempty"` // YYYY-MM-DD
	Stale       bool     `json:"stale"`
	// Target is when planned evidence is expected to be in place (YYYY-MM-DD), if given.
	Target        string   `json:"target,omitempty"`
	Owner         Text     `json:"owner,omitempty"`
	Justification Text     `json:"justification,omitempty"`
	Requirements  []string `json:"requirements"` // item keys
	Artifacts     []File   `json:"artifacts"`
	SBOMs         []string `json:"sboms"`  // paths into Model.SBOMs
	Source        string   `json:"source"` // site-relative path of the default-language file
	// Languages are those the evidence has a page in: the default one and its translations.
	// Links from a page in another language go to the default-language page.
	Languages []string `json:"languages"`
	Path      string   `json:"path"`  // site path without language prefix: "/evidence/build/hardened/"
	Links     Links    `json:"links"` // the page in each language; the default-language page where it has no translation
	URL       string   `json:"url"`   // absolute URL in the default language
}

// File is a published file with its digest.
type File struct {
	Path string `json:"path"` // site-relative, slash-separated; its URL below the site root has each segment percent-encoded
	// URL is the absolute URL of the file (FileURL of the site's base URL and Path).
	URL    string `json:"url"`
	Title  Text   `json:"title,omitempty"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// SBOM is a published SBOM with what evident understood of it.
type SBOM struct {
	File
	Product         string   `json:"product,omitempty"`
	Release         string   `json:"release,omitempty"`
	Evidence        string   `json:"evidence,omitempty"` // slug of the evidence that lists it; "" for a release's own SBOM
	Format          string   `json:"format"`             // CycloneDX | SPDX
	Encoding        string   `json:"encoding"`           // json | xml | tag-value | json-ld
	SpecVersion     string   `json:"specVersion"`
	VEX             bool     `json:"vex"`
	SubjectName     string   `json:"subjectName,omitempty"`
	SubjectVersion  string   `json:"subjectVersion,omitempty"`
	Components      int      `json:"components"`
	Services        int      `json:"services"` // CycloneDX services: what a SaaSBOM lists
	Vulnerabilities int      `json:"vulnerabilities"`
	Licenses        []string `json:"licenses"`
	Tools           []string `json:"tools"`
	Created         string   `json:"created,omitempty"` // RFC 3339, UTC
}

// Crosswalk is an informative mapping between two frameworks.
type Crosswalk struct {
	From     string      `json:"from"` // framework ids
	To       string      `json:"to"`
	Official bool        `json:"official"`
	Title    Text        `json:"title,omitempty"`
	Note     Text        `json:"note,omitempty"`
	Pairs    [][2]string `json:"pairs"` // item keys, from then to
}

// Signature tells how SHA256SUMS is signed, when it is.
type Signature struct {
	Format    string `json:"format"`    // "ssh"
	PublicKey string `json:"publicKey"` // the key as published, e.g. "ssh-ed25519 AAAA... release"
	Identity  string `json:"identity"`  // the principal for allowed_signers
	File      string `json:"file"`      // "SHA256SUMS.sig"
	// Fingerprint is the key's SHA-256 fingerprint as ssh-keygen -l prints it
	// ("SHA256:…"), for customers to compare with the one the organisation publishes
	// elsewhere.
	Fingerprint string `json:"fingerprint"`
}
