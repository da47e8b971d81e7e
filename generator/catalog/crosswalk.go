package catalog

import (
	"slices"
	"strconv"

	"github.com/evident-dev/evident/generator/diag"
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
func (l *loader) crosswalk(d *document) *Crosswalk {
	d.table(nil, d.root, "from", "to", "official", "title", "note", "links")
	x := &Crosswalk{
		From:  d.str(nil, d.root, "from"),
		To:    d.str(nil, d.root, "to"),
		Title: d.text(nil, d.root, "title"),
		Note:  d.text(nil, d.root, "note"),
		Pos:   diag.Position{File: d.file, Line: 1, Col: 1},
	}
	official, ok := d.boolean(nil, d.root, "official")
	if !ok {
		d.errorf(x.Pos, CodeSchema, "crosswalk must say whether it is official: official = true or false")
		return nil
	}
	x.Official = official
	for i, t := range d.tables(nil, d.root, "links") {
		p := []string{"links", strconv.Itoa(i)}
		if _, ok := d.table(p, t, "from", "to"); !ok {
			continue
		}
		from, ok := l.linkEnd(d, child(p, "from"), d.str(p, t, "from"), x.From)
		if !ok {
			continue
		}
		for j, s := range d.strings(p, t, "to") {
			to, ok := l.linkEnd(d, child(p, "to", strconv.Itoa(j)), s, x.To)
			if ok && !slices.Contains(x.Links, Link{from, to}) {
				x.Links = append(x.Links, Link{From: from, To: to})
			}
		}
	}
	return x
}

// linkEnd parses one end of a link. An ID that parses but that the framework's catalog does not
// have is left out without a diagnostic: a site may replace a built-in catalog with its own edition.
func (l *loader) linkEnd(d *document, path []string, raw, framework string) (ID, bool) {
	id, err := Parse(raw, framework)
	if err != nil || id.Framework != framework {
		c, _ := l.set.Catalog(framework)
		if c == nil {
			c = &Catalog{ID: framework}
		}
		l.badID(d, path, raw, c, err)
		return ID{}, false
	}
	_, ok := l.set.Lookup(id)
	return id, ok
}
