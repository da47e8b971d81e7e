package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unprintable finds the first character of s that must not be in a published name or in
// a line of a published text file, and says what it is:
//
//   - a control character (C0, DEL, C1): a newline ends a line of security.txt or of a
//     list early and starts another; others hide or garble text;
//   - a bidirectional formatting character (U+202A-U+202E, U+2066-U+2069 and the marks
//     U+200E, U+200F, U+061C): it shows text in an order other than its own, so that
//     "report\u202Efdp.exe" reads as "reportexe.pdf";
//   - a byte that is not UTF-8 (only a file name can hold one).
//
// It returns 0 and "" when s has none.
func Unprintable(s string) (rune, string) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return rune(s[i]), "a byte that is not UTF-8"
		case unicode.IsControl(r):
			return r, "a control character"
		case isBidiControl(r):
			return r, "a bidirectional control character"
		}
	}
	return 0, ""
}

func isBidiControl(r rune) bool {
	return 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// csvCell makes s safe as a cell of a CSV file opened in a spreadsheet: a cell that
// starts with =, +, -, @, a tab or a carriage return (or the full-width ＝ ＋ － ＠ that
// Japanese spreadsheets also read as a formula) would be a formula, which can compute,
// fetch URLs or run commands. Such a cell is prefixed with a single quote, which makes
// it text (the OWASP rule); every other cell, such as the ID "(1)-2", is left as it is.
func csvCell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
