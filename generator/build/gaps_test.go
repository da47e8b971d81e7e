package build

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/internal/sitetest"
)

// gapsSite has stale, fresh and planned evidence, and evidence on a customer-side
// requirement ((6)-1), measured on 2026-11-01 with a review period of 365 days.
const gapsSite = `
-- evident.toml --
title = "Example"
baseURL = "https://trust.example.org/"
languages = ["ja", "en"]
catalogs = ["cip"]
reviewDays = 365
[[products]]
id = "gw"
name = "Gateway"
[[products]]
id = "cloud"
name = "Cloud"
-- content/evidence/old.md --
+++
title = "古い"
requirements = ["(1)-1"]
status = "implemented"
reviewed = 2024-01-01
+++
-- content/evidence/fresh.md --
+++
title = "新しい"
requirements = ["(1)-2"]
products = ["gw"]
status = "implemented"
reviewed = 2026-10-01
+++
-- content/evidence/fresh-and-old.md --
+++
title = "古いもう一つ"
requirements = ["(1)-2"]
status = "partial"
reviewed = 2024-01-01
+++
-- content/evidence/plan-b.md --
+++
title = "計画 B"
requirements = ["(1)-3"]
status = "planned"
target = 2027-03-01
reviewed = 2026-10-01
+++
-- content/evidence/plan-a.md --
+++
title = "計画 A"
requirements = ["(1)-4"]
products = ["gw"]
status = "planned"
target = 2027-01-01
reviewed = 2026-10-01
+++
-- content/evidence/plan-none.md --
+++
title = "計画"
requirements = ["(2)-1"]
status = "planned"
reviewed = 2026-10-01
+++
-- content/evidence/customer.md --
+++
title = "お客様へ"
requirements = ["(6)-1"]
status = "implemented"
reviewed = 2026-10-01
+++
`

// TestGapsAndFreshness: what is stale (an item, a cell: all the evidence behind it is
// past review), the counts without customer-side requirements, and the lists of the
// trust page's gaps panel.
func TestGapsAndFreshness(t *testing.T) {
	root := sitetest.Unpack(t, gapsSite)
	res := check.Run(root, check.Options{AsOf: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if res.Diagnostics.HasErrors() {
		t.Fatal(res.Diagnostics)
	}
	m, err := declaration(res, "evident test", false)
	if err != nil {
		t.Fatal(err)
	}
	// (1)-1: its only evidence is stale. (1)-2: fresh evidence for gw, only stale
	// evidence for cloud.
	if it := m.Items["1-1"]; !it.Stale || !it.Cells[0].Stale || !it.Cells[1].Stale {
		t.Errorf("(1)-1 stale %v, cells %+v; want all stale", it.Stale, it.Cells)
	}
	if it := m.Items["1-2"]; it.Stale || it.Cells[0].Stale || !it.Cells[1].Stale {
		t.Errorf("(1)-2 stale %v, cells %+v; want only the cloud cell stale", it.Stale, it.Cells)
	}
	if it := m.Items["1-3"]; it.Stale || it.Cells[0].Stale {
		t.Errorf("(1)-3 has fresh evidence, but is stale")
	}
	if it := m.Items["5-1"]; it.Stale || it.Cells[0].Stale {
		t.Errorf("(5)-1 has no evidence, but is stale")
	}
	// 21 requirements, of which (6)-1 and (6)-2 are addressed to customers.
	if s := m.Summary; s.Total != 19 || s.Stale != 1 || s.Implemented != 1 {
		t.Errorf("summary %+v, want 19 provider-side requirements, 1 stale, 1 implemented", s)
	}
	gw, cloud := m.Products[0].Counts, m.Products[1].Counts
	if gw.Total != 19 || gw.Stale != 1 || gw.Implemented != 2 {
		t.Errorf("gw counts %+v, want 19, 1 stale, 2 implemented", gw)
	}
	if cloud.Total != 19 || cloud.Stale != 2 {
		t.Errorf("cloud counts %+v, want 19, 2 stale", cloud)
	}
	if c := m.Items["6"].Counts; c.Total != 2 || c.Implemented != 1 || c.NotAddressed != 1 {
		t.Errorf("category (6) counts %+v, want its own 2 requirements", c)
	}
	if c := m.Items["1"].Counts; c.Stale != 1 {
		t.Errorf("category (1) counts %+v, want 1 stale", c)
	}
	// Not addressed for some product: every provider-side requirement but (1)-1,
	// (1)-2, (1)-3 and (2)-1 (addressed for both products); never (6)-x.
	na := m.Gaps.NotAddressed
	if len(na) != 15 || slices.Contains(na, "1-2") || !slices.Contains(na, "1-4") || slices.Contains(na, "1-1") || slices.Contains(na, "6-2") {
		t.Errorf("gaps not addressed = %v", na)
	}
	if diff := cmp.Diff([]string{"plan-a", "plan-b", "plan-none"}, m.Gaps.Planned); diff != "" {
		t.Errorf("gaps planned (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"fresh-and-old", "old"}, m.Gaps.Stale); diff != "" {
		t.Errorf("gaps stale (-want +got):\n%s", diff)
	}
	if got := m.Evidence["plan-a"].Target; got != "2027-01-01" {
		t.Errorf("target of plan-a = %q", got)
	}
}
