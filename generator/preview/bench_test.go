package preview

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkReload measures save-to-reload latency on a site of 1,000 evidence files:
// from the moment a file is written to the moment the reload message is sent, through
// the real watcher (with its 20 ms quiet period), the check, the model and Hugo. The
// edited pages are open in a browser, so each rebuild renders them (fast render).
//
//	body:   an evidence file's statement changes: no check, no model, Hugo's partial
//	        rebuild of the file
//	title:  an evidence title changes (the model does): the check and the model, and a
//	        partial rebuild that renders the pages open
//	config: the declaration's version in evident.toml changes (the model does, Hugo's
//	        configuration does not): as title
//
// bench/preview.sh times the same edits against plain hugo server.
func BenchmarkReload(b *testing.B) {
	const files = 1000
	var archive strings.Builder
	archive.WriteString(siteTxtar[:strings.Index(siteTxtar, "-- content/")])
	reqs := []string{"(1)-3", "S(1)-2.2", "(2)-4", "(1)-2", "S(1)-2.1", "(6)-1"}
	for i := range files {
		fmt.Fprintf(&archive, "-- content/evidence/e%04d.md --\n+++\ntitle = \"Evidence %d\"\nrequirements = [%q]\nstatus = \"implemented\"\nproducts = [\"gw\"]\nreviewed = 2026-10-01\nowner = \"Team %d\"\n+++\nStatement %d.\n\nSecond paragraph.\n", i, i, reqs[i%len(reqs)], i%7, i)
	}
	root := writeSite(b, archive.String())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	p, err := New(ctx, Options{Root: root})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	b.Logf("first build of %d evidence files: %s", files, time.Since(start).Round(time.Millisecond))
	done, err := p.Watch(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { cancel(); <-done }()
	// The writer has the pages being edited open: a rebuild renders them (fast render).
	for _, page := range []string{"/evidence/e0500/", "/evidence/e0501/"} {
		rec := httptest.NewRecorder()
		p.Handler().ServeHTTP(rec, httptest.NewRequest("GET", page, nil))
		if rec.Code != 200 {
			b.Fatalf("GET %s: %d", page, rec.Code)
		}
	}
	reload, ok := p.hub.subscribe()
	if !ok {
		b.Fatal("no reload stream")
	}

	edit := func(b *testing.B, i int, what string) {
		switch what {
		case "body":
			writeFile(b, root, "content/evidence/e0500.md", strings.Replace(readFile(b, filepath.Join(root, "content/evidence/e0500.md")), "Second paragraph", fmt.Sprintf("Second paragraph %d", i), 1))
		case "title":
			writeFile(b, root, "content/evidence/e0501.md", strings.Replace(readFile(b, filepath.Join(root, "content/evidence/e0501.md")), "Evidence 501", fmt.Sprintf("Evidence 501 v%d", i), 1))
		case "config":
			replaceInFile(b, root, "evident.toml", `version = "2026.1`, `version = "2026.1.`)
		}
	}
	for _, what := range []string{"body", "title", "config"} {
		b.Run(what, func(b *testing.B) {
			var lat []time.Duration
			for i := 0; b.Loop(); i++ {
				for len(reload) > 0 { // nothing stale
					<-reload
				}
				t0 := time.Now()
				edit(b, i, what)
				select {
				case <-reload:
					lat = append(lat, time.Since(t0))
				case <-time.After(2 * time.Minute):
					b.Fatal("no reload message")
				}
				time.Sleep(150 * time.Millisecond) // let late events of this edit pass
			}
			report(b, lat)
		})
	}
	// A page nobody opened yet is rendered when it is asked for: from the request to
	// the response.
	b.Run("open", func(b *testing.B) {
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			page := fmt.Sprintf("/evidence/e%04d/", (i*37)%files)
			t0 := time.Now()
			rec := httptest.NewRecorder()
			p.Handler().ServeHTTP(rec, httptest.NewRequest("GET", page, nil))
			lat = append(lat, time.Since(t0))
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Statement") {
				b.Fatalf("GET %s: %d", page, rec.Code)
			}
		}
		report(b, lat)
	})
}

// report reports the median and the 95th percentile of lat.
func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*95/100)]), "p95-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
