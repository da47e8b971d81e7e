package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkCheck checks sites of n evidence files, each on one to three requirements, with
// an artifact on every fiftieth (as bench/cmd/gensite writes them). The time per file
// should not grow with n.
func BenchmarkCheck(b *testing.B) {
	ids := []string{"(1)-1", "(1)-2", "S(1)-2.1", "S(1)-2.2", "(1)-3", "(2)-1", "(2)-4", "(3)-2", "(4)-1", "(5)-2", "(6)-1"}
	body := strings.Repeat("この証跡は、要求事項への取り組みを具体的に説明します。\n\n", 8)
	for _, n := range []int{1000, 10000, 50000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			root := b.TempDir()
			write := func(rel, s string) {
				p := filepath.Join(root, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			write("evident.toml", `title = "Bench"
baseURL = "https://trust.example.com/"
languages = ["ja"]
catalogs = ["cip"]
[organization]
name = "Bench"
[declaration]
title = "Bench"
version = "1"
date = 2026-11-01
[[products]]
id = "gw"
name = "Gateway"
[[products]]
id = "cloud"
name = "Cloud"
`)
			write("artifacts/policy.txt", "policy\n")
			for i := range n {
				var reqs []string
				for k := range 1 + i%3 {
					reqs = append(reqs, fmt.Sprintf("%q", ids[(i*7+k*3)%len(ids)]))
				}
				products := ""
				if i%3 < 2 {
					products = fmt.Sprintf("products = [%q]\n", []string{"gw", "cloud"}[i%3])
				}
				artifact := ""
				if i%50 == 0 {
					artifact = "[[artifacts]]\npath = \"artifacts/policy.txt\"\n"
				}
				write(fmt.Sprintf("content/evidence/g%03d/item-%05d.md", i/100, i), fmt.Sprintf(
					"+++\ntitle = \"証跡 %d\"\nrequirements = [%s]\nstatus = \"implemented\"\n%sreviewed = 2026-10-01\nowner = \"製品セキュリティ部\"\n%s+++\n%s",
					i, strings.Join(reqs, ", "), products, artifact, body))
			}
			asOf := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
			if res := Run(root, Options{AsOf: asOf}); !res.OK(false) || len(res.Evidence) != n {
				b.Fatalf("the site has errors or lost evidence (%d of %d): %v", len(res.Evidence), n, res.Diagnostics)
			}
			for b.Loop() {
				Run(root, Options{AsOf: asOf})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/file")
		})
	}
}
