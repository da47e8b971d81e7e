package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

// TestBrand: [brand] gives the logo with its text in each language, the accent colour
// (normalised to #rrggbb), the favicon and navigation links to a page of the site or a URL.
func TestBrand(t *testing.T) {
	c, ds := Parse([]byte(`title = "t"
[brand]
logo = "static/brand/logo.svg"
logoAlt = { ja = "ACME株式会社", en = "ACME Corporation" }
accent = "#0B5394"
favicon = "static/brand/favicon.ico"

[[brand.nav]]
title = { ja = "会社概要", en = "About ACME" }
page = "content/pages/company.md"

[[brand.nav]]
title = "PSIRT"
url = "https://www.example.com/psirt/"
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := &Brand{
		Logo:    Ref{Value: "static/brand/logo.svg", Pos: diag.Position{File: File, Line: 3, Col: 8}},
		LogoAlt: model.Text{"ja": "ACME株式会社", "en": "ACME Corporation"},
		Accent:  "#0b5394",
		Favicon: Ref{Value: "static/brand/favicon.ico", Pos: diag.Position{File: File, Line: 6, Col: 11}},
		Nav: []NavLink{
			{Title: model.Text{"ja": "会社概要", "en": "About ACME"}, Page: Ref{Value: "content/pages/company.md", Pos: diag.Position{File: File, Line: 10, Col: 8}}, Pos: diag.Position{File: File, Line: 8, Col: 9}},
			{Title: model.Text{"*": "PSIRT"}, URL: "https://www.example.com/psirt/", Pos: diag.Position{File: File, Line: 12, Col: 9}},
		},
	}
	if diff := cmp.Diff(want, c.Brand); diff != "" {
		t.Errorf("brand (-want +got):\n%s", diff)
	}

	c, ds = Parse([]byte("title = \"t\"\n"))
	if len(ds) > 0 || c.Brand != nil {
		t.Errorf("no [brand]: %+v, %v", c.Brand, ds)
	}
}

// TestBrandContrast: an accent colour is refused when its contrast against one of the
// theme's backgrounds is under 4.5:1, with the ratio measured, rounded down, in the message.
func TestBrandContrast(t *testing.T) {
	for _, tc := range []struct {
		accent string
		want   string // the diagnostic, or "" when the colour passes
	}{
		{"#0b5394", ""}, // 7.8:1
		{"#6e6e6e", ""}, // 5.1:1 against #ffffff, 4.7:1 against #f5f7fa
		{"#000", ""},    // 21:1, three digits
		{"#777777", "brand-contrast accent #777777 has contrast 4.4:1 against #ffffff; needs 4.5:1"}, // 4.48:1
		{"#767676", "brand-contrast accent #767676 has contrast 4.2:1 against #f5f7fa; needs 4.5:1"}, // 4.54:1 against #ffffff
		{"#4a90d9", "brand-contrast accent #4a90d9 has contrast 3.3:1 against #ffffff; needs 4.5:1"},
		{"#FFF", "brand-contrast accent #ffffff has contrast 1.0:1 against #ffffff; needs 4.5:1"},
		{"blue", `bad-value accent "blue" is not a colour`},
		{"#0b539", `bad-value accent "#0b539" is not a colour`},
	} {
		t.Run(tc.accent, func(t *testing.T) {
			c, ds := Parse([]byte("title = \"t\"\n[brand]\naccent = \"" + tc.accent + "\"\n"))
			if tc.want == "" {
				if len(ds) > 0 || c.Brand.Accent != strings.ToLower(tc.accent) && len(tc.accent) == 7 {
					t.Errorf("accent %s: %q, %v", tc.accent, c.Brand.Accent, ds)
				}
				return
			}
			if len(ds) != 1 || !strings.HasPrefix(ds[0].Code+" "+ds[0].Message, tc.want) || ds[0].Pos.String() != "evident.toml:3:10" || ds[0].Hint == "" {
				t.Errorf("accent %s: got %v, want %q at evident.toml:3:10 with a hint", tc.accent, ds, tc.want)
			}
			if c.Brand.Accent != "" {
				t.Errorf("a refused accent is kept: %q", c.Brand.Accent)
			}
		})
	}
}

func TestBrandErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"logo outside static", "logo = \"brand/logo.svg\"\nlogoAlt = \"ACME\"", `evident.toml:3:8 bad-path brand.logo "brand/logo.svg" is not under static/`},
		{"logo type", "logo = \"static/logo.gif\"\nlogoAlt = \"ACME\"", `evident.toml:3:8 bad-value brand.logo "static/logo.gif" is not one of .png, .svg`},
		{"favicon type", "favicon = \"static/favicon.jpg\"", `evident.toml:3:11 bad-value brand.favicon "static/favicon.jpg" is not one of .ico, .png, .svg`},
		{"no alt", "logo = \"static/logo.svg\"", `evident.toml:3:8 missing-key the logo has no text alternative (logoAlt)`},
		{"nav both", "[[brand.nav]]\ntitle = \"x\"\nurl = \"https://example.com/\"\npage = \"content/pages/x.md\"", `evident.toml:3:9 bad-value a navigation link needs exactly one of page and url`},
		{"nav neither", "[[brand.nav]]\ntitle = \"x\"", `evident.toml:3:9 bad-value a navigation link needs exactly one of page and url`},
		{"nav http", "[[brand.nav]]\ntitle = \"x\"\nurl = \"http://example.com/\"", `evident.toml:5:7 bad-url navigation url "http://example.com/" is not an absolute https URL`},
		{"nav no title", "[[brand.nav]]\nurl = \"https://example.com/\"", `evident.toml:3:9 missing-key a navigation link needs a title`},
		{"unknown key", "colour = \"#000000\"", `evident.toml:3:1 unknown-key unknown key "brand.colour"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse([]byte("title = \"t\"\n[brand]\n" + tc.toml))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
				if d.Hint == "" {
					t.Errorf("%v has no hint", d)
				}
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
