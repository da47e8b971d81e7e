package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"reqirements", "requirements", 1},
		{"stauts", "status", 1}, // a swap is one edit
		{"S(1)-2.5", "S(1)-2.4", 1},
		{"対応", "対応済み", 2},
		{"kitten", "sitting", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"owner", "products", "requirements", "reviewed", "status", "title"}
	for _, tc := range []struct{ in, want string }{
		{"reqirements", "requirements"},
		{"prodcts", "products"},
		{"titel", "title"},
		{"colour", ""}, // nothing near: no suggestion rather than a wrong one
		{"x", ""},
	} {
		if got := Nearest(tc.in, keys); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
