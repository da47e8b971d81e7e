package catalog

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLoad loads a site catalog file after the built-in guideline catalog. Property: no panic;
// every diagnostic is in the file and has a position; the file is reported as not TOML
// whenever the TOML decoder rejects it. The catalog files of testdata/load are seeds too.
func FuzzLoad(f *testing.F) {
	archives, _ := filepath.Glob("testdata/load/*.txtar")
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if strings.HasSuffix(af.Name, ".toml") {
				f.Add(af.Data)
			}
		}
	}
	const file = "catalogs/x.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := Load(fstest.MapFS{file: {Data: data}}, []string{"cip", file})
		syntax := false
		for _, d := range diags {
			if d.Pos.File != file || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position in the file: %s [%s]", d.Error(), d.Code)
			}
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("panic: %s", d.Message)
			}
			syntax = syntax || d.Code == CodeSyntax
		}
		var v map[string]any
		if _, err := toml.Decode(string(data), &v); err != nil && !syntax {
			t.Errorf("the decoder rejects the file (%v), Load reports %v", err, diags)
		}
	})
}
