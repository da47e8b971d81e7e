package catalog

import (
	"slices"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/node"
)

// Crosswalk links items of one framework to related items of another.
type Crosswalk struct {
	From, To string // framework ids
	Title    Text
	Note     Text
	// Official is false for a mapping that no publisher of either framework has issued.
	Official bool
	Links    []Link
	Pos      diag.Position
}

// Link relates one item of the From framework to one of the To framework.
type Link struct {
	From, To ID
}

// Related returns the IDs linked to id, in either direction, in the order of the data.
func (x *Crosswalk) Related(id ID) []ID {
	var out []ID
	for _, l := range x.Links {
		switch id {
		case l.From:
			out = append(out, l.To)
		case l.To:
			out = append(out, l.From)
		}
	}
	return out
}

// crosswalk reads a crosswalk file, keeping only links between items of the set.
//
//	from = "cip"
//	to = "ssdf"
//	official = false
//	title = { ja = "…", en = "…" }
//	note = { ja = "…", en = "…" }
//	[[links]]
//	from = "S(2)-2.1"
//	to = ["PS.1.1"]
func (l *loader) crosswalk(doc *document) *Crosswalk {
	root, f := doc.root, &l.f
	f.Table(root, "", "from", "to", "official", "title", "note", "links")
	from, _ := f.String(root.Get("from"), "from")
	to, _ := f.String(root.Get("to"), "to")
	x := &Crosswalk{
		From:  from,
		To:    to,
		Title: l.text(root.Get("title"), "title"),
		Note:  l.text(root.Get("note"), "note"),
		Pos:   diag.Position{File: doc.file, Line: 1, Col: 1},
	}
	official, ok := f.Bool(root.Get("official"), "official")
	if !ok {
		l.errorf(x.Pos, CodeSchema, "crosswalk must say whether it is official: official = true or false")
		return nil
	}
	x.Official = official
	for _, t := range f.Tables(root.Get("links"), "links") {
		f.Table(t, "links", "from", "to")
		fromNode := t.Get("from")
		if _, ok := f.String(fromNode, "links.from"); !ok {
			continue
		}
		from, ok := l.linkEnd(fromNode, "links.from", x.From)
		if !ok {
			continue
		}
		for _, s := range f.Strings(t.Get("to"), "links.to") {
			to, ok := l.linkEnd(s, "links.to", x.To)
			if ok && !slices.Contains(x.Links, Link{from, to}) {
				x.Links = append(x.Links, Link{From: from, To: to})
			}
		}
	}
	return x
}

// linkEnd parses one end of a link, the string n. An ID that parses but that the framework's
// catalog does not have is left out without a diagnostic: a site may replace a built-in
// catalog with its own edition.
func (l *loader) linkEnd(n *node.Node, name, framework string) (ID, bool) {
	id, err := Parse(n.Str, framework)
	if err != nil || id.Framework != framework {
		c, _ := l.set.Catalog(framework)
		if c == nil {
			c = &Catalog{ID: framework}
		}
		l.badID(n, name, c, err)
		return ID{}, false
	}
	_, ok := l.set.Lookup(id)
	return id, ok
}
