package node

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const positionsTOML = `# コメント
title = "日本語のタイトル" # 注
tags = ["ä", "b", [1, 2]]
[owner]
name = "Tom"
dob = 1979-05-27T07:32:00-08:00
[[products]]
id = "x"
[[products]]
id = "y"
sub.key = 1
inline = { a = 1, b.c = [ 3 ] }
ja = { "名前" = "値", "年" = 2026-10-01 }
`

var tomlPositions = []posCase{
	{path: "title", kind: String, val: "2:9", key: "2:1"},
	{path: "tags", kind: List, val: "3:8", key: "3:1"},
	{path: "tags.0", kind: String, val: "3:9"},
	{path: "tags.1", kind: String, val: "3:14"},
	{path: "tags.2", kind: List, val: "3:19"},
	{path: "tags.2.1", kind: Int, val: "3:23"},
	{path: "owner", kind: Map, val: "4:2", key: "4:2"},
	{path: "owner.dob", kind: DateTime, val: "6:7", key: "6:1"},
	{path: "products", kind: List, val: "7:3", key: "7:3"},
	{path: "products.1", kind: Map, val: "9:3"},
	{path: "products.1.id", kind: String, val: "10:6", key: "10:1"},
	{path: "products.1.sub", kind: Map, val: "11:1", key: "11:1"},
	{path: "products.1.sub.key", kind: Int, val: "11:11", key: "11:5"},
	{path: "products.1.inline", kind: Map, val: "12:10", key: "12:1"},
	{path: "products.1.inline.a", kind: Int, val: "12:16", key: "12:12"},
	{path: "products.1.inline.b.c", kind: List, val: "12:25", key: "12:21"},
	{path: "products.1.inline.b.c.0", kind: Int, val: "12:27"},
	{path: "products.1.ja.名前", kind: String, val: "13:15", key: "13:8"},
	{path: "products.1.ja.年", kind: Date, val: "13:26", key: "13:20"},
}

func TestTOMLPositions(t *testing.T) {
	const file = "content/evidence/x.md"
	crlf := strings.ReplaceAll(positionsTOML, "\n", "\r\n")
	for _, c := range []struct {
		name  string
		data  string
		opts  []Option
		shift int
	}{
		{name: "LF", data: positionsTOML},
		{name: "CRLF", data: crlf},
		{name: "BOM+CRLF", data: "\uFEFF" + crlf},
		{name: "StartLine", data: positionsTOML, opts: []Option{StartLine(2)}, shift: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, diags := ParseTOML(file, []byte(c.data), c.opts...)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			checkPositions(t, file, root, tomlPositions, c.shift)
			if got := lookup(t, root, "products.1.ja.年").Time; !got.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("date = %v", got)
			}
			if got := root.Keys; !cmp.Equal(got, []string{"title", "tags", "owner", "products"}) {
				t.Errorf("root keys = %q", got)
			}
		})
	}
}

func TestTOMLValues(t *testing.T) {
	doc := `
s1 = "a\tb\u00e9"
s2 = 'C:\path'
s3 = """
line1
line2"""
s4 = '''
raw\n'''
i1 = +17
i2 = -1_000
i3 = 0xdead_BEEF
i4 = 0o755
i5 = 0b1010
f1 = 3.14
f2 = -1e-3
f3 = 6.626E+34
f4 = -inf
f5 = nan
f6 = 1_000.000_1
b = true
odt1 = 1979-05-27T07:32:00Z
odt2 = 1979-05-27 07:32:00.999999+09:00
ldt = 1979-05-27T07:32:00.5
ld = 2026-10-01
lt = 07:32:00
`
	root, diags := ParseTOML("c.toml", []byte(doc))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want, err := decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, plain(root), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("values differ from the decoder's (-want +got):\n%s", diff)
	}
	for _, c := range []struct {
		path string
		got  any
		want any
	}{
		{"s1", lookup(t, root, "s1").Str, "a\tb\u00e9"},
		{"s3", lookup(t, root, "s3").Str, "line1\nline2"},
		{"i3", lookup(t, root, "i3").Int, int64(0xdeadbeef)},
		{"odt2", lookup(t, root, "odt2").Time.UTC(), time.Date(1979, 5, 26, 22, 32, 0, 999999000, time.UTC)},
		{"ldt", lookup(t, root, "ldt").Time, time.Date(1979, 5, 27, 7, 32, 0, 5e8, time.UTC)},
		{"lt", lookup(t, root, "lt").Time, time.Date(0, 1, 1, 7, 32, 0, 0, time.UTC)},
	} {
		if !cmp.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.path, c.got, c.want)
		}
	}
	if k := lookup(t, root, "ldt").Kind; k != LocalDateTime {
		t.Errorf("ldt kind = %v", k)
	}
	if k := lookup(t, root, "lt").Kind; k != LocalTime {
		t.Errorf("lt kind = %v", k)
	}
	if f := lookup(t, root, "f4").Float; !math.IsInf(f, -1) {
		t.Errorf("f4 = %v", f)
	}
}

// plain turns a tree into plain values: maps, lists, scalars, and for dates and times
// without an offset their kind and text.
func plain(n *Node) any {
	switch n.Kind {
	case Map:
		m := map[string]any{}
		for _, k := range n.Keys {
			m[k] = plain(n.Map[k])
		}
		return m
	case List:
		l := []any{}
		for _, item := range n.List {
			l = append(l, plain(item))
		}
		return l
	case String:
		return n.Str
	case Int:
		return n.Int
	case Float:
		return n.Float
	case Bool:
		return n.Bool
	case Date:
		return localTime{"date", n.Time.Format(time.DateOnly)}
	case LocalDateTime:
		return localTime{"local date-time", n.Time.Format("2006-01-02T15:04:05.999999999")}
	case LocalTime:
		return localTime{"local time", n.Time.Format("15:04:05.999999999")}
	case DateTime:
		return n.Time
	}
	return nil
}

// localTime is a date or time without an offset, in the words of plain.
type localTime struct{ Kind, Text string }

// decode decodes data with the TOML decoder alone, into the values plain gives.
func decode(data []byte) (any, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		return nil, err
	}
	return decoded(m), nil
}

func decoded(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, x := range v {
			m[k] = decoded(x)
		}
		return m
	case []map[string]any:
		l := []any{}
		for _, x := range v {
			l = append(l, decoded(x))
		}
		return l
	case []any:
		l := []any{}
		for _, x := range v {
			l = append(l, decoded(x))
		}
		return l
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return localTime{"date", v.Format(time.DateOnly)}
		case "datetime-local":
			return localTime{"local date-time", v.Format("2006-01-02T15:04:05.999999999")}
		case "time-local":
			return localTime{"local time", v.Format("15:04:05.999999999")}
		}
	}
	return v
}

func TestTOMLSemantics(t *testing.T) {
	valid := []string{
		"[a.b.c]\n[a]\nx = 1\n",
		"[a]\nb.c = 1\nb.d = 2\n",
		"[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true\n",
		"[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n",
		"[[a.b]]\n[[a.b]]\n[a.c]\n",
		"a = [1, 'two', {x = 1}, [2]]\n",
		"a = [\n  1, # one\n  2,\n]\n",
		"x = { a.b = 1, a.c = 2 }\n",
		"'quoted key' = 1\n\"a.b\" = 2\n",
		"",
	}
	for _, doc := range valid {
		root, diags := ParseTOML("c.toml", []byte(doc))
		if len(diags) > 0 {
			t.Errorf("%q: unexpected %v", doc, diags)
			continue
		}
		want, err := decode([]byte(doc))
		if err != nil {
			t.Fatalf("%q: decoder: %v", doc, err)
		}
		if diff := cmp.Diff(want, plain(root)); diff != "" {
			t.Errorf("%q: (-decoder +ours):\n%s", doc, diff)
		}
	}
}

func TestTOMLErrors(t *testing.T) {
	for _, c := range []struct {
		doc, code, at, msg string
	}{
		{"a = 1\na = 2\n", "duplicate-key", "2:1", `key a is defined twice; first at c.toml:1:1`},
		{"[a]\nx = 1\n[a]\n", "duplicate-key", "3:2", "table [a] is defined twice"},
		{"a.b = 1\n[a]\n", "duplicate-key", "2:2", "is already defined"},
		{"[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", "duplicate-key", "4:1", "cannot add keys to table a.b with dotted keys: it is defined at c.toml:1:4"},
		{"a = {x = 1}\na.y = 2\n", "duplicate-key", "2:1", "inline table a"},
		{"a = {x = 1}\n[a.b]\n", "duplicate-key", "2:2", "inline table a"},
		{"a = [1]\n[[a]]\n", "duplicate-key", "2:3", "already defined as an array"},
		{"[[a]]\n[a]\n", "duplicate-key", "2:2", "array of tables"},
		{"a = 1\na.b = 2\n", "duplicate-key", "2:1", "defined twice"},
		{"title = \"日本語\" x\n", "syntax", "1:15", "TOML syntax error"},
		{"title = \"open\n", "syntax", "1:14", "TOML syntax error"},
		{"x = 2026-13-01\n", "syntax", "1:5", `invalid date "2026-13-01"`},
		{"x = 1979-05-27T25:00:00Z\n", "syntax", "1:5", "invalid date-time"},
		{"x = 0123\n", "syntax", "1:5", "leading zeroes"},
		{"x = 9223372036854775808\n", "syntax", "1:5", "invalid integer"},
		{"x = 1.\n", "syntax", "1:5", `invalid float "1.": '.' must be followed by one or more digits`},
		{"x = 1__0\n", "syntax", "1:5", `invalid integer "1__0": underscores must be surrounded by digits`},
		{"a = 1\n[a.b]\n", "duplicate-key", "2:2", "key a is already defined as an integer at c.toml:1:1, not as a table"},
		{"a.b.c = 1\na.b = 2\n", "duplicate-key", "2:3", "key a.b is defined twice; first at c.toml:1:3"},
		{"[a]\nb = { c = 1 }\n[a.b.d]\n", "duplicate-key", "3:4", "cannot add a table to inline table a.b"},
		{"x = 1\xff\n", "encoding", "1:6", "invalid UTF-8"},
	} {
		_, diags := ParseTOML("c.toml", []byte(c.doc))
		if len(diags) == 0 {
			t.Errorf("%q: no diagnostic, want %s at %s", c.doc, c.code, c.at)
			continue
		}
		d := diags[0]
		if d.Code != c.code || lc(d.Pos) != c.at || d.Pos.File != "c.toml" || !strings.Contains(d.Message, c.msg) || d.Hint == "" {
			t.Errorf("%q: got %s [%s], want %s at %s containing %q with a hint", c.doc, d.Error(), d.Code, c.code, c.at, c.msg)
		}
		// The decoder rejects these documents too, except for table rules that it leaves to us.
		if _, err := decode([]byte(c.doc)); err == nil && c.code != "duplicate-key" {
			t.Errorf("%q: the decoder accepts this document", c.doc)
		}
	}
}

// TestTOMLAgreesWithDecoder holds corner cases on which we must accept or reject a document
// as the decoder does, except that we also reject what breaks the table rules it leaves
// unchecked.
func TestTOMLAgreesWithDecoder(t *testing.T) {
	for _, doc := range []string{
		"[a.b.c]\n[a]\nb.d = 1\n",
		"[a]\nb.c = 1\n[a.b.d]\n",
		"a.b = 1\n[a.c]\n",
		"[[a]]\nb.c = 1\n[a.b]\n",
		"[a.b]\n[a]\nb = 1\n",
		"a = 1979-05-27T07:32:00.1234567891Z\n",
		"a = 1979-05-27T07:32Z\n",
		"a = 07:32\n",
		"a = 1979-05-27 07:32:00\n",
		"a = 1979-05-27T07:32:00+24:00\n",
		"a = 2024-02-30\n",
		"a = 0x\n",
		"a = 1e\n",
		"a = 00.1\n",
		"a = -0.0\n",
		"a = 1_000e1_0\n",
		"a = 0b1_\n",
		"a = { b = 1, }\n",
		"a = {\n b = 1\n}\n",
		"\"\" = 1\n",
		"a = 10:00:60\n",
		"a = 1979-05-27T23:59:60Z\n",
	} {
		root, diags := ParseTOML("c.toml", []byte(doc))
		if err := agree([]byte(doc), root, diags); err != "" {
			t.Errorf("%q: %s", doc, err)
		}
	}
}
