package catalog

import (
	"cmp"
	"embed"
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

//go:embed data/*.toml
var builtinFS embed.FS

// Builtins are the names of the catalogs embedded in evident, in the order they are listed.
var Builtins = []string{"cip", "ssdf"}

// builtinPrefix starts the file name of positions in built-in catalogs: "builtin:cip.toml".
const builtinPrefix = "builtin:"

// ConfigFile is where the list of catalog names comes from; problems with a name itself are
// reported there.
const ConfigFile = "evident.toml"

// crosswalks are the built-in crosswalks and the frameworks each one needs.
var crosswalks = []struct{ file, from, to string }{
	{"crosswalk-cip-ssdf.toml", "cip", "ssdf"},
}

// Load reads the catalogs a site uses. Each name is a built-in catalog ("cip", "ssdf") or the
// slash path of a catalog file inside root, the site's directory; nothing outside root is read.
//
// A catalog file either defines a catalog of its own (framework = "…") or extends one that is
// loaded (extends = "cip"): it adds items and may replace summaries, without copying the
// catalog it extends. The first name gives the site's default framework (for an extension,
// the framework it extends). The built-in crosswalk between cip and ssdf is loaded when both are.
//
// Load returns a usable set even when there are problems: the items that could be read, and a
// diagnostic with a file:line:col position for each problem.
func Load(root fs.FS, names []string) (*Set, diag.List) {
	var diags diag.List
	l := loader{set: &Set{}, diags: &diags}
	var exts []*document
	var order []string // frameworks in the order the names give them
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			diags = append(diags, diag.Errorf(diag.Position{File: ConfigFile}, CodeCatalogName, "catalog %q is listed twice", name))
			continue
		}
		seen[name] = true
		doc := l.read(root, name)
		if doc == nil {
			continue
		}
		if _, ok := doc.root["extends"]; ok {
			exts = append(exts, doc)
			fw, _ := doc.root["extends"].(string)
			order = append(order, fw)
			continue
		}
		if c := l.catalog(doc, strings.HasPrefix(doc.file, builtinPrefix)); c != nil {
			order = append(order, c.ID)
		}
	}
	for _, doc := range exts {
		l.extend(doc)
	}
	// The default framework first, then the others in the order they were named.
	slices.SortStableFunc(l.set.Catalogs, func(a, b *Catalog) int {
		return cmp.Compare(indexOr(order, a.ID), indexOr(order, b.ID))
	})
	for _, x := range crosswalks {
		if _, ok := l.set.Catalog(x.from); !ok {
			continue
		}
		if _, ok := l.set.Catalog(x.to); !ok {
			continue
		}
		src, _ := builtinFS.ReadFile("data/" + x.file)
		if doc, ok := decodeTOML(builtinPrefix+x.file, src, &diags); ok {
			if cw := l.crosswalk(doc); cw != nil {
				l.set.Crosswalks = append(l.set.Crosswalks, cw)
			}
		}
	}
	diags.Sort()
	return l.set, diags
}

func indexOr(list []string, s string) int {
	if i := slices.Index(list, s); i >= 0 {
		return i
	}
	return len(list)
}

type loader struct {
	set   *Set
	diags *diag.List
}

func (l *loader) errorf(pos diag.Position, code, format string, args ...any) *diag.Diagnostic {
	*l.diags = append(*l.diags, diag.Errorf(pos, code, format, args...))
	return &(*l.diags)[len(*l.diags)-1]
}

// read decodes the catalog file that a name stands for.
func (l *loader) read(root fs.FS, name string) *document {
	config := diag.Position{File: ConfigFile}
	var file string
	var src []byte
	switch {
	case slices.Contains(Builtins, name):
		file = builtinPrefix + name + ".toml"
		src, _ = builtinFS.ReadFile("data/" + name + ".toml")
	case !strings.Contains(name, "/") && !strings.HasSuffix(name, ".toml"):
		d := l.errorf(config, CodeCatalogName, "unknown catalog %q", name)
		*d = d.WithHint("built-in catalogs are %s; a catalog file of the site is given by its path, such as catalogs/%s.toml",
			strings.Join(Builtins, ", "), name)
		if near := nearest(name, Builtins); near != "" {
			d.Message += "; did you mean " + strconv.Quote(near) + "?"
		}
		return nil
	case !fs.ValidPath(name):
		l.errorf(config, CodeCatalogName, "catalog path %q must be a slash path inside the site, without . or .. elements or a leading /", name)
		return nil
	default:
		file = name
		var err error
		if src, err = fs.ReadFile(root, name); err != nil {
			why := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				why = "no such file"
			}
			l.errorf(config, CodeCatalogName, "cannot read catalog file %q: %s", name, why)
			return nil
		}
	}
	doc, ok := decodeTOML(file, src, l.diags)
	if !ok {
		return nil
	}
	return doc
}

var catalogKeys = []string{"framework", "version", "partial", "title", "publisher", "note", "items"}
var extensionKeys = []string{"extends", "note", "items", "overrides"}

// catalog builds a catalog from a file that defines one, and adds it to the set.
func (l *loader) catalog(doc *document, builtin bool) *Catalog {
	d := doc
	d.table(nil, d.root, catalogKeys...)
	c := &Catalog{
		ID:        d.str(nil, d.root, "framework"),
		Version:   strings.TrimSpace(d.str(nil, d.root, "version")),
		Title:     d.text(nil, d.root, "title"),
		Publisher: d.text(nil, d.root, "publisher"),
		Note:      d.text(nil, d.root, "note"),
		Builtin:   builtin,
		Pos:       diag.Position{File: d.file, Line: 1, Col: 1},
		byLocal:   map[string]*Item{},
		bySlug:    map[string]*Item{},
	}
	c.Partial, _ = d.boolean(nil, d.root, "partial")
	switch _, has := d.root["framework"]; {
	case !has:
		d.add(diag.Errorf(c.Pos, CodeSchema, "catalog file has neither framework nor extends").
			WithHint(`start it with framework = "name" for a catalog of its own, or extends = "cip" to add to the guideline's catalog`))
		return nil
	case !validFramework(c.ID):
		d.errorf(d.valuePos("framework"), CodeSchema, "framework %q must be a lower-case name such as cip or ssdf", c.ID)
		return nil
	}
	if prev, ok := l.set.Catalog(c.ID); ok {
		d.add(diag.Errorf(d.valuePos("framework"), CodeDuplicate, "framework %q is already loaded from %s", c.ID, prev.Pos.File).
			WithHint(`to add to it, write extends = %q instead of framework`, c.ID))
		return nil
	}
	if c.Version == "" {
		d.add(diag.Errorf(d.keyPos("framework"), CodeSchema, "catalog %q has no version", c.ID).
			WithHint(`say which edition of the framework it follows: version = "…"`))
	}
	if c.Title.IsZero() {
		d.add(diag.Errorf(d.keyPos("framework"), CodeSchema, "catalog %q has no title", c.ID).
			WithHint(`title = { ja = "…", en = "…" }`))
	}
	l.items(d, c, d.tables(nil, d.root, "items"))
	if len(c.Items) == 0 {
		d.errorf(d.keyPos("framework"), CodeSchema, "catalog %q has no items", c.ID)
	}
	l.set.Catalogs = append(l.set.Catalogs, c)
	return c
}

// extend applies an extension file to the catalog it extends.
func (l *loader) extend(doc *document) {
	d := doc
	catalogOnly := []string{"framework", "version", "partial", "title", "publisher"}
	d.table(nil, d.root, append(slices.Clone(extensionKeys), catalogOnly...)...)
	for _, k := range catalogOnly {
		if _, ok := d.root[k]; ok {
			d.add(diag.Errorf(d.keyPos(k), CodeSchema, "an extension cannot set %s", k).
				WithHint("it keeps the framework, version, title and publisher of the catalog it extends; say what it adds in note"))
		}
	}
	fw := d.str(nil, d.root, "extends")
	c, ok := l.set.Catalog(fw)
	if !ok {
		loaded := l.frameworks()
		d.add(diag.Errorf(d.valuePos("extends"), CodeCatalogName, "extends %q, which is not loaded", fw).
			WithHint("list %q in the catalogs of %s before this file (loaded: %s)", fw, ConfigFile, loaded))
		return
	}
	c.Extensions = append(c.Extensions, Extension{File: d.file, Note: d.text(nil, d.root, "note")})
	l.items(d, c, d.tables(nil, d.root, "items"))
	for i, t := range d.tables(nil, d.root, "overrides") {
		p := []string{"overrides", strconv.Itoa(i)}
		if _, ok := d.table(p, t, "id", "summary"); !ok {
			continue
		}
		raw, ok := t["id"]
		if !ok {
			d.errorf(d.keyPos(p...), CodeSchema, "override has no id")
			continue
		}
		s, _ := raw.(string)
		id, err := Parse(s, c.ID)
		if err != nil || id.Framework != c.ID {
			l.badID(d, child(p, "id"), s, c, err)
			continue
		}
		it, ok := c.Lookup(id.Local)
		if !ok {
			dg := diag.Errorf(d.valuePos(child(p, "id")...), CodeUnknownRequirement, "unknown requirement %q in %s", s, c.ID).
				WithHint("an override changes an item that the catalog has; to add one, use [[items]]")
			if near := nearest(id.Local, c.locals()); near != "" {
				dg.Message += "; did you mean " + strconv.Quote(near) + "?"
			}
			d.add(dg)
			continue
		}
		sum := d.text(p, t, "summary")
		if sum.IsZero() {
			d.errorf(d.valuePos(child(p, "id")...), CodeSchema, "override of %s has no summary", id.Local)
			continue
		}
		it.Summary = it.Summary.merge(sum)
	}
}

func (l *loader) frameworks() string {
	var fws []string
	for _, c := range l.set.Catalogs {
		fws = append(fws, c.ID)
	}
	if len(fws) == 0 {
		return "none"
	}
	return strings.Join(fws, ", ")
}

func (c *Catalog) locals() []string {
	var out []string
	c.Walk(func(it *Item) bool {
		out = append(out, it.ID.Local)
		return true
	})
	return out
}

// badID reports an ID in a catalog file that does not parse, or belongs to another framework.
func (l *loader) badID(d *document, path []string, raw string, c *Catalog, err error) {
	pos := d.valuePos(path...)
	var se *SyntaxError
	if errors.As(err, &se) {
		d.errorf(pos, CodeInvalidID, "%s: %s", join(path), se.Error())
		return
	}
	d.errorf(pos, CodeInvalidID, "%s: %q is not an ID of %s", join(path), raw, c.ID)
}

// items adds the [[items]] of a file to c.
func (l *loader) items(d *document, c *Catalog, items []map[string]any) {
	sch := schemeFor(c.ID)
	for i, t := range items {
		p := []string{"items", strconv.Itoa(i)}
		if t == nil {
			continue
		}
		if _, ok := d.table(p, t, "id", "parent", "title", "summary", "responsibility", "party"); !ok {
			continue
		}
		raw, ok := t["id"]
		if !ok {
			d.errorf(d.keyPos(p...), CodeSchema, "item has no id")
			continue
		}
		idPos := d.valuePos(child(p, "id")...)
		s, _ := raw.(string)
		if _, isStr := raw.(string); !isStr {
			d.errorf(idPos, CodeSchema, "%s must be a string, not %s", join(child(p, "id")), typeName(raw))
			continue
		}
		id, err := Parse(s, c.ID)
		if err != nil || id.Framework != c.ID {
			l.badID(d, child(p, "id"), s, c, err)
			continue
		}
		it := &Item{
			ID:             id,
			Title:          d.text(p, t, "title"),
			Summary:        d.text(p, t, "summary"),
			Responsibility: d.text(p, t, "responsibility"),
			Party:          d.str(p, t, "party"),
			Pos:            d.keyPos(child(p, "id")...),
		}
		if prev, ok := c.byLocal[id.Local]; ok {
			dg := diag.Errorf(idPos, CodeDuplicate, "duplicate ID %q: already defined at %s", id.Local, prev.Pos)
			if prev.Pos.File != d.file {
				dg = dg.WithHint("to change its summary, use [[overrides]] with id = %q", id.Local)
			}
			d.add(dg)
			continue
		}
		if _, isStr := t["title"].(string); it.Title.IsZero() && !isStr { // a string title is reported by text
			d.add(diag.Errorf(idPos, CodeSchema, "item %q has no title", id.Local).
				WithHint(`title = { ja = "…", en = "…" }`))
		}

		// Where the item goes: its parent is given, or implied by the notation, or both (and then they agree).
		level, implied := sch.shape(id.Local)
		parentLocal := implied
		parentPos := idPos
		if rawParent, ok := t["parent"]; ok {
			parentPos = d.valuePos(child(p, "parent")...)
			ps := d.str(p, t, "parent")
			pid, err := Parse(ps, c.ID)
			if err != nil || pid.Framework != c.ID {
				if _, isStr := rawParent.(string); isStr {
					l.badID(d, child(p, "parent"), ps, c, err)
				}
				continue
			}
			switch {
			case level == Category:
				d.errorf(parentPos, CodeParent, "%s is a category and has no parent", id.Local)
				continue
			case implied != "" && pid.Local != implied:
				d.add(diag.Errorf(parentPos, CodeParent, "%s does not fit under %s", id.Local, pid.Local).
					WithHint("by its ID, %s belongs under %s", id.Local, implied))
				continue
			}
			parentLocal = pid.Local
		}
		var parent *Item
		if parentLocal != "" {
			parent, ok = c.byLocal[parentLocal]
			if !ok {
				dg := diag.Errorf(parentPos, CodeParent, "unknown parent %q of %s", parentLocal, id.Local)
				if later := slices.IndexFunc(items[i+1:], func(t map[string]any) bool { return idOf(t, c.ID) == parentLocal }); later >= 0 {
					dg = dg.WithHint("define %s before the items under it", parentLocal)
				} else {
					dg = dg.WithHint("%s has no item %s; a parent must be defined before the items under it", c.ID, parentLocal)
				}
				d.add(dg)
				continue
			}
			if parent.Level == Individual {
				d.add(diag.Errorf(parentPos, CodeParent, "%s cannot be under %s, an individual requirement", id.Local, parentLocal).
					WithHint("catalogs have three levels: category, requirement, individual requirement"))
				continue
			}
			it.Level = parent.Level + 1
		} else {
			it.Level = Category
		}
		if level != 0 && level != it.Level {
			// Only reachable for notations that imply a level but not a parent; kept as a guard.
			d.errorf(idPos, CodeParent, "%s is a %s by its ID, but here a %s", id.Local, level, it.Level)
			continue
		}

		if it.Level == Category {
			if it.Party != "" && it.Party != Provider && it.Party != Customer {
				d.errorf(d.valuePos(child(p, "party")...), CodeSchema, "party must be %q or %q, not %q", Provider, Customer, it.Party)
				it.Party = ""
			}
		} else {
			for _, k := range []string{"party", "responsibility"} {
				if _, ok := t[k]; ok {
					d.errorf(d.keyPos(child(p, k)...), CodeSchema, "%s is set on categories only; %s takes it from its category", k, id.Local)
				}
			}
			it.Party, it.Responsibility = parent.Party, Text{}
		}
		slug := id.Slug()
		if prev, ok := c.bySlug[slug]; ok {
			d.errorf(idPos, CodeDuplicate, "%s and %s (%s) have the same URL slug %q", id.Local, prev.ID.Local, prev.Pos, slug)
			continue
		}
		it.Parent = parent
		if parent != nil {
			parent.Children = append(parent.Children, it)
		} else {
			c.Items = append(c.Items, it)
		}
		c.byLocal[id.Local] = it
		c.bySlug[slug] = it
	}
	if _, ok := sch.(plainScheme); !ok {
		c.sortNatural()
	}
}

// idOf returns the canonical local ID of a raw item, or "".
func idOf(t map[string]any, framework string) string {
	s, _ := t["id"].(string)
	id, err := Parse(s, framework)
	if err != nil {
		return ""
	}
	return id.Local
}

// sortNatural orders siblings by the numbers in their IDs, so that items added by extensions
// take their place among the built-in ones.
func (c *Catalog) sortNatural() {
	var sortItems func([]*Item)
	sortItems = func(items []*Item) {
		slices.SortStableFunc(items, func(a, b *Item) int {
			return slices.Compare(numbers(a.ID.Local), numbers(b.ID.Local))
		})
		for _, it := range items {
			sortItems(it.Children)
		}
	}
	sortItems(c.Items)
}

// numbers returns the decimal numbers in s, in order.
func numbers(s string) []int {
	var out []int
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r < '0' || r > '9' }) {
		n, _ := strconv.Atoi(f)
		out = append(out, n)
	}
	return out
}
