package csaf

import (
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/cvss"
	"github.com/evident-dev/evident/generator/model"
)

// testModel is a declaration with two products and three advisories, as the model step
// makes it: a fix with CVSS 3.1 and 4.0 scores, a pure VEX statement of two products,
// and an advisory under investigation for one product and known to affect another.
func testModel(t testing.TB) *model.Declaration {
	t.Helper()
	score := func(v string) *model.CVSS {
		s, err := cvss.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	m := &model.Declaration{
		Generator: "evident 1.2.3",
		BaseURL:   "https://trust.example.com/",
		Languages: []string{"ja", "en"},
		Organization: model.Organization{
			Name: model.Text{"ja": "ACME株式会社", "en": "ACME Corporation"},
			URL:  "https://www.example.com/", Contact: "security@example.com",
		},
		Products: []model.Product{
			{ID: "acme-gateway", Name: model.Text{"ja": "ACME Gateway"},
				Releases: []string{"acme-gateway/2.5.0", "acme-gateway/2.4.0", "acme-gateway/2.0.0", "acme-gateway/1.9.0"}},
			{ID: "acme-cloud", Name: model.Text{"ja": "ACME Cloud Console"},
				Releases: []string{"acme-cloud/2026.06", "acme-cloud/2026.05"}},
		},
		Releases:   map[string]*model.Release{},
		Advisories: map[string]*model.Advisory{},
	}
	for _, p := range m.Products {
		for _, key := range p.Releases {
			_, v, _ := strings.Cut(key, "/")
			path := "/products/" + p.ID + "/releases/" + v + "/"
			m.Releases[key] = &model.Release{Key: key, Product: p.ID, Version: v, Path: path, URL: strings.TrimSuffix(m.BaseURL, "/") + path}
		}
	}
	m.Releases["acme-gateway/2.4.0"].SBOMs = []string{"sbom/acme gateway-2.4.0.cdx.json"}
	add := func(a *model.Advisory) {
		year, _, _ := strings.Cut(a.Released, "-")
		a.Slug = strings.ToLower(a.ID)
		a.TLP = "WHITE"
		a.Path = "/advisories/" + a.Slug + "/"
		a.URL = "https://trust.example.com" + a.Path
		a.CSAF.Path = ".well-known/csaf/white/" + year + "/" + a.Slug + ".json"
		a.CSAF.URL = "https://trust.example.com/" + a.CSAF.Path
		a.Version = a.Revisions[len(a.Revisions)-1].Number
		m.Advisories[a.Slug] = a
		m.AdvisoryOrder = append(m.AdvisoryOrder, a.Slug)
	}
	add(&model.Advisory{
		ID: "ACME-SA-2026-003", Title: model.Text{"ja": "ACME Cloud Console の認証回避", "en": "Authentication bypass in ACME Cloud Console"},
		Released: "2026-06-10", Updated: "2026-06-20", Final: false,
		Revisions: []model.Revision{
			{Number: "1", Date: "2026-06-10", Summary: model.Text{"ja": "初版"}},
			{Number: "2", Date: "2026-06-20", Summary: model.Text{"ja": "ACME Gateway が影響を受けることを確認しました。"}},
		},
		Severity: "high", Score: 8.1,
		Vulnerabilities: []model.Vulnerability{{CWE: "CWE-287", Title: model.Text{"ja": "認証回避"},
			CVSS31: score("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"), Severity: "high"}},
		Products: []model.AdvisoryProduct{
			{Product: "acme-cloud", Status: model.UnderInvestigation, Affected: []string{"acme-cloud/2026.06"}},
			{Product: "acme-gateway", Status: model.KnownAffected, Affected: []string{"acme-gateway/2.5.0"},
				Remediations: []model.Remediation{{Category: "mitigation", Details: model.Text{"ja": "管理画面を社内ネットワークに限定してください。"}, Date: "2026-06-20"}}},
		},
		Body: model.Text{"ja": "調査中です。\n\n分かり次第お知らせします。"},
	})
	add(&model.Advisory{
		ID: "ACME-SA-2026-002", Title: model.Text{"ja": "OpenSSL の脆弱性 CVE-2026-0002 の影響について"},
		Description: model.Text{"ja": "ACME の製品は影響を受けません。"},
		Released:    "2026-05-20", Updated: "2026-05-20", Final: true, VEX: true,
		Revisions:       []model.Revision{{Number: "1", Date: "2026-05-20", Summary: model.Text{"ja": "初版"}}},
		Vulnerabilities: []model.Vulnerability{{CVE: "CVE-2026-0002"}},
		Products: []model.AdvisoryProduct{
			{Product: "acme-gateway", Status: model.NotAffected, Justification: "component_not_present",
				Affected: []string{"acme-gateway/2.5.0", "acme-gateway/2.4.0"}, Impact: model.Text{"ja": "OpenSSL を含みません。"}},
			{Product: "acme-cloud", Status: model.NotAffected, Justification: "vulnerable_code_not_in_execute_path",
				Affected: []string{"acme-cloud/2026.06", "acme-cloud/2026.05"}},
		},
	})
	add(&model.Advisory{
		ID: "ACME-SA-2025-001", Title: model.Text{"ja": "ACME Gateway の管理画面におけるクロスサイトスクリプティング", "en": "Cross-site scripting in the ACME Gateway console"},
		Description: model.Text{"ja": "管理画面に XSS があります。", "en": "The console has an XSS."},
		Released:    "2025-12-01", Updated: "2026-05-12", Final: true,
		Revisions: []model.Revision{
			{Number: "1", Date: "2025-12-01", Summary: model.Text{"ja": "初版"}},
			{Number: "2", Date: "2026-05-12", Summary: model.Text{"ja": "修正版 2.5.0 を公開しました。"}},
		},
		Severity: "medium", Score: 5.1,
		Vulnerabilities: []model.Vulnerability{{CVE: "CVE-2026-0001", CWE: "CWE-79", Title: model.Text{"ja": "管理画面の XSS"},
			CVSS31:   score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
			CVSS40:   score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"),
			Severity: "medium"}},
		Products: []model.AdvisoryProduct{{Product: "acme-gateway", Status: model.Fixed,
			Affected: []string{"acme-gateway/2.4.0", "acme-gateway/2.0.0"}, Fixed: []string{"acme-gateway/2.5.0"},
			Ranges: []string{">= 2.0.0, < 2.5.0"},
			Remediations: []model.Remediation{
				{Category: "vendor_fix", Details: model.Text{"ja": "2.5.0 に更新してください。"}, URL: "https://trust.example.com/products/acme-gateway/releases/2.5.0/", Date: "2026-05-12"},
				{Category: "workaround", Details: model.Text{"ja": "管理画面へのアクセスを制限してください。"}},
			}}},
		Acknowledgments: []model.Acknowledgment{{Names: []string{"Taro Yamada"}, Organization: "Example Security Lab", Summary: model.Text{"ja": "報告者"}}},
		References:      []model.Reference{{URL: "https://www.cve.org/CVERecord?id=CVE-2026-0001", Summary: model.Text{"ja": "CVE"}}},
		Body:            model.Text{"ja": "## 概要\n\n管理画面に **XSS** があります。", "en": "## Summary\n\nThe console has an XSS."},
	})
	return m
}
