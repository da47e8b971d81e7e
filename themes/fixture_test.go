package themes_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/site.txtar and testdata/evident.json from examples/acme")

// The fixture files the theme tests render (see siteFiles in theme_test.go).
const (
	fixtureSite  = "testdata/site.txtar"
	fixtureModel = "testdata/evident.json"
	// fixtureGenerator stands for "evident VERSION" in the fixture, so that a release
	// does not make it stale.
	fixtureGenerator = "evident 0.0.0-fixture"
)

const fixtureComment = `The theme tests' site: examples/acme as evident's Go side prepares it for Hugo
(hugo.toml, the generated pages and the example's own content). The model is in
evident.json and the theme comes from themes.FS. Generated; do not edit:
go test ./themes -run TestFixture -update
`

// TestFixture: the theme is tested on the example site, not on a hand-written
// copy of it. The fixture is regenerated in memory from examples/acme and must
// equal the committed files; the test fails when the example, the generated pages
// or the model changed and the fixture was not regenerated.
func TestFixture(t *testing.T) {
	gotSite, gotModel := generateFixture(t)
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update rewrites the fixture; it never runs on CI")
		}
		for p, b := range map[string][]byte{fixtureSite: gotSite, fixtureModel: gotModel} {
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	const fix = "run go test ./themes -run TestFixture -update and commit the result"
	wantSite, err := os.ReadFile(fixtureSite)
	if err != nil {
		t.Fatalf("%v; %s", err, fix)
	}
	wantModel, err := os.ReadFile(fixtureModel)
	if err != nil {
		t.Fatalf("%v; %s", err, fix)
	}
	if !bytes.Equal(gotModel, wantModel) {
		t.Errorf("%s is stale: the model of examples/acme changed; %s", fixtureModel, fix)
	}
	if !bytes.Equal(gotSite, wantSite) {
		t.Errorf("%s is stale (%s); %s", fixtureSite, archiveDiff(txtar.Parse(wantSite), txtar.Parse(gotSite)), fix)
	}
}

// generateFixture checks and prepares examples/acme as the build does, and returns
// the Hugo project evident would render as a txtar archive (without the theme and
// the files published as they are) and the model.
func generateFixture(t *testing.T) (archive, model []byte) {
	t.Helper()
	root, err := filepath.Abs("../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	// AsOf zero: staleness is measured from the newest date in the example, never the clock.
	res := check.Run(root, check.Options{})
	if res.Diagnostics.HasErrors() {
		t.Fatalf("examples/acme has errors:\n%v", res.Diagnostics)
	}
	in, err := build.Prepare(res, fixtureGenerator)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := site.WriteSource(in, dir); err != nil {
		t.Fatal(err)
	}
	ar := &txtar.Archive{Comment: []byte(fixtureComment)}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		if d.IsDir() {
			if rel == "themes" || rel == "static" { // themes.FS; copied as they are, never rendered
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "data/evident.json" {
			model = b
			return nil
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			t.Fatalf("%s does not end in a newline; the txtar fixture would change it", rel)
		}
		ar.Files = append(ar.Files, txtar.File{Name: rel, Data: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if model == nil {
		t.Fatal("the generated site has no data/evident.json")
	}
	slices.SortFunc(ar.Files, func(a, b txtar.File) int { return strings.Compare(a.Name, b.Name) })
	return txtar.Format(ar), model
}

// archiveDiff names the files that differ between two archives.
func archiveDiff(want, got *txtar.Archive) string {
	files := func(a *txtar.Archive) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range a.Files {
			m[f.Name] = f.Data
		}
		return m
	}
	w, g := files(want), files(got)
	var out []string
	for name, data := range g {
		switch old, ok := w[name]; {
		case !ok:
			out = append(out, "new "+name)
		case !bytes.Equal(old, data):
			out = append(out, "changed "+name)
		}
	}
	for name := range w {
		if _, ok := g[name]; !ok {
			out = append(out, "gone "+name)
		}
	}
	if !bytes.Equal(want.Comment, got.Comment) {
		out = append(out, "changed comment")
	}
	slices.Sort(out)
	if len(out) > 10 {
		out = append(out[:10], "...")
	}
	return strings.Join(out, ", ")
}
