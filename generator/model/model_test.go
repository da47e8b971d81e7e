package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCounts: the list by status follows the numbers, in Statuses order, zeros included;
// a status evident does not know counts as not addressed, in both.
func TestCounts(t *testing.T) {
	c := NewCounts()
	for _, s := range []Status{Implemented, Partial, Implemented, "bogus"} {
		c.Add(s)
	}
	want := Counts{Total: 4, Implemented: 2, Partial: 1, NotAddressed: 1, ByStatus: []StatusCount{
		{Implemented, 2}, {Partial, 1}, {Planned, 0}, {NotApplicable, 0}, {NotAddressed, 1},
	}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	var zero Counts
	zero.Add(Planned)
	if diff := cmp.Diff([]StatusCount{{Implemented, 0}, {Partial, 0}, {Planned, 1}, {NotApplicable, 0}, {NotAddressed, 0}}, zero.ByStatus); diff != "" {
		t.Errorf("Add on zero counts (-want +got):\n%s", diff)
	}
}
