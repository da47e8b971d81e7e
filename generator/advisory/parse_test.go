package advisory

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/evident-dev/evident/generator/cvss"
	"github.com/evident-dev/evident/generator/diag"
)

// format writes diagnostics one per line, as the .want files in testdata have them.
func format(diags diag.List) string {
	var sb strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&sb, "%s [%s] %s\n", d.Pos, d.Code, d.Message)
	}
	return sb.String()
}

// archive reads a txtar file of testdata: its files, and the .want file of each.
func archive(t testing.TB, name string) (files []txtar.File, want map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".want"); ok {
			want[name] = string(f.Data)
		} else {
			files = append(files, f)
		}
	}
	return files, want
}

func TestParseFiles(t *testing.T) {
	for _, name := range []string{"parse.txtar", "errors.txtar"} {
		files, want := archive(t, name)
		for _, f := range files {
			t.Run(f.Name, func(t *testing.T) {
				_, diags := Parse(f.Name, f.Data)
				diags.Sort()
				if diff := cmp.Diff(want[f.Name], format(diags)); diff != "" {
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
}

// parseFixture parses the file of parse.txtar at p, which must have no diagnostics.
func parseFixture(t *testing.T, p string) *File {
	t.Helper()
	files, _ := archive(t, "parse.txtar")
	for _, f := range files {
		if f.Name == p {
			file, diags := Parse(p, f.Data)
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			return file
		}
	}
	t.Fatalf("no %s in parse.txtar", p)
	return nil
}

func TestParseTOML(t *testing.T) {
	const p = "content/advisories/acme-sa-2026-001.md"
	f := parseFixture(t, p)
	at := func(line, col int) diag.Position { return diag.Position{File: p, Line: line, Col: col} }
	day := func(d int) time.Time { return time.Date(2026, 5, d, 0, 0, 0, 0, time.UTC) }
	if f.Name != "acme-sa-2026-001" || f.Lang != "" || f.Format != "toml" || f.Body != "Body: the advisory text.\n" || f.BodyLine != 58 {
		t.Errorf("file %q %q %q, body %q at %d", f.Name, f.Lang, f.Format, f.Body, f.BodyLine)
	}
	if diff := cmp.Diff(Field[string]{Value: "ACME-SA-2026-001", Pos: at(2, 6)}, f.ID); diff != "" {
		t.Errorf("id (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Field[string]{Value: "WHITE", Pos: at(7, 7)}, f.TLP); diff != "" {
		t.Errorf("tlp (-want +got):\n%s", diff)
	}
	if !f.Released.Value.Equal(day(12)) || f.Released.Pos != at(5, 12) || f.Updated.Value.Month() != time.June {
		t.Errorf("released %+v, updated %+v", f.Released, f.Updated)
	}
	wantRevisions := []Revision{
		{at(9, 3), Field[string]{Value: "1", Pos: at(10, 10)}, Field[time.Time]{Value: day(12), Pos: at(11, 8)}, Field[string]{Value: "初版", Pos: at(12, 11)}},
		{at(14, 3), Field[string]{Value: "2", Pos: at(15, 10)}, Field[time.Time]{Value: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), Pos: at(16, 8)}, Field[string]{Value: "CVSS v4.0 を追加", Pos: at(17, 11)}},
	}
	if diff := cmp.Diff(wantRevisions, f.Revisions); diff != "" {
		t.Errorf("revisions (-want +got):\n%s", diff)
	}
	v := f.Vulnerabilities
	if len(v) != 1 || v[0].CVE.Value != "CVE-2026-10001" || v[0].CWE.Value != "CWE-79" || v[0].CVSS31.Pos != at(23, 10) || !strings.HasPrefix(v[0].CVSS40.Value, "CVSS:4.0/") {
		t.Errorf("vulnerabilities %+v", v)
	}
	pr := f.Products
	if len(pr) != 2 || pr[0].ID.Value != "acme-gateway" || pr[0].Status.Value != "fixed" || len(pr[0].Affected) != 2 ||
		pr[0].Affected[1] != (Field[string]{Value: "1.9.0", Pos: at(29, 34)}) || len(pr[0].Fixed) != 1 || len(pr[0].Remediations) != 2 ||
		pr[1].Justification.Value != "vulnerable_code_not_present" || pr[1].Impact.Value == "" || pr[1].Pos != at(42, 3) {
		t.Errorf("products %+v", pr)
	}
	rem := pr[0].Remediations[0]
	if rem.Category.Value != "vendor_fix" || rem.URL.Pos != at(35, 7) || !rem.Date.Value.Equal(day(12)) || rem.Pos != at(32, 12) {
		t.Errorf("remediation %+v", rem)
	}
	if a := f.Acknowledgments; len(a) != 1 || a[0].Names[0].Value != "Taro Yamada" || a[0].Organization.Value == "" || len(a[0].URLs) != 1 {
		t.Errorf("acknowledgments %+v", a)
	}
	if r := f.References; len(r) != 1 || r[0].Summary.Value != "CVE-2026-10001" || r[0].URL.Pos != at(55, 7) {
		t.Errorf("references %+v", r)
	}
	if _, ok := f.Keys["revisions"]; !ok || f.Keys["id"] != at(2, 1) {
		t.Errorf("keys %v", f.Keys)
	}
}

func TestParseYAML(t *testing.T) {
	const p = "content/advisories/acme-sa-2026-002.md"
	f := parseFixture(t, p)
	at := func(line, col int) diag.Position { return diag.Position{File: p, Line: line, Col: col} }
	if f.Format != "yaml" || f.ID.Value != "ACME-SA-2026-002" || f.TLP.Value != "WHITE" || f.TLP.Set() || f.Released.Set() {
		t.Errorf("file %+v", f)
	}
	if r := f.Revisions; len(r) != 1 || r[0].Number != (Field[string]{Value: "1", Pos: at(5, 13)}) || r[0].Date.Value.Day() != 1 {
		t.Errorf("revisions %+v", r)
	}
	if v := f.Vulnerabilities; len(v) != 2 || v[0].CVSS40.Pos != at(10, 13) || v[1].CVSS31.Value != "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N" {
		t.Errorf("vulnerabilities %+v", v)
	}
	if pr := f.Products; len(pr) != 2 || pr[0].Remediations[0].Category.Value != "no_fix_planned" || pr[1].Status.Value != "under-investigation" || pr[1].Affected != nil {
		t.Errorf("products %+v", pr)
	}
}

// TestAt checks where At points inside string values: at the character itself when the
// string is written as it is, quoted or plain, else at the value.
func TestAt(t *testing.T) {
	const p = "content/advisories/x.md"
	for _, c := range []struct {
		name, front string
		value       string
		off         int
		want        int // the column
	}{
		{"toml basic", `cve = "CVE-2026-1"`, "CVE-2026-1", 4, 12},
		{"toml literal", `cve = 'CVE-2026-1'`, "CVE-2026-1", 4, 12},
		{"toml escape", `cve = "\u0043VE-2026-1"`, "CVE-2026-1", 4, 7},
		{"toml multi-line", `cve = """CVE-2026-1"""`, "CVE-2026-1", 4, 7},
		{"toml wide", `cve = "日本CVE"`, "日本CVE", 6, 10},
		// YAML lines are indented by two: the value starts at column 8.
		{"yaml plain", `cve: CVE-2026-1`, "CVE-2026-1", 4, 12},
		{"yaml quoted", `cve: "CVE-2026-1"`, "CVE-2026-1", 4, 13},
		{"yaml single", `cve: 'CVE-2026-1'`, "CVE-2026-1", 10, 19},
		{"yaml folded", "cve: >-\n  CVE-2026-1", "CVE-2026-1", 4, 8},
		{"out of range", `cve = "CVE-2026-1"`, "CVE-2026-1", 11, 7},
	} {
		t.Run(c.name, func(t *testing.T) {
			delim := "+++"
			if strings.HasPrefix(c.name, "yaml") {
				delim = "---"
			}
			data := delim + "\n[[vulnerabilities]]\n" + c.front + "\n" + delim + "\n"
			if delim == "---" {
				data = delim + "\nvulnerabilities:\n-\n" + indent(c.front) + "\n" + delim + "\n"
			}
			f, _ := Parse(p, []byte(data))
			if len(f.Vulnerabilities) != 1 || f.Vulnerabilities[0].CVE.Value != c.value {
				t.Fatalf("vulnerabilities %+v", f.Vulnerabilities)
			}
			v := f.Vulnerabilities[0].CVE
			got := f.At(v, c.off)
			if got.Line != v.Pos.Line || got.Col != c.want {
				t.Errorf("At(%v, %d) = %v, want column %d", v, c.off, got, c.want)
			}
		})
	}
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// TestBadCVSSPosition checks that an error in a vector points at the metric itself.
func TestBadCVSSPosition(t *testing.T) {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:Q"
	_, err := cvss.Parse(vector)
	var e *cvss.Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	data := "+++\nid = \"X-1\"\n[[vulnerabilities]]\ncvss31 = \"" + vector + "\"\n+++\n"
	_, diags := Parse("content/advisories/x-1.md", []byte(data))
	for _, d := range diags {
		if d.Code == "bad-cvss" {
			if want := 1 + len(`cvss31 = "`) + e.Offset; d.Pos.Line != 4 || d.Pos.Col != want {
				t.Errorf("bad-cvss at %v, want 4:%d", d.Pos, want)
			}
			return
		}
	}
	t.Errorf("no bad-cvss in %v", diags)
}
