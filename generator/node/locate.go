package node

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/diag"
)

// locator walks a TOML document to build its tree: where each key and value starts, which
// table each key goes into, and the table rules that the decoder does not check. Values are
// the decoder's: the locator leaves scalars Null for fill. It stops at the first byte it
// cannot read, so it ends on any input; its tree is exact for documents the decoder accepts.
type locator struct {
	src   *source
	data  []byte
	i     int // read offset
	root  *Node
	cur   *Node     // the table that key/value lines go into
	path  []keyPart // the key of cur, for messages
	state map[*Node]tableState
	diags diag.List
	// scalars maps the offset of each number, boolean, date and time to the offset after it,
	// when it is not nil.
	scalars map[int]int
}

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

// keyPart is one part of a possibly dotted key.
type keyPart struct {
	name string
	pos  diag.Position
}

func newLocator(src *source, data []byte) *locator {
	root := &Node{Kind: Map, Pos: src.pos(0)}
	return &locator{src: src, data: data, root: root, cur: root, state: map[*Node]tableState{root: headerTable}}
}

// document reads the expressions of the document: headers and key/value lines.
func (l *locator) document() {
	for {
		l.skipTrivia(false)
		switch {
		case l.i >= len(l.data):
			return
		case l.at("[["):
			l.i += 2
			if parts := l.key(); parts != nil && l.expect("]]") {
				l.arrayTable(parts)
			}
		case l.data[l.i] == '[':
			l.i++
			if parts := l.key(); parts != nil && l.expect("]") {
				l.table(parts)
			}
		default:
			l.keyValue(l.cur, l.path)
		}
	}
}

// stop ends the walk at a byte the locator cannot read.
func (l *locator) stop() { l.i = len(l.data) }

func (l *locator) at(s string) bool { return bytes.HasPrefix(l.data[l.i:], []byte(s)) }

func (l *locator) peek() byte {
	if l.i < len(l.data) {
		return l.data[l.i]
	}
	return 0
}

// expect reads s, or stops.
func (l *locator) expect(s string) bool {
	if l.at(s) {
		l.i += len(s)
		return true
	}
	l.stop()
	return false
}

func (l *locator) skipBlanks() {
	for l.peek() == ' ' || l.peek() == '\t' {
		l.i++
	}
}

// skipTrivia skips whitespace, newlines and comments, and commas when commas is set
// (between the items of an array or an inline table).
func (l *locator) skipTrivia(commas bool) {
	for l.i < len(l.data) {
		switch l.data[l.i] {
		case ' ', '\t', '\r', '\n':
		case ',':
			if !commas {
				return
			}
		case '#':
			for l.i < len(l.data) && l.data[l.i] != '\n' {
				l.i++
			}
			continue
		default:
			return
		}
		l.i++
	}
}

// key reads a possibly dotted key and the blanks around it; nil when there is none.
func (l *locator) key() []keyPart {
	var parts []keyPart
	for {
		l.skipBlanks()
		start := l.i
		name, ok := l.keyName()
		if !ok {
			l.stop()
			return nil
		}
		parts = append(parts, keyPart{name: name, pos: l.src.pos(start)})
		l.skipBlanks()
		if l.peek() != '.' {
			return parts
		}
		l.i++
	}
}

// keyName reads one part of a key: bare, "quoted" or 'literal'.
func (l *locator) keyName() (string, bool) {
	start := l.i
	switch l.peek() {
	case '"':
		if !l.str() {
			return "", false
		}
		return unescape(string(l.data[start+1 : l.i-1])), true
	case '\'':
		if !l.str() {
			return "", false
		}
		return string(l.data[start+1 : l.i-1]), true
	}
	for l.i < len(l.data) && isBare(l.data[l.i]) {
		l.i++
	}
	return string(l.data[start:l.i]), l.i > start
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// str reads a string that starts at l.i: basic or literal, on one line or several.
func (l *locator) str() bool {
	q := l.data[l.i]
	triple := `"""`
	if q == '\'' {
		triple = "'''"
	}
	multi := l.at(triple)
	if multi {
		l.i += 3
	} else {
		l.i++
	}
	for l.i < len(l.data) {
		c := l.data[l.i]
		switch {
		case c == '\\' && q == '"':
			l.i += 2
			continue
		case c == '\n' && !multi:
			return false
		case c == q && !multi:
			l.i++
			return true
		case c == q && l.at(triple):
			l.i += 3
			// A multi-line string may end with one or two quotes before its closing three.
			for n := 0; n < 2 && l.peek() == q; n++ {
				l.i++
			}
			return true
		}
		l.i++
	}
	l.stop()
	return false
}

// unescape decodes the escapes of a basic string that the decoder has accepted.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			r, err := strconv.ParseUint(s[i+1:min(i+1+n, len(s))], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				r = utf8.RuneError
			}
			b.WriteRune(rune(r))
			i += n
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// value reads the value that starts at l.i, whose key is path.
func (l *locator) value(path []keyPart) *Node {
	n := &Node{Pos: l.src.pos(l.i)}
	switch l.peek() {
	case '"', '\'':
		n.Kind = String
		l.str()
	case '[':
		n.Kind = List
		l.state[n] = staticArray
		l.i++
		for l.items(']') {
			n.List = append(n.List, l.value(path))
		}
	case '{':
		n.Kind = Map
		l.state[n] = dottedTable
		l.i++
		for l.items('}') {
			l.keyValue(n, path)
		}
		l.freeze(n)
	default:
		start := l.i
		for l.i < len(l.data) && !strings.ContainsRune(",]}\r\n#", rune(l.data[l.i])) {
			l.i++
		}
		if l.i == start {
			l.stop()
		}
		n.Kind, _ = scalarKind(strings.TrimRight(string(l.data[start:l.i]), " \t"))
		if l.scalars != nil {
			l.scalars[start] = l.i
		}
	}
	return n
}

// items moves to the next item of an array or inline table, and reports whether there is one
// before the closing byte, which it reads.
func (l *locator) items(closing byte) bool {
	l.skipTrivia(true)
	switch l.peek() {
	case 0:
		l.stop()
		return false
	case closing:
		l.i++
		return false
	}
	return true
}

// keyValue adds a `key = value` line (or an inline-table entry) to the table t, whose key is prefix.
func (l *locator) keyValue(t *Node, prefix []keyPart) {
	keys := l.key()
	if keys == nil || !l.expect("=") {
		return
	}
	l.skipBlanks()
	parts := append(slices.Clip(prefix), keys...)
	n := len(prefix)
	for i, k := range keys[:len(keys)-1] {
		if t = l.dottedChild(t, k, parts[:n+i+1]); t == nil {
			break
		}
	}
	v := l.value(parts)
	if t == nil {
		return
	}
	last := keys[len(keys)-1]
	if prev, ok := t.Map[last.name]; ok {
		l.duplicate(last.pos, parts, prev)
		return
	}
	v.KeyPos = last.pos
	t.set(last.name, v)
}

// dottedChild returns the table for the non-final part k of a dotted key in t, creating it.
func (l *locator) dottedChild(t *Node, k keyPart, path []keyPart) *Node {
	ex, ok := t.Map[k.name]
	if !ok {
		m := &Node{Kind: Map, Pos: k.pos, KeyPos: k.pos}
		l.state[m] = dottedTable
		t.set(k.name, m)
		return m
	}
	if ex.Kind == Map && l.state[ex] == dottedTable {
		return ex
	}
	switch {
	case ex.Kind == Map && l.state[ex] == inlineTable:
		l.add(diag.Errorf(k.pos, "duplicate-key", "cannot add keys to inline table %s defined at %s", dotted(path), ex.Pos).
			WithHint("write all its keys inside the { } braces"))
	case ex.Kind == Map:
		l.add(diag.Errorf(k.pos, "duplicate-key", "cannot add keys to table %s with dotted keys: it is defined at %s", dotted(path), ex.Pos).
			WithHint("write the key under the [%s] header instead", dotted(path)))
	default:
		l.duplicate(k.pos, path, ex)
	}
	return nil
}

func (l *locator) add(d diag.Diagnostic) { l.diags = append(l.diags, d) }

func (l *locator) duplicate(pos diag.Position, path []keyPart, prev *Node) {
	l.add(diag.Errorf(pos, "duplicate-key", "key %s is defined twice; first at %s", dotted(path), prev.Start()).
		WithHint("remove one of them"))
}

// headerChild returns the table that the non-final part k of a [header] key goes through.
func (l *locator) headerChild(t *Node, k keyPart, path []keyPart) *Node {
	ex, ok := t.Map[k.name]
	if !ok {
		m := &Node{Kind: Map, Pos: k.pos, KeyPos: k.pos}
		l.state[m] = implicitTable
		t.set(k.name, m)
		return m
	}
	switch {
	case ex.Kind == Map && l.state[ex] != inlineTable:
		return ex
	case ex.Kind == List && l.state[ex] == arrayOfTables && len(ex.List) > 0:
		return ex.List[len(ex.List)-1]
	case ex.Kind == Map:
		l.add(diag.Errorf(k.pos, "duplicate-key", "cannot add a table to inline table %s defined at %s", dotted(path), ex.Pos).
			WithHint("write all its keys inside the { } braces"))
	default:
		l.add(diag.Errorf(k.pos, "duplicate-key", "key %s is already defined as %s at %s, not as a table", dotted(path), article(ex), ex.Start()).
			WithHint("rename one of them"))
	}
	return nil
}

func (l *locator) headerParent(parts []keyPart) *Node {
	t := l.root
	for i, k := range parts[:len(parts)-1] {
		if t = l.headerChild(t, k, parts[:i+1]); t == nil {
			return nil
		}
	}
	return t
}

// table handles a [header] line.
func (l *locator) table(parts []keyPart) {
	l.cur, l.path = &Node{Kind: Map}, parts // where keys go after an error: nowhere
	t := l.headerParent(parts)
	if t == nil {
		return
	}
	last := parts[len(parts)-1]
	ex, ok := t.Map[last.name]
	switch {
	case !ok:
		m := &Node{Kind: Map, Pos: last.pos, KeyPos: last.pos}
		l.state[m] = headerTable
		t.set(last.name, m)
		l.cur = m
	case ex.Kind == Map && l.state[ex] == implicitTable:
		l.state[ex] = headerTable
		ex.Pos, ex.KeyPos = last.pos, last.pos
		l.cur = ex
	case ex.Kind == Map && l.state[ex] == headerTable:
		l.add(diag.Errorf(last.pos, "duplicate-key", "table [%s] is defined twice; first at %s", dotted(parts), ex.Pos).
			WithHint("merge the two tables into one"))
	case ex.Kind == Map:
		l.add(diag.Errorf(last.pos, "duplicate-key", "table [%s] is already defined at %s", dotted(parts), ex.Pos).
			WithHint("a table defined with dotted keys or { } cannot be defined again with a header"))
	case ex.Kind == List && l.state[ex] == arrayOfTables:
		l.add(diag.Errorf(last.pos, "duplicate-key", "%s is an array of tables defined at %s", dotted(parts), ex.Pos).
			WithHint("write [[%s]] to add an element", dotted(parts)))
	default:
		l.add(diag.Errorf(last.pos, "duplicate-key", "key %s is already defined as %s at %s, not as a table", dotted(parts), article(ex), ex.Start()).
			WithHint("rename one of them"))
	}
}

// arrayTable handles a [[header]] line.
func (l *locator) arrayTable(parts []keyPart) {
	l.cur, l.path = &Node{Kind: Map}, parts
	t := l.headerParent(parts)
	if t == nil {
		return
	}
	last := parts[len(parts)-1]
	ex, ok := t.Map[last.name]
	switch {
	case !ok:
		ex = &Node{Kind: List, Pos: last.pos, KeyPos: last.pos}
		l.state[ex] = arrayOfTables
		t.set(last.name, ex)
	case ex.Kind == List && l.state[ex] == arrayOfTables:
	default:
		l.add(diag.Errorf(last.pos, "duplicate-key", "key %s is already defined as %s at %s, not as an array of tables", dotted(parts), article(ex), ex.Start()).
			WithHint("rename one of them"))
		return
	}
	m := &Node{Kind: Map, Pos: last.pos}
	l.state[m] = headerTable
	ex.List = append(ex.List, m)
	l.cur = m
}

// freeze closes an inline table and everything in it to later additions.
func (l *locator) freeze(n *Node) {
	switch n.Kind {
	case Map:
		l.state[n] = inlineTable
		for _, k := range n.Keys {
			l.freeze(n.Map[k])
		}
	case List:
		for _, item := range n.List {
			l.freeze(item)
		}
	}
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
	for i := 0; i < len(k); i++ {
		if !isBare(k[i]) {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
