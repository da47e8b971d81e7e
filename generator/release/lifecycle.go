package release

// The lifecycle rules: pure functions of a release's dates, its product's support
// policy and the build's date, never of the clock. Dates are days: the time of day and
// the location of a time are ignored, a date being the calendar day it names.

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/semver"

	"github.com/evident-dev/evident/generator/model"
)

// Event kinds, in the order events of one day are listed.
const (
	EventRelease            = "release"
	EventEndOfSupport       = "end-of-support"
	EventEndOfSecurityFixes = "end-of-security-fixes"
)

// Lifecycle is what the rules need of one release: its version and its effective dates.
// A zero end date is not known, and never ends support.
type Lifecycle struct {
	Version            string
	Date               time.Time
	EndOfSupport       time.Time
	EndOfSecurityFixes time.Time
}

// ends returns a release's effective end dates: its own when it gives them, else its
// date plus the months of its product's policy (time.AddDate, so 31 January plus one
// month is 3 March). The end of security fixes defaults to the end of support when
// neither the release nor the policy gives it. A release without a date gets no date
// from the policy.
func ends(date, endOfSupport, endOfSecurityFixes time.Time, policy *model.SupportPolicy) (support, security time.Time) {
	support, security = day(endOfSupport), day(endOfSecurityFixes)
	if policy != nil && !date.IsZero() {
		if support.IsZero() && policy.Months > 0 {
			support = day(date).AddDate(0, policy.Months, 0)
		}
		if security.IsZero() && policy.SecurityMonths > 0 {
			security = day(date).AddDate(0, policy.SecurityMonths, 0)
		}
	}
	if security.IsZero() {
		security = support
	}
	return support, security
}

// Of returns the lifecycle of a release file under its product's policy (nil: none).
func Of(f *File, policy *model.SupportPolicy) Lifecycle {
	l := Lifecycle{Version: f.Version, Date: day(f.Date.Value)}
	l.EndOfSupport, l.EndOfSecurityFixes = ends(f.Date.Value, f.EndOfSupport.Value, f.EndOfSecurityFixes.Value, policy)
	return l
}

// Status is where the release is on the day d: end of life from its end of security
// fixes on (that day included), security fixes only from its end of support on,
// supported before.
func (l Lifecycle) Status(d time.Time) model.ReleaseStatus {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return model.ReleaseStatusOn(date(d), date(l.EndOfSupport), date(l.EndOfSecurityFixes))
}

// reached reports whether the day d is on or after end, a known date.
func reached(d, end time.Time) bool { return !end.IsZero() && !d.Before(day(end)) }

// Sort orders a product's releases newest first: by semantic version when every
// version parses as one (a leading "v" allowed, a prerelease below its release), else
// by date. Ties, such as "1.0.0" and "v1.0.0" or two releases of one day, go by version
// string, the greater first, so the order never depends on the input's.
func Sort(ls []Lifecycle) {
	bySemver := true
	for _, l := range ls {
		if !semver.IsValid(canonical(l.Version)) {
			bySemver = false
			break
		}
	}
	slices.SortStableFunc(ls, func(a, b Lifecycle) int {
		var c int
		if bySemver {
			c = semver.Compare(canonical(b.Version), canonical(a.Version))
		} else {
			c = day(b.Date).Compare(day(a.Date))
		}
		return cmp.Or(c, strings.Compare(b.Version, a.Version))
	})
}

// canonical is a version as package semver reads it: with a leading "v".
func canonical(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

// Event is a dated change of a release's lifecycle.
type Event struct {
	Date    time.Time
	Kind    string // EventRelease, EventEndOfSupport or EventEndOfSecurityFixes
	Version string
}

// Events lists the lifecycle changes of a product's releases on or before the day d:
// each release on its date, and each end date reached. Newest first; on one day,
// releases, then ends of support, then ends of security fixes; then in the order of ls
// (Sort's, for a product). An end of security fixes on the day support ends is listed
// as its own event.
func Events(ls []Lifecycle, d time.Time) []Event {
	d = day(d)
	var out []Event
	for _, l := range ls {
		for _, e := range []Event{
			{day(l.Date), EventRelease, l.Version},
			{day(l.EndOfSupport), EventEndOfSupport, l.Version},
			{day(l.EndOfSecurityFixes), EventEndOfSecurityFixes, l.Version},
		} {
			if reached(d, e.Date) {
				out = append(out, e)
			}
		}
	}
	kind := func(k string) int {
		return slices.Index([]string{EventRelease, EventEndOfSupport, EventEndOfSecurityFixes}, k)
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		return cmp.Or(b.Date.Compare(a.Date), kind(a.Kind)-kind(b.Kind))
	})
	return out
}

// day is the calendar day t names, at midnight UTC; the zero time stays zero.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
