package release

import (
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
)

// Compare reports where the translation tr contradicts its original orig, as evidence
// translations are compared: a translation gives its own title, description and body; it
// may leave out the other keys, which come from the original, or repeat them, but not
// change them. Lists are compared as sets.
func Compare(orig, tr *File) diag.List {
	c := evidence.Comparer{OrigPath: orig.Path, OrigKeys: orig.Keys, TrKeys: tr.Keys}
	c.Value("version", orig.VersionKey.Value, tr.VersionKey.Value, orig.VersionKey.Pos, tr.VersionKey.Pos)
	for _, d := range []struct {
		key      string
		orig, tr Field[time.Time]
	}{
		{"date", orig.Date, tr.Date},
		{"endOfSupport", orig.EndOfSupport, tr.EndOfSupport},
		{"endOfSecurityFixes", orig.EndOfSecurityFixes, tr.EndOfSecurityFixes},
	} {
		c.Value(d.key, evidence.DateString(d.orig), evidence.DateString(d.tr), d.orig.Pos, d.tr.Pos)
	}
	c.List("sboms", paths(orig.SBOMs), paths(tr.SBOMs))
	c.List("provenance", paths(orig.Provenance), paths(tr.Provenance))
	c.List("downloads", downloadIDs(orig), downloadIDs(tr))
	return c.Diags
}

func paths(as []Attached) []Field[string] {
	out := make([]Field[string], len(as))
	for i, a := range as {
		out[i] = Field[string]{Value: a.Path.Value, Pos: a.Path.Pos}
	}
	return out
}

// downloadIDs identifies each download by what a translation may not change: where the
// file is, its digest, its name and its signature (its title is translated).
func downloadIDs(f *File) []Field[string] {
	out := make([]Field[string], len(f.Downloads))
	for i, d := range f.Downloads {
		id := []string{d.Path.Value + d.URL.Value}
		if d.SHA256.Value != "" {
			id = append(id, "sha256 "+strings.ToLower(d.SHA256.Value))
		}
		if d.Name.Value != "" {
			id = append(id, "name "+d.Name.Value)
		}
		if d.Signature.Value != "" {
			id = append(id, "signature "+d.Signature.Value)
		}
		out[i] = Field[string]{Value: strings.Join(id, ", "), Pos: d.Pos}
	}
	return out
}
