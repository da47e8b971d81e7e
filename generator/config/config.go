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
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/node"
	"github.com/evident-dev/evident/generator/suggest"
)

// File is the name of the configuration file at the site root.
const File = "evident.toml"

// Config is a site's configuration.
type Config struct {
	Title      export.Text
	BaseURL    string
	Languages  []string // the first is the default language
	Catalogs   []Ref    // built-in names or site-relative paths
	ReviewDays int      // evidence reviewed longer ago than this is stale; 0 turns staleness off

	Organization Organization
	Declaration  Declaration
	Products     []Product
	SecurityTxt  *SecurityTxt
	Signature    *Signature

	// Hugo holds the [hugo] table, passed through to Hugo.
	Hugo map[string]any
}

// Ref is a string value with its position.
type Ref struct {
	Value string
	Pos   diag.Position
}

type Organization struct {
	Name    export.Text
	URL     string
	Contact string
}

type Declaration struct {
	Title   export.Text
	Version string
	Date    time.Time // zero when not given
	Scope   export.Text
}

type Product struct {
	ID          string
	Name        export.Text
	Description export.Text
	Pos         diag.Position
}

// SecurityTxt is the content of /.well-known/security.txt (RFC 9116).
type SecurityTxt struct {
	Contact            []string
	Expires            time.Time
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
	d := decoder{}
	c := &Config{ReviewDays: DefaultReviewDays}
	d.fields(root, "", map[string]func(*node.Node){
		"title":      func(n *node.Node) { c.Title = d.text(n) },
		"baseURL":    func(n *node.Node) { c.BaseURL = d.baseURL(n) },
		"languages":  func(n *node.Node) { c.Languages = d.languages(n) },
		"catalogs":   func(n *node.Node) { c.Catalogs = d.refs(n) },
		"reviewDays": func(n *node.Node) { c.ReviewDays = d.nonNegative(n) },
		"organization": func(n *node.Node) {
			d.fields(n, "organization.", map[string]func(*node.Node){
				"name":    func(n *node.Node) { c.Organization.Name = d.text(n) },
				"url":     func(n *node.Node) { c.Organization.URL = d.url(n) },
				"contact": func(n *node.Node) { c.Organization.Contact = d.str(n) },
			})
		},
		"declaration": func(n *node.Node) {
			d.fields(n, "declaration.", map[string]func(*node.Node){
				"title":   func(n *node.Node) { c.Declaration.Title = d.text(n) },
				"version": func(n *node.Node) { c.Declaration.Version = d.str(n) },
				"date":    func(n *node.Node) { c.Declaration.Date = d.date(n) },
				"scope":   func(n *node.Node) { c.Declaration.Scope = d.text(n) },
			})
		},
		"products": func(n *node.Node) { c.Products = d.products(n) },
		"securitytxt": func(n *node.Node) {
			s := &SecurityTxt{}
			d.fields(n, "securitytxt.", map[string]func(*node.Node){
				"contact":            func(n *node.Node) { s.Contact = d.securityList(n, "contact", contactURI) },
				"expires":            func(n *node.Node) { s.Expires = d.dateTime(n) },
				"preferredLanguages": func(n *node.Node) { s.PreferredLanguages = d.securityList(n, "preferredLanguages", languageTag) },
				"policy":             func(n *node.Node) { s.Policy = d.securityValue(n, "policy", httpsURL) },
				"acknowledgments":    func(n *node.Node) { s.Acknowledgments = d.securityValue(n, "acknowledgments", httpsURL) },
				"hiring":             func(n *node.Node) { s.Hiring = d.securityValue(n, "hiring", httpsURL) },
				"encryption":         func(n *node.Node) { s.Encryption = d.securityValue(n, "encryption", encryptionURI) },
			})
			if len(s.Contact) == 0 {
				d.add(diag.Errorf(n.KeyPos, "missing-key", "[securitytxt] needs contact").
					WithHint(`add contact = ["mailto:security@example.com"] (RFC 9116 requires it)`))
			}
			if s.Expires.IsZero() {
				d.add(diag.Errorf(n.KeyPos, "missing-key", "[securitytxt] needs expires").
					WithHint("add expires = 2027-11-01T00:00:00Z (RFC 9116 requires it; at most a year ahead)"))
			}
			c.SecurityTxt = s
		},
		"signature": func(n *node.Node) {
			s := &Signature{}
			d.fields(n, "signature.", map[string]func(*node.Node){
				"publicKey": func(n *node.Node) { s.PublicKey = d.ref(n) },
				"identity":  func(n *node.Node) { s.Identity = d.str(n) },
			})
			if s.PublicKey.Value == "" || s.Identity == "" {
				d.add(diag.Errorf(n.KeyPos, "missing-key", "[signature] needs publicKey and identity").
					WithHint(`add publicKey = "keys/release.pub" and identity = "release@example.com"`))
			}
			c.Signature = s
		},
		"hugo": func(n *node.Node) { c.Hugo = d.hugo(n) },
	})
	if len(c.Languages) == 0 {
		c.Languages = []string{"ja", "en"}
	}
	if len(c.Catalogs) == 0 {
		c.Catalogs = []Ref{{Value: "cip", Pos: diag.Position{File: File, Line: 1, Col: 1}}}
	}
	if len(c.Title) == 0 {
		d.add(diag.Errorf(diag.Position{File: File, Line: 1, Col: 1}, "missing-key", "the site has no title").
			WithHint(`add title = "ACME トラストセンター" at the top of evident.toml`))
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	return c, append(diags, d.diags...)
}

// decoder turns nodes into values, collecting every problem.
type decoder struct{ diags diag.List }

func (d *decoder) add(x diag.Diagnostic) { d.diags = append(d.diags, x) }

func (d *decoder) badType(n *node.Node, want string) {
	d.add(diag.Errorf(n.Pos, "bad-type", "expected %s, got %s", want, n.KindName()))
}

// fields decodes a table with a handler per known key; unknown keys are errors.
func (d *decoder) fields(n *node.Node, prefix string, known map[string]func(*node.Node)) {
	if n.Kind != node.Map {
		d.badType(n, "a table")
		return
	}
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range n.Keys {
		v := n.Map[k]
		if f, ok := known[k]; ok {
			f(v)
			continue
		}
		x := diag.Errorf(v.KeyPos, "unknown-key", "unknown key %q in %s", prefix+k, File).
			WithHint("known keys here: %s", strings.Join(names, ", "))
		if s := suggest.Nearest(k, names); s != "" {
			x.Message += fmt.Sprintf("; did you mean %q?", prefix+s)
		}
		d.add(x)
	}
}

func (d *decoder) str(n *node.Node) string {
	if n.Kind != node.String {
		d.badType(n, "a string")
		return ""
	}
	return n.Str
}

func (d *decoder) ref(n *node.Node) Ref { return Ref{Value: d.str(n), Pos: n.Pos} }

// text reads a string for every language, or a table of strings by language.
func (d *decoder) text(n *node.Node) export.Text {
	switch n.Kind {
	case node.String:
		return export.Text{"*": n.Str}
	case node.Map:
		t := export.Text{}
		for _, k := range n.Keys {
			v := n.Map[k]
			if !languageRe.MatchString(k) {
				d.add(diag.Errorf(v.KeyPos, "bad-language", "%q is not a language code", k).WithHint(`use codes such as "ja" and "en"`))
				continue
			}
			t[k] = d.str(v)
		}
		return t
	}
	d.badType(n, `a string or a table of strings by language ({ ja = "…", en = "…" })`)
	return nil
}

func (d *decoder) strings(n *node.Node) []string {
	var out []string
	for _, r := range d.refs(n) {
		out = append(out, r.Value)
	}
	return out
}

func (d *decoder) refs(n *node.Node) []Ref {
	if n.Kind != node.List {
		d.badType(n, "an array of strings")
		return nil
	}
	var out []Ref
	for _, v := range n.List {
		out = append(out, d.ref(v))
	}
	return out
}

func (d *decoder) nonNegative(n *node.Node) int {
	if n.Kind != node.Int || n.Int < 0 || n.Int > 100000 {
		d.add(diag.Errorf(n.Pos, "bad-value", "expected a number of days (0 or more), got %s", n.KindName()).
			WithHint("reviewDays = 365 marks evidence reviewed more than a year ago as stale; 0 turns this off"))
		return DefaultReviewDays
	}
	return int(n.Int)
}

func (d *decoder) languages(n *node.Node) []string {
	langs := d.strings(n)
	if n.Kind == node.List && len(langs) == 0 {
		d.add(diag.Errorf(n.Pos, "bad-value", "languages is empty").WithHint(`languages = ["ja", "en"]; the first is the default`))
	}
	seen := map[string]bool{}
	for i, l := range langs {
		if !languageRe.MatchString(l) {
			d.add(diag.Errorf(n.List[i].Pos, "bad-language", "%q is not a language code", l).WithHint(`use lower-case codes such as "ja" and "en"`))
		}
		if seen[l] {
			d.add(diag.Errorf(n.List[i].Pos, "duplicate", "language %q is listed twice", l))
		}
		seen[l] = true
	}
	return langs
}

func (d *decoder) url(n *node.Node) string {
	s := d.str(n)
	if s == "" {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto" || u.Scheme != "mailto" && u.Host == "" {
		d.add(diag.Errorf(n.Pos, "bad-url", "%q is not an absolute http(s) URL", s).WithHint("write the full URL, such as https://www.example.com/"))
	}
	return s
}

func (d *decoder) baseURL(n *node.Node) string {
	s := d.str(n)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		d.add(diag.Errorf(n.Pos, "bad-url", "baseURL %q is not an absolute http(s) URL", s).
			WithHint(`baseURL = "https://trust.example.com/" (where the site will be published)`))
		return s
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

func (d *decoder) date(n *node.Node) time.Time {
	switch n.Kind {
	case node.Date:
		return n.Time
	case node.String:
		if t, err := time.Parse(time.DateOnly, n.Str); err == nil {
			return t
		}
	}
	d.add(diag.Errorf(n.Pos, "bad-date", "expected a date, got %s", n.KindName()).WithHint("write the date as 2026-11-01"))
	return time.Time{}
}

func (d *decoder) dateTime(n *node.Node) time.Time {
	switch n.Kind {
	case node.DateTime, node.Date:
		return n.Time.UTC()
	}
	d.add(diag.Errorf(n.Pos, "bad-date", "expected a date and time, got %s", n.KindName()).WithHint("write it as 2027-11-01T00:00:00Z"))
	return time.Time{}
}

func (d *decoder) products(n *node.Node) []Product {
	if n.Kind != node.List {
		d.badType(n, "an array of tables ([[products]])")
		return nil
	}
	var out []Product
	seen := map[string]diag.Position{}
	for _, v := range n.List {
		p := Product{Pos: v.Pos}
		d.fields(v, "products.", map[string]func(*node.Node){
			"id": func(n *node.Node) {
				p.ID = d.str(n)
				p.Pos = n.Pos
				if p.ID != "" && !productRe.MatchString(p.ID) {
					d.add(diag.Errorf(n.Pos, "bad-product-id", "product id %q must be lower-case letters, digits, '.', '_' or '-'", p.ID).
						WithHint("ids appear in URLs and evidence files; name it like %q", strings.ToLower(strings.ReplaceAll(p.ID, " ", "-"))))
				}
			},
			"name":        func(n *node.Node) { p.Name = d.text(n) },
			"description": func(n *node.Node) { p.Description = d.text(n) },
		})
		if v.Kind != node.Map {
			continue
		}
		if p.ID == "" {
			d.add(diag.Errorf(v.Pos, "missing-key", "a product needs an id").WithHint(`add id = "acme-gateway"`))
			continue
		}
		if prev, dup := seen[p.ID]; dup {
			d.add(diag.Errorf(p.Pos, "duplicate", "product %q is declared twice (first at %s)", p.ID, prev))
			continue
		}
		seen[p.ID] = p.Pos
		if len(p.Name) == 0 {
			p.Name = export.Text{"*": p.ID}
		}
		out = append(out, p)
	}
	return out
}

// plain converts a node to plain Go values, for settings passed through to Hugo.
func (d *decoder) plain(n *node.Node) any {
	switch n.Kind {
	case node.Map:
		m := map[string]any{}
		for _, k := range n.Keys {
			m[k] = d.plain(n.Map[k])
		}
		return m
	case node.List:
		l := make([]any, len(n.List))
		for i, v := range n.List {
			l[i] = d.plain(v)
		}
		return l
	case node.String:
		return n.Str
	case node.Int:
		return n.Int
	case node.Float:
		return n.Float
	case node.Bool:
		return n.Bool
	case node.Date, node.DateTime, node.LocalDateTime:
		return n.Time
	}
	return fmt.Sprint(n.Str)
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
func (c *Config) Resolve(t export.Text) export.Text {
	if s, ok := t["*"]; ok {
		out := export.Text{}
		for _, l := range c.Languages {
			out[l] = s
		}
		return out
	}
	return t
}
