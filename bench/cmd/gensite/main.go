// Command gensite writes a synthetic evident site with N evidence files (each with an
// English translation), for benchmarks: go run ./bench/cmd/gensite -n 10000 -o /tmp/site10k
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
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
	flag.Parse()
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
	write("evident.toml", `title = { ja = "ベンチマーク トラストセンター", en = "Benchmark Trust Center" }
baseURL = "https://trust.example.com/"
languages = ["ja", "en"]
catalogs = ["cip", "ssdf"]
[organization]
name = "ベンチマーク株式会社"
[declaration]
title = "自己適合宣言"
version = "2026.1"
date = 2026-11-01
[[products]]
id = "gw"
name = "Gateway"
[[products]]
id = "cloud"
name = "Cloud"
`)
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
		switch r.IntN(3) {
		case 0:
			products = `products = ["gw"]` + "\n"
		case 1:
			products = `products = ["cloud"]` + "\n"
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
		write(fmt.Sprintf("%sitem-%05d.en.md", dir, i), fmt.Sprintf(`+++
title = "Evidence %d"
owner = "Product Security"
+++
## Practice %d

%s`, i, i, bodyEn))
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
