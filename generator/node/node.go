// Package node owns the position-carrying document tree that evident reads TOML and
// YAML into: evidence front matter, the site config evident.toml and catalog files.
//
// Every key and value keeps the place where it starts, so that any later check can
// report file:line:col. Columns count Unicode characters, not bytes. [Fields] reads typed
// values out of a tree for the decoders of those files.
//
// TOML is decoded and validated by github.com/BurntSushi/toml, the reference decoder; one
// locator finds where each key and value is. Measured against the decoder alone: it leaves
// some of TOML's table rules unchecked (its own test suite skips those cases) and, for
// a.b.c = 1 then a.b = 2, silently keeps the first value; the locator reports those as
// duplicate keys. It is also about four times slower than the go-toml parser it replaced
// (BenchmarkParseTOML: some 2.5 ms instead of 0.6 ms for a front matter of 1,000 lines,
// 0.2 ms instead of 0.05 ms for a site config), which is small beside a build.
package node

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/diag"
)

// Kind is the type of a value.
type Kind int

const (
	Null Kind = iota // YAML null or an empty YAML value
	Map              // TOML table, YAML mapping
	List             // TOML array, YAML sequence
	String
	Int // a signed 64-bit integer
	Float
	Bool
	Date          // a local date such as 2026-10-01; Time is at midnight UTC
	DateTime      // a date and time with an offset (or, in YAML, without one: UTC)
	LocalDateTime // a TOML date and time without an offset; Time is in UTC
	LocalTime     // a TOML time of day without a date; Time is on 0000-01-01 UTC
)

// Node is one value of a document.
type Node struct {
	Kind Kind
	// Pos is where the value starts.
	Pos diag.Position
	// KeyPos is where the key of a map entry starts; it is zero for list items and the root.
	KeyPos diag.Position

	// The scalar, by kind.
	Str   string
	Int   int64
	Float float64
	Bool  bool
	Time  time.Time

	Keys []string         // map keys in document order
	Map  map[string]*Node // map entries
	List []*Node          // list items

	yaml bool // came from YAML: names kinds the YAML way in messages
}

// Get returns the entry key of a map, or nil when n is nil, not a map or has no such key.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	return n.Map[key]
}

// Start is where the entry n starts: its key, or its value for list items and the root.
func (n *Node) Start() diag.Position {
	if n.KeyPos.Line > 0 {
		return n.KeyPos
	}
	return n.Pos
}

// KindName names the kind of n for messages, in the words of the format it came from:
// "table" and "array" for TOML, "map" and "list" for YAML.
func (n *Node) KindName() string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case Null:
		return "null"
	case Map:
		if n.yaml {
			return "map"
		}
		return "table"
	case List:
		if n.yaml {
			return "list"
		}
		return "array"
	case String:
		return "string"
	case Int:
		return "integer"
	case Float:
		return "float"
	case Bool:
		return "boolean"
	case Date:
		return "date"
	case DateTime:
		return "date-time"
	case LocalDateTime:
		return "local date-time"
	case LocalTime:
		return "local time"
	}
	return fmt.Sprintf("kind(%d)", int(n.Kind))
}

// article names the kind of n with "a" or "an", for messages.
func article(n *Node) string {
	name := n.KindName()
	if strings.IndexByte("aeiou", name[0]) >= 0 {
		return "an " + name
	}
	return "a " + name
}

// set adds an entry to the map n, keeping document order.
func (n *Node) set(key string, v *Node) {
	if n.Map == nil {
		n.Map = make(map[string]*Node)
	}
	n.Keys = append(n.Keys, key)
	n.Map[key] = v
}

// Option changes how a document is parsed.
type Option func(*config)

type config struct {
	firstLine int
}

// StartLine says that the first byte of the data is on the given line of the file,
// as when front matter starts on line 2 of a Markdown file. Positions are then in the
// file's coordinates.
func StartLine(line int) Option {
	return func(c *config) {
		if line > 0 {
			c.firstLine = line
		}
	}
}

func newConfig(opts []Option) config {
	c := config{firstLine: 1}
	for _, o := range opts {
		o(&c)
	}
	return c
}

var bom = []byte("\uFEFF")

// source maps byte offsets of a document to positions in its file.
type source struct {
	file      string
	data      []byte
	lineStart []int // byte offset where each line starts
	firstLine int
}

func newSource(file string, data []byte, c config) *source {
	s := &source{file: file, data: data, lineStart: []int{0}, firstLine: c.firstLine}
	for i, b := range data {
		if b == '\n' {
			s.lineStart = append(s.lineStart, i+1)
		}
	}
	return s
}

// pos returns the position of the byte at offset off; offsets past the end are clamped.
func (s *source) pos(off int) diag.Position {
	off = max(0, min(off, len(s.data)))
	// The last line that starts at or before off.
	lo, hi := 0, len(s.lineStart)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lineStart[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := utf8.RuneCount(s.data[s.lineStart[lo]:off]) + 1
	return diag.Position{File: s.file, Line: s.firstLine + lo, Col: col}
}

// checkUTF8 reports the first byte of data that is not valid UTF-8.
func (s *source) checkUTF8() diag.List {
	if utf8.Valid(s.data) {
		return nil
	}
	off := 0
	for off < len(s.data) {
		r, size := utf8.DecodeRune(s.data[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return diag.List{EncodingError(s.pos(off))}
}

// EncodingError is the diagnostic for bytes that are not UTF-8, at pos.
func EncodingError(pos diag.Position) diag.Diagnostic {
	return diag.Errorf(pos, "encoding", "invalid UTF-8").
		WithHint("save the file as UTF-8")
}

// trimBOM removes a leading UTF-8 byte order mark.
func trimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, bom)
}

// recoverInto turns a panic in a library into a diagnostic, so that no input can crash evident.
func recoverInto(diags *diag.List, start diag.Position) {
	if r := recover(); r != nil {
		*diags = append(*diags, diag.Errorf(start, "syntax",
			"cannot parse this file: internal error: %v", r).
			WithHint("please report this as a bug in evident, with the file"))
	}
}
