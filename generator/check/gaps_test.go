package check

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/sitetest"
)

// TestGaps: a target date that has passed is a warning at the date; requirements
// addressed to customers ((6)-1, (6)-2) are never reported as not addressed.
func TestGaps(t *testing.T) {
	root := sitetest.Unpack(t, `
-- evident.toml --
title = "t"
languages = ["ja"]
-- content/evidence/late.md --
+++
title = "遅れ"
requirements = ["(1)-1"]
status = "planned"
target = 2026-11-18
reviewed = 2026-10-01
+++
-- content/evidence/on-time.md --
+++
title = "予定どおり"
requirements = ["(1)-2"]
status = "planned"
target = 2026-11-19
reviewed = 2026-10-01
+++
`)
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var got, notAddressed []string
	for _, d := range res.Diagnostics {
		switch d.Code {
		case "not-addressed":
			notAddressed = append(notAddressed, d.Message)
		case "target-passed":
			got = append(got, d.Pos.String()+" "+d.Severity.String()+" "+d.Message)
			if d.Hint == "" {
				t.Errorf("%s: no hint", d)
			}
		}
	}
	want := []string{`content/evidence/late.md:5:10 warning planned evidence has a target of 2026-11-18, before 2026-11-19`}
	if !slices.Equal(got, want) {
		t.Errorf("target-passed = %q, want %q", got, want)
	}
	// 21 requirements: (1)-1 and (1)-2 are addressed, (6)-1 and (6)-2 are customers'.
	if len(notAddressed) != 17 {
		t.Errorf("%d not-addressed notices, want 17: %q", len(notAddressed), notAddressed)
	}
	for _, m := range notAddressed {
		if strings.Contains(m, "(6)-") {
			t.Errorf("customer-side requirement reported: %s", m)
		}
	}
}
