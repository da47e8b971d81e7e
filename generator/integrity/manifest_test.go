package integrity

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/google/go-cmp/cmp"
)

func TestWriteManifest(t *testing.T) {
	entries := []Entry{
		{Path: "z/<b>&.txt", Size: 3, SHA256: sumB},
		{Path: "a.txt", Size: 0, SHA256: strings.ToUpper(sumA)},
	}
	var b bytes.Buffer
	if err := WriteManifest(&b, entries); err != nil {
		t.Fatal(err)
	}
	want := `{
  "algorithm": "sha256",
  "files": [
    {
      "path": "a.txt",
      "size": 0,
      "sha256": "` + sumA + `"
    },
    {
      "path": "z/<b>&.txt",
      "size": 3,
      "sha256": "` + sumB + `"
    }
  ]
}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteManifest (-want +got):\n%s", diff)
	}
	got, err := ReadManifest("integrity.json", &b)
	if err != nil {
		t.Fatal(err)
	}
	wantEntries := []Entry{{"a.txt", 0, sumA}, {"z/<b>&.txt", 3, sumB}}
	if diff := cmp.Diff(wantEntries, got); diff != "" {
		t.Errorf("ReadManifest (-want +got):\n%s", diff)
	}

	var empty bytes.Buffer
	if err := WriteManifest(&empty, nil); err != nil || empty.String() != "{\n  \"algorithm\": \"sha256\",\n  \"files\": []\n}\n" {
		t.Errorf("empty manifest = %q, %v", empty.String(), err)
	}
	if err := WriteManifest(&empty, []Entry{{Path: "x", Size: -1, SHA256: sumA}}); err == nil {
		t.Error("WriteManifest accepted an unknown size")
	}
}

func TestReadManifestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		pos            diag.Position
	}{
		{"syntax", "{\n  \"algorithm\": \"sha256\",\n  \"files\": [,]\n}", "invalid character", diag.Position{File: "integrity.json", Line: 3, Col: 13}},
		{"type", "{\"files\": [{\"size\": \"big\"}]}", "size is not a number", diag.Position{File: "integrity.json", Line: 1, Col: 12}},
		{"algorithm", `{"algorithm":"md5","files":[]}`, `"md5"`, diag.Position{File: "integrity.json", Line: 1, Col: 14}},
		{"path", `{"algorithm":"sha256","files":[{"path":"../x","size":1,"sha256":"` + sumA + `"}]}`, "files[0]", diag.Position{File: "integrity.json", Line: 1, Col: 32}},
		{"dup", `{"algorithm":"sha256","files":[{"path":"x","size":1,"sha256":"` + sumA + `"},{"path":"x","size":1,"sha256":"` + sumA + `"}]}`, "listed twice", diag.Position{File: "integrity.json", Line: 1, Col: 130}},
		{"digest", `{"algorithm":"sha256","files":[{"path":"x","size":1,"sha256":"abc"}]}`, "invalid SHA-256", diag.Position{File: "integrity.json", Line: 1, Col: 32}},
		{"size", `{"algorithm":"sha256","files":[{"path":"x","size":-1,"sha256":"` + sumA + `"}]}`, "negative size", diag.Position{File: "integrity.json", Line: 1, Col: 32}},
		{"fraction", `{"algorithm":"sha256","files":[{"path":"x","size":1.5,"sha256":"` + sumA + `"}]}`, "not a whole number", diag.Position{File: "integrity.json", Line: 1, Col: 32}},
		{"not an object", "{\"algorithm\":\"sha256\",\"files\":[\n  [\"x\"]]}", "files[0]: not an object", diag.Position{File: "integrity.json", Line: 2, Col: 3}},
		{"no algorithm", "\n {\"files\":[]}", `no "algorithm"`, diag.Position{File: "integrity.json", Line: 2, Col: 2}},
		{"missing colon", "{\n  \"algorithm\" \"sha256\"}", "after object key", diag.Position{File: "integrity.json", Line: 2, Col: 15}},
		{"bad literal", "{\"files\": [{\"size\": 1,\n  \"path\": tru}]}", "invalid character", diag.Position{File: "integrity.json", Line: 2, Col: 11}},
		{"truncated", "{\"algorithm\":\"sha256\",\n\"files\":[", "ends too early", diag.Position{File: "integrity.json", Line: 2, Col: 10}},
		{"two values", `{"algorithm":"sha256","files":[]} {}`, "more than one JSON value", diag.Position{File: "integrity.json", Line: 1, Col: 35}},
		{"deep", `{"x":` + strings.Repeat("[", 100), "nested more than 64 deep", diag.Position{File: "integrity.json", Line: 1, Col: 70}},
		{"files not a list", `{"algorithm":"sha256","files":{}}`, `"files" is not a list`, diag.Position{File: "integrity.json", Line: 1, Col: 31}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadManifest("integrity.json", strings.NewReader(tc.in))
			var d diag.Diagnostic
			if !errors.As(err, &d) || !strings.Contains(d.Message, tc.want) {
				t.Fatalf("err = %v, want a diagnostic containing %q", err, tc.want)
			}
			if d.Pos.File != tc.pos.File || d.Pos.Line != tc.pos.Line || (tc.pos.Col != 0 && d.Pos.Col != tc.pos.Col) {
				t.Errorf("position %s, want %s", d.Pos, tc.pos)
			}
		})
	}
}
