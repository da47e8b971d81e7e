package node

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// frontMatter is a TOML front matter of about 1,000 lines, the largest an evidence file
// plausibly has: scalars, lists, and tables of artifacts and SBOMs.
func frontMatter() []byte {
	var b strings.Builder
	b.WriteString("title = \"Hardened, reproducible release builds\"\nstatus = \"implemented\"\nreviewed = 2026-10-01\n")
	b.WriteString("requirements = [\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  \"S(1)-2.%d\", # 要求事項 %d\n", i, i)
	}
	b.WriteString("]\n")
	for i := range 150 {
		fmt.Fprintf(&b, "[[artifacts]]\npath = \"artifacts/report-%d.pdf\"\ntitle = \"報告書 %d, with \\\"quotes\\\"\"\n\n", i, i)
	}
	for i := range 70 {
		fmt.Fprintf(&b, "[[sboms]]\npath = 'sboms/gateway-%d.cdx.json'\nrelease = \"2026.%d\"\nproduct = \"acme-gateway\"\n\n", i, i)
	}
	return []byte(b.String())
}

func BenchmarkParseTOML(b *testing.B) {
	config, err := os.ReadFile("testdata/bench/evident.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"FrontMatter1000Lines", frontMatter()},
		{"EvidentTOML", config},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, diags := ParseTOML("x.toml", c.data); len(diags) > 0 {
					b.Fatal(diags)
				}
			}
		})
	}
}
