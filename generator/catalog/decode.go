package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/diag"
)

// Diagnostic codes of this package.
const (
	CodeSyntax             = "catalog-syntax"         // a catalog file is not valid TOML
	CodeSchema             = "catalog-schema"         // unknown key, wrong type, missing field
	CodeDuplicate          = "catalog-duplicate"      // an ID, slug or framework defined twice
	CodeParent             = "catalog-parent"         // unknown parent, or an ID that does not fit its parent
	CodeCatalogName        = "catalog-name"           // a name in the site's catalogs list that is not a catalog
	CodeInvalidID          = "invalid-requirement-id" // a string that is not an ID
	CodeUnknownRequirement = "unknown-requirement"    // a well-formed ID that no catalog has
	CodeUnknownFramework   = "unknown-framework"      // an ID of a framework the site does not load
)

// document is one decoded TOML file, with what is needed to report problems in it.
type document struct {
	file  string
	root  map[string]any
	loc   *locator
	diags *diag.List
}

// decodeTOML decodes src into a document, or reports why it cannot at the error's position.
func decodeTOML(file string, src []byte, diags *diag.List) (*document, bool) {
	doc := &document{file: file, diags: diags}
	if !utf8.Valid(src) {
		*diags = append(*diags, diag.Errorf(diag.Position{File: file}, CodeSyntax, "catalog file is not UTF-8 text"))
		return nil, false
	}
	text := string(src)
	if _, err := toml.Decode(text, &doc.root); err != nil {
		var pe toml.ParseError
		pos := diag.Position{File: file}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos.Line, pos.Col = pe.Position.Line, pe.Position.Col
			// The decoder counts columns in bytes; ours are in runes.
			if l := (&locator{src: text, lineStarts: lineStarts(text)}); pe.Position.Line > 0 && pe.Position.Line <= len(l.lineStarts) {
				pos.Line, pos.Col = l.lineCol(l.lineStarts[pe.Position.Line-1] + max(pe.Position.Col-1, 0))
			}
			msg = pe.Message
		}
		*diags = append(*diags, diag.Errorf(pos, CodeSyntax, "invalid TOML: %s", msg))
		return nil, false
	}
	doc.loc = locate(text)
	return doc, true
}

func lineStarts(s string) []int {
	starts := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// keyPos is where the key at path is written (or its nearest ancestor); valuePos where its value starts.
func (d *document) keyPos(path ...string) diag.Position { return d.pos(path, false) }

func (d *document) valuePos(path ...string) diag.Position { return d.pos(path, true) }

func (d *document) pos(path []string, value bool) diag.Position {
	s, exact := d.loc.find(path)
	off := s.key
	if value && exact {
		off = s.value
	}
	if !exact && s == (spot{}) {
		return diag.Position{File: d.file}
	}
	line, col := d.loc.lineCol(off)
	return diag.Position{File: d.file, Line: line, Col: col}
}

func (d *document) errorf(pos diag.Position, code, format string, args ...any) {
	d.add(diag.Errorf(pos, code, format, args...))
}

func (d *document) add(dg diag.Diagnostic) { *d.diags = append(*d.diags, dg) }

// join writes a key path for a message, without the indexes of array elements: the position
// says which element it is.
func join(path []string) string {
	var keys []string
	for _, k := range path {
		if _, err := strconv.Atoi(k); err != nil {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, ".")
}

// table reads the table at path (nil is the root) and reports its keys that are not allowed.
func (d *document) table(path []string, v any, allowed ...string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		d.errorf(d.valuePos(path...), CodeSchema, "%s must be a table, not %s", join(path), typeName(v))
		return nil, false
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			d.add(diag.Errorf(d.keyPos(child(path, k)...), CodeSchema, "unknown key %q", join(child(path, k))).
				WithHint("the keys here are %s", strings.Join(allowed, ", ")))
		}
	}
	return m, true
}

func (d *document) str(path []string, m map[string]any, key string) string {
	v, ok := m[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.errorf(d.valuePos(child(path, key)...), CodeSchema, "%s must be a string, not %s", join(child(path, key)), typeName(v))
	}
	return s
}

func (d *document) boolean(path []string, m map[string]any, key string) (value, present bool) {
	v, ok := m[key]
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		d.errorf(d.valuePos(child(path, key)...), CodeSchema, "%s must be true or false, not %s", join(child(path, key)), typeName(v))
	}
	return b, ok
}

func (d *document) strings(path []string, m map[string]any, key string) []string {
	v, ok := m[key]
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return []string{s}
	}
	list, ok := v.([]any)
	var out []string
	for i, e := range list {
		s, isStr := e.(string)
		if !isStr {
			d.errorf(d.valuePos(child(path, key, strconv.Itoa(i))...), CodeSchema, "%s must hold strings, not %s", join(child(path, key)), typeName(e))
			continue
		}
		out = append(out, s)
	}
	if !ok {
		d.errorf(d.valuePos(child(path, key)...), CodeSchema, "%s must be a list of strings, not %s", join(child(path, key)), typeName(v))
	}
	return out
}

// text reads a Japanese and English text: key = { ja = "…", en = "…" }.
func (d *document) text(path []string, m map[string]any, key string) Text {
	v, ok := m[key]
	if !ok {
		return Text{}
	}
	p := child(path, key)
	if _, isStr := v.(string); isStr {
		d.add(diag.Errorf(d.valuePos(p...), CodeSchema, "%s must give each language, not one string", join(p)).
			WithHint(`write %s = { ja = "…", en = "…" }`, key))
		return Text{}
	}
	t, ok := d.table(p, v, "ja", "en")
	if !ok {
		return Text{}
	}
	return Text{Ja: strings.TrimSpace(d.str(p, t, "ja")), En: strings.TrimSpace(d.str(p, t, "en"))}
}

// tables reads an array of tables, such as [[items]].
func (d *document) tables(path []string, m map[string]any, key string) []map[string]any {
	v, ok := m[key]
	if !ok {
		return nil
	}
	var list []any
	switch v := v.(type) {
	case []map[string]any:
		for _, t := range v {
			list = append(list, t)
		}
	case []any:
		list = v
	default:
		d.add(diag.Errorf(d.valuePos(child(path, key)...), CodeSchema, "%s must be a list of tables, not %s", join(child(path, key)), typeName(v)).
			WithHint("write each one under [[%s]]", key))
		return nil
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		t, ok := e.(map[string]any)
		if !ok {
			d.errorf(d.valuePos(child(path, key, strconv.Itoa(i))...), CodeSchema, "%s must hold tables, not %s", join(child(path, key)), typeName(e))
			continue
		}
		out[i] = t
	}
	return out
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
