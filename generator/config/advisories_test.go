package config

import (
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// TestAdvisories: [advisories] names the OpenPGP public key of the CSAF documents, with
// its position for check; without the table there is nothing; the positions of the
// top-level keys are kept for rules that point at them.
func TestAdvisories(t *testing.T) {
	c, ds := Parse([]byte("title = \"t\"\nbaseURL = \"https://trust.example.com/\"\n[organization]\nname = \"ACME\"\n[advisories]\nopenpgpKey = \"keys/csaf.asc\"\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := Ref{Value: "keys/csaf.asc", Pos: diag.Position{File: File, Line: 6, Col: 14}}
	if c.Advisories == nil || c.Advisories.OpenPGPKey != want {
		t.Errorf("advisories = %+v, want key %+v", c.Advisories, want)
	}
	for key, pos := range map[string]string{"title": "evident.toml:1:1", "baseURL": "evident.toml:2:1", "organization": "evident.toml:3:2", "advisories": "evident.toml:5:2"} {
		if got := c.Keys[key].String(); got != pos {
			t.Errorf("Keys[%q] = %s, want %s", key, got, pos)
		}
	}

	c, ds = Parse([]byte("title = \"t\"\n"))
	if len(ds) > 0 || c.Advisories != nil {
		t.Errorf("no [advisories]: %+v, %v", c.Advisories, ds)
	}
	if _, ok := c.Keys["baseURL"]; ok {
		t.Errorf("Keys has a key the file does not: %v", c.Keys)
	}

	c, ds = Parse([]byte("title = \"t\"\n[advisories]\n"))
	if len(ds) > 0 || c.Advisories == nil || c.Advisories.OpenPGPKey.Value != "" {
		t.Errorf("an empty [advisories]: %+v, %v", c.Advisories, ds)
	}
}

func TestAdvisoriesErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"key type", "[advisories]\nopenpgpKey = 1", `evident.toml:3:14 bad-type advisories.openpgpKey must be a string, not an integer`},
		{"unknown key", "[advisories]\nopenpgpkey = \"keys/csaf.asc\"", `evident.toml:3:1 unknown-key unknown key "advisories.openpgpkey"; did you mean "advisories.openpgpKey"?`},
		{"not a table", "advisories = \"keys/csaf.asc\"", `evident.toml:2:14 bad-type advisories must be a table, not a string`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ds := Parse([]byte("title = \"t\"\n" + tc.toml))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
				if d.Hint == "" {
					t.Errorf("%v has no hint", d)
				}
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			if tc.name == "not a table" && c.Advisories != nil {
				t.Errorf("advisories = %+v", c.Advisories)
			}
		})
	}
}
