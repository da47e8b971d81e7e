// Command reloadbench times save-to-page latency: how long after a file of a site is
// written its page, fetched again and again, shows the change. It runs `evident serve`
// on an evident site and plain `hugo server` (fast render, as it starts by default) on
// the Hugo input evident renders for it (bench/cmd/hugosrc), makes the same statement
// edits in both, and prints both latencies and their ratio; title and evident.toml
// edits are evident's alone (plain Hugo has no model to change). bench/preview.sh runs it.
//
//	reloadbench -evident BIN -hugo BIN -site DIR -hugosrc DIR [-edits 20]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// page is the evidence file edited, and where both servers publish it.
const (
	page = "content/evidence/group-005/item-00500.md"
	url  = "/evidence/group-005/item-00500/"
)

func main() {
	evident := flag.String("evident", "", "the evident binary")
	hugo := flag.String("hugo", "", "the hugo binary (v0.165.0)")
	site := flag.String("site", "", "the evident site (bench/cmd/gensite, 501 evidence items or more)")
	hugosrc := flag.String("hugosrc", "", "the Hugo input evident renders for the site (bench/cmd/hugosrc)")
	edits := flag.Int("edits", 20, "edits of each kind")
	flag.Parse()
	if *evident == "" || *hugo == "" || *site == "" || *hugosrc == "" || *edits < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	defer stop() // both servers end with the benchmark; fatal stops them too
	ev := start("evident serve", func(port int) *exec.Cmd {
		return exec.CommandContext(ctx, *evident, "serve", "--port", fmt.Sprint(port), *site)
	})
	hg := start("hugo server", func(port int) *exec.Cmd {
		return exec.CommandContext(ctx, *hugo, "server", "--source", *hugosrc, "--bind", "127.0.0.1",
			"--port", fmt.Sprint(port), "--noBuildLock", "--cacheDir", filepath.Join(*hugosrc, ".cache"), "--quiet")
	})

	body := func(root string) func(i int) string {
		return func(i int) string {
			marker := fmt.Sprintf("marker-%d-%d", time.Now().UnixNano(), i)
			appendFile(filepath.Join(root, page), "\n"+marker+"\n")
			return marker
		}
	}
	evBody := measure(ev, *edits, body(*site))
	hgBody := measure(hg, *edits, body(*hugosrc))
	evTitle := measure(ev, *edits, func(i int) string {
		t := fmt.Sprintf("証跡 500 v%d", i)
		replaceRE(filepath.Join(*site, page), `title = "証跡 500[^"]*"`, `title = "`+t+`"`)
		return t
	})
	evConfig := measure(ev, *edits, func(i int) string {
		v := fmt.Sprintf("2026.1.%d", i)
		replaceRE(filepath.Join(*site, "evident.toml"), `version = "[^"]*"`, `version = "`+v+`"`)
		return v
	})

	fmt.Printf("%-34s %8s %8s\n", "save to page shows it", "p50 ms", "p95 ms")
	row := func(label string, lat []time.Duration) {
		fmt.Printf("%-34s %8.0f %8.0f\n", label, ms(p(lat, 50)), ms(p(lat, 95)))
	}
	row("evident serve: statement edit", evBody)
	row("hugo server:   statement edit", hgBody)
	row("evident serve: title edit", evTitle)
	row("evident serve: evident.toml edit", evConfig)
	fmt.Printf("%-34s %8.2f %8.2f\n", "ratio evident / hugo, statement", ms(p(evBody, 50))/ms(p(hgBody, 50)), ms(p(evBody, 95))/ms(p(hgBody, 95)))
}

type server struct {
	name string
	base string
}

// start runs a server on a free port and waits until it serves the edited page.
func start(name string, cmd func(port int) *exec.Cmd) server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c := cmd(port)
	var stderr bytes.Buffer
	c.Stdout, c.Stderr = io.Discard, &stderr
	if err := c.Start(); err != nil {
		fatalf("%s: %v", name, err)
	}
	running = append(running, c)
	s := server{name: name, base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if code, _ := s.get(); code == http.StatusOK {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	fatalf("%s did not serve %s within 5 minutes:\n%s", name, url, stderr.String())
	return s
}

func (s server) get() (int, string) {
	resp, err := http.Get(s.base + url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// measure makes edits, each after the last one showed and a pause, and returns how
// long each took to show in the page; the first, a warm-up, is not counted.
func measure(s server, n int, edit func(i int) string) []time.Duration {
	var lat []time.Duration
	for i := range n + 1 {
		time.Sleep(600 * time.Millisecond) // past both watchers' batching of the last edit
		t0 := time.Now()
		want := edit(i)
		for {
			if _, b := s.get(); strings.Contains(b, want) {
				break
			}
			if time.Since(t0) > 2*time.Minute {
				fatalf("%s: edit %d did not show within 2 minutes", s.name, i)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if i > 0 {
			lat = append(lat, time.Since(t0))
		}
	}
	return lat
}

func appendFile(p, s string) {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		fatal(err)
	}
	if err := f.Close(); err != nil {
		fatal(err)
	}
}

func replaceRE(p, pattern, repl string) {
	b, err := os.ReadFile(p)
	if err != nil {
		fatal(err)
	}
	out := regexp.MustCompile(pattern).ReplaceAllLiteral(b, []byte(repl))
	if bytes.Equal(out, b) {
		fatalf("%s: nothing matches %s", p, pattern)
	}
	if err := os.WriteFile(p, out, 0o644); err != nil {
		fatal(err)
	}
}

// p returns the q-th percentile of lat.
func p(lat []time.Duration, q int) time.Duration {
	s := slices.Sorted(slices.Values(lat))
	return s[min(len(s)-1, len(s)*q/100)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// running are the servers started, which stop ends.
var running []*exec.Cmd

func stop() {
	for _, c := range running {
		_ = c.Process.Kill()
		_ = c.Wait()
	}
}

func fatalf(format string, args ...any) { fatal(fmt.Sprintf(format, args...)) }

func fatal(v any) {
	stop()
	log.Fatal(v)
}
