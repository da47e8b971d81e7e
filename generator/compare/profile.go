package compare

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
	"github.com/evident-dev/evident/generator/suggest"
)

// Diagnostic codes of profile.toml.
const (
	codeSyntax = "profile-syntax" // not TOML
	codeSchema = "profile-schema" // unknown key, wrong type, a value out of range or not one of its choices
	codeVendor = "profile-vendor" // products names a vendor that is none of the sources compared
)

// Profile is what a customer requires of every vendor, read from a profile.toml:
//
//	requirements = ["(1)", "(2)-4"]   # categories (each of their requirements) or requirement IDs
//	accept = ["implemented"]          # the statuses that meet a requirement; this is the default
//	products = { "trust.example.com" = "acme-gateway" }   # which product of a vendor is judged
//	sboms = "supported"               # every release not at its end of life has an SBOM; or "latest"
//	maxAgeMonths = 18                 # no evidence reviewed longer ago than this
//
// A requirement is met when the vendor's status for it, for the product judged, is one of
// accept: implemented alone by default, since partial means some of it is not done and
// not-applicable is the vendor's own judgement; a customer that accepts either says so.
// A vendor of several products without an entry in products is judged for each of them.
type Profile struct {
	File         string
	Requirements []Required // in the order given, categories expanded, each once
	Accept       []model.Status
	Products     []Choice
	SBOMs        string // "", SBOMsSupported or SBOMsLatest
	MaxAgeMonths int    // 0: any age
}

// Required is one requirement of a profile.
type Required struct {
	Framework string // "cip"
	ID        string // canonical: "(1)-2"
	Title     model.Text
	Pos       diag.Position // where the profile names it (or the category it is in)
}

// Choice is the product a profile judges for one vendor.
type Choice struct {
	Vendor  string // the host of the vendor's site (its baseURL), or the source as given
	Product string
	Pos     diag.Position
}

// Values of Profile.SBOMs.
const (
	SBOMsSupported = "supported" // every release of the product not at its end of life on the as-of date
	SBOMsLatest    = "latest"    // the product's newest release
)

var (
	profileKeys  = []string{"accept", "maxAgeMonths", "products", "requirements", "sboms"}
	sbomValues   = []string{SBOMsSupported, SBOMsLatest, "none"}
	acceptValues = []string{string(model.Implemented), string(model.Partial), string(model.Planned), string(model.NotApplicable)}
)

const maxMonths = 1200

// builtins are evident's own catalogs, which profiles name requirements of and the
// report's rows follow; loaded once, and only read.
var builtins = sync.OnceValue(func() *catalog.Set {
	set, _ := catalog.Load(nil, catalog.Builtins) // built in: no problems to report
	return set
})

var profileHints = map[string]string{
	"requirements": `requirements = ["(1)", "(2)-4", "S(1)-2.2"]: categories or requirement IDs of the guideline (or "ssdf:PW.6.1")`,
	"accept":       `accept = ["implemented", "not-applicable"]: the statuses that meet a requirement`,
	"products":     `products = { "trust.example.com" = "acme-gateway" }: the host of a vendor's site (or the source as given), then its product id`,
	"sboms":        `sboms = "supported" (every release still supported has an SBOM), "latest" or "none"`,
	"maxAgeMonths": "maxAgeMonths = 18: evidence must have been reviewed within the last 18 months",
}

// ParseProfile reads a profile.toml; file names it in positions. Requirement IDs are those of
// evident's built-in catalogs (the guideline, and SSDF with its prefix).
func ParseProfile(file string, data []byte) (*Profile, diag.List) {
	root, diags := node.ParseTOML(file, data)
	for i := range diags {
		diags[i].Code = codeSyntax
	}
	if root == nil || diags.HasErrors() {
		return nil, diags
	}
	f := node.Fields{TypeCode: codeSchema, KeyCode: codeSchema, Hints: profileHints}
	p := &Profile{File: file, Accept: []model.Status{model.Implemented}}
	f.Table(root, "", profileKeys...)

	set := builtins()
	seen := map[string]bool{}
	for _, n := range f.Strings(root.Get("requirements"), "requirements") {
		it, d := set.Resolve(n.Str, n.Pos)
		if d != nil {
			// The catalog's hints are for a site's authors (extend the catalog, tag another ID).
			hint := "`evident catalog` lists the requirements a profile can name"
			if d.Code == catalog.CodeUnknownFramework {
				hint = "the frameworks evident knows are " + strings.Join(catalog.Builtins, " and ")
			}
			f.Add(d.WithHint("%s", hint))
			continue
		}
		items := []*catalog.Item{it}
		if it.Level == catalog.Category {
			items = it.Children
		}
		for _, it := range items {
			if q := it.ID.Qualified(); !seen[q] {
				seen[q] = true
				p.Requirements = append(p.Requirements, Required{Framework: it.ID.Framework, ID: it.ID.Local, Title: it.Title, Pos: n.Pos})
			}
		}
	}
	if n := root.Get("accept"); n != nil {
		p.Accept = nil
		for _, v := range f.Strings(n, "accept") {
			if oneOf(&f, v, "accept", acceptValues) && !slices.Contains(p.Accept, model.Status(v.Str)) {
				p.Accept = append(p.Accept, model.Status(v.Str))
			}
		}
		if len(p.Accept) == 0 && !f.Diags.HasErrors() {
			f.Add(diag.Errorf(n.Pos, codeSchema, "accept is empty: no status would meet a requirement").WithHint("%s", profileHints["accept"]))
		}
	}
	if n := root.Get("products"); f.Table(n, "products") {
		for _, k := range n.Keys {
			v := n.Map[k]
			if id, ok := f.String(v, "products."+k); ok {
				if id == "" {
					f.Add(diag.Errorf(v.Pos, codeSchema, "products.%s is empty", k).WithHint("%s", profileHints["products"]))
					continue
				}
				p.Products = append(p.Products, Choice{Vendor: k, Product: id, Pos: v.KeyPos})
			}
		}
	}
	if n := root.Get("sboms"); n != nil {
		if _, ok := f.String(n, "sboms"); ok && oneOf(&f, n, "sboms", sbomValues) && n.Str != "none" {
			p.SBOMs = n.Str
		}
	}
	if n := root.Get("maxAgeMonths"); n != nil {
		if months, ok := f.Int(n, "maxAgeMonths"); ok {
			if months < 1 || months > maxMonths {
				f.Add(diag.Errorf(n.Pos, codeSchema, "maxAgeMonths must be from 1 to %d, not %d", maxMonths, months).
					WithHint("%s", profileHints["maxAgeMonths"]))
			} else {
				p.MaxAgeMonths = int(months)
			}
		}
	}
	diags = append(diags, f.Diags...)
	diags.Sort()
	return p, diags
}

// oneOf reports whether the string n is one of values, and reports it when it is not.
func oneOf(f *node.Fields, n *node.Node, name string, values []string) bool {
	if slices.Contains(values, n.Str) {
		return true
	}
	msg := fmt.Sprintf("%s cannot be %q", name, n.Str)
	if near := suggest.Nearest(n.Str, values); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	f.Add(diag.Errorf(n.Pos, codeSchema, "%s", msg).WithHint("%s", profileHints[name]))
	return false
}
