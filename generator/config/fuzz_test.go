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
		for k, v := range c.Hugo {
			if _, reserved := hugoReserved[strings.ToLower(k)]; reserved || staticDirRe.MatchString(strings.ToLower(k)) {
				t.Errorf("[hugo] %s passed through", k)
			}
			hugoKindsKept(t, strings.ToLower(k), k, v)
		}
		if c.BaseURL != "/" {
			if u, err := BaseURL(c.BaseURL); err != nil || u != c.BaseURL {
				t.Errorf("baseURL %q accepted: %v", c.BaseURL, err)
			}
		}
		if st := c.SecurityTxt; st != nil {
			for _, v := range st.Contact {
				if !strings.Contains(v, ":") {
					t.Errorf("contact %q is not a URI", v)
				}
			}
		}
	})
}

// hugoKindsKept fails when a [hugo] setting passed to Hugo, or a table inside it, is
// not of the kind Hugo reads it as: Hugo panicked on params = "oops".
func hugoKindsKept(t *testing.T, key, name string, v any) {
	t.Helper()
	_, isMap := v.(map[string]any)
	_, isList := v.([]any)
	ok := true
	switch hugoKinds[key] {
	case hugoTable:
		ok = isMap
	case hugoTables:
		ok = isMap || isList
	case hugoBool:
		_, ok = v.(bool)
	case hugoInt:
		_, ok = v.(int64)
	case hugoString:
		ok = !isMap && !isList
	case hugoStrings, hugoDuration:
		ok = !isMap
	}
	if !ok {
		t.Errorf("[hugo] %s = %#v passed through", name, v)
	}
	if m, isMap := v.(map[string]any); isMap {
		for k, sub := range m {
			hugoKindsKept(t, key+"."+strings.ToLower(k), name+"."+k, sub)
		}
	}
}
