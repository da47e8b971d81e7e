package advisory

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRange(t *testing.T) {
	for s, want := range map[string][]Comparison{
		"2.4.0":              {{"=", "2.4.0", 0}},
		"= 2.4.0":            {{"=", "2.4.0", 2}},
		"  v2.4.0-rc.1 ":     {{"=", "v2.4.0-rc.1", 2}},
		">= 2.0.0, < 2.5.0":  {{">=", "2.0.0", 3}, {"<", "2.5.0", 12}},
		">=2.0.0,<2.5.0":     {{">=", "2.0.0", 2}, {"<", "2.5.0", 9}},
		"> 1, <= 2, = 2":     {{">", "1", 2}, {"<=", "2", 8}, {"=", "2", 13}},
		"<2026.04":           {{"<", "2026.04", 1}},
		"= 2.4.0, = 2.4.0  ": {{"=", "2.4.0", 2}, {"=", "2.4.0", 11}},
	} {
		got, err := ParseRange(s)
		if err != nil {
			t.Errorf("ParseRange(%q): %v", s, err)
			continue
		}
		if diff := cmp.Diff(Range{want}, got); diff != "" {
			t.Errorf("ParseRange(%q) (-want +got):\n%s", s, diff)
		}
	}
}

func TestParseRangeErrors(t *testing.T) {
	for _, c := range []struct {
		s      string
		offset int
		msg    string
	}{
		{"", 0, "empty range"},
		{"   ", 0, "empty range"},
		{">= 2.0.0,", 8, "empty comparison"},
		{", < 2", 0, "empty comparison"},
		{">= 2.0.0, , < 3", 9, "empty comparison"},
		{"2.0.0, < 3", 0, `"2.0.0" has no operator`},
		{">= 2.0.0 < 3", 3, `"2.0.0 < 3" is not a version`},
		{"== 2.4.0", 0, `unknown operator "=="`},
		{">= 1, => 2.4.0", 6, `unknown operator "=>"`},
		{">=", 2, `">=" has no version`},
		{">= 1, <", 7, `"<" has no version`},
		{"2.4.0 final", 0, `"2.4.0 final" is not a version`},
		{"< -1", 2, `"-1" is not a version`},
	} {
		_, err := ParseRange(c.s)
		var e *RangeError
		if !errors.As(err, &e) {
			t.Errorf("ParseRange(%q) = %v, want a *RangeError", c.s, err)
			continue
		}
		if e.Offset != c.offset || !strings.Contains(e.Msg, c.msg) || e.Error() != e.Msg {
			t.Errorf("ParseRange(%q): offset %d %q, want offset %d and a message with %q", c.s, e.Offset, e.Msg, c.offset, c.msg)
		}
	}
}

func TestSelect(t *testing.T) {
	semver := []string{"3.0.0", "2.5.0", "2.5.0-rc.1", "2.4.1", "2.4.0", "2.0.0", "1.9.0"}
	dated := []string{"2026.04", "2025.10b", "2025.10", "2025.04"} // not all semantic versions: by position
	for _, c := range []struct {
		versions []string
		r        string
		want     []string
	}{
		{semver, ">= 2.0.0, < 2.5.0", []string{"2.5.0-rc.1", "2.4.1", "2.4.0", "2.0.0"}},
		{semver, "> 2.4.0, <= 2.5.0", []string{"2.5.0", "2.5.0-rc.1", "2.4.1"}},
		{semver, "< 2.4.1", []string{"2.4.0", "2.0.0", "1.9.0"}},
		{semver, ">= 2.4", []string{"3.0.0", "2.5.0", "2.5.0-rc.1", "2.4.1", "2.4.0"}}, // bounds need not be releases
		{semver, "2.4.0", []string{"2.4.0"}},
		{semver, "= v2.4.0", []string{"2.4.0"}}, // one version, with or without "v"
		{semver, "= 2.4.0, = 2.4.0", []string{"2.4.0"}},
		{semver, "> 3.0.0", nil},
		{semver, ">= 2.5.0, < 2.0.0", nil},
		{dated, "2025.10b", []string{"2025.10b"}},
		{dated, ">= 2025.10", []string{"2026.04", "2025.10b", "2025.10"}},
		{dated, "> 2025.04, < 2026.04", []string{"2025.10b", "2025.10"}},
		{[]string{"v1.0.0", "v0.9.0"}, "< 1.0.0", []string{"v0.9.0"}},
	} {
		r, err := ParseRange(c.r)
		if err != nil {
			t.Fatalf("ParseRange(%q): %v", c.r, err)
		}
		got, err := r.Select(c.versions)
		if err != nil {
			t.Errorf("Select(%q, %q): %v", c.r, c.versions, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Select(%q, %q) (-want +got):\n%s", c.r, c.versions, diff)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	semver := []string{"2.5.0", "2.4.0"}
	dated := []string{"2026.04", "2025.10b", "2025.10"}
	for _, c := range []struct {
		versions []string
		r        string
		offset   int
		msg      string
	}{
		{semver, "2.4.1", 0, `"2.4.1" is not a release of the product; its releases are 2.5.0, 2.4.0`},
		{semver, "= 2.4.1", 2, `"2.4.1" is not a release of the product`},
		{semver, ">= 2.0.0, < 2.x", 12, `"2.x" is not a semantic version`},
		{dated, ">= 2025.10, < 2025.11", 14, `"2025.11" is not a release of the product; its releases are 2026.04, 2025.10b, 2025.10`},
		{dated, "2025.11", 0, `"2025.11" is not a release of the product`},
		{nil, "1.0.0", 0, "the product has no releases"},
	} {
		r, err := ParseRange(c.r)
		if err != nil {
			t.Fatalf("ParseRange(%q): %v", c.r, err)
		}
		_, err = r.Select(c.versions)
		var e *RangeError
		if !errors.As(err, &e) {
			t.Errorf("Select(%q, %q) = %v, want a *RangeError", c.r, c.versions, err)
			continue
		}
		if e.Offset != c.offset || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("Select(%q, %q): offset %d %q, want offset %d and a message with %q", c.r, c.versions, e.Offset, e.Msg, c.offset, c.msg)
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"2.4.0", "= 2.4.0", ">= 2.0.0, < 2.5.0", ">=1,<=2,=3", "== 1", ">= 1,", "v1.0.0-rc.1+build"} {
		f.Add(s)
	}
	versions := []string{"3.0.0", "2.5.0", "2.4.0", "2.0.0"}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s)
		if err != nil {
			var e *RangeError
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s) || e.Msg == "" {
				t.Fatalf("ParseRange(%q) = %#v", s, err)
			}
			return
		}
		if len(r.Comparisons) == 0 {
			t.Fatalf("ParseRange(%q) has no comparison", s)
		}
		for _, c := range r.Comparisons {
			if c.Offset < 0 || c.Offset+len(c.Version) > len(s) || s[c.Offset:c.Offset+len(c.Version)] != c.Version {
				t.Fatalf("ParseRange(%q): comparison %+v is not where it says", s, c)
			}
		}
		got, err := r.Select(versions)
		if err != nil {
			var e *RangeError
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s) {
				t.Fatalf("Select(%q) = %#v", s, err)
			}
			return
		}
		for _, v := range got {
			found := false
			for _, w := range versions {
				found = found || v == w
			}
			if !found {
				t.Fatalf("Select(%q) = %q, not among the versions", s, got)
			}
		}
	})
}
