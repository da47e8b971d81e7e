package compare

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

func TestParseProfile(t *testing.T) {
	p, ds := ParseProfile("profile.toml", []byte(`# what we buy
requirements = ["(1)", "（２）－４", "ssdf:PW.6.1", "(1)-2"]
accept = ["implemented", "not-applicable"]
products = { "trust.example.com" = "acme-gateway", "vendor-b/public" = "b-box" }
sboms = "supported"
maxAgeMonths = 18
`))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	var ids []string
	for _, r := range p.Requirements {
		ids = append(ids, r.Framework+":"+r.ID)
	}
	// (1) is its four requirements; (1)-2 is not listed twice.
	want := []string{"cip:(1)-1", "cip:(1)-2", "cip:(1)-3", "cip:(1)-4", "cip:(2)-4", "ssdf:PW.6.1"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	if p.Requirements[0].Pos.String() != "profile.toml:2:17" || p.Requirements[0].Title.In("en") == "" {
		t.Errorf("first requirement: %+v", p.Requirements[0])
	}
	if !cmp.Equal(p.Accept, []model.Status{model.Implemented, model.NotApplicable}) || p.SBOMs != SBOMsSupported || p.MaxAgeMonths != 18 {
		t.Errorf("accept %v, sboms %q, maxAgeMonths %d", p.Accept, p.SBOMs, p.MaxAgeMonths)
	}
	wantProducts := []Choice{{"trust.example.com", "acme-gateway", p.Products[0].Pos}, {"vendor-b/public", "b-box", p.Products[1].Pos}}
	if !cmp.Equal(p.Products, wantProducts) || p.Products[0].Pos.String() != "profile.toml:4:14" {
		t.Errorf("products %+v", p.Products)
	}

	empty, ds := ParseProfile("p.toml", nil)
	if len(ds) > 0 || !cmp.Equal(empty.Accept, []model.Status{model.Implemented}) || empty.SBOMs != "" || empty.MaxAgeMonths != 0 {
		t.Errorf("an empty profile: %+v %v", empty, ds)
	}
}

// Every mistake is at its place in the file, with what to write instead.
func TestParseProfileErrors(t *testing.T) {
	cases := []struct{ toml, want string }{
		{`requirement = ["(1)"]`, `p.toml:1:1: error: unknown key "requirement"; did you mean "requirements"?`},
		{`requirements = "(1)"`, `p.toml:1:16: error: requirements must be an array of strings, not a string; requirements = ["(1)", "(2)-4", "S(1)-2.2"]`},
		{`requirements = ["S(1)-2.5"]`, `p.toml:1:17: error: unknown requirement "S(1)-2.5"; did you mean "S(1)-2.4"?`},
		{`requirements = ["(1)-x"]`, `p.toml:1:17: error: unknown requirement "(1)-x"; did you mean "(1)-1"?`},
		{`requirements = ["hello"]`, `p.toml:1:17: error: invalid requirement ID "hello"`},
		{`requirements = ["nist:AC-1"]`, `p.toml:1:17: error: unknown framework "nist" in "nist:AC-1"; the site loads cip, ssdf; the frameworks evident knows are cip and ssdf`},
		{`accept = ["implemented", "parital"]`, `p.toml:1:26: error: accept cannot be "parital"; did you mean "partial"?`},
		{`accept = ["not-addressed"]`, `p.toml:1:11: error: accept cannot be "not-addressed"`},
		{`accept = []`, `p.toml:1:10: error: accept is empty`},
		{`sboms = "al"`, `p.toml:1:9: error: sboms cannot be "al"`},
		{`sboms = true`, `p.toml:1:9: error: sboms must be a string, not a boolean; sboms = "supported"`},
		{`maxAgeMonths = 0`, `p.toml:1:16: error: maxAgeMonths must be from 1 to 1200, not 0`},
		{`maxAgeMonths = "18"`, `p.toml:1:16: error: maxAgeMonths must be an integer, not a string`},
		{`products = ["acme"]`, `p.toml:1:12: error: products must be a table, not an array`},
		{"products = { a = 1 }", `p.toml:1:18: error: products.a must be a string, not an integer`},
		{`products = { a = "" }`, `p.toml:1:18: error: products.a is empty`},
		{"requirements = [\n", `p.toml:1:17: error: TOML syntax error`},
		{"a = 1\na = 2", `p.toml:2:1: error:`},
	}
	for _, c := range cases {
		_, ds := ParseProfile("p.toml", []byte(c.toml))
		var got []string
		for _, d := range ds {
			got = append(got, d.Error())
			if !strings.HasPrefix(d.Code, "profile-") && !strings.Contains(d.Code, "requirement") && d.Code != "unknown-framework" {
				t.Errorf("%s: code %q", c.toml, d.Code)
			}
		}
		if len(got) == 0 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.toml, got, c.want)
		}
	}
}
