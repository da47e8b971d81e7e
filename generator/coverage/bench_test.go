package coverage

import (
	"fmt"
	"testing"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/model"
)

// BenchmarkCompute: the matrix of n evidence items, each on one to three of the catalog's
// items, for two products. The time per item should not grow with n.
func BenchmarkCompute(b *testing.B) {
	set, ds := catalog.Load(nil, []string{"cip"})
	if len(ds) > 0 {
		b.Fatal(ds)
	}
	var items []*catalog.Item
	for _, c := range set.Catalogs {
		c.Walk(func(it *catalog.Item) bool { items = append(items, it); return true })
	}
	statuses := []model.Status{model.Implemented, model.Partial, model.Planned}
	for _, n := range []int{1000, 10000, 50000} {
		var claims []Claim
		for i := range n {
			for k := range 1 + i%3 {
				it := items[(i*7+k*13)%len(items)]
				claims = append(claims, Claim{Item: it, Status: statuses[i%3], Evidence: fmt.Sprintf("item-%05d", i)})
			}
		}
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				Compute(set, []string{"gw", "cloud"}, claims)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
		})
	}
}
