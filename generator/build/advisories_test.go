package build

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/sitetest"
)

// A two-language site with advisories. gw's versions are semantic, cloud's are not (its
// releases go by date). The catalog extension puts two made-up individual requirements
// below (3)-2, so that AdvisoryItems has children to find.
const advisoriesSite = `
-- evident.toml --
title = "Example"
baseURL = "https://trust.example.org/"
languages = ["ja", "en"]
catalogs = ["cip", "catalogs/cip-more.toml"]
[organization]
name = "Example"
url = "https://www.example.org/"
[[products]]
id = "gw"
kind = "service"
[[products]]
id = "cloud"
kind = "service"
[[products]]
id = "other"
kind = "service"
-- catalogs/cip-more.toml --
extends = "cip"
[[items]]
id = "S(3)-2.1"
title.en = "A made-up individual requirement"
[[items]]
id = "S(3)-2.2"
title.en = "Another"
-- content/evidence/policy.md --
+++
title = "方針"
requirements = ["(3)-2"]
status = "implemented"
reviewed = 2026-10-01
+++
-- content/products/gw/releases/1.0.0.md --
+++
date = 2025-01-10
+++
-- content/products/gw/releases/2.0.0.md --
+++
date = 2026-01-10
+++
-- content/products/gw/releases/2.4.0.md --
+++
date = 2026-04-10
+++
-- content/products/gw/releases/2.5.0.md --
+++
date = 2026-05-12
+++
-- content/products/gw/releases/2.6.0.md --
+++
date = 2026-10-10
+++
-- content/products/cloud/releases/2026-09.md --
+++
date = 2026-09-01
+++
-- content/products/cloud/releases/2026-10.md --
+++
date = 2026-10-01
+++
-- content/advisories/ex-sa-2026-001.md --
+++
id = "EX-SA-2026-001"
title = "管理画面のクロスサイトスクリプティング"
description = "2.5.0 で修正しました。"
[[revisions]]
number = 1
date = 2026-05-12
summary = "初版"
[[revisions]]
number = 2
date = 2026-06-02
summary = "回避策を追加"
[[vulnerabilities]]
cve = "CVE-2026-10001"
cwe = "CWE-79"
title = "XSS"
cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
cvss40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"
[[vulnerabilities]]
cve = "CVE-2026-10002"
cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"
[[products]]
id = "gw"
status = "fixed"
affected = [">= 2.0.0, < 2.5.0"]
fixed = ["2.5.0"]
[[products.remediations]]
category = "vendor_fix"
details = "2.5.0 に更新してください。"
url = "https://trust.example.org/products/gw/releases/2.5.0/"
date = 2026-05-12
[[products.remediations]]
category = "workaround"
details = "管理画面を社内からだけ開けるようにしてください。"
[[acknowledgments]]
names = ["Taro Yamada"]
organization = "Example Security Lab"
summary = "報告"
urls = ["https://lab.example.net/"]
[[references]]
url = "https://www.cve.org/CVERecord?id=CVE-2026-10001"
summary = "CVE"
+++
本文。
-- content/advisories/ex-sa-2026-001.en.md --
+++
title = "Cross-site scripting in the admin console"
[[revisions]]
summary = "Initial release"
[[revisions]]
summary = "Workaround added"
[[vulnerabilities]]
title = "XSS in the console"
[[vulnerabilities]]
[[products]]
[[products.remediations]]
details = "Update to 2.5.0."
[[products.remediations]]
details = "Open the console from the internal network only."
[[acknowledgments]]
summary = "Reported it"
[[references]]
summary = "The CVE record"
+++
Text.
-- content/advisories/ex-sa-2026-002.md --
+++
id = "EX-SA-2026-002"
title = "ライブラリの脆弱性の影響を受けません"
[[revisions]]
number = 1
date = 2026-07-01
summary = "初版"
[[vulnerabilities]]
cve = "CVE-2026-20001"
[[products]]
id = "gw"
status = "not-affected"
justification = "component_not_present"
impact = "そのライブラリを含みません。"
[[products]]
id = "cloud"
status = "not-affected"
affected = ["2026-10"]
justification = "vulnerable_code_not_present"
+++
-- content/advisories/ex-sa-2026-003.md --
+++
id = "EX-SA-2026-003"
title = "調査中"
[[revisions]]
number = 1
date = 2026-06-02
summary = "初版"
[[vulnerabilities]]
cve = "CVE-2026-30001"
[[products]]
id = "cloud"
status = "under-investigation"
+++
`

// TestAdvisories: the model of advisories: texts merged across translations, dates and
// version from the revisions, scores and severities, ranges expanded over the products'
// releases (semantic or by date), fixed releases with every newer one, VEX and final,
// the CSAF path, the order, the lists of products and releases, and the items of (3)-2.
func TestAdvisories(t *testing.T) {
	root := sitetest.Unpack(t, advisoriesSite)
	m, res, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf, Generator: "evident test"})
	if err != nil {
		t.Fatal(err, res.Diagnostics)
	}
	if diff := cmp.Diff([]string{"ex-sa-2026-002", "ex-sa-2026-003", "ex-sa-2026-001"}, m.AdvisoryOrder); diff != "" {
		t.Errorf("order: Updated, then Released, newest first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"3-2", "s3-2-1", "s3-2-2"}, m.AdvisoryItems); diff != "" {
		t.Errorf("advisory items (-want +got):\n%s", diff)
	}

	cvss := func(version, vector string, score float64, sev model.Severity) *model.CVSS {
		return &model.CVSS{Version: version, Vector: vector, Score: score, Severity: sev}
	}
	want := &model.Advisory{
		ID: "EX-SA-2026-001", Slug: "ex-sa-2026-001",
		Title:       model.Text{"ja": "管理画面のクロスサイトスクリプティング", "en": "Cross-site scripting in the admin console"},
		Description: model.Text{"ja": "2.5.0 で修正しました。"},
		Body:        model.Text{"en": "Text.", "ja": "本文。"},
		Released:    "2026-05-12", Updated: "2026-06-02", Version: "2",
		Revisions: []model.Revision{
			{Number: "1", Date: "2026-05-12", Summary: model.Text{"ja": "初版", "en": "Initial release"}},
			{Number: "2", Date: "2026-06-02", Summary: model.Text{"ja": "回避策を追加", "en": "Workaround added"}},
		},
		Final: true, TLP: "WHITE",
		// Both vulnerabilities are medium: the first by its CVSS 4.0 score (5.3), which
		// goes before its CVSS 3.1 one (9.8); the second scores higher (6.1).
		Severity: "medium", Score: 6.1,
		Vulnerabilities: []model.Vulnerability{
			{CVE: "CVE-2026-10001", CWE: "CWE-79", Title: model.Text{"ja": "XSS", "en": "XSS in the console"},
				CVSS31:   cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"),
				CVSS40:   cvss("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.3, "medium"),
				Severity: "medium"},
			{CVE: "CVE-2026-10002", Title: model.Text{},
				CVSS31:   cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"),
				Severity: "medium"},
		},
		Products: []model.AdvisoryProduct{{
			Product: "gw", Status: model.Fixed,
			Affected: []string{"gw/2.4.0", "gw/2.0.0"}, Fixed: []string{"gw/2.6.0", "gw/2.5.0"},
			Ranges: []string{">= 2.0.0, < 2.5.0"}, Impact: model.Text{},
			Remediations: []model.Remediation{
				{Category: "vendor_fix", Details: model.Text{"ja": "2.5.0 に更新してください。", "en": "Update to 2.5.0."},
					URL: "https://trust.example.org/products/gw/releases/2.5.0/", Date: "2026-05-12"},
				{Category: "workaround", Details: model.Text{"ja": "管理画面を社内からだけ開けるようにしてください。", "en": "Open the console from the internal network only."}},
			},
		}},
		Acknowledgments: []model.Acknowledgment{{Names: []string{"Taro Yamada"}, Organization: "Example Security Lab",
			Summary: model.Text{"ja": "報告", "en": "Reported it"}, URLs: []string{"https://lab.example.net/"}}},
		References: []model.Reference{{URL: "https://www.cve.org/CVERecord?id=CVE-2026-10001", Summary: model.Text{"ja": "CVE", "en": "The CVE record"}}},
		CSAF: model.CSAFFile{Path: ".well-known/csaf/white/2026/ex-sa-2026-001.json",
			URL: "https://trust.example.org/.well-known/csaf/white/2026/ex-sa-2026-001.json"},
		Source: "content/advisories/ex-sa-2026-001.md", Languages: []string{"ja", "en"},
		Path: "/advisories/ex-sa-2026-001/", Links: model.Links{"ja": "advisories/ex-sa-2026-001/", "en": "en/advisories/ex-sa-2026-001/"},
		URL: "https://trust.example.org/advisories/ex-sa-2026-001/",
	}
	if diff := cmp.Diff(want, m.Advisories["ex-sa-2026-001"]); diff != "" {
		t.Errorf("EX-SA-2026-001 (-want +got):\n%s", diff)
	}

	// Not affected: every release when no range is given; a range over releases by date.
	vex := m.Advisories["ex-sa-2026-002"]
	if !vex.VEX || !vex.Final || vex.Severity != "" || vex.Score != 0 {
		t.Errorf("EX-SA-2026-002: vex %v, final %v, severity %q %v", vex.VEX, vex.Final, vex.Severity, vex.Score)
	}
	wantProducts := []model.AdvisoryProduct{
		{Product: "gw", Status: model.NotAffected, Affected: []string{"gw/2.6.0", "gw/2.5.0", "gw/2.4.0", "gw/2.0.0", "gw/1.0.0"}, Fixed: []string{},
			Ranges: []string{}, Justification: "component_not_present", Impact: model.Text{"ja": "そのライブラリを含みません。"}, Remediations: []model.Remediation{}},
		{Product: "cloud", Status: model.NotAffected, Affected: []string{"cloud/2026-10"}, Fixed: []string{},
			Ranges: []string{"2026-10"}, Justification: "vulnerable_code_not_present", Impact: model.Text{}, Remediations: []model.Remediation{}},
	}
	if diff := cmp.Diff(wantProducts, vex.Products); diff != "" {
		t.Errorf("EX-SA-2026-002 products (-want +got):\n%s", diff)
	}
	if vex.Links["en"] != "advisories/ex-sa-2026-002/" {
		t.Errorf("an untranslated advisory links to its default page: %v", vex.Links)
	}
	if inv := m.Advisories["ex-sa-2026-003"]; inv.Final || inv.VEX {
		t.Errorf("under investigation: final %v, vex %v", inv.Final, inv.VEX)
	}

	// Products and releases list the advisories that name them, in AdvisoryOrder.
	gotLists := map[string][]string{}
	for _, p := range m.Products {
		gotLists[p.ID] = p.Advisories
	}
	for k, r := range m.Releases {
		gotLists[k] = r.Advisories
	}
	wantLists := map[string][]string{
		"gw":            {"ex-sa-2026-002", "ex-sa-2026-001"},
		"cloud":         {"ex-sa-2026-002", "ex-sa-2026-003"},
		"other":         {},
		"gw/2.6.0":      {"ex-sa-2026-002", "ex-sa-2026-001"},
		"gw/2.5.0":      {"ex-sa-2026-002", "ex-sa-2026-001"},
		"gw/2.4.0":      {"ex-sa-2026-002", "ex-sa-2026-001"},
		"gw/2.0.0":      {"ex-sa-2026-002", "ex-sa-2026-001"},
		"gw/1.0.0":      {"ex-sa-2026-002"},
		"cloud/2026-10": {"ex-sa-2026-002", "ex-sa-2026-003"},
		"cloud/2026-09": {"ex-sa-2026-003"},
	}
	if diff := cmp.Diff(wantLists, gotLists); diff != "" {
		t.Errorf("advisories of products and releases (-want +got):\n%s", diff)
	}

	// No list is null in declaration.json.
	for _, v := range []any{m.Advisories, m.AdvisoryItems, m.Products, m.Releases} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "null") {
			t.Errorf("null in %s", b)
		}
	}
}

// TestNoAdvisories: a site without advisories, and without the guideline's catalog, has
// empty lists, not null ones.
func TestNoAdvisories(t *testing.T) {
	site := strings.Replace(productsSite, `catalogs = ["cip"]`, `catalogs = ["ssdf"]`, 1)
	site = strings.Replace(site, `requirements = ["(1)-2"]`, `requirements = ["PS.1.1"]`, 1)
	root := sitetest.Unpack(t, site)
	m, res, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf, Generator: "evident test"})
	if err != nil {
		t.Fatal(err, res.Diagnostics)
	}
	b, err := json.Marshal(struct {
		A, O, I any
		P       []string
		R       []string
	}{m.Advisories, m.AdvisoryOrder, m.AdvisoryItems, m.Products[0].Advisories, m.Releases["gw/2.1.0"].Advisories})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"A":{},"O":[],"I":[],"P":[],"R":[]}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}
