package node

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/evident-dev/evident/generator/diag"
)

// tableState records how a table or array came to be, which decides what TOML
// still allows to be done with it.
type tableState uint8

const (
	implicitTable tableState = iota // created by a header such as [a.b] for "a"; may be defined once later
	headerTable                     // defined by a [header] or as an element of [[header]]
	dottedTable                     // defined by dotted keys such as a.b = 1
	inlineTable                     // an inline table, or inside one: closed to additions
	staticArray                     // an array value such as [1, 2]
	arrayOfTables                   // an array made by [[header]]
)

// ParseTOML reads a TOML document whose root is a table.
// file names the document in positions.
func ParseTOML(file string, data []byte, opts ...Option) (root *Node, diags diag.List) {
	c := newConfig(opts)
	start := diag.Position{File: file, Line: c.firstLine, Col: 1}
	defer recoverInto(&diags, start)
	data = trimBOM(data)
	src := newSource(file, data, c)
	root = &Node{Kind: Map, Pos: start}
	if d := src.checkUTF8(); d != nil {
		return root, d
	}
	b := &tomlBuilder{
		src:   src,
		data:  data[:len(data):len(data)], // so that go-toml's offsets (computed from capacity) are right
		root:  root,
		state: map[*Node]tableState{root: headerTable},
	}
	b.cur = root
	b.p.Reset(b.data)
	for b.p.NextExpression() {
		e := b.p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			b.keyValue(b.cur, b.path, e)
		case unstable.Table:
			b.table(e)
		case unstable.ArrayTable:
			b.arrayTable(e)
		}
	}
	if err := b.p.Error(); err != nil {
		b.diags = append(b.diags, b.syntaxError(err))
	}
	return root, b.diags
}

type tomlBuilder struct {
	src   *source
	data  []byte
	p     unstable.Parser
	root  *Node
	cur   *Node     // the table that key/value lines go into
	path  []keyPart // the key of cur, for messages
	state map[*Node]tableState
	diags diag.List
}

// keyPart is one part of a possibly dotted key.
type keyPart struct {
	name string
	pos  diag.Position
	end  int // byte offset after the key
}

func (b *tomlBuilder) keys(e *unstable.Node) []keyPart {
	var parts []keyPart
	it := e.Key()
	for it.Next() {
		k := it.Node()
		parts = append(parts, keyPart{
			name: string(k.Data),
			pos:  b.src.pos(int(k.Raw.Offset)),
			end:  int(k.Raw.Offset + k.Raw.Length),
		})
	}
	return parts
}

func (b *tomlBuilder) syntaxError(err error) diag.Diagnostic {
	pos := b.src.pos(len(b.data))
	msg := err.Error()
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		msg = pe.Message
		if pe.Highlight != nil {
			pos = b.src.pos(cap(b.data) - cap(pe.Highlight))
		}
	}
	return diag.Errorf(pos, "syntax", "TOML syntax error: %s", msg).
		WithHint("see https://toml.io/en/v1.0.0 for the syntax; strings need quotes, dates are written 2026-10-01")
}

// keyValue adds a `key = value` line (or an inline-table entry) to the table t, whose key is prefix.
func (b *tomlBuilder) keyValue(t *Node, prefix []keyPart, e *unstable.Node) {
	keys := b.keys(e)
	if len(keys) == 0 {
		return
	}
	parts := append(slices.Clip(prefix), keys...)
	n := len(prefix)
	for i, k := range keys[:len(keys)-1] {
		if t = b.dottedChild(t, k, parts[:n+i+1]); t == nil {
			return
		}
	}
	last := keys[len(keys)-1]
	if prev, ok := t.Map[last.name]; ok {
		b.duplicate(last.pos, parts, prev)
		return
	}
	v, _ := b.value(e.Value(), b.skip(last.end, " \t="), parts)
	v.KeyPos = last.pos
	t.set(last.name, v)
}

// dottedChild returns the table for the non-final part k of a dotted key in t, creating it.
func (b *tomlBuilder) dottedChild(t *Node, k keyPart, path []keyPart) *Node {
	ex, ok := t.Map[k.name]
	if !ok {
		m := &Node{Kind: Map, Pos: k.pos, KeyPos: k.pos}
		b.state[m] = dottedTable
		t.set(k.name, m)
		return m
	}
	if ex.Kind == Map && b.state[ex] == dottedTable {
		return ex
	}
	switch {
	case ex.Kind == Map && b.state[ex] == inlineTable:
		b.add(diag.Errorf(k.pos, "duplicate-key", "cannot add keys to inline table %s defined at %s", dotted(path), ex.Pos).
			WithHint("write all its keys inside the { } braces"))
	case ex.Kind == Map:
		b.add(diag.Errorf(k.pos, "duplicate-key", "cannot add keys to table %s with dotted keys: it is defined at %s", dotted(path), ex.Pos).
			WithHint("write the key under the [%s] header instead", dotted(path)))
	default:
		b.duplicate(k.pos, path, ex)
	}
	return nil
}

func (b *tomlBuilder) add(d diag.Diagnostic) { b.diags = append(b.diags, d) }

func (b *tomlBuilder) duplicate(pos diag.Position, path []keyPart, prev *Node) {
	first := prev.KeyPos
	if first.Line == 0 {
		first = prev.Pos
	}
	b.add(diag.Errorf(pos, "duplicate-key", "key %s is defined twice; first at %s", dotted(path), first).
		WithHint("remove one of them"))
}

// headerChild returns the table that the non-final part k of a [header] key goes through.
func (b *tomlBuilder) headerChild(t *Node, k keyPart, path []keyPart) *Node {
	ex, ok := t.Map[k.name]
	if !ok {
		m := &Node{Kind: Map, Pos: k.pos, KeyPos: k.pos}
		b.state[m] = implicitTable
		t.set(k.name, m)
		return m
	}
	switch {
	case ex.Kind == Map && b.state[ex] != inlineTable:
		return ex
	case ex.Kind == List && b.state[ex] == arrayOfTables && len(ex.List) > 0:
		return ex.List[len(ex.List)-1]
	case ex.Kind == Map:
		b.add(diag.Errorf(k.pos, "duplicate-key", "cannot add a table to inline table %s defined at %s", dotted(path), ex.Pos).
			WithHint("write all its keys inside the { } braces"))
	default:
		b.add(diag.Errorf(k.pos, "duplicate-key", "key %s is already defined as %s at %s, not as a table", dotted(path), article(ex), firstPos(ex)).
			WithHint("rename one of them"))
	}
	return nil
}

func (b *tomlBuilder) headerParent(parts []keyPart) *Node {
	t := b.root
	for i, k := range parts[:len(parts)-1] {
		if t = b.headerChild(t, k, parts[:i+1]); t == nil {
			return nil
		}
	}
	return t
}

// table handles a [header] line.
func (b *tomlBuilder) table(e *unstable.Node) {
	parts := b.keys(e)
	b.cur, b.path = &Node{Kind: Map}, parts // where keys go after an error: nowhere
	t := b.headerParent(parts)
	if t == nil {
		return
	}
	last := parts[len(parts)-1]
	ex, ok := t.Map[last.name]
	switch {
	case !ok:
		m := &Node{Kind: Map, Pos: last.pos, KeyPos: last.pos}
		b.state[m] = headerTable
		t.set(last.name, m)
		b.cur = m
	case ex.Kind == Map && b.state[ex] == implicitTable:
		b.state[ex] = headerTable
		ex.Pos, ex.KeyPos = last.pos, last.pos
		b.cur = ex
	case ex.Kind == Map && b.state[ex] == headerTable:
		b.add(diag.Errorf(last.pos, "duplicate-key", "table [%s] is defined twice; first at %s", dotted(parts), ex.Pos).
			WithHint("merge the two tables into one"))
	case ex.Kind == Map:
		b.add(diag.Errorf(last.pos, "duplicate-key", "table [%s] is already defined at %s", dotted(parts), ex.Pos).
			WithHint("a table defined with dotted keys or { } cannot be defined again with a header"))
	case ex.Kind == List && b.state[ex] == arrayOfTables:
		b.add(diag.Errorf(last.pos, "duplicate-key", "%s is an array of tables defined at %s", dotted(parts), ex.Pos).
			WithHint("write [[%s]] to add an element", dotted(parts)))
	default:
		b.add(diag.Errorf(last.pos, "duplicate-key", "key %s is already defined as %s at %s, not as a table", dotted(parts), article(ex), firstPos(ex)).
			WithHint("rename one of them"))
	}
}

// arrayTable handles a [[header]] line.
func (b *tomlBuilder) arrayTable(e *unstable.Node) {
	parts := b.keys(e)
	b.cur, b.path = &Node{Kind: Map}, parts
	t := b.headerParent(parts)
	if t == nil {
		return
	}
	last := parts[len(parts)-1]
	ex, ok := t.Map[last.name]
	switch {
	case !ok:
		ex = &Node{Kind: List, Pos: last.pos, KeyPos: last.pos}
		b.state[ex] = arrayOfTables
		t.set(last.name, ex)
	case ex.Kind == List && b.state[ex] == arrayOfTables:
	default:
		b.add(diag.Errorf(last.pos, "duplicate-key", "key %s is already defined as %s at %s, not as an array of tables", dotted(parts), article(ex), firstPos(ex)).
			WithHint("rename one of them"))
		return
	}
	m := &Node{Kind: Map, Pos: last.pos}
	b.state[m] = headerTable
	ex.List = append(ex.List, m)
	b.cur = m
}

// skip returns the offset of the first byte at or after off that is not in set.
func (b *tomlBuilder) skip(off int, set string) int {
	for off < len(b.data) && strings.IndexByte(set, b.data[off]) >= 0 {
		off++
	}
	return off
}

// skipTrivia skips whitespace, newlines, comments and commas between array or inline table items.
func (b *tomlBuilder) skipTrivia(off int) int {
	for off < len(b.data) {
		switch b.data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		case '#':
			for off < len(b.data) && b.data[off] != '\n' {
				off++
			}
		default:
			return off
		}
	}
	return off
}

// value converts the value e, which starts at byte offset start (needed for arrays, whose
// node carries no range), and returns it with the offset just after it.
func (b *tomlBuilder) value(e *unstable.Node, start int, path []keyPart) (*Node, int) {
	switch e.Kind {
	case unstable.Array:
		n := &Node{Kind: List, Pos: b.src.pos(start)}
		b.state[n] = staticArray
		end := start + 1
		it := e.Children()
		for it.Next() {
			item, itemEnd := b.value(it.Node(), b.skipTrivia(end), path)
			n.List = append(n.List, item)
			end = itemEnd
		}
		return n, b.skipTrivia(end) + 1
	case unstable.InlineTable:
		start = int(e.Raw.Offset)
		n := &Node{Kind: Map, Pos: b.src.pos(start)}
		b.state[n] = dottedTable
		end := start + 1
		it := e.Children()
		for it.Next() {
			kv := it.Node()
			b.keyValue(n, path, kv)
			end = max(end, int(kv.Raw.Offset+kv.Raw.Length))
		}
		b.freeze(n)
		return n, b.skipTrivia(end) + 1
	}
	start = int(e.Raw.Offset)
	end := start + int(e.Raw.Length)
	n := &Node{Pos: b.src.pos(start)}
	raw := string(e.Data)
	var err error
	switch e.Kind {
	case unstable.String:
		n.Kind, n.Str = String, raw
	case unstable.Bool:
		n.Kind, n.Bool = Bool, raw == "true"
	case unstable.Integer:
		n.Kind = Int
		n.Int, err = tomlInt(raw)
	case unstable.Float:
		n.Kind = Float
		n.Float, err = tomlFloat(raw)
	case unstable.LocalDate:
		n.Kind = Date
		n.Time, err = time.Parse(time.DateOnly, raw)
	case unstable.LocalDateTime:
		n.Kind = LocalDateTime
		n.Time, err = parseTimestamp(raw, false)
	case unstable.DateTime:
		n.Kind = DateTime
		n.Time, err = parseTimestamp(raw, true)
	case unstable.LocalTime:
		n.Kind = LocalTime
		n.Time, err = parseTimeOfDay(raw)
	default:
		err = errors.New("unexpected " + e.Kind.String())
	}
	if err != nil {
		b.add(diag.Errorf(n.Pos, "syntax", "invalid %s %q", n.KindName(), raw).
			WithHint("%s", valueHint(n.Kind)))
	}
	return n, end
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

// freeze closes an inline table and everything in it to later additions.
func (b *tomlBuilder) freeze(n *Node) {
	switch n.Kind {
	case Map:
		b.state[n] = inlineTable
		for _, k := range n.Keys {
			b.freeze(n.Map[k])
		}
	case List:
		for _, item := range n.List {
			b.freeze(item)
		}
	}
}

// tomlInt parses a TOML integer: decimal with optional sign and no leading zeros,
// or 0x, 0o, 0b without sign; underscores only between digits.
func tomlInt(s string) (int64, error) {
	base, digits := 10, s
	if len(s) > 2 && s[0] == '0' {
		switch s[1] {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 10 {
			digits = s[2:]
		}
	}
	if base == 10 {
		unsigned := strings.TrimLeft(s, "+-")
		if len(s)-len(unsigned) > 1 || (len(unsigned) > 1 && unsigned[0] == '0') {
			return 0, errors.New("bad integer")
		}
	}
	clean, err := removeUnderscores(digits)
	if err != nil {
		return 0, err
	}
	if base != 10 && (clean == "" || clean[0] == '+' || clean[0] == '-') {
		return 0, errors.New("bad integer")
	}
	if base != 10 {
		u, err := strconv.ParseUint(clean, base, 64)
		if err != nil || u > math.MaxInt64 {
			return 0, errors.New("integer out of range")
		}
		return int64(u), nil
	}
	return strconv.ParseInt(clean, 10, 64)
}

// tomlFloat parses a TOML float.
func tomlFloat(s string) (float64, error) {
	switch strings.TrimLeft(s, "+-") {
	case "inf":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	mantissa, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, hasFrac := strings.Cut(mantissa, ".")
	unsigned := strings.TrimLeft(intPart, "+-")
	if len(intPart)-len(unsigned) > 1 || !allDigits(unsigned) || (len(unsigned) > 1 && unsigned[0] == '0') {
		return 0, errors.New("bad float")
	}
	if (hasFrac && !allDigits(frac)) || (!hasFrac && !hasExp) {
		return 0, errors.New("bad float")
	}
	if hasExp {
		e := strings.TrimLeft(exp, "+-")
		if len(exp)-len(e) > 1 || !allDigits(e) {
			return 0, errors.New("bad float")
		}
	}
	clean, err := removeUnderscores(s)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, err
	}
	if math.IsInf(f, 0) {
		return 0, errors.New("float out of range")
	}
	return f, nil
}

// allDigits reports whether s is one or more decimal digits, possibly with
// underscores between them.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '_' && i > 0 && i < len(s)-1 && isDigit(s[i-1]) && isDigit(s[i+1]):
		default:
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// removeUnderscores drops the underscores of a number, each of which must stand between two digits.
func removeUnderscores(s string) (string, error) {
	if !strings.Contains(s, "_") {
		return s, nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && (i == 0 || i == len(s)-1 || !isHex(s[i-1]) || !isHex(s[i+1])) {
			return "", errors.New("misplaced underscore")
		}
	}
	return strings.ReplaceAll(s, "_", ""), nil
}

// parseTimestamp parses a TOML date and time, with or without an offset. The separator
// may be T, t or a space; seconds may be left out (TOML 1.1).
func parseTimestamp(s string, offset bool) (time.Time, error) {
	if len(s) < 11 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
		return time.Time{}, errors.New("bad date-time")
	}
	date, rest := s[:10], s[11:]
	clock, zone := rest, ""
	if offset {
		i := strings.IndexAny(rest, "Zz+-")
		if i < 0 {
			return time.Time{}, errors.New("missing offset")
		}
		clock, zone = rest[:i], strings.ToUpper(rest[i:])
	}
	clock, err := fullClock(clock)
	if err != nil {
		return time.Time{}, err
	}
	if offset {
		if zone != "Z" && (len(zone) != 6 || zone[1:3] > "23" || zone[4:] > "59") {
			return time.Time{}, errors.New("bad offset")
		}
		return time.Parse(time.RFC3339Nano, date+"T"+clock+zone)
	}
	return time.Parse("2006-01-02T15:04:05", date+"T"+clock)
}

func parseTimeOfDay(s string) (time.Time, error) {
	clock, err := fullClock(s)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse("15:04:05", clock)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// fullClock checks HH:MM[:SS[.frac]] and adds the seconds when they are left out.
func fullClock(s string) (string, error) {
	hms, frac, hasFrac := strings.Cut(s, ".")
	if len(hms) == 5 && !hasFrac {
		hms += ":00"
	}
	ok := len(hms) == 8 && hms[2] == ':' && hms[5] == ':'
	for _, i := range []int{0, 1, 3, 4, 6, 7} {
		ok = ok && i < len(hms) && isDigit(hms[i])
	}
	if !ok || (hasFrac && (frac == "" || strings.Trim(frac, "0123456789") != "")) {
		return "", errors.New("bad time")
	}
	if hasFrac {
		return hms + "." + frac, nil
	}
	return hms, nil
}

// dotted writes a key path as TOML would, quoting parts that are not bare keys.
func dotted(parts []keyPart) string {
	var sb strings.Builder
	for i, p := range parts {
		if i > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(tomlKey(p.name))
	}
	return sb.String()
}

func tomlKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
			return strconv.Quote(k)
		}
	}
	return k
}

// article names the kind of n with "a" or "an", for messages.
func article(n *Node) string {
	name := n.KindName()
	if strings.IndexByte("aeiou", name[0]) >= 0 {
		return "an " + name
	}
	return "a " + name
}

func firstPos(n *Node) diag.Position {
	if n.KeyPos.Line > 0 {
		return n.KeyPos
	}
	return n.Pos
}
