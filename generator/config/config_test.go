package config

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/export"
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
	if diff := cmp.Diff(export.Text{"ja": "範囲", "en": "Scope"}, c.Declaration.Scope); diff != "" {
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
		{"typo", "title = \"t\"\nlanguges = [\"ja\"]", `evident.toml:2:1 unknown-key unknown key "languges" in evident.toml; did you mean "languages"?`},
		{"nested typo", "title = \"t\"\n[organization]\nnmae = \"x\"", `evident.toml:3:1 unknown-key unknown key "organization.nmae" in evident.toml; did you mean "organization.name"?`},
		{"no title", "languages = [\"en\"]", `evident.toml:1:1 missing-key the site has no title`},
		{"bad baseURL", "title = \"t\"\nbaseURL = \"trust.example.com\"", `evident.toml:2:11 bad-url baseURL "trust.example.com" is not an absolute http(s) URL`},
		{"bad language", "title = \"t\"\nlanguages = [\"ja\", \"English\"]", `evident.toml:2:20 bad-language "English" is not a language code`},
		{"duplicate language", "title = \"t\"\nlanguages = [\"ja\", \"ja\"]", `evident.toml:2:20 duplicate language "ja" is listed twice`},
		{"bad date", "title = \"t\"\n[declaration]\ndate = \"November\"", `evident.toml:3:8 bad-date expected a date, got string`},
		{"bad type", "title = \"t\"\nreviewDays = \"a year\"", `evident.toml:2:14 bad-value expected a number of days (0 or more), got string`},
		{"product id", "title = \"t\"\n[[products]]\nid = \"ACME Gateway\"", `evident.toml:3:6 bad-product-id product id "ACME Gateway" must be lower-case letters, digits, '.', '_' or '-'`},
		{"duplicate product", "title = \"t\"\n[[products]]\nid = \"a\"\n[[products]]\nid = \"a\"", `evident.toml:5:6 duplicate product "a" is declared twice (first at evident.toml:3:6)`},
		{"securitytxt", "title = \"t\"\n[securitytxt]\ncontact = [\"mailto:x@example.com\"]", `evident.toml:2:2 missing-key [securitytxt] needs expires`},
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
