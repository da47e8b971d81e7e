package coverage

import (
	"testing"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/export"
)

func cip(t *testing.T) *catalog.Set {
	t.Helper()
	set, ds := catalog.Load(nil, []string{"cip"})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return set
}

func item(t *testing.T, set *catalog.Set, id string) *catalog.Item {
	t.Helper()
	it, d := set.Resolve(id, diag.Position{File: "test"})
	if d != nil {
		t.Fatal(d)
	}
	return it
}

func TestRollUp(t *testing.T) {
	set := cip(t)
	at := func(id string, s export.Status, products ...string) Claim {
		return Claim{Item: item(t, set, id), Status: s, Products: products, Evidence: id}
	}
	m := Compute(set, []string{"gw", "cloud"}, []Claim{
		at("(1)-2", export.Implemented),          // speaks for S(1)-2.1 ... S(1)-2.4
		at("S(1)-2.2", export.Partial, "cloud"),  // ... except where they say otherwise
		at("(1)-3", export.Planned, "cloud"),     // planned + not addressed: planned, not partial
		at("(6)-1", export.NotApplicable),        // covers (6)-1.1 ... (6)-1.3
		at("(6)-2", export.NotApplicable),        //
		at("(2)-1", export.Planned),              // several on one item:
		at("(2)-1", export.Implemented, "gw"),    // the most advanced wins
		at("(2)-4", export.NotApplicable, "gw"),  // not applicable for one product only
		at("(2)-4", export.Implemented, "cloud"), //
	})
	for _, tc := range []struct {
		id        string
		gw, cloud export.Status
		overall   export.Status
	}{
		{"S(1)-2.1", export.Implemented, export.Implemented, export.Implemented},
		{"S(1)-2.2", export.Implemented, export.Partial, export.Partial},
		{"(1)-2", export.Implemented, export.Partial, export.Partial},
		{"(1)-1", export.NotAddressed, export.NotAddressed, export.NotAddressed},
		{"(1)-3", export.NotAddressed, export.Planned, export.Planned},
		{"(1)", export.Partial, export.Partial, export.Partial},
		{"(6)-1.2", export.NotApplicable, export.NotApplicable, export.NotApplicable},
		{"(6)", export.NotApplicable, export.NotApplicable, export.NotApplicable},
		{"(2)-1", export.Implemented, export.Planned, export.Partial},
		{"(2)-4", export.NotApplicable, export.Implemented, export.Implemented},
		{"(3)-1", export.NotAddressed, export.NotAddressed, export.NotAddressed},
	} {
		it := item(t, set, tc.id)
		if got := m.Status(it, "gw"); got != tc.gw {
			t.Errorf("%s gw = %s, want %s", tc.id, got, tc.gw)
		}
		if got := m.Status(it, "cloud"); got != tc.cloud {
			t.Errorf("%s cloud = %s, want %s", tc.id, got, tc.cloud)
		}
		if got := m.Overall(it); got != tc.overall {
			t.Errorf("%s overall = %s, want %s", tc.id, got, tc.overall)
		}
	}
	if got := m.Evidence(item(t, set, "(2)-1")); len(got) != 1 || got[0] != "(2)-1" {
		t.Errorf("evidence of (2)-1 = %q, want one slug, listed once", got)
	}
}

func TestNoProducts(t *testing.T) {
	set := cip(t)
	m := Compute(set, nil, []Claim{{Item: item(t, set, "(1)-2"), Status: export.Implemented, Products: []string{"ignored"}, Evidence: "x"}})
	if got := m.Status(item(t, set, "S(1)-2.3"), All); got != export.Implemented {
		t.Errorf("S(1)-2.3 = %s, want implemented", got)
	}
	if got := m.Overall(item(t, set, "(1)")); got != export.Partial {
		t.Errorf("(1) = %s, want partial ((1)-1 is not addressed)", got)
	}
}
