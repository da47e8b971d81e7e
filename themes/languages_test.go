package themes

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
)

// untranslated are the fixture's evidence items that lose their English file in
// partialFiles, by slug.
var untranslated = []string{"build/gateway-hardened-build", "governance/development-environment", "supply-chain/cloud-sbom"}

// partialFiles is the fixture as a bilingual site with partial translations: three evidence
// items without their English file, and the site title, the organisation, the declaration's
// title and scope and a product's name given in Japanese only (the English site title is
// then the Japanese one, as evident gives Hugo a text without English). That product has
// no evidence for requirement 5-2, so that the gaps panel names it in a sentence.
func partialFiles(t *testing.T) string {
	return siteFilesWith(t, func(s string) string {
		ar := txtar.Parse([]byte(s))
		var files []txtar.File
		for _, f := range ar.Files {
			drop := false
			for _, slug := range untranslated {
				drop = drop || f.Name == "content/evidence/"+slug+".en.md"
			}
			switch f.Name {
			case "hugo.toml":
				f.Data = bytes.Replace(f.Data, []byte(`title = "ACME Trust Center"`), []byte(`title = "ACME トラストセンター"`), 1)
			case "content/_index.en.md":
				f.Data = []byte("+++\ntitle = \"ACME トラストセンター\"\n+++\n")
			}
			if !drop {
				files = append(files, f)
			}
		}
		ar.Files = files
		return string(txtar.Format(ar))
	}, func(m map[string]any) {
		noEnglish := func(v any) { delete(v.(map[string]any), "en") }
		noEnglish(m["title"])
		noEnglish(m["organization"].(map[string]any)["name"])
		d := m["declaration"].(map[string]any)
		noEnglish(d["title"])
		noEnglish(d["scope"])
		for _, p := range m["products"].([]any) {
			if p := p.(map[string]any); p["id"] == "acme-cloud" {
				p["name"] = map[string]any{"ja": "ACME クラウドコンソール"}
			}
		}
		m["gaps"].(map[string]any)["notAddressed"] = []any{"5-2"}
		for _, c := range m["items"].(map[string]any)["5-2"].(map[string]any)["cells"].([]any) {
			if c := c.(map[string]any); c["product"] == "acme-cloud" {
				c["status"] = "not-addressed"
			}
		}
		for _, slug := range untranslated {
			e := m["evidence"].(map[string]any)[slug].(map[string]any)
			for _, k := range []string{"title", "description", "owner"} {
				if v, ok := e[k]; ok {
					noEnglish(v)
				}
			}
			e["languages"] = []any{"ja"}
			links := e["links"].(map[string]any)
			links["en"] = links["ja"]
		}
	})
}

// TestNoSilentJapanese: on a partly translated site, no English page and no English feed
// carries Japanese text outside an element marked lang="ja" (the <title>, which cannot hold
// markup, excepted: it shows the English text where there is one, and check warns about a
// title without English).
func TestNoSilentJapanese(t *testing.T) {
	b := buildFiles(t, withHistory(t, partialFiles(t)))
	pages := 0
	published(t, b, func(name string, data []byte) {
		if !strings.HasPrefix(name, "en/") || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml")) {
			return
		}
		pages++
		for _, s := range silentJapanese(t, name, data) {
			t.Errorf("%s: Japanese outside lang=\"ja\": %q", name, s)
		}
	})
	if pages < 50 {
		t.Fatalf("only %d English pages and feeds", pages)
	}
	// The marks are there, and the untranslated items stay reachable.
	b.AssertFileContent("public/en/index.html", `<span class="badge badge-lang">Japanese only</span>`)
	b.AssertFileContent("public/en/evidence/index.html",
		`<a href="/evidence/build/gateway-hardened-build/" lang="ja">ACME Gateway のハードニングされたリリースビルド</a> <span class="badge badge-lang">Japanese only</span>`)
	// The switcher of an untranslated page leads to the same item, not to the home page.
	b.AssertFileContent("public/evidence/build/gateway-hardened-build/index.html",
		`<a href="/evidence/build/gateway-hardened-build/" lang="en" hreflang="en">English</a>`)
	// A name inside a sentence is marked with its lang, without the mark.
	b.AssertFileContent("public/en/index.html", `<span class="muted">(<span lang="ja">ACME クラウドコンソール</span>)</span>`)
	// The versions of the declaration: titles and names stand alone, with the mark.
	b.AssertFileContent("public/en/declarations/index.html",
		`<li><a href="https://trust.example.com/evidence/build/gateway-hardened-build/" lang="ja">ACME Gateway のハードニングされたリリースビルド</a> <span class="badge badge-lang">Japanese only</span>`,
		`<li><span lang="ja">ACME クラウドコンソール</span> <span class="badge badge-lang">Japanese only</span></li>`)
	b.AssertFileContent("public/en/declarations/2026.0/index.html",
		`<td><span lang="ja">テスト（旧版）</span> <span class="badge badge-lang">Japanese only</span></td>`)
	b.AssertFileContent("public/en/declarations/2026.1/index.html",
		`<th scope="col"><span lang="ja">ACME クラウドコンソール</span> <span class="badge badge-lang">Japanese only</span></th>`)
}

// withHistory adds to a site archive what a build adds for a site with two versions
// recorded in history/ (generator/build history, generator/site Version): the versions
// in data/evidenthistory.json, built from the archive's model (2026.0, whose title of
// requirement 1-3 was in Japanese only and which had no acme-cloud; then the current
// one, 2026.1, which adds that product and changes evidence), and the /declarations/ pages.
func withHistory(t *testing.T, files string) string {
	t.Helper()
	ar := txtar.Parse([]byte(files))
	var m map[string]any
	for _, f := range ar.Files {
		if f.Name == "data/evident.json" {
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatal(err)
			}
		}
	}
	if m == nil {
		t.Fatal("no data/evident.json in the archive")
	}
	version := func(v, date, path string, old bool) map[string]any {
		products := []any{}
		for _, p := range m["products"].([]any) {
			if p := p.(map[string]any); !old || p["id"] != "acme-cloud" {
				products = append(products, map[string]any{"id": p["id"], "name": p["name"]})
			}
		}
		rows := []any{}
		for _, k := range m["order"].([]any) {
			it := m["items"].(map[string]any)[k.(string)].(map[string]any)
			if it["framework"] != m["framework"] {
				continue
			}
			title := it["title"]
			if old && k == "1-3" {
				title = map[string]any{"ja": "テスト（旧版）"}
			}
			rows = append(rows, map[string]any{"id": it["id"], "level": it["level"], "title": title, "status": it["status"], "products": it["products"]})
		}
		return map[string]any{"version": v, "date": date, "path": path, "products": products, "rows": rows}
	}
	evidence := func(slug string) map[string]any {
		e := m["evidence"].(map[string]any)[slug].(map[string]any)
		return map[string]any{"slug": slug, "title": e["title"], "status": e["status"], "reviewed": e["reviewed"], "url": e["url"]}
	}
	changed := evidence("supply-chain/cloud-sbom")
	changed["statusChange"] = map[string]any{"from": "planned", "to": "partial"}
	removed := evidence("governance/development-environment")
	delete(removed, "url")
	var cloud map[string]any
	for _, p := range m["products"].([]any) {
		if p := p.(map[string]any); p["id"] == "acme-cloud" {
			cloud = p
		}
	}
	item := m["items"].(map[string]any)["1-3"].(map[string]any)
	current := version("2026.1", "2026-11-01", "/declarations/2026.1/", false)
	current["changes"] = map[string]any{
		"requirements":    []any{map[string]any{"key": "1-3", "id": item["id"], "title": map[string]any{"ja": "テスト（旧版）"}, "product": "acme-gateway", "from": "partial", "to": "implemented", "url": item["url"]}},
		"evidenceAdded":   []any{evidence("build/gateway-hardened-build")},
		"evidenceRemoved": []any{removed},
		"evidenceChanged": []any{changed},
		"productsAdded":   []any{map[string]any{"id": cloud["id"], "name": cloud["name"], "url": cloud["url"]}},
		"releasesAdded":   []any{},
	}
	history, err := json.Marshal([]any{version("2026.0", "2026-04-01", "/declarations/2026.0/", true), current})
	if err != nil {
		t.Fatal(err)
	}
	add := func(name, data string) { ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)}) }
	add("data/evidenthistory.json", string(history)+"\n")
	for _, p := range []struct{ suffix, section, title string }{
		{".md", "宣言の版", "宣言 "},
		{".en.md", "Versions of the declaration", "Declaration "},
	} {
		add("content/declarations/_index"+p.suffix, "+++\ntitle = \""+p.section+"\"\n+++\n")
		for _, v := range []string{"2026.0", "2026.1"} {
			add("content/declarations/"+v+"/index"+p.suffix, "+++\ntitle = \""+p.title+v+"\"\n\n[params]\n  version = \""+v+"\"\n+++\n")
		}
	}
	return string(txtar.Format(ar))
}

// silentJapanese returns the text of an HTML page or an RSS feed (whose item
// descriptions are escaped HTML) that has a Japanese character and no lang="ja" around it.
func silentJapanese(t *testing.T, name string, data []byte) []string {
	t.Helper()
	if strings.HasSuffix(name, ".xml") {
		var out []string
		// A feed: each title is text in the feed's language; each description is HTML.
		for _, item := range strings.Split(string(data), "<item>")[1:] {
			title, _, _ := strings.Cut(item, "</title>")
			if hasJapanese(title) && !strings.Contains(item, `lang="ja"`) {
				out = append(out, title)
			}
			if _, desc, ok := strings.Cut(item, "<description>"); ok {
				desc, _, _ = strings.Cut(desc, "</description>")
				out = append(out, silentJapanese(t, "item.html", []byte(html.UnescapeString(desc)))...)
			}
		}
		return out
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	var walk func(n *html.Node, ja bool)
	walk = func(n *html.Node, ja bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "lang" {
					ja = a.Val == "ja" || strings.HasPrefix(a.Val, "ja-")
				}
			}
			if n.Data == "title" || n.Data == "script" || n.Data == "style" {
				return
			}
		}
		if n.Type == html.TextNode && !ja && hasJapanese(n.Data) {
			out = append(out, strings.TrimSpace(n.Data))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, ja)
		}
	}
	walk(doc, false)
	return out
}

func hasJapanese(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) })
}
