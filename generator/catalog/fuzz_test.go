package catalog

import (
	"regexp"
	"testing"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzParseID: Parse never panics; an ID it returns parses back to itself from its canonical
// forms, and has a non-empty slug of a-z, 0-9 and single inner dashes.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{"(1)-2", "S(1)-2.1", "C(6)-2.2", "（１）－２", "ssdf:PW.6.1", "iso:AC-2(1)", "s ( 1 ) — 2 . 1"} {
		f.Add(s, "cip")
	}
	f.Fuzz(func(t *testing.T, s, def string) {
		id, err := Parse(s, def)
		if err != nil {
			if id != (ID{}) {
				t.Errorf("Parse(%q, %q) = %#v with error %v", s, def, id, err)
			}
			return
		}
		if again, err := Parse(id.Qualified(), "unused"); err != nil || again != id {
			t.Errorf("Parse(%q) = %#v, %v; want %#v", id.Qualified(), again, err, id)
		}
		if again, err := Parse(id.String(), id.Framework); err != nil || again != id {
			t.Errorf("Parse(%q, %q) = %#v, %v; want %#v", id.String(), id.Framework, again, err, id)
		}
		if slug := id.Slug(); !slugRE.MatchString(slug) {
			t.Errorf("Parse(%q, %q) = %#v with slug %q", s, def, id, slug)
		}
	})
}
