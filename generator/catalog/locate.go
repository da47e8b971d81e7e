package catalog

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// locator knows where each key of a TOML document is written, so that problems found after
// decoding can be reported at a line and column. It reads documents that the TOML decoder has
// already accepted, and is not a validating parser.
//
// A key is named by its path, with the elements of arrays (of tables, or inline) named by their
// index: items.3.title.ja is the key ja of the title of the fourth [[items]].
type locator struct {
	src        string
	lineStarts []int
	keys       map[string]spot
	arrays     map[string]int // resolved path of each array of tables -> elements so far
	i          int
}

// spot is where a key and its value start, as byte offsets.
type spot struct{ key, value int }

func pathKey(path []string) string { return strings.Join(path, "\x00") }

// child returns a new path: path followed by keys.
func child(path []string, keys ...string) []string {
	return append(append(make([]string, 0, len(path)+len(keys)), path...), keys...)
}

func locate(src string) *locator {
	l := &locator{src: src, lineStarts: lineStarts(src), keys: map[string]spot{}, arrays: map[string]int{}}
	l.document()
	return l
}

// lineCol converts a byte offset to a 1-based line and rune column.
func (l *locator) lineCol(off int) (line, col int) {
	off = min(max(off, 0), len(l.src))
	line = sort.Search(len(l.lineStarts), func(i int) bool { return l.lineStarts[i] > off })
	return line, utf8.RuneCountInString(l.src[l.lineStarts[line-1]:off]) + 1
}

// find returns the spot of a path, or of its nearest ancestor that was found.
func (l *locator) find(path []string) (spot, bool) {
	for n := len(path); n > 0; n-- {
		if s, ok := l.keys[pathKey(path[:n])]; ok {
			return s, n == len(path)
		}
	}
	return spot{}, false
}

func (l *locator) document() {
	var table []string
	for {
		l.skip(true)
		if l.i >= len(l.src) {
			return
		}
		start := l.i
		switch {
		case strings.HasPrefix(l.src[l.i:], "[["):
			l.i += 2
			keys := l.keyPath()
			l.i += 2 // ]]
			path := append(l.resolve(keys[:len(keys)-1]), keys[len(keys)-1])
			k := pathKey(path)
			n := l.arrays[k]
			l.arrays[k] = n + 1
			table = append(path, strconv.Itoa(n))
			l.keys[pathKey(table)] = spot{start, start}
		case l.src[l.i] == '[':
			l.i++
			table = l.resolve(l.keyPath())
			l.i++ // ]
			l.keys[pathKey(table)] = spot{start, start}
		default:
			keys := l.keyPath()
			l.i++ // =
			l.skip(false)
			l.value(child(table, keys...), start)
		}
	}
}

// resolve names the current element of every array of tables along keys.
func (l *locator) resolve(keys []string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k)
		if n, ok := l.arrays[pathKey(out)]; ok {
			out = append(out, strconv.Itoa(n-1))
		}
	}
	return out
}

// skip passes spaces and comments, and newlines when newlines is set.
func (l *locator) skip(newlines bool) {
	for l.i < len(l.src) {
		switch c := l.src[l.i]; {
		case c == ' ' || c == '\t':
			l.i++
		case newlines && (c == '\n' || c == '\r'):
			l.i++
		case newlines && c == '#':
			for l.i < len(l.src) && l.src[l.i] != '\n' {
				l.i++
			}
		default:
			return
		}
	}
}

// keyPath reads a dotted key and the spaces after it.
func (l *locator) keyPath() []string {
	var keys []string
	for {
		l.skip(false)
		keys = append(keys, l.key())
		l.skip(false)
		if l.i >= len(l.src) || l.src[l.i] != '.' {
			return keys
		}
		l.i++
	}
}

func (l *locator) key() string {
	if l.i >= len(l.src) {
		return ""
	}
	start := l.i
	switch l.src[l.i] {
	case '"':
		l.str('"', false)
		if k, err := strconv.Unquote(l.src[start:l.i]); err == nil {
			return k
		}
		return l.src[start+1 : l.i-1]
	case '\'':
		l.str('\'', false)
		return l.src[start+1 : l.i-1]
	}
	for l.i < len(l.src) && isBare(l.src[l.i]) {
		l.i++
	}
	return l.src[start:l.i]
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value records path at key offset k and reads the value that starts at l.i. The tables that
// a dotted key (title.en = …) defines on the way are recorded at the key too.
func (l *locator) value(path []string, k int) {
	for n := 1; n < len(path); n++ {
		if _, ok := l.keys[pathKey(path[:n])]; !ok {
			l.keys[pathKey(path[:n])] = spot{k, k}
		}
	}
	l.keys[pathKey(path)] = spot{k, l.i}
	if l.i >= len(l.src) {
		return
	}
	switch c := l.src[l.i]; c {
	case '"', '\'':
		l.str(c, strings.HasPrefix(l.src[l.i:], strings.Repeat(string(c), 3)))
	case '[':
		l.i++
		for n := 0; ; n++ {
			l.skip(true)
			if l.i >= len(l.src) || l.src[l.i] == ']' {
				break
			}
			before := l.i
			l.value(child(path, strconv.Itoa(n)), l.i)
			l.skip(true)
			if l.i < len(l.src) && l.src[l.i] == ',' || l.i == before {
				l.i++
			}
		}
		l.i++
	case '{':
		l.i++
		for {
			l.skip(true)
			if l.i >= len(l.src) || l.src[l.i] == '}' {
				break
			}
			start := l.i
			keys := l.keyPath()
			l.i++ // =
			l.skip(false)
			l.value(child(path, keys...), start)
			l.skip(true)
			if l.i < len(l.src) && l.src[l.i] == ',' {
				l.i++
			}
		}
		l.i++
	default:
		for l.i < len(l.src) && !strings.ContainsRune(",]}\r\n#", rune(l.src[l.i])) {
			l.i++
		}
	}
}

// str reads a string quoted by q; multi-line strings when multi is set.
func (l *locator) str(q byte, multi bool) {
	open := 1
	if multi {
		open = 3
	}
	l.i += open
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\\' && q == '"':
			l.i += 2
		case c == q && (!multi || strings.HasPrefix(l.src[l.i:], strings.Repeat(string(q), 3))):
			l.i += open
			// A multi-line string may end with one or two quotes before its closing three.
			for n := 0; multi && n < 2 && l.i < len(l.src) && l.src[l.i] == q; n++ {
				l.i++
			}
			return
		default:
			l.i++
		}
	}
}
