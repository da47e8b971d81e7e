// Package catalog owns the requirement catalogs that evidence is tagged against: the built-in
// catalogs of the guideline for Cyber Infrastructure Providers ("cip") and NIST SP 800-218
// SSDF ("ssdf") as embedded TOML data, catalog files of a site that add a framework or extend
// a built-in one, the informative crosswalk between cip and ssdf, and the parsing,
// normalisation, slugs and resolution of requirement IDs.
//
// Every catalog is a tree of three levels: category -> requirement -> individual requirement
// (for SSDF: group -> practice -> task).
package catalog

import (
	"slices"
	"strconv"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

// Text is a string in several languages ("ja", "en"): the model's one text type.
type Text = model.Text

// Level is the depth of an item in a catalog's tree.
type Level int

const (
	Category    Level = iota + 1 // (1); SSDF group PO
	Requirement                  // (1)-2; SSDF practice PO.1
	Individual                   // S(1)-2.1, (6)-2.2; SSDF task PO.1.1
)

// Key is the level as the declaration model and its exports write it: "category",
// "requirement" or "individual".
func (l Level) Key() string {
	switch l {
	case Category:
		return "category"
	case Requirement:
		return "requirement"
	}
	return "individual"
}

func (l Level) String() string {
	switch l {
	case Category:
		return "category"
	case Requirement:
		return "requirement"
	case Individual:
		return "individual requirement"
	}
	return "level(" + strconv.Itoa(int(l)) + ")"
}

// Parties of the guideline; a category says whom its requirements are for.
const (
	Provider = "provider" // サイバーインフラ事業者
	Customer = "customer" // 顧客
)

// Item is one node of a catalog's tree.
type Item struct {
	ID      ID
	Level   Level
	Title   Text
	Summary Text
	// Responsibility is the guideline's 責務 that a category answers; empty for other items.
	Responsibility Text
	// Party is Provider or Customer for the guideline: set on categories and copied to
	// everything below them. Empty when a catalog does not say.
	Party    string
	Parent   *Item
	Children []*Item
	// Pos is where the item is defined: in a site catalog file, or in a built-in catalog
	// ("builtin:cip.toml:12:1").
	Pos diag.Position
}

// Catalog is one framework's requirements.
type Catalog struct {
	ID        string // framework id, such as "cip"; the prefix of its IDs
	Version   string // such as "draft-2025-10"
	Title     Text
	Publisher Text
	Note      Text
	// Builtin is true for the catalogs embedded in evident.
	Builtin bool
	// Partial is true when the catalog lists only some of the framework's individual
	// requirements (the official text has more); an extension can add them.
	Partial bool
	// LevelNames name the levels of the tree as the framework does, in the order Category,
	// Requirement, Individual: an SSDF task is not an individual requirement. A catalog
	// file that does not name a level gets the guideline's word for it.
	LevelNames [3]Text
	// Moved maps IDs that an edition of the framework moved (local, canonical) to the
	// item that holds them now: SSDF 1.1 moved PW.4.3 to PW.1.3.
	Moved map[string]ID
	// Items are the categories, in document order.
	Items []*Item
	// Extensions are the site catalog files that added to this catalog, in the order applied.
	Extensions []Extension
	Pos        diag.Position

	byLocal map[string]*Item
	bySlug  map[string]*Item
}

// Extension records a site catalog file that extended a catalog.
type Extension struct {
	File string
	Note Text
}

// defaultLevelNames are the guideline's words for the three levels, as the site shows them.
var defaultLevelNames = [3]Text{
	{"ja": "要求事項カテゴリ", "en": "Requirement category"},
	{"ja": "要求事項", "en": "Requirement"},
	{"ja": "個別要求", "en": "Individual requirement"},
}

// LevelName returns what the catalog calls the items at level l ("Task" for an SSDF task).
func (c *Catalog) LevelName(l Level) Text {
	if l < Category || l > Individual {
		return Text{"en": l.String()}
	}
	return c.LevelNames[l-1]
}

// Lookup returns the item with the given canonical local ID.
func (c *Catalog) Lookup(local string) (*Item, bool) {
	it, ok := c.byLocal[local]
	return it, ok
}

// BySlug returns the item whose ID has the given slug.
func (c *Catalog) BySlug(slug string) (*Item, bool) {
	it, ok := c.bySlug[slug]
	return it, ok
}

// Walk calls fn for every item in document order (each item before its children). When fn
// returns false the item's children are skipped.
func (c *Catalog) Walk(fn func(*Item) bool) {
	var walk func([]*Item)
	walk = func(items []*Item) {
		for _, it := range items {
			if fn(it) {
				walk(it.Children)
			}
		}
	}
	walk(c.Items)
}

// Count returns how many items the catalog has at level l.
func (c *Catalog) Count(l Level) int {
	n := 0
	c.Walk(func(it *Item) bool {
		if it.Level == l {
			n++
		}
		return true
	})
	return n
}

// Set is the catalogs that a site uses, the default framework first, with the crosswalks
// between them.
type Set struct {
	Catalogs   []*Catalog
	Crosswalks []*Crosswalk
}

// Default returns the site's default framework: IDs without a prefix belong to it.
func (s *Set) Default() *Catalog {
	if len(s.Catalogs) == 0 {
		return nil
	}
	return s.Catalogs[0]
}

func (s *Set) defaultID() string {
	if c := s.Default(); c != nil {
		return c.ID
	}
	return ""
}

// Catalog returns the catalog of a framework.
func (s *Set) Catalog(framework string) (*Catalog, bool) {
	i := slices.IndexFunc(s.Catalogs, func(c *Catalog) bool { return c.ID == framework })
	if i < 0 {
		return nil, false
	}
	return s.Catalogs[i], true
}

// Lookup returns the item with the given ID.
func (s *Set) Lookup(id ID) (*Item, bool) {
	c, ok := s.Catalog(id.Framework)
	if !ok {
		return nil, false
	}
	return c.Lookup(id.Local)
}

// Parse parses an ID with the site's default framework; see [Parse].
func (s *Set) Parse(raw string) (ID, error) { return Parse(raw, s.defaultID()) }

// Format writes an ID as a site's authors write it: without the framework when it is the
// default one, qualified otherwise.
func (s *Set) Format(id ID) string {
	if id.Framework == s.defaultID() {
		return id.String()
	}
	return id.Qualified()
}

// All returns every item of every catalog in document order: catalogs in the order of the
// set, items depth first.
func (s *Set) All() []*Item {
	var all []*Item
	for _, c := range s.Catalogs {
		c.Walk(func(it *Item) bool {
			all = append(all, it)
			return true
		})
	}
	return all
}

// Related returns the IDs that the set's crosswalks link to id, in either direction, in the
// order of the crosswalk data. Links are between the items named, not their parents or
// children.
func (s *Set) Related(id ID) []ID {
	var out []ID
	for _, x := range s.Crosswalks {
		for _, r := range x.Related(id) {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}
