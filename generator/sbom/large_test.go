package sbom

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
)

// genDoc is an io.Reader that writes a document of n items as it is read, so that a large
// document never exists in memory: head, the items separated by sep, then tail. every, when
// set, is called after each 1000 items.
type genDoc struct {
	head, sep, tail string
	item            func(buf []byte, i int) []byte
	n               int
	every           func()

	i    int // items written; -1 before the head
	buf  []byte
	done bool
}

func (g *genDoc) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.done:
			return 0, io.EOF
		case g.i < 0:
			g.buf = append(g.buf, g.head...)
		case g.i < g.n:
			if g.i > 0 {
				g.buf = append(g.buf, g.sep...)
			}
			g.buf = g.item(g.buf, g.i)
			if g.i%1000 == 0 && g.every != nil {
				g.every()
			}
		default:
			g.buf = append(g.buf, g.tail...)
			g.done = true
		}
		g.i++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// padding makes each generated component about half a kilobyte.
var padding = bytes.Repeat([]byte{'x'}, 350)

// cdxJSON returns a CycloneDX 1.6 JSON document of n components. The identifying keys come
// after the components, so a reader cannot decide the format first.
func cdxJSON(n int) *genDoc {
	return &genDoc{
		head: `{"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
  "metadata": {"timestamp": "2026-01-01T00:00:00Z", "component": {"name": "big", "version": "1"}},
  "components": [
`,
		item: func(b []byte, i int) []byte {
			b = fmt.Appendf(b, `    {"type": "library", "bom-ref": "pkg:generic/c%d@1.%d", "name": "c%d", "version": "1.%d", `+
				`"purl": "pkg:generic/c%d@1.%d", "licenses": [{"license": {"id": "MIT"}}], "description": "`, i, i, i, i, i, i)
			return append(append(b, padding...), `"}`...)
		},
		sep:  ",\n",
		tail: "\n  ],\n  \"specVersion\": \"1.6\", \"bomFormat\": \"CycloneDX\"\n}\n",
		n:    n,
		i:    -1,
	}
}

func cdxXML(n int) *genDoc {
	return &genDoc{
		head: `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
`,
		item: func(b []byte, i int) []byte {
			b = fmt.Appendf(b, `    <component type="library"><name>c%d</name><version>1.%d</version>`+
				`<licenses><license><id>MIT</id></license></licenses><description>`, i, i)
			return append(append(b, padding...), "</description></component>\n"...)
		},
		tail: "  </components>\n</bom>\n",
		n:    n,
		i:    -1,
	}
}

func spdxTagValue(n int) *genDoc {
	return &genDoc{
		head: "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: big\n",
		item: func(b []byte, i int) []byte {
			b = fmt.Appendf(b, "\nPackageName: c%d\nSPDXID: SPDXRef-c%d\nPackageVersion: 1.%d\nPackageLicenseDeclared: MIT\nPackageComment: <text>\n", i, i, i)
			return append(append(b, padding...), "\n</text>\n"...)
		},
		n: n,
		i: -1,
	}
}

// TestLargeDocumentMemory summarises documents of 200,000 components, 90 MiB or more each, and
// checks that the heap never grows by more than 64 MiB while one is read: a summariser that
// kept the document, or its component list, would exceed that.
func TestLargeDocumentMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads documents of 90 MiB or more")
	}
	const n = 200_000
	for name, g := range map[string]*genDoc{"cdx-json": cdxJSON(n), "cdx-xml": cdxXML(n), "spdx-tag-value": spdxTagValue(n)} {
		t.Run(name, func(t *testing.T) {
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			before, peak := ms.HeapInuse, ms.HeapInuse
			g.every = func() {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			s, err := Summarize("big", g)
			if err != nil {
				t.Fatal(err)
			}
			if s.Components != n || len(s.Licenses) != 1 {
				t.Errorf("got %d components and licences %q, want %d and [MIT]", s.Components, s.Licenses, n)
			}
			if s.Size < 80<<20 {
				t.Errorf("the document is %d bytes; make it well over the 64 MiB limit so that the test means something", s.Size)
			}
			grew := int64(peak) - int64(before)
			t.Logf("read %d MiB; heap in use grew by at most %.1f MiB", s.Size>>20, float64(grew)/(1<<20))
			if grew > 64<<20 {
				t.Errorf("heap in use grew by %d MiB while reading, want < 64 MiB", grew>>20)
			}
		})
	}
}

// BenchmarkSummarize reads a generated CycloneDX JSON document of about 50 MB.
func BenchmarkSummarize(b *testing.B) {
	const n = 100_000
	size, _ := io.Copy(io.Discard, cdxJSON(n))
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarize("big.cdx.json", cdxJSON(n)); err != nil {
			b.Fatal(err)
		}
	}
}
