package build

import (
	"fmt"
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
