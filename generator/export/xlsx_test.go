package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/evident-dev/evident/generator/model"
)

// TestXLSXMatchesCSV: the XLSX matrix, read back with excelize, has the CSV's cells, cell
// by cell (the CSV's formula guard aside: an XLSX cell written as text is never a formula).
func TestXLSXMatchesCSV(t *testing.T) {
	m := sample()
	m.Items["1-3"].Title = model.Text{"en": "Two\nlines", "ja": "=二行"}
	levels := map[string][3]model.Text{"ssdf": {{"en": "Group"}, {"en": "Practice"}, {"en": "Task"}}}
	for _, lang := range []string{"ja", "en"} {
		opt := MatrixOptions{Lang: lang, LevelNames: levels}
		var c, x bytes.Buffer
		if err := WriteMatrix(&c, "csv", m, opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteMatrix(&x, "xlsx", m, opt); err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.String(), bom))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&x)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 1 {
			t.Fatalf("sheets %v, want one", sheets)
		}
		got, err := f.GetRows(sheets[0])
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range got {
			for j := range row {
				row[j] = CSVCell(row[j]) // encoding/csv reads a CRLF inside a cell as LF
			}
			got[i] = row
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: XLSX cells (-csv +xlsx):\n%s", lang, diff)
		}
		if len(want) != 1+len(m.Order) {
			t.Errorf("%s: %d rows, want a header and %d items", lang, len(want), len(m.Order))
		}
	}
}

// TestXLSXDeterministic: the same declaration gives the same bytes, dated by the
// declaration (not the clock); another date gives other bytes.
func TestXLSXDeterministic(t *testing.T) {
	write := func(m *model.Declaration) []byte {
		var b bytes.Buffer
		if err := WriteMatrix(&b, "xlsx", m, MatrixOptions{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(sample()), write(sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of one declaration differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-11-01T00:00:00Z" || props.Modified != "2026-11-01T00:00:00Z" {
		t.Errorf("created %q, modified %q: want the declaration's date", props.Created, props.Modified)
	}
	m := sample()
	m.Declaration.Date = "2026-12-01"
	if bytes.Equal(a, write(m)) {
		t.Error("another declaration date gives the same bytes")
	}
}

// TestCSVBOM: the CSV starts with a UTF-8 byte order mark, so that Excel in Japan reads it
// as UTF-8 (without one it guesses Shift_JIS and garbles every Japanese title).
func TestCSVBOM(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMatrix(&b, "csv", sample(), MatrixOptions{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "\xef\xbb\xbfframework,") {
		t.Errorf("csv starts %q, want the BOM and the header", b.String()[:min(20, b.Len())])
	}
}
