// Package parallel runs the iterations of a loop on a few goroutines.
package parallel

import "sync"

// For calls fn(0), …, fn(n-1) on at most workers goroutines (at least one) and waits
// for all. Each fn(i) writes only its own slot i of what it fills, so the result is the
// same whatever the timing.
func For(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
