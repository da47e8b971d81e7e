package diff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/published"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func load(t *testing.T, file string) *published.Declaration {
	t.Helper()
	d, err := published.Load(t.Context(), filepath.Join("testdata", file), published.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCompare(t *testing.T) {
	d := Compare(load(t, "old.json"), load(t, "new.json"))
	if d.Version == nil || *d.Version != (Change{"2026.1", "2026.2"}) || d.Date == nil || d.Date.To != "2026-11-01" {
		t.Errorf("declaration: version %v, date %v", d.Version, d.Date)
	}
	if len(d.ProductsAdded) != 1 || d.ProductsAdded[0].ID != "acme-cloud" || len(d.ProductsRemoved) != 1 || d.ProductsRemoved[0].ID != "acme-legacy" {
		t.Errorf("products: added %v, removed %v", d.ProductsAdded, d.ProductsRemoved)
	}
	// Only acme-gateway is in both: its statuses are compared; categories are not listed.
	var reqs []string
	for _, r := range d.Requirements {
		reqs = append(reqs, r.ID+" "+r.Product+" "+string(r.From)+"→"+string(r.To))
	}
	want := []string{"(1)-2 acme-gateway partial→implemented", "S(1)-2.2 acme-gateway partial→implemented", "S(1)-2.3 acme-gateway →planned"}
	if diff := cmp.Diff(want, reqs); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	if len(d.EvidenceAdded) != 1 || d.EvidenceAdded[0].Slug != "cloud/images" || len(d.EvidenceRemoved) != 1 || d.EvidenceRemoved[0].Slug != "old/dropped" {
		t.Errorf("evidence: added %v, removed %v", d.EvidenceAdded, d.EvidenceRemoved)
	}
	if len(d.EvidenceChanged) != 1 {
		t.Fatalf("evidence changed: %+v", d.EvidenceChanged)
	}
	e := d.EvidenceChanged[0]
	if e.Slug != "build/hardened" || e.StatusChange == nil || e.ReviewedChange == nil ||
		!cmp.Equal(e.RequirementsAdded, []string{"ssdf:PW.6.1"}) || !cmp.Equal(e.ProductsAdded, []string{"acme-cloud"}) {
		t.Errorf("evidence changed: %+v", e)
	}
	if len(d.ReleasesAdded) != 1 || d.ReleasesAdded[0].Key != "acme-gateway/2.5.0" || len(d.ReleasesChanged) != 1 {
		t.Fatalf("releases: added %v, changed %v", d.ReleasesAdded, d.ReleasesChanged)
	}
	if r := d.ReleasesChanged[0]; r.Key != "acme-gateway/2.3.1" || r.StatusChange == nil || r.SBOMsChange == nil || *r.SBOMsChange != (Change{"0", "1"}) {
		t.Errorf("release changed: %+v", r)
	}
	a := d.Advisories
	if a == nil || len(a.Added) != 1 || a.Added[0].ID != "ACME-SA-2026-002" || len(a.Updated) != 1 || a.Updated[0].SeverityChange == nil || len(a.Removed) != 0 {
		t.Errorf("advisories: %+v", a)
	}
	if n := d.Count(); n != 14 {
		t.Errorf("%d changes, want 14", n)
	}

	same := Compare(load(t, "new.json"), load(t, "new.json"))
	if n := same.Count(); n != 0 {
		t.Errorf("a declaration against itself: %d changes: %+v", n, same)
	}
}

// A declaration written before advisories were published says nothing of them: the
// diff does not report every advisory as new.
func TestCompareWithoutAdvisories(t *testing.T) {
	old := load(t, "old.json")
	old.Model.Advisories = nil
	d := Compare(old, load(t, "new.json"))
	if d.Advisories != nil {
		t.Errorf("advisories compared with a declaration that has none: %+v", d.Advisories)
	}
	var b bytes.Buffer
	if err := Write(&b, "text", d, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Advisories not compared") {
		t.Errorf("the text does not say advisories were not compared:\n%s", b.String())
	}
}

// The three forms in both languages are golden: go test ./generator/diff -update rewrites them.
func TestWriteGolden(t *testing.T) {
	d := Compare(load(t, "old.json"), load(t, "new.json"))
	for _, format := range Formats {
		for _, lang := range []string{"ja", "en"} {
			if format == "json" && lang == "en" {
				continue // the JSON form has no words
			}
			var b bytes.Buffer
			if err := Write(&b, format, d, lang); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("testdata", "diff."+lang+"."+format+".golden")
			if *update {
				if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		}
	}
}

// What a vendor wrote cannot escape its place: no terminal escape in the text form, no
// markup or link of its own in Markdown, no javascript: link.
func TestWriteHostileText(t *testing.T) {
	d := Compare(load(t, "old.json"), load(t, "new.json"))
	for _, format := range []string{"text", "markdown"} {
		var b bytes.Buffer
		if err := Write(&b, format, d, "ja"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "\x1b") {
			t.Errorf("%s: a terminal escape got through", format)
		}
		if strings.Contains(out, "javascript:") {
			t.Errorf("%s: a javascript: URL got through", format)
		}
		if format == "markdown" && (strings.Contains(out, "<b>") || !strings.Contains(out, `署名\|検証 &lt;b&gt;`)) {
			t.Errorf("markdown: a title's | or <b> was not escaped:\n%s", out)
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "yaml", &Diff{}, "ja"); err == nil || !strings.Contains(err.Error(), "text, markdown, json") {
		t.Errorf("got %v", err)
	}
}
