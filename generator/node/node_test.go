package node

import (
	"strconv"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// lookup follows a dotted path of map keys and list indexes, such as "products.1.id".
func lookup(t *testing.T, root *Node, path string) *Node {
	t.Helper()
	n := root
	for _, part := range strings.Split(path, ".") {
		if i, err := strconv.Atoi(part); err == nil && n.Kind == List {
			if i >= len(n.List) {
				t.Fatalf("%s: index %d out of range", path, i)
			}
			n = n.List[i]
			continue
		}
		if n = n.Get(part); n == nil {
			t.Fatalf("%s: no key %q", path, part)
		}
	}
	return n
}

// posCase says where the value (and, when key is set, the key) at path must be.
type posCase struct {
	path     string
	kind     Kind
	val, key string // "line:col"
}

func lc(p diag.Position) string {
	if p.Line == 0 {
		return ""
	}
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// checkPositions asserts every case against root, with lines shifted by shift.
func checkPositions(t *testing.T, file string, root *Node, cases []posCase, shift int) {
	t.Helper()
	for _, c := range cases {
		n := lookup(t, root, c.path)
		if n.Kind != c.kind {
			t.Errorf("%s: kind %s, want %v", c.path, n.KindName(), c.kind)
		}
		if n.Pos.File != file {
			t.Errorf("%s: file %q, want %q", c.path, n.Pos.File, file)
		}
		if got, want := lc(n.Pos), shiftLC(c.val, shift); got != want {
			t.Errorf("%s: value at %s, want %s", c.path, got, want)
		}
		if got, want := lc(n.KeyPos), shiftLC(c.key, shift); got != want {
			t.Errorf("%s: key at %s, want %s", c.path, got, want)
		}
	}
}

func shiftLC(s string, shift int) string {
	if s == "" {
		return ""
	}
	line, col, _ := strings.Cut(s, ":")
	n, _ := strconv.Atoi(line)
	return strconv.Itoa(n+shift) + ":" + col
}

func TestGetAndKindName(t *testing.T) {
	var nilNode *Node
	if nilNode.Get("x") != nil {
		t.Error("Get on nil node is not nil")
	}
	if (&Node{Kind: String}).Get("x") != nil {
		t.Error("Get on a string is not nil")
	}
	for _, c := range []struct {
		n    *Node
		want string
	}{
		{&Node{Kind: Map}, "table"},
		{&Node{Kind: Map, yaml: true}, "map"},
		{&Node{Kind: List}, "array"},
		{&Node{Kind: List, yaml: true}, "list"},
		{&Node{Kind: Date}, "date"},
		{&Node{Kind: Bool}, "boolean"},
		{nilNode, "nothing"},
	} {
		if got := c.n.KindName(); got != c.want {
			t.Errorf("KindName(%v) = %q, want %q", c.n.Kind, got, c.want)
		}
	}
}
