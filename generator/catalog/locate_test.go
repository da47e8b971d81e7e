package catalog

import (
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLocate(t *testing.T) {
	src := `a = """
[[items]]
id = "not a key"
"""
b = '''x'''  # comment [[items]]
[[items]]
id = "one"   # items.0.id
[[items]]
"id" = 'two'
t = { ja = "日本語", en = [1, { k = "v" }] }
[items.sub]
x.y = 1
[[items.list]]
z = "ä"
`
	var v any
	if _, err := toml.Decode(src, &v); err != nil {
		t.Fatal(err)
	}
	l := locate(src)
	for _, tt := range []struct {
		path            []string
		line, col, vcol int
	}{
		{[]string{"a"}, 1, 1, 5},
		{[]string{"b"}, 5, 1, 5},
		{[]string{"items", "0"}, 6, 1, 1},
		{[]string{"items", "0", "id"}, 7, 1, 6},
		{[]string{"items", "1", "id"}, 9, 1, 8},
		{[]string{"items", "1", "t", "en"}, 10, 19, 24},
		{[]string{"items", "1", "t", "en", "1", "k"}, 10, 30, 34},
		{[]string{"items", "1", "sub"}, 11, 1, 1},
		{[]string{"items", "1", "sub", "x"}, 12, 1, 1},
		{[]string{"items", "1", "sub", "x", "y"}, 12, 1, 7},
		{[]string{"items", "1", "list", "0", "z"}, 14, 1, 5},
	} {
		s, ok := l.find(tt.path)
		if !ok {
			t.Errorf("%q not found", tt.path)
			continue
		}
		line, col := l.lineCol(s.key)
		vline, vcol := l.lineCol(s.value)
		if line != tt.line || col != tt.col || vline != tt.line || vcol != tt.vcol {
			t.Errorf("%q at %d:%d (value %d:%d), want %d:%d (value col %d)", tt.path, line, col, vline, vcol, tt.line, tt.col, tt.vcol)
		}
	}
	if _, ok := l.find([]string{"items", "2"}); ok {
		t.Errorf("the [[items]] inside a string was counted")
	}
}

// FuzzLocate: the locator ends, without a panic, on every document the TOML decoder accepts.
func FuzzLocate(f *testing.F) {
	f.Add("[[items]]\nid = \"(1)\"\ntitle = { ja = \"x\", en = \"y\" }\n")
	f.Add("a = '''\n''''\nb = [\n1, # c\n]\n[x.'y'.\"z\"]\nq.r = {}\n")
	f.Fuzz(func(t *testing.T, src string) {
		var v any
		if _, err := toml.Decode(src, &v); err != nil {
			return
		}
		locate(src)
	})
}
