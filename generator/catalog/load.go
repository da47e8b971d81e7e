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
	"github.com/evident-dev/evident/generator/node"
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
	l := loader{set: &Set{}, f: node.Fields{TypeCode: CodeSchema, KeyCode: CodeSchema}}
	var exts []*document
	var order []string // frameworks in the order the names give them
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			l.errorf(diag.Position{File: ConfigFile}, CodeCatalogName, "catalog %q is listed twice", name)
			continue
		}
		seen[name] = true
		doc := l.read(root, name)
		if doc == nil {
			continue
		}
		if ext := doc.root.Get("extends"); ext != nil {
			exts = append(exts, doc)
			order = append(order, ext.Str)
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
		if doc := l.parse(builtinPrefix+x.file, src); doc != nil {
			if cw := l.crosswalk(doc); cw != nil {
				l.set.Crosswalks = append(l.set.Crosswalks, cw)
			}
		}
	}
	diags := l.f.Diags
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
	set *Set
	f   node.Fields // reads the files, and collects the diagnostics of them all
}

func (l *loader) errorf(pos diag.Position, code, format string, args ...any) *diag.Diagnostic {
	l.f.Add(diag.Errorf(pos, code, format, args...))
	return &l.f.Diags[len(l.f.Diags)-1]
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
	return l.parse(file, src)
}

var catalogKeys = []string{"framework", "version", "partial", "title", "publisher", "note", "levels", "items", "moved"}
var extensionKeys = []string{"extends", "note", "items", "overrides", "moved"}

// catalog builds a catalog from a file that defines one, and adds it to the set.
func (l *loader) catalog(doc *document, builtin bool) *Catalog {
	root, f := doc.root, &l.f
	f.Table(root, "", catalogKeys...)
	id, _ := f.String(root.Get("framework"), "framework")
	version, _ := f.String(root.Get("version"), "version")
	c := &Catalog{
		ID:        id,
		Version:   strings.TrimSpace(version),
		Title:     l.text(root.Get("title"), "title"),
		Publisher: l.text(root.Get("publisher"), "publisher"),
		Note:      l.text(root.Get("note"), "note"),
		Builtin:   builtin,
		Pos:       diag.Position{File: doc.file, Line: 1, Col: 1},
		Moved:     map[string]ID{},
		byLocal:   map[string]*Item{},
		bySlug:    map[string]*Item{},
	}
	c.Partial, _ = f.Bool(root.Get("partial"), "partial")
	fw := root.Get("framework")
	switch {
	case fw == nil:
		f.Add(diag.Errorf(c.Pos, CodeSchema, "catalog file has neither framework nor extends").
			WithHint(`start it with framework = "name" for a catalog of its own, or extends = "cip" to add to the guideline's catalog`))
		return nil
	case !validFramework(c.ID):
		l.errorf(fw.Pos, CodeSchema, "framework %q must be a lower-case name such as cip or ssdf", c.ID)
		return nil
	}
	if prev, ok := l.set.Catalog(c.ID); ok {
		f.Add(diag.Errorf(fw.Pos, CodeDuplicate, "framework %q is already loaded from %s", c.ID, prev.Pos.File).
			WithHint(`to add to it, write extends = %q instead of framework`, c.ID))
		return nil
	}
	if c.Version == "" {
		f.Add(diag.Errorf(fw.KeyPos, CodeSchema, "catalog %q has no version", c.ID).
			WithHint(`say which edition of the framework it follows: version = "…"`))
	}
	if c.Title.IsZero() {
		f.Add(diag.Errorf(fw.KeyPos, CodeSchema, "catalog %q has no title", c.ID).
			WithHint(`title = { ja = "…", en = "…" }`))
	}
	c.LevelNames = l.levelNames(root.Get("levels"))
	l.items(doc, c, f.Tables(root.Get("items"), "items"))
	if len(c.Items) == 0 {
		l.errorf(fw.KeyPos, CodeSchema, "catalog %q has no items", c.ID)
	}
	l.moved(c, f.Tables(root.Get("moved"), "moved"))
	l.set.Catalogs = append(l.set.Catalogs, c)
	return c
}

// extend applies an extension file to the catalog it extends.
func (l *loader) extend(doc *document) {
	root, f := doc.root, &l.f
	catalogOnly := []string{"framework", "version", "partial", "title", "publisher", "levels"}
	f.Table(root, "", append(slices.Clone(extensionKeys), catalogOnly...)...)
	for _, k := range catalogOnly {
		if n := root.Get(k); n != nil {
			f.Add(diag.Errorf(n.KeyPos, CodeSchema, "an extension cannot set %s", k).
				WithHint("it keeps the framework, version, title, publisher and level names of the catalog it extends; say what it adds in note"))
		}
	}
	ext := root.Get("extends")
	fw, _ := f.String(ext, "extends")
	c, ok := l.set.Catalog(fw)
	if !ok {
		f.Add(diag.Errorf(ext.Pos, CodeCatalogName, "extends %q, which is not loaded", fw).
			WithHint("list %q in the catalogs of %s before this file (loaded: %s)", fw, ConfigFile, l.frameworks()))
		return
	}
	c.Extensions = append(c.Extensions, Extension{File: doc.file, Note: l.text(root.Get("note"), "note")})
	l.items(doc, c, f.Tables(root.Get("items"), "items"))
	for _, t := range f.Tables(root.Get("overrides"), "overrides") {
		f.Table(t, "overrides", "id", "summary")
		idNode := t.Get("id")
		if idNode == nil {
			l.errorf(t.Start(), CodeSchema, "override has no id")
			continue
		}
		s, ok := f.String(idNode, "overrides.id")
		if !ok {
			continue
		}
		id, err := Parse(s, c.ID)
		if err != nil || id.Framework != c.ID {
			l.badID(idNode, "overrides.id", c, err)
			continue
		}
		it, ok := c.Lookup(id.Local)
		if !ok {
			dg := diag.Errorf(idNode.Pos, CodeUnknownRequirement, "unknown requirement %q in %s", s, c.ID).
				WithHint("an override changes an item that the catalog has; to add one, use [[items]]")
			if near := nearest(id.Local, c.locals()); near != "" {
				dg.Message += "; did you mean " + strconv.Quote(near) + "?"
			}
			f.Add(dg)
			continue
		}
		sum := l.text(t.Get("summary"), "overrides.summary")
		if sum.IsZero() {
			l.errorf(idNode.Pos, CodeSchema, "override of %s has no summary", id.Local)
			continue
		}
		it.Summary = it.Summary.Merge(sum)
	}
	l.moved(c, f.Tables(root.Get("moved"), "moved"))
}

// levelKeys are the keys of a catalog's levels table, in Level order.
var levelKeys = []string{"category", "requirement", "individual"}

// levelNames reads levels = { category = { ja = "…", en = "…" }, ... }: what the
// framework calls each level. A level it does not name keeps the guideline's word.
func (l *loader) levelNames(n *node.Node) [3]Text {
	names := defaultLevelNames
	if !l.f.Table(n, "levels", levelKeys...) {
		return names
	}
	for i, k := range levelKeys {
		if t := l.text(n.Get(k), "levels."+k); !t.IsZero() {
			names[i] = t
		}
	}
	return names
}

// moved reads the [[moved]] entries of a file into c.Moved: IDs that an edition of the
// framework moved, each to an item that c has. An ID that c still has cannot have moved.
func (l *loader) moved(c *Catalog, entries []*node.Node) {
	f := &l.f
	for _, t := range entries {
		f.Table(t, "moved", "id", "to")
		ids := [2]ID{}
		ok := true
		for i, k := range []string{"id", "to"} {
			n := t.Get(k)
			if n == nil {
				f.Add(diag.Errorf(t.Start(), CodeSchema, "moved entry has no %s", k).
					WithHint(`[[moved]] id = "PW.3.1" to = "PO.1.3": the ID as it was, and the item that holds it now`))
				ok = false
				continue
			}
			s, isStr := f.String(n, "moved."+k)
			if !isStr {
				ok = false
				continue
			}
			id, err := Parse(s, c.ID)
			if err != nil || id.Framework != c.ID {
				l.badID(n, "moved."+k, c, err)
				ok = false
				continue
			}
			ids[i] = id
		}
		if !ok {
			continue
		}
		from, to := ids[0], ids[1]
		if it, exists := c.Lookup(from.Local); exists {
			f.Add(diag.Errorf(t.Get("id").Pos, CodeDuplicate, "%s is an item of %s (%s); it cannot also have moved", from.Local, c.ID, it.Pos).
				WithHint("remove this [[moved]] entry, or the item"))
			continue
		}
		if _, exists := c.Lookup(to.Local); !exists {
			f.Add(diag.Errorf(t.Get("to").Pos, CodeUnknownRequirement, "%s moved to %s, which %s does not have", from.Local, to.Local, c.ID).
				WithHint("to is the ID of the item of %s that holds %s now", c.ID, from.Local))
			continue
		}
		c.Moved[from.Local] = to
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

// badID reports the ID string n, called name, that does not parse or belongs to another framework.
func (l *loader) badID(n *node.Node, name string, c *Catalog, err error) {
	var se *SyntaxError
	if errors.As(err, &se) {
		l.errorf(n.Pos, CodeInvalidID, "%s: %s", name, se.Error())
		return
	}
	l.errorf(n.Pos, CodeInvalidID, "%s: %q is not an ID of %s", name, n.Str, c.ID)
}

// items adds the [[items]] of a file to c.
func (l *loader) items(doc *document, c *Catalog, items []*node.Node) {
	f := &l.f
	sch := schemeFor(c.ID)
	for i, t := range items {
		f.Table(t, "items", "id", "parent", "title", "summary", "responsibility", "party")
		idNode := t.Get("id")
		if idNode == nil {
			l.errorf(t.Start(), CodeSchema, "item has no id")
			continue
		}
		s, ok := f.String(idNode, "items.id")
		if !ok {
			continue
		}
		id, err := Parse(s, c.ID)
		if err != nil || id.Framework != c.ID {
			l.badID(idNode, "items.id", c, err)
			continue
		}
		party, _ := f.String(t.Get("party"), "items.party")
		it := &Item{
			ID:             id,
			Title:          l.text(t.Get("title"), "items.title"),
			Summary:        l.text(t.Get("summary"), "items.summary"),
			Responsibility: l.text(t.Get("responsibility"), "items.responsibility"),
			Party:          party,
			Pos:            idNode.KeyPos,
		}
		if prev, ok := c.byLocal[id.Local]; ok {
			dg := diag.Errorf(idNode.Pos, CodeDuplicate, "duplicate ID %q: already defined at %s", id.Local, prev.Pos)
			if prev.Pos.File != doc.file {
				dg = dg.WithHint("to change its summary, use [[overrides]] with id = %q", id.Local)
			}
			f.Add(dg)
			continue
		}
		if title := t.Get("title"); it.Title.IsZero() && (title == nil || title.Kind != node.String) { // a string title is reported by text
			f.Add(diag.Errorf(idNode.Pos, CodeSchema, "item %q has no title", id.Local).
				WithHint(`title = { ja = "…", en = "…" }`))
		}

		// Where the item goes: its parent is given, or implied by the notation, or both (and then they agree).
		level, implied := sch.shape(id.Local)
		parentLocal := implied
		parentPos := idNode.Pos
		if pn := t.Get("parent"); pn != nil {
			parentPos = pn.Pos
			ps, isStr := f.String(pn, "items.parent")
			pid, err := Parse(ps, c.ID)
			if err != nil || pid.Framework != c.ID {
				if isStr {
					l.badID(pn, "items.parent", c, err)
				}
				continue
			}
			switch {
			case level == Category:
				l.errorf(parentPos, CodeParent, "%s is a category and has no parent", id.Local)
				continue
			case implied != "" && pid.Local != implied:
				f.Add(diag.Errorf(parentPos, CodeParent, "%s does not fit under %s", id.Local, pid.Local).
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
				if later := slices.IndexFunc(items[i+1:], func(t *node.Node) bool { return idOf(t, c.ID) == parentLocal }); later >= 0 {
					dg = dg.WithHint("define %s before the items under it", parentLocal)
				} else {
					dg = dg.WithHint("%s has no item %s; a parent must be defined before the items under it", c.ID, parentLocal)
				}
				f.Add(dg)
				continue
			}
			if parent.Level == Individual {
				f.Add(diag.Errorf(parentPos, CodeParent, "%s cannot be under %s, an individual requirement", id.Local, parentLocal).
					WithHint("catalogs have three levels: category, requirement, individual requirement"))
				continue
			}
			it.Level = parent.Level + 1
		} else {
			it.Level = Category
		}
		if level != 0 && level != it.Level {
			// Only reachable for notations that imply a level but not a parent; kept as a guard.
			l.errorf(idNode.Pos, CodeParent, "%s is a %s by its ID, but here a %s", id.Local, level, it.Level)
			continue
		}

		if it.Level == Category {
			if it.Party != "" && it.Party != Provider && it.Party != Customer {
				l.errorf(t.Get("party").Pos, CodeSchema, "party must be %q or %q, not %q", Provider, Customer, it.Party)
				it.Party = ""
			}
		} else {
			for _, k := range []string{"party", "responsibility"} {
				if n := t.Get(k); n != nil {
					l.errorf(n.KeyPos, CodeSchema, "%s is set on categories only; %s takes it from its category", k, id.Local)
				}
			}
			it.Party, it.Responsibility = parent.Party, Text{}
		}
		slug := id.Slug()
		if prev, ok := c.bySlug[slug]; ok {
			l.errorf(idNode.Pos, CodeDuplicate, "%s and %s (%s) have the same URL slug %q", id.Local, prev.ID.Local, prev.Pos, slug)
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

// idOf returns the canonical local ID of an item, or "".
func idOf(t *node.Node, framework string) string {
	n := t.Get("id")
	if n == nil || n.Kind != node.String {
		return ""
	}
	id, err := Parse(n.Str, framework)
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
