// Command gensite writes a synthetic evident site with N evidence files (each with an
// English translation), for benchmarks: go run ./bench/cmd/gensite -n 10000 -o /tmp/site10k
//
// With -languages ja the site has one language: no translations, and evident.toml says
// languages = ["ja"] (the default, ja,en, is the bilingual site).
//
// With -products P the site declares P products instead of two; with -releases R each
// product has R releases (each with a translation, an SBOM, a download in the site and
// one elsewhere). The evidence is the same whatever -releases is, so that a site with
// releases can be compared with the same site without them.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var ids = []string{
	"(1)-1", "(1)-2", "S(1)-2.1", "S(1)-2.2", "S(1)-2.3", "S(1)-2.4", "(1)-3", "(1)-4",
	"(2)-1", "(2)-2", "S(2)-2.1", "S(2)-2.2", "S(2)-2.3", "(2)-3", "(2)-4",
	"(3)-1", "(3)-2", "(3)-3", "(4)-1", "(4)-2", "(4)-3", "(4)-4", "(4)-5", "(4)-6", "(5)-1", "(5)-2",
	"ssdf:PW.6.1", "ssdf:PS.3.2", "ssdf:RV.1.1",
}

var statuses = []string{"implemented", "implemented", "implemented", "partial", "planned"}

func main() {
	n := flag.Int("n", 1000, "number of evidence items")
	out := flag.String("o", "", "output folder (must not exist)")
	nProducts := flag.Int("products", 2, "number of products")
	nReleases := flag.Int("releases", 0, "number of releases of each product")
	languages := flag.String("languages", "ja,en", "the site's languages: ja,en (each file with an English translation) or ja")
	flag.Parse()
	if *nProducts < 1 || *nReleases < 0 {
		log.Fatal("give -products 1 or more and -releases 0 or more")
	}
	var english bool
	switch *languages {
	case "ja,en":
		english = true
	case "ja":
	default:
		log.Fatalf("-languages %q: give ja,en or ja", *languages)
	}
	if *out == "" {
		log.Fatal("give -o DIR")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists", *out)
	}
	r := rand.New(rand.NewPCG(1, 2))
	write := func(rel, s string) {
		p := filepath.Join(*out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	prods := productIDs(*nProducts)
	langs := `["ja"]`
	if english {
		langs = `["ja", "en"]`
	}
	write("evident.toml", `title = { ja = "ベンチマーク トラストセンター", en = "Benchmark Trust Center" }
baseURL = "https://trust.example.com/"
languages = `+langs+`
catalogs = ["cip", "ssdf"]
[organization]
name = "ベンチマーク株式会社"
[declaration]
title = "自己適合宣言"
version = "2026.1"
date = 2026-11-01
`+productsTOML(prods))
	write("artifacts/policy.txt", strings.Repeat("policy line\n", 1000))
	body := strings.Repeat("この証跡は、要求事項への取り組みを具体的に説明します。ビルドは署名され、再現可能です。\n\n", 8)
	bodyEn := strings.Repeat("This evidence explains, in concrete terms, what is done for the requirement. Builds are signed and reproducible.\n\n", 8)
	for i := range *n {
		var reqs []string
		for range 1 + r.IntN(3) {
			reqs = append(reqs, fmt.Sprintf("%q", ids[r.IntN(len(ids))]))
		}
		reqs = dedupe(reqs)
		products := ""
		if k := r.IntN(len(prods) + 1); k < len(prods) { // one product, or (k == len(prods)) all
			products = fmt.Sprintf("products = [%q]\n", prods[k])
		}
		artifact := ""
		if i%50 == 0 {
			artifact = "[[artifacts]]\npath = \"artifacts/policy.txt\"\n"
		}
		dir := fmt.Sprintf("content/evidence/group-%03d/", i/100)
		write(fmt.Sprintf("%sitem-%05d.md", dir, i), fmt.Sprintf(`+++
title = "証跡 %d"
requirements = [%s]
status = %q
%sreviewed = 2026-%02d-%02d
owner = "製品セキュリティ部"
%s+++
## 取り組み %d

%s`, i, strings.Join(reqs, ", "), statuses[r.IntN(len(statuses))], products, 1+r.IntN(10), 1+r.IntN(28), artifact, i, body))
		if !english {
			continue
		}
		write(fmt.Sprintf("%sitem-%05d.en.md", dir, i), fmt.Sprintf(`+++
title = "Evidence %d"
owner = "Product Security"
+++
## Practice %d

%s`, i, i, bodyEn))
	}
	for _, id := range prods {
		releases(write, id, *nReleases, english)
	}
}

// productIDs names n products: gw and cloud for two (the default site), else p01, p02, ….
func productIDs(n int) []string {
	if n == 2 {
		return []string{"gw", "cloud"}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("p%02d", i+1)
	}
	return out
}

func productsTOML(prods []string) string {
	var b strings.Builder
	for _, id := range prods {
		fmt.Fprintf(&b, "[[products]]\nid = %q\nname = %q\nsupport = { months = 12, securityMonths = 24 }\n", id, "Product "+id)
	}
	return b.String()
}

// releases writes n releases of product id, two weeks apart and the newest on
// 2026-10-26, so that the oldest are past their end of life and the newest supported;
// each with an English translation when english.
func releases(write func(rel, s string), id string, n int, english bool) {
	newest := time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC)
	notes := strings.Repeat("- 修正: 不具合と脆弱性を修正しました。\n", 6)
	notesEn := strings.Repeat("- Fixed: bugs and vulnerabilities.\n", 6)
	for i := range n {
		v := fmt.Sprintf("%d.%d.%d", 1+i/20, i%20/4, i%4)
		date := newest.AddDate(0, 0, -14*(n-1-i)).Format(time.DateOnly)
		dist := fmt.Sprintf("dist/%s/%s-%s.tar.gz", id, id, v)
		sbom := fmt.Sprintf("sbom/%s/%s-%s.cdx.json", id, id, v)
		write(dist, fmt.Sprintf("%s %s: a stand-in for a release archive.\n", id, v))
		write(sbom, fmt.Sprintf(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
"metadata": {"component": {"type": "application", "name": %q, "version": %q}},
"components": [{"type": "library", "name": "zlib", "version": "1.3.1", "licenses": [{"license": {"id": "Zlib"}}]},
{"type": "library", "name": "openssl", "version": "3.0.15", "licenses": [{"license": {"id": "Apache-2.0"}}]}]}
`, id, v))
		dir := fmt.Sprintf("content/products/%s/releases/", id)
		write(dir+v+".md", fmt.Sprintf(`+++
date = %s
title = "%s %s"
description = "保守リリース"
[[sboms]]
path = %q
[[downloads]]
path = %q
[[downloads]]
url = "https://downloads.example.com/%s/%s-%s.qcow2"
sha256 = "%064x"
+++
## 変更点

%s`, date, id, v, sbom, dist, id, id, v, i+1, notes))
		if !english {
			continue
		}
		write(dir+v+".en.md", fmt.Sprintf(`+++
title = "%s %s"
description = "Maintenance release"
+++
## Changes

%s`, id, v, notesEn))
	}
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
