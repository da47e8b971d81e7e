package catalog

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/load/*.txtar")

// TestLoad runs the archives in testdata/load. Each archive's comment says which catalogs to
// load ("names: cip catalogs/extra.toml"); its other files are the site. The section "want"
// holds the diagnostics expected, one a line with its hint indented below it; the optional
// section "want-items" the items that the site's own files define, in document order.
func TestLoad(t *testing.T) {
	files, err := filepath.Glob("testdata/load/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test archives: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if rest, ok := strings.CutPrefix(line, "names:"); ok {
					names = strings.Fields(rest)
				}
			}
			site := fstest.MapFS{}
			want := map[string]string{}
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "want") {
					want[f.Name] = string(f.Data)
					continue
				}
				site[f.Name] = &fstest.MapFile{Data: f.Data}
			}
			set, diags := Load(site, names)
			var b strings.Builder
			for _, d := range diags {
				fmt.Fprintf(&b, "%s: %s: %s\n", d.Pos, d.Code, d.Message)
				if d.Hint != "" {
					fmt.Fprintf(&b, "\thint: %s\n", d.Hint)
				}
			}
			got := map[string]string{"want": b.String()}
			if _, ok := want["want-items"]; ok {
				got["want-items"] = siteItems(set)
			}
			if *update {
				for i, f := range ar.Files {
					if g, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(g)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for name, g := range got {
				if diff := cmp.Diff(want[name], g); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// siteItems lists the items defined or changed by the site's own files.
func siteItems(s *Set) string {
	var b bytes.Buffer
	for _, it := range s.All() {
		builtin := strings.HasPrefix(it.Pos.File, builtinPrefix)
		if builtin && !strings.Contains(it.Summary["en"], "[site]") {
			continue
		}
		parent := "-"
		if it.Parent != nil {
			parent = it.Parent.ID.Local
		}
		fmt.Fprintf(&b, "%s %s %s under %s party=%q at %s: %s | %s\n", s.Format(it.ID), it.ID.Slug(), it.Level,
			parent, it.Party, it.Pos, it.Title.In("en"), it.Summary.In("en"))
	}
	for _, c := range s.Catalogs {
		for _, e := range c.Extensions {
			fmt.Fprintf(&b, "extension of %s: %s: %s\n", c.ID, e.File, e.Note["en"])
		}
	}
	return b.String()
}
