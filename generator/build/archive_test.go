package build

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// BenchmarkCompress deflates pages the size of a site's evidence pages (about 8 KiB of
// HTML each), one after the other, as writeArchive does on each of its workers.
func BenchmarkCompress(b *testing.B) {
	var page strings.Builder
	for i := 0; page.Len() < 8<<10; i++ {
		fmt.Fprintf(&page, "<tr><td><a href=\"/evidence/e%04d/\">Evidence %d</a></td><td>implemented</td></tr>\n", i, i)
	}
	data := []byte(page.String())
	date := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if e := compress("evidence/x/index.html", data, date, false); e.err != nil {
			b.Fatal(e.err)
		}
	}
}

// TestStored: a large file is deflated when it is text, which deflates well, and
// stored when it is compressed already; a file of storeAbove bytes or less is deflated.
func TestStored(t *testing.T) {
	var page strings.Builder
	for i := 0; page.Len() < 2<<20; i++ {
		fmt.Fprintf(&page, "<tr><td><a href=\"/evidence/e%05d/\">Evidence %d</a></td></tr>\n", i, i)
	}
	noise := make([]byte, 2<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	if stored([]byte(page.String())) {
		t.Error("a large HTML page is stored, not deflated")
	}
	if !stored(noise) {
		t.Error("a large file of random bytes is deflated, not stored")
	}
	if stored(noise[:storeAbove]) {
		t.Errorf("a file of %d random bytes is stored, not deflated", storeAbove)
	}
}
