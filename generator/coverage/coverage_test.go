package coverage

import (
	"testing"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
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
	at := func(id string, s model.Status, products ...string) Claim {
		return Claim{Item: item(t, set, id), Status: s, Products: products, Evidence: id}
	}
	m := Compute(set, []string{"gw", "cloud"}, []Claim{
		at("(1)-2", model.Implemented),          // speaks for S(1)-2.1 ... S(1)-2.4
		at("S(1)-2.2", model.Partial, "cloud"),  // ... except where they say otherwise
		at("(1)-3", model.Planned, "cloud"),     // planned + not addressed: planned, not partial
		at("(6)-1", model.NotApplicable),        // covers (6)-1.1 ... (6)-1.3
		at("(6)-2", model.NotApplicable),        //
		at("(2)-1", model.Planned),              // several on one item:
		at("(2)-1", model.Implemented, "gw"),    // the most advanced wins
		at("(2)-4", model.NotApplicable, "gw"),  // not applicable for one product only
		at("(2)-4", model.Implemented, "cloud"), //
	})
	for _, tc := range []struct {
		id        string
		gw, cloud model.Status
		overall   model.Status
	}{
		{"S(1)-2.1", model.Implemented, model.Implemented, model.Implemented},
		{"S(1)-2.2", model.Implemented, model.Partial, model.Partial},
		{"(1)-2", model.Implemented, model.Partial, model.Partial},
		{"(1)-1", model.NotAddressed, model.NotAddressed, model.NotAddressed},
		{"(1)-3", model.NotAddressed, model.Planned, model.Planned},
		{"(1)", model.Partial, model.Partial, model.Partial},
		{"(6)-1.2", model.NotApplicable, model.NotApplicable, model.NotApplicable},
		{"(6)", model.NotApplicable, model.NotApplicable, model.NotApplicable},
		{"(2)-1", model.Implemented, model.Planned, model.Partial},
		{"(2)-4", model.NotApplicable, model.Implemented, model.Implemented},
		{"(3)-1", model.NotAddressed, model.NotAddressed, model.NotAddressed},
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
	m := Compute(set, nil, []Claim{{Item: item(t, set, "(1)-2"), Status: model.Implemented, Products: []string{"ignored"}, Evidence: "x"}})
	if got := m.Status(item(t, set, "S(1)-2.3"), All); got != model.Implemented {
		t.Errorf("S(1)-2.3 = %s, want implemented", got)
	}
	if got := m.Overall(item(t, set, "(1)")); got != model.Partial {
		t.Errorf("(1) = %s, want partial ((1)-1 is not addressed)", got)
	}
}
