package themes

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// advisoryFiles returns the theme fixture (examples/acme, with its advisories) with the
// model changed by editModel, when not nil.
func advisoryFiles(t *testing.T, editModel func(m map[string]any)) string {
	t.Helper()
	return siteFilesWith(t, nil, editModel)
}

func TestAdvisoryPage(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/advisories/acme-sa-2026-001/index.html",
		`<title>ACME-SA-2026-001 ACME Gateway の管理画面におけるクロスサイトスクリプティング | ACME トラストセンター</title>`,
		`<li><a href="/advisories/">セキュリティアドバイザリ</a></li>`,
		`<li><span aria-current="page">ACME-SA-2026-001</span></li>`,
		`<h1>ACME Gateway の管理画面におけるクロスサイトスクリプティング</h1>`,
		`<span class="status sev-medium"><span class="status-sym" aria-hidden="true">■</span> 警告</span> <span class="score">CVSS 5.1</span>`,
		`<p class="lead">ACME Gateway 2.0.0 から 2.4.0 の管理画面に反射型クロスサイトスクリプティングの脆弱性があります。2.5.0 で修正しました。</p>`,
		`<dt>初版公開日</dt><dd><time datetime="2026-10-21">2026-10-21</time></dd>`,
		`<dt>最終更新日</dt><dd><time datetime="2026-10-28">2026-10-28</time></dd>`,
		`<dt>版</dt><dd>2</dd>`, `<dd>確定</dd>`, `<dd>TLP:WHITE（制限なし）</dd>`,
		// the vulnerability: CVE and CWE links, both CVSS vectors with their scores
		`<a href="https://www.cve.org/CVERecord?id=CVE-2026-90001" rel="noopener">CVE-2026-90001</a> ログイン画面の redirect パラメータによる反射型クロスサイトスクリプティング</h3>`,
		`<a href="https://cwe.mitre.org/data/definitions/79.html" rel="noopener">CWE-79</a>`,
		`<dt>CVSS v3.1</dt><dd>基本値 6.1 <span class="status sev-medium">`,
		`<code class="vector">CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N</code>`,
		`<dt>CVSS v4.0</dt><dd>基本値 5.1 `,
		`<code class="vector">CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N</code>`,
		// the product: status in words, affected releases and ranges, fixed releases, remediations by category
		`<h3><a href="/products/acme-gateway/">ACME Gateway</a></h3>`,
		`<span class="status pstatus-fixed"><span class="status-sym" aria-hidden="true">●</span> 修正済み</span>`,
		`<dt>影響を受けるリリース</dt><dd>`,
		`<li><a href="/products/acme-gateway/releases/2.4.0/">2.4.0</a></li>`,
		`<li><a href="/products/acme-gateway/releases/2.0.0/">2.0.0</a></li>`,
		`<li><code>&gt;= 2.0.0, &lt; 2.5.0</code></li>`,
		`<dt>修正版</dt><dd>`, `<li><a href="/products/acme-gateway/releases/2.5.0/">2.5.0</a></li>`,
		`<li><strong>修正版</strong>: 2.5.0 に更新してください。`, `<span class="muted">（2026-10-21 から）</span>`,
		`<li><strong>回避策</strong>: すぐに更新できない場合は、`,
		// the vendor's text under its own heading, then acknowledgments and references
		`<h2 id="details-h">詳細</h2>`, `<h4 id="概要">概要</h4>`, `<code>redirect</code> パラメータで受け取ります。`,
		`<li>Taro Yamada (Example Security Lab) — この脆弱性をご報告いただきました。</li>`,
		`<a href="https://cwe.mitre.org/data/definitions/79.html">CWE-79: クロスサイトスクリプティング</a>`,
		// revision history
		`<caption>このアドバイザリの改訂（古い順）</caption>`, `<th scope="col">日付</th>`,
		`<th scope="row" class="num">2</th>`, `<td>CVE 番号と CVSS v4.0 の評価を追記しました。</td>`,
		// the CSAF document: links, plain words on signing, a check command that works as printed
		`<h2 id="csaf-h">機械可読なアドバイザリ（CSAF 2.0）</h2>`,
		`<p>CSAF 文書にはハッシュ値（SHA-256 と SHA-512）を付けていますが、署名はしていません。</p>`,
		`<a href="/.well-known/csaf/white/2026/acme-sa-2026-001.json" type="application/json" download>`,
		`<a href="/.well-known/csaf/white/2026/acme-sa-2026-001.json.sha256" download>.sha256`,
		`<a href="/.well-known/csaf/white/2026/acme-sa-2026-001.json.sha512" download>.sha512`,
		"<code>curl -fLO https://trust.example.com/.well-known/csaf/white/2026/acme-sa-2026-001.json -fLO https://trust.example.com/.well-known/csaf/white/2026/acme-sa-2026-001.json.sha256\nsha256sum -c acme-sa-2026-001.json.sha256</code>",
		`! .json.asc`, `! notice-info`,
	)
	c := b.FileContent("public/advisories/acme-sa-2026-001/index.html")
	if i, j := strings.Index(c, `id="vulns-h"`), strings.Index(c, `id="products-h"`); i < 0 || j < i {
		t.Error("vulnerabilities not before products")
	}
	if i, j := strings.Index(c, `id="details-h"`), strings.Index(c, `id="history-h"`); i < 0 || j < i {
		t.Error("the body not before the revision history")
	}
	b.AssertFileContent("public/en/advisories/acme-sa-2026-001/index.html",
		`<h1>Cross-site scripting in the management console of ACME Gateway</h1>`,
		`<span class="status-sym" aria-hidden="true">■</span> Medium</span>`,
		`<dt>CVSS v3.1</dt><dd>Base score 6.1 `,
		`<span class="status-sym" aria-hidden="true">●</span> Fixed</span>`,
		`<dt>Affected releases</dt>`, `<dt>Fixed in</dt>`,
		`<li><a href="/en/products/acme-gateway/releases/2.5.0/">2.5.0</a></li>`,
		`<li><strong>Fix</strong>: Update to 2.5.0.`, `<li><strong>Workaround</strong>:`, `(since 2026-10-21)`,
		`<td>CVE ID and CVSS v4.0 rating added.</td>`,
		`<p>CSAF documents are hashed (SHA-256 and SHA-512) but not signed.</p>`,
		`! badge-lang`,
	)

	// A VEX statement: not affected, the justification in words with the impact text; no score.
	b.AssertFileContent("public/advisories/acme-sa-2026-002/index.html",
		`<p class="eyebrow">VEX（影響がないことの表明） · <span class="id">ACME-SA-2026-002</span></p>`,
		`<span class="status sev-unscored"><span class="status-sym" aria-hidden="true">–</span> 評価なし</span>`,
		`<a href="https://www.cve.org/CVERecord?id=CVE-2026-90002" rel="noopener">CVE-2026-90002</a> ExampleXML の XInclude 処理における境界外書き込み</h3>`,
		`<span class="status pstatus-not-affected"><span class="status-sym" aria-hidden="true">–</span> 影響なし</span>`,
		`<dt>影響を受けないリリース</dt>`,
		`<dt>影響がない理由</dt><dd>脆弱なコンポーネントを含んでいません。<br><span class="impact">ACME Gateway は ExampleXML を含みません`,
		`<dt>影響がない理由</dt><dd>脆弱なコードを含んでいません。<br>`,
		`! <dt>CVSS v`, `! id="acks-h"`, `! <span class="score">`)
	b.AssertFileContent("public/en/advisories/acme-sa-2026-002/index.html",
		`<dt>Why not affected</dt><dd>The vulnerable component is not present.<br><span class="impact">ACME Gateway does not contain ExampleXML`,
		`<dt>Why not affected</dt><dd>The vulnerable code is not present.<br>`)
	// Known affected, no fix yet: a mitigation; vulnerabilities without a CVE go by their title.
	b.AssertFileContent("public/advisories/acme-sa-2026-003/index.html",
		`<h3 id="vuln-1">監査ログの CSV 出力における権限の確認漏れ</h3>`,
		`<span class="status pstatus-known-affected"><span class="status-sym" aria-hidden="true">✕</span> 影響あり（修正版は未提供）</span>`,
		`<li><a href="/products/acme-cloud/releases/2026.10/">2026.10</a></li>`,
		`<li><strong>緩和策</strong>: `, `<td>初版（調査中）</td>`, `! <dt>修正版</dt>`, `! cve.org`)
	b.AssertFileContent("public/advisories/acme-sa-2026-007/index.html",
		`<span class="status sev-high"><span class="status-sym" aria-hidden="true">▲</span> 重要</span> <span class="score">CVSS 8.1</span>`,
		`<h3 id="vuln-4">デバッグログに VPN の事前共有鍵が出力される</h3>`,
		`<a href="https://cwe.mitre.org/data/definitions/1021.html" rel="noopener">CWE-1021</a>`,
		`! <dt>CVSS v4.0</dt>`)
}

// TestAdvisoryPageSigned: with signed CSAF documents, the page links each document's
// signature and tells how to check it; the integrity page names the key.
func TestAdvisoryPageSigned(t *testing.T) {
	b := buildFiles(t, siteFilesWith(t, nil, func(m map[string]any) {
		c := m["csaf"].(map[string]any)
		c["signed"], c["role"] = true, "csaf_trusted_provider"
		c["keyFingerprint"] = "0123456789ABCDEF0123456789ABCDEF01234567"
		c["keyURL"] = "https://trust.example.com/.well-known/csaf/openpgp/0123456789ABCDEF0123456789ABCDEF01234567.asc"
	}))
	b.AssertFileContent("public/advisories/acme-sa-2026-001/index.html",
		`<p>各 CSAF 文書には OpenPGP で署名しています。署名は文書と同じ場所の .asc ファイルです。</p>`,
		`<a href="/.well-known/csaf/white/2026/acme-sa-2026-001.json.asc" download>.asc`,
		"<code>curl -fLO https://trust.example.com/.well-known/csaf/white/2026/acme-sa-2026-001.json.asc\ngpg --verify acme-sa-2026-001.json.asc acme-sa-2026-001.json</code>",
		`! 署名はしていません`)
	b.AssertFileContent("public/integrity/index.html",
		`<dt>鍵のフィンガープリント</dt><dd><code class="fingerprint">0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567</code></dd>`,
		`<a href="https://trust.example.com/.well-known/csaf/openpgp/0123456789ABCDEF0123456789ABCDEF01234567.asc">`,
		`! 署名はしていません`)
}

// TestAdvisoryUntranslated: an advisory without English text is listed on the English pages
// in Japanese, marked as such, and links to its Japanese page; an English page shows text
// that has no translation in Japanese, marked.
func TestAdvisoryUntranslated(t *testing.T) {
	files := siteFilesWith(t, func(s string) string {
		ar := txtar.Parse([]byte(s))
		for i, f := range ar.Files {
			switch f.Name {
			case "content/advisories/acme-sa-2026-003.en.md":
				ar.Files[i].Name = "ignored-by-hugo.md"
			case "content/advisories/acme-sa-2026-001.en.md": // front matter only: no English text
				fm, _, ok := strings.Cut(strings.TrimPrefix(string(f.Data), "+++\n"), "+++\n")
				if !ok {
					t.Fatalf("%s: no TOML front matter", f.Name)
				}
				ar.Files[i].Data = []byte("+++\n" + fm + "+++\n")
			}
		}
		return string(txtar.Format(ar))
	}, func(m map[string]any) {
		advisories := m["advisories"].(map[string]any)
		a := advisories["acme-sa-2026-003"].(map[string]any)
		delete(a["title"].(map[string]any), "en")
		a["languages"] = []any{"ja"}
		a["links"].(map[string]any)["en"] = "advisories/acme-sa-2026-003/"
		rev := advisories["acme-sa-2026-001"].(map[string]any)["revisions"].([]any)[1].(map[string]any)
		delete(rev["summary"].(map[string]any), "en")
	})
	b := buildFiles(t, files)
	b.AssertFileExists("public/en/advisories/acme-sa-2026-003/index.html", false)
	for _, p := range []string{"public/en/advisories/index.html", "public/en/index.html", "public/en/products/acme-cloud/index.html"} {
		b.AssertFileContent(p, `<a href="/advisories/acme-sa-2026-003/" lang="ja">ACME Cloud Console の監査ログ CSV 出力における認可の不備</a> <span class="badge badge-lang">Japanese only</span>`)
	}
	b.AssertFileContent("public/en/advisories/acme-sa-2026-001/index.html",
		`<td><span lang="ja">CVE 番号と CVSS v4.0 の評価を追記しました。</span> <span class="badge badge-lang">Japanese only</span></td>`,
		`<td>Initial release.</td>`,
		// the text, from the Japanese page
		`<h2 id="details-h">Details <span class="badge badge-lang">Japanese only</span></h2>`,
		`<div class="prose statement" lang="ja"><h4 id="概要">概要</h4>`)
	b.AssertFileContent("public/advisories/index.html", `<a href="/advisories/acme-sa-2026-003/">ACME Cloud Console の監査ログ CSV 出力における認可の不備</a></th>`, `! badge-lang`)
}

func TestAdvisoryIndex(t *testing.T) {
	b := build(t)
	b.AssertFileContent("public/advisories/index.html",
		`<title>セキュリティアドバイザリ | ACME トラストセンター</title>`,
		`<h1>セキュリティアドバイザリ</h1>`,
		// filters: hidden until the script runs them; labelled; the count announced
		`<fieldset class="filter-tools" data-advisory-filter data-filter-for="advisories" hidden>`,
		`<legend>アドバイザリを絞り込む</legend>`,
		`<label for="advisory-product">製品</label>`, `<select id="advisory-product" data-filter="products">`,
		`<option value="acme-gateway">ACME Gateway</option>`, `<option value="acme-cloud">ACME Cloud Console</option>`,
		`<label for="advisory-severity">深刻度</label>`, `<option value="critical">緊急</option>`, `<option value="unscored">評価なし</option>`,
		`<p class="filter-count" aria-live="polite" data-count="{total} 件中 {shown} 件を表示">4 件中 4 件を表示</p>`,
		// the table
		`<table class="data advisories-table" id="advisories">`,
		`<caption>セキュリティアドバイザリ（更新の新しい順）</caption>`,
		`<th scope="col">ID</th>`, `<th scope="col">件名</th>`, `<th scope="col">深刻度</th>`, `<th scope="col">対象製品</th>`, `<th scope="col">更新日</th>`,
		`<tr data-products="acme-gateway acme-cloud" data-severity="unscored">`,
		`<tr data-products="acme-gateway" data-severity="high">`,
		`<td class="nowrap"><span class="id">ACME-SA-2026-001</span></td>`,
		`<th scope="row"><a href="/advisories/acme-sa-2026-001/">ACME Gateway の管理画面におけるクロスサイトスクリプティング</a></th>`,
		`<li>ACME Cloud Console <span class="status pstatus-known-affected">`,
		`<td class="nowrap"><time datetime="2026-10-28">2026-10-28</time></td>`,
		// how advisories are published
		`<h2 id="csaf-how-h">アドバイザリの公開方法</h2>`,
		`<a href="/.well-known/csaf/provider-metadata.json" type="application/json"><code class="url">https://trust.example.com/.well-known/csaf/provider-metadata.json</code></a>`,
		`<code class="url">https://trust.example.com/.well-known/csaf/white/csaf-feed-tlp-white.json</code>`,
		`<a href="/advisories/index.xml" type="application/rss+xml">セキュリティアドバイザリ（RSS）</a>`,
		`CSAF 文書にはハッシュ値（SHA-256 と SHA-512）を付けていますが、署名はしていません。`,
		`<link rel="alternate" type="application/rss+xml" href="/advisories/index.xml"`,
	)
	c := b.FileContent("public/advisories/index.html")
	var order []int
	for _, id := range []string{"ACME-SA-2026-001", "ACME-SA-2026-002", "ACME-SA-2026-007", "ACME-SA-2026-003"} {
		order = append(order, strings.Index(c, `<span class="id">`+id+`</span></td>`))
	}
	if !slices.IsSorted(order) || order[0] < 0 {
		t.Errorf("advisories not newest first: %v", order)
	}
	if n := strings.Count(c, `<tr data-products=`); n != 4 {
		t.Errorf("%d advisories listed, want 4", n)
	}
	b.AssertFileContent("public/en/advisories/index.html",
		`<label for="advisory-severity">Severity</label>`,
		`data-count="{shown} of {total} advisories shown">4 of 4 advisories shown</p>`,
		`<a href="/en/advisories/acme-sa-2026-002/">ACME products are not affected by the ExampleXML vulnerability (CVE-2026-90002)</a>`,
		`<a href="/en/advisories/index.xml" type="application/rss+xml">Security advisories (RSS)</a>`)
	// The integrity page says the same of how they are published.
	b.AssertFileContent("public/en/integrity/index.html",
		`<h2 id="csaf-how-h">How advisories are published</h2>`,
		`https://trust.example.com/.well-known/csaf/provider-metadata.json</code>`,
		`<p class="notice notice-info" role="note">CSAF documents are hashed (SHA-256 and SHA-512) but not signed.</p>`)
}

func TestAdvisoryFeed(t *testing.T) {
	const script = "<script>alert(1)</script>"
	b := buildFiles(t, siteFilesWith(t, nil, func(m map[string]any) {
		a := m["advisories"].(map[string]any)["acme-sa-2026-001"].(map[string]any)
		a["description"].(map[string]any)["en"] = "A crafted string " + script
	}))
	feed := b.FileContent("public/advisories/index.xml")
	b.AssertFileContent("public/advisories/index.xml",
		`<rss version="2.0"`,
		`<title>ACME トラストセンター — セキュリティアドバイザリ</title>`,
		`<atom:link href="https://trust.example.com/advisories/index.xml" rel="self" type="application/rss+xml"/>`,
		`<lastBuildDate>Wed, 28 Oct 2026 00:00:00 +0000</lastBuildDate>`,
		`<title>ACME-SA-2026-001: ACME Gateway の管理画面におけるクロスサイトスクリプティング</title>`,
		`<link>https://trust.example.com/advisories/acme-sa-2026-001/</link>`,
		`<guid isPermaLink="false">https://trust.example.com/advisories/acme-sa-2026-001/#2</guid>`,
		`<pubDate>Wed, 28 Oct 2026 00:00:00 +0000</pubDate>`,
		`<category>ACME Gateway</category>`, `<category>ACME Cloud Console</category>`,
		`<description>警告 (CVSS 5.1) — ACME Gateway 2.0.0 から 2.4.0 の管理画面に反射型クロスサイトスクリプティングの脆弱性があります。2.5.0 で修正しました。</description>`,
		`<description>評価なし — XML パーサ ExampleXML の`)
	if n := strings.Count(feed, "<item>"); n != 4 {
		t.Errorf("feed has %d items, want 4", n)
	}
	if i, j := strings.Index(feed, "ACME-SA-2026-007:"), strings.Index(feed, "ACME-SA-2026-003:"); i < 0 || j < i {
		t.Error("feed not newest first")
	}
	// A description is HTML to a reader: the vendor's text in it is escaped once more.
	b.AssertFileContent("public/en/advisories/index.xml",
		`<link>https://trust.example.com/en/advisories/acme-sa-2026-001/</link>`,
		`<description>Medium (CVSS 5.1) — A crafted string &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</description>`,
		`! `+script, `! &lt;script&gt;`)
}

func TestAdvisoryLists(t *testing.T) {
	b := build(t)
	// Every page's footer leads to the index.
	b.AssertFileContent("public/sbom/index.html", `<li><a href="/advisories/">セキュリティアドバイザリ</a></li>`)
	b.AssertFileContent("public/en/faq/index.html", `<li><a href="/en/advisories/">Security advisories</a></li>`)
	// The trust page: the latest, with severity and date, and a link to the index.
	b.AssertFileContent("public/index.html",
		`<h2 id="advisories-title">最新のセキュリティアドバイザリ</h2>`,
		`<a href="/advisories/acme-sa-2026-001/">ACME Gateway の管理画面におけるクロスサイトスクリプティング</a>`,
		`<span class="status sev-high">`, `<time datetime="2026-10-20">2026-10-20</time>`,
		`<a class="more" href="/advisories/">すべてのセキュリティアドバイザリ</a>`)
	// (3)-2: the advisories as evidence of practice; not on other requirements.
	b.AssertFileContent("public/requirements/3-2/index.html",
		`<h2 id="advisories-h">公開しているアドバイザリ</h2>`,
		`検知した脆弱性への対処の実践として、4 件のセキュリティアドバイザリを公開しています。最新のもの：`,
		`<a href="/advisories/acme-sa-2026-001/">`, `<a class="more" href="/advisories/">`)
	b.AssertFileContent("public/en/requirements/3-2/index.html", `<h2 id="advisories-h">Advisories published</h2>`, `We have published 4 security advisories`)
	b.AssertFileContent("public/requirements/1-2/index.html", `! id="advisories-h"`)
	// A product page: its own advisories, with what each says of it, and its releases' VEX.
	b.AssertFileContent("public/products/acme-gateway/index.html",
		`<h2 id="product-advisories-h">セキュリティアドバイザリ</h2>`,
		`<th scope="col">状況</th>`,
		`<a href="/advisories/acme-sa-2026-001/">`, `<a href="/advisories/acme-sa-2026-007/">`,
		`<span class="status pstatus-fixed">`, `<span class="status pstatus-not-affected">`,
		`<h2 id="vex-h">リリースごとの VEX</h2>`,
		`<span class="file-title">ACME Gateway 2.4.0 の VEX（CycloneDX）</span> <span class="badge">VEX</span>`,
		`<span class="file-title">ACME Gateway 2.4.0 の VEX（OpenVEX）</span>`,
		`<a href="/vex/acme-gateway/2.4.0.cdx.json" download>`,
		`<a href="/vex/acme-gateway/2.4.0.openvex.json" download>`,
		`! /advisories/acme-sa-2026-003/`, `! /vex/acme-gateway/2.4.0.cdx.json.sha256`)
	// Size and digest as the model gives them; a check command that needs no .sha256 file.
	data, err := os.ReadFile("testdata/evident.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Releases map[string]struct {
			VEX struct {
				CycloneDX struct {
					Size   int    `json:"size"`
					SHA256 string `json:"sha256"`
				} `json:"cyclonedx"`
			} `json:"vex"`
		} `json:"releases"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	cdx := m.Releases["acme-gateway/2.4.0"].VEX.CycloneDX
	if cdx.SHA256 == "" {
		t.Fatal("the fixture's acme-gateway/2.4.0 has no CycloneDX VEX")
	}
	b.AssertFileContent("public/products/acme-gateway/index.html",
		`<span class="size" title="`+thousands(cdx.Size)+` バイト">`,
		`<code class="hash">`+cdx.SHA256+`</code>`,
		`<code>echo &#34;`+cdx.SHA256+`  2.4.0.cdx.json&#34; | sha256sum -c</code>`)
	b.AssertFileContent("public/en/products/acme-cloud/index.html",
		`<a href="/en/advisories/acme-sa-2026-003/">`, `! /advisories/acme-sa-2026-001/`,
		`<span class="status pstatus-known-affected"><span class="status-sym" aria-hidden="true">✕</span> Affected, no fix released yet</span>`,
		`<span class="file-title">VEX of ACME Cloud Console 2026.09 (OpenVEX)</span>`)
	// A release page: the advisories that name it, with what each says of that release.
	b.AssertFileContent("public/products/acme-gateway/releases/2.4.0/index.html",
		`<h2 id="advisories-h">このリリースに関するセキュリティアドバイザリ</h2>`,
		`<span class="status pstatus-affected"><span class="status-sym" aria-hidden="true">✕</span> 影響あり</span>`,
		`<a href="/vex/acme-gateway/2.4.0.cdx.json" download>`)
	b.AssertFileContent("public/products/acme-gateway/releases/2.5.0/index.html",
		`<span class="status pstatus-fixed"><span class="status-sym" aria-hidden="true">●</span> 修正済み</span>`, `! pstatus-affected`)

	// The SBOM page: each release's VEX next to its SBOMs; VEX of a release without SBOM apart.
	c := b.FileContent("public/sbom/index.html")
	group := section(t, c, `/products/acme-gateway/releases/2.4.0/">2.4.0</a></th></tr>`, "</tbody>")
	for _, s := range []string{"acme-gateway-2.4.0.spdx.json", `<tr id="sbom-`, `class="vex-row"`, `CycloneDX VEX`, `OpenVEX`,
		`<a href="/vex/acme-gateway/2.4.0.cdx.json" download>2.4.0.cdx.json</a>`, `<a href="/advisories/acme-sa-2026-007/">ACME-SA-2026-007</a>`} {
		if !strings.Contains(group, s) {
			t.Errorf("the SBOM page's group of 2.4.0 lacks %q:\n%s", s, group)
		}
	}
	if strings.Index(group, "acme-gateway-2.4.0.spdx.json") > strings.Index(group, "vex-row") {
		t.Error("VEX before the SBOM of its release")
	}
	head := strings.Count(section(t, c, `id="sbom-h"`, "</thead>"), `<th scope="col"`)
	row := section(t, group, `class="vex-row"`, "</tr>")
	if cells := strings.Count(row, "<td") + strings.Count(row, "<th"); cells != head {
		t.Errorf("a VEX row has %d cells, the SBOM table %d columns:\n%s", cells, head, row)
	}
	apart := section(t, c, `<h3 id="vex-apart-h">`, "</section>")
	for _, s := range []string{"/vex/acme-gateway/2.0.0.cdx.json", "/vex/acme-cloud/2026.09.openvex.json"} {
		if !strings.Contains(apart, s) {
			t.Errorf("VEX of a release without SBOM not listed apart: %s", s)
		}
	}
	if strings.Contains(apart, "/vex/acme-gateway/2.4.0.") {
		t.Error("VEX of a release with SBOM listed twice")
	}
}

// TestNoAdvisories: a site without advisories shows no trace of them.
func TestNoAdvisories(t *testing.T) {
	files := siteFilesWith(t, func(s string) string {
		ar := txtar.Parse([]byte(s))
		ar.Files = slices.DeleteFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "content/advisories/") })
		return string(txtar.Format(ar))
	}, func(m map[string]any) {
		m["advisories"], m["advisoryOrder"], m["advisoryItems"] = map[string]any{}, []any{}, []any{}
		delete(m, "csaf")
		for _, p := range m["products"].([]any) {
			p.(map[string]any)["advisories"] = []any{}
		}
		for _, r := range m["releases"].(map[string]any) {
			r.(map[string]any)["advisories"] = []any{}
			delete(r.(map[string]any), "vex")
		}
	})
	b := buildFiles(t, files)
	b.AssertFileExists("public/advisories/index.html", false)
	b.AssertFileContent("public/index.html", `! advisories-title`)
	b.AssertFileContent("public/requirements/3-2/index.html", `! advisories-h`)
	b.AssertFileContent("public/products/acme-gateway/index.html", `! product-advisories-h`, `! vex-h`)
	b.AssertFileContent("public/products/acme-gateway/releases/2.4.0/index.html", `! advisories-h`, `! vex-h`)
	b.AssertFileContent("public/integrity/index.html", `! csaf-how-h`, `! /advisories/`)
	b.AssertFileContent("public/sbom/index.html", `! vex-row`, `! vex-apart-h`)
}

// thousands writes n with a comma every three digits, as the size partial does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
