package release

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	const dir = "content/products/gw/releases/"
	orig, ds := Parse(dir+"2.4.0.md", []byte(`+++
date = 2026-10-01
endOfSupport = 2028-10-01
[[sboms]]
path = "sbom/a.json"
[[downloads]]
url = "https://example.com/a.ova"
sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
title = "OVA"
+++
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for _, tc := range []struct{ name, tr, want string }{
		{"own text only", "+++\ntitle = \"英語\"\ndescription = \"x\"\n+++\nbody\n", ""},
		{"repeats", "+++\ndate = 2026-10-01\n[[sboms]]\npath = \"sbom/a.json\"\n[[downloads]]\nurl = \"https://example.com/a.ova\"\n" +
			"sha256 = \"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"\ntitle = \"translated\"\n+++\n", ""},
		{"date", "+++\ndate = 2026-10-02\n+++\n",
			`content/products/gw/releases/2.4.0.en.md:2:8 translation gives date "2026-10-02", but the original has "2026-10-01" at content/products/gw/releases/2.4.0.md:2:8`},
		{"end of security fixes", "+++\nendOfSecurityFixes = 2029-01-01\n+++\n",
			`content/products/gw/releases/2.4.0.en.md:2:22 translation gives endOfSecurityFixes "2029-01-01", but the original has none (content/products/gw/releases/2.4.0.md)`},
		{"sboms", "+++\n[[sboms]]\npath = \"sbom/b.json\"\n+++\n",
			`content/products/gw/releases/2.4.0.en.md:3:8 translation gives sboms "sbom/b.json", but the original has ["sbom/a.json"] at content/products/gw/releases/2.4.0.md:4:3`},
		{"download digest", "+++\n[[downloads]]\nurl = \"https://example.com/a.ova\"\nsha256 = \"" + "0000000000000000000000000000000000000000000000000000000000000000" + "\"\n+++\n",
			`content/products/gw/releases/2.4.0.en.md:2:3 translation gives downloads "https://example.com/a.ova, sha256 0000000000000000000000000000000000000000000000000000000000000000", but the original has ["https://example.com/a.ova, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"] at content/products/gw/releases/2.4.0.md:6:3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, ds := Parse(dir+"2.4.0.en.md", []byte(tc.tr))
			if len(ds) > 0 {
				t.Fatal(ds)
			}
			var got string
			for _, d := range Compare(orig, tr) {
				got += d.Pos.String() + " " + d.Message
				if d.Code != "translation-mismatch" || d.Hint == "" {
					t.Errorf("%v: code %q, hint %q", d, d.Code, d.Hint)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
