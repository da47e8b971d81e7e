package site

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestFollowLiveHeap: the memory limit of a render follows a live heap above its floor,
// so that a site larger than the floor is never collected continuously, and is put
// back when the render ends.
func TestFollowLiveHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const floor = 1 << 20
	debug.SetMemoryLimit(floor)
	stop, done := make(chan struct{}), make(chan struct{})
	go followLiveHeap(floor, stop, done)
	live := make([][]byte, 64) // 64 MiB, live until the end
	for i := range live {
		live[i] = make([]byte, 1<<20)
		live[i][0] = 1
	}
	want := int64(float64(len(live)<<20) * renderLiveMax)
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
		runtime.GC() // the live heap is measured by a collection
		time.Sleep(memoryPoll)
	}
	close(stop)
	<-done
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("memory limit %d MiB with %d MiB live, want at least %d MiB", got>>20, len(live), want>>20)
	}
	runtime.KeepAlive(live)
}

// TestLeanRenderRestores: the settings of a render are those of the environment again
// once it ends.
func TestLeanRenderRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeGOGC := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	defer debug.SetGCPercent(beforeGOGC)
	restore := leanRender()
	if got := debug.SetMemoryLimit(-1); got != renderMemory {
		t.Errorf("memory limit during a render: %d, want %d", got, int64(renderMemory))
	}
	if got := debug.SetGCPercent(renderGOGC); got != renderGOGC {
		t.Errorf("GOGC during a render: %d, want %d", got, renderGOGC)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("memory limit after a render: %d, want %d", got, before)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after a render: %d, want 100", got)
	}
}
