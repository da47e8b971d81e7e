package catalog

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, def string
		want    ID
	}{
		// The guideline's notation, as printed.
		{"(1)", "cip", ID{"cip", "(1)"}},
		{"(1)-2", "cip", ID{"cip", "(1)-2"}},
		{"S(1)-2.1", "cip", ID{"cip", "S(1)-2.1"}},
		{"(6)-2.2", "cip", ID{"cip", "(6)-2.2"}},
		// Both forms of the customers' individual requirements; (6)-2.2 is canonical.
		{"C(6)-2.2", "cip", ID{"cip", "(6)-2.2"}},
		{"c(6)-2.2", "cip", ID{"cip", "(6)-2.2"}},
		// A provider's individual requirement without its S.
		{"(1)-2.1", "cip", ID{"cip", "S(1)-2.1"}},
		// Full width, other dashes, spaces, case.
		{"（１）－２", "cip", ID{"cip", "(1)-2"}},
		{"Ｓ（１）－２．１", "cip", ID{"cip", "S(1)-2.1"}},
		{"(1)‐2", "cip", ID{"cip", "(1)-2"}},
		{"(1)−2", "cip", ID{"cip", "(1)-2"}},
		{"(1)–2", "cip", ID{"cip", "(1)-2"}},
		{"(1)—2", "cip", ID{"cip", "(1)-2"}},
		{"(1)ー2", "cip", ID{"cip", "(1)-2"}},
		{" S ( 1 ) - 2 . 1 ", "cip", ID{"cip", "S(1)-2.1"}},
		{"S(1)-2.1\u3000", "cip", ID{"cip", "S(1)-2.1"}},
		{"s(1)-2.1", "cip", ID{"cip", "S(1)-2.1"}},
		{"(01)-02", "cip", ID{"cip", "(1)-2"}},
		// SSDF.
		{"PW.6.1", "ssdf", ID{"ssdf", "PW.6.1"}},
		{"pw.6.1", "ssdf", ID{"ssdf", "PW.6.1"}},
		{"PO.1", "ssdf", ID{"ssdf", "PO.1"}},
		{"PO", "ssdf", ID{"ssdf", "PO"}},
		{"ＰＷ．６．１", "ssdf", ID{"ssdf", "PW.6.1"}},
		// Framework prefixes override the default.
		{"ssdf:PW.6.1", "cip", ID{"ssdf", "PW.6.1"}},
		{"SSDF : pw.6.1", "cip", ID{"ssdf", "PW.6.1"}},
		{"ssdf：PW.6.1", "cip", ID{"ssdf", "PW.6.1"}},
		{"cip:(1)-2", "ssdf", ID{"cip", "(1)-2"}},
		// Frameworks evident does not know keep IDs as written.
		{"iso:A.5.1", "cip", ID{"iso", "A.5.1"}},
		{"AC-2(1)", "nist-800-53", ID{"nist-800-53", "AC-2(1)"}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.def)
		if err != nil {
			t.Errorf("Parse(%q, %q): %v", tt.in, tt.def, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q, %q) = %#v, want %#v", tt.in, tt.def, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, def string
		reason  string // a part of the reason that names what is wrong
	}{
		{"", "cip", "it is empty"},
		{"   ", "cip", "it is empty"},
		{"(1)-2", "", "no framework"},
		{":(1)-2", "cip", `nothing before ":"`},
		{"cip:", "ssdf", `nothing after "cip:"`},
		{"a:b:c", "cip", `more than one ":"`},
		{"1x:(1)", "cip", `framework "1x" is not a lower-case name`},
		{"1-2", "cip", `expected "(" where it says "1-2"`},
		{"(1-2", "cip", `expected ")" after the category number, not "-2"`},
		{"(x)", "cip", `expected the category number, not "X)"`},
		{"(0)-1", "cip", "the category number is 0; numbers start at 1"},
		{"(1)-0", "cip", "the requirement number is 0"},
		{"(1)-2.0", "cip", "the individual requirement number is 0"},
		{"(1234)", "cip", "the category number 1234 is too large"},
		{"(1).2", "cip", `expected "-", not ".2", after (1)`},
		{"(1)-2-1", "cip", `expected ".", not "-1", after (1)-2`},
		{"(1)-2.1.3", "cip", `unexpected ".3" after (1)-2.1`},
		{"(1)-", "cip", "expected the requirement number, not the end"},
		{"S(1)-2", "cip", "the S prefix belongs only to individual requirements, written S(n)-m.k, not to (1)-2"},
		{"S(1)", "cip", "the S prefix belongs only to individual requirements"},
		{"S(6)-2.2", "cip", "(6) is the customers' category; its individual requirements are written (6)-2.2"},
		{"C(1)-2.1", "cip", "the C prefix marks customers' individual requirements"},
		{"PW.6.1", "cip", "PW.6.1 is SSDF notation; write ssdf:PW.6.1"},
		{"S(1)-2.1", "ssdf", "S(1)-2.1 is the guideline's notation; write cip:S(1)-2.1"},
		{"PX.1", "ssdf", "an SSDF ID starts with a group: PO, PS, PW, RV"},
		{"P", "ssdf", "an SSDF ID starts with a group"},
		{"PW6", "ssdf", `expected ".", not "6", after PW`},
		{"PW.6.1.2", "ssdf", `unexpected ".2" after PW.6.1`},
		{"PW.", "ssdf", "expected the practice number, not the end"},
		{"iso:A*5", "cip", `'*' cannot be part of an ID`},
		{"iso:()", "cip", "it has no letter or digit"},
	}
	for _, tt := range tests {
		id, err := Parse(tt.in, tt.def)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q, %q) = %v, %v; want a *SyntaxError", tt.in, tt.def, id, err)
			continue
		}
		if se.Input != tt.in || !strings.Contains(se.Reason, tt.reason) {
			t.Errorf("Parse(%q, %q) error = %q (input %q), want reason containing %q", tt.in, tt.def, se.Reason, se.Input, tt.reason)
		}
	}
}

func TestIDForms(t *testing.T) {
	tests := []struct {
		id                   ID
		str, qualified, slug string
	}{
		{ID{"cip", "S(1)-2.1"}, "S(1)-2.1", "cip:S(1)-2.1", "s1-2-1"},
		{ID{"cip", "(1)-2"}, "(1)-2", "cip:(1)-2", "1-2"},
		{ID{"cip", "(6)-2.2"}, "(6)-2.2", "cip:(6)-2.2", "6-2-2"},
		{ID{"cip", "(1)"}, "(1)", "cip:(1)", "1"},
		{ID{"ssdf", "PW.6.1"}, "PW.6.1", "ssdf:PW.6.1", "pw-6-1"},
		{ID{"ssdf", "PO"}, "PO", "ssdf:PO", "po"},
		{ID{"nist-800-53", "AC-2(1)"}, "AC-2(1)", "nist-800-53:AC-2(1)", "ac-2-1"},
		{ID{"nist-800-53", "AC-21"}, "AC-21", "nist-800-53:AC-21", "ac-21"},
		{ID{"iso", "A.5_1/x"}, "A.5_1/x", "iso:A.5_1/x", "a-5-1-x"},
		{ID{"iso", "(A)"}, "(A)", "iso:(A)", "a"},
	}
	for _, tt := range tests {
		if got := tt.id.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.id, got, tt.str)
		}
		if got := tt.id.Qualified(); got != tt.qualified {
			t.Errorf("%#v.Qualified() = %q, want %q", tt.id, got, tt.qualified)
		}
		if got := tt.id.Slug(); got != tt.slug {
			t.Errorf("%#v.Slug() = %q, want %q", tt.id, got, tt.slug)
		}
	}
	// Both ways of writing a customer's individual requirement give one slug.
	a, _ := Parse("C(6)-2.2", "cip")
	b, _ := Parse("（６）－２．２", "cip")
	if a.Slug() != "6-2-2" || b.Slug() != "6-2-2" {
		t.Errorf("slugs of C(6)-2.2 and （６）－２．２ = %q, %q, want 6-2-2", a.Slug(), b.Slug())
	}
}
