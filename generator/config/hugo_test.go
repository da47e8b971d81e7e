package config

import "testing"

// TestHugoTypes: a [hugo] setting whose kind Hugo cannot take is an error at its position
// in evident.toml, not a panic or a message without a place when Hugo reads it; a setting
// of the right kind, or one evident does not know, passes through.
func TestHugoTypes(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"params", `params = "oops"`, `evident.toml:3:10 bad-type hugo.params must be a table, not a string`},
		{"related", `related = 1`, `evident.toml:3:11 bad-type hugo.related must be a table, not an integer`},
		{"casing", `Params = ["a"]`, `evident.toml:3:10 bad-type hugo.Params must be a table, not an array`},
		{"markup", `markup = "goldmark"`, `evident.toml:3:10 bad-type hugo.markup must be a table, not a string`},
		{"markup.goldmark", `markup.goldmark = "oops"`, `evident.toml:3:19 bad-type hugo.markup.goldmark must be a table, not a string`},
		{"goldmark renderer", "[hugo.markup.goldmark]\nrenderer = true", `evident.toml:4:12 bad-type hugo.markup.goldmark.renderer must be a table, not a boolean`},
		{"menus", `menus = "main"`, `evident.toml:3:9 bad-type hugo.menus must be a table, not a string`},
		{"cascade", `cascade = "x"`, `evident.toml:3:11 bad-type hugo.cascade must be a table or an array of tables, not a string`},
		{"bool", `enableEmoji = "oops"`, `evident.toml:3:15 bad-type hugo.enableEmoji must be true or false, not a string`},
		{"int", `summaryLength = "long"`, `evident.toml:3:17 bad-type hugo.summaryLength must be an integer, not a string`},
		{"timeout", `timeout = "soon"`, `evident.toml:3:11 bad-value hugo.timeout "soon" is not a duration`},
		{"timeout table", `timeout = { s = 1 }`, `evident.toml:3:11 bad-type hugo.timeout must be a duration such as "60s" or a number of seconds, not a table`},
		{"list", `disableKinds = { a = 1 }`, `evident.toml:3:16 bad-type hugo.disableKinds must be a string or an array of strings, not a table`},
		{"string", `copyright = { a = 1 }`, `evident.toml:3:13 bad-type hugo.copyright must be a string, not a table`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ds := Parse([]byte("title = \"t\"\n[hugo]\n" + tc.toml + "\n"))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
				if d.Hint == "" {
					t.Errorf("%v has no hint", d)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			if c != nil && len(c.Hugo) > 0 {
				t.Errorf("a setting of the wrong kind is passed through: %v", c.Hugo)
			}
		})
	}
	c, ds := Parse([]byte(`title = "t"
[hugo]
enableEmoji = true
summaryLength = 70
timeout = "2m"
copyright = "© ACME"
disableKinds = "taxonomy"
mainSections = ["evidence"]
cascade = [{ params = { x = 1 } }]
somethingNew = "Hugo may add keys"
[hugo.params]
x = 1
[hugo.markup.goldmark.renderer]
unsafe = true
[hugo.markup.highlight]
style = "monokai"
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if len(c.Hugo) != 10 {
		t.Errorf("settings of the right kind passed through: %v", c.Hugo)
	}
	if c, ds := Parse([]byte("title = \"t\"\n[hugo]\ntimeout = 90\n")); len(ds) > 0 || c.Hugo["timeout"] != int64(90) {
		t.Errorf("a timeout in seconds: %v %v", ds, c.Hugo)
	}
}
