// Package evidence owns the evidence model: it parses one Markdown evidence file, its
// TOML (+++) or YAML (---) front matter and its body, into a File that keeps the position
// of every value, and compares a translation with its original.
//
// Nothing here looks beyond the file: requirement IDs, products and artifact paths are
// checked by the caller, with the positions kept here.
package evidence

import (
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

// Status is how far the evidence meets its requirements: one of the published statuses
// but "not-addressed", which only coverage can conclude.
type Status = model.Status

const (
	Implemented   = model.Implemented
	Partial       = model.Partial
	Planned       = model.Planned
	NotApplicable = model.NotApplicable
)

// Statuses lists every status an evidence file may give, in the order they are presented.
var Statuses = []Status{Implemented, Partial, Planned, NotApplicable}

// Field is a value of the front matter with the position where the value starts.
// The position is zero when the file does not give the value.
type Field[T any] struct {
	Value T
	Pos   diag.Position
}

// Set reports whether the file gives the value.
func (f Field[T]) Set() bool { return f.Pos.Line > 0 }

// File is one evidence file.
type File struct {
	Path   string // site-relative, slash-separated: content/evidence/build/hardened.en.md
	Slug   string // path under content/evidence/ without language and .md, lower-case: build/hardened
	Lang   string // "" for the default language, else the code from the file name: "en", "zh-tw"
	Format string // "toml" or "yaml"

	Title         Field[string]
	Requirements  []Field[string]
	Status        Field[Status]
	Products      []Field[string]
	Reviewed      Field[time.Time] // a date at midnight UTC
	Target        Field[time.Time] // when planned evidence is expected to be in place; a date at midnight UTC
	Owner         Field[string]
	Justification Field[string]
	Description   Field[string]
	Weight        Field[int]
	Draft         Field[bool]
	Artifacts     []Artifact
	SBOMs         []SBOM

	// Keys holds where each front-matter key that the file gives starts.
	Keys map[string]diag.Position

	// BodyLine is the line of the file that the statement, the Markdown after the front
	// matter, starts on. The statement itself is not kept: Hugo reads it from the file,
	// and a build would hold every statement through the render for nothing (33 MB of
	// the peak heap at 10,000 items in two languages).
	BodyLine int
}

// Artifact is a file published with the evidence, with its SHA-256.
type Artifact struct {
	Pos   diag.Position // where its table starts
	Path  Field[string]
	Title Field[string]
}

// SBOM is a software bill of materials published with the evidence.
type SBOM struct {
	Pos     diag.Position // where its table starts
	Path    Field[string]
	Release Field[string]
	Product Field[string]
	Title   Field[string]
}
