package advisory

import (
	"bytes"
	"testing"
)

func FuzzParse(f *testing.F) {
	files, _ := archive(f, "parse.txtar")
	errs, _ := archive(f, "errors.txtar")
	for _, file := range append(files, errs...) {
		f.Add(file.Data)
	}
	f.Add([]byte("+++\r\n[[vulnerabilities]]\r\ncvss31 = \"CVSS:3.1/AV:N/\u00e9\"\r\n[[products]]\r\naffected = [\"\u202e>= 1\"]\r\n+++\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "content/advisories/sa-1.md"
		file, diags := Parse(path, data)
		if file == nil {
			t.Fatal("nil file")
		}
		// Columns are node's: a YAML null is placed just after its key's colon, which can
		// be past the end of the line; lines are the file's.
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags {
			if d.Pos.File != path || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position in the file: %#v", d)
			}
		}
		if !diags.HasErrors() {
			if c := Compare(file, file); len(c) > 0 {
				t.Errorf("a file contradicts itself: %v", c)
			}
		}
	})
}
