package compare

import (
	"fmt"
	"strings"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
)

// Langs are the languages of the report's own words; the default is Japanese, the
// language of the customers the guideline is written for.
var Langs = []string{"ja", "en"}

// words are the report's fixed words, by key, in each of Langs.
var words = map[string]model.Text{
	"title":         {"ja": "宣言の比較", "en": "Declarations compared"},
	"as of":         {"ja": "基準日 %s（鮮度はこの日から数えています）", "en": "As of %s (freshness is counted from this day)"},
	"profile of":    {"ja": "要件: %s", "en": "Requirements: %s"},
	"skip":          {"ja": "本文へ移動", "en": "Skip to content"},
	"sources":       {"ja": "提供元", "en": "Sources"},
	"col vendor":    {"ja": "提供元", "en": "Vendor"},
	"col source":    {"ja": "取得元", "en": "Source"},
	"col verify":    {"ja": "検証", "en": "Verification"},
	"col decl":      {"ja": "宣言", "en": "Declaration"},
	"col fresh":     {"ja": "鮮度", "en": "Freshness"},
	"col product":   {"ja": "製品", "en": "Product"},
	"col result":    {"ja": "結果", "en": "Result"},
	"col check":     {"ja": "項目", "en": "Check"},
	"col detail":    {"ja": "詳細", "en": "Detail"},
	"col req":       {"ja": "要求事項", "en": "Requirement"},
	"verified":      {"ja": "検証済み", "en": "Verified"},
	"signed":        {"ja": "SHA256SUMS の署名も検証済み", "en": "signature of SHA256SUMS verified"},
	"digests":       {"ja": "%d ファイルのハッシュが一致", "en": "%d files match their digests"},
	"unverified":    {"ja": "検証なし（ファイル）", "en": "Not verified (a file)"},
	"not compared":  {"ja": "比較していません", "en": "Not compared"},
	"decl":          {"ja": "%s 版（%s）", "en": "version %s of %s"},
	"months ago":    {"ja": "%d か月前", "en": "%d months old"},
	"month ago":     {"ja": "%d か月前", "en": "%d month old"},
	"reviews":       {"ja": "証跡 %d 件、確認日 %s 〜 %s", "en": "%d evidence items, reviewed %s to %s"},
	"no reviews":    {"ja": "証跡 %d 件", "en": "%d evidence items"},
	"stale":         {"ja": "見直し期限切れ %d 件", "en": "%d past the vendor's review period"},
	"unreviewed":    {"ja": "確認日なし %d 件", "en": "%d without a review date"},
	"whole":         {"ja": "宣言全体", "en": "Whole declaration"},
	"profile":       {"ja": "要件の判定", "en": "What the profile requires"},
	"rule reqs":     {"ja": "要求事項 %s が %s", "en": "Requirements %s are %s"},
	"rule sboms":    {"ja": "サポート終了前のすべてのリリースに SBOM がある", "en": "Every release not at its end of life has an SBOM"},
	"rule latest":   {"ja": "最新リリースに SBOM がある", "en": "The latest release has an SBOM"},
	"rule age":      {"ja": "証跡が %d か月以内（%s 以降）に確認されている", "en": "Evidence was reviewed within %d months (since %s)"},
	"or":            {"ja": "または", "en": "or"},
	"meets":         {"ja": "適合", "en": "Meets the profile"},
	"fails":         {"ja": "不適合", "en": "Does not meet the profile"},
	"failed of":     {"ja": "%[2]d 項目中 %[1]d 項目が不適合", "en": "%d of %d checks failed"},
	"passed all":    {"ja": "%d 項目すべて適合", "en": "all %d checks pass"},
	"pass":          {"ja": "可", "en": "Pass"},
	"fail":          {"ja": "否", "en": "Fail"},
	"check product": {"ja": "製品 %s", "en": "Product %s"},
	"no product":    {"ja": "この提供元に製品 %s はありません（製品: %s）", "en": "The vendor has no product %s (its products: %s)"},
	"no products":   {"ja": "この提供元は製品を宣言していないため、製品 %s はありません", "en": "The vendor declares no products, so none is %s"},
	"check sbom":    {"ja": "SBOM %s", "en": "SBOM %s"},
	"sbom detail":   {"ja": "%s、SBOM %d 件", "en": "%s; SBOMs: %d"},
	"no release":    {"ja": "リリースが宣言されていないため確認できません", "en": "No release is declared, so none can be checked"},
	"check fresh":   {"ja": "証跡の鮮度", "en": "Evidence freshness"},
	"fresh detail":  {"ja": "%d 件すべて %s 以降に確認", "en": "All %d reviewed since %s"},
	"fresh fail":    {"ja": "%[2]d 件中 %[1]d 件が %[3]s より前に確認、または確認日なし", "en": "%d of %d reviewed before %s or never"},
	"check stale":   {"ja": "証跡 %s", "en": "Evidence %s"},
	"reviewed":      {"ja": "確認日 %s", "en": "reviewed %s"},
	"never":         {"ja": "確認日なし", "en": "no review date"},
	"not in decl":   {"ja": "宣言にない", "en": "Not in the declaration"},
	"status is":     {"ja": "状況: %s", "en": "status: %s"},
	"matrix":        {"ja": "要求事項の比較", "en": "Requirements side by side"},
	"caption":       {"ja": "ガイドラインの要求事項ごとの各提供元の状況（セルは提供元のページへのリンク）", "en": "Each vendor's status for the guideline's requirements (each cell links to the vendor's page)"},
	"customer":      {"ja": "顧客側の要求事項（参考。提供元の不足ではありません）", "en": "Customer-side requirements (guidance, not the vendor's gaps)"},
	"legend":        {"ja": "凡例", "en": "Legend"},
	"footer":        {"ja": "%s で作成。各提供元のサイトは公開された SHA256SUMS で検証してから比較しています。", "en": "Made with %s. Each vendor's site was verified against its published SHA256SUMS before it was compared."},
	"no sources":    {"ja": "比較できた提供元はありません。", "en": "No source could be compared."},
}

// reasons name why a source was not compared.
var reasons = map[published.Reason]model.Text{
	published.Verification: {"ja": "検証失敗", "en": "Verification failed"},
	published.NotASite:     {"ja": "evident のサイトではない", "en": "Not an evident site"},
	published.Unreachable:  {"ja": "取得できない", "en": "Cannot be reached"},
	published.Timeout:      {"ja": "時間切れ", "en": "Timed out"},
	published.TooLarge:     {"ja": "大きすぎる", "en": "Too large"},
	published.NewerFormat:  {"ja": "新しい形式", "en": "Newer format"},
	published.Invalid:      {"ja": "宣言として読めない", "en": "Not a valid declaration"},
	published.Usage:        {"ja": "読み込めない", "en": "Cannot be loaded"},
}

// say returns the words for key in lang, with args filled in.
func say(lang, key string, args ...any) string {
	w := words[key].In(lang)
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}

// reason names why v was not compared, and what went wrong, in lang.
func reason(lang string, e *published.Error) (string, string) {
	return reasons[e.Reason].In(lang), e.Err.Error()
}

// productName is how a column's product is named: its name, the product the profile
// wants, or the whole declaration.
func productName(lang string, c *Column) string {
	switch {
	case c.Product != nil:
		return c.Product.Name.In(lang)
	case c.Wanted != "":
		return c.Wanted
	}
	return say(lang, "whole")
}

// rules describe what the profile requires, one sentence each.
func rules(lang string, p *Profile, asOf string) []string {
	var out []string
	if len(p.Requirements) > 0 {
		var ids []string
		for _, r := range p.Requirements {
			id := r.ID
			if r.Framework != "cip" {
				id = r.Framework + ":" + r.ID
			}
			ids = append(ids, id)
		}
		var accept []string
		for _, s := range p.Accept {
			accept = append(accept, s.Label(lang))
		}
		out = append(out, say(lang, "rule reqs", strings.Join(ids, ", "), strings.Join(accept, " "+say(lang, "or")+" ")))
	}
	switch p.SBOMs {
	case SBOMsSupported:
		out = append(out, say(lang, "rule sboms"))
	case SBOMsLatest:
		out = append(out, say(lang, "rule latest"))
	}
	if p.MaxAgeMonths > 0 {
		out = append(out, say(lang, "rule age", p.MaxAgeMonths, cutoff(asOf, p.MaxAgeMonths)))
	}
	return out
}

// cutoff is the day maxMonths before asOf.
func cutoff(asOf string, maxMonths int) string {
	t, ok := parseDate(asOf)
	if !ok {
		return ""
	}
	return t.AddDate(0, -maxMonths, 0).Format("2006-01-02")
}

// describe says what a check is and what was found, in lang: its subject and its detail.
func describe(lang string, c *Column, k Check) (subject, detail string) {
	switch k.Rule {
	case RuleProduct:
		var ids []string
		for _, p := range c.Vendor.Decl.Model.Products {
			ids = append(ids, p.ID)
		}
		if len(ids) == 0 {
			return say(lang, "check product", k.ID), say(lang, "no products", k.ID)
		}
		return say(lang, "check product", k.ID), say(lang, "no product", k.ID, strings.Join(ids, ", "))
	case RuleRequirement:
		if k.Status == "" {
			return k.ID, say(lang, "not in decl")
		}
		return k.ID, say(lang, "status is", k.Status.Label(lang))
	case RuleSBOM:
		if k.ID == "" {
			return strings.TrimSpace(say(lang, "check sbom", "")), say(lang, "no release")
		}
		return say(lang, "check sbom", k.ID), say(lang, "sbom detail", model.ReleaseStatusWords[k.Release].In(lang), k.SBOMs)
	case RuleFresh:
		if k.Pass {
			return say(lang, "check fresh"), say(lang, "fresh detail", k.Count, k.Date)
		}
		n := 0
		for _, x := range c.Checks {
			if x.Rule == RuleStale {
				n++
			}
		}
		return say(lang, "check fresh"), say(lang, "fresh fail", n, k.Count, k.Date)
	case RuleStale:
		if k.Date == "" {
			return say(lang, "check stale", k.ID), say(lang, "never")
		}
		return say(lang, "check stale", k.ID), say(lang, "reviewed", k.Date)
	}
	return string(k.Rule), ""
}
