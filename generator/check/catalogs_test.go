package check

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/evident-dev/evident/internal/sitetest"
)

func frameworks(t *testing.T, root string) ([]string, []string) {
	t.Helper()
	set, ds := Catalogs(root)
	var ids, codes []string
	if set != nil {
		for _, c := range set.Catalogs {
			ids = append(ids, c.ID)
		}
	}
	for _, d := range ds {
		codes = append(codes, d.Code)
	}
	return ids, codes
}

// TestCatalogs: the site's catalogs first, then the built-in ones it does not use; no
// site, the built-in ones; a catalog file out of the site is refused as Run refuses it.
func TestCatalogs(t *testing.T) {
	if ids, codes := frameworks(t, ""); !slices.Equal(ids, []string{"cip", "ssdf"}) || codes != nil {
		t.Errorf("no site: %v %v, want cip, ssdf", ids, codes)
	}

	root := t.TempDir()
	sitetest.WriteFile(t, root, "evident.toml", []byte("title = \"x\"\nbaseURL = \"https://example.com/\"\ncatalogs = [\"ssdf\", \"catalogs/own.toml\"]\n"))
	sitetest.WriteFile(t, root, "catalogs/own.toml", []byte("framework = \"own\"\nversion = \"1\"\ntitle = { en = \"Own\" }\n\n[[items]]\nid = \"O-1\"\ntitle = { en = \"one\" }\n"))
	if ids, codes := frameworks(t, root); !slices.Equal(ids, []string{"ssdf", "own", "cip"}) || codes != nil {
		t.Errorf("site: %v %v, want ssdf, own, cip", ids, codes)
	}

	outside := filepath.Join(t.TempDir(), "own.toml")
	if err := os.Rename(filepath.Join(root, "catalogs", "own.toml"), outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "catalogs", "own.toml")); err != nil {
		t.Fatal(err)
	}
	if ids, codes := frameworks(t, root); slices.Contains(ids, "own") || !slices.Equal(codes, []string{"path-escapes"}) {
		t.Errorf("catalog file linked from outside: %v %v, want it refused with path-escapes", ids, codes)
	}
}
