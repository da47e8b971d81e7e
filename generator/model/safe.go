package model

import (
	"net/url"
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

// IsHTTPS reports whether s is an absolute https URL with a host: the only kind of URL
// evident publishes for a vendor's own pages, manuals and downloads.
func IsHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}
