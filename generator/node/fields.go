package node

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/suggest"
)

// Fields reads typed values out of a tree, for the decoder of one kind of file, and collects
// a diagnostic for each key or value that is not what the decoder expects.
//
// Each method takes the node to read, nil for a key that is absent (read as the zero value,
// without a diagnostic), and name, the dotted key that messages call it, such as
// "items.title". A value of the wrong kind is reported at its position and read as the zero
// value; the boolean results say whether a value of the right kind was there.
type Fields struct {
	// TypeCode is the code of a value of the wrong kind, KeyCode that of an unknown key;
	// when empty, "bad-type" ("bad-date" for dates) and "unknown-key".
	TypeCode, KeyCode string
	// Hints, by the dotted name of a key, say how to write its value. A diagnostic about the
	// value of that key, or of an item of its list, carries the hint unless it has its own.
	Hints map[string]string
	Diags diag.List
}

// Add collects a diagnostic of the caller's own.
func (f *Fields) Add(d diag.Diagnostic) { f.Diags = append(f.Diags, d) }

// report collects a diagnostic about the value of the key name.
func (f *Fields) report(d diag.Diagnostic, name string) {
	if h := f.Hints[name]; d.Hint == "" && h != "" {
		d = d.WithHint("%s", h)
	}
	f.Add(d)
}

// Wrong reports that n is not what name must be: want, such as "a string", with hint, or
// the hint for name when hint is empty.
func (f *Fields) Wrong(n *Node, name, want, hint string) {
	d := diag.Errorf(n.Pos, cmp.Or(f.TypeCode, "bad-type"), "%s must be %s, not %s", name, want, article(n))
	if hint != "" {
		d = d.WithHint("%s", hint)
	}
	f.report(d, name)
}

// Table reports whether n is a table (a map in YAML), and reports each of its keys that is
// not among known, with the nearest known key as a suggestion. Without known, any key is
// allowed, for the caller to check.
func (f *Fields) Table(n *Node, name string, known ...string) bool {
	if n == nil {
		return false
	}
	if n.Kind != Map {
		f.Wrong(n, name, n.words("a table", "a map"), "")
		return false
	}
	for _, k := range n.Keys {
		if len(known) == 0 || slices.Contains(known, k) {
			continue
		}
		d := diag.Errorf(n.Map[k].Start(), cmp.Or(f.KeyCode, "unknown-key"), "unknown key %q", join(name, k)).
			WithHint("the keys here are %s", strings.Join(known, ", "))
		if near := suggest.Nearest(k, known); near != "" {
			d.Message += fmt.Sprintf("; did you mean %q?", join(name, near))
		}
		f.Add(d)
	}
	return true
}

// String reads a string.
func (f *Fields) String(n *Node, name string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.Kind != String {
		f.Wrong(n, name, "a string", "")
		return "", false
	}
	return n.Str, true
}

// Int reads an integer.
func (f *Fields) Int(n *Node, name string) (int64, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind != Int {
		f.Wrong(n, name, "an integer", "")
		return 0, false
	}
	return n.Int, true
}

// Bool reads true or false.
func (f *Fields) Bool(n *Node, name string) (value, ok bool) {
	if n == nil {
		return false, false
	}
	if n.Kind != Bool {
		f.Wrong(n, name, "true or false", "")
		return false, false
	}
	return n.Bool, true
}

// Date reads a date: a TOML date, or a string written YYYY-MM-DD (as YAML has it).
func (f *Fields) Date(n *Node, name string) (time.Time, bool) {
	if n == nil {
		return time.Time{}, false
	}
	switch n.Kind {
	case Date:
		return n.Time, true
	case String:
		if t, err := time.Parse(time.DateOnly, n.Str); err == nil {
			return t, true
		}
	}
	got := article(n)
	if n.Kind == String {
		got = strconv.Quote(n.Str)
	}
	f.Add(diag.Errorf(n.Pos, cmp.Or(f.TypeCode, "bad-date"), "%s must be a date, not %s", name, got).
		WithHint("write the date alone as YYYY-MM-DD: %s", n.assign(name, "2026-10-01")))
	return time.Time{}, false
}

// DateTime reads a date and time with its offset, in UTC; a date alone is midnight UTC.
func (f *Fields) DateTime(n *Node, name string) (time.Time, bool) {
	if n == nil {
		return time.Time{}, false
	}
	if n.Kind != DateTime && n.Kind != Date {
		f.Add(diag.Errorf(n.Pos, cmp.Or(f.TypeCode, "bad-date"), "%s must be a date and time, not %s", name, article(n)).
			WithHint("write it with its offset: %s", n.assign(name, "2027-11-01T00:00:00Z")))
		return time.Time{}, false
	}
	return n.Time.UTC(), true
}

// Strings reads a list of strings and returns its items that are strings, for their
// values and positions.
func (f *Fields) Strings(n *Node, name string) []*Node {
	return f.list(n, name, String, n.words("an array of strings", "a list of strings"))
}

// Tables reads a list of tables, such as the [[items]] of a TOML file.
func (f *Fields) Tables(n *Node, name string) []*Node {
	return f.list(n, name, Map, n.words("an array of tables", "a list of maps"))
}

func (f *Fields) list(n *Node, name string, item Kind, want string) []*Node {
	if n == nil {
		return nil
	}
	if n.Kind != List {
		hint := ""
		if item == Map && !n.yaml {
			hint = "write each one under [[" + name + "]]"
		}
		f.Wrong(n, name, want, hint)
		return nil
	}
	var out []*Node
	for _, v := range n.List {
		if v.Kind != item {
			f.report(diag.Errorf(v.Pos, cmp.Or(f.TypeCode, "bad-type"), "%s must hold %s, not %s", name,
				(&Node{Kind: item, yaml: n.yaml}).KindName()+"s", article(v)), name)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Text reads a text by language, such as { ja = "…", en = "…" }: a table whose keys are
// among langs (any key when langs is empty, for the caller to check) and whose values are
// strings. One string for every language is reported; a caller that takes it checks for a
// String first.
func (f *Fields) Text(n *Node, name string, langs ...string) map[string]string {
	if n == nil {
		return nil
	}
	if n.Kind == String {
		example := langs
		if len(example) == 0 {
			example = []string{"ja", "en"}
		}
		var parts []string
		for _, l := range example {
			parts = append(parts, n.assign(l, `"…"`))
		}
		f.Add(diag.Errorf(n.Pos, cmp.Or(f.TypeCode, "bad-type"), "%s must give each language, not one string", name).
			WithHint("write %s", n.assign(name, "{ "+strings.Join(parts, ", ")+" }")))
		return nil
	}
	if !f.Table(n, name, langs...) {
		return nil
	}
	out := map[string]string{}
	for _, k := range n.Keys {
		if len(langs) > 0 && !slices.Contains(langs, k) {
			continue
		}
		if s, ok := f.String(n.Map[k], join(name, k)); ok {
			out[k] = s
		}
	}
	return out
}

// join names the key k of the table called name.
func join(name, k string) string {
	if name == "" {
		return k
	}
	return name + "." + k
}

// assign writes the last key of name with value, as n's format would: "date = 2026-10-01"
// in TOML, "date: 2026-10-01" in YAML.
func (n *Node) assign(name, value string) string {
	key := name[strings.LastIndexByte(name, '.')+1:]
	if n.yaml {
		return key + ": " + value
	}
	return key + " = " + value
}

// words returns the TOML or the YAML wording, by the format n came from.
func (n *Node) words(toml, yaml string) string {
	if n != nil && n.yaml {
		return yaml
	}
	return toml
}
