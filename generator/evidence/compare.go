package evidence

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
)

// Compare reports where the translation tr contradicts its original orig. A translation
// may leave out requirements, status, products, reviewed, target, artifacts
// and sboms, which come from the original, or repeat them; it may not change them. Lists
// are compared as sets. Title, description, owner, justification and body are translated and
// expected to differ.
func Compare(orig, tr *File) diag.List {
	c := Comparer{OrigPath: orig.Path, OrigKeys: orig.Keys, TrKeys: tr.Keys}
	c.Value("status", string(orig.Status.Value), string(tr.Status.Value), orig.Status.Pos, tr.Status.Pos)
	c.Value("reviewed", DateString(orig.Reviewed), DateString(tr.Reviewed), orig.Reviewed.Pos, tr.Reviewed.Pos)
	c.Value("target", DateString(orig.Target), DateString(tr.Target), orig.Target.Pos, tr.Target.Pos)
	c.List("requirements", orig.Requirements, tr.Requirements)
	c.List("products", orig.Products, tr.Products)
	c.List("artifacts", artifactPaths(orig), artifactPaths(tr))
	c.List("sboms", sbomIDs(orig), sbomIDs(tr))
	return c.Diags
}

// Comparer collects where a translation contradicts its original, key by key: of
// evidence, and of the other content files evident reads the same way (release files).
type Comparer struct {
	OrigPath         string                   // the original's site-relative path
	OrigKeys, TrKeys map[string]diag.Position // where each key of the original and of the translation starts
	Diags            diag.List
}

// Value compares one value that the translation gives (its key is present).
func (c *Comparer) Value(key, orig, tr string, origPos, trPos diag.Position) {
	// A value that is not given, or not valid (already reported by Parse), has no position.
	if trPos.Line == 0 || orig == tr {
		return
	}
	c.mismatch(trPos, key, fmt.Sprintf("%q", tr), describe(orig, origPos, c.OrigPath))
}

// List compares two lists as sets, when the translation gives the key.
func (c *Comparer) List(key string, orig, tr []Field[string]) {
	keyPos, given := c.TrKeys[key]
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
	origPos := diag.Position{File: c.OrigPath}
	if p, ok := c.OrigKeys[key]; ok {
		want, origPos = fmt.Sprintf("[%s]", quoteAll(values(orig))), p
	}
	c.mismatch(pos, key, what, describe(want, origPos, c.OrigPath))
}

func (c *Comparer) mismatch(pos diag.Position, key, got, want string) {
	c.Diags = append(c.Diags, diag.Errorf(pos, "translation-mismatch",
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

// DateString writes a date as YYYY-MM-DD, or "" when it is not given.
func DateString(d Field[time.Time]) string {
	if !d.Set() {
		return ""
	}
	return d.Value.Format(time.DateOnly)
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
