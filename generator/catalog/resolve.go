package catalog

import (
	"errors"
	"strconv"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/suggest"
)

// Resolve finds the item that raw, an ID as a site's author wrote it, names. pos is where raw
// is written; it becomes the position of the diagnostic when raw names no item:
//
//   - "invalid-requirement-id" when raw is not an ID at all;
//   - "unknown-requirement" when it is well formed but no catalog has it, or is malformed but
//     close to an ID that exists; the message suggests the nearest ID
//     (unknown requirement "S(1)-2.5"; did you mean "S(1)-2.4"?);
//   - "unknown-framework" when its framework is not loaded; the message lists those that are.
func (s *Set) Resolve(raw string, pos diag.Position) (*Item, *diag.Diagnostic) {
	id, err := s.Parse(raw)
	if err == nil {
		if it, ok := s.Lookup(id); ok {
			return it, nil
		}
		c, ok := s.Catalog(id.Framework)
		if !ok {
			d := diag.Errorf(pos, CodeUnknownFramework, "unknown framework %q in %q; the site loads %s", id.Framework, raw, s.frameworkList()).
				WithHint("add the framework's catalog to the catalogs of %s, or correct the prefix", ConfigFile)
			return nil, &d
		}
		return nil, s.unknown(raw, id, c, pos)
	}
	// Not an ID, but perhaps a typo of one: S(1)-22, (1)2.
	key := looseForm(raw)
	if near := s.suggest(key, s.All()); near != nil {
		d := diag.Errorf(pos, CodeUnknownRequirement, "unknown requirement %q; did you mean %q?", raw, s.Format(near.ID))
		var se *SyntaxError
		if errors.As(err, &se) {
			d = d.WithHint("%s", se.Reason)
		}
		return nil, &d
	}
	var reason string
	if se := (*SyntaxError)(nil); errors.As(err, &se) {
		reason = se.Reason
	} else {
		reason = err.Error()
	}
	d := diag.Errorf(pos, CodeInvalidID, "invalid requirement ID %q: %s", raw, reason).
		WithHint("IDs are written as in the framework's text, such as %s", s.examples())
	return nil, &d
}

// unknown reports a well-formed ID that catalog c does not have. An ID that the framework
// moved leads to where it went, whatever its spelling is nearest to.
func (s *Set) unknown(raw string, id ID, c *Catalog, pos diag.Position) *diag.Diagnostic {
	if to, ok := c.Moved[id.Local]; ok {
		d := diag.Errorf(pos, CodeUnknownRequirement, "unknown requirement %q; did you mean %q?", raw, s.Format(to)).
			WithHint("%s moved to %s in %s %s; tag %s", id.Local, to.Local, strings.ToUpper(c.ID), c.Version, s.Format(to))
		return &d
	}
	// Look among the siblings first when the notation says where the ID belongs: S(1)-2.5 is
	// closest to S(1)-2.4, not to S(2)-2.1.
	candidates := s.All()
	_, parentLocal := schemeFor(c.ID).shape(id.Local)
	parent, hasParent := c.Lookup(parentLocal)
	if hasParent {
		candidates = parent.Children
	}
	near := s.suggest(looseForm(s.Format(id)), candidates)
	msg := "unknown requirement " + strconv.Quote(raw)
	if near != nil {
		msg += "; did you mean " + strconv.Quote(s.Format(near.ID)) + "?"
	}
	d := diag.Errorf(pos, CodeUnknownRequirement, "%s", msg)
	switch {
	case hasParent && parent.Level == Requirement && c.Partial:
		d = d.WithHint("catalog %s (%s) lists only some individual requirements; if %s is in the official text, "+
			"add it with a catalog file that has extends = %q, or tag %s", c.ID, c.Version, id.Local, c.ID, s.Format(parent.ID))
	case near == nil:
		d = d.WithHint("`evident catalog` lists the requirements of %s", c.ID)
	}
	return &d
}

func (s *Set) frameworkList() string {
	var fws []string
	for _, c := range s.Catalogs {
		fws = append(fws, c.ID)
	}
	if len(fws) == 0 {
		return "no framework"
	}
	return strings.Join(fws, ", ")
}

func (s *Set) examples() string {
	var ex []string
	for _, c := range s.Catalogs {
		// The first individual requirement, or else the first item, of each catalog.
		var first, firstIndividual *Item
		c.Walk(func(it *Item) bool {
			if first == nil {
				first = it
			}
			if firstIndividual == nil && it.Level == Individual {
				firstIndividual = it
			}
			return firstIndividual == nil
		})
		if it := cmpOrItem(firstIndividual, first); it != nil {
			ex = append(ex, s.Format(it.ID))
		}
		if len(ex) == 3 {
			break
		}
	}
	return strings.Join(ex, " or ")
}

func cmpOrItem(a, b *Item) *Item {
	if a != nil {
		return a
	}
	return b
}

// looseForm is what suggestions compare: the normalised text in upper case.
func looseForm(s string) string { return strings.ToUpper(normalize(s)) }

// suggest returns the candidate nearest to key, a looseForm, or nil when none is near enough.
// Candidates are compared in the form a site's author writes them (and, for frameworks other
// than the default, also without the prefix); ties go to the candidate whose numbers are
// closest, then to the first in document order.
func (s *Set) suggest(key string, candidates []*Item) *Item {
	var best *Item
	bestDist, bestNum := 0, 0
	limit := max(1, min(3, len([]rune(key))/3))
	for _, it := range candidates {
		forms := []string{looseForm(s.Format(it.ID))}
		if it.ID.Framework != s.defaultID() {
			forms = append(forms, looseForm(it.ID.Local))
		}
		for _, f := range forms {
			d := suggest.Distance(key, f)
			if d > limit {
				continue
			}
			n := numberDistance(key, f)
			if best == nil || d < bestDist || d == bestDist && n < bestNum {
				best, bestDist, bestNum = it, d, n
			}
		}
	}
	return best
}

// numberDistance is how far apart the numbers of two IDs are, or a large value when they do
// not have the same count of numbers.
func numberDistance(a, b string) int {
	na, nb := numbers(a), numbers(b)
	if len(na) != len(nb) {
		return 1 << 20
	}
	d := 0
	for i := range na {
		d += max(na[i]-nb[i], nb[i]-na[i])
	}
	return d
}

// nearest returns the string of list nearest to s by edit distance, ties going to the closest
// numbers and then to the first; "" when none is near.
func nearest(s string, list []string) string {
	best, bestDist, bestNum := "", 0, 0
	limit := max(1, min(3, len([]rune(s))/3))
	for _, c := range list {
		d := suggest.Distance(strings.ToUpper(s), strings.ToUpper(c))
		if d > limit {
			continue
		}
		if n := numberDistance(s, c); best == "" || d < bestDist || d == bestDist && n < bestNum {
			best, bestDist, bestNum = c, d, n
		}
	}
	return best
}
