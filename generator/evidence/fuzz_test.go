package evidence

import (
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(tomlEvidence))
	f.Add([]byte(yamlEvidence))
	f.Add([]byte("+++\r\nstatus = \"not-applicable\"\r\n[[sboms]]\r\nx = 1\r\n+++\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "content/evidence/f.en.md"
		file, diags := Parse(path, data)
		if file == nil {
			t.Fatal("nil file")
		}
		for _, d := range diags {
			if d.Pos.File != path || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position: %#v", d)
			}
		}
		// Comparing a file with itself finds nothing.
		if !diags.HasErrors() {
			if c := Compare(file, file); len(c) > 0 {
				t.Errorf("a file contradicts itself: %v", c)
			}
		}
	})
}
