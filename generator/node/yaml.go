package node

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"strings"
	"time"

	yaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/evident-dev/evident/generator/diag"
)

const (
	// maxYAMLDepth bounds the nesting of flow collections, so that the YAML library's
	// recursion cannot exhaust the stack.
	maxYAMLDepth = 200
	// aliasBudget is how many values alias expansion may create beyond the document's own
	// size, so that a "billion laughs" document fails instead of eating memory.
	aliasBudget = 10000
)

// ParseYAML reads a YAML document holding one value. An empty document is an empty map.
// file names the document in positions.
func ParseYAML(file string, data []byte, opts ...Option) (root *Node, diags diag.List) {
	c := newConfig(opts)
	start := diag.Position{File: file, Line: c.firstLine, Col: 1}
	defer recoverInto(&diags, start)
	data = trimBOM(data)
	src := newSource(file, data, c)
	root = &Node{Kind: Map, Pos: start, yaml: true}
	if d := src.checkUTF8(); d != nil {
		return root, d
	}
	if off, ok := tooDeep(data); ok {
		return root, diag.List{diag.Errorf(src.pos(off), "syntax", "YAML nested more than %d levels deep", maxYAMLDepth).
			WithHint("flatten the structure")}
	}
	// The YAML library counts CR and LF as two line breaks; columns do not change.
	text := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	f, err := parser.ParseBytes(text, 0)
	if err != nil {
		return root, diag.List{yamlSyntaxError(src, err)}
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if doc == nil || doc.Body == nil || isComment(doc.Body) {
			continue
		}
		if body != nil {
			return root, diag.List{diag.Errorf(yamlPos(src, doc.Body), "syntax", "more than one YAML document (document %d)", i+1).
				WithHint("remove the --- line; front matter and config files hold one document")}
		}
		body = doc.Body
	}
	if body == nil {
		return root, nil
	}
	b := &yamlBuilder{src: src, anchors: map[string]*Node{}, budget: len(data) + aliasBudget}
	n := b.value(body)
	if n == nil {
		return root, b.diags
	}
	return n, b.diags
}

func isComment(n ast.Node) bool {
	switch n.(type) {
	case *ast.CommentGroupNode, *ast.CommentNode:
		return true
	}
	return false
}

// tooDeep finds where flow collections nest deeper than maxYAMLDepth, ignoring brackets in quotes
// only roughly; real front matter never comes close.
func tooDeep(data []byte) (int, bool) {
	depth := 0
	for i, c := range data {
		switch c {
		case '[', '{':
			depth++
			if depth > maxYAMLDepth {
				return i, true
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return 0, false
}

func yamlSyntaxError(src *source, err error) diag.Diagnostic {
	pos := diag.Position{File: src.file, Line: src.firstLine, Col: 1}
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg = libraryPos.ReplaceAllString(ye.GetMessage(), "")
		pos = tokenPos(src, ye.GetToken())
	}
	if strings.Contains(msg, "already defined") {
		return diag.Errorf(pos, "duplicate-key", "%s", msg).WithHint("remove one of them")
	}
	if strings.Contains(msg, "'\t'") {
		return diag.Errorf(pos, "syntax", "YAML syntax error: a tab character, which YAML does not allow for indentation").
			WithHint("indent with spaces")
	}
	return diag.Errorf(pos, "syntax", "YAML syntax error: %s", msg).
		WithHint("check the indentation and the quotes; a value with ': ' or ' #' in it needs quotes")
}

func tokenPos(src *source, tk *token.Token) diag.Position {
	if tk == nil || tk.Position == nil || tk.Position.Line < 1 {
		return diag.Position{File: src.file, Line: src.firstLine, Col: 1}
	}
	return diag.Position{File: src.file, Line: src.firstLine + tk.Position.Line - 1, Col: max(1, tk.Position.Column)}
}

// yamlPos is where n starts. The token of a block mapping is its first ':', so a mapping
// starts at its first key instead.
func yamlPos(src *source, n ast.Node) diag.Position {
	switch m := n.(type) {
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return yamlPos(src, m.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return yamlPos(src, m.Key)
	}
	return tokenPos(src, n.GetToken())
}

type yamlBuilder struct {
	src     *source
	anchors map[string]*Node
	budget  int // values left to create
	diags   diag.List
}

func (b *yamlBuilder) add(d diag.Diagnostic) { b.diags = append(b.diags, d) }

// value converts n; it returns nil after reporting a problem that leaves no value.
func (b *yamlBuilder) value(n ast.Node) *Node {
	b.budget--
	pos := yamlPos(b.src, n)
	out := &Node{Pos: pos, yaml: true}
	switch n := n.(type) {
	case *ast.NullNode:
		out.Kind = Null
	case *ast.BoolNode:
		out.Kind, out.Bool = Bool, n.Value
	case *ast.IntegerNode:
		out.Kind = Int
		switch v := n.Value.(type) {
		case int64:
			out.Int = v
		case uint64:
			if v > math.MaxInt64 {
				b.add(diag.Errorf(pos, "syntax", "integer %s is out of range", n.Token.Value).
					WithHint("integers must fit in 64 bits; quote the value to keep it as text"))
			}
			out.Int = int64(v)
		}
	case *ast.FloatNode:
		out.Kind, out.Float = Float, n.Value
	case *ast.InfinityNode:
		out.Kind, out.Float = Float, n.Value
	case *ast.NanNode:
		out.Kind, out.Float = Float, math.NaN()
	case *ast.StringNode:
		out.Kind, out.Str = String, n.Value
		if n.Token.Type == token.StringType {
			plainTime(out)
		}
	case *ast.LiteralNode:
		out.Kind = String
		if n.Value != nil {
			out.Str = n.Value.Value
		}
	case *ast.MappingNode:
		out.Kind = Map
		for _, mv := range n.Values {
			b.entry(out, mv)
		}
	case *ast.MappingValueNode:
		out.Kind = Map
		b.entry(out, n)
	case *ast.SequenceNode:
		out.Kind = List
		for _, v := range n.Values {
			if item := b.value(v); item != nil {
				out.List = append(out.List, item)
			}
		}
	case *ast.AnchorNode:
		v := b.value(n.Value)
		if v != nil {
			b.anchors[n.Name.GetToken().Value] = v
		}
		return v
	case *ast.AliasNode:
		return b.alias(n, pos)
	case *ast.TagNode:
		return b.tagged(n, pos)
	default:
		b.add(diag.Errorf(pos, "syntax", "unsupported YAML %s", strings.ToLower(n.Type().String())).
			WithHint("use plain mappings, lists and scalars"))
		return nil
	}
	return out
}

// entry adds one key: value pair to the map m.
func (b *yamlBuilder) entry(m *Node, mv *ast.MappingValueNode) {
	var key ast.Node = mv.Key
	if k, ok := key.(*ast.MappingKeyNode); ok {
		key = k.Value
	}
	keyPos := yamlPos(b.src, key)
	var name string
	switch k := key.(type) {
	case *ast.MergeKeyNode:
		b.add(diag.Errorf(keyPos, "syntax", "YAML merge keys (<<) are not supported").
			WithHint("write the keys out"))
		return
	case *ast.StringNode:
		name = k.Value
	case ast.ScalarNode:
		name = k.GetToken().Value
	default:
		b.add(diag.Errorf(keyPos, "syntax", "a YAML key must be a plain value, not a %s", strings.ToLower(key.Type().String())).
			WithHint("use text keys"))
		return
	}
	if prev, ok := m.Map[name]; ok {
		b.add(diag.Errorf(keyPos, "duplicate-key", "key %q is defined twice; first at %s", name, prev.KeyPos).
			WithHint("remove one of them"))
		return
	}
	v := &Node{Kind: Null, Pos: keyPos, yaml: true}
	if mv.Value != nil {
		if v = b.value(mv.Value); v == nil {
			return
		}
	}
	v.KeyPos = keyPos
	m.set(name, v)
}

func (b *yamlBuilder) alias(n *ast.AliasNode, pos diag.Position) *Node {
	name := n.Value.GetToken().Value
	target, ok := b.anchors[name]
	if !ok {
		b.add(diag.Errorf(pos, "syntax", "unknown YAML alias *%s", name).
			WithHint("define the anchor &%s before it is used", name))
		return nil
	}
	c := b.clone(target)
	if c == nil {
		b.add(diag.Errorf(pos, "syntax", "YAML alias *%s expands to too many values", name).
			WithHint("write the values out instead of nesting aliases"))
		return nil
	}
	c.Pos = pos
	return c
}

// clone copies n so that each use of an alias has its own positions; it returns nil
// when the copy would exceed the budget.
func (b *yamlBuilder) clone(n *Node) *Node {
	if b.budget--; b.budget < 0 {
		return nil
	}
	c := *n
	c.Keys = append([]string(nil), n.Keys...)
	c.KeyPos = diag.Position{}
	if n.Map != nil {
		c.Map = make(map[string]*Node, len(n.Map))
		for k, v := range n.Map {
			cv := b.clone(v)
			if cv == nil {
				return nil
			}
			cv.KeyPos = v.KeyPos
			c.Map[k] = cv
		}
	}
	if n.List != nil {
		c.List = make([]*Node, len(n.List))
		for i, v := range n.List {
			if c.List[i] = b.clone(v); c.List[i] == nil {
				return nil
			}
		}
	}
	return &c
}

// tagged handles a value with an explicit tag: !!str makes it text, the other core tags
// keep the value as it is read, and any other tag is an error.
func (b *yamlBuilder) tagged(n *ast.TagNode, pos diag.Position) *Node {
	tag := n.Start.Value
	switch tag {
	case "!!str":
		out := &Node{Kind: String, Pos: pos, yaml: true}
		if n.Value != nil {
			if s, ok := n.Value.(ast.ScalarNode); ok {
				out.Str = s.GetToken().Value
				if l, ok := n.Value.(*ast.LiteralNode); ok && l.Value != nil {
					out.Str = l.Value.Value
				}
				return out
			}
			b.add(diag.Errorf(pos, "bad-type", "!!str on a %s", strings.ToLower(n.Value.Type().String())).
				WithHint("use !!str on text only"))
		}
		return out
	case "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp":
		if n.Value == nil {
			return &Node{Kind: Null, Pos: pos, yaml: true}
		}
		v := b.value(n.Value)
		if v != nil {
			v.Pos = pos
		}
		return v
	}
	b.add(diag.Errorf(pos, "syntax", "unsupported YAML tag %s", tag).
		WithHint("remove the tag"))
	return nil
}

// libraryPos is a position the YAML library writes into its messages, such as " at [1:1]",
// in its own coordinates; the diagnostic has the right one.
var libraryPos = regexp.MustCompile(` at \[[0-9]+:[0-9]+\]`)

var (
	yamlDate     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	yamlDateTime = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|z|[+-][0-9]{2}:[0-9]{2})?$`)
)

// plainTime turns a plain (unquoted) scalar that is a valid date or timestamp into a Date
// or DateTime; a timestamp without offset is UTC, as YAML says.
func plainTime(n *Node) {
	s := n.Str
	switch {
	case yamlDate.MatchString(s):
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			n.Kind, n.Time, n.Str = Date, t, ""
		}
	case yamlDateTime.MatchString(s):
		v := []byte(strings.ToUpper(s))
		v[10] = 'T'
		layout := time.RFC3339Nano
		if !bytes.ContainsAny(v[11:], "Z+-") {
			layout = "2006-01-02T15:04:05"
		}
		if t, err := time.Parse(layout, string(v)); err == nil {
			n.Kind, n.Time, n.Str = DateTime, t, ""
		}
	}
}
