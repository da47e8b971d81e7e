package export

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/evident-dev/evident/generator/model"
)

// writeXLSX writes the rows of the matrix (matrixTable) as a workbook of one sheet, every
// cell text. The same declaration gives the same bytes: excelize writes its parts sorted
// and undated, and the document's own dates are the declaration's date, never the clock.
func writeXLSX(w io.Writer, m *model.Declaration, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1" // the one sheet of a new workbook
	date := m.Declaration.Date
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		date = "1980-01-01" // no date to give: a fixed one, as the zip format's earliest
	}
	stamp := date + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: m.Generator, LastModifiedBy: m.Generator,
		Title: m.Declaration.Title.In(m.Languages[0]), Version: m.Declaration.Version,
	}); err != nil {
		return err
	}
	for i, rec := range rows {
		for j, v := range rec {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			// SetCellStr: text, never a formula or a number, whatever the cell says.
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return fmt.Errorf("xlsx %s: %w", cell, err)
			}
		}
	}
	if len(rows) > 0 { // the header stays in view, as in the site's table
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}
