package themes

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

// siteFiles returns the fixture site as a txtar archive: the generated site
// (testdata/site.txtar), the model as data/evident.json and the embedded theme
// under themes/evident/.
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
	b := hugolib.Test(t, siteFiles(t))
	if dir := os.Getenv("EVIDENT_THEME_OUT"); dir != "" {
		dump(t, b, dir)
	}
	return b
}

// dump writes the rendered site to dir, to look at it in a browser:
// EVIDENT_THEME_OUT=/tmp/site go test ./themes/ -run TestThemeBuild
func dump(t *testing.T, b *hugolib.IntegrationTestBuilder, dir string) {
	pub := b.H.Fs.PublishDir
	var walk func(p string)
	walk = func(p string) {
		f, err := pub.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		infos, err := f.Readdir(-1)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range infos {
			name := filepath.Join(p, fi.Name())
			if fi.IsDir() {
				walk(name)
				continue
			}
			r, err := pub.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	walk("/")
}

// htmlPages lists every page the fixture site must render, in both languages.
var htmlPages = []string{
	"index.html",
	"coverage/index.html",
	"requirements/index.html",
	"requirements/1-2/index.html",
	"requirements/s1-2-2/index.html",
	"requirements/s2-2-2/index.html",
	"requirements/3-2/index.html",
	"categories/index.html",
	"categories/1/index.html",
	"frameworks/ssdf/pw-6-1/index.html",
	"crosswalk/index.html",
	"evidence/index.html",
	"evidence/build/hardened/index.html",
	"evidence/release-archive/index.html",
	"evidence/vuln-handling/index.html",
	"sbom/index.html",
	"integrity/index.html",
	"about/index.html",
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

func TestEveryPage(t *testing.T) {
	b := build(t)
	for _, p := range htmlPages {
		for i, f := range both(p) {
			lang := []string{"ja", "en"}[i]
			b.AssertFileExists(f, true)
			c := b.FileContent(f)
			if n := strings.Count(c, "<h1"); n != 1 {
				t.Errorf("%s: %d <h1> elements, want 1", f, n)
			}
			b.AssertFileContent(f,
				`<html lang="`+lang+`">`,
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
				`evident 0.3.0`,
				`! <script>alert(1)</script>`,
				`! ZgotmplZ`,
				`! <no value>`,
				`! %!`,
			)
		}
	}
	b.AssertFileContent("public/index.html", `<p class="built-with">evident 0.3.0 で作成</p>`, `<a href="/index.xml" type="application/rss+xml">`)
	b.AssertFileContent("public/en/index.html", `<p class="built-with">Built with evident 0.3.0</p>`, `<a href="/en/index.xml" type="application/rss+xml">`)
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
	for _, p := range []string{"", "coverage/", "requirements/1-2/", "evidence/build/hardened/", "frameworks/ssdf/pw-6-1/", "sbom/"} {
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
		for _, s := range []string{`<th scope="col" class="req-col">`, `<th scope="col">ACME Gateway</th>`, `<th scope="col">ACME Cloud Console</th>`, `<th scope="rowgroup" colspan="3">`, `<tfoot>`, `class="legend"`} {
			if !strings.Contains(c, s) {
				t.Errorf("%s: missing %q", lp, s)
			}
		}
		rows := map[string][]string{
			// requirement link, then one cell per product (gateway, cloud)
			"1-1": {lp + "/requirements/1-1/", lp + "/requirements/1-1/", lp + "/requirements/1-1/"},
			// (1)-2: one evidence for the gateway (via S(1)-2.2), none for the cloud
			"1-2": {lp + "/requirements/1-2/", lp + "/evidence/build/hardened/", lp + "/requirements/1-2/"},
			// (2)-4: one evidence covering every product
			"2-4": {lp + "/requirements/2-4/", lp + "/evidence/release-archive/", lp + "/evidence/release-archive/"},
			// (3)-2: the evidence covers the cloud only
			"3-2": {lp + "/requirements/3-2/", lp + "/requirements/3-2/", lp + "/evidence/vuln-handling/"},
		}
		for slug, want := range rows {
			row := section(t, c, `<tr id="r-`+slug+`"`, "</tr>")
			got := hrefs(row)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s row %s: links %v, want %v", lp, slug, got, want)
			}
		}
		row := section(t, c, `<tr id="r-1-2"`, "</tr>")
		if !strings.Contains(row, `status-partial`) || !strings.Contains(row, `status-not-addressed`) {
			t.Errorf("row 1-2 statuses wrong:\n%s", row)
		}
	}
	b.AssertFileContent("public/coverage/index.html",
		`<span class="status-sym" aria-hidden="true">◐</span> 一部対応`,
		`<span class="status-sym" aria-hidden="true">✕</span> 未対応`,
		`<span class="status-sym" aria-hidden="true">–</span> 対象外`,
		`5 要求事項のうち、1 件が対応済み、1 件が一部対応、1 件が計画中、0 件が対象外、2 件が未対応です。`,
	)
	b.AssertFileContent("public/en/coverage/index.html",
		`<span class="status-sym" aria-hidden="true">●</span> Implemented`,
		`<span class="status-sym" aria-hidden="true">○</span> Planned`,
		`Of 5 requirements: 1 implemented, 1 partial, 1 planned, 0 not applicable and 2 not addressed.`,
	)
}

func TestMatrixWithoutProducts(t *testing.T) {
	files := siteFilesWith(t, nil, func(m map[string]any) { delete(m, "products") })
	b := hugolib.Test(t, files)
	c := b.FileContent("public/coverage/index.html")
	b.AssertFileContent("public/coverage/index.html", `<th scope="col">状況</th>`, `<th scope="rowgroup" colspan="2">`, "! ACME Gateway</th>")
	row := section(t, c, `<tr id="r-1-2"`, "</tr>")
	if got := hrefs(row); strings.Join(got, " ") != "/requirements/1-2/ /evidence/build/hardened/" {
		t.Errorf("row 1-2 links %v", got)
	}
	row = section(t, c, `<tr id="r-3-2"`, "</tr>")
	if got := hrefs(row); strings.Join(got, " ") != "/requirements/3-2/ /evidence/vuln-handling/" {
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
		`<a href="/trust/evidence/build/hardened/">`,
		`<a href="/trust/SHA256SUMS">`,
		`<a href="/trust/en/coverage/" lang="en"`)
	b.AssertFileContent("public/en/evidence/build/hardened/index.html",
		`<a href="/trust/artifacts/build-policy.pdf" download>`,
		`<a href="/trust/sbom/acme-gateway-2.3.1.cdx.json.sha256" download>`,
		`<a class="item-link" href="/trust/en/requirements/s1-2-2/">`)
	b.AssertFileContent("public/integrity/index.html", `evident verify https://example.org/trust/`)
}

func TestEscaping(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/requirements/s2-2-2/index.html", `リリースのアーカイブ &lt;script&gt;alert(1)&lt;/script&gt;`)
	b.AssertFileContent("public/en/requirements/2-2/index.html", `Archiving of releases &lt;script&gt;alert(1)&lt;/script&gt;`)
	b.AssertFileContent("public/evidence/index.html", `リリースのアーカイブと完全性情報 &lt;script&gt;alert(1)&lt;/script&gt;`)
	b.AssertFileContent("public/en/index.xml", `Release archive and integrity data &lt;script&gt;alert(1)&lt;/script&gt;`)
	for _, f := range both("evidence/build/hardened/index.html") {
		b.AssertFileContent(f, `<!-- raw HTML omitted -->`, `! <script>alert`)
	}
}

func TestHome(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/index.html",
		`<h1 id="decl-title">サイバーインフラ事業者ガイドライン 自己適合宣言</h1>`,
		`<dd>2026.1</dd>`,
		`ACME Gateway と ACME Cloud Console の開発・供給・運用`,
		`<a href="https://www.example.com/" rel="noopener">ACME株式会社</a>`,
		`<a href="mailto:security@example.com">security@example.com</a>`,
		`5 要求事項のうち、1 件が対応済み`,
		`<div class="bar" aria-hidden="true">`,
		`<span class="bar-seg bar-implemented" style="flex-grow: 1">`,
		`<h3>ACME Gateway</h3>`, `<h3>ACME Cloud Console</h3>`,
		`5 要求事項のうち 2 件が対応済み`,
		`<a href="/categories/1/"><span class="id">(1)</span> セキュアな設計・開発・供給・運用</a>`,
		`<a href="/categories/3/">`,
		`<a href="/evidence/build/hardened/">堅牢化された再現可能なリリースビルド</a>`,
		`<span class="badge badge-stale">要再レビュー</span>`,
		`evident verify https://trust.example.com/`,
		`<a class="more" href="/integrity/">`,
	)
	b.AssertFileContent("public/en/index.html",
		`<h1 id="decl-title">Self-declaration under the Guidelines for Cyber Infrastructure Providers</h1>`,
		`<a href="https://www.example.com/" rel="noopener">ACME Corporation</a>`,
		`2 of 5 requirements implemented`,
		`<a href="/en/evidence/build/hardened/">Hardened, reproducible release builds</a>`,
		`<a href="/en/categories/2/">`,
	)
	// Evidence is listed most recently reviewed first.
	c := b.FileContent("public/en/index.html")
	if !(strings.Index(c, "/en/evidence/build/hardened/") < strings.Index(c, "/en/evidence/vuln-handling/") &&
		strings.Index(c, "/en/evidence/vuln-handling/") < strings.Index(c, "/en/evidence/release-archive/")) {
		t.Error("recent evidence not in review order")
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
		`セキュアな開発プロセスを定義し、ビルド環境を保護する。`,
		`<tr><th scope="row">ACME Gateway</th><td><span class="status status-partial">`,
		`<h2 id="children-h">個別要求</h2>`,
		`<a class="item-link" href="/requirements/s1-2-2/"><span class="id">S(1)-2.2</span>`,
		`<a href="/evidence/build/hardened/">堅牢化された再現可能なリリースビルド</a>`,
		`<span class="badge badge-info">参考</span>`,
		`<a class="item-link" href="/frameworks/ssdf/pw-6-1/"><span class="id">PW.6.1</span>`,
		`<a href="/requirements/1-2/index.json" type="application/json">`,
	)
	b.AssertFileContent("public/requirements/s1-2-2/index.html",
		`<li><a href="/categories/1/">`,
		`<li><a href="/requirements/1-2/"><span class="id">(1)-2</span> セキュアなビルド</a></li>`,
		`<span aria-current="page"><span class="id">S(1)-2.2</span></span>`,
		`個別要求`)
	b.AssertFileContent("public/en/requirements/1-1/index.html",
		`No evidence addresses this requirement yet.`,
		`<a href="/en/requirements/1-1/index.json" type="application/json">`)
	b.AssertFileContent("public/en/frameworks/ssdf/pw-6-1/index.html",
		`This item belongs to NIST SP 800-218 Secure Software Development Framework.`,
		`<h2 id="related-h">Related guideline items <span class="badge badge-info">Informative</span></h2>`,
		`<a class="item-link" href="/en/requirements/1-2/">`)

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
	if doc.Item.ID != "(1)-2" || len(doc.Evidence) != 1 || doc.Evidence[0].URL != "https://trust.example.com/en/evidence/build/hardened/" {
		t.Errorf("JSON: %+v", doc)
	}
}

func TestEvidencePage(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/evidence/build/hardened/index.html",
		`<h1>堅牢化された再現可能なリリースビルド</h1>`,
		`<span class="status status-implemented">`,
		`<li>ACME Gateway</li>`,
		`<dd>製品セキュリティ部</dd>`,
		`<time datetime="2026-10-01">2026-10-01</time>`,
		`<a class="item-link" href="/requirements/s1-2-2/"><span class="id">S(1)-2.2</span>`,
		`<h3 id="ビルドの堅牢化">ビルドの堅牢化</h3>`,
		`<strong>再現可能</strong>`,
		`<span class="file-title">ビルドポリシー</span>`,
		`<span class="size" title="248,331 バイト">248.3 kB</span>`,
		`<code class="hash">9f2c4e1d7a5b3c8e0f6d2a1b4c7e9f0a3d5b8c1e2f4a6d9b0c3e5f7a1b2d4c6e8</code>`,
		`<a href="/artifacts/build-policy.pdf" download>`,
		`<a href="/artifacts/build-policy.pdf.sha256" download>`,
		`<code>sha256sum -c build-policy.pdf.sha256</code>`,
		`<span class="size" title="1,843,221 バイト">1.8 MB</span>`,
		`<code>sha256sum -c acme-gateway-2.3.1.cdx.json.sha256</code>`,
		`! notice-warn`,
	)
	b.AssertFileContent("public/en/evidence/build/hardened/index.html",
		`<h1>Hardened, reproducible release builds</h1>`,
		`<dd>Product Security</dd>`,
		`<h3 id="build-hardening">Build hardening</h3>`,
		`<span class="file-title">Build policy</span>`,
		`248,331 bytes`)
	b.AssertFileContent("public/en/evidence/release-archive/index.html",
		`<div class="notice notice-warn" role="note">`,
		`last reviewed on 2024-05-01, longer ago than the review period of 365 days`,
		`<span class="products-all">All products</span>`,
		`<a class="item-link" href="/en/requirements/2-4/">`)
	b.AssertFileContent("public/evidence/vuln-handling/index.html",
		`<span class="status status-planned">`, `<span class="badge">VEX</span>`, `<dd>PSIRT</dd>`)
	b.AssertFileContent("public/evidence/index.html",
		`<a href="/evidence/release-archive/">`,
		`<a href="/requirements/2-4/" title="利用者への適切な情報提供">(2)-4</a>`,
		`<tr class="is-stale">`)
}

func TestOtherPages(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/sbom/index.html",
		`<th scope="row">ACME Gateway</th>`, `<td>2.3.1</td>`, `CycloneDX 1.6`, `acme-gateway 2.3.1`,
		`<td class="num">412</td>`, `syft 1.18.0`, `<time datetime="2026-09-30T12:00:00Z">2026-09-30</time>`,
		`<code class="hash">4a7d1ed4`, `<a href="/sbom/acme-gateway-2.3.1.cdx.json" download>`,
		`<h2 id="vex-h">脆弱性に関する声明（VEX）</h2>`, `acme-cloud-console 2026.09`, `vexctl 0.3`,
		`<a class="item-link" href="/requirements/3-2/">`)
	c := b.FileContent("public/sbom/index.html")
	if strings.Index(c, "acme-cloud-2026.09.vex") < strings.Index(c, `id="vex-h"`) {
		t.Error("VEX listed with the SBOMs")
	}
	b.AssertFileContent("public/integrity/index.html",
		`<code>evident verify https://trust.example.com/</code>`,
		`<code>sha256sum -c SHA256SUMS</code>`,
		`<code>sha256sum -c build-policy.pdf.sha256</code>`,
		`<code>echo &#39;release@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests release@example.com&#39; &gt; allowed_signers</code>`,
		`<code>ssh-keygen -Y verify -f allowed_signers -I release@example.com -n file -s SHA256SUMS.sig &lt; SHA256SUMS</code>`,
		`<a href="/SHA256SUMS.sig"><code>SHA256SUMS.sig</code></a>`)
	b.AssertFileContent("public/en/about/index.html",
		`<h2 id="rollup-h">How statuses roll up</h2>`, `draft-2025-10`, `<td>Basis of the declaration</td>`,
		`The official text contains individual requirements not listed here.`, `every 365 days`)
	b.AssertFileContent("public/crosswalk/index.html",
		`参考情報：公式の対応表ではありません。`,
		`<a class="item-link" href="/requirements/s2-2-2/">`, `<a class="item-link" href="/frameworks/ssdf/ps-3-1/">`)
	b.AssertFileContent("public/en/categories/1/index.html",
		`<h1><span class="id">(1)</span> Secure design, development, supply and operation</h1>`,
		`Responsibility: Design, develop, supply and operate software with assured security quality`,
		`<tr id="r-1-2" class="req-row"`, `! id="r-2-4"`)
	b.AssertFileContent("public/en/categories/index.html", `<a href="/en/categories/3/">`)
	b.AssertFileContent("public/requirements/index.html",
		`<h2 id="cat-2"><a href="/categories/2/">`, `<a class="item-link" href="/requirements/s2-2-2/">`)

	// The feed lists evidence by review date, newest first.
	feed := b.FileContent("public/en/index.xml")
	b.AssertFileContent("public/en/index.xml",
		`<link>https://trust.example.com/en/evidence/build/hardened/</link>`,
		`<pubDate>Thu, 01 Oct 2026 00:00:00 +0000</pubDate>`,
		`<description>Partial — S(2)-2.2, (2)-4 — Review overdue</description>`)
	if !(strings.Index(feed, "build/hardened") < strings.Index(feed, "vuln-handling") && strings.Index(feed, "vuln-handling") < strings.Index(feed, "release-archive")) {
		t.Error("feed not ordered by review date")
	}
}
