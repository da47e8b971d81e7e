package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/width"

	"github.com/evident-dev/evident/generator/model"
)

// MatrixFormats lists the formats of WriteMatrix.
var MatrixFormats = []string{"text", "json", "csv", "xlsx", "markdown"}

// bom is the UTF-8 byte order mark that starts the CSV.
const bom = "\ufeff"

// MatrixOptions change how the matrix is written.
type MatrixOptions struct {
	Lang  string // language of titles; default: the model's default language
	Color bool   // ANSI colours, for a terminal (text format only)
	// LevelNames name each framework's levels as its catalog does (framework -> the
	// names of its categories, requirements and individual requirements), for the level
	// column of the CSV: an SSDF task is a "Task". A framework it lacks shows the
	// model's level ("individual").
	LevelNames map[string][3]model.Text
}

// levels are the model's levels, in the order of MatrixOptions.LevelNames.
var levels = []string{"category", "requirement", "individual"}

var ansi = map[model.Status]string{model.Implemented: "\x1b[32m", model.Partial: "\x1b[33m", model.Planned: "\x1b[36m", model.NotApplicable: "\x1b[90m", model.NotAddressed: "\x1b[31m"}

type matrixRow struct {
	item     *model.Item
	category bool
}

// rows lists the default framework's items: each category, then its requirements with
// their individual requirements.
func matrixRows(m *model.Declaration) []matrixRow {
	var rows []matrixRow
	for _, k := range m.Order {
		it := m.Items[k]
		if it.Framework != m.Framework {
			continue
		}
		rows = append(rows, matrixRow{item: it, category: it.Level == "category"})
	}
	return rows
}

// WriteMatrix writes the coverage matrix in one of MatrixFormats: of the default
// framework, except csv, which has a row for every item of every framework the site
// uses, with the framework in its first column, and xlsx, the same cells in a workbook.
// The csv is UTF-8 with a byte order mark and RFC 4180 (CRLF line endings), so that
// Excel opens it as it is, and no cell of it is a spreadsheet formula (CSVCell).
func WriteMatrix(w io.Writer, format string, m *model.Declaration, opt MatrixOptions) error {
	lang := opt.Lang
	if lang == "" {
		lang = m.Languages[0]
	}
	t := func(x model.Text) string { return x.In(lang) }
	cols := m.Products
	switch format {
	case "json":
		type row struct {
			ID       string                  `json:"id"`
			Level    string                  `json:"level"`
			Title    string                  `json:"title"`
			Status   model.Status            `json:"status"`
			Products map[string]model.Status `json:"products"`
			Evidence []string                `json:"evidence"`
		}
		var out struct {
			Framework string       `json:"framework"`
			Products  []string     `json:"products"`
			Summary   model.Counts `json:"summary"`
			Rows      []row        `json:"rows"`
		}
		out.Framework, out.Summary, out.Products = m.Framework, m.Summary, []string{}
		for _, p := range cols {
			out.Products = append(out.Products, p.ID)
		}
		for _, r := range matrixRows(m) {
			out.Rows = append(out.Rows, row{r.item.ID, r.item.Level, t(r.item.Title), r.item.Status, r.item.Products, r.item.Evidence})
		}
		b, err := JSON(out)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "csv":
		// A byte order mark first: Excel reads a CSV without one in the system's code page
		// (Shift_JIS in Japan), which garbles every Japanese title.
		if _, err := io.WriteString(w, bom); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = true // RFC 4180; a lone CR inside a cell is dropped, a LF becomes CRLF
		for _, rec := range matrixTable(m, opt, lang) {
			for i := range rec {
				rec[i] = CSVCell(rec[i]) // no cell is a spreadsheet formula
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
		return writeXLSX(w, m, matrixTable(m, opt, lang))
	case "markdown":
		head := []string{"ID", "title"}
		if len(cols) == 0 {
			head = append(head, "status")
		}
		for _, p := range cols {
			head = append(head, mdEscape(t(p.Name)))
		}
		fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, r := range matrixRows(m) {
			id, title := r.item.ID, mdEscape(t(r.item.Title))
			if r.category {
				id, title = "**"+id+"**", "**"+title+"**"
			}
			cells := []string{id, title}
			if len(cols) == 0 {
				cells = append(cells, r.item.Status.Label(lang))
			}
			for _, p := range cols {
				cells = append(cells, r.item.Products[p.ID].Label(lang))
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
		}
		return nil
	case "", "text":
		return writeMatrixText(w, m, cols, lang, t, opt.Color)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(MatrixFormats, ", "))
}

// matrixTable is the matrix of the csv and xlsx formats: a header, then a row for every
// item of every framework the site uses, each cell as the declaration has it.
func matrixTable(m *model.Declaration, opt MatrixOptions, lang string) [][]string {
	head := []string{"framework", "id", "level", "title", "status"}
	for _, p := range m.Products {
		head = append(head, p.ID)
	}
	out := [][]string{head}
	for _, k := range m.Order {
		it := m.Items[k]
		level := it.Level
		if names, ok := opt.LevelNames[it.Framework]; ok {
			if i := slices.Index(levels, it.Level); i >= 0 && !names[i].IsZero() {
				level = names[i].In(lang)
			}
		}
		rec := []string{it.Framework, it.ID, level, it.Title.In(lang), string(it.Status)}
		for _, p := range m.Products {
			rec = append(rec, string(it.Products[p.ID]))
		}
		out = append(out, rec)
	}
	return out
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func writeMatrixText(w io.Writer, m *model.Declaration, cols []model.Product, lang string, t func(model.Text) string, color bool) error {
	head := []string{"ID", title(lang, "要求事項", "Requirement")}
	statusCols := []string{}
	if len(cols) == 0 {
		statusCols = append(statusCols, title(lang, "状況", "Status"))
	}
	for _, p := range cols {
		statusCols = append(statusCols, t(p.Name))
	}
	rows := matrixRows(m)
	const maxTitle = 40
	idW, titleW := cellWidth(head[0]), cellWidth(head[1])
	for _, r := range rows {
		idW = max(idW, cellWidth(indent(r)+r.item.ID))
		titleW = max(titleW, min(maxTitle, cellWidth(t(r.item.Title))))
	}
	colW := make([]int, len(statusCols))
	for i, c := range statusCols {
		colW[i] = max(cellWidth(c), cellWidth(model.NotApplicable.Label(lang)), cellWidth(model.NotAddressed.Label(lang)))
	}
	var b strings.Builder
	line := func(cells []string, statuses []model.Status) {
		b.WriteString(pad(cells[0], idW) + "  " + pad(cells[1], titleW))
		for i := range colW {
			b.WriteString("  ")
			cell := pad(cells[2+i], colW[i])
			if color && statuses != nil {
				cell = ansi[statuses[i]] + cell + "\x1b[0m"
			}
			b.WriteString(cell)
		}
		trimmed := strings.TrimRight(b.String(), " ")
		b.Reset()
		b.WriteString(trimmed + "\n")
	}
	line(append(head, statusCols...), nil)
	for _, r := range rows {
		cells := []string{indent(r) + r.item.ID, truncate(t(r.item.Title), maxTitle)}
		var sts []model.Status
		if len(cols) == 0 {
			sts = append(sts, r.item.Status)
		}
		for _, p := range cols {
			sts = append(sts, r.item.Products[p.ID])
		}
		for _, s := range sts {
			cells = append(cells, s.Label(lang))
		}
		if r.category {
			b.WriteString("\n")
		}
		line(cells, sts)
	}
	s := m.Summary
	fmt.Fprintf(&b, "\n%s\n", summaryLine(lang, s))
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLine is the one-sentence summary of requirement-level coverage (the model's
// Summary: customer-side requirements are not counted).
func summaryLine(lang string, s model.Counts) string {
	if lang == "ja" {
		return fmt.Sprintf("%d 要求事項のうち %d 対応済み、%d 一部対応、%d 計画中、%d 対象外、%d エビデンス未提示", s.Total, s.Implemented, s.Partial, s.Planned, s.NotApplicable, s.NotAddressed)
	}
	return fmt.Sprintf("Of %d requirements: %d implemented, %d partial, %d planned, %d not applicable, %d with no evidence given", s.Total, s.Implemented, s.Partial, s.Planned, s.NotApplicable, s.NotAddressed)
}

func title(lang, ja, en string) string {
	if lang == "ja" {
		return ja
	}
	return en
}

func indent(r matrixRow) string {
	switch r.item.Level {
	case "requirement":
		return "  "
	case "individual":
		return "    "
	}
	return ""
}

// cellWidth is the width of s on a terminal: East Asian wide characters take two columns.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-cellWidth(s))) }

func truncate(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := cellWidth(string(r))
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	return b.String() + "…"
}
