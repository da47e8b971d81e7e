package advisory

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/evident-dev/evident/generator/release"
)

// Range is one entry of a product's affected list: comparisons that must all hold
// (">= 2.0.0, < 2.5.0"; operators <, <=, >, >=, =). A version alone ("2.4.0") is one
// "=" comparison; one "=" comparison alone is an exact version, which must be a release.
type Range struct {
	Comparisons []Comparison
}

// Comparison is one comparison of a range: Op is one of <, <=, >, >=, =.
type Comparison struct {
	Op      string
	Version string
	Offset  int // byte offset of Version in the range as written
}

// RangeError is a range that is not valid, or a bound or version that is not a release:
// Offset is the byte offset in the range of the part that is wrong.
type RangeError struct {
	Offset int
	Msg    string
}

func (e *RangeError) Error() string { return e.Msg }

var operators = []string{"<", "<=", ">", ">=", "="}

const rangeExample = "a version such as 2.4.0, or comparisons such as >= 2.0.0, < 2.5.0"

// ParseRange reads one entry of affected. An error is a *RangeError.
func ParseRange(s string) (Range, error) {
	if strings.TrimSpace(s) == "" {
		return Range{}, &RangeError{0, "empty range: give " + rangeExample}
	}
	var r Range
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], ',')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		c, err := comparison(s[start:end], start, len(s), start == 0 && end == len(s))
		if err != nil {
			return Range{}, err
		}
		r.Comparisons = append(r.Comparisons, c)
		start = end + 1
	}
	return r, nil
}

// comparison reads part, a comparison that starts at the byte offset off of a range of
// length n; alone says that it is the whole range, which may then be a version alone.
func comparison(part string, off, n int, alone bool) (Comparison, error) {
	p := strings.TrimLeft(part, " \t")
	pOff := off + len(part) - len(p)
	p = strings.TrimRight(p, " \t")
	if p == "" {
		if off >= n {
			off = n - 1 // after a final comma: point at it
		}
		return Comparison{}, &RangeError{off, `empty comparison: remove the extra ","`}
	}
	op := p[:len(p)-len(strings.TrimLeft(p, "<>=!"))]
	switch {
	case op == "" && !alone:
		return Comparison{}, &RangeError{pOff, fmt.Sprintf("%q has no operator: write >= %s, or another of %s", p, p, strings.Join(operators, ", "))}
	case op == "":
		op = "="
	case !slices.Contains(operators, op):
		return Comparison{}, &RangeError{pOff, fmt.Sprintf("unknown operator %q; the operators are %s", op, strings.Join(operators, ", "))}
	default:
		p = p[len(op):]
		rest := strings.TrimLeft(p, " \t")
		pOff += len(op) + len(p) - len(rest)
		p = rest
	}
	if p == "" {
		return Comparison{}, &RangeError{pOff, fmt.Sprintf("%q has no version: give one, such as %s 2.4.0", op, op)}
	}
	if !release.ValidVersion(p) {
		return Comparison{}, &RangeError{pOff, fmt.Sprintf("%q is not a version: give %s", p, rangeExample)}
	}
	return Comparison{op, p, pOff}, nil
}

// Select returns the versions, a product's release versions newest first (as
// Product.Releases lists them), that r selects, in their order. Versions compare as
// semantic versions (golang.org/x/mod/semver, a "v" prefix added) when every version
// parses as one, and each bound must then parse too; otherwise by their position in
// versions, and each bound must then be one of them. An exact version must be one of
// versions. An error is a *RangeError; selecting no version is not an error (the caller
// warns).
func (r Range) Select(versions []string) ([]string, error) {
	bySemver := !slices.ContainsFunc(versions, func(v string) bool { return !semver.IsValid(canonical(v)) })
	// compare compares the version i with v, a bound: by semver, else by position.
	compare := func(i int, v string) int {
		if bySemver {
			return semver.Compare(canonical(versions[i]), canonical(v))
		}
		return slices.Index(versions, v) - i // newer releases come first
	}
	for _, c := range r.Comparisons {
		switch {
		case bySemver && !semver.IsValid(canonical(c.Version)):
			return nil, &RangeError{c.Offset, fmt.Sprintf("%q is not a semantic version, as the product's releases are: compare with one such as 2.4.0", c.Version)}
		case !bySemver && !slices.Contains(versions, c.Version):
			return nil, notRelease(c, versions)
		}
	}
	var out []string
	for i, v := range versions {
		if !slices.ContainsFunc(r.Comparisons, func(c Comparison) bool { return !holds(compare(i, c.Version), c.Op) }) {
			out = append(out, v)
		}
	}
	if len(r.Comparisons) == 1 && r.Comparisons[0].Op == "=" && len(out) == 0 {
		return nil, notRelease(r.Comparisons[0], versions)
	}
	return out, nil
}

// holds reports whether a comparison's operator holds for c, the result of comparing a
// version with its bound.
func holds(c int, op string) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return c == 0
}

// notRelease is the error of a version that is not one of versions.
func notRelease(c Comparison, versions []string) error {
	msg := fmt.Sprintf("%q is not a release of the product", c.Version)
	const shown = 10
	switch {
	case len(versions) == 0:
		msg += ": the product has no releases"
	case len(versions) <= shown:
		msg += "; its releases are " + strings.Join(versions, ", ")
	default:
		msg += fmt.Sprintf("; its releases are %s, … (%d in all)", strings.Join(versions[:shown], ", "), len(versions))
	}
	return &RangeError{c.Offset, msg}
}

// canonical is a version as package semver reads it: with a leading "v". (Package
// release has the same rule for its order of releases.)
func canonical(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}
