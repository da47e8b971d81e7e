package sbom

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
)

// FuzzSummarize checks that no input makes Summarize panic, that every error is a
// diag.Diagnostic naming the file with a line and column (every diagnostic points into the
// input, even an empty one, at 1:1), and that a summary has the digest and size of the input.
func FuzzSummarize(f *testing.F) {
	for _, name := range []string{"cisa-case1.vex-affected.cdx.json", "hello-source.spdx-2.3.json", "example2-bin.spdx-2.2.spdx",
		"apigateway.saasbom.cdx-1.4.json", "co2-dataset.spdx-3.0.json", "cdx-spec.valid-bom-1.0.xml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Summarize("sbom/fuzz", bytes.NewReader(data))
		if err != nil {
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("error %v (%T) is not a diag.Diagnostic", err, err)
			}
			if d.Pos.File != "sbom/fuzz" || d.Pos.Line < 1 || d.Pos.Col < 1 || d.Code == "" {
				t.Fatalf("diagnostic without a full position or code: %#v", d)
			}
			return
		}
		sum := sha256.Sum256(data)
		if s.Format == "" || s.Size != int64(len(data)) || s.SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("summary %+v does not describe the %d bytes read", s, len(data))
		}
	})
}
