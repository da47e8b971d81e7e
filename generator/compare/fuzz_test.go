package compare

import (
	"slices"
	"testing"
)

// FuzzParseProfile: a profile.toml never panics the parser, every problem is placed in the
// file, and what is accepted is within its choices.
func FuzzParseProfile(f *testing.F) {
	f.Add([]byte("requirements = [\"(1)\", \"(2)-4\"]\naccept = [\"implemented\"]\nproducts = { \"trust.example.com\" = \"acme-gateway\" }\nsboms = \"supported\"\nmaxAgeMonths = 18\n"))
	f.Add([]byte("requirements = [\"S(1)-2.5\", \"ssdf:PW.6.1\", \"x:1\"]\naccept = []\n"))
	f.Add([]byte("[products]\na = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, ds := ParseProfile("profile.toml", data)
		for _, d := range ds {
			if d.Pos.File != "profile.toml" || d.Pos.Line < 1 || d.Pos.Col < 1 || d.Code == "" {
				t.Errorf("diagnostic without a position or a code: %#v", d)
			}
		}
		if ds.HasErrors() {
			return
		}
		if len(p.Accept) == 0 || p.MaxAgeMonths < 0 || p.MaxAgeMonths > maxMonths || !slices.Contains([]string{"", SBOMsSupported, SBOMsLatest}, p.SBOMs) {
			t.Errorf("accepted %+v", p)
		}
		for _, s := range p.Accept {
			if !slices.Contains(acceptValues, string(s)) {
				t.Errorf("accept %q", s)
			}
		}
		for _, r := range p.Requirements {
			if r.ID == "" || r.Framework == "" || r.Pos.Line < 1 {
				t.Errorf("requirement %+v", r)
			}
		}
	})
}
