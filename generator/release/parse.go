package release

import (
	"cmp"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
)

// Dir is where products' folders are in a site; a product's release files are in
// Dir + "<product>/releases/".
const Dir = "content/products/"

// MaxVersion bounds the length of a version: it is a segment of the release's URL.
const MaxVersion = 64

var (
	versionRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._-]*$`)
	sha256Re  = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
)

// ValidVersion reports whether v can be a version: a URL-safe segment of at most
// MaxVersion characters, starting with a letter or digit.
func ValidVersion(v string) bool { return len(v) <= MaxVersion && versionRe.MatchString(v) }

const versionHint = "a version is letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters: 2.4.0, v2.4.0-rc.1"

// IsReleaseFile reports whether the site-relative slash path p is where a release file
// is: content/products/<product>/releases/<name>.md, but _index.md (and its
// translations), which is the prose of the releases' list page.
func IsReleaseFile(p string) bool {
	rest, ok := strings.CutPrefix(p, Dir)
	if !ok || path.Ext(p) != ".md" {
		return false
	}
	parts := strings.Split(rest, "/")
	if base, _ := evidence.LangOf(path.Base(p)); base == "_index" {
		return false
	}
	return len(parts) == 3 && parts[0] != "" && parts[1] == "releases"
}

// Parse reads the release file at the site-relative slash path p
// (content/products/<product>/releases/<version>[.<lang>].md).
func Parse(p string, data []byte) (*File, diag.List) {
	rest := strings.TrimPrefix(p, Dir)
	product, _, _ := strings.Cut(rest, "/")
	version, lang := evidence.LangOf(path.Base(p))
	f := &File{Path: p, Product: product, Version: version, Lang: lang, Keys: map[string]diag.Position{}}
	start := diag.Position{File: p, Line: 1, Col: 1}
	var diags diag.List
	if !ValidVersion(version) {
		diags = append(diags, diag.Errorf(start, "bad-version", "release file name %q is not a version", path.Base(p)).
			WithHint("name the file after its version, such as 2.4.0.md: %s", versionHint))
	}
	fm, ds := evidence.ReadFrontMatter(p, data)
	diags = append(diags, ds...)
	if fm == nil {
		return f, diags
	}
	f.Format, f.Body, f.BodyLine = fm.Format, fm.Body, fm.BodyLine
	if ds.HasErrors() {
		return f, diags
	}
	d := decoder{f: f, fields: node.Fields{Hints: hints[f.Format]}}
	d.file(fm.Root, start)
	return f, append(diags, d.fields.Diags...)
}

// examples gives a value for each front-matter key, in a syntax TOML and YAML share, for
// hints. Its keys are the keys a front matter may have.
var examples = map[string]string{
	"version":            `"2.4.0"`,
	"date":               `2026-10-01`,
	"title":              `"ACME Gateway 2.4"`,
	"description":        `"One sentence for lists and feeds."`,
	"endOfSupport":       `2028-10-01`,
	"endOfSecurityFixes": `2029-10-01`,
	"sboms":              "",
	"provenance":         "",
	"downloads":          "",
}

var frontMatterKeys = slices.Sorted(maps.Keys(examples))

// entryKeys are the keys of an entry of each list, and entryExamples values for hints.
var (
	entryKeys = map[string][]string{
		"sboms":      {"path", "title"},
		"provenance": {"path", "title"},
		"downloads":  {"name", "path", "sha256", "signature", "title", "url"},
	}
	entryExamples = map[string]map[string]string{
		"sboms":      {"path": `"sbom/acme-gateway-2.4.0.spdx.json"`, "title": `"SBOM"`},
		"provenance": {"path": `"artifacts/acme-gateway-2.4.0.provenance.json"`, "title": `"Build provenance"`},
		"downloads": {"path": `"dist/acme-gateway-2.4.0.ova"`, "url": `"https://downloads.example.com/acme-gateway-2.4.0.ova"`,
			"sha256": `"` + strings.Repeat("0", 64) + `"`, "name": `"acme-gateway-2.4.0.ova"`, "title": `"OVA image"`,
			"signature": `"dist/acme-gateway-2.4.0.ova.sig"`},
	}
)

var hints = map[string]map[string]string{"toml": hintsFor("toml"), "yaml": hintsFor("yaml")}

func hintsFor(format string) map[string]string {
	h := map[string]string{}
	for key, example := range examples {
		if example != "" {
			h[key] = "write " + evidence.Assign(format, key, example)
		}
	}
	for list, keys := range entryKeys {
		h[list] = "give each one a path, such as " + evidence.Assign(format, "path", entryExamples[list]["path"])
		for _, k := range keys {
			h[list+"."+k] = "write " + evidence.Assign(format, k, entryExamples[list][k])
		}
	}
	return h
}

type decoder struct {
	f      *File
	fields node.Fields
}

func (d *decoder) assign(key, value string) string { return evidence.Assign(d.f.Format, key, value) }

func (d *decoder) file(root *node.Node, start diag.Position) {
	f, fd := d.f, &d.fields
	if root.Kind != node.Map {
		fd.Wrong(root, "front matter", "a map of keys", "write one key per line, such as "+d.assign("date", examples["date"]))
		return
	}
	fd.Table(root, "", frontMatterKeys...)
	for _, key := range root.Keys {
		f.Keys[key] = root.Map[key].KeyPos
	}
	f.VersionKey = evidence.Read(root.Get("version"), "version", fd.String)
	f.Date = evidence.Read(root.Get("date"), "date", fd.Date)
	f.Title = evidence.Read(root.Get("title"), "title", fd.String)
	f.Description = evidence.Read(root.Get("description"), "description", fd.String)
	f.EndOfSupport = evidence.Read(root.Get("endOfSupport"), "endOfSupport", fd.Date)
	f.EndOfSecurityFixes = evidence.Read(root.Get("endOfSecurityFixes"), "endOfSecurityFixes", fd.Date)
	f.SBOMs = d.attached(root.Get("sboms"), "sboms")
	f.Provenance = d.attached(root.Get("provenance"), "provenance")
	for _, t := range d.entries(root.Get("downloads"), "downloads") {
		d.download(t)
	}
	if v := f.VersionKey; v.Set() && v.Value != f.Version {
		msg := "version %q is not the file's version %q"
		if !ValidVersion(v.Value) {
			msg = "version %q is not a version; the file's is %q"
		}
		fd.Add(diag.Errorf(v.Pos, "bad-version", msg, v.Value, f.Version).
			WithHint("the file name gives the version: remove version here, or rename the file to %s.md", v.Value))
	}
	if f.Lang == "" && !f.Date.Set() {
		if _, given := f.Keys["date"]; !given {
			fd.Add(diag.Errorf(start, "missing-key", "missing %q in the front matter", "date").
				WithHint("add the day the release was published: %s", d.assign("date", examples["date"])))
		}
	}
}

// entries reads the list of tables v of the key list, each with only its keys.
func (d *decoder) entries(v *node.Node, list string) []*node.Node {
	tables := evidence.Entries(&d.fields, v, list, "publish the files as one archive")
	for _, t := range tables {
		d.fields.Table(t, list, entryKeys[list]...)
	}
	return tables
}

// attached reads sboms or provenance: files of the site, each with a path.
func (d *decoder) attached(v *node.Node, list string) []Attached {
	var out []Attached
	fd := &d.fields
	for _, t := range d.entries(v, list) {
		if t.Get("path") == nil {
			fd.Add(diag.Errorf(t.Pos, "missing-key", "missing \"path\" in this entry of %s", list).
				WithHint("add %s, relative to the site root", d.assign("path", entryExamples[list]["path"])))
		}
		out = append(out, Attached{Pos: t.Pos,
			Path: evidence.Read(t.Get("path"), list+".path", fd.String), Title: evidence.Read(t.Get("title"), list+".title", fd.String)})
	}
	return out
}

// download reads one entry of downloads and checks what the file alone tells: a path or
// an https URL with its SHA-256, and a name a customer can save it under.
func (d *decoder) download(t *node.Node) {
	fd := &d.fields
	dl := Download{Pos: t.Pos,
		Path:      evidence.Read(t.Get("path"), "downloads.path", fd.String),
		URL:       evidence.Read(t.Get("url"), "downloads.url", fd.String),
		SHA256:    evidence.Read(t.Get("sha256"), "downloads.sha256", fd.String),
		Name:      evidence.Read(t.Get("name"), "downloads.name", fd.String),
		Title:     evidence.Read(t.Get("title"), "downloads.title", fd.String),
		Signature: evidence.Read(t.Get("signature"), "downloads.signature", fd.String),
	}
	d.f.Downloads = append(d.f.Downloads, dl)
	hasPath, hasURL := t.Get("path") != nil, t.Get("url") != nil
	switch {
	case hasPath == hasURL:
		fd.Add(diag.Errorf(t.Pos, "bad-download", "a download needs exactly one of path and url").
			WithHint("give %s for a file in the site, or %s with its sha256 for a file elsewhere",
				d.assign("path", entryExamples["downloads"]["path"]), d.assign("url", entryExamples["downloads"]["url"])))
	case hasURL && dl.URL.Set() && !model.IsHTTPS(dl.URL.Value):
		fd.Add(diag.Errorf(dl.URL.Pos, "bad-url", "download url %q is not an absolute https URL", dl.URL.Value).
			WithHint("customers fetch it from the printed URL: give its https address, or put the file in the site and give its path"))
	case hasURL && t.Get("sha256") == nil:
		fd.Add(diag.Errorf(t.Pos, "bad-download", "a download elsewhere needs its sha256").
			WithHint("add the SHA-256 the file has, as sha256sum prints it: %s", d.assign("sha256", entryExamples["downloads"]["sha256"])))
	case hasPath && t.Get("sha256") != nil:
		fd.Add(diag.Errorf(t.Get("sha256").Start(), "bad-download", "sha256 is for a download elsewhere; the build digests a file in the site").
			WithHint("remove sha256 here"))
	}
	if s := dl.SHA256; s.Set() && !sha256Re.MatchString(s.Value) {
		fd.Add(diag.Errorf(s.Pos, "bad-digest", "sha256 %q is not a SHA-256 digest (64 hexadecimal digits)", s.Value).
			WithHint("copy the first field that sha256sum prints for the file"))
	}
	if s := dl.Signature; s.Set() && !dl.SignatureInSite() && !model.IsHTTPS(s.Value) {
		fd.Add(diag.Errorf(s.Pos, "bad-url", "signature %q is neither a file of the site nor an https URL", s.Value).
			WithHint("give the signature's path in the site, such as %s, or its https URL", entryExamples["downloads"]["signature"]))
	}
	if dl.Name.Set() || dl.Path.Set() != dl.URL.Set() {
		if name := dl.FileName(); !safeName(name) {
			pos := cmp.Or(dl.Name.Pos, dl.URL.Pos, dl.Path.Pos)
			msg := fmt.Sprintf("download name %q cannot be a file name", name)
			if name == "" {
				msg = "the download's url names no file"
			}
			fd.Add(diag.Errorf(pos, "bad-download", "%s", msg).
				WithHint("give %s: a file name without a leading dot, control characters or any of / \\ \" ' ` $", d.assign("name", entryExamples["downloads"]["name"])))
		}
	}
}

// FileName is the name a customer saves the download under: its name, or the last
// segment of its path or URL.
func (d Download) FileName() string {
	if d.Name.Value != "" {
		return d.Name.Value
	}
	if d.URL.Value != "" {
		u, err := url.Parse(d.URL.Value)
		if err != nil || u.Path == "" || strings.HasSuffix(u.Path, "/") {
			return "" // names no file: give name
		}
		return path.Base(u.Path)
	}
	return path.Base("/" + d.Path.Value)
}

// safeName reports whether name can be a file name printed, quoted, in a check command
// that a customer copies into a shell.
func safeName(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.ContainsAny(name, "/\\\"'`$") {
		return false
	}
	_, kind := model.Unprintable(name)
	return kind == ""
}

// isHTTPS reports whether s is an absolute https URL with a host.
