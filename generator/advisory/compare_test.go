package advisory

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	files, want := archive(t, "compare.txtar")
	var orig *File
	var translations []*File
	for _, f := range files {
		file, diags := Parse(f.Name, f.Data)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", f.Name, diags)
		}
		if file.Lang == "" {
			orig = file
		} else {
			translations = append(translations, file)
		}
	}
	if orig == nil || len(translations) != 3 {
		t.Fatalf("original %v, %d translations; want 3", orig, len(translations))
	}
	if diags := Compare(orig, orig); len(diags) > 0 {
		t.Errorf("the original contradicts itself: %v", diags)
	}
	for _, tr := range translations {
		t.Run(tr.Path, func(t *testing.T) {
			diags := Compare(orig, tr)
			diags.Sort()
			if diff := cmp.Diff(want[tr.Path], format(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, d := range diags {
				if d.Hint == "" {
					t.Errorf("%s: no hint", d.Error())
				}
			}
		})
	}
}
