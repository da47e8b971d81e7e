package evidence

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
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
	fm, diags := ReadFrontMatter(p, data)
	if fm == nil {
		return f, diags
	}
	f.Format, f.BodyLine = fm.Format, fm.BodyLine
	if diags.HasErrors() {
		return f, diags
	}
	d := decoder{f: f, fields: node.Fields{Hints: hints[f.Format]}}
	d.file(fm.Root, diag.Position{File: p, Line: 1, Col: 1})
	return f, d.fields.Diags
}

// FrontMatter is a Markdown file with front matter, read: evidence, and the other
// content files evident reads the same way (release files).
type FrontMatter struct {
	Format   string     // "toml" (+++) or "yaml" (---)
	Root     *node.Node // the front matter's tree
	Body     string     // the Markdown after the front matter
	BodyLine int        // the line of the file that Body starts on
}

// ReadFrontMatter splits the file at the site-relative path p into its front matter and
// body, and parses the front matter. It returns nil with the errors for a file that is not
// UTF-8 text or has no closed front matter, and the syntax errors of the front matter.
func ReadFrontMatter(p string, data []byte) (*FrontMatter, diag.List) {
	start := diag.Position{File: p, Line: 1, Col: 1}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, diag.List{node.EncodingError(invalidUTF8(p, data))}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// data[:i] is valid UTF-8, so invalidUTF8 returns the position just after it.
		return nil, diag.List{diag.Errorf(invalidUTF8(p, data[:i]), "encoding", "NUL byte in the file").
			WithHint("the file is text: remove the byte; publish a binary document as a file of its own (an artifact, a download)")}
	}
	lines := strings.SplitAfter(string(data), "\n")
	delim := strings.TrimRight(lines[0], " \t\r\n")
	if delim != "+++" && delim != "---" {
		return nil, diag.List{diag.Errorf(start, "front-matter", "the file does not start with front matter").
			WithHint("start it with a +++ line (TOML) or a --- line (YAML), then the keys, then the same line again")}
	}
	closing := slices.IndexFunc(lines[1:], func(l string) bool { return strings.TrimRight(l, " \t\r\n") == delim })
	if closing < 0 {
		return nil, diag.List{diag.Errorf(start, "front-matter", "the front matter that starts here is not closed").
			WithHint("add a line with %s after the last key", delim)}
	}
	closing++ // index in lines
	front := []byte(strings.Join(lines[1:closing], ""))
	fm := &FrontMatter{Body: strings.Join(lines[closing+1:], ""), BodyLine: closing + 2}
	var diags diag.List
	if delim == "+++" {
		fm.Format = "toml"
		fm.Root, diags = node.ParseTOML(p, front, node.StartLine(2))
	} else {
		fm.Format = "yaml"
		fm.Root, diags = node.ParseYAML(p, front, node.StartLine(2))
	}
	return fm, diags
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

// examples gives a value for each front-matter key, in a syntax TOML and YAML share, for
// hints. Its keys are the keys a front matter may have.
var examples = map[string]string{
	"title":         `"Hardened, reproducible release builds"`,
	"requirements":  `["S(1)-2.2", "ssdf:PW.6.1"]`,
	"status":        `"implemented"`,
	"products":      `["acme-gateway"]`,
	"reviewed":      `2026-10-01`,
	"target":        `2027-03-31`,
	"owner":         `"Product Security"`,
	"justification": `"We do not ship software to customers."`,
	"description":   `"One sentence for lists and search."`,
	"weight":        `10`,
	"draft":         `true`,
	"artifacts":     "",
	"sboms":         "",
}

// frontMatterKeys are the keys a front matter may have, sorted.
var frontMatterKeys = slices.Sorted(maps.Keys(examples))

// MaxEntries bounds the artifacts, and the SBOMs, of one evidence file: each is a file
// to publish and a row in the site, and a file listing far more is a mistake or hostile.
const MaxEntries = 1000

// entryKeys are the keys of an entry of artifacts and of sboms, and entryExamples values of
// them for hints ("path" is named by the list: "artifacts/file.pdf").
var (
	entryKeys     = map[string][]string{"artifacts": {"path", "title"}, "sboms": {"path", "release", "product", "title"}}
	entryExamples = map[string]string{"title": `"Build policy"`, "release": `"2.3.1"`, "product": `"acme-gateway"`}
)

// hints say, by format, how to write the value of each key, for the diagnostics about
// values of the wrong type.
var hints = map[string]map[string]string{"toml": hintsFor("toml"), "yaml": hintsFor("yaml")}

func hintsFor(format string) map[string]string {
	h := map[string]string{}
	for key, example := range examples {
		if example != "" {
			h[key] = "write " + Assign(format, key, example)
		}
	}
	for list, names := range entryKeys {
		h[list] = "give each one a path, such as " + Assign(format, "path", pathExample(list))
		for _, k := range names {
			h[list+"."+k] = "write " + Assign(format, k, cmp.Or(entryExamples[k], pathExample(list)))
		}
	}
	return h
}

// pathExample is a path for an entry of list (artifacts or sboms).
func pathExample(list string) string { return `"` + list + `/file.pdf"` }

// Assign writes "key = value" or "key: value" as the format ("toml" or "yaml") would.
func Assign(format, key, value string) string {
	if format == "yaml" {
		return key + ": " + value
	}
	return key + " = " + value
}

// decoder reads a front matter through node's typed fields into f.
type decoder struct {
	f      *File
	fields node.Fields
}

func (d *decoder) assign(key, value string) string { return Assign(d.f.Format, key, value) }

func (d *decoder) file(root *node.Node, start diag.Position) {
	f, fd := d.f, &d.fields
	if root.Kind != node.Map { // only YAML can have another kind at the root
		fd.Wrong(root, "front matter", "a map of keys", "write one key per line, such as "+d.assign("title", examples["title"]))
		return
	}
	fd.Table(root, "", frontMatterKeys...)
	for _, key := range root.Keys {
		f.Keys[key] = root.Map[key].KeyPos
	}
	f.Title = Read(root.Get("title"), "title", fd.String)
	d.status(root.Get("status"))
	f.Owner = Read(root.Get("owner"), "owner", fd.String)
	f.Justification = Read(root.Get("justification"), "justification", fd.String)
	f.Description = Read(root.Get("description"), "description", fd.String)
	f.Requirements = d.stringList(root.Get("requirements"), "requirements")
	f.Products = d.stringList(root.Get("products"), "products")
	f.Reviewed = Read(root.Get("reviewed"), "reviewed", fd.Date)
	f.Target = Read(root.Get("target"), "target", fd.Date)
	weight := Read(root.Get("weight"), "weight", fd.Int)
	f.Weight = Field[int]{int(weight.Value), weight.Pos}
	f.Draft = Read(root.Get("draft"), "draft", fd.Bool)
	for _, t := range d.entries(root.Get("artifacts"), "artifacts") {
		f.Artifacts = append(f.Artifacts, Artifact{Pos: t.Pos,
			Path: Read(t.Get("path"), "artifacts.path", fd.String), Title: Read(t.Get("title"), "artifacts.title", fd.String)})
	}
	for _, t := range d.entries(root.Get("sboms"), "sboms") {
		f.SBOMs = append(f.SBOMs, SBOM{Pos: t.Pos,
			Path: Read(t.Get("path"), "sboms.path", fd.String), Release: Read(t.Get("release"), "sboms.release", fd.String),
			Product: Read(t.Get("product"), "sboms.product", fd.String), Title: Read(t.Get("title"), "sboms.title", fd.String)})
	}
	if f.Lang != "" {
		return // a translation takes these from the original
	}
	for _, key := range []string{"title", "requirements", "status"} {
		if _, ok := f.Keys[key]; !ok {
			fd.Add(diag.Errorf(start, "missing-key", "missing %q in the front matter", key).
				WithHint("add %s", d.assign(key, examples[key])))
		}
	}
	if pos, ok := f.Keys["requirements"]; ok && len(f.Requirements) == 0 && root.Get("requirements").Kind == node.List {
		fd.Add(diag.Errorf(pos, "missing-key", "requirements is empty").
			WithHint("list the IDs of the requirements this evidence addresses, such as %s", examples["requirements"]))
	}
	if f.Target.Set() && f.Status.Set() && f.Status.Value != Planned {
		fd.Add(diag.Diagnostic{Pos: f.Target.Pos, Severity: diag.Warning, Code: "target-status",
			Message: fmt.Sprintf("target is a date for planned evidence, but the status is %q", f.Status.Value),
			Hint:    "remove target, or write " + d.assign("status", `"planned"`) + " if the work is not done yet"})
	}
	if f.Status.Value == NotApplicable && strings.TrimSpace(f.Justification.Value) == "" {
		fd.Add(diag.Errorf(f.Status.Pos, "missing-justification", "not-applicable needs a justification").
			WithHint("say why the requirement does not apply: %s", d.assign("justification", examples["justification"])))
	}
}

// Read reads the value v of the key name with one of node's typed fields, keeping its
// position; the Field is zero when v is absent or of the wrong type.
func Read[T any](v *node.Node, name string, typed func(*node.Node, string) (T, bool)) Field[T] {
	if x, ok := typed(v, name); ok {
		return Field[T]{x, v.Pos}
	}
	return Field[T]{}
}

// stringList reads a list of strings, keeping the position of each.
func (d *decoder) stringList(v *node.Node, name string) []Field[string] {
	var out []Field[string]
	for _, s := range d.fields.Strings(v, name) {
		out = append(out, Field[string]{s.Str, s.Pos})
	}
	return out
}

func (d *decoder) status(v *node.Node) {
	str, ok := d.fields.String(v, "status")
	if !ok {
		return
	}
	if s := Status(str); slices.Contains(Statuses, s) {
		d.f.Status = Field[Status]{s, v.Pos}
		return
	}
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	msg := fmt.Sprintf("unknown status %q", str)
	if near := suggest.Nearest(str, names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.fields.Add(diag.Errorf(v.Pos, "bad-status", "%s", msg).
		WithHint("status is one of %s", strings.Join(names, ", ")))
}

// Entries reads the list of tables v of the key list: at most MaxEntries of them, with
// a diagnostic that says what to do (todo) about more.
func Entries(fd *node.Fields, v *node.Node, list, todo string) []*node.Node {
	if v != nil && v.Kind == node.List && len(v.List) > MaxEntries {
		fd.Add(diag.Errorf(v.List[MaxEntries].Pos, "too-many-entries", "more than %d entries in %s (%d)", MaxEntries, list, len(v.List)).
			WithHint("list at most %d %s in one file: %s", MaxEntries, list, todo))
		capped := *v
		capped.List = v.List[:MaxEntries]
		v = &capped
	}
	return fd.Tables(v, list)
}

// entries reads the list of tables v of the key list (artifacts or sboms): at most
// MaxEntries of them, each with a path and only the keys of entryKeys[list].
func (d *decoder) entries(v *node.Node, list string) []*node.Node {
	tables := Entries(&d.fields, v, list, "split the evidence, or publish the files as one archive")
	for _, t := range tables {
		d.fields.Table(t, list, entryKeys[list]...)
		if t.Get("path") == nil {
			d.fields.Add(diag.Errorf(t.Pos, "missing-key", "missing \"path\" in this entry of %s", list).
				WithHint("add %s, relative to the site root", d.assign("path", pathExample(list))))
		}
	}
	return tables
}
