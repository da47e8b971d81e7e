package parallel

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestFor: every index is called exactly once, on no more goroutines than asked for,
// and an empty loop calls nothing.
func TestFor(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		const n = 1000
		calls := make([]int32, n)
		var running, most atomic.Int32
		For(n, workers, func(i int) {
			r := running.Add(1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			atomic.AddInt32(&calls[i], 1)
			time.Sleep(20 * time.Microsecond) // long enough for more goroutines to overlap
			running.Add(-1)
		})
		for i, c := range calls {
			if c != 1 {
				t.Fatalf("workers %d: fn(%d) called %d times", workers, i, c)
			}
		}
		if m := int(most.Load()); m > max(1, workers) {
			t.Errorf("workers %d: %d calls ran at once", workers, m)
		}
	}
	For(0, 4, func(int) { t.Error("fn called for an empty loop") })
}
