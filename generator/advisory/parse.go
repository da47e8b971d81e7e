package advisory

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evident-dev/evident/generator/cvss"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
	"github.com/evident-dev/evident/generator/release"
	"github.com/evident-dev/evident/generator/suggest"
)

// IsAdvisoryFile reports whether the site-relative slash path p is an advisory file:
// content/advisories/<name>.md or a translation <name>.<lang>.md, but not _index.md (and
// its translations), which is the prose of the advisories' index page.
func IsAdvisoryFile(p string) bool {
	rest, ok := strings.CutPrefix(p, Dir)
	if !ok || strings.Contains(rest, "/") || path.Ext(rest) != ".md" {
		return false
	}
	base, _ := evidence.LangOf(rest)
	return base != "" && base != "_index"
}

// Parse reads the advisory file at the site-relative slash path p
// (content/advisories/<name>[.<lang>].md) and checks what the file alone can tell: the
// keys and their types, required keys (of the default-language file), statuses,
// justifications, remediations, revisions, dates, TLP, CVE and CWE IDs, URLs, CVSS
// vectors and the syntax of ranges. Every list holds at most evidence.MaxEntries
// entries. Products, releases and IDs across files are for the caller. The file is
// never nil.
func Parse(p string, data []byte) (*File, diag.List) {
	name, lang := evidence.LangOf(path.Base(p))
	f := &File{Path: p, Name: name, Lang: lang, Keys: map[string]diag.Position{},
		TLP: Field[string]{Value: white}, data: bytes.TrimPrefix(data, []byte("\uFEFF")), lineStart: []int{0}}
	for i, b := range f.data {
		if b == '\n' {
			f.lineStart = append(f.lineStart, i+1)
		}
	}
	fm, diags := evidence.ReadFrontMatter(p, data)
	if fm == nil {
		return f, diags
	}
	f.Format, f.Body, f.BodyLine = fm.Format, fm.Body, fm.BodyLine
	if diags.HasErrors() {
		return f, diags
	}
	d := decoder{f: f, fields: node.Fields{Hints: hints[f.Format]}, start: diag.Position{File: p, Line: 1, Col: 1}}
	d.file(fm.Root)
	return f, append(diags, d.fields.Diags...)
}

// At is the position of the byte offset off inside the string value v of the file: the
// character itself when the file writes the string as it is (quoted without escapes or,
// in YAML, plain), else where the value starts (escapes, multi-line strings). Use it to
// point at the part of a vector or a range that a *cvss.Error or a *RangeError names.
func (f *File) At(v Field[string], off int) diag.Position {
	pos := v.Pos
	if !v.Set() || off < 0 || off > len(v.Value) {
		return pos
	}
	line := f.line(pos.Line)
	i := 0 // byte offset of the column pos.Col in line
	for n := 1; n < pos.Col && i < len(line); n++ {
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	raw, val := line[i:], []byte(v.Value)
	quoted := len(raw) > len(val)+1 && (raw[0] == '"' || raw[0] == '\'') &&
		bytes.HasPrefix(raw[1:], val) && raw[1+len(val)] == raw[0]
	switch {
	case quoted:
		pos.Col++
	case !bytes.HasPrefix(raw, val):
		return pos
	}
	pos.Col += utf8.RuneCountInString(v.Value[:off])
	return pos
}

// line returns the line n (from 1) of the file, without its newline.
func (f *File) line(n int) []byte {
	if n < 1 || n > len(f.lineStart) {
		return nil
	}
	line := f.data[f.lineStart[n-1]:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return line
}

const white = "WHITE"

// remediationCategories are CSAF 2.0's remediation categories.
var remediationCategories = []string{"vendor_fix", "workaround", "mitigation", "no_fix_planned", "none_available"}

var (
	cveRe = regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`)
	cweRe = regexp.MustCompile(`^CWE-\d+$`)
)

// examples gives a value for each front-matter key, in a syntax TOML and YAML share, for
// hints. Its keys are the keys a front matter may have.
var examples = map[string]string{
	"id":              `"ACME-SA-2026-001"`,
	"title":           `"Cross-site scripting in the ACME Gateway console"`,
	"description":     `"One sentence for lists and feeds."`,
	"released":        `2026-05-12`,
	"updated":         `2026-06-02`,
	"tlp":             `"WHITE"`,
	"revisions":       "",
	"vulnerabilities": "",
	"products":        "",
	"acknowledgments": "",
	"references":      "",
}

var frontMatterKeys = slices.Sorted(maps.Keys(examples))

// entryExamples gives, for each list of tables, its keys with a value for hints.
var entryExamples = map[string]map[string]string{
	"revisions": {"number": `1`, "date": `2026-05-12`, "summary": `"Initial release"`},
	"vulnerabilities": {"cve": `"CVE-2026-10001"`, "cwe": `"CWE-79"`, "title": `"Cross-site scripting"`,
		"cvss31": `"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"`,
		"cvss40": `"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"`},
	"products": {"id": `"acme-gateway"`, "status": `"fixed"`, "affected": `[">= 2.0.0, < 2.5.0"]`, "fixed": `["2.5.0"]`,
		"justification": `"vulnerable_code_not_present"`, "impact": `"The console is not part of this product."`, "remediations": ""},
	"products.remediations": {"category": `"vendor_fix"`, "details": `"Update to 2.5.0."`,
		"url": `"https://www.example.com/downloads/"`, "date": `2026-05-12`},
	"acknowledgments": {"names": `["Taro Yamada"]`, "organization": `"Example Security Lab"`, "summary": `"Reported the issue."`,
		"urls": `["https://lab.example.com/"]`},
	"references": {"url": `"https://www.cve.org/CVERecord?id=CVE-2026-10001"`, "summary": `"CVE-2026-10001"`},
}

var hints = map[string]map[string]string{"toml": hintsFor("toml"), "yaml": hintsFor("yaml")}

func hintsFor(format string) map[string]string {
	h := map[string]string{}
	for key, example := range examples {
		if example != "" {
			h[key] = "write " + evidence.Assign(format, key, example)
		}
	}
	for list, keys := range entryExamples {
		var some []string
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			if keys[k] != "" {
				some = append(some, evidence.Assign(format, k, keys[k]))
			}
		}
		h[list] = fmt.Sprintf("give each entry as a %s of its keys, such as %s", map[string]string{"toml": "table", "yaml": "map"}[format],
			strings.Join(some[:min(2, len(some))], ", "))
		for k, example := range keys {
			if example != "" {
				h[list+"."+k] = "write " + evidence.Assign(format, k, example)
			}
		}
	}
	h["revisions.number"] = "number revisions 1, 2, 3, … in order: " + evidence.Assign(format, "number", "1")
	return h
}

type decoder struct {
	f      *File
	fields node.Fields
	start  diag.Position // where the file starts: for what it lacks
}

func (d *decoder) assign(key, value string) string { return evidence.Assign(d.f.Format, key, value) }

// example writes the key of list as the file's format would, with its example value.
func (d *decoder) example(list, key string) string { return d.assign(key, entryExamples[list][key]) }

// table names a list of tables as the file writes it: [[revisions]] or "revisions:".
func (d *decoder) table(list string) string {
	if d.f.Format == "yaml" {
		return list[strings.LastIndexByte(list, '.')+1:] + ":"
	}
	return "[[" + list + "]]"
}

func (d *decoder) file(root *node.Node) {
	f, fd := d.f, &d.fields
	if root.Kind != node.Map { // only YAML can have another kind at the root
		fd.Wrong(root, "front matter", "a map of keys", "write one key per line, such as "+d.assign("id", examples["id"]))
		return
	}
	fd.Table(root, "", frontMatterKeys...)
	for _, key := range root.Keys {
		f.Keys[key] = root.Map[key].KeyPos
	}
	f.ID = evidence.Read(root.Get("id"), "id", fd.String)
	f.Title = evidence.Read(root.Get("title"), "title", fd.String)
	f.Description = evidence.Read(root.Get("description"), "description", fd.String)
	f.Released = evidence.Read(root.Get("released"), "released", fd.Date)
	f.Updated = evidence.Read(root.Get("updated"), "updated", fd.Date)
	d.tlp(root.Get("tlp"))
	for _, t := range d.entries(root, "revisions") {
		for _, key := range []string{"number", "date"} {
			if f.Lang == "" && t.Get(key) == nil {
				fd.Add(diag.Errorf(t.Pos, "missing-key", "missing %q in this entry of revisions", key).
					WithHint("add %s", d.example("revisions", key)))
			}
		}
		f.Revisions = append(f.Revisions, Revision{Pos: t.Pos, Number: d.number(t.Get("number")),
			Date: evidence.Read(t.Get("date"), "revisions.date", fd.Date), Summary: d.text(t, "revisions", "summary")})
	}
	for _, t := range d.entries(root, "vulnerabilities") {
		f.Vulnerabilities = append(f.Vulnerabilities, d.vulnerability(t))
	}
	for _, t := range d.entries(root, "products") {
		f.Products = append(f.Products, d.product(t))
	}
	for _, t := range d.entries(root, "acknowledgments") {
		a := Acknowledgment{Pos: t.Pos, Names: d.stringList(t.Get("names"), "acknowledgments.names"),
			Organization: evidence.Read(t.Get("organization"), "acknowledgments.organization", fd.String),
			Summary:      evidence.Read(t.Get("summary"), "acknowledgments.summary", fd.String),
			URLs:         d.stringList(t.Get("urls"), "acknowledgments.urls")}
		for _, u := range a.URLs {
			d.https(u, "acknowledgments.urls")
		}
		if f.Lang == "" && len(t.Keys) == 0 {
			fd.Add(diag.Errorf(t.Pos, "advisory-field", "an acknowledgment says nothing").
				WithHint("give names, organization, summary or urls, such as %s", d.example("acknowledgments", "names")))
		}
		f.Acknowledgments = append(f.Acknowledgments, a)
	}
	for _, t := range d.entries(root, "references") {
		r := Reference{Pos: t.Pos, URL: d.text(t, "references", "url"), Summary: d.text(t, "references", "summary")}
		d.https(r.URL, "references.url")
		f.References = append(f.References, r)
	}
	d.id()
	d.revisions()
	d.duplicates()
	if f.Lang != "" {
		return // a translation takes the rest from its original
	}
	for _, key := range []string{"id", "title"} {
		if root.Get(key) == nil {
			fd.Add(diag.Errorf(d.start, "missing-key", "missing %q in the front matter", key).
				WithHint("add %s", d.assign(key, examples[key])))
		}
	}
	if f.Title.Set() && strings.TrimSpace(f.Title.Value) == "" {
		fd.Add(diag.Errorf(f.Title.Pos, "missing-key", "title is empty").WithHint("write %s", d.assign("title", examples["title"])))
	}
	for _, list := range []string{"revisions", "vulnerabilities", "products"} {
		if v := root.Get(list); v == nil || v.Kind == node.List && len(v.List) == 0 {
			pos, msg := d.start, fmt.Sprintf("missing %q in the front matter", list)
			if v != nil {
				pos, msg = v.Pos, list+" is empty"
			}
			keys := map[string][]string{"revisions": {"number", "date", "summary"}, "vulnerabilities": {"cve", "cvss31"},
				"products": {"id", "status", "fixed"}}[list]
			fd.Add(diag.Errorf(pos, "missing-key", "%s", msg).WithHint("add at least one, %s with %s", d.table(list), d.examples(list, keys...)))
		}
	}
}

// examples writes keys of list with their example values: "number = 1, date = 2026-05-12".
func (d *decoder) examples(list string, keys ...string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = d.example(list, k)
	}
	return strings.Join(out, ", ")
}

// entries reads the list of tables list of the map m: at most evidence.MaxEntries, each
// with only its keys.
func (d *decoder) entries(m *node.Node, list string) []*node.Node {
	tables := evidence.Entries(&d.fields, m.Get(list[strings.LastIndexByte(list, '.')+1:]), list, "split the advisory")
	for _, t := range tables {
		d.fields.Table(t, list, slices.Sorted(maps.Keys(entryExamples[list]))...)
	}
	return tables
}

// stringList reads a list of strings: at most evidence.MaxEntries.
func (d *decoder) stringList(v *node.Node, name string) []Field[string] {
	if v != nil && v.Kind == node.List && len(v.List) > evidence.MaxEntries {
		d.fields.Add(diag.Errorf(v.List[evidence.MaxEntries].Pos, "too-many-entries", "more than %d entries in %s (%d)",
			evidence.MaxEntries, name, len(v.List)).WithHint("list at most %d in one advisory: split the advisory", evidence.MaxEntries))
		capped := *v
		capped.List = v.List[:evidence.MaxEntries]
		v = &capped
	}
	var out []Field[string]
	for _, s := range d.fields.Strings(v, name) {
		out = append(out, Field[string]{Value: s.Str, Pos: s.Pos})
	}
	return out
}

// text reads the string key of the table t of list, which the default-language file must
// give, not blank.
func (d *decoder) text(t *node.Node, list, key string) Field[string] {
	v := evidence.Read(t.Get(key), list+"."+key, d.fields.String)
	switch {
	case d.f.Lang != "":
	case t.Get(key) == nil:
		d.fields.Add(diag.Errorf(t.Pos, "missing-key", "missing %q in this entry of %s", key, list).
			WithHint("add %s", d.example(list, key)))
	case v.Set() && strings.TrimSpace(v.Value) == "":
		d.fields.Add(diag.Errorf(v.Pos, "missing-key", "%s.%s is empty", list, key).
			WithHint("write %s", d.example(list, key)))
	}
	return v
}

// number reads a revision's number: an integer, or a string as CSAF writes it.
func (d *decoder) number(v *node.Node) Field[string] {
	if v == nil {
		return Field[string]{}
	}
	switch v.Kind {
	case node.Int:
		return Field[string]{Value: strconv.FormatInt(v.Int, 10), Pos: v.Pos}
	case node.String:
		return Field[string]{Value: v.Str, Pos: v.Pos}
	}
	d.fields.Wrong(v, "revisions.number", "an integer or a string", "")
	return Field[string]{}
}

func (d *decoder) tlp(v *node.Node) {
	tlp := evidence.Read(v, "tlp", d.fields.String)
	switch {
	case !tlp.Set():
	case strings.EqualFold(tlp.Value, white):
		d.f.TLP = Field[string]{Value: white, Pos: tlp.Pos}
	default:
		hint := "publish here only what everyone may read: write " + d.assign("tlp", examples["tlp"]) + " or remove tlp, and share the others privately"
		if strings.EqualFold(tlp.Value, "CLEAR") || strings.EqualFold(tlp.Value, "TLP:CLEAR") {
			hint = "CSAF 2.0 takes TLP 1.0 labels, where TLP:CLEAR is WHITE: write " + d.assign("tlp", examples["tlp"])
		}
		d.fields.Add(diag.Errorf(tlp.Pos, "tlp-not-white", "tlp %q: a public site publishes only TLP:WHITE advisories", tlp.Value).
			WithHint("%s", hint))
	}
}

func (d *decoder) id() {
	id := d.f.ID
	msg := ""
	switch _, kind := model.Unprintable(id.Value); {
	case !id.Set():
	case strings.TrimSpace(id.Value) == "":
		msg = "id is empty"
	case strings.TrimSpace(id.Value) != id.Value:
		msg = fmt.Sprintf("id %q starts or ends with a space", id.Value)
	case kind != "":
		msg = fmt.Sprintf("id %q has %s", id.Value, kind)
	}
	if msg != "" {
		d.fields.Add(diag.Errorf(id.Pos, "advisory-field", "%s", msg).
			WithHint("give the vendor's tracking ID, unique in the site: %s", d.assign("id", examples["id"])))
	}
}

func (d *decoder) vulnerability(t *node.Node) Vulnerability {
	fd := &d.fields
	v := Vulnerability{Pos: t.Pos,
		CVE:    evidence.Read(t.Get("cve"), "vulnerabilities.cve", fd.String),
		CWE:    evidence.Read(t.Get("cwe"), "vulnerabilities.cwe", fd.String),
		Title:  evidence.Read(t.Get("title"), "vulnerabilities.title", fd.String),
		CVSS31: evidence.Read(t.Get("cvss31"), "vulnerabilities.cvss31", fd.String),
		CVSS40: evidence.Read(t.Get("cvss40"), "vulnerabilities.cvss40", fd.String),
	}
	if v.CVE.Set() && !cveRe.MatchString(v.CVE.Value) {
		fd.Add(diag.Errorf(v.CVE.Pos, "advisory-field", "cve %q is not a CVE ID", v.CVE.Value).
			WithHint("write it as CVE-YYYY-NNNN, such as %s", d.example("vulnerabilities", "cve")))
	}
	if v.CWE.Set() && !cweRe.MatchString(v.CWE.Value) {
		fd.Add(diag.Errorf(v.CWE.Pos, "advisory-field", "cwe %q is not a CWE ID", v.CWE.Value).
			WithHint("write it as CWE- and its number, such as %s", d.example("vulnerabilities", "cwe")))
	}
	d.vector(v.CVSS31, "cvss31", "3.1")
	d.vector(v.CVSS40, "cvss40", "4.0")
	return v
}

// vector checks the CVSS vector v of the key (cvss31 or cvss40), of the version the key
// names (3.0 is a cvss31 too).
func (d *decoder) vector(v Field[string], key, version string) {
	if !v.Set() {
		return
	}
	calculator := "https://www.first.org/cvss/calculator/" + strings.ReplaceAll(version, ".", "-")
	c, err := cvss.Parse(v.Value)
	switch {
	case err != nil:
		pos := v.Pos
		if e, ok := errors.AsType[*cvss.Error](err); ok {
			pos = d.f.At(v, e.Offset)
		}
		d.fields.Add(diag.Errorf(pos, "bad-cvss", "%s: %v", key, err).
			WithHint("score it in FIRST's calculator, %s, and copy its vector", calculator))
	case (c.Version == "4.0") != (version == "4.0"):
		other := map[string]string{"cvss31": "cvss40", "cvss40": "cvss31"}[key]
		d.fields.Add(diag.Errorf(v.Pos, "bad-cvss", "%s is given a CVSS %s vector", key, c.Version).
			WithHint("give it as %s, or give a CVSS %s vector here", other, version))
	}
}

func (d *decoder) product(t *node.Node) Product {
	fd := &d.fields
	p := Product{Pos: t.Pos,
		ID:            d.text(t, "products", "id"),
		Affected:      d.stringList(t.Get("affected"), "products.affected"),
		Fixed:         d.stringList(t.Get("fixed"), "products.fixed"),
		Justification: evidence.Read(t.Get("justification"), "products.justification", fd.String),
		Impact:        evidence.Read(t.Get("impact"), "products.impact", fd.String),
	}
	p.Status = choice(d, t, "products", "status", model.ProductStatuses)
	for _, a := range p.Affected {
		if _, err := ParseRange(a.Value); err != nil {
			pos := a.Pos
			if e, ok := errors.AsType[*RangeError](err); ok {
				pos = d.f.At(a, e.Offset)
			}
			fd.Add(diag.Errorf(pos, "bad-range", "affected %q: %v", a.Value, err).
				WithHint("each entry of affected is %s", rangeExample))
		}
	}
	for _, v := range p.Fixed {
		if !release.ValidVersion(v.Value) {
			fd.Add(diag.Errorf(v.Pos, "advisory-field", "fixed %q is not a version", v.Value).
				WithHint("list the versions of the releases that fix it, such as %s", d.example("products", "fixed")))
		}
	}
	if p.Justification.Set() && !slices.Contains(model.Justifications, p.Justification.Value) {
		d.unknown(p.Justification, "justification", model.Justifications)
	}
	for _, r := range d.entries(t, "products.remediations") {
		p.Remediations = append(p.Remediations, d.remediation(r))
	}
	if d.f.Lang == "" {
		d.status(t, p)
	}
	return p
}

// status checks what a product's status asks of the other keys of its entry t.
func (d *decoder) status(t *node.Node, p Product) {
	fd, status := &d.fields, model.ProductStatus(p.Status.Value)
	if !p.Status.Set() || !slices.Contains(model.ProductStatuses, status) {
		return
	}
	switch {
	case status == model.Fixed && len(p.Fixed) == 0 && (t.Get("fixed") == nil || t.Get("fixed").Kind == node.List):
		fd.Add(diag.Errorf(p.Status.Pos, "advisory-field", "status %q needs fixed: the releases that fix it", status).
			WithHint("add %s", d.example("products", "fixed")))
	case status != model.Fixed && t.Get("fixed") != nil:
		fd.Add(diag.Errorf(t.Get("fixed").Start(), "advisory-field", "fixed is only for status %q, not %q", model.Fixed, status).
			WithHint("remove fixed, or write %s", d.example("products", "status")))
	}
	switch {
	case status == model.NotAffected && strings.TrimSpace(p.Justification.Value) == "":
		fd.Add(diag.Errorf(p.Status.Pos, "missing-justification", "status %q needs a justification", status).
			WithHint("say why, as one of %s: %s", strings.Join(model.Justifications, ", "), d.example("products", "justification")))
	case status != model.NotAffected && t.Get("justification") != nil:
		fd.Add(diag.Errorf(t.Get("justification").Start(), "advisory-field", "justification is only for status %q, not %q", model.NotAffected, status).
			WithHint("remove justification, or write %s", d.assign("status", `"not-affected"`)))
	}
	if (status == model.KnownAffected || status == model.Fixed) && len(p.Remediations) == 0 {
		fd.Add(diag.Errorf(p.Status.Pos, "advisory-field", "status %q needs a remediation", status).
			WithHint("say what customers can do (CSAF requires it for affected products): add %s with %s", d.table("products.remediations"),
				d.examples("products.remediations", "category", "details")))
	}
}

func (d *decoder) remediation(t *node.Node) Remediation {
	fd := &d.fields
	r := Remediation{Pos: t.Pos,
		Category: choice(d, t, "products.remediations", "category", remediationCategories),
		Details:  d.text(t, "products.remediations", "details"),
		URL:      evidence.Read(t.Get("url"), "products.remediations.url", fd.String),
		Date:     evidence.Read(t.Get("date"), "products.remediations.date", fd.Date),
	}
	d.https(r.URL, "products.remediations.url")
	return r
}

// choice reads the key of the table t of list, which must be one of choices (and given,
// in the default-language file).
func choice[T ~string](d *decoder, t *node.Node, list, key string, choices []T) Field[string] {
	v := d.text(t, list, key)
	if v.Set() && !slices.Contains(choices, T(v.Value)) {
		names := make([]string, len(choices))
		for i, c := range choices {
			names[i] = string(c)
		}
		d.unknown(v, key, names)
		return Field[string]{}
	}
	return v
}

// unknown reports that v, the value of key, is not one of choices.
func (d *decoder) unknown(v Field[string], key string, choices []string) {
	msg := fmt.Sprintf("unknown %s %q", key, v.Value)
	if near := suggest.Nearest(v.Value, choices); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.fields.Add(diag.Errorf(v.Pos, "advisory-field", "%s", msg).WithHint("%s is one of %s", key, strings.Join(choices, ", ")))
}

// https checks that the URL u, the value of name, is an absolute https URL.
func (d *decoder) https(u Field[string], name string) {
	if u.Set() && strings.TrimSpace(u.Value) != "" && !model.IsHTTPS(u.Value) {
		d.fields.Add(diag.Errorf(u.Pos, "bad-url", "%s %q is not an absolute https URL", name, u.Value).
			WithHint("give the page's https address, such as %s", entryExamples["references"]["url"]))
	}
}

// revisions checks the numbers and dates of the revisions, and released and updated.
func (d *decoder) revisions() {
	f, fd := d.f, &d.fields
	var first, last Field[time.Time]
	for i, r := range f.Revisions {
		if want := strconv.Itoa(i + 1); r.Number.Set() && r.Number.Value != want {
			fd.Add(diag.Errorf(r.Number.Pos, "bad-revision", "revision number %q should be %s", r.Number.Value, want).
				WithHint("number the revisions 1, 2, 3, … from the oldest, one for each change of the advisory"))
		}
		if !r.Date.Set() {
			continue
		}
		if last.Set() && r.Date.Value.Before(last.Value) { // last: the date of the revision above
			fd.Add(diag.Errorf(r.Date.Pos, "bad-revision", "revision %d is dated %s, before the revision above it (%s)",
				i+1, r.Date.Value.Format(time.DateOnly), last.Value.Format(time.DateOnly)).
				WithHint("list the revisions oldest first, each dated on or after the one before"))
		}
		last = r.Date
	}
	if n := len(f.Revisions); n > 0 {
		first, last = f.Revisions[0].Date, f.Revisions[n-1].Date
	}
	for _, c := range []struct {
		key         string
		given, want Field[time.Time]
		which       string
	}{{"released", f.Released, first, "first"}, {"updated", f.Updated, last, "newest"}} {
		if c.given.Set() && c.want.Set() && !c.given.Value.Equal(c.want.Value) {
			fd.Add(diag.Errorf(c.given.Pos, "bad-revision", "%s %s is not the %s revision's date, %s",
				c.key, c.given.Value.Format(time.DateOnly), c.which, c.want.Value.Format(time.DateOnly)).
				WithHint("remove %s (it is the %s revision's date), or make it the same", c.key, c.which))
		}
	}
}

// duplicates reports a CVE listed twice. (A product listed twice is check's
// duplicate-product, with the products across files.)
func (d *decoder) duplicates() {
	seen := map[string]bool{}
	for _, v := range d.f.Vulnerabilities {
		if v.CVE.Value != "" && seen[v.CVE.Value] {
			d.fields.Add(diag.Errorf(v.CVE.Pos, "advisory-field", "%s is listed twice", v.CVE.Value).
				WithHint("give each vulnerability one entry"))
		}
		seen[v.CVE.Value] = true
	}
}
