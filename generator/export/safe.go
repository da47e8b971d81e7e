package export

import "unicode/utf8"

// CSVCell makes s safe as a cell of a CSV file opened in a spreadsheet: a cell that
// starts with =, +, -, @, a tab or a carriage return (or the full-width ＝ ＋ － ＠ that
// Japanese spreadsheets also read as a formula) would be a formula, which can compute,
// fetch URLs or run commands. Such a cell is prefixed with a single quote, which makes
// it text (the OWASP rule); every other cell, such as the ID "(1)-2", is left as it is.
func CSVCell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
