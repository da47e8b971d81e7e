package evidence

import (
	"fmt"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

// Compare reports where the translation tr contradicts its original orig. A translation
// may leave out requirements, status, products, reviewed, artifacts
// and sboms, which come from the original, or repeat them; it may not change them. Lists
// are compared as sets. Title, description, owner, justification and body are translated and
// expected to differ.
func Compare(orig, tr *File) diag.List {
	c := comparer{orig: orig, tr: tr}
	c.values("status", string(orig.Status.Value), string(tr.Status.Value), orig.Status.Pos, tr.Status.Pos)
	c.values("reviewed", dateString(orig), dateString(tr), orig.Reviewed.Pos, tr.Reviewed.Pos)
	c.lists("requirements", orig.Requirements, tr.Requirements)
	c.lists("products", orig.Products, tr.Products)
	c.lists("artifacts", artifactPaths(orig), artifactPaths(tr))
	c.lists("sboms", sbomIDs(orig), sbomIDs(tr))
	return c.diags
}

type comparer struct {
	orig, tr *File
	diags    diag.List
}

// values compares one value that the translation gives (its key is present).
func (c *comparer) values(key, orig, tr string, origPos, trPos diag.Position) {
	// A value that is not given, or not valid (already reported by Parse), has no position.
	if trPos.Line == 0 || orig == tr {
		return
	}
	c.mismatch(trPos, key, fmt.Sprintf("%q", tr), describe(orig, origPos, c.orig.Path))
}

// lists compares two lists as sets.
func (c *comparer) lists(key string, orig, tr []Field[string]) {
	keyPos, given := c.tr.Keys[key]
	if !given {
		return
	}
	origVals, trVals := values(orig), values(tr)
	slices.Sort(origVals)
	slices.Sort(trVals)
	if slices.Equal(slices.Compact(origVals), slices.Compact(trVals)) {
		return
	}
	pos, what := keyPos, fmt.Sprintf("[%s]", quoteAll(values(tr)))
	for _, f := range tr {
		if !slices.Contains(origVals, f.Value) {
			pos, what = f.Pos, fmt.Sprintf("%q", f.Value)
			break
		}
	}
	want := "none"
	origPos := diag.Position{File: c.orig.Path}
	if p, ok := c.orig.Keys[key]; ok {
		want, origPos = fmt.Sprintf("[%s]", quoteAll(values(orig))), p
	}
	c.mismatch(pos, key, what, describe(want, origPos, c.orig.Path))
}

func (c *comparer) mismatch(pos diag.Position, key, got, want string) {
	c.diags = append(c.diags, diag.Errorf(pos, "translation-mismatch",
		"translation gives %s %s, but the original has %s", key, got, want).
		WithHint("a translation takes %s from its original; remove it here or make it the same", key))
}

func describe(value string, pos diag.Position, file string) string {
	if value == "" || value == "none" {
		return "none (" + file + ")"
	}
	if !strings.HasPrefix(value, "[") {
		value = fmt.Sprintf("%q", value)
	}
	if pos.File == "" {
		pos.File = file
	}
	return value + " at " + pos.String()
}

func dateString(f *File) string {
	if !f.Reviewed.Set() {
		return ""
	}
	return f.Reviewed.Value.Format("2006-01-02")
}

func values(fs []Field[string]) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Value
	}
	return out
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

func artifactPaths(f *File) []Field[string] {
	out := make([]Field[string], len(f.Artifacts))
	for i, a := range f.Artifacts {
		out[i] = Field[string]{a.Path.Value, a.Path.Pos}
	}
	return out
}

// sbomIDs identifies each SBOM by what a translation may not change: path, release, product.
func sbomIDs(f *File) []Field[string] {
	out := make([]Field[string], len(f.SBOMs))
	for i, s := range f.SBOMs {
		id := s.Path.Value
		if s.Release.Value != "" {
			id += ", release " + s.Release.Value
		}
		if s.Product.Value != "" {
			id += ", product " + s.Product.Value
		}
		out[i] = Field[string]{id, s.Path.Pos}
	}
	return out
}
