package site

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Memory settings of a build's render, unless the environment gives its own (GOGC,
// GOMEMLIMIT, HUGO_MEMORYLIMIT).
//
// The Go heap may grow to four times what is live before it is collected (GOGC=300,
// where Go's default is twice) until the render holds renderMemory; from there it is
// collected to stay within it, unless what is live needs more: the limit then follows
// the live heap, at one and a half times it, so a large site is collected as often,
// relative to its size, as a small one at its limit, never continuously (a fixed limit
// below what a site needs would do that). Hugo's caches (rendered partials and content)
// are kept within 512 MiB instead of a quarter of the machine's memory.
//
// 10,000 evidence items in two languages hold about 730 MiB live at the peak: 1.9 GiB
// resident without these settings, 1.2 GiB with them (bench/site.sh). The limit is what
// keeps the peak there; the heap's growth below it is what it costs in time. Collected
// at Go's default pace, the render of those 10,000 items took about 1.7 CPU-s more, and
// that of 1,000 items a tenth more (about 280 MiB resident instead of about 430).
const (
	renderMemory   = 1180 << 20 // bytes of memory the Go runtime holds
	renderGOGC     = 300        // the heap's growth before a collection, in percent of what is live
	renderLiveMax  = 1.5        // the limit, at least, as a multiple of the live heap
	hugoCacheLimit = "0.5"      // GiB, as HUGO_MEMORYLIMIT reads it
)

// memoryPoll is how often followLiveHeap, which leanRender starts, reads the live heap.
const memoryPoll = 100 * time.Millisecond

// leanRender applies the memory settings of a build's render and returns what restores
// the previous ones. Hugo reads HUGO_MEMORYLIMIT from the environment when it makes
// its sites.
func leanRender() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		old, oldGOGC := debug.SetMemoryLimit(renderMemory), debug.SetGCPercent(renderGOGC)
		stop, done := make(chan struct{}), make(chan struct{})
		go followLiveHeap(renderMemory, stop, done)
		undo = append(undo, func() {
			close(stop)
			<-done
			debug.SetMemoryLimit(old)
			debug.SetGCPercent(oldGOGC)
		})
	}
	if _, ok := os.LookupEnv("HUGO_MEMORYLIMIT"); !ok && os.Setenv("HUGO_MEMORYLIMIT", hugoCacheLimit) == nil {
		undo = append(undo, func() { os.Unsetenv("HUGO_MEMORYLIMIT") })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// followLiveHeap keeps the memory limit at renderLiveMax times the live heap, or at
// floor bytes when that is more, until stop is closed; then it closes done.
func followLiveHeap(floor int64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(memoryPoll)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		live := float64(sample[0].Value.Uint64())
		debug.SetMemoryLimit(max(floor, int64(live*renderLiveMax)))
	}
}
