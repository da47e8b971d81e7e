package sbom

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// oneLongValue returns a document whose value at the given place is n bytes of 'x', made
// as it is read: head, the value, then tail.
func oneLongValue(head string, n int, tail string) *genDoc {
	chunk := strings.Repeat("x", 1024)
	return &genDoc{head: head, tail: tail, n: (n + 1023) / 1024, i: -1, item: func(b []byte, i int) []byte {
		if i == n/1024 {
			return append(b, chunk[:n%1024]...)
		}
		return append(b, chunk...)
	}}
}

var longValueDocs = []struct {
	name, head, tail string
	pos              diag.Position // of the long value
}{
	{"json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"serialNumber\": \"", "\"\n}\n",
		diag.Position{File: "big", Line: 4, Col: 19}},
	{"xml", "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n  <metadata><component><name>",
		"</name></component></metadata>\n</bom>\n", diag.Position{File: "big", Line: 3, Col: 30}},
	{"tag-value", "SPDXVersion: SPDX-2.3\nDocumentName: big\nDocumentComment: ", "\n",
		diag.Position{File: "big", Line: 3, Col: 1}},
}

// TestLongValue checks the cap on one value: a document whose value is maxTokenLen bytes
// is read; one whose value is 200 MiB is refused after reading little more than the cap,
// with an error at the value, and the heap does not grow by the value's size.
func TestLongValue(t *testing.T) {
	for _, tc := range longValueDocs {
		t.Run(tc.name+"/at the limit", func(t *testing.T) {
			if _, err := Summarize("big", oneLongValue(tc.head, maxTokenLen, tc.tail)); err != nil {
				t.Errorf("a value of %d bytes: %v", maxTokenLen, err)
			}
		})
		t.Run(tc.name+"/200 MiB", func(t *testing.T) {
			g := oneLongValue(tc.head, 200<<20, tc.tail)
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			before, peak := ms.HeapInuse, ms.HeapInuse
			read := 0
			g.every = func() {
				read = g.i
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			_, err := Summarize("big", g)
			grew := int64(peak) - int64(before)
			t.Logf("read about %d KiB; heap in use grew by at most %.1f MiB", read, float64(grew)/(1<<20))
			var d diag.Diagnostic
			if !errors.As(err, &d) || d.Code != codeTooLong || d.Pos != tc.pos {
				t.Fatalf("err = %v, want %s at %s", err, codeTooLong, tc.pos)
			}
			if read > (maxTokenLen+maxLookahead)/1024+1000 {
				t.Errorf("read %d KiB of the value, far more than the limit of %d", read, maxTokenLen)
			}
			if grew > 32<<20 {
				t.Errorf("heap in use grew by %d MiB", grew>>20)
			}
		})
	}
}
