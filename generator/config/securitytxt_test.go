package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSecurityTxtContact: Contact is a URI; an e-mail address written bare gets its
// mailto:, anything else that is not a URI stays an error.
func TestSecurityTxtContact(t *testing.T) {
	const head = "title = \"t\"\n[securitytxt]\nexpires = 2027-11-01T00:00:00Z\n"
	c, ds := Parse([]byte(head + `contact = ["security@example.com", "mailto:psirt@example.com", "https://example.com/report"]`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := []string{"mailto:security@example.com", "mailto:psirt@example.com", "https://example.com/report"}
	if diff := cmp.Diff(want, c.SecurityTxt.Contact); diff != "" {
		t.Errorf("contact (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`"ACME PSIRT <security@example.com>"`, `"security"`, `"@example.com"`, `"security@"`} {
		_, ds := Parse([]byte(head + "contact = [" + bad + "]"))
		if len(ds) != 1 || ds[0].Code != "bad-securitytxt" || ds[0].Pos.Line != 4 {
			t.Errorf("contact = [%s]: %v", bad, ds)
		}
	}
}

// TestSecurityTxtExpires: RFC 9116 wants Expires in the future and at most a year ahead;
// measured from the build's date, either is a warning that names both dates, at the key.
func TestSecurityTxtExpires(t *testing.T) {
	c, ds := Parse([]byte("title = \"t\"\n[securitytxt]\ncontact = [\"mailto:a@example.com\"]\nexpires = 2027-11-01T00:00:00Z\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	st := c.SecurityTxt
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct{ asOf, want string }{
		{"2026-11-19", ""},
		{"2026-11-01", ""}, // exactly a year ahead
		{"2026-10-31", "evident.toml:4:11 warning securitytxt-expires security.txt expires on 2027-11-01, more than a year after the build's date 2026-10-31"},
		{"2027-11-01", "evident.toml:4:11 warning securitytxt-expires security.txt expires on 2027-11-01, not after the build's date 2027-11-01"},
		{"2028-01-15", "evident.toml:4:11 warning securitytxt-expires security.txt expires on 2027-11-01, not after the build's date 2028-01-15"},
	} {
		var got string
		for _, d := range st.CheckExpires(day(tc.asOf)) {
			got += d.Pos.String() + " " + d.Severity.String() + " " + d.Code + " " + d.Message
			if d.Hint == "" {
				t.Errorf("%v has no hint", d)
			}
		}
		if got != tc.want {
			t.Errorf("as of %s:\n got %q\nwant %q", tc.asOf, got, tc.want)
		}
	}
	if ds := st.CheckExpires(time.Time{}); len(ds) > 0 {
		t.Errorf("no build date, yet %v", ds)
	}
}
