package themes

import (
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

// TestGapsPanel: the trust page lists what is planned (with its target date) and what is
// past its review date, from the model's gaps; the example gives evidence for every
// provider-side requirement, so there is no "no evidence given" list; the counts show
// the stale requirement; the customers' category has no counts.
func TestGapsPanel(t *testing.T) {
	b := build(t)
	home := b.FileContent("public/index.html")
	gaps := section(t, home, `id="gaps-title"`, "</section>")
	for _, s := range []string{
		`エビデンスの不足と鮮度`,
		`<a href="/evidence/operations/gateway-health-reporting/">`, `対応予定日 <time datetime="2027-04-30">2027-04-30</time>`,
		`<a href="/evidence/collaboration/community-contribution/">`, `予定日は未定です`,
		`<a href="/evidence/governance/development-environment/">`,
	} {
		if !strings.Contains(gaps, s) {
			t.Errorf("gaps panel lacks %q:\n%s", s, gaps)
		}
	}
	if strings.Contains(gaps, "エビデンス未提示の要求事項") {
		t.Errorf("gaps panel lists requirements with no evidence, but the example has none:\n%s", gaps)
	}
	// Planned work by target date: the one with a date first.
	if strings.Index(gaps, "gateway-health-reporting") > strings.Index(gaps, "community-contribution") {
		t.Error("planned work is not in target-date order")
	}
	summary := section(t, home, `id="summary-title"`, "</section>")
	if !strings.Contains(summary, `<li class="counts-stale"><span class="stale-mark"`) || !strings.Contains(summary, `要再レビュー</span> <span class="count">1</span>`) {
		t.Errorf("summary counts lack the stale count:\n%s", summary)
	}
	if !strings.Contains(summary, `19 要求事項のうち、11 件が対応済み、7 件が一部対応、1 件が計画中、0 件が対象外、0 件がエビデンス未提示です。`) {
		t.Errorf("summary sentence counts customer-side requirements or uses the old words:\n%s", summary)
	}
	card := section(t, home, `<a href="/categories/6/">`, "</li>")
	if !strings.Contains(card, "お客様向けのご案内です") || strings.Contains(card, `class="counts"`) {
		t.Errorf("the customers' category card shows counts:\n%s", card)
	}
	b.AssertFileContent("public/en/index.html", `<h2 id="gaps-title">Gaps and freshness</h2>`, `Target date <time datetime="2027-04-30">`)
}

// TestGapsPanelLists: a requirement with no evidence for one product is listed with
// that product; with nothing to list the panel says so.
func TestGapsPanelLists(t *testing.T) {
	files := siteFilesWith(t, nil, func(m map[string]any) {
		m["gaps"] = map[string]any{"notAddressed": []any{"5-2"}, "planned": []any{}, "stale": []any{}}
		cells := m["items"].(map[string]any)["5-2"].(map[string]any)["cells"].([]any)
		cells[1].(map[string]any)["status"] = "not-addressed"
	})
	b := hugolib.Test(t, files)
	gaps := section(t, b.FileContent("public/en/index.html"), `id="gaps-title"`, "</section>")
	if !strings.Contains(gaps, `No evidence given</span> Requirements with no evidence given <span class="count">1</span>`) ||
		!strings.Contains(gaps, `href="/en/requirements/5-2/"`) || !strings.Contains(gaps, `(ACME Cloud Console)`) {
		t.Errorf("gaps panel:\n%s", gaps)
	}
	if strings.Contains(gaps, "Planned work") || strings.Contains(gaps, "Evidence past") {
		t.Errorf("empty lists are shown:\n%s", gaps)
	}

	files = siteFilesWith(t, nil, func(m map[string]any) {
		m["gaps"] = map[string]any{"notAddressed": []any{}, "planned": []any{}, "stale": []any{}}
	})
	b = hugolib.Test(t, files)
	b.AssertFileContent("public/index.html", `<p class="notice notice-info">エビデンスを提示していない要求事項、計画中の対応、レビュー期限を過ぎた証跡はありません。</p>`)
}

// TestCustomerSide: the customers' requirements are not rows of the matrix; they are
// shown apart with what the vendor offers, never as the vendor's gaps.
func TestCustomerSide(t *testing.T) {
	b := build(t)
	for _, lp := range []string{"", "/en"} {
		c := b.FileContent("public" + lp + "/coverage/index.html")
		matrix := section(t, c, `<table class="matrix"`, "</table>")
		if n := strings.Count(matrix, `class="req-row"`); n != 19 {
			t.Errorf("%s: %d matrix rows, want the 19 provider-side requirements", lp, n)
		}
		if strings.Contains(matrix, `id="r-6-1"`) {
			t.Errorf("%s: (6)-1 is a row of the matrix", lp)
		}
		cust := section(t, c, `<section class="customer-section"`, "</section>")
		if !strings.Contains(cust, `<tr id="r-6-1" class="customer-row">`) || !strings.Contains(cust, `<a href="`+lp+`/evidence/customer/customer-requirements/">`) {
			t.Errorf("%s: customer section:\n%s", lp, cust)
		}
		if strings.Contains(cust, "status-not-addressed") {
			t.Errorf("%s: customer section shows a gap:\n%s", lp, cust)
		}
		// (4)-6 rests on stale evidence only: its cells say so in words.
		row := section(t, c, `<tr id="r-4-6"`, "</tr>")
		if strings.Count(row, `class="stale-mark"`) != 2 || !strings.Contains(row, "is-stale") {
			t.Errorf("%s: row (4)-6 has no stale marker:\n%s", lp, row)
		}
	}
	b.AssertFileContent("public/coverage/index.html", `<span class="status-sym" aria-hidden="true">✕</span> エビデンス未提示`, `要再レビュー`)
	b.AssertFileContent("public/en/coverage/index.html", `<span class="status-sym" aria-hidden="true">✕</span> No evidence given`, `Review overdue`)

	b.AssertFileContent("public/requirements/6-1/index.html",
		`お客様向けの要求事項です。当社の対応状況としては集計していません。`,
		`<h2 id="evidence-h">当社が提供しているもの</h2>`,
		`<h2 id="justification-h">対象外とする理由</h2>`,
		`サイバーインフラ事業者である ACME が自ら実施するものではありません。`,
		`! id="status-h"`, `! status-not-addressed`)
	b.AssertFileContent("public/en/requirements/6-1/index.html",
		`This requirement is addressed to customers.`,
		`they are not for ACME, as a cyber infrastructure provider, to carry out.`)
	b.AssertFileContent("public/categories/6/index.html", `<table class="data customer-items" id="cat-customer">`, `! class="matrix"`, `! class="counts"`)
}

// TestStaleRequirement: a requirement whose only evidence is past its review date says
// so on its page, with the evidence to review.
func TestStaleRequirement(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/requirements/4-6/index.html",
		`<p><strong>この要求事項の証跡はすべてレビュー期限を過ぎています。</strong></p>`,
		`<li><a href="/evidence/governance/development-environment/">`)
	b.AssertFileContent("public/en/requirements/4-6/index.html", `All evidence for this requirement is past its review date.`)
	b.AssertFileContent("public/requirements/4-5/index.html", `! すべてレビュー期限を過ぎています`)
}

// TestEdition: the footer and the about page say in plain words which edition of the
// guideline the declaration follows; the catalog's maintainer note is not shown.
func TestEdition(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/index.html", `この宣言は「サイバーインフラ事業者に求められる役割等に関するガイドライン」の2025年10月公表の案に基づいています。`)
	b.AssertFileContent("public/en/index.html", `This declaration is made against the draft published in October 2025 of the “Guidelines on the Roles Expected of Cyber Infrastructure Providers”.`)
	b.AssertFileContent("public/about/index.html", `<p class="about-edition">`, `バージョン 1.1`, `! extends`)
	b.AssertFileContent("public/en/about/index.html", `draft published in October 2025`, `! extends`)
}
