package evidence

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestCompare(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "compare.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	originals := map[string]*File{}
	var translations []*File
	want := map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".want"); ok {
			want[name] = string(f.Data)
			continue
		}
		file, diags := Parse(f.Name, f.Data)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", f.Name, diags)
		}
		if file.Lang == "" {
			originals[file.Slug] = file
		} else {
			translations = append(translations, file)
		}
	}
	if len(translations) != 5 {
		t.Fatalf("%d translations in the archive, want 5", len(translations))
	}
	for _, tr := range translations {
		t.Run(tr.Path, func(t *testing.T) {
			orig := originals[tr.Slug]
			if orig == nil {
				t.Fatalf("no original for slug %q", tr.Slug)
			}
			diags := Compare(orig, tr)
			diags.Sort()
			if diff := cmp.Diff(want[tr.Path], format(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			checkHints(t, diags)
		})
	}
}
