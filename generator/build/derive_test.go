package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/sitetest"
)

// A two-language site: evidence "policy" has an English translation, "vex/response"
// (written VEX/Response.md: slugs and page paths are lower-case) has none; (1)-2 is
// addressed by both, (1)-3 by "policy" only.
const deriveSite = `
-- evident.toml --
title = "Example"
baseURL = "https://trust.example.org/"
languages = ["ja", "en"]
catalogs = ["cip"]
[[products]]
id = "gw"
name = "Gateway"
[[products]]
id = "cloud"
name = "Cloud"
-- content/evidence/policy.md --
+++
title = "方針"
requirements = ["(1)-2", "(1)-3"]
status = "implemented"
reviewed = 2026-10-01
+++
-- content/evidence/policy.en.md --
+++
title = "Policy"
+++
-- content/evidence/VEX/Response.md --
+++
title = "脆弱性対応"
requirements = ["(1)-2"]
products = ["gw"]
status = "partial"
reviewed = 2026-10-02
+++
`

// TestDerive: the model gives the theme what it used to work out itself: links per
// language (an untranslated evidence item links to its default-language page), each
// item's ancestors, its matrix cells and counts as an ordered list.
func TestDerive(t *testing.T) {
	root := sitetest.Unpack(t, deriveSite)
	out := filepath.Join(t.TempDir(), "public")
	m := build(t, root, out).Model

	if diff := cmp.Diff(model.Links{"ja": "evidence/policy/", "en": "en/evidence/policy/"}, m.Evidence["policy"].Links); diff != "" {
		t.Errorf("policy links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(model.Links{"ja": "evidence/vex/response/", "en": "evidence/vex/response/"}, m.Evidence["vex/response"].Links); diff != "" {
		t.Errorf("untranslated evidence links (-want +got):\n%s", diff)
	}
	req := m.Items["1-2"]
	if diff := cmp.Diff(model.Links{"ja": "requirements/1-2/", "en": "en/requirements/1-2/"}, req.Links); diff != "" {
		t.Errorf("requirement links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1"}, req.Ancestors); diff != "" {
		t.Errorf("ancestors of (1)-2 (-want +got):\n%s", diff)
	}
	if got := m.Items["1"].Ancestors; got == nil || len(got) != 0 {
		t.Errorf("ancestors of a category = %#v, want an empty list", got)
	}
	// (1)-2 for gw: two evidence items, so the cell leads to the requirement; for cloud
	// only "policy" covers it, so the cell leads there.
	want := []model.Cell{
		{Product: "gw", Status: m.Items["1-2"].Products["gw"], Links: req.Links},
		{Product: "cloud", Status: m.Items["1-2"].Products["cloud"], Evidence: "policy", Links: m.Evidence["policy"].Links},
	}
	if diff := cmp.Diff(want, req.Cells); diff != "" {
		t.Errorf("cells of (1)-2 (-want +got):\n%s", diff)
	}
	if !slices.Equal(m.Statuses, model.Statuses) {
		t.Errorf("statuses = %v", m.Statuses)
	}
	var listed []model.Status
	total := 0
	for _, c := range m.Summary.ByStatus {
		listed = append(listed, c.Status)
		total += c.N
	}
	if !slices.Equal(listed, model.Statuses) || total != m.Summary.Total || m.Summary.ByStatus[0].N != m.Summary.Implemented {
		t.Errorf("summary by status = %+v, counts %+v", m.Summary.ByStatus, m.Summary)
	}
	for _, p := range m.Products {
		if len(p.Counts.ByStatus) != len(model.Statuses) {
			t.Errorf("product %s counts by status = %+v", p.ID, p.Counts.ByStatus)
		}
	}

	// The English feed links the untranslated item to the page that exists.
	feed, err := os.ReadFile(filepath.Join(out, "en", "index.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{
		"<link>https://trust.example.org/evidence/vex/response/</link>",
		"<link>https://trust.example.org/en/evidence/policy/</link>",
	} {
		if !strings.Contains(string(feed), link) {
			t.Errorf("en/index.xml lacks %s:\n%s", link, feed)
		}
	}
	// Evidence pages find their model entry (a page that does not shows no status).
	for _, p := range []string{"evidence/vex/response/index.html", "en/evidence/policy/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `<dl class="facts">`) {
			t.Errorf("%s shows no facts from the model", p)
		}
	}
}

// TestSortSBOMs: SBOMs come in the order the site shows them: products in declaration
// order, each product's releases newest first, undeclared releases after them, and SBOMs
// of no declared product last.
func TestSortSBOMs(t *testing.T) {
	m := &model.Declaration{
		Products: []model.Product{
			{ID: "zeta", Releases: []string{"zeta/10.0", "zeta/9.1"}},
			{ID: "alpha", Releases: []string{"alpha/2.0"}},
		},
		SBOMs: []model.SBOM{
			{File: model.File{Path: "a"}, Product: "alpha", Release: "2.0"},
			{File: model.File{Path: "b"}, Product: "other"},
			{File: model.File{Path: "c"}, Product: "zeta", Release: "9.1"},
			{File: model.File{Path: "d"}, Product: "zeta", Release: "0.1-undeclared"},
			{File: model.File{Path: "e"}, Product: "zeta", Release: "10.0"},
			{File: model.File{Path: "f"}, Product: "alpha", Release: "2.0"},
		},
	}
	sortSBOMs(m)
	var got []string
	for _, s := range m.SBOMs {
		got = append(got, s.Path)
	}
	if want := []string{"e", "c", "d", "a", "f", "b"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
