// Package diag owns the one position type and the one diagnostic type that every
// user-facing problem in evident is reported with.
//
// A Position prints as "content/evidence/x.md:7:3"; paths are slash-separated and
// relative to the site root. A Diagnostic is an error that says what is wrong
// (Message) and what to do about it (Hint).
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// Position is a place in a file of the site. Line and Col are 1-based; zero means unknown.
type Position struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Position) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Compare orders positions by file, line and column.
func (p Position) Compare(q Position) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Severity ranks a diagnostic.
type Severity int

const (
	Error   Severity = iota // the site cannot be published as it is
	Warning                 // publishable, but something needs attention (fails with --strict)
	Notice                  // information, such as a requirement that no evidence addresses
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Notice:
		return "notice"
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the severity as its word.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in a site.
type Diagnostic struct {
	Pos      Position `json:"position"`
	Severity Severity `json:"severity"`
	// Code is a short stable identifier such as "unknown-requirement", for tooling.
	Code    string `json:"code"`
	Message string `json:"message"`
	// Hint says what to do about it; it may be empty when the message says it all.
	Hint string `json:"hint,omitempty"`
}

// Error formats the diagnostic as "file:line:col: severity: message (hint)".
func (d Diagnostic) Error() string {
	s := fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
	if d.Hint != "" {
		s += "; " + d.Hint
	}
	return s
}

// Errorf returns an error-severity diagnostic.
func Errorf(pos Position, code, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithHint returns d with its hint set.
func (d Diagnostic) WithHint(format string, args ...any) Diagnostic {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// List is a set of diagnostics.
type List []Diagnostic

// Sort orders the list by position, then severity, then message, so output is deterministic.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(a.Pos.Compare(b.Pos), cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Message, b.Message))
	})
}

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }
