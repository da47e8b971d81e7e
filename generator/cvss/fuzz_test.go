package cvss

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, c := range published {
		f.Add(c.vector)
	}
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:A/MS:C")
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:H/MSI:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red")
	f.Add("CVSS:3.1//")
	f.Fuzz(func(t *testing.T, vector string) {
		c, err := Parse(vector)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): %v is not an *Error", vector, err)
			}
			if e.Offset < 0 || e.Offset > len(vector) || e.Msg == "" {
				t.Fatalf("Parse(%q): offset %d out of the vector (length %d), message %q", vector, e.Offset, len(vector), e.Msg)
			}
			return
		}
		if c.Score < 0 || c.Score > 10 || Rate(c.Score) != c.Severity || c.Vector != vector {
			t.Fatalf("Parse(%q) = %+v", vector, c)
		}
		m, err := JSON(vector)
		if err != nil || m["baseScore"] != c.Score {
			t.Fatalf("JSON(%q) = %v, %v; Parse gives %+v", vector, m, err, c)
		}
	})
}
