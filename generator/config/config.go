// Package config reads a site's evident.toml: the organisation, the declaration, the
// products, the catalogs in use, and settings passed through to Hugo.
//
// Values that are published as lines of a text file are checked so that none can add a
// line: every [securitytxt] field is a URI of the kind RFC 9116 allows (contact: https:,
// mailto: or tel:; policy, acknowledgments, hiring: https:; encryption: https:, dns: or
// openpgp4fpr:), preferredLanguages are language tags, and no value holds a control or
// bidirectional formatting character.
//
// The [hugo] table is passed through to Hugo, except the keys that would break evident's
// promises, which are refused in any casing (Hugo reads keys without case):
//
//   - security: Hugo's security policy stays evident's (Hugo's defaults), so a layout
//     cannot read environment variables such as CI secrets, run other programs or widen
//     what it may fetch;
//   - the folders Hugo reads and writes: publishDir, workingDir, cacheDir, caches,
//     resourceDir, themesDir, contentDir, dataDir, layoutDir, i18nDir, archetypeDir,
//     assetDir, staticDir (and staticDir0 to staticDir10) and module (mounts and imports):
//     evident reads only the site folder and writes only the destination;
//   - what evident sets itself: baseURL, theme, languages, defaultContentLanguage,
//     defaultContentLanguageInSubdir and internal.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
	"github.com/evident-dev/evident/generator/suggest"
)

// File is the name of the configuration file at the site root.
const File = "evident.toml"

// Config is a site's configuration.
type Config struct {
	Title      model.Text
	BaseURL    string
	Languages  []string // the first is the default language
	Catalogs   []Ref    // built-in names or site-relative paths
	ReviewDays int      // evidence reviewed longer ago than this is stale; 0 turns staleness off

	Organization Organization
	Declaration  Declaration
	Products     []Product
	SecurityTxt  *SecurityTxt
	Signature    *Signature
	Advisories   *Advisories // nil without [advisories]
	Brand        *Brand      // nil without [brand]

	// Keys holds where each top-level key of evident.toml starts, for rules that point
	// at a key another part of the site depends on (baseURL, [organization]).
	Keys map[string]diag.Position

	// Hugo holds the [hugo] table, passed through to Hugo.
	Hugo map[string]any
}

// Ref is a string value with its position.
type Ref struct {
	Value string
	Pos   diag.Position
}

type Organization struct {
	Name    model.Text
	URL     string
	Contact string
}

type Declaration struct {
	Title   model.Text
	Version string
	Date    time.Time // zero when not given
	Scope   model.Text
}

// Product is a product the declaration covers.
type Product struct {
	ID          string
	Name        model.Text
	Description model.Text
	Kind        string               // Software or Service: Software unless given
	Support     *model.SupportPolicy // the default support period of its releases; nil when not given
	Documents   []Document           // its documents for users, in file order
	Pos         diag.Position        // where its id is
}

// Product kinds: software delivered to customers, or a service the vendor operates (SaaS).
const (
	Software = "software"
	Service  = "service"
)

// productKinds lists the kinds a product may have.
var productKinds = []string{Software, Service}

// Document is one of a product's documents for users ((2)-4): a page of the site (Page,
// the site-relative path of its default-language content file) or the vendor's own
// manual (URL, https). Check makes sure the page exists.
type Document struct {
	Kind    string // one of model.DocumentKinds
	Title   model.Text
	Page    Ref
	URL     string
	Version string        // the versions it applies to, as the vendor writes them: "2.x"
	Pos     diag.Position // where its table starts
}

// SecurityTxt is the content of /.well-known/security.txt (RFC 9116).
type SecurityTxt struct {
	Contact            []string
	Expires            time.Time
	ExpiresPos         diag.Position // where expires is, for CheckExpires
	PreferredLanguages []string
	Policy             string
	Acknowledgments    string
	Hiring             string
	Encryption         string
}

// Signature says how SHA256SUMS is signed in CI: an SSH key whose public half is in the site.
type Signature struct {
	PublicKey Ref    // site-relative path of the .pub file
	Identity  string // principal for allowed_signers, e.g. "release@example.com"
}

// DefaultReviewDays is the review period when evident.toml does not set one.
const DefaultReviewDays = 365

var (
	languageRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)
	productRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

// Load reads evident.toml from the root of fsys.
func Load(fsys fs.FS) (*Config, diag.List) {
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		d := diag.Errorf(diag.Position{File: File}, "no-config", "cannot read %s: %v", File, unwrapPathError(err)).
			WithHint("run evident in a site folder, or create one with `evident init`")
		return nil, diag.List{d}
	}
	return Parse(data)
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Parse reads the content of evident.toml.
func Parse(data []byte) (*Config, diag.List) {
	root, diags := node.ParseTOML(File, data)
	if root == nil || diags.HasErrors() {
		return nil, diags
	}
	d := decoder{f: node.Fields{Hints: hints}}
	f := &d.f
	c := &Config{}
	f.Table(root, "", "advisories", "baseURL", "brand", "catalogs", "declaration", "hugo", "languages", "organization", "products",
		"reviewDays", "securitytxt", "signature", "title")
	c.Keys = map[string]diag.Position{}
	for _, k := range root.Keys {
		c.Keys[k] = root.Map[k].Start()
	}
	c.Title = d.text(root.Get("title"), "title")
	c.BaseURL = cmp.Or(d.baseURL(root.Get("baseURL")), "/")
	c.Languages = d.languages(root.Get("languages"))
	for _, s := range f.Strings(root.Get("catalogs"), "catalogs") {
		c.Catalogs = append(c.Catalogs, Ref{Value: s.Str, Pos: s.Pos})
	}
	c.ReviewDays = d.reviewDays(root.Get("reviewDays"))
	if n := root.Get("organization"); f.Table(n, "organization", "contact", "name", "url") {
		c.Organization.Name = d.text(n.Get("name"), "organization.name")
		c.Organization.URL = d.url(n.Get("url"), "organization.url")
		c.Organization.Contact, _ = f.String(n.Get("contact"), "organization.contact")
	}
	if n := root.Get("declaration"); f.Table(n, "declaration", "date", "scope", "title", "version") {
		c.Declaration.Title = d.text(n.Get("title"), "declaration.title")
		c.Declaration.Version, _ = f.String(n.Get("version"), "declaration.version")
		c.Declaration.Date, _ = f.Date(n.Get("date"), "declaration.date")
		c.Declaration.Scope = d.text(n.Get("scope"), "declaration.scope")
	}
	c.Products = d.products(root.Get("products"))
	c.SecurityTxt = d.securityTxt(root.Get("securitytxt"))
	c.Signature = d.signature(root.Get("signature"))
	c.Advisories = d.advisories(root.Get("advisories"))
	c.Brand = d.brand(root.Get("brand"))
	c.Hugo = d.hugo(root.Get("hugo"))

	if len(c.Languages) == 0 {
		c.Languages = []string{"ja", "en"}
	}
	if len(c.Catalogs) == 0 {
		c.Catalogs = []Ref{{Value: "cip", Pos: diag.Position{File: File, Line: 1, Col: 1}}}
	}
	if len(c.Title) == 0 {
		f.Add(diag.Errorf(diag.Position{File: File, Line: 1, Col: 1}, "missing-key", "the site has no title").
			WithHint(`add title = "ACME トラストセンター" at the top of evident.toml`))
	}
	return c, append(diags, f.Diags...)
}

const (
	languagesHint  = `languages = ["ja", "en"]; the first is the default`
	reviewDaysHint = "reviewDays = 365 marks evidence reviewed more than a year ago as stale; 0 turns this off"
)

// hints say how to write a value of evident.toml that has the wrong type, by its key.
var hints = map[string]string{
	"languages":             languagesHint,
	"catalogs":              `catalogs = ["cip", "catalogs/extra.toml"]: built-in catalogs by name, the site's own by path`,
	"reviewDays":            reviewDaysHint,
	"hugo":                  "[hugo] is a table of Hugo settings, such as [hugo.markup.goldmark.renderer] with unsafe = true",
	"advisories":            "[advisories] is a table: " + openPGPKeyHint,
	"advisories.openpgpKey": openPGPKeyHint,
	"brand":                 brandHint,
	"brand.accent":          accentHint,
}

// decoder reads the values of evident.toml that need more than node's typed fields.
type decoder struct{ f node.Fields }

// text reads a string for every language ("*"), or a table of strings by language.
func (d *decoder) text(n *node.Node, name string) model.Text {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case node.String:
		return model.Text{"*": n.Str}
	case node.Map:
		byLang := d.f.Text(n, name)
		t := model.Text{}
		for _, k := range n.Keys {
			if !languageRe.MatchString(k) {
				d.f.Add(diag.Errorf(n.Map[k].KeyPos, "bad-language", "%q is not a language code", k).
					WithHint(`use codes such as "ja" and "en"`))
			} else if s, ok := byLang[k]; ok {
				t[k] = s
			}
		}
		return t
	}
	d.f.Wrong(n, name, "a string or a table of strings by language",
		`write one string for every language, or one for each: { ja = "…", en = "…" }`)
	return nil
}

func (d *decoder) languages(n *node.Node) []string {
	if n != nil && n.Kind == node.List && len(n.List) == 0 {
		d.f.Add(diag.Errorf(n.Pos, "bad-value", "languages is empty").WithHint(languagesHint))
	}
	var langs []string
	seen := map[string]bool{}
	for _, s := range d.f.Strings(n, "languages") {
		if !languageRe.MatchString(s.Str) {
			d.f.Add(diag.Errorf(s.Pos, "bad-language", "%q is not a language code", s.Str).
				WithHint(`use lower-case codes such as "ja" and "en"`))
		}
		if seen[s.Str] {
			d.f.Add(diag.Errorf(s.Pos, "duplicate", "language %q is listed twice", s.Str).
				WithHint("remove the second one"))
		}
		seen[s.Str] = true
		langs = append(langs, s.Str)
	}
	return langs
}

func (d *decoder) reviewDays(n *node.Node) int {
	days, ok := d.f.Int(n, "reviewDays")
	if !ok {
		return DefaultReviewDays
	}
	if days < 0 || days > 100000 {
		d.f.Add(diag.Errorf(n.Pos, "bad-value", "reviewDays must be from 0 to 100000 days, not %d", days).
			WithHint(reviewDaysHint))
		return DefaultReviewDays
	}
	return int(days)
}

func (d *decoder) url(n *node.Node, name string) string {
	s, ok := d.f.String(n, name)
	if !ok || s == "" {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto" || u.Scheme != "mailto" && u.Host == "" {
		d.f.Add(diag.Errorf(n.Pos, "bad-url", "%q is not an absolute http(s) URL", s).WithHint("write the full URL, such as https://www.example.com/"))
	}
	return s
}

func (d *decoder) baseURL(n *node.Node) string {
	s, ok := d.f.String(n, "baseURL")
	if !ok {
		return ""
	}
	s, err := BaseURL(s)
	if err != nil {
		d.f.Add(diag.Errorf(n.Pos, "bad-url", "baseURL %v", err).
			WithHint(`baseURL = "https://trust.example.com/" (where the site will be published)`))
	}
	return s
}

func (d *decoder) products(n *node.Node) []Product {
	var out []Product
	seen := map[string]diag.Position{}
	for _, v := range d.f.Tables(n, "products") {
		d.f.Table(v, "products", "description", "documents", "id", "kind", "name", "support")
		p := Product{Pos: v.Pos, Name: d.text(v.Get("name"), "products.name"),
			Description: d.text(v.Get("description"), "products.description"),
			Kind:        d.oneOf(v.Get("kind"), "products.kind", Software, productKinds),
			Support:     d.support(v.Get("support")), Documents: d.documents(v.Get("documents"))}
		if id := v.Get("id"); id != nil {
			p.ID, _ = d.f.String(id, "products.id")
			p.Pos = id.Pos
		}
		if p.ID == "" {
			d.f.Add(diag.Errorf(v.Pos, "missing-key", "a product needs an id").WithHint(`add id = "acme-gateway"`))
			continue
		}
		if !productRe.MatchString(p.ID) {
			d.f.Add(diag.Errorf(p.Pos, "bad-product-id", "product id %q must be lower-case letters, digits, '.', '_' or '-'", p.ID).
				WithHint("ids appear in URLs and evidence files; name it like %q", strings.ToLower(strings.ReplaceAll(p.ID, " ", "-"))))
		}
		if prev, dup := seen[p.ID]; dup {
			d.f.Add(diag.Errorf(p.Pos, "duplicate", "product %q is declared twice (first at %s)", p.ID, prev).
				WithHint("remove one of them, or give it another id"))
			continue
		}
		seen[p.ID] = p.Pos
		if len(p.Name) == 0 {
			p.Name = model.Text{"*": p.ID}
		}
		out = append(out, p)
	}
	return out
}

// oneOf reads a string that must be one of values, or def when absent or wrong.
func (d *decoder) oneOf(n *node.Node, name, def string, values []string) string {
	s, ok := d.f.String(n, name)
	if !ok {
		return def
	}
	if slices.Contains(values, s) {
		return s
	}
	msg := fmt.Sprintf("unknown %s %q", name[strings.LastIndexByte(name, '.')+1:], s)
	if near := suggest.Nearest(s, values); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.f.Add(diag.Errorf(n.Pos, "bad-value", "%s", msg).WithHint("%s is one of %s", name, strings.Join(values, ", ")))
	return def
}

// maxSupportMonths bounds a support period: a hundred years.
const maxSupportMonths = 1200

const supportHint = "support = { months = 24, securityMonths = 36 }: months from each release's date until the end of support, and of security fixes"

// support reads a product's default support period.
func (d *decoder) support(n *node.Node) *model.SupportPolicy {
	if !d.f.Table(n, "products.support", "months", "securityMonths") {
		return nil
	}
	months := func(key string) int {
		v := n.Get(key)
		m, ok := d.f.Int(v, "products.support."+key)
		if ok && (m < 1 || m > maxSupportMonths) {
			d.f.Add(diag.Errorf(v.Pos, "bad-value", "%s must be from 1 to %d months, not %d", key, maxSupportMonths, m).WithHint("%s", supportHint))
			return 0
		}
		return int(m)
	}
	s := &model.SupportPolicy{Months: months("months"), SecurityMonths: months("securityMonths")}
	if s.Months > 0 && s.SecurityMonths > 0 && s.SecurityMonths < s.Months {
		d.f.Add(diag.Errorf(n.Get("securityMonths").Pos, "bad-value", "securityMonths (%d) is shorter than months (%d): security fixes end after support does", s.SecurityMonths, s.Months).
			WithHint("give securityMonths at least %d, or leave it out (security fixes then end with support)", s.Months))
	}
	return s
}

// documents reads a product's [[products.documents]].
func (d *decoder) documents(n *node.Node) []Document {
	var out []Document
	for _, v := range d.f.Tables(n, "products.documents") {
		d.f.Table(v, "products.documents", "kind", "page", "title", "url", "version")
		doc := Document{Pos: v.Pos, Title: d.text(v.Get("title"), "products.documents.title")}
		if k := v.Get("kind"); k == nil {
			d.f.Add(diag.Errorf(v.Pos, "missing-key", "a document needs a kind").
				WithHint("add kind = %q: one of %s", model.DocumentKinds[0], strings.Join(model.DocumentKinds, ", ")))
		} else {
			doc.Kind = d.oneOf(k, "products.documents.kind", "", model.DocumentKinds)
		}
		doc.Version, _ = d.f.String(v.Get("version"), "products.documents.version")
		if p := v.Get("page"); p != nil {
			doc.Page.Value, _ = d.f.String(p, "products.documents.page")
			doc.Page.Pos = p.Pos
		}
		if u := v.Get("url"); u != nil {
			doc.URL, _ = d.f.String(u, "products.documents.url")
			if doc.URL != "" && !model.IsHTTPS(doc.URL) {
				d.f.Add(diag.Errorf(u.Pos, "bad-url", "document url %q is not an absolute https URL", doc.URL).
					WithHint(`write the full https URL of the manual, such as "https://docs.example.com/gateway/install/"`))
			}
		}
		if (v.Get("page") == nil) == (v.Get("url") == nil) {
			d.f.Add(diag.Errorf(v.Pos, "bad-document", "a document needs exactly one of page and url").
				WithHint(`give page = "content/docs/install.md" for a page of the site, or url = "https://…" for a manual elsewhere`))
		}
		if doc.Kind != "" {
			out = append(out, doc)
		}
	}
	return out
}

// isHTTPS reports whether s is an absolute https URL with a host.

func (d *decoder) signature(n *node.Node) *Signature {
	if !d.f.Table(n, "signature", "identity", "publicKey") {
		return nil
	}
	s := &Signature{}
	if key := n.Get("publicKey"); key != nil {
		s.PublicKey.Value, _ = d.f.String(key, "signature.publicKey")
		s.PublicKey.Pos = key.Pos
	}
	s.Identity, _ = d.f.String(n.Get("identity"), "signature.identity")
	if s.PublicKey.Value == "" || s.Identity == "" {
		d.f.Add(diag.Errorf(n.KeyPos, "missing-key", "[signature] needs publicKey and identity").
			WithHint(`add publicKey = "keys/release.pub" and identity = "release@example.com"`))
	}
	return s
}

// Product returns the product with the given id.
func (c *Config) Product(id string) (Product, bool) {
	for _, p := range c.Products {
		if p.ID == id {
			return p, true
		}
	}
	return Product{}, false
}

// Resolve fills a Text given as one string ("*") for every site language.
func (c *Config) Resolve(t model.Text) model.Text {
	if s, ok := t["*"]; ok {
		out := model.Text{}
		for _, l := range c.Languages {
			out[l] = s
		}
		return out
	}
	return t
}
