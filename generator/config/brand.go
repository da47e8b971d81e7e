package config

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
)

// Brand is the [brand] table: the vendor's logo, accent colour, favicon and links to the
// vendor's own pages, shown by the theme on every page.
type Brand struct {
	Logo    Ref        // site-relative path of an SVG or PNG under static/; Check makes sure it exists
	LogoAlt model.Text // the logo's text alternative, by language
	Accent  string     // "#0b5394": lower-case, six digits; empty for the theme's own
	Favicon Ref        // site-relative path of an SVG, PNG or ICO under static/
	Nav     []NavLink
}

// NavLink is a link of the site's navigation to one of the vendor's pages: a page of the
// site (Page, a Markdown file under content/) or a page elsewhere (URL, https).
type NavLink struct {
	Title model.Text
	Page  Ref
	URL   string
	Pos   diag.Position // where its table starts
}

// Backgrounds are the theme's colours that accent-coloured text is shown on (--bg and
// --bg-2 in evident.css, and --accent-2, which a brand's accent sets to --bg-2): an
// accent colour must reach ContrastMin against each.
var Backgrounds = []string{"#ffffff", "#f5f7fa"}

// ContrastMin is the contrast ratio WCAG 2.x asks of normal text (1.4.3, level AA): the
// accent colours links and white text on accent-coloured buttons.
const ContrastMin = 4.5

var hexColorRe = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

const (
	accentHint = `accent = "#0b5394": a colour as # and six (or three) hexadecimal digits`
	brandHint  = `[brand] is a table: logo = "static/brand/logo.svg", logoAlt = { ja = "…", en = "…" }, accent = "#0b5394", favicon = "static/brand/favicon.svg", [[brand.nav]]`
	navHint    = `[[brand.nav]] with title = { ja = "…", en = "…" } and url = "https://…" or page = "content/pages/about-us.md"`
)

// Image extensions a browser shows, for the logo and the favicon.
var (
	logoExts    = []string{".png", ".svg"}
	faviconExts = []string{".ico", ".png", ".svg"}
)

// brand reads the [brand] table; nil when there is none.
func (d *decoder) brand(n *node.Node) *Brand {
	if !d.f.Table(n, "brand", "accent", "favicon", "logo", "logoAlt", "nav") {
		return nil
	}
	b := &Brand{
		Logo:    d.image(n.Get("logo"), "brand.logo", logoExts),
		LogoAlt: d.text(n.Get("logoAlt"), "brand.logoAlt"),
		Favicon: d.image(n.Get("favicon"), "brand.favicon", faviconExts),
		Nav:     d.nav(n.Get("nav")),
	}
	if b.Logo.Value != "" && len(b.LogoAlt) == 0 {
		d.f.Add(diag.Errorf(n.Get("logo").Pos, "missing-key", "the logo has no text alternative (logoAlt)").
			WithHint(`add logoAlt = { ja = "ACME株式会社", en = "ACME Corporation" }: what the logo says, read out in place of the image`))
	}
	if a := n.Get("accent"); a != nil {
		b.Accent = d.accent(a)
	}
	return b
}

// image reads the path of an image the site publishes from static/.
func (d *decoder) image(n *node.Node, name string, exts []string) Ref {
	s, ok := d.f.String(n, name)
	if !ok || s == "" {
		return Ref{}
	}
	r := Ref{Value: s, Pos: n.Pos}
	if !strings.HasPrefix(s, "static/") {
		d.f.Add(diag.Errorf(n.Pos, "bad-path", "%s %q is not under static/, so the site would not publish it", name, s).
			WithHint("put the file in the site's static/ folder, such as static/brand/%s", path.Base(s)))
	}
	if !slices.Contains(exts, strings.ToLower(path.Ext(s))) {
		d.f.Add(diag.Errorf(n.Pos, "bad-value", "%s %q is not one of %s", name, s, strings.Join(exts, ", ")).
			WithHint("give an image browsers show: %s", strings.Join(exts, ", ")))
	}
	return r
}

// accent reads the accent colour and refuses one that text on the theme's background
// could not be read in.
func (d *decoder) accent(n *node.Node) string {
	s, ok := d.f.String(n, "brand.accent")
	if !ok {
		return ""
	}
	c, err := parseColor(s)
	if err != nil {
		d.f.Add(diag.Errorf(n.Pos, "bad-value", "accent %q is not a colour: %v", s, err).WithHint("%s", accentHint))
		return ""
	}
	for _, s := range Backgrounds {
		bg, _ := parseColor(s)
		if r := contrast(c, bg); r < ContrastMin {
			d.f.Add(diag.Errorf(n.Pos, "brand-contrast", "accent %s has contrast %s:1 against %s; needs %s:1", c, ratio(r), s, ratio(ContrastMin)).
				WithHint("links, the current page in the navigation and buttons use the accent colour: choose a darker shade of it"))
			return ""
		}
	}
	return c.String()
}

// ratio writes a contrast ratio as WCAG tools do: one decimal, rounded down, so that a
// ratio just under 4.5 never reads as 4.5.
func ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*10)/10, 'f', 1, 64)
}

// nav reads [[brand.nav]].
func (d *decoder) nav(n *node.Node) []NavLink {
	var out []NavLink
	for _, v := range d.f.Tables(n, "brand.nav") {
		d.f.Table(v, "brand.nav", "page", "title", "url")
		l := NavLink{Pos: v.Pos, Title: d.text(v.Get("title"), "brand.nav.title")}
		if len(l.Title) == 0 {
			d.f.Add(diag.Errorf(v.Pos, "missing-key", "a navigation link needs a title").WithHint("%s", navHint))
		}
		if p := v.Get("page"); p != nil {
			l.Page.Value, _ = d.f.String(p, "brand.nav.page")
			l.Page.Pos = p.Pos
		}
		if u := v.Get("url"); u != nil {
			l.URL, _ = d.f.String(u, "brand.nav.url")
			if l.URL != "" && !model.IsHTTPS(l.URL) {
				d.f.Add(diag.Errorf(u.Pos, "bad-url", "navigation url %q is not an absolute https URL", l.URL).
					WithHint(`write the full https URL, such as "https://www.example.com/security/"`))
			}
		}
		if (v.Get("page") == nil) == (v.Get("url") == nil) {
			d.f.Add(diag.Errorf(v.Pos, "bad-value", "a navigation link needs exactly one of page and url").WithHint("%s", navHint))
			continue
		}
		out = append(out, l)
	}
	return out
}

// color is an sRGB colour.
type color struct{ R, G, B uint8 }

// parseColor reads a colour written as #rrggbb or #rgb.
func parseColor(s string) (color, error) {
	if !hexColorRe.MatchString(s) {
		return color{}, fmt.Errorf("want # and six or three hexadecimal digits")
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, _ := strconv.ParseUint(h, 16, 32)
	return color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

func (c color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is the relative luminance of WCAG 2.x.
func (c color) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the contrast ratio of two colours as WCAG 2.x defines it, from 1 to 21.
func contrast(a, b color) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
