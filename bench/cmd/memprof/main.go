// Command memprof builds a site with evident's pipeline, as evident build does, and writes
// heap profiles (inuse_space) taken at the peak of the live heap: one while the build runs,
// sampled every -every, and one after the render step. It prints the peak live heap and
// the peak of memory the Go runtime holds from the system.
//
//	go run ./bench/cmd/memprof -o /tmp/prof SITE
//	go tool pprof -top -inuse_space /tmp/prof/peak.pprof
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/evident-dev/evident/generator/build"
)

func main() {
	out := flag.String("o", ".", "folder for the profiles")
	every := flag.Duration("every", 500*time.Millisecond, "how often the heap is sampled")
	cpu := flag.String("cpuprofile", "", "also write a CPU profile of the build to this file")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: memprof [-o DIR] SITE")
	}
	root, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	dest, err := os.MkdirTemp("", "memprof")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dest)

	s := &sampler{}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(*every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				s.sample()
			}
		}
	})
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	_, err = build.Run(context.Background(), build.Options{Root: root, Destination: filepath.Join(dest, "public"), Generator: "evident bench"})
	close(done)
	wg.Wait()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("build %.2f s, peak live heap %d MiB, peak runtime total %d MiB\n",
		time.Since(start).Seconds(), s.peakHeap>>20, s.peakTotal>>20)
	if err := os.WriteFile(filepath.Join(*out, "peak.pprof"), s.profile.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// sampler keeps the heap profile taken when the live heap was largest.
type sampler struct {
	peakHeap, peakTotal uint64
	profile             bytes.Buffer
}

var samples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},
	{Name: "/memory/classes/total:bytes"},
}

func (s *sampler) sample() {
	metrics.Read(samples)
	live, total := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	s.peakTotal = max(s.peakTotal, total)
	if live <= s.peakHeap {
		return
	}
	s.peakHeap = live
	s.profile.Reset()
	runtime.GC() // the profile then shows what is live now
	if err := pprof.Lookup("heap").WriteTo(&s.profile, 0); err != nil {
		log.Fatal(err)
	}
}
