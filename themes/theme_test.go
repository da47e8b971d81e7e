package themes

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/spf13/afero"
)

// siteFiles returns the fixture site as a txtar archive: examples/acme as evident
// generates it for Hugo (testdata/site.txtar; TestFixture keeps it up to date), the
// model as data/evident.json and the embedded theme under themes/evident/.
func siteFiles(t testing.TB) string {
	t.Helper()
	return siteFilesWith(t, nil, nil)
}

// siteFilesWith is siteFiles with the site archive and the model changed by the
// given functions (either may be nil).
func siteFilesWith(t testing.TB, editSite func(string) string, editModel func(map[string]any)) string {
	t.Helper()
	siteData, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := string(siteData)
	if editSite != nil {
		site = editSite(site)
	}
	model, err := os.ReadFile("testdata/evident.json")
	if err != nil {
		t.Fatal(err)
	}
	if editModel != nil {
		var m map[string]any
		if err := json.Unmarshal(model, &m); err != nil {
			t.Fatal(err)
		}
		editModel(m)
		if model, err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
		model = append(model, '\n')
	}
	var b strings.Builder
	b.WriteString(site)
	b.WriteString("-- data/evident.json --\n")
	b.Write(model)
	err = fs.WalkDir(FS, "evident", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := FS.ReadFile(p)
		if err != nil {
			return err
		}
		b.WriteString("-- themes/" + p + " --\n")
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func build(t *testing.T) *hugolib.IntegrationTestBuilder {
	t.Helper()
	return buildFiles(t, siteFiles(t))
}

// buildFiles renders the site of a txtar archive, such as siteFilesWith returns.
func buildFiles(t *testing.T, files string) *hugolib.IntegrationTestBuilder {
	t.Helper()
	b := hugolib.Test(t, files)
	if dir := os.Getenv("EVIDENT_THEME_OUT"); dir != "" {
		dump(t, b, dir)
	}
	return b
}

// dump writes the rendered site to dir, to look at it in a browser:
// EVIDENT_THEME_OUT=/tmp/site go test ./themes/ -run TestHome
func dump(t *testing.T, b *hugolib.IntegrationTestBuilder, dir string) {
	published(t, b, func(name string, data []byte) {
		out := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	})
}

// published calls fn with every file of the rendered site, by slash path below public/.
func published(t *testing.T, b *hugolib.IntegrationTestBuilder, fn func(name string, data []byte)) {
	t.Helper()
	pub := b.H.Fs.PublishDir
	err := afero.Walk(pub, "/", func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := afero.ReadFile(pub, p)
		if err != nil {
			return err
		}
		fn(strings.TrimPrefix(filepath.ToSlash(p), "/"), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// htmlPages are pages the example site must render, in both languages.
var htmlPages = []string{
	"index.html",
	"coverage/index.html",
	"requirements/index.html",
	"requirements/1-2/index.html",
	"requirements/s1-2-2/index.html",
	"requirements/6-2-4/index.html",
	"categories/index.html",
	"categories/1/index.html",
	"frameworks/index.html",
	"frameworks/ssdf/pw-6-1/index.html",
	"crosswalk/index.html",
	"evidence/index.html",
	"evidence/build/gateway-hardened-build/index.html",
	"evidence/governance/development-environment/index.html",
	"evidence/vulnerability/response/index.html",
	"sbom/index.html",
	"products/index.html",
	"products/acme-gateway/index.html",
	"products/acme-gateway/releases/index.html",
	"products/acme-gateway/releases/2.4.0/index.html",
	"products/acme-cloud/index.html",
	"advisories/index.html",
	"advisories/acme-sa-2026-001/index.html",
	"advisories/acme-sa-2026-002/index.html",
	"integrity/index.html",
	"about/index.html",
	"faq/index.html",
}

// both returns the page path in the default language and in English.
func both(p string) []string { return []string{"public/" + p, "public/en/" + p} }

// section returns the part of s from the first occurrence of start up to the
// next occurrence of end, or fails.
func section(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%q not found", start)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("%q not found after %q", end, start)
	}
	return s[i : i+j]
}

var hrefRe = regexp.MustCompile(`href="([^"]*)"`)

func hrefs(s string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestEveryPage checks the frame of every HTML page the example renders: one <h1>,
// the landmarks, the language links, the fingerprinted assets and the footer.
func TestEveryPage(t *testing.T) {
	b := build(t)
	for _, p := range htmlPages {
		for _, f := range both(p) {
			b.AssertFileExists(f, true)
		}
	}
	pages := 0
	published(t, b, func(name string, data []byte) {
		c := string(data)
		if !strings.HasSuffix(name, ".html") || strings.Contains(c, `http-equiv="refresh"`) { // Hugo's redirect of /ja/ to /
			return
		}
		pages++
		lang := "ja"
		if strings.HasPrefix(name, "en/") {
			lang = "en"
		}
		if n := strings.Count(c, "<h1"); n != 1 {
			t.Errorf("%s: %d <h1> elements, want 1", name, n)
		}
		for _, want := range []string{
			`<html lang="` + lang + `">`,
			`<a class="skip-link" href="#main">`,
			`<header class="site-header">`,
			`<nav class="main-nav"`,
			`<main id="main"`,
			`<footer class="site-footer">`,
			`<link rel="canonical" href="https://trust.example.com/`,
			`<link rel="alternate" hreflang="ja" href="https://trust.example.com/`,
			`<link rel="alternate" hreflang="en" href="https://trust.example.com/en/`,
			`rel="stylesheet" href="/css/evident.min.`,
			`integrity="sha384-`,
			`crossorigin="anonymous" defer></script>`,
			// footer
			`2026.1`, `2026-11-01`, `(draft-2025-10)`,
			`<a href="/SHA256SUMS">SHA256SUMS</a>`,
			`<a href="/declaration.json" type="application/json">declaration.json</a>`,
			`<a href="/.well-known/security.txt">security.txt</a>`,
			`evident 0.0.0-fixture`,
		} {
			if !strings.Contains(c, want) {
				t.Errorf("%s: missing %q", name, want)
			}
		}
		for _, bad := range []string{`<script>alert`, `ZgotmplZ`, `<no value>`, `%!`, `[i18n]`} {
			if strings.Contains(c, bad) {
				t.Errorf("%s: contains %q", name, bad)
			}
		}
	})
	if pages < 2*len(htmlPages) {
		t.Fatalf("only %d pages were checked", pages)
	}
	b.AssertFileContent("public/index.html", `<p class="built-with">evident 0.0.0-fixture で作成</p>`, `<a href="/index.xml" type="application/rss+xml">`)
	b.AssertFileContent("public/en/index.html", `<p class="built-with">Built with evident 0.0.0-fixture</p>`, `<a href="/en/index.xml" type="application/rss+xml">`)
	b.AssertFileContent("public/404.html", `<h1>ページが見つかりません</h1>`)
}

func TestSRI(t *testing.T) {
	b := build(t)
	c := b.FileContent("public/index.html")
	re := regexp.MustCompile(`<link rel="stylesheet" href="/css/evident\.min\.[0-9a-f]{96}\.css" integrity="sha384-(?:[A-Za-z0-9/]|&#43;)+=*" crossorigin="anonymous">`)
	if !re.MatchString(c) {
		t.Errorf("no fingerprinted stylesheet with SRI in:\n%s", c)
	}
	re = regexp.MustCompile(`<script src="/js/evident\.min\.[0-9a-f]{96}\.js" integrity="sha384-(?:[A-Za-z0-9/]|&#43;)+=*" crossorigin="anonymous" defer></script>`)
	if !re.MatchString(c) {
		t.Errorf("no fingerprinted script with SRI")
	}
}

func TestLanguageSwitcher(t *testing.T) {
	b := build(t)
	for _, p := range []string{"", "coverage/", "requirements/1-2/", "evidence/build/gateway-hardened-build/", "frameworks/ssdf/pw-6-1/", "sbom/", "faq/"} {
		b.AssertFileContent("public/"+p+"index.html",
			`<a href="/`+p+`" lang="ja" hreflang="ja" aria-current="true">日本語</a>`,
			`<a href="/en/`+p+`" lang="en" hreflang="en">English</a>`)
		b.AssertFileContent("public/en/"+p+"index.html",
			`<a href="/`+p+`" lang="ja" hreflang="ja">日本語</a>`,
			`<a href="/en/`+p+`" lang="en" hreflang="en" aria-current="true">English</a>`)
	}
}

func TestMatrix(t *testing.T) {
	b := build(t)
	for _, lp := range []string{"", "/en"} {
		c := b.FileContent("public" + lp + "/coverage/index.html")
		// headers
		for _, s := range []string{`<th scope="col" class="req-col">`, `<th scope="col"><a href="` + lp + `/products/acme-gateway/">ACME Gateway</a></th>`, `<th scope="col"><a href="` + lp + `/products/acme-cloud/">ACME Cloud Console</a></th>`, `<th scope="rowgroup" colspan="3">`, `<tfoot>`, `class="legend"`} {
			if !strings.Contains(c, s) {
				t.Errorf("%s: missing %q", lp, s)
			}
		}
		if n := strings.Count(c, `class="req-row"`); n != 19 {
			t.Errorf("%s: %d requirement rows, want the guideline's 21 but the customers' 2", lp, n)
		}
		rows := map[string][]string{
			// requirement link, then one cell per product (gateway, cloud)
			// (1)-1: one evidence covering both products
			"1-1": {lp + "/requirements/1-1/", lp + "/evidence/design/threat-modeling/", lp + "/evidence/design/threat-modeling/"},
			// (1)-2: several evidence items (through its individual requirements) link to the requirement
			"1-2": {lp + "/requirements/1-2/", lp + "/requirements/1-2/", lp + "/requirements/1-2/"},
			// (1)-4: one evidence item per product
			"1-4": {lp + "/requirements/1-4/", lp + "/evidence/operations/gateway-health-reporting/", lp + "/evidence/operations/cloud-monitoring/"},
		}
		for slug, want := range rows {
			row := section(t, c, `<tr id="r-`+slug+`"`, "</tr>")
			got := hrefs(row)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s row %s: links %v, want %v", lp, slug, got, want)
			}
		}
		row := section(t, c, `<tr id="r-1-4"`, "</tr>")
		if !strings.Contains(row, `data-status="partial"`) || !strings.Contains(row, `cell-planned`) || !strings.Contains(row, `cell-implemented`) {
			t.Errorf("row 1-4 statuses wrong:\n%s", row)
		}
	}
	b.AssertFileContent("public/coverage/index.html",
		`<span class="status-sym" aria-hidden="true">◐</span> 一部対応`,
		`<span class="status-sym" aria-hidden="true">✕</span> エビデンス未提示`,
		`<span class="status-sym" aria-hidden="true">–</span> 対象外`,
		`19 要求事項のうち、11 件が対応済み、7 件が一部対応、1 件が計画中、0 件が対象外、0 件がエビデンス未提示です。`,
	)
	b.AssertFileContent("public/en/coverage/index.html",
		`<span class="status-sym" aria-hidden="true">●</span> Implemented`,
		`<span class="status-sym" aria-hidden="true">○</span> Planned`,
		`Of 19 requirements: 11 implemented, 7 partial, 1 planned, 0 not applicable and 0 with no evidence given.`,
	)
}

// TestMatrixNotAddressed: the example addresses every requirement, so a requirement
// without evidence is made by taking (5)-2's evidence out of the model.
func TestMatrixNotAddressed(t *testing.T) {
	files := siteFilesWith(t, nil, func(m map[string]any) {
		it := m["items"].(map[string]any)["5-2"].(map[string]any)
		it["status"] = "not-addressed"
		it["products"] = map[string]any{"acme-gateway": "not-addressed", "acme-cloud": "not-addressed"}
		it["evidence"], it["subtree"], it["byProduct"] = []any{}, []any{}, map[string]any{}
		it["cells"] = []any{
			map[string]any{"product": "acme-gateway", "status": "not-addressed", "links": it["links"]},
			map[string]any{"product": "acme-cloud", "status": "not-addressed", "links": it["links"]},
		}
	})
	b := hugolib.Test(t, files)
	for _, lp := range []string{"", "/en"} {
		row := section(t, b.FileContent("public"+lp+"/coverage/index.html"), `<tr id="r-5-2"`, "</tr>")
		req := lp + "/requirements/5-2/"
		if got := hrefs(row); !slices.Equal(got, []string{req, req, req}) {
			t.Errorf("%s row 5-2 links %v", lp, got)
		}
		if strings.Count(row, `cell-not-addressed`) != 2 {
			t.Errorf("%s row 5-2 is not shown as not addressed:\n%s", lp, row)
		}
	}
	b.AssertFileContent("public/en/requirements/5-2/index.html", `No evidence has been given for this requirement yet.`)
}

func TestMatrixWithoutProducts(t *testing.T) {
	// Without products, each row has one cell for the item's overall status, which the
	// model builder makes like this.
	files := siteFilesWith(t, nil, func(m map[string]any) {
		delete(m, "products")
		for _, v := range m["items"].(map[string]any) {
			it := v.(map[string]any)
			cell := map[string]any{"status": it["status"], "links": it["links"]}
			if sub := it["subtree"].([]any); len(sub) == 1 {
				e := m["evidence"].(map[string]any)[sub[0].(string)].(map[string]any)
				cell["evidence"], cell["links"] = sub[0], e["links"]
			}
			it["cells"] = []any{cell}
		}
	})
	b := hugolib.Test(t, files)
	c := b.FileContent("public/coverage/index.html")
	b.AssertFileContent("public/coverage/index.html", `<th scope="col">状況</th>`, `<th scope="rowgroup" colspan="2">`, "! ACME Gateway</th>")
	row := section(t, c, `<tr id="r-1-2"`, "</tr>")
	if got := hrefs(row); strings.Join(got, " ") != "/requirements/1-2/ /requirements/1-2/" {
		t.Errorf("row 1-2 links %v", got)
	}
	row = section(t, c, `<tr id="r-3-2"`, "</tr>")
	if got := hrefs(row); strings.Join(got, " ") != "/requirements/3-2/ /evidence/vulnerability/response/" {
		t.Errorf("row 3-2 links %v", got)
	}
}

func TestSubPathBaseURL(t *testing.T) {
	files := siteFilesWith(t, func(s string) string {
		return strings.Replace(s, `baseURL = "https://trust.example.com/"`, `baseURL = "https://example.org/trust/"`, 1)
	}, nil)
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/coverage/index.html",
		`href="/trust/css/evident.min.`,
		`<a href="/trust/requirements/1-2/">`,
		`<a href="/trust/evidence/design/threat-modeling/">`,
		`<a href="/trust/SHA256SUMS">`,
		`<a href="/trust/en/coverage/" lang="en"`)
	b.AssertFileContent("public/en/evidence/supply-chain/gateway-provenance/index.html",
		`<a href="/trust/artifacts/acme-gateway-2.4.0.provenance.json" download>`,
		`<a href="/trust/sbom/acme-gateway-2.3.1.cdx.json.sha256" download>`,
		`<a class="item-link" href="/trust/en/requirements/s2-2-3/">`)
	b.AssertFileContent("public/integrity/index.html", `evident verify https://example.org/trust/`)
}

// TestEscaping: text from catalogs, evidence front matter and evidence bodies is
// escaped. The example has no markup in its text, so the test puts some in.
func TestEscaping(t *testing.T) {
	const script = "<script>alert(1)</script>"
	files := siteFilesWith(t, func(s string) string {
		s = strings.Replace(s, `title = "リリースのアーカイブと保護"`, `title = "リリースのアーカイブと保護 `+script+`"`, 1)
		s = strings.Replace(s, `title = "Archiving and protecting releases"`, `title = "Archiving and protecting releases `+script+`"`, 1)
		return strings.Replace(s, "**再現性**", script+"**再現性**", 1)
	}, func(m map[string]any) {
		items := m["items"].(map[string]any)
		items["s2-2-2"].(map[string]any)["title"].(map[string]any)["ja"] = "リリースのアーカイブ " + script
		items["2-2"].(map[string]any)["title"].(map[string]any)["en"] = "Secure archiving " + script
		ev := m["evidence"].(map[string]any)["supply-chain/release-archive"].(map[string]any)
		ev["title"].(map[string]any)["ja"] = "リリースのアーカイブと保護 " + script
		ev["title"].(map[string]any)["en"] = "Archiving and protecting releases " + script
	})
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/requirements/s2-2-2/index.html", `リリースのアーカイブ &lt;script&gt;alert(1)&lt;/script&gt;`, `! `+script)
	b.AssertFileContent("public/en/requirements/2-2/index.html", `Secure archiving &lt;script&gt;alert(1)&lt;/script&gt;`, `! `+script)
	b.AssertFileContent("public/evidence/index.html", `リリースのアーカイブと保護 &lt;script&gt;alert(1)&lt;/script&gt;`, `! `+script)
	b.AssertFileContent("public/evidence/supply-chain/release-archive/index.html", `リリースのアーカイブと保護 &lt;script&gt;alert(1)&lt;/script&gt;`, `! `+script)
	b.AssertFileContent("public/en/index.xml", `Archiving and protecting releases &lt;script&gt;alert(1)&lt;/script&gt;`, `! `+script)
	b.AssertFileContent("public/evidence/build/gateway-hardened-build/index.html", `<!-- raw HTML omitted -->`, `! `+script)
}

func TestHome(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/index.html",
		`<h1 id="decl-title">サイバーインフラ事業者ガイドライン 自己適合宣言</h1>`,
		`<dd>2026.1</dd>`,
		`<dd><time datetime="2026-11-01">2026-11-01</time></dd>`,
		`ACME Gateway（オンプレミス向けアプライアンスソフトウェア）と ACME Cloud Console（SaaS）の設計・開発・供給・運用。`,
		`<a href="https://www.example.com/" rel="noopener">ACME株式会社</a>`,
		`<a href="mailto:security@example.com">security<wbr>@example.com</a>`, // breaks before the @ on a narrow screen
		`19 要求事項のうち、11 件が対応済み`,
		`<div class="bar" aria-hidden="true">`,
		`<span class="bar-seg bar-implemented" style="flex-grow: 11">`,
		`<h3><a href="/products/acme-gateway/">ACME Gateway</a></h3>`, `<h3><a href="/products/acme-cloud/">ACME Cloud Console</a></h3>`,
		`19 要求事項のうち 13 件が対応済み`, `19 要求事項のうち 12 件が対応済み`,
		`<a href="/categories/1/"><span class="id">(1)</span> セキュアな設計・開発・供給・運用</a>`,
		`<a href="/categories/6/">`,
		`<a href="/evidence/build/gateway-hardened-build/">ACME Gateway のハードニングされたリリースビルド</a>`,
		`evident verify https://trust.example.com/`,
		`<a class="more" href="/integrity/">`,
	)
	b.AssertFileContent("public/en/index.html",
		`<h1 id="decl-title">Self-declaration under the Guidelines on the Roles Expected of Cyber Infrastructure Providers</h1>`,
		`<a href="https://www.example.com/" rel="noopener">ACME Corporation</a>`,
		`13 of 19 requirements implemented`,
		`<a href="/en/evidence/build/gateway-hardened-build/">Hardened release builds of ACME Gateway</a>`,
		`<a href="/en/categories/2/">`,
	)
	// The five most recently reviewed evidence items, newest first.
	c := section(t, b.FileContent("public/en/index.html"), `id="recent-title"`, "</section>")
	var order []int
	for _, slug := range []string{"customer/customer-requirements", "supply-chain/gateway-provenance", "test/security-testing", "build/gateway-hardened-build"} {
		order = append(order, strings.Index(c, "/en/evidence/"+slug+"/"))
	}
	if !slices.IsSorted(order) || order[0] < 0 {
		t.Errorf("recent evidence not in review order: %v", order)
	}
	if strings.Contains(c, "governance/development-environment") {
		t.Error("the oldest evidence is listed as recent")
	}
}

func TestRequirementPage(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/requirements/1-2/index.html",
		`<title>(1)-2 セキュアなビルド | ACME トラストセンター</title>`,
		`<nav class="breadcrumb"`,
		`<li><a href="/categories/1/"><span class="id">(1)</span> セキュアな設計・開発・供給・運用</a></li>`,
		`<h1><span class="id">(1)-2</span> セキュアなビルド</h1>`,
		`<h2 id="summary-h">ガイドラインの概要</h2>`,
		`開発言語や開発環境に適したセキュアコーディング`,
		`<tr><th scope="row">ACME Gateway</th><td><span class="status status-implemented">`,
		`<tr><th scope="row">ACME Cloud Console</th><td><span class="status status-partial">`,
		`<h2 id="children-h">個別要求</h2>`,
		`<a class="item-link" href="/requirements/s1-2-2/"><span class="id">S(1)-2.2</span>`,
		`<a href="/evidence/build/gateway-hardened-build/">ACME Gateway のハードニングされたリリースビルド</a>`,
		`<span class="badge badge-info">参考</span>`,
		`<a class="item-link" href="/frameworks/ssdf/pw-6/"><span class="id">PW.6</span>`,
		`<a href="/requirements/1-2/index.json" type="application/json">`,
	)
	b.AssertFileContent("public/requirements/s1-2-2/index.html",
		`<li><a href="/categories/1/">`,
		`<li><a href="/requirements/1-2/"><span class="id">(1)-2</span> セキュアなビルド</a></li>`,
		`<span aria-current="page"><span class="id">S(1)-2.2</span></span>`,
		`個別要求`)
	b.AssertFileContent("public/en/frameworks/ssdf/pw-6-1/index.html",
		`This item belongs to Secure Software Development Framework (SSDF) Version 1.1`,
		`<li><a href="/en/frameworks/ssdf/pw-6/"><span class="id">PW.6</span>`,
		`<a href="/en/evidence/build/gateway-hardened-build/">Hardened release builds of ACME Gateway</a>`)
	b.AssertFileContent("public/en/frameworks/ssdf/pw-6/index.html",
		`<h2 id="related-h">Related guideline items <span class="badge badge-info">Informative</span></h2>`,
		`<a class="item-link" href="/en/requirements/1-2/">`)
	b.AssertFileContent("public/en/frameworks/ssdf/pw-4-2/index.html", `No evidence has been given for this requirement yet.`)

	var doc struct {
		Item struct {
			ID string `json:"id"`
		} `json:"item"`
		Evidence []struct {
			Slug string `json:"slug"`
			URL  string `json:"url"`
		} `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(b.FileContent("public/en/requirements/1-2/index.json")), &doc); err != nil {
		t.Fatal(err)
	}
	// (1)-2 has no evidence of its own: the JSON lists its individual requirements' evidence.
	if doc.Item.ID != "(1)-2" || len(doc.Evidence) != 4 || doc.Evidence[0].URL != "https://trust.example.com/en/evidence/build/gateway-hardened-build/" {
		t.Errorf("JSON: %+v", doc)
	}
}

func TestEvidencePage(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/evidence/supply-chain/gateway-provenance/index.html",
		`<h1>ACME Gateway の SBOM と出所証明の公開</h1>`,
		`<span class="status status-implemented">`,
		`<li>ACME Gateway</li>`,
		`<time datetime="2026-10-21">2026-10-21</time>`,
		`<a class="item-link" href="/requirements/s2-2-3/"><span class="id">S(2)-2.3</span>`,
		`<span class="file-title">ACME Gateway 2.4.0 の出所証明（in-toto / SLSA Provenance v1）</span> <span class="badge">資料</span>`,
		`<span class="size" title="1,780 バイト">1.8 kB</span>`,
		`<code class="hash">887ad629d67a7c38b9d03367039753ba13d64e0505e00f8c3172dd26ea706ba1</code>`,
		`<a href="/artifacts/acme-gateway-2.4.0.provenance.json" download>`,
		`<a href="/artifacts/acme-gateway-2.4.0.provenance.json.sha256" download>`,
		`<code>sha256sum -c acme-gateway-2.4.0.provenance.json.sha256</code>`,
		`<span class="file-title">ACME Gateway 2.3.1 SBOM（CycloneDX 1.4）</span> <span class="badge">SBOM</span>`,
		`<span class="size" title="139,644 バイト">139.6 kB</span>`,
		`<code>sha256sum -c acme-gateway-2.3.1.cdx.json.sha256</code>`,
		`! notice-warn`,
	)
	b.AssertFileContent("public/en/evidence/supply-chain/gateway-provenance/index.html",
		`<h1>SBOM and provenance of ACME Gateway, published</h1>`,
		`<h2 id="files-h">Published files</h2>`,
		`139,644 bytes`)
	b.AssertFileContent("public/evidence/governance/leadership-and-staffing/index.html",
		`<span class="products-all">全製品</span>`, `<dd>CISO 室</dd>`,
		`<h4 id="経営層のコミットメント">経営層のコミットメント</h4>`)
	b.AssertFileContent("public/en/evidence/governance/leadership-and-staffing/index.html",
		`<span class="products-all">All products</span>`, `<dd>Office of the CISO</dd>`,
		`<h4 id="leadership-commitment">Leadership commitment</h4>`)
	b.AssertFileContent("public/evidence/build/gateway-hardened-build/index.html", `<strong>再現性</strong>`)
	b.AssertFileContent("public/en/evidence/governance/development-environment/index.html",
		`<div class="notice notice-warn" role="note">`,
		`last reviewed on 2025-06-01, longer ago than the review period of 365 days`)
	b.AssertFileContent("public/evidence/vulnerability/response/index.html",
		`<span class="badge">VEX</span>`, `<code>sha256sum -c security-advisory-template.txt.sha256</code>`)
	b.AssertFileContent("public/evidence/index.html",
		`<a href="/evidence/supply-chain/release-archive/">`,
		`<a href="/requirements/2-4/" title="利用者への適切な情報提供">(2)-4</a>`,
		`<tr class="is-stale">`)
	if n := strings.Count(b.FileContent("public/evidence/index.html"), `<tr class="is-stale">`); n != 1 {
		t.Errorf("%d stale evidence rows, want 1 (governance/development-environment)", n)
	}
}

func TestOtherPages(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/sbom/index.html",
		`<th scope="row">ACME Gateway</th>`, `<td>2.3.1</td>`, `CycloneDX 1.4 <span class="muted">(json)</span>`,
		`<td>acme-gateway 2.3.1</td>`, `<td class="num">62</td>`, `cyclonedx-php-composer in-dev`,
		`SPDX 2.2 <span class="muted">(tag-value)</span>`, `<time datetime="2021-08-26T01:49:00Z">2021-08-26</time>`,
		`<code class="hash">58f97d71`, `<a href="/sbom/acme-gateway-2.3.1.cdx.json" download>`,
		`<h2 id="vex-h">脆弱性に関する声明（VEX）</h2>`, `<time datetime="2022-03-03T00:00:00Z">2022-03-03</time>`,
		`<a class="item-link" href="/requirements/3-2/">`)
	c := b.FileContent("public/sbom/index.html")
	if strings.Index(c, "acme-gateway-2.3.1.vex.cdx.json") < strings.Index(c, `id="vex-h"`) {
		t.Error("VEX listed with the SBOMs")
	}
	b.AssertFileContent("public/integrity/index.html",
		`<code>evident verify https://trust.example.com/</code>`,
		`<code>sha256sum -c SHA256SUMS</code>`,
		"<code>curl -fLO https://trust.example.com/artifacts/support-lifecycle.txt -fLO https://trust.example.com/artifacts/support-lifecycle.txt.sha256\nsha256sum -c support-lifecycle.txt.sha256</code>",
		`! SHA256SUMS.sig`)
	b.AssertFileContent("public/en/about/index.html",
		`<h2 id="rollup-h">How statuses roll up</h2>`, `draft-2025-10`, `<td>Basis of the declaration</td>`,
		`This declaration is made against the draft published in October 2025`, `every 365 days`)
	b.AssertFileContent("public/crosswalk/index.html",
		`参考情報：公式の対応表ではありません。`,
		`<a class="item-link" href="/requirements/s2-2-2/">`, `<a class="item-link" href="/frameworks/ssdf/ps-3-1/">`)
	b.AssertFileContent("public/en/categories/1/index.html",
		`<h1><span class="id">(1)</span> Secure design, development, supply and operation</h1>`,
		`Responsibility: Designing, developing, supplying and operating software of assured security quality`,
		`<tr id="r-1-2" class="req-row"`, `! id="r-2-4"`)
	b.AssertFileContent("public/en/categories/index.html", `<a href="/en/categories/6/">`)
	b.AssertFileContent("public/requirements/index.html",
		`<h2 id="cat-2"><a href="/categories/2/">`, `<a class="item-link" href="/requirements/s2-2-2/">`)

	// The feed lists evidence by review date, newest first.
	feed := b.FileContent("public/en/index.xml")
	b.AssertFileContent("public/en/index.xml",
		`<link>https://trust.example.com/en/evidence/build/gateway-hardened-build/</link>`,
		`<pubDate>Wed, 14 Oct 2026 00:00:00 +0000</pubDate>`,
		`<description>Partial — (4)-6, PO.5.1, PO.5.2 — Review overdue</description>`)
	if n := strings.Count(feed, "<item>"); n != 27 {
		t.Errorf("feed has %d items, want the example's 27 evidence items", n)
	}
	if !(strings.Index(feed, "test/security-testing") < strings.Index(feed, "build/gateway-hardened-build") &&
		strings.Index(feed, "build/gateway-hardened-build") < strings.Index(feed, "governance/development-environment")) {
		t.Error("feed not ordered by review date")
	}
}

// TestSignature: the example does not sign SHA256SUMS; the integrity page of a site
// that does tells how to check the signature.
func TestSignature(t *testing.T) {
	files := siteFilesWith(t, nil, func(m map[string]any) {
		m["signature"] = map[string]any{
			"format":    "ssh",
			"publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests release@example.com",
			"identity":  "release@example.com",
			"file":      "SHA256SUMS.sig",
		}
	})
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/integrity/index.html",
		`<code>echo &#39;release@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests release@example.com&#39; &gt; allowed_signers</code>`,
		`<code>ssh-keygen -Y verify -f allowed_signers -I release@example.com -n file -s SHA256SUMS.sig &lt; SHA256SUMS</code>`,
		`<a href="/SHA256SUMS.sig"><code>SHA256SUMS.sig</code></a>`)
}

// releaseFixture replaces the releases and documents of the fixture's two products (every
// release status, a file in the site and one elsewhere, a missing document kind, a
// release with no English translation, a service with no documents) in its model, and
// in its site the release files and their entries in the page map evident writes.
func releaseFixture(t *testing.T) string {
	t.Helper()
	const ova = "1111111111111111111111111111111111111111111111111111111111111111"
	const qcow = "2222222222222222222222222222222222222222222222222222222222222222"
	links := func(p string) map[string]any {
		return map[string]any{"ja": strings.TrimPrefix(p, "/"), "en": "en" + p}
	}
	release := func(product, version, date, eos, eosf, status string, langs ...string) map[string]any {
		p := "/products/" + product + "/releases/" + version + "/"
		l := links(p)
		if len(langs) == 1 { // no English page: links go to the default-language page
			l["en"] = l["ja"]
		}
		return map[string]any{
			"key": product + "/" + version, "product": product, "version": version, "date": date,
			"status": status, "endOfSupport": eos, "endOfSecurityFixes": eosf, "latest": false,
			"sboms": []any{}, "provenance": []any{}, "downloads": []any{},
			"source": "content" + strings.TrimSuffix(p, "/") + ".md", "languages": langs,
			"path": p, "links": l, "url": "https://trust.example.com" + p,
		}
	}
	gw24 := release("acme-gateway", "2.4.0", "2026-10-01", "2028-10-01", "2029-10-01", "supported", "ja", "en")
	gw24["latest"] = true
	gw24["title"] = map[string]any{"ja": "秋の機能更新", "en": "Autumn feature update"}
	gw24["sboms"] = []any{"sbom/acme-gateway-2.4.0.spdx.json"}
	gw24["provenance"] = []any{map[string]any{"path": "artifacts/acme-gateway-2.4.0.provenance.json", "size": 1780,
		"sha256": "4a3061d44b0a591681dc82ec992bdf705e378552c7f8146eb1148f790613770f"}}
	gw24["downloads"] = []any{
		map[string]any{"name": "acme-gateway-2.4.0.ova", "path": "dist/acme-gateway-2.4.0.ova",
			"url": "https://trust.example.com/dist/acme-gateway-2.4.0.ova", "external": false, "size": 1234567890, "sha256": ova,
			"signature": "https://trust.example.com/dist/acme-gateway-2.4.0.ova.sig"},
		map[string]any{"name": "acme-gateway-2.4.0-kvm.qcow2", "title": map[string]any{"ja": "KVM イメージ", "en": "KVM image"},
			"url": "https://downloads.example.com/acme-gateway-2.4.0-kvm.qcow2", "external": true, "sha256": qcow},
	}
	gw23 := release("acme-gateway", "2.3.1", "2025-04-01", "2026-04-01", "2027-04-01", "security-fixes", "ja", "en")
	gw10 := release("acme-gateway", "1.0.0", "2022-01-10", "2024-01-10", "2025-01-10", "end-of-life", "ja")
	cl := release("acme-cloud", "2026.10", "2026-10-05", "", "", "supported", "ja", "en")
	cl["latest"] = true
	releases := []map[string]any{gw24, gw23, gw10, cl}

	site := func(s string) string {
		ar := txtar.Parse([]byte(s))
		// The example's own releases make way for these.
		ar.Files = slices.DeleteFunc(ar.Files, func(f txtar.File) bool {
			return strings.Contains(f.Name, "/releases/") && !strings.Contains(f.Name, "/releases/_index")
		})
		set := func(name, data string) {
			for i, f := range ar.Files {
				if f.Name == name {
					ar.Files[i].Data = []byte(data)
					return
				}
			}
			ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
		}
		for _, r := range releases {
			base := "content" + strings.TrimSuffix(r["path"].(string), "/")
			set(base+".md", "+++\ndate = "+r["date"].(string)+"\n+++\nリリースノート "+r["version"].(string)+" です。\n")
			if len(r["languages"].([]string)) > 1 {
				set(base+".en.md", "+++\ndate = "+r["date"].(string)+"\n+++\nRelease notes of "+r["version"].(string)+".\n")
			}
		}
		var pages map[string]string
		for _, f := range ar.Files {
			if f.Name == "data/evidentpages.json" {
				if err := json.Unmarshal(f.Data, &pages); err != nil {
					t.Fatal(err)
				}
			}
		}
		for p := range pages {
			if strings.Contains(p, "/releases/") {
				delete(pages, p)
			}
		}
		for _, r := range releases {
			pages[strings.TrimSuffix(r["path"].(string), "/")] = r["key"].(string)
		}
		b, err := json.Marshal(pages)
		if err != nil {
			t.Fatal(err)
		}
		set("data/evidentpages.json", string(b)+"\n")
		return string(txtar.Format(ar))
	}
	model := func(m map[string]any) {
		rm := map[string]any{}
		for _, r := range releases {
			rm[r["key"].(string)] = r
		}
		m["releases"] = rm
		for _, p := range m["products"].([]any) {
			p := p.(map[string]any)
			id := p["id"].(string)
			p["path"] = "/products/" + id + "/"
			p["links"] = links("/products/" + id + "/")
			p["url"] = "https://trust.example.com/products/" + id + "/"
			switch id {
			case "acme-gateway":
				p["kind"] = "software"
				p["releases"] = []any{"acme-gateway/2.4.0", "acme-gateway/2.3.1", "acme-gateway/1.0.0"}
				p["latest"] = "acme-gateway/2.4.0"
				p["documents"] = []any{
					map[string]any{"kind": "install", "title": map[string]any{"ja": "導入手順書", "en": "Installation guide"},
						"version": "2.x", "path": "/faq/", "links": links("/faq/"), "url": "https://trust.example.com/faq/"},
					map[string]any{"kind": "configure", "title": map[string]any{"ja": "設定ガイド", "en": "Configuration guide"},
						"url": "https://docs.example.com/gateway/configure/"},
					map[string]any{"kind": "operate", "url": "https://docs.example.com/gateway/operate/"},
				}
				p["missingDocuments"] = []any{"dispose"}
				p["events"] = []any{
					map[string]any{"date": "2026-10-01", "kind": "release", "release": "acme-gateway/2.4.0"},
					map[string]any{"date": "2026-04-01", "kind": "end-of-support", "release": "acme-gateway/2.3.1"},
					map[string]any{"date": "2025-04-01", "kind": "release", "release": "acme-gateway/2.3.1"},
					map[string]any{"date": "2025-01-10", "kind": "end-of-security-fixes", "release": "acme-gateway/1.0.0"},
					map[string]any{"date": "2024-01-10", "kind": "end-of-support", "release": "acme-gateway/1.0.0"},
					map[string]any{"date": "2022-01-10", "kind": "release", "release": "acme-gateway/1.0.0"},
				}
			case "acme-cloud":
				p["kind"] = "service"
				p["releases"] = []any{"acme-cloud/2026.10"}
				p["latest"] = "acme-cloud/2026.10"
				p["documents"] = []any{}
				p["missingDocuments"] = []any{"install", "configure", "operate", "dispose"}
				p["events"] = []any{map[string]any{"date": "2026-10-05", "kind": "release", "release": "acme-cloud/2026.10"}}
			}
		}
	}
	return siteFilesWith(t, site, model)
}

func TestProductPage(t *testing.T) {
	b := buildFiles(t, releaseFixture(t))
	b.AssertFileContent("public/products/acme-gateway/index.html",
		`<title>ACME Gateway | ACME トラストセンター</title>`,
		`<h1>ACME Gateway</h1>`,
		`顧客拠点に設置するセキュアリモートアクセス用アプライアンスソフトウェア。`,
		`<dd>ソフトウェア（お客様の環境で利用する製品）</dd>`,
		// coverage: the counts and the product's column of the matrix
		`19 要求事項のうち 13 件が対応済み`,
		`<caption id="product-matrix-caption">ACME Gateway：要求事項ごとの適合状況</caption>`,
		`<tr id="r-1-2" class="req-row"`,
		// releases and their lifecycle, newest first
		`<caption>ACME Gateway のリリースとサポート状況（新しい順）</caption>`,
		`<a href="/products/acme-gateway/releases/2.4.0/">ACME Gateway 2.4.0</a> <span class="badge badge-info">最新</span>`,
		`<span class="muted small">秋の機能更新</span>`,
		`<td class="nowrap"><time datetime="2028-10-01">2028-10-01</time></td>`,
		`<span class="status rstatus-supported"><span class="status-sym" aria-hidden="true">●</span> サポート中</span>`,
		`<span class="status rstatus-security-fixes"><span class="status-sym" aria-hidden="true">◐</span> セキュリティ修正のみ</span>`,
		`<tr class="release-row release-end-of-life">`,
		`<span class="status rstatus-end-of-life"><span class="status-sym" aria-hidden="true">–</span> サポート終了</span>`,
		`<a class="more" href="/products/acme-gateway/releases/">すべてのリリース（サポート終了を含む）</a>`,
		// SBOMs by release
		`<h2 id="sboms-h">リリースごとの SBOM</h2>`,
		`<a href="/products/acme-gateway/">ACME Gateway</a> <a href="/products/acme-gateway/releases/2.4.0/">2.4.0</a>`,
		// documents, the missing kind said plainly
		`<th scope="row">導入</th>`, `<a href="/faq/">導入手順書</a>`, `<td>2.x</td>`,
		`<a href="https://docs.example.com/gateway/configure/" rel="noopener">設定ガイド</a>`,
		`<a href="https://docs.example.com/gateway/operate/" rel="noopener">操作</a>`,
		`<tr class="doc-missing">`, `<th scope="row">廃棄</th>`, `<span class="muted">未提供です</span>`,
		// evidence covering it: its own and the evidence of every product
		`<a href="/evidence/build/gateway-hardened-build/">`,
		`<a href="/evidence/governance/leadership-and-staffing/">`,
		// its feed
		`<a href="/products/acme-gateway/index.xml" type="application/rss+xml">この製品の更新情報（RSS）</a>`,
		`<link rel="alternate" type="application/rss+xml" href="/products/acme-gateway/index.xml"`,
	)
	c := b.FileContent("public/products/acme-gateway/index.html")
	if strings.Contains(c, "/evidence/build/cloud-container-build/") {
		t.Error("the gateway's page lists evidence of the cloud only")
	}
	if strings.Contains(section(t, c, `id="product-matrix"`, "</table>"), "ACME Cloud Console") {
		t.Error("the gateway's matrix has the cloud's column")
	}
	if i, j := strings.Index(c, "releases/2.4.0/"), strings.Index(c, "releases/1.0.0/"); i < 0 || j < i {
		t.Error("releases not newest first")
	}
	b.AssertFileContent("public/en/products/acme-gateway/index.html",
		`<dd>Software (runs in the customer&#39;s environment)</dd>`,
		`<span class="status-sym" aria-hidden="true">◐</span> Security fixes only</span>`,
		`<span class="status-sym" aria-hidden="true">–</span> End of life</span>`,
		`<a href="/en/products/acme-gateway/releases/2.4.0/">ACME Gateway 2.4.0</a>`,
		// 1.0.0 has no English page: the link goes to the Japanese one
		`<a href="/products/acme-gateway/releases/1.0.0/">ACME Gateway 1.0.0</a>`,
		`<a href="/en/faq/">Installation guide</a>`,
		`<th scope="row">Dispose</th>`, `<span class="muted">Not provided</span>`,
		`<a href="/en/products/acme-gateway/index.xml" type="application/rss+xml">Updates of this product (RSS)</a>`,
	)
	b.AssertFileContent("public/products/acme-cloud/index.html",
		`<dd>サービス（当社が運用する SaaS）</dd>`,
		`<a href="/products/acme-cloud/releases/2026.10/">ACME Cloud Console 2026.10</a>`,
		`<td class="nowrap"><span class="muted">未定</span></td>`,
		`<a href="/evidence/build/cloud-container-build/">`,
	)
	if n := strings.Count(b.FileContent("public/products/acme-cloud/index.html"), "未提供です"); n != 4 {
		t.Errorf("the cloud's page says %d documents are not provided, want 4", n)
	}
	// Every card of the trust page and every column head of the matrix leads to the product.
	for _, p := range []string{"public/index.html", "public/coverage/index.html"} {
		b.AssertFileContent(p, `<a href="/products/acme-gateway/">ACME Gateway</a>`, `<a href="/products/acme-cloud/">ACME Cloud Console</a>`)
	}
	b.AssertFileContent("public/en/coverage/index.html", `<th scope="col"><a href="/en/products/acme-gateway/">ACME Gateway</a></th>`)
	b.AssertFileContent("public/products/index.html", `<h1>製品</h1>`, `<h2><a href="/products/acme-gateway/">ACME Gateway</a></h2>`)
}

func TestReleasePages(t *testing.T) {
	b := buildFiles(t, releaseFixture(t))
	b.AssertFileContent("public/products/acme-gateway/releases/index.html",
		`<h1>ACME Gateway のリリース一覧</h1>`,
		`<li><a href="/products/acme-gateway/">ACME Gateway</a></li>`,
		`<a href="/products/acme-gateway/releases/1.0.0/">ACME Gateway 1.0.0</a>`,
		`サポート終了</span>`)
	b.AssertFileContent("public/en/products/acme-gateway/releases/index.html",
		`<h1>Releases of ACME Gateway</h1>`, `Every release of ACME Gateway ever published, end of life included`)

	b.AssertFileContent("public/products/acme-gateway/releases/2.4.0/index.html",
		`<title>ACME Gateway 2.4.0 | ACME トラストセンター</title>`,
		`<li><a href="/products/acme-gateway/">ACME Gateway</a></li>`,
		`<li><a href="/products/acme-gateway/releases/">リリース</a></li>`,
		`<li><span aria-current="page">2.4.0</span></li>`,
		`<h1>ACME Gateway 2.4.0 <span class="badge badge-info">最新</span></h1>`,
		`<p class="lead">秋の機能更新</p>`,
		`<dd><span class="status rstatus-supported">`,
		`<dd><time datetime="2029-10-01">2029-10-01</time></dd>`,
		`<p>リリースノート 2.4.0 です。</p>`,
		// downloads: in the site, then elsewhere
		`<span class="size" title="1,234,567,890 バイト">1.2 GB</span>`,
		`<code class="hash">1111111111111111111111111111111111111111111111111111111111111111</code>`,
		`<a href="/dist/acme-gateway-2.4.0.ova" download>`,
		`<a href="/dist/acme-gateway-2.4.0.ova.sha256" download>`,
		`<a href="https://trust.example.com/dist/acme-gateway-2.4.0.ova.sig">署名`,
		"<code>curl -fLO https://trust.example.com/dist/acme-gateway-2.4.0.ova -fLO https://trust.example.com/dist/acme-gateway-2.4.0.ova.sha256\nsha256sum -c acme-gateway-2.4.0.ova.sha256</code>",
		`<span class="file-title">KVM イメージ</span> <span class="badge badge-external"`,
		`<a href="https://downloads.example.com/acme-gateway-2.4.0-kvm.qcow2" rel="noopener">`,
		`<code>echo &#34;2222222222222222222222222222222222222222222222222222222222222222  acme-gateway-2.4.0-kvm.qcow2&#34; | sha256sum -c</code>`,
		// SBOMs, linking to their row of the SBOM page; provenance with its digest
		`<h2 id="sboms-h">SBOM</h2>`,
		`<a href="/sbom/acme-gateway-2.4.0.spdx.json" download>`,
		`<a href="/sbom/#sbom-`,
		`<h2 id="provenance-h">出所証明（SLSA / in-toto）</h2>`,
		`<code class="hash">4a3061d44b0a591681dc82ec992bdf705e378552c7f8146eb1148f790613770f</code>`,
		`! notice-warn`,
	)
	// The anchor a release page links to is a row of the SBOM page.
	rel := b.FileContent("public/products/acme-gateway/releases/2.4.0/index.html")
	anchor := regexp.MustCompile(`href="/sbom/#(sbom-[0-9a-f]{16})"`).FindStringSubmatch(rel)
	if anchor == nil {
		t.Fatal("no link to the SBOM page row")
	}
	b.AssertFileContent("public/sbom/index.html", `<tr id="`+anchor[1]+`">`)

	b.AssertFileContent("public/en/products/acme-gateway/releases/2.4.0/index.html",
		`<p class="lead">Autumn feature update</p>`, `<p>Release notes of 2.4.0.</p>`,
		`<span class="badge badge-external" title="A file distributed from another site of ours; the digest is the one we state.">External</span>`,
		`<h2 id="downloads-h">Downloads</h2>`)
	b.AssertFileContent("public/products/acme-gateway/releases/2.3.1/index.html",
		`<div class="notice notice-info" role="note">`, `このリリースはセキュリティ修正のみを提供しています。`,
		`このリリースのダウンロードはありません。`)
	b.AssertFileContent("public/products/acme-gateway/releases/1.0.0/index.html",
		`<div class="notice notice-warn" role="note">`,
		`このリリースはサポートが終了しています。`,
		`<a href="/products/acme-gateway/releases/2.4.0/">ACME Gateway 2.4.0</a>`)
	b.AssertFileExists("public/en/products/acme-gateway/releases/1.0.0/index.html", false)
}

func TestProductFeed(t *testing.T) {
	b := buildFiles(t, releaseFixture(t))
	feed := b.FileContent("public/products/acme-gateway/index.xml")
	b.AssertFileContent("public/products/acme-gateway/index.xml",
		`<rss version="2.0"`,
		`<title>ACME トラストセンター — ACME Gateway のリリースとサポート期間の更新</title>`,
		`<atom:link href="https://trust.example.com/products/acme-gateway/index.xml" rel="self" type="application/rss+xml"/>`,
		`<title>ACME Gateway 2.4.0 をリリースしました</title>`,
		`<link>https://trust.example.com/products/acme-gateway/releases/2.4.0/</link>`,
		`<pubDate>Thu, 01 Oct 2026 00:00:00 +0000</pubDate>`,
		`<title>ACME Gateway 2.3.1 の通常サポートが終了しました</title>`,
		`<title>ACME Gateway 1.0.0 のセキュリティ修正の提供が終了しました</title>`)
	if n := strings.Count(feed, "<item>"); n != 6 {
		t.Errorf("feed has %d items, want the product's 6 events", n)
	}
	if strings.Index(feed, "2.4.0 をリリース") > strings.Index(feed, "1.0.0 をリリース") {
		t.Error("feed not newest first")
	}
	b.AssertFileContent("public/en/products/acme-gateway/index.xml",
		`<title>End of regular support for ACME Gateway 2.3.1</title>`,
		`<link>https://trust.example.com/en/products/acme-gateway/releases/2.4.0/</link>`,
		`<link>https://trust.example.com/products/acme-gateway/releases/1.0.0/</link>`)
	if n := strings.Count(b.FileContent("public/en/products/acme-cloud/index.xml"), "<item>"); n != 1 {
		t.Errorf("the cloud's feed has %d items, want 1", n)
	}
}

// TestSBOMGroups: the SBOM page groups its rows by product, in the declaration's order, then
// by release, newest first.
func TestSBOMGroups(t *testing.T) {
	b := buildFiles(t, releaseFixture(t))
	c := section(t, b.FileContent("public/sbom/index.html"), `id="sbom-h"`, "</section>")
	b.AssertFileContent("public/sbom/index.html",
		`<tr class="group-row"><th scope="rowgroup" colspan="10"><a href="/products/acme-gateway/">ACME Gateway</a> <a href="/products/acme-gateway/releases/2.4.0/">2.4.0</a></th></tr>`)
	var order []int
	for _, s := range []string{"acme-gateway-2.4.0.spdx.json", "acme-gateway-2.3.1.cdx.json", "acme-cloud-2026.10.spdx"} {
		order = append(order, strings.Index(c, s))
	}
	if !slices.IsSorted(order) || order[0] < 0 {
		t.Errorf("SBOMs not by product, then release newest first: %v", order)
	}
	if n := strings.Count(c, `/releases/2.4.0/">2.4.0</a></th></tr>`); n != 1 {
		t.Errorf("%d group headings of the gateway's 2.4.0, want 1", n)
	}
}

// TestSBOMContents: each SBOM row shows the document's licences (more than five folded into
// a disclosure), and a table shows services, or components, whenever a document it lists has
// them: a SaaSBOM's services, the components of a document labelled VEX.
func TestSBOMContents(t *testing.T) {
	b := buildFiles(t, siteFilesWith(t, nil, func(m map[string]any) {
		for _, s := range m["sboms"].([]any) {
			s := s.(map[string]any)
			switch s["path"] {
			case "sbom/acme-cloud-2026.10.spdx":
				s["services"] = 6
			case "sbom/acme-gateway-2.3.1.vex.cdx.json":
				s["components"] = 3
			case "sbom/acme-gateway-2.4.0.spdx.json":
				s["licenses"] = []any{"A", "B", "C", "D", "E", "F<script>"}
			}
		}
	}))
	page := b.FileContent("public/sbom/index.html")
	sboms := section(t, page, `id="sbom-h"`, "</section>")
	for _, want := range []string{
		`<th scope="col" class="num">コンポーネント数</th>`, `<th scope="col" class="num">サービス数</th>`, `<th scope="col">ライセンス</th>`,
		`colspan="11"`,
		`<td class="num">62</td><td class="num">0</td>`, `<td class="num">1</td><td class="num">6</td>`,
		`<td>Apache-2.0, BSD-3-Clause, MIT</td>`,
		`<details><summary>6 件のライセンス</summary>A, B, C, D, E, F&lt;script&gt;</details>`,
	} {
		if !strings.Contains(sboms, want) {
			t.Errorf("the SBOM table has no %s", want)
		}
	}
	vex := section(t, page, `id="vex-h"`, "</section>")
	for _, want := range []string{
		`<th scope="col" class="num">コンポーネント数</th><th scope="col" class="num">脆弱性数</th>`,
		`<td class="num">3</td><td class="num">1</td>`, `colspan="11"`,
	} {
		if !strings.Contains(vex, want) {
			t.Errorf("the VEX table has no %s", want)
		}
	}
	if strings.Contains(vex, "サービス数") {
		t.Error("the VEX table shows services, which none of its documents has")
	}
	b.AssertFileContent("public/en/products/acme-gateway/index.html", `<th scope="col">Licences</th>`, `! <th scope="col" class="num">Services</th>`)
}

// TestVendorProductPage: a product page the vendor wrote (content/products/ID/_index.md,
// without evident's params) wins over the generated one and still shows the product, with
// the vendor's prose; a release whose version has capitals is found, as Hugo lowercases paths.
func TestVendorProductPage(t *testing.T) {
	files := releaseFixture(t)
	files = strings.Replace(files, "-- content/products/acme-cloud/_index.md --\n",
		"-- content/products/acme-cloud/_index.md --\n+++\ntitle = \"ACME Cloud Console について\"\n+++\n当社の運用する SaaS です。\n-- ignored-by-hugo.md --\n", 1)
	files = strings.Replace(files, "-- content/products/acme-cloud/releases/2026.10.md --\n",
		"-- content/products/acme-cloud/releases/2026.10-RC1.md --\n", 1)
	files = strings.Replace(files, `"/products/acme-cloud/releases/2026.10":`, `"/products/acme-cloud/releases/2026.10-rc1":`, 1)
	b := buildFiles(t, files)
	b.AssertFileContent("public/products/acme-cloud/index.html",
		`<title>ACME Cloud Console について | ACME トラストセンター</title>`,
		`<p>当社の運用する SaaS です。</p>`,
		`<dd>サービス（当社が運用する SaaS）</dd>`,
		`<a href="/products/acme-cloud/releases/2026.10/">ACME Cloud Console 2026.10</a>`)
	b.AssertFileContent("public/products/acme-cloud/releases/2026.10-rc1/index.html",
		`<h1>ACME Cloud Console 2026.10 <span class="badge badge-info">最新</span></h1>`)
}
