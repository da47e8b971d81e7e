package release

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func TestEnds(t *testing.T) {
	for _, tc := range []struct {
		name              string
		date, eos, eosf   string
		policy            *model.SupportPolicy
		wantEOS, wantEOSF string
	}{
		{name: "nothing known", date: "2026-10-01"},
		{name: "own dates", date: "2026-10-01", eos: "2027-01-01", eosf: "2028-01-01",
			policy: &model.SupportPolicy{Months: 24, SecurityMonths: 36}, wantEOS: "2027-01-01", wantEOSF: "2028-01-01"},
		{name: "policy", date: "2026-10-01", policy: &model.SupportPolicy{Months: 24, SecurityMonths: 36},
			wantEOS: "2028-10-01", wantEOSF: "2029-10-01"},
		{name: "security defaults to support", date: "2026-10-01", policy: &model.SupportPolicy{Months: 12},
			wantEOS: "2027-10-01", wantEOSF: "2027-10-01"},
		{name: "own support, policy security", date: "2026-10-01", eos: "2027-04-01",
			policy: &model.SupportPolicy{Months: 12, SecurityMonths: 18}, wantEOS: "2027-04-01", wantEOSF: "2028-04-01"},
		{name: "own support only", date: "2026-10-01", eos: "2027-04-01", wantEOS: "2027-04-01", wantEOSF: "2027-04-01"},
		{name: "policy security only", date: "2026-10-01", policy: &model.SupportPolicy{SecurityMonths: 6},
			wantEOSF: "2027-04-01"},
		// time.AddDate normalises: 31 January plus one month is 3 March (2027 is no leap year).
		{name: "month overflow", date: "2027-01-31", policy: &model.SupportPolicy{Months: 1}, wantEOS: "2027-03-03", wantEOSF: "2027-03-03"},
		{name: "no date, no policy dates", policy: &model.SupportPolicy{Months: 12}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eos, eosf := ends(date(tc.date), date(tc.eos), date(tc.eosf), tc.policy)
			if got := [2]string{dateString(eos), dateString(eosf)}; got != [2]string{tc.wantEOS, tc.wantEOSF} {
				t.Errorf("ends = %v, want %v", got, [2]string{tc.wantEOS, tc.wantEOSF})
			}
		})
	}
}

func TestStatus(t *testing.T) {
	l := Lifecycle{Version: "1.0.0", Date: date("2026-01-01"), EndOfSupport: date("2027-01-01"), EndOfSecurityFixes: date("2028-01-01")}
	for _, tc := range []struct {
		on   string
		life Lifecycle
		want model.ReleaseStatus
	}{
		{"2026-01-01", l, model.Supported},
		{"2026-12-31", l, model.Supported},
		{"2027-01-01", l, model.SecurityFixes}, // the end date itself is past
		{"2027-12-31", l, model.SecurityFixes},
		{"2028-01-01", l, model.EndOfLife},
		{"2030-01-01", l, model.EndOfLife},
		{"2099-01-01", Lifecycle{Version: "1", Date: date("2026-01-01")}, model.Supported}, // unknown dates never end support
		{"2027-06-01", Lifecycle{Version: "1", EndOfSecurityFixes: date("2027-06-01")}, model.EndOfLife},
		{"2027-06-01", Lifecycle{Version: "1", EndOfSupport: date("2027-06-01")}, model.SecurityFixes},
	} {
		if got := tc.life.Status(date(tc.on)); got != tc.want {
			t.Errorf("%+v on %s: %s, want %s", tc.life, tc.on, got, tc.want)
		}
	}
	// The time of day and the location do not matter: a date is a day.
	late := time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC)
	if got := l.Status(late); got != model.Supported {
		t.Errorf("late on the last day: %s", got)
	}
	tokyo := time.Date(2027, 1, 1, 0, 30, 0, 0, time.FixedZone("JST", 9*3600))
	if got := l.Status(tokyo); got != model.SecurityFixes {
		t.Errorf("early on the end date in Tokyo: %s", got)
	}
}

func TestSort(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []Lifecycle
		want []string
	}{
		{"semantic", []Lifecycle{{Version: "1.9.0"}, {Version: "1.10.0"}, {Version: "2.0.0"}, {Version: "1.2.3"}},
			[]string{"2.0.0", "1.10.0", "1.9.0", "1.2.3"}},
		{"prerelease below release", []Lifecycle{{Version: "2.0.0-rc.1"}, {Version: "2.0.0"}, {Version: "2.0.0-beta"}, {Version: "1.9.9"}},
			[]string{"2.0.0", "2.0.0-rc.1", "2.0.0-beta", "1.9.9"}},
		{"leading v", []Lifecycle{{Version: "v1.2.0"}, {Version: "1.10.0"}, {Version: "v1.3.0"}},
			[]string{"1.10.0", "v1.3.0", "v1.2.0"}},
		{"equal versions by string", []Lifecycle{{Version: "1.0.0"}, {Version: "v1.0.0"}},
			[]string{"v1.0.0", "1.0.0"}},
		{"mixed falls back to dates", []Lifecycle{
			{Version: "2.0.0", Date: date("2025-01-01")},
			{Version: "2026.10", Date: date("2026-10-01")}, // semver shorthand "v2026.10" is valid...
			{Version: "legacy", Date: date("2024-06-01")},  // ...but "legacy" is not, so dates decide
			{Version: "1.0.0", Date: date("2025-01-01")},
		}, []string{"2026.10", "2.0.0", "1.0.0", "legacy"}},
		{"calendar versions", []Lifecycle{{Version: "2026-03", Date: date("2026-03-01")}, {Version: "2026-10", Date: date("2026-10-01")}},
			[]string{"2026-10", "2026-03"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, in := range [][]Lifecycle{tc.in, reversed(tc.in)} {
				Sort(in)
				var got []string
				for _, l := range in {
					got = append(got, l.Version)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("order (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func reversed(ls []Lifecycle) []Lifecycle {
	out := make([]Lifecycle, len(ls))
	for i, l := range ls {
		out[len(ls)-1-i] = l
	}
	return out
}

func TestEvents(t *testing.T) {
	ls := []Lifecycle{
		{Version: "2.0.0", Date: date("2026-10-01"), EndOfSupport: date("2028-10-01"), EndOfSecurityFixes: date("2029-10-01")},
		{Version: "1.1.0", Date: date("2026-04-01"), EndOfSupport: date("2026-10-01"), EndOfSecurityFixes: date("2027-04-01")},
		{Version: "1.0.0", Date: date("2025-04-01"), EndOfSupport: date("2026-04-01"), EndOfSecurityFixes: date("2026-04-01")},
		{Version: "3.0.0", Date: date("2027-01-01")}, // not released on the day
	}
	type ev struct{ Date, Kind, Version string }
	var got []ev
	for _, e := range Events(ls, date("2026-10-01")) {
		got = append(got, ev{dateString(e.Date), e.Kind, e.Version})
	}
	want := []ev{
		{"2026-10-01", EventRelease, "2.0.0"}, // the day itself is included
		{"2026-10-01", EventEndOfSupport, "1.1.0"},
		{"2026-04-01", EventRelease, "1.1.0"},
		{"2026-04-01", EventEndOfSupport, "1.0.0"},
		{"2026-04-01", EventEndOfSecurityFixes, "1.0.0"},
		{"2025-04-01", EventRelease, "1.0.0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if got := Events(ls, date("2025-03-31")); len(got) != 0 {
		t.Errorf("events before any release: %v", got)
	}
}

func TestOf(t *testing.T) {
	f := &File{Version: "2.4.0"}
	f.Date.Value = time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
	f.EndOfSecurityFixes.Value = date("2029-01-01")
	l := Of(f, &model.SupportPolicy{Months: 24, SecurityMonths: 36})
	want := Lifecycle{Version: "2.4.0", Date: date("2026-10-01"), EndOfSupport: date("2028-10-01"), EndOfSecurityFixes: date("2029-01-01")}
	if diff := cmp.Diff(want, l); diff != "" {
		t.Errorf("lifecycle (-want +got):\n%s", diff)
	}
}
