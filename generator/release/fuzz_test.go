package release

import "testing"

func FuzzParse(f *testing.F) {
	f.Add([]byte("+++\ndate = 2026-10-01\nversion = \"2.4.0\"\n[[downloads]]\nurl = \"https://example.com/a\"\nsha256 = \"00\"\n[[sboms]]\npath = \"s.json\"\n+++\nnotes\n"))
	f.Add([]byte("---\ndate: 2026-10-01\nendOfSupport: 2027-10-01\ndownloads:\n  - path: dist/a.ova\n    name: a.ova\nprovenance:\n  - path: p.json\n---\n"))
	f.Add([]byte("+++\r\n[[downloads]]\r\nname = \"\\u202e.ova\"\r\nsignature = \"x:y\"\r\n+++\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "content/products/gw/releases/2.4.0.en.md"
		file, diags := Parse(path, data)
		if file == nil {
			t.Fatal("nil file")
		}
		for _, d := range diags {
			if d.Pos.File != path || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position: %#v", d)
			}
		}
		if !diags.HasErrors() {
			if c := Compare(file, file); len(c) > 0 {
				t.Errorf("a file contradicts itself: %v", c)
			}
			for _, d := range file.Downloads {
				_ = d.FileName()
			}
		}
	})
}
