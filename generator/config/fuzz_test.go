package config

import (
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/model"
)

// FuzzParse: evident.toml never panics the parser, every problem is placed in the file,
// and what is accepted keeps its promises: no security.txt value can add a line, and no
// refused key reaches Hugo. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"t\"\n[hugo.markup.goldmark.renderer]\nunsafe = true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ds := Parse(data)
		for _, d := range ds {
			if d.Pos.File != File || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position in %s: %#v", File, d)
			}
		}
		if ds.HasErrors() {
			return
		}
		if c == nil {
			t.Fatal("no config and no error")
		}
		if st := c.SecurityTxt; st != nil {
			values := append(append([]string{st.Policy, st.Acknowledgments, st.Hiring, st.Encryption}, st.Contact...), st.PreferredLanguages...)
			for _, v := range values {
				if r, what := model.Unprintable(v); what != "" {
					t.Errorf("security.txt value %q with %s %U accepted", v, what, r)
				}
			}
		}
		for k := range c.Hugo {
			if _, reserved := hugoReserved[strings.ToLower(k)]; reserved || staticDirRe.MatchString(strings.ToLower(k)) {
				t.Errorf("[hugo] %s passed through", k)
			}
		}
	})
}
