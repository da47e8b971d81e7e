package config

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

func TestParse(t *testing.T) {
	c, ds := Parse([]byte(`title = { ja = "ACME トラストセンター", en = "ACME Trust Center" }
baseURL = "https://trust.example.com"
languages = ["ja", "en"]
catalogs = ["cip", "catalogs/extra.toml"]
reviewDays = 180

[organization]
name = "ACME株式会社"
url = "https://www.example.com/"
contact = "security@example.com"

[declaration]
title = "自己適合宣言"
version = "2026.1"
date = 2026-11-01
scope = { ja = "範囲", en = "Scope" }

[[products]]
id = "acme-gateway"
name = { ja = "ACME ゲートウェイ", en = "ACME Gateway" }

[[products]]
id = "acme-cloud"

[securitytxt]
contact = ["mailto:security@example.com"]
expires = 2027-11-01T00:00:00Z

[hugo.markup.goldmark.renderer]
unsafe = true
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if c.BaseURL != "https://trust.example.com/" {
		t.Errorf("baseURL = %q, want a final slash added", c.BaseURL)
	}
	if diff := cmp.Diff(model.Text{"ja": "範囲", "en": "Scope"}, c.Declaration.Scope); diff != "" {
		t.Error(diff)
	}
	if got := c.Resolve(c.Organization.Name); got["en"] != "ACME株式会社" || got["ja"] != "ACME株式会社" {
		t.Errorf("a plain string is every language: %v", got)
	}
	if !c.Declaration.Date.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v", c.Declaration.Date)
	}
	if len(c.Products) != 2 || c.Products[1].Name["*"] != "acme-cloud" {
		t.Errorf("products = %+v (a product without a name is named by its id)", c.Products)
	}
	if c.Catalogs[1].Value != "catalogs/extra.toml" || c.Catalogs[1].Pos.String() != "evident.toml:4:20" {
		t.Errorf("catalog ref = %+v", c.Catalogs[1])
	}
	if c.ReviewDays != 180 || c.SecurityTxt == nil || c.SecurityTxt.Expires.Year() != 2027 {
		t.Errorf("reviewDays %d, securitytxt %+v", c.ReviewDays, c.SecurityTxt)
	}
	unsafe := c.Hugo["markup"].(map[string]any)["goldmark"].(map[string]any)["renderer"].(map[string]any)["unsafe"]
	if unsafe != true {
		t.Errorf("[hugo] is not passed through: %v", c.Hugo)
	}
}

func TestDefaults(t *testing.T) {
	c, ds := Parse([]byte(`title = "t"`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if diff := cmp.Diff([]string{"ja", "en"}, c.Languages); diff != "" {
		t.Error(diff)
	}
	if c.Catalogs[0].Value != "cip" || c.ReviewDays != DefaultReviewDays || c.BaseURL != "/" {
		t.Errorf("defaults: %+v", c)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"typo", "title = \"t\"\nlanguges = [\"ja\"]", `evident.toml:2:1 unknown-key unknown key "languges"; did you mean "languages"?`},
		{"nested typo", "title = \"t\"\n[organization]\nnmae = \"x\"", `evident.toml:3:1 unknown-key unknown key "organization.nmae"; did you mean "organization.name"?`},
		{"no title", "languages = [\"en\"]", `evident.toml:1:1 missing-key the site has no title`},
		{"bad baseURL", "title = \"t\"\nbaseURL = \"trust.example.com\"", `evident.toml:2:11 bad-url baseURL "trust.example.com" is not an absolute http(s) URL`},
		{"bad language", "title = \"t\"\nlanguages = [\"ja\", \"English\"]", `evident.toml:2:20 bad-language "English" is not a language code`},
		{"duplicate language", "title = \"t\"\nlanguages = [\"ja\", \"ja\"]", `evident.toml:2:20 duplicate language "ja" is listed twice`},
		{"bad date", "title = \"t\"\n[declaration]\ndate = \"November\"", `evident.toml:3:8 bad-date declaration.date must be a date, not "November"`},
		{"bad type", "title = \"t\"\nreviewDays = \"a year\"", `evident.toml:2:14 bad-type reviewDays must be an integer, not a string`},
		{"negative reviewDays", "title = \"t\"\nreviewDays = -1", `evident.toml:2:14 bad-value reviewDays must be from 0 to 100000 days, not -1`},
		{"text type", "title = 3", `evident.toml:1:9 bad-type title must be a string or a table of strings by language, not an integer`},
		{"text language", "title = { ja = \"t\", English = \"t\" }", `evident.toml:1:21 bad-language "English" is not a language code`},
		{"text value", "title = { ja = 1 }", `evident.toml:1:16 bad-type title.ja must be a string, not an integer`},
		{"languages type", "title = \"t\"\nlanguages = \"ja\"", `evident.toml:2:13 bad-type languages must be an array of strings, not a string`},
		{"empty languages", "title = \"t\"\nlanguages = []", `evident.toml:2:13 bad-value languages is empty`},
		{"catalog item", "title = \"t\"\ncatalogs = [\"cip\", 1]", `evident.toml:2:20 bad-type catalogs must hold strings, not an integer`},
		{"table type", "title = \"t\"\norganization = \"ACME\"", `evident.toml:2:16 bad-type organization must be a table, not a string`},
		{"products type", "title = \"t\"\nproducts = \"gw\"", `evident.toml:2:12 bad-type products must be an array of tables, not a string`},
		{"product without id", "title = \"t\"\n[[products]]\nname = \"x\"", `evident.toml:2:3 missing-key a product needs an id`},
		{"product key", "title = \"t\"\n[[products]]\nid = \"a\"\nnme = \"x\"", `evident.toml:4:1 unknown-key unknown key "products.nme"; did you mean "products.name"?`},
		{"signature", "title = \"t\"\n[signature]\npublicKey = 1", `evident.toml:3:13 bad-type signature.publicKey must be a string, not an integer`},
		{"product id", "title = \"t\"\n[[products]]\nid = \"ACME Gateway\"", `evident.toml:3:6 bad-product-id product id "ACME Gateway" must be lower-case letters, digits, '.', '_' or '-'`},
		{"duplicate product", "title = \"t\"\n[[products]]\nid = \"a\"\n[[products]]\nid = \"a\"", `evident.toml:5:6 duplicate product "a" is declared twice (first at evident.toml:3:6)`},
		{"securitytxt", "title = \"t\"\n[securitytxt]\ncontact = [\"mailto:x@example.com\"]", `evident.toml:2:2 missing-key [securitytxt] needs expires`},
		{"expires", "title = \"t\"\n[securitytxt]\ncontact = [\"mailto:x@example.com\"]\nexpires = \"2027\"", `evident.toml:4:11 bad-date securitytxt.expires must be a date and time, not a string`},
		{"securitytxt type", "title = \"t\"\nsecuritytxt = 1", `evident.toml:2:15 bad-type securitytxt must be a table, not an integer`},
		{"syntax", "title = \"t", `evident.toml:1:10 syntax`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse([]byte(tc.toml))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
			}
			if len(got) == 0 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			for _, d := range ds {
				if d.Pos.Line == 0 {
					t.Errorf("diagnostic without a line: %v", d)
				}
			}
		})
	}
}

// TestSecurityTxtFields: every security.txt field is checked, so that no value can add
// a line (Contact:, Encryption:, Canonical:) or point at something other than a URI of
// the kind RFC 9116 allows.
func TestSecurityTxtFields(t *testing.T) {
	const head = "title = \"t\"\n[securitytxt]\nexpires = 2027-11-01T00:00:00Z\n"
	for _, tc := range []struct{ name, toml, want string }{
		{"contact newline", `contact = ["mailto:a@example.com\nEncryption: https://evil.example/key"]`,
			`evident.toml:4:12 bad-securitytxt contact "mailto:a@example.com\nEncryption: https://evil.example/key" contains a control character (U+000A)`},
		{"contact scheme", `contact = ["javascript:alert(1)"]`,
			`evident.toml:4:12 bad-securitytxt contact "javascript:alert(1)" is not an https:, mailto: or tel: URI`},
		{"contact http", `contact = ["http://example.com/report"]`,
			`evident.toml:4:12 bad-securitytxt contact "http://example.com/report" is not an https:, mailto: or tel: URI`},
		{"contact no host", `contact = ["https:///report"]`,
			`evident.toml:4:12 bad-securitytxt contact "https:///report" is not an https:, mailto: or tel: URI`},
		{"contact empty mailto", `contact = ["mailto:"]`,
			`evident.toml:4:12 bad-securitytxt contact "mailto:" is not an https:, mailto: or tel: URI`},
		{"contact space", `contact = ["mailto:a@example.com Canonical: x"]`,
			`evident.toml:4:12 bad-securitytxt contact "mailto:a@example.com Canonical: x" contains a space`},
		{"contact bidi", "contact = [\"mailto:a@example.com\u202e\"]",
			`evident.toml:4:12 bad-securitytxt contact "mailto:a@example.com\u202e" contains a bidirectional control character (U+202E)`},
		{"languages newline", "contact = [\"mailto:a@example.com\"]\npreferredLanguages = [\"en\\nCanonical: https://evil.example/\"]",
			`evident.toml:5:23 bad-securitytxt preferredLanguages "en\nCanonical: https://evil.example/" contains a control character (U+000A)`},
		{"languages tag", "contact = [\"mailto:a@example.com\"]\npreferredLanguages = [\"ja\", \"en,fr\"]",
			`evident.toml:5:29 bad-securitytxt preferredLanguages "en,fr" is not a language tag`},
		{"languages locale", "contact = [\"mailto:a@example.com\"]\npreferredLanguages = [\"en_US\"]",
			`evident.toml:5:23 bad-securitytxt preferredLanguages "en_US" is not a language tag`},
		{"policy http", "contact = [\"mailto:a@example.com\"]\npolicy = \"http://example.com/policy\"",
			`evident.toml:5:10 bad-securitytxt policy "http://example.com/policy" is not an https URL`},
		{"hiring mailto", "contact = [\"mailto:a@example.com\"]\nhiring = \"mailto:jobs@example.com\"",
			`evident.toml:5:10 bad-securitytxt hiring "mailto:jobs@example.com" is not an https URL`},
		{"encryption newline", "contact = [\"mailto:a@example.com\"]\nencryption = \"https://example.com/key\\r\\nContact: mailto:evil@example.net\"",
			`evident.toml:5:14 bad-securitytxt encryption "https://example.com/key\r\nContact: mailto:evil@example.net" contains a control character (U+000D)`},
		{"acknowledgments scheme", "contact = [\"mailto:a@example.com\"]\nacknowledgments = \"ftp://example.com/thanks\"",
			`evident.toml:5:19 bad-securitytxt acknowledgments "ftp://example.com/thanks" is not an https URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse([]byte(head + tc.toml))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
				if d.Hint == "" {
					t.Errorf("%v has no hint", d)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}

	c, ds := Parse([]byte(head + `contact = ["mailto:security@example.com", "https://example.com/report", "tel:+81-3-1234-5678"]
preferredLanguages = ["ja", "en", "zh-Hant-TW"]
encryption = "openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f"
policy = "https://example.com/policy"
acknowledgments = "https://example.com/thanks"
hiring = "https://example.com/jobs"
`))
	if len(ds) > 0 {
		t.Fatalf("valid security.txt fields refused: %v", ds)
	}
	if len(c.SecurityTxt.Contact) != 3 || c.SecurityTxt.PreferredLanguages[2] != "zh-Hant-TW" {
		t.Errorf("securitytxt = %+v", c.SecurityTxt)
	}
}

// TestHugoPassThrough: [hugo] cannot relax Hugo's security policy or move the folders
// Hugo reads and writes, in any casing; and a [hugo] that is not a table is an error.
func TestHugoPassThrough(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"security table", "title = \"t\"\n[hugo.security.funcs]\ngetenv = [\".*\"]",
			`evident.toml:2:7 hugo-reserved [hugo] cannot set security`},
		{"security casing", "title = \"t\"\n[hugo]\nSecurity = { exec = { allow = [\".*\"] } }",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set Security`},
		{"security dotted", "title = \"t\"\n[hugo]\nSECURITY.http.urls = [\".*\"]",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set SECURITY`},
		{"publishDir", "title = \"t\"\n[hugo]\npublishDir = \"/tmp/x\"",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set publishDir`},
		{"contentDir", "title = \"t\"\n[hugo]\ncontentdir = \"/etc\"",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set contentdir`},
		{"staticDir", "title = \"t\"\n[hugo]\nstaticDir3 = [\"/\"]",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set staticDir3`},
		{"module mounts", "title = \"t\"\n[[hugo.module.mounts]]\nsource = \"/etc\"\ntarget = \"static\"",
			`evident.toml:2:8 hugo-reserved [hugo] cannot set module`},
		{"caches", "title = \"t\"\n[hugo.caches.images]\ndir = \"/tmp/x\"",
			`evident.toml:2:7 hugo-reserved [hugo] cannot set caches`},
		{"baseURL", "title = \"t\"\n[hugo]\nBaseURL = \"https://evil.example/\"",
			`evident.toml:3:1 hugo-reserved [hugo] cannot set BaseURL`},
		{"not a table", "title = \"t\"\nhugo = \"oops\"",
			`evident.toml:2:8 bad-type hugo must be a table, not a string`},
		{"array of tables", "title = \"t\"\n[[hugo]]\nx = 1",
			`evident.toml:2:3 bad-type hugo must be a table, not an array`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ds := Parse([]byte(tc.toml))
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
			if c != nil && len(c.Hugo) > 0 {
				t.Errorf("a refused setting is still passed through: %v", c.Hugo)
			}
		})
	}
	c, ds := Parse([]byte("title = \"t\"\n[hugo]\ntimeout = \"60s\"\n[hugo.params]\nsecurity = \"a param, not the policy\"\n"))
	if len(ds) > 0 || c.Hugo["params"].(map[string]any)["security"] == nil {
		t.Errorf("nested keys named like reserved ones are fine: %v %v", ds, c.Hugo)
	}
}

// TestNotATable: a [securitytxt] or [signature] that is not a table is one error, not also
// the keys it lacks, and gives no security.txt or signature to publish.
func TestNotATable(t *testing.T) {
	c, ds := Parse([]byte("title = \"t\"\nsecuritytxt = 1\nsignature = \"keys/release.pub\"\n"))
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
	}
	want := []string{
		"evident.toml:2:15 bad-type securitytxt must be a table, not an integer",
		`evident.toml:3:13 bad-type signature must be a table, not a string`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if c.SecurityTxt != nil || c.Signature != nil {
		t.Errorf("securitytxt %+v, signature %+v", c.SecurityTxt, c.Signature)
	}
}

// TestProducts: a product's kind, support period and documents.
func TestProducts(t *testing.T) {
	c, ds := Parse([]byte(`title = "t"
[[products]]
id = "gw"
kind = "software"
support = { months = 24, securityMonths = 36 }
[[products.documents]]
kind = "install"
title = { ja = "導入手順書", en = "Installation guide" }
page = "content/docs/install.md"
version = "2.x"
[[products.documents]]
kind = "operate"
url = "https://docs.example.com/operate/"
[[products]]
id = "cloud"
kind = "service"
[[products]]
id = "plain"
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	gw := c.Products[0]
	if gw.Kind != Software || *gw.Support != (model.SupportPolicy{Months: 24, SecurityMonths: 36}) {
		t.Errorf("gw = %+v", gw)
	}
	want := []Document{
		{Kind: "install", Title: model.Text{"ja": "導入手順書", "en": "Installation guide"}, Version: "2.x",
			Page: Ref{"content/docs/install.md", diag.Position{File: File, Line: 9, Col: 8}}, Pos: diag.Position{File: File, Line: 6, Col: 12}},
		{Kind: "operate", URL: "https://docs.example.com/operate/", Pos: diag.Position{File: File, Line: 11, Col: 12}},
	}
	if diff := cmp.Diff(want, gw.Documents); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if c.Products[1].Kind != Service || c.Products[2].Kind != Software || c.Products[2].Support != nil {
		t.Errorf("kinds: %q %q, support %v (software is the default)", c.Products[1].Kind, c.Products[2].Kind, c.Products[2].Support)
	}
}

func TestProductErrors(t *testing.T) {
	const head = "title = \"t\"\n[[products]]\nid = \"gw\"\n"
	for _, tc := range []struct{ name, toml, want string }{
		{"kind", `kind = "sofware"`, `evident.toml:4:8 bad-value unknown kind "sofware"; did you mean "software"?`},
		{"support months", `support = { months = 0 }`, `evident.toml:4:22 bad-value months must be from 1 to 1200 months, not 0`},
		{"support order", `support = { months = 24, securityMonths = 12 }`, `evident.toml:4:43 bad-value securityMonths (12) is shorter than months (24)`},
		{"support key", `support = { month = 24 }`, `evident.toml:4:13 unknown-key unknown key "products.support.month"; did you mean "products.support.months"?`},
		{"document kind", "[[products.documents]]\nkind = \"instal\"\nurl = \"https://x.example/\"", `evident.toml:5:8 bad-value unknown kind "instal"; did you mean "install"?`},
		{"document no kind", "[[products.documents]]\nurl = \"https://x.example/\"", `evident.toml:4:12 missing-key a document needs a kind`},
		{"document neither", "[[products.documents]]\nkind = \"install\"", `evident.toml:4:12 bad-document a document needs exactly one of page and url`},
		{"document both", "[[products.documents]]\nkind = \"install\"\npage = \"content/x.md\"\nurl = \"https://x.example/\"", `evident.toml:4:12 bad-document a document needs exactly one of page and url`},
		{"document http", "[[products.documents]]\nkind = \"install\"\nurl = \"http://x.example/\"", `evident.toml:6:7 bad-url document url "http://x.example/" is not an absolute https URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse([]byte(head + tc.toml))
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
