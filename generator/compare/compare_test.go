package compare

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// site publishes testdata/decl as the declaration.json of a new site folder, with an
// index.html and SHA256SUMS over both.
func site(t *testing.T, decl string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", decl))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"declaration.json": data, "index.html": []byte("<p>trust</p>")}
	var entries []integrity.Entry
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		size, sum, _ := integrity.Digest(bytes.NewReader(b))
		entries = append(entries, integrity.Entry{Path: name, Size: size, SHA256: sum})
	}
	var sums bytes.Buffer
	if err := integrity.WriteSums(&sums, entries); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, integrity.SumsFile), sums.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const profileTOML = `requirements = ["(1)"]
products = { "trust.acme.example" = "acme-gateway", "trust.c.example" = "c-box" }
sboms = "supported"
maxAgeMonths = 18
`

// report compares vendor A, vendor B, a tampered copy of A and a folder that is not there,
// with the profile above, on 2026-11-19. Sources are named for stable output.
func report(t *testing.T) *Report {
	t.Helper()
	a, b, tampered := site(t, "vendor-a.json"), site(t, "vendor-b.json"), site(t, "vendor-a.json")
	if err := os.WriteFile(filepath.Join(tampered, "index.html"), []byte("<p>changed</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, ds := ParseProfile("profile.toml", []byte(profileTOML))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sources := []string{a, b, tampered, filepath.Join(b, "missing")}
	r := Run(t.Context(), sources, Options{Profile: p, AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), Generator: "evident test"})
	// Temporary folders differ from run to run: name the sources as a customer would.
	for i, name := range []string{"vendor-a/public", "https://trust.b.example/", "copy-of-a/public", "nowhere/public"} {
		r.Vendors[i].Source = name
		if e := r.Vendors[i].Err; e != nil {
			e.Err = &renamed{e.Err, sources[i], name}
		}
	}
	return r
}

type renamed struct {
	err      error
	from, to string
}

func (r *renamed) Error() string { return strings.ReplaceAll(r.err.Error(), r.from, r.to) }

func TestRun(t *testing.T) {
	r := report(t)
	if r.AsOf != "2026-11-19" || len(r.Vendors) != 4 || r.Pass() {
		t.Fatalf("as of %s, %d vendors, pass %v", r.AsOf, len(r.Vendors), r.Pass())
	}
	if e := r.Vendors[2].Err; e == nil || e.Reason != published.Verification || !strings.Contains(e.Error(), "changed: index.html") {
		t.Errorf("the tampered copy: %v", e)
	}
	if e := r.Vendors[3].Err; e == nil || e.Reason != published.Unreachable {
		t.Errorf("a folder that is not there: %v", e)
	}
	a := r.Vendors[0]
	if a.Host != "trust.acme.example" || a.Fresh != (Freshness{Date: "2026-11-01", Months: 0, Evidence: 3, Newest: "2026-10-01", Oldest: "2024-06-01", Stale: 1, Unreviewed: 1}) {
		t.Errorf("vendor A: host %q, freshness %+v", a.Host, a.Fresh)
	}
	if f := r.Vendors[1].Fresh; f.Months != 20 || f.Stale != 1 {
		t.Errorf("vendor B: freshness %+v", f)
	}

	// The profile names A's gateway: one column for A; B has no products: its whole declaration.
	if len(r.Columns) != 2 || r.Columns[0].Product == nil || r.Columns[0].Product.ID != "acme-gateway" || r.Columns[1].Product != nil {
		t.Fatalf("columns: %+v", r.Columns)
	}
	type got struct {
		Rule   Rule
		ID     string
		Pass   bool
		Status model.Status
		Date   string
		SBOMs  int
	}
	var gw []got
	for _, k := range r.Columns[0].Checks {
		gw = append(gw, got{k.Rule, k.ID, k.Pass, k.Status, k.Date, k.SBOMs})
	}
	want := []got{
		{RuleRequirement, "(1)-1", true, model.Implemented, "", 0},
		{RuleRequirement, "(1)-2", true, model.Implemented, "", 0},
		{RuleRequirement, "(1)-3", false, "", "", 0}, // not in the declaration
		{RuleRequirement, "(1)-4", false, "", "", 0},
		{RuleSBOM, "2.5.0", false, "", "", 0},
		{RuleSBOM, "2.3.1", true, "", "", 1}, // its SBOM is listed by evidence; 2.0.0 is at its end of life
		{RuleFresh, "", false, "", "2025-05-19", 0},
		{RuleStale, "dev/env", false, "", "2024-06-01", 0},
	}
	if diff := cmp.Diff(want, gw); diff != "" {
		t.Errorf("checks of the gateway (-want +got):\n%s", diff)
	}
	if k := r.Columns[0].Checks[0]; k.URL.In("en") != "https://trust.acme.example/en/requirements/1-1/" {
		t.Errorf("link of (1)-1: %v", k.URL)
	}
	if k := r.Columns[1].Checks[4]; k.Rule != RuleSBOM || k.ID != "" || k.Pass {
		t.Errorf("a declaration without releases passes the SBOM rule: %+v", r.Columns[1].Checks[4])
	}

	// A cell with one evidence item behind it leads to the evidence.
	var row *Row
	for _, x := range r.Rows {
		if x.ID == "(1)-1" {
			row = x
		}
	}
	if row == nil || row.Cells[0].URL.In("ja") != "https://trust.acme.example/evidence/dev/env/" || row.Cells[1].Status != model.Implemented {
		t.Errorf("row (1)-1: %+v", row)
	}
	if len(r.Diags) != 1 || !strings.Contains(r.Diags[0].Error(), `profile.toml:2:53: warning: products names "trust.c.example", which is none of the sites compared`) {
		t.Errorf("diagnostics: %v", r.Diags)
	}
}

// The Markdown and CSV forms are golden: go test ./generator/compare -update rewrites them.
func TestWriteGolden(t *testing.T) {
	r := report(t)
	for _, c := range []struct{ format, lang string }{{"markdown", "ja"}, {"markdown", "en"}, {"csv", "en"}} {
		var b bytes.Buffer
		if err := Write(&b, c.format, r, c.lang); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join("testdata", "report."+c.lang+"."+map[string]string{"markdown": "md", "csv": "csv"}[c.format]+".golden")
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

// The HTML page is one file in the theme, in the language asked for, the same bytes every
// time; the vendors' texts are escaped and their links are their own pages.
func TestWriteHTML(t *testing.T) {
	r := report(t)
	var first []byte
	for i := range 2 {
		var b bytes.Buffer
		if err := Write(&b, "html", r, "ja"); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatal("two writes of one report differ")
		}
	}
	page := string(first)
	for _, want := range []string{
		`<html lang="ja">`,
		"--ok-bg:", // the theme's stylesheet, inlined
		`<h1>宣言の比較</h1>`,
		"基準日 2026-11-19",
		`B | Systems &lt;Ltd&gt;`,
		`<span lang="en">B | Systems &lt;Ltd&gt;</span>`, // a name only in English is marked as such
		`✕</span> 検証失敗</span> 比較していません`,
		`changed: index.html`,
		`取得できない`,
		`<a href="https://trust.acme.example/evidence/dev/env/">`,
		`href="#p-1"`, `id="p-1"`,
		`<tr id="r-1-1" class="req-row">`,
		`顧客側の要求事項`,
		`<span class="status status-not-addressed"><span class="status-sym" aria-hidden="true">✕</span> 不適合</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, bad := range []string{"<Ltd>", "http://", "src=", "<script"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	doc, err := html.Parse(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	ids, h1 := map[string]int{}, 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "h1" {
			h1++
		}
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val]++
			}
			if a.Key == "href" && strings.HasPrefix(a.Val, "#") && ids[a.Val[1:]] == 0 && !strings.Contains(page, `id="`+a.Val[1:]+`"`) {
				t.Errorf("link %s to nothing", a.Val)
			}
		}
	}
	if h1 != 1 {
		t.Errorf("%d h1", h1)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q %d times", id, n)
		}
	}

	var en bytes.Buffer
	if err := Write(&en, "html", r, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.String(), `<html lang="en">`) || !strings.Contains(en.String(), "Declarations compared") ||
		!strings.Contains(en.String(), `<span lang="ja">ACME Gateway</span>`) {
		t.Error("the English page is not in English, or does not mark Japanese text")
	}
	if err := Write(&en, "html", r, "fr"); err == nil {
		t.Error("a language evident has no words in was accepted")
	}
}
