package evidence

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/node"
	"github.com/evident-dev/evident/generator/suggest"
)

// Dir is where evidence files live in a site.
const Dir = "content/evidence/"

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// LangOf splits a file name in Hugo's convention: "hardened.en.md" is ("hardened", "en"),
// "hardened.md" is ("hardened", ""). A language is 2 or 3 letters, optionally with a region
// or script such as "zh-tw"; whether the site has that language is for the caller to check.
func LangOf(name string) (base, lang string) {
	base = strings.TrimSuffix(name, path.Ext(name))
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		if code := strings.ToLower(base[i+1:]); langCode.MatchString(code) {
			return base[:i], code
		}
	}
	return base, ""
}

// Parse reads the evidence file at the site-relative slash path p.
func Parse(p string, data []byte) (*File, diag.List) {
	dir, name := path.Split(strings.TrimPrefix(p, Dir))
	base, lang := LangOf(name)
	f := &File{Path: p, Slug: strings.ToLower(dir + base), Lang: lang, Keys: map[string]diag.Position{}}
	start := diag.Position{File: p, Line: 1, Col: 1}

	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return f, diag.List{node.EncodingError(invalidUTF8(p, data))}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// data[:i] is valid UTF-8, so invalidUTF8 returns the position just after it.
		return f, diag.List{diag.Errorf(invalidUTF8(p, data[:i]), "encoding", "NUL byte in the file").
			WithHint("evidence is text: remove the byte; if the file is a binary document, publish it as an artifact")}
	}
	lines := strings.SplitAfter(string(data), "\n")
	delim := strings.TrimRight(lines[0], " \t\r\n")
	if delim != "+++" && delim != "---" {
		return f, diag.List{diag.Errorf(start, "front-matter", "the file does not start with front matter").
			WithHint("start it with a +++ line (TOML) or a --- line (YAML), then the keys, then the same line again")}
	}
	closing := slices.IndexFunc(lines[1:], func(l string) bool { return strings.TrimRight(l, " \t\r\n") == delim })
	if closing < 0 {
		return f, diag.List{diag.Errorf(start, "front-matter", "the front matter that starts here is not closed").
			WithHint("add a line with %s after the last key", delim)}
	}
	closing++ // index in lines
	front := []byte(strings.Join(lines[1:closing], ""))
	f.Body = strings.Join(lines[closing+1:], "")
	f.BodyLine = closing + 2

	var root *node.Node
	var diags diag.List
	if delim == "+++" {
		f.Format = "toml"
		root, diags = node.ParseTOML(p, front, node.StartLine(2))
	} else {
		f.Format = "yaml"
		root, diags = node.ParseYAML(p, front, node.StartLine(2))
	}
	if diags.HasErrors() {
		return f, diags
	}
	d := decoder{f: f}
	d.file(root, start)
	return f, d.diags
}

// invalidUTF8 is the position of the first byte of data that is not UTF-8.
func invalidUTF8(file string, data []byte) diag.Position {
	pos := diag.Position{File: file, Line: 1, Col: 1}
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			break
		}
		pos.Col++
		if r == '\n' {
			pos.Line, pos.Col = pos.Line+1, 1
		}
		data = data[size:]
	}
	return pos
}

// field describes one front-matter key: what it holds, shown in messages and hints.
type field struct {
	want    string // "a string", "a list of strings", ...
	example string // a value in a syntax TOML and YAML share
}

var fields = map[string]field{
	"title":         {"a string", `"Hardened, reproducible release builds"`},
	"requirements":  {"a list of strings", `["S(1)-2.2", "ssdf:PW.6.1"]`},
	"status":        {"a string", `"implemented"`},
	"products":      {"a list of strings", `["acme-gateway"]`},
	"reviewed":      {"a date", `2026-10-01`},
	"owner":         {"a string", `"Product Security"`},
	"justification": {"a string", `"We do not ship software to customers."`},
	"description":   {"a string", `"One sentence for lists and search."`},
	"weight":        {"an integer", `10`},
	"draft":         {"a boolean", `true`},
	"artifacts":     {"a list of tables", ""},
	"sboms":         {"a list of tables", ""},
}

// MaxEntries bounds the artifacts, and the SBOMs, of one evidence file: each is a file
// to publish and a row in the site, and a file listing far more is a mistake or hostile.
const MaxEntries = 1000

var (
	artifactKeys = []string{"path", "title"}
	sbomKeys     = []string{"path", "release", "product", "title"}
)

type decoder struct {
	f     *File
	diags diag.List
}

func (d *decoder) add(dd diag.Diagnostic) { d.diags = append(d.diags, dd) }

// assign writes "key = value" or "key: value" as the file's format would.
func (d *decoder) assign(key, value string) string {
	if d.f.Format == "yaml" {
		return key + ": " + value
	}
	return key + " = " + value
}

// table names a map the way the file's format does.
func (d *decoder) table() string {
	if d.f.Format == "yaml" {
		return "map"
	}
	return "table"
}

func (d *decoder) file(root *node.Node, start diag.Position) {
	f := d.f
	if root.Kind != node.Map {
		d.add(diag.Errorf(root.Pos, "bad-type", "front matter must be a %s of keys, got %s", d.table(), root.KindName()).
			WithHint("write one key per line, such as %s", d.assign("title", fields["title"].example)))
		return
	}
	for _, key := range root.Keys {
		v := root.Map[key]
		f.Keys[key] = v.KeyPos
		switch key {
		case "title":
			f.Title = d.str(key, v)
		case "status":
			d.status(v)
		case "owner":
			f.Owner = d.str(key, v)
		case "justification":
			f.Justification = d.str(key, v)
		case "description":
			f.Description = d.str(key, v)
		case "requirements":
			f.Requirements = d.strs(key, v)
		case "products":
			f.Products = d.strs(key, v)
		case "reviewed":
			f.Reviewed = d.date(key, v)
		case "weight":
			if d.kind(key, v, node.Int) {
				f.Weight = Field[int]{int(v.Int), v.Pos}
			}
		case "draft":
			if d.kind(key, v, node.Bool) {
				f.Draft = Field[bool]{v.Bool, v.Pos}
			}
		case "artifacts":
			for _, t := range d.tables(key, v, artifactKeys) {
				f.Artifacts = append(f.Artifacts, Artifact{Pos: t.Pos,
					Path: d.str("path", t.Get("path")), Title: d.str("title", t.Get("title"))})
			}
		case "sboms":
			for _, t := range d.tables(key, v, sbomKeys) {
				f.SBOMs = append(f.SBOMs, SBOM{Pos: t.Pos,
					Path: d.str("path", t.Get("path")), Release: d.str("release", t.Get("release")),
					Product: d.str("product", t.Get("product")), Title: d.str("title", t.Get("title"))})
			}
		default:
			d.unknown(v.KeyPos, key, slices.Sorted(maps.Keys(fields)), "front matter")
		}
	}
	if f.Lang != "" {
		return // a translation takes these from the original
	}
	for _, key := range []string{"title", "requirements", "status"} {
		if _, ok := f.Keys[key]; !ok {
			d.add(diag.Errorf(start, "missing-key", "missing %q in the front matter", key).
				WithHint("add %s", d.assign(key, fields[key].example)))
		}
	}
	if pos, ok := f.Keys["requirements"]; ok && len(f.Requirements) == 0 && root.Get("requirements").Kind == node.List {
		d.add(diag.Errorf(pos, "missing-key", "requirements is empty").
			WithHint("list the IDs of the requirements this evidence addresses, such as %s", fields["requirements"].example))
	}
	if f.Status.Value == NotApplicable && strings.TrimSpace(f.Justification.Value) == "" {
		d.add(diag.Errorf(f.Status.Pos, "missing-justification", "not-applicable needs a justification").
			WithHint("say why the requirement does not apply: %s", d.assign("justification", fields["justification"].example)))
	}
}

// kind reports whether v has kind k, and reports an error when it has not.
func (d *decoder) kind(key string, v *node.Node, k node.Kind) bool {
	if v.Kind == k {
		return true
	}
	f := fields[key]
	want, example := f.want, f.example
	if want == "" { // a key of an artifact or SBOM table
		want, example = "a string", `"..."`
	}
	dd := diag.Errorf(v.Pos, "bad-type", "%s must be %s, got %s", key, want, v.KindName())
	if example != "" {
		dd = dd.WithHint("write %s", d.assign(key, example))
	}
	d.add(dd)
	return false
}

func (d *decoder) str(key string, v *node.Node) Field[string] {
	if v == nil || !d.kind(key, v, node.String) {
		return Field[string]{}
	}
	return Field[string]{v.Str, v.Pos}
}

func (d *decoder) strs(key string, v *node.Node) []Field[string] {
	if !d.kind(key, v, node.List) {
		return nil
	}
	out := []Field[string]{}
	for _, item := range v.List {
		if item.Kind != node.String {
			d.add(diag.Errorf(item.Pos, "bad-type", "each of %s must be a string, got %s", key, item.KindName()).
				WithHint("write %s", d.assign(key, fields[key].example)))
			continue
		}
		out = append(out, Field[string]{item.Str, item.Pos})
	}
	return out
}

func (d *decoder) status(v *node.Node) {
	if !d.kind("status", v, node.String) {
		return
	}
	s := Status(v.Str)
	if slices.Contains(Statuses, s) {
		d.f.Status = Field[Status]{s, v.Pos}
		return
	}
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	msg := fmt.Sprintf("unknown status %q", v.Str)
	if near := suggest.Nearest(v.Str, names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.add(diag.Errorf(v.Pos, "bad-status", "%s", msg).
		WithHint("status is one of %s", strings.Join(names, ", ")))
}

func (d *decoder) date(key string, v *node.Node) Field[time.Time] {
	switch v.Kind {
	case node.Date:
		return Field[time.Time]{v.Time, v.Pos}
	case node.String:
		if t, err := time.Parse(time.DateOnly, v.Str); err == nil {
			return Field[time.Time]{t, v.Pos}
		}
	}
	what := v.KindName()
	if v.Kind == node.String {
		what = fmt.Sprintf("%q", v.Str)
	}
	d.add(diag.Errorf(v.Pos, "bad-date", "%s must be a date, got %s", key, what).
		WithHint("write the date alone as YYYY-MM-DD: %s", d.assign(key, fields[key].example)))
	return Field[time.Time]{}
}

// tables checks that v is a list of at most MaxEntries tables with only the given keys,
// each with a path.
func (d *decoder) tables(key string, v *node.Node, keys []string) []*node.Node {
	if !d.kind(key, v, node.List) {
		return nil
	}
	list := v.List
	if len(list) > MaxEntries {
		d.add(diag.Errorf(list[MaxEntries].Pos, "too-many-entries", "more than %d entries in %s (%d)", MaxEntries, key, len(list)).
			WithHint("list at most %d %s in one evidence file: split the evidence, or publish the files as one archive", MaxEntries, key))
		list = list[:MaxEntries]
	}
	var out []*node.Node
	for _, t := range list {
		if t.Kind != node.Map {
			d.add(diag.Errorf(t.Pos, "bad-type", "each of %s must be a %s, got %s", key, d.table(), t.KindName()).
				WithHint("give each one a path, such as %s", d.assign("path", `"`+key+`/file.pdf"`)))
			continue
		}
		for _, k := range t.Keys {
			if !slices.Contains(keys, k) {
				d.unknown(t.Map[k].KeyPos, k, keys, "an entry of "+key)
			}
		}
		if t.Get("path") == nil {
			d.add(diag.Errorf(t.Pos, "missing-key", "missing \"path\" in this entry of %s", key).
				WithHint("add %s, relative to the site root", d.assign("path", `"`+key+`/file.pdf"`)))
		}
		out = append(out, t)
	}
	return out
}

func (d *decoder) unknown(pos diag.Position, key string, known []string, where string) {
	msg := fmt.Sprintf("unknown key %q in %s", key, where)
	if near := suggest.Nearest(key, known); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.add(diag.Errorf(pos, "unknown-key", "%s", msg).
		WithHint("the keys are %s", strings.Join(known, ", ")))
}
