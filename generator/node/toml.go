package node

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/diag"
)

// ParseTOML reads a TOML document whose root is a table.
// file names the document in positions.
//
// The TOML decoder (github.com/BurntSushi/toml) decides what is valid TOML and what each
// value is; a locator (locate.go) walks the text once more to place every key and value and
// to keep keys in document order. The decoder leaves some of TOML's table rules unchecked,
// such as adding keys to an inline table or defining with [a] a table that dotted keys
// made; the locator checks those and reports them as duplicate keys.
//
// When there are errors, root is an empty table.
func ParseTOML(file string, data []byte, opts ...Option) (root *Node, diags diag.List) {
	c := newConfig(opts)
	start := diag.Position{File: file, Line: c.firstLine, Col: 1}
	defer recoverInto(&diags, start)
	data = trimBOM(data)
	src := newSource(file, data, c)
	empty := &Node{Kind: Map, Pos: start}
	if d := src.checkUTF8(); d != nil {
		return empty, d
	}
	var values map[string]any
	if _, err := toml.Decode(string(data), &values); err != nil {
		return empty, explain(src, err)
	}
	l := newLocator(src, data)
	l.document()
	if len(l.diags) > 0 {
		return empty, l.diags
	}
	if !fill(l.root, values) {
		return empty, diag.List{diag.Errorf(start, "syntax",
			"cannot parse this file: internal error: the decoder and the locator disagree").
			WithHint("please report this as a bug in evident, with the file")}
	}
	return l.root, nil
}

// explain turns the decoder's error into diagnostics. The locator reads the document up to
// the line of the error: a duplicate key that it finds on that line replaces the decoder's
// terser message, and one on an earlier line (a table rule the decoder does not check) is
// reported too.
func explain(src *source, err error) diag.List {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.List{syntaxError(src.pos(0), err.Error())}
	}
	at := max(0, min(pe.Position.Start, len(src.data)))
	// The decoder's span may start with the blanks before the offending text.
	for end := at + pe.Position.Len; at < end && at < len(src.data) && (src.data[at] == ' ' || src.data[at] == '\t'); {
		at++
	}
	lineEnd := len(src.data)
	if i := bytes.IndexByte(src.data[at:], '\n'); i >= 0 {
		lineEnd = at + i
	}
	l := newLocator(src, src.data[:lineEnd])
	l.scalars = map[int]int{}
	l.document()
	pos := src.pos(at)
	var out diag.List
	explained := false
	for _, d := range l.diags {
		if d.Pos.Line <= pos.Line {
			out = append(out, d)
			explained = explained || d.Pos.Line == pos.Line
		}
	}
	if explained {
		return out
	}
	if end, ok := l.scalars[at]; ok {
		raw := strings.TrimRight(string(src.data[at:end]), " \t")
		if k, ok := scalarKind(raw); ok {
			msg := "invalid " + (&Node{Kind: k}).KindName() + " " + strconv.Quote(raw)
			if why := reason(pe.Message, raw); why != "" {
				msg += ": " + why
			}
			return append(out, diag.Errorf(pos, "syntax", "%s", msg).WithHint("%s", valueHint(k)))
		}
	}
	return append(out, syntaxError(pos, pe.Message))
}

func syntaxError(pos diag.Position, msg string) diag.Diagnostic {
	return diag.Errorf(pos, "syntax", "TOML syntax error: %s", msg).
		WithHint("see https://toml.io/en/v1.0.0 for the syntax; strings need quotes, dates are written 2026-10-01")
}

// scalarKind tells from its text what kind a value other than a string, array or table is,
// or was meant to be when the decoder rejects it.
func scalarKind(raw string) (Kind, bool) {
	switch {
	case raw == "true" || raw == "false":
		return Bool, true
	case len(raw) >= 10 && raw[4] == '-' && raw[7] == '-':
		if len(raw) == 10 {
			return Date, true
		}
		return DateTime, true
	case len(raw) >= 5 && raw[2] == ':':
		return LocalTime, true
	case strings.HasSuffix(raw, "inf") || strings.HasSuffix(raw, "nan"):
		return Float, true
	case raw == "" || !strings.Contains("+-0123456789", raw[:1]):
		return 0, false
	case !strings.HasPrefix(raw, "0x") && strings.ContainsAny(raw, ".eE"):
		return Float, true
	}
	return Int, true
}

// reason takes from the decoder's message about raw what is wrong with it, without
// repeating the value: `Invalid integer "0123": cannot have leading zeroes` gives
// "cannot have leading zeroes".
func reason(msg, raw string) string {
	if _, why, ok := strings.Cut(msg, strconv.Quote(raw)+": "); ok {
		return why
	}
	if why, ok := strings.CutPrefix(msg, raw+" is "); ok {
		return why
	}
	return ""
}

func valueHint(k Kind) string {
	switch k {
	case Int:
		return "write an integer such as 42, -7, 1_000 or 0xff, without leading zeros, within 64 bits"
	case Float:
		return "write a float such as 3.14, -0.5, 1e6 or inf, with digits on both sides of the point"
	case Date:
		return "write a date as YYYY-MM-DD, such as 2026-10-01"
	case LocalTime:
		return "write a time as HH:MM:SS, such as 07:30:00"
	}
	return "write a date and time such as 2026-10-01T07:30:00Z"
}

// fill gives the locator's tree the values the decoder read, and reports whether the two
// have the same shape.
func fill(n *Node, v any) bool {
	switch v := v.(type) {
	case map[string]any:
		if n.Kind != Map || len(v) != len(n.Keys) {
			return false
		}
		for _, k := range n.Keys {
			if !fill(n.Map[k], v[k]) {
				return false
			}
		}
		return true
	case []map[string]any: // an array of tables
		items := make([]any, len(v))
		for i, t := range v {
			items[i] = t
		}
		return fill(n, items)
	case []any:
		if n.Kind != List || len(v) != len(n.List) {
			return false
		}
		for i, item := range v {
			if !fill(n.List[i], item) {
				return false
			}
		}
		return true
	}
	if n.Kind == Map || n.Kind == List {
		return false
	}
	switch v := v.(type) {
	case string:
		n.Kind, n.Str = String, v
	case int64:
		n.Kind, n.Int = Int, v
	case float64:
		n.Kind, n.Float = Float, v
	case bool:
		n.Kind, n.Bool = Bool, v
	case time.Time:
		n.Kind, n.Time = timeKind(v)
	default:
		return false
	}
	return true
}

// timeKind sorts the decoder's times: it marks dates and times without an offset with
// locations of their own. Those become the same wall clock in UTC.
func timeKind(t time.Time) (Kind, time.Time) {
	utc := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	switch t.Location().String() {
	case "date-local":
		return Date, utc
	case "datetime-local":
		return LocalDateTime, utc
	case "time-local":
		return LocalTime, utc
	}
	return DateTime, t
}
