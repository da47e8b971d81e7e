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
	// "bad-type" and "unknown-key" when empty.
	TypeCode, KeyCode string
	Diags             diag.List
}

// Add collects a diagnostic of the caller's own.
func (f *Fields) Add(d diag.Diagnostic) { f.Diags = append(f.Diags, d) }

func (f *Fields) typeCode() string { return cmp.Or(f.TypeCode, "bad-type") }

// wrong reports that n is not what name must be.
func (f *Fields) wrong(n *Node, name, want string) {
	f.Add(diag.Errorf(n.Pos, f.typeCode(), "%s must be %s, not %s", name, want, article(n)))
}

// Table reports whether n is a table (a map in YAML), and reports each of its keys that is
// not known, with the nearest known key as a suggestion.
func (f *Fields) Table(n *Node, name string, known ...string) bool {
	if n == nil {
		return false
	}
	if n.Kind != Map {
		f.wrong(n, name, n.words("a table", "a map"))
		return false
	}
	for _, k := range n.Keys {
		if slices.Contains(known, k) {
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
		f.wrong(n, name, "a string")
		return "", false
	}
	return n.Str, true
}

// Bool reads true or false.
func (f *Fields) Bool(n *Node, name string) (value, ok bool) {
	if n == nil {
		return false, false
	}
	if n.Kind != Bool {
		f.wrong(n, name, "true or false")
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
	f.Add(diag.Errorf(n.Pos, f.typeCode(), "%s must be a date, not %s", name, got).
		WithHint("write the date alone as YYYY-MM-DD, such as 2026-10-01"))
	return time.Time{}, false
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
		d := diag.Errorf(n.Pos, f.typeCode(), "%s must be %s, not %s", name, want, article(n))
		if item == Map && !n.yaml {
			d = d.WithHint("write each one under [[%s]]", name)
		}
		f.Add(d)
		return nil
	}
	var out []*Node
	for _, v := range n.List {
		if v.Kind != item {
			f.Add(diag.Errorf(v.Pos, f.typeCode(), "%s must hold %s, not %s", name,
				(&Node{Kind: item, yaml: n.yaml}).KindName()+"s", article(v)))
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
			parts = append(parts, l+` = "…"`)
		}
		f.Add(diag.Errorf(n.Pos, f.typeCode(), "%s must give each language, not one string", name).
			WithHint("write %s = { %s }", name[strings.LastIndexByte(name, '.')+1:], strings.Join(parts, ", ")))
		return nil
	}
	if n.Kind != Map {
		f.wrong(n, name, n.words("a table", "a map"))
		return nil
	}
	if len(langs) > 0 {
		f.Table(n, name, langs...)
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

// words returns the TOML or the YAML wording, by the format n came from.
func (n *Node) words(toml, yaml string) string {
	if n != nil && n.yaml {
		return yaml
	}
	return toml
}
