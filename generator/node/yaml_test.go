package node

import (
	"strings"
	"testing"
	"time"
)

const positionsYAML = `# コメント
title: 日本語のタイトル
tags: [ä, "b", [1, 2]]
owner:
  name: Tom
  reviewed: 2026-10-01
products:
  - id: x
  - id: y
    sub: {key: 1}
ja: {名前: 値, 年: 2026-10-01}
quoted: "2026-10-01"
at: 2026-10-01T07:30:00+09:00
`

var yamlPositions = []posCase{
	{path: "title", kind: String, val: "2:8", key: "2:1"},
	{path: "tags", kind: List, val: "3:7", key: "3:1"},
	{path: "tags.0", kind: String, val: "3:8"},
	{path: "tags.1", kind: String, val: "3:11"},
	{path: "tags.2", kind: List, val: "3:16"},
	{path: "tags.2.1", kind: Int, val: "3:20"},
	{path: "owner", kind: Map, val: "5:3", key: "4:1"},
	{path: "owner.name", kind: String, val: "5:9", key: "5:3"},
	{path: "owner.reviewed", kind: Date, val: "6:13", key: "6:3"},
	{path: "products", kind: List, val: "8:3", key: "7:1"},
	{path: "products.0", kind: Map, val: "8:5"},
	{path: "products.1.sub", kind: Map, val: "10:10", key: "10:5"},
	{path: "products.1.sub.key", kind: Int, val: "10:16", key: "10:11"},
	{path: "ja.名前", kind: String, val: "11:10", key: "11:6"},
	{path: "ja.年", kind: Date, val: "11:16", key: "11:13"},
	{path: "quoted", kind: String, val: "12:9", key: "12:1"},
	{path: "at", kind: DateTime, val: "13:5", key: "13:1"},
}

func TestYAMLPositions(t *testing.T) {
	const file = "content/evidence/x.md"
	crlf := strings.ReplaceAll(positionsYAML, "\n", "\r\n")
	for _, c := range []struct {
		name  string
		data  string
		opts  []Option
		shift int
	}{
		{name: "LF", data: positionsYAML},
		{name: "CRLF", data: crlf},
		{name: "BOM+CRLF", data: "\uFEFF" + crlf},
		{name: "StartLine", data: positionsYAML, opts: []Option{StartLine(2)}, shift: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, diags := ParseYAML(file, []byte(c.data), c.opts...)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			checkPositions(t, file, root, yamlPositions, c.shift)
			if got := lookup(t, root, "quoted").Str; got != "2026-10-01" {
				t.Errorf("quoted = %q", got)
			}
			if got := lookup(t, root, "owner.reviewed").Time; !got.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("reviewed = %v", got)
			}
			if got := lookup(t, root, "at").Time; !got.Equal(time.Date(2026, 9, 30, 22, 30, 0, 0, time.UTC)) {
				t.Errorf("at = %v", got)
			}
			if got := lookup(t, root, "tags").KindName(); got != "list" {
				t.Errorf("KindName = %q, want list", got)
			}
		})
	}
}

func TestYAMLValues(t *testing.T) {
	doc := "n: ~\nb: true\ni: -12\nf: 1.5\ns: !!str 12\nl: |\n  two\n  lines\nbad: 2026-13-01\nbase: &b {x: 1, y: [1, 2]}\ncopy: *b\n"
	root, diags := ParseYAML("c.yaml", []byte(doc))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{"n", lookup(t, root, "n").Kind == Null},
		{"b", lookup(t, root, "b").Bool},
		{"i", lookup(t, root, "i").Int == -12},
		{"f", lookup(t, root, "f").Float == 1.5},
		{"s", lookup(t, root, "s").Kind == String && lookup(t, root, "s").Str == "12"},
		{"l", lookup(t, root, "l").Str == "two\nlines\n"},
		{"bad", lookup(t, root, "bad").Kind == String},
		{"copy.y.1", lookup(t, root, "copy.y.1").Int == 2},
	} {
		if !c.ok {
			t.Errorf("%s: wrong value", c.path)
		}
	}
	if got := lc(lookup(t, root, "copy").Pos); got != "11:7" {
		t.Errorf("alias value at %s, want 11:7 (where the alias is used)", got)
	}
	if got := lc(lookup(t, root, "copy").KeyPos); got != "11:1" {
		t.Errorf("alias key at %s, want 11:1", got)
	}
	empty, diags := ParseYAML("c.yaml", []byte("# only a comment\n"))
	if len(diags) > 0 || empty.Kind != Map || len(empty.Keys) != 0 {
		t.Errorf("comment-only document: %v %v, want an empty map", empty.KindName(), diags)
	}
}

func TestYAMLErrors(t *testing.T) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, prev := 'b', 'a'; i <= 'j'; i, prev = i+1, i {
		laughs += string(i) + ": &" + string(i) + " [" + strings.Repeat("*"+string(prev)+", ", 9) + "*" + string(prev) + "]\n"
	}
	for _, c := range []struct {
		doc, code, at, msg string
	}{
		{"a: 1\nb: 2\na: 3\n", "duplicate-key", "3:1", `mapping key "a" already defined`},
		{"a: 1\n  b: 2\n", "syntax", "1:4", "YAML syntax error"},
		{"a: [1, 2\n", "syntax", "1:4", "YAML syntax error"},
		{laughs, "syntax", "4:40", "expands to too many values"},
		{"a: *nope\n", "syntax", "", ""},
		{"<<: {a: 1}\n", "syntax", "1:1", "merge keys"},
		{"a: !custom x\n", "syntax", "1:4", "unsupported YAML tag !custom"},
		{"a: 1\n---\nb: 2\n", "syntax", "3:1", "more than one YAML document"},
		{"a: " + strings.Repeat("[", 300) + "\n", "syntax", "1:204", "nested"},
		{"a: 18446744073709551615\n", "syntax", "1:4", "out of range"},
		{"a: \"x\xffy\"\n", "encoding", "1:6", "invalid UTF-8"},
	} {
		_, diags := ParseYAML("c.yaml", []byte(c.doc))
		if len(diags) == 0 {
			t.Errorf("%q: no diagnostic, want %s at %s", c.doc, c.code, c.at)
			continue
		}
		d := diags[0]
		if d.Code != c.code || (c.at != "" && lc(d.Pos) != c.at) || d.Pos.File != "c.yaml" || d.Pos.Line < 1 ||
			!strings.Contains(d.Message, c.msg) || d.Hint == "" {
			t.Errorf("%q: got %s [%s], want %s at %s containing %q with a hint", c.doc, d.Error(), d.Code, c.code, c.at, c.msg)
		}
	}
}
