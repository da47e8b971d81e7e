package catalog

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/diag"
)

func TestResolve(t *testing.T) {
	s := loadBuiltins(t, "cip", "ssdf")
	pos := diag.Position{File: "content/evidence/x.md", Line: 3, Col: 17}
	found := []struct{ raw, want string }{
		{"S(1)-2.2", "cip:S(1)-2.2"},
		{"（１）－２", "cip:(1)-2"},
		{"s (1) – 2.1", "cip:S(1)-2.1"},
		{"C(6)-2.2", "cip:(6)-2.2"},
		{"(6)", "cip:(6)"},
		{"ssdf:pw.6.1", "ssdf:PW.6.1"},
		{"cip:(4)-6", "cip:(4)-6"},
	}
	for _, tt := range found {
		it, d := s.Resolve(tt.raw, pos)
		if d != nil || it == nil || it.ID.Qualified() != tt.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tt.raw, it, d, tt.want)
		}
	}
	problems := []struct{ raw, code, message, hint string }{
		{"S(1)-2.5", CodeUnknownRequirement, `unknown requirement "S(1)-2.5"; did you mean "S(1)-2.4"?`,
			`catalog cip (draft-2025-10) lists only some individual requirements; if S(1)-2.5 is in the official text, add it with a catalog file that has extends = "cip", or tag (1)-2`},
		{"S(1)-22", CodeUnknownRequirement, `unknown requirement "S(1)-22"; did you mean "S(1)-2.2"?`,
			`the S prefix belongs only to individual requirements, written S(n)-m.k, not to (1)-22`},
		{"(1)-5", CodeUnknownRequirement, `unknown requirement "(1)-5"; did you mean "(1)-4"?`, ""},
		{"(6)-2.5", CodeUnknownRequirement, `unknown requirement "(6)-2.5"; did you mean "(6)-2.4"?`,
			`catalog cip (draft-2025-10) lists only some individual requirements; if (6)-2.5 is in the official text, add it with a catalog file that has extends = "cip", or tag (6)-2`},
		// A well-formed ID under a requirement without known individual requirements: no guess.
		{"S(3)-1.1", CodeUnknownRequirement, `unknown requirement "S(3)-1.1"`,
			`catalog cip (draft-2025-10) lists only some individual requirements; if S(3)-1.1 is in the official text, add it with a catalog file that has extends = "cip", or tag (3)-1`},
		{"PW.6.1", CodeUnknownRequirement, `unknown requirement "PW.6.1"; did you mean "ssdf:PW.6.1"?`,
			`PW.6.1 is SSDF notation; write ssdf:PW.6.1`},
		// IDs that SSDF 1.1 moved lead to where they went, not to the nearest spelling.
		{"ssdf:PW.4.3", CodeUnknownRequirement, `unknown requirement "ssdf:PW.4.3"; did you mean "ssdf:PW.1.3"?`,
			`PW.4.3 moved to PW.1.3 in SSDF 1.1; tag ssdf:PW.1.3`},
		{"ssdf:pw.3.1", CodeUnknownRequirement, `unknown requirement "ssdf:pw.3.1"; did you mean "ssdf:PO.1.3"?`,
			`PW.3.1 moved to PO.1.3 in SSDF 1.1; tag ssdf:PO.1.3`},
		{"ssdf:PW.3", CodeUnknownRequirement, `unknown requirement "ssdf:PW.3"; did you mean "ssdf:PO.1.3"?`,
			`PW.3 moved to PO.1.3 in SSDF 1.1; tag ssdf:PO.1.3`},
		{"iso:A.5.1", CodeUnknownFramework, `unknown framework "iso" in "iso:A.5.1"; the site loads cip, ssdf`,
			`add the framework's catalog to the catalogs of evident.toml, or correct the prefix`},
		{"banana", CodeInvalidID, `invalid requirement ID "banana": expected "(" where it says "BANANA"; the guideline writes (1)-2 and S(1)-2.1`,
			`IDs are written as in the framework's text, such as S(1)-2.1 or ssdf:PO.1.1`},
		{"", CodeInvalidID, `invalid requirement ID "": it is empty`,
			`IDs are written as in the framework's text, such as S(1)-2.1 or ssdf:PO.1.1`},
	}
	for _, tt := range problems {
		it, d := s.Resolve(tt.raw, pos)
		if it != nil || d == nil {
			t.Errorf("Resolve(%q) = %v, %v; want a diagnostic", tt.raw, it, d)
			continue
		}
		want := diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: tt.code, Message: tt.message, Hint: tt.hint}
		if *d != want {
			t.Errorf("Resolve(%q):\n got %+v\nwant %+v", tt.raw, *d, want)
		}
	}
}

func TestResolveSiteDefault(t *testing.T) {
	site := fstest.MapFS{"c/own.toml": {Data: []byte(`framework = "own"
version = "1"
title.en = "Own"
[[items]]
id = "AC-2"
title.en = "Account management"
`)}}
	s, diags := Load(site, []string{"c/own.toml", "cip"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if it, d := s.Resolve("ac-2", diag.Position{}); d == nil || d.Message != `unknown requirement "ac-2"; did you mean "AC-2"?` {
		t.Errorf("Resolve(ac-2) = %v, %v", it, d)
	}
	if it, d := s.Resolve("cip:(1)-2", diag.Position{}); d != nil || it.ID.Local != "(1)-2" {
		t.Errorf("Resolve(cip:(1)-2) = %v, %v", it, d)
	}
	if it, d := s.Resolve("(1)-2", diag.Position{}); d == nil || d.Message != `unknown requirement "(1)-2"; did you mean "cip:(1)-2"?` {
		t.Errorf("Resolve((1)-2) with default own = %v, %v", it, d)
	}
}

// TestMovedSite: a site catalog names its levels and its moved IDs; an extension adds
// moved IDs to the catalog it extends, which keeps its level names.
func TestMovedSite(t *testing.T) {
	site := fstest.MapFS{
		"c/own.toml": {Data: []byte(`framework = "own"
version = "2"
title.en = "Own"
levels = { category = { en = "Domain" }, individual = { ja = "強化", en = "Enhancement" } }
[[items]]
id = "AC"
title.en = "Access"
[[items]]
id = "AC-2"
parent = "AC"
title.en = "Account management"
[[moved]]
id = "AC-1"
to = "AC-2"
`)},
		"c/more.toml": {Data: []byte(`extends = "cip"
[[moved]]
id = "(1)-9"
to = "(1)-2"
`)},
	}
	s, diags := Load(site, []string{"c/own.toml", "cip", "c/more.toml"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	own, _ := s.Catalog("own")
	cip, _ := s.Catalog("cip")
	var got []string
	for _, l := range []Level{Category, Requirement, Individual} {
		got = append(got, own.LevelName(l).In("en"), own.LevelName(l).In("ja"), cip.LevelName(l).In("en"))
	}
	want := []string{"Domain", "Domain", "Requirement category", "Requirement", "要求事項", "Requirement", "Enhancement", "強化", "Individual requirement"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("level names (-want +got):\n%s", diff)
	}
	for _, tc := range []struct{ raw, message, hint string }{
		{"AC-1", `unknown requirement "AC-1"; did you mean "AC-2"?`, `AC-1 moved to AC-2 in OWN 2; tag AC-2`},
		{"cip:(1)-9", `unknown requirement "cip:(1)-9"; did you mean "cip:(1)-2"?`, `(1)-9 moved to (1)-2 in CIP draft-2025-10; tag cip:(1)-2`},
	} {
		_, d := s.Resolve(tc.raw, diag.Position{})
		if d == nil || d.Message != tc.message || d.Hint != tc.hint {
			t.Errorf("Resolve(%q) = %+v\nwant %s / %s", tc.raw, d, tc.message, tc.hint)
		}
	}
}
