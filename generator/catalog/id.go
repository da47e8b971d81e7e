package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// ID names one item of a catalog: a category, a requirement or an individual requirement.
// Local is in canonical form (see [Parse]); Framework is the catalog's framework id ("cip", "ssdf").
// IDs are comparable and can be used as map keys.
type ID struct {
	Framework string
	Local     string
}

// String returns the canonical local form, such as "S(1)-2.1" or "PW.6.1", without the framework.
// Use [ID.Qualified] where the framework is not the site's default, or [Set.Format].
func (id ID) String() string { return id.Local }

// Qualified returns the canonical form with its framework, such as "cip:S(1)-2.1" or "ssdf:PW.6.1".
func (id ID) Qualified() string {
	if id.Framework == "" {
		return id.Local
	}
	return id.Framework + ":" + id.Local
}

// IsZero reports whether id is the zero ID.
func (id ID) IsZero() bool { return id == ID{} }

// Slug returns the ID's URL slug. This is a promise that never changes, because published
// permalinks depend on it. The slug is the canonical local ID in lower case, with:
//
//   - for the guideline (cip): parentheses dropped, and "-" and "." each written "-":
//     S(1)-2.1 -> s1-2-1, (1)-2 -> 1-2, (6)-2.2 -> 6-2-2 (C(6)-2.2 is the same ID), (1) -> 1;
//   - for every other framework: each run of characters other than a-z and 0-9 written as one
//     "-", none at either end: PW.6.1 -> pw-6-1, PO -> po, AC-2(1) -> ac-2-1.
//
// The slug never includes the framework; it is unique within a framework (a site catalog with
// two IDs of the same slug is rejected when it is loaded).
func (id ID) Slug() string { return slugify(id.Local, id.Framework == "cip") }

func slugify(local string, dropParens bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(local) {
		switch {
		case dropParens && (r == '(' || r == ')'):
			// dropped, so that S(1)-2.1 is s1-2-1
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// SyntaxError says why a string is not a valid requirement ID.
type SyntaxError struct {
	Input  string // as given
	Reason string // what is wrong, in a phrase that can follow "invalid requirement ID %q: "
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid requirement ID %q: %s", e.Input, e.Reason)
}

// Parse reads a requirement ID as people write it and returns it in canonical form.
//
// A framework prefix ("ssdf:PW.6.1", "cip:(1)-2") selects the framework; without one the ID
// belongs to defaultFramework. Before the ID is read it is normalised: full-width characters
// become ASCII (（１）－２ is (1)-2), every kind of dash (－ ‐ ‑ ‒ – — − ー) becomes "-",
// spaces anywhere are dropped, and case is ignored for the guideline and SSDF notations.
//
// The guideline ("cip") is written (1) for a category, (1)-2 for a requirement, S(1)-2.1 for a
// provider's individual requirement and (6)-2.2 for a customer's one; C(6)-2.2 is accepted and
// means (6)-2.2, and (1)-2.1 means S(1)-2.1. SSDF ("ssdf") is written PO for a group, PO.1 for a
// practice and PO.1.1 for a task. Other frameworks (catalogs of a site) use IDs made of ASCII
// letters, digits and ( ) . - _ / which are kept as written.
func Parse(s, defaultFramework string) (ID, error) {
	norm := normalize(s)
	fw, local, found := strings.Cut(norm, ":")
	if !found {
		fw, local = defaultFramework, norm
	}
	fw = strings.ToLower(fw)
	fail := func(format string, args ...any) (ID, error) {
		return ID{}, &SyntaxError{Input: s, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case norm == "":
		return fail("it is empty")
	case found && fw == "":
		return fail("nothing before %q; write a framework such as ssdf:PW.6.1", ":")
	case fw == "":
		return fail("no framework; write it as framework:ID, such as ssdf:PW.6.1")
	case !validFramework(fw):
		return fail("framework %q is not a lower-case name such as cip or ssdf", fw)
	case strings.Contains(local, ":"):
		return fail("more than one %q", ":")
	case local == "":
		return fail("nothing after %q", fw+":")
	}
	canon, err := schemeFor(fw).canon(local)
	if err != nil {
		return fail("%s", err.Error())
	}
	return ID{Framework: fw, Local: canon}, nil
}

// dashes are the characters that people (and input methods) put where an ID has "-".
const dashes = "－‐‑‒–—―−ーｰ﹣⁃"

// normalize folds width, maps dashes to "-" and drops spaces and invisible characters.
func normalize(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(dashes, r):
			return '-'
		case r == '．' || r == '。':
			return '.'
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

func validFramework(fw string) bool {
	for i, r := range fw {
		ok := r >= 'a' && r <= 'z' || i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '_')
		if !ok {
			return false
		}
	}
	return fw != ""
}

// scheme is the notation of one framework's IDs.
type scheme interface {
	// canon returns the canonical form of a normalised local ID, or why it is not one.
	canon(local string) (string, error)
	// shape returns the level and the parent's local ID that a canonical ID's notation implies;
	// level 0 when the notation does not say (IDs of site catalogs).
	shape(canon string) (level Level, parent string)
}

func schemeFor(framework string) scheme {
	switch framework {
	case "cip":
		return cipScheme{}
	case "ssdf":
		return ssdfScheme{}
	}
	return plainScheme{}
}

// customerCategory is the guideline's category of requirements for customers; its individual
// requirements are written (6)-m.k, the providers' ones S(n)-m.k.
const customerCategory = 6

type cipScheme struct{}

func (cipScheme) canon(local string) (string, error) {
	s := strings.ToUpper(local)
	if looksSSDF(s) {
		return "", fmt.Errorf("%s is SSDF notation; write ssdf:%s", s, s)
	}
	var prefix byte
	if s != "" && (s[0] == 'S' || s[0] == 'C') {
		prefix, s = s[0], s[1:]
	}
	if s == "" || s[0] != '(' {
		return "", fmt.Errorf(`expected "(" where it says %s; the guideline writes (1)-2 and S(1)-2.1`, clip(s))
	}
	cat, rest, err := number(s[1:], "category")
	if err != nil {
		return "", err
	}
	if rest == "" || rest[0] != ')' {
		return "", fmt.Errorf(`expected ")" after the category number, not %s`, clip(rest))
	}
	rest = rest[1:]
	nums := []int{cat}
	for _, sep := range []byte{'-', '.'} {
		if rest == "" {
			break
		}
		if rest[0] != sep {
			return "", fmt.Errorf("expected %q, not %s, after %s", string(sep), clip(rest), cipForm(0, nums))
		}
		what := "requirement"
		if sep == '.' {
			what = "individual requirement"
		}
		var n int
		n, rest, err = number(rest[1:], what)
		if err != nil {
			return "", err
		}
		nums = append(nums, n)
	}
	if rest != "" {
		return "", fmt.Errorf("unexpected %s after %s", clip(rest), cipForm(0, nums))
	}
	switch {
	case prefix != 0 && len(nums) < 3:
		return "", fmt.Errorf("the %c prefix belongs only to individual requirements, written %c(n)-m.k, not to %s",
			prefix, prefix, cipForm(0, nums))
	case prefix == 'S' && cat == customerCategory:
		return "", fmt.Errorf("(%d) is the customers' category; its individual requirements are written %s",
			customerCategory, cipForm(0, nums))
	case prefix == 'C' && cat != customerCategory:
		return "", fmt.Errorf("the C prefix marks customers' individual requirements, which are in category (%d); providers' ones are written %s",
			customerCategory, cipForm('S', nums))
	}
	if len(nums) == 3 && cat != customerCategory {
		prefix = 'S'
	} else {
		prefix = 0
	}
	return cipForm(prefix, nums), nil
}

func cipForm(prefix byte, nums []int) string {
	var b strings.Builder
	if prefix != 0 {
		b.WriteByte(prefix)
	}
	b.WriteString("(" + strconv.Itoa(nums[0]) + ")")
	if len(nums) > 1 {
		b.WriteString("-" + strconv.Itoa(nums[1]))
	}
	if len(nums) > 2 {
		b.WriteString("." + strconv.Itoa(nums[2]))
	}
	return b.String()
}

func (cipScheme) shape(canon string) (Level, string) {
	c, r, ok := strings.Cut(canon, "-")
	if !ok {
		return Category, ""
	}
	r, _, ok = strings.Cut(r, ".")
	if !ok {
		return Requirement, c
	}
	return Individual, strings.TrimPrefix(c, "S") + "-" + r
}

// ssdfGroups are the four practice groups of SSDF v1.1.
var ssdfGroups = []string{"PO", "PS", "PW", "RV"}

func looksSSDF(upper string) bool {
	return len(upper) >= 2 && slices.Contains(ssdfGroups, upper[:2]) && (len(upper) == 2 || upper[2] == '.')
}

type ssdfScheme struct{}

func (ssdfScheme) canon(local string) (string, error) {
	s := strings.ToUpper(local)
	if strings.HasPrefix(strings.TrimLeft(s, "SC"), "(") {
		return "", fmt.Errorf("%s is the guideline's notation; write cip:%s", s, s)
	}
	group := s[:min(2, len(s))]
	if !slices.Contains(ssdfGroups, group) {
		return "", fmt.Errorf("an SSDF ID starts with a group: %s", strings.Join(ssdfGroups, ", "))
	}
	out := group
	rest := s[2:]
	for i := 0; rest != "" && i < 2; i++ {
		if rest[0] != '.' {
			return "", fmt.Errorf("expected %q, not %s, after %s", ".", clip(rest), out)
		}
		what := "practice"
		if i == 1 {
			what = "task"
		}
		n, r, err := number(rest[1:], what)
		if err != nil {
			return "", err
		}
		out += "." + strconv.Itoa(n)
		rest = r
	}
	if rest != "" {
		return "", fmt.Errorf("unexpected %s after %s", clip(rest), out)
	}
	return out, nil
}

func (ssdfScheme) shape(canon string) (Level, string) {
	switch i := strings.LastIndexByte(canon, '.'); strings.Count(canon, ".") {
	case 0:
		return Category, ""
	case 1:
		return Requirement, canon[:i]
	default:
		return Individual, canon[:i]
	}
}

// plainScheme is the notation of frameworks that evident does not know: IDs are kept as written.
type plainScheme struct{}

func (plainScheme) canon(local string) (string, error) {
	alnum := false
	for _, r := range local {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			alnum = true
		case strings.ContainsRune("().-_/", r):
		default:
			return "", fmt.Errorf("%q cannot be part of an ID; use letters, digits and ( ) . - _ /", r)
		}
	}
	if !alnum {
		return "", fmt.Errorf("it has no letter or digit")
	}
	return local, nil
}

func (plainScheme) shape(string) (Level, string) { return 0, "" }

// number reads a decimal number of at most three digits (leading zeros dropped) at the start of s.
func number(s, what string) (int, string, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, fmt.Errorf("expected the %s number, not %s", what, clip(s))
	}
	digits := strings.TrimLeft(s[:i], "0")
	if digits == "" {
		return 0, s, fmt.Errorf("the %s number is 0; numbers start at 1", what)
	}
	if len(digits) > 3 {
		return 0, s, fmt.Errorf("the %s number %s is too large", what, digits)
	}
	n, _ := strconv.Atoi(digits)
	return n, s[i:], nil
}

// clip quotes s, shortened, for a message; "" reads as "the end".
func clip(s string) string {
	if s == "" {
		return "the end"
	}
	if r := []rune(s); len(r) > 12 {
		s = string(r[:12]) + "…"
	}
	return strconv.Quote(s)
}
