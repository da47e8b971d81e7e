package integrity

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

var (
	sumA = strings.Repeat("a", 64)
	sumB = strings.Repeat("b", 64)
)

func TestWriteSums(t *testing.T) {
	entries := []Entry{
		{Path: "z.txt", SHA256: sumA},
		{Path: "dir/file name.tar.gz", SHA256: sumB},
		{Path: `odd\name` + "\n" + "x\r", SHA256: strings.ToUpper(sumA)},
	}
	var b bytes.Buffer
	if err := WriteSums(&b, entries); err != nil {
		t.Fatal(err)
	}
	want := sumB + "  dir/file name.tar.gz\n" +
		`\` + sumA + `  odd\\name\nx\r` + "\n" +
		sumA + "  z.txt\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteSums (-want +got):\n%s", diff)
	}

	got, err := ParseSums("SHA256SUMS", &b)
	if err != nil {
		t.Fatal(err)
	}
	wantEntries := sortEntries(entries)
	for i := range wantEntries {
		wantEntries[i].Size = -1
		wantEntries[i].SHA256 = strings.ToLower(wantEntries[i].SHA256)
	}
	if diff := cmp.Diff(wantEntries, got); diff != "" {
		t.Errorf("ParseSums(WriteSums) round trip (-want +got):\n%s", diff)
	}
}

func TestWriteSumsRefuses(t *testing.T) {
	for _, e := range []Entry{
		{Path: "../x", SHA256: sumA},
		{Path: "", SHA256: sumA},
		{Path: "x", SHA256: "abc"},
	} {
		if err := WriteSums(&bytes.Buffer{}, []Entry{e}); err == nil {
			t.Errorf("WriteSums(%+v) succeeded", e)
		}
	}
}

func TestSidecar(t *testing.T) {
	got := string(Sidecar(Entry{Path: "downloads/app 1.0.tar.gz", SHA256: sumA}))
	if want := sumA + "  app 1.0.tar.gz\n"; got != want {
		t.Errorf("Sidecar = %q, want %q", got, want)
	}
}

func TestParseSumsAccepts(t *testing.T) {
	in := strings.Join([]string{
		sumA + "  text mode.txt",
		strings.ToUpper(sumB) + " *binary.bin",
		"",
		sumA + "  crlf.txt\r",
		`\` + sumB + `  a\\b\nc`,
		sumA + "   leading space kept",
	}, "\n")
	got, err := ParseSums("SHA256SUMS", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"text mode.txt", -1, sumA},
		{"binary.bin", -1, sumB},
		{"crlf.txt", -1, sumA},
		{"a\\b\nc", -1, sumB},
		{" leading space kept", -1, sumA},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseSums (-want +got):\n%s", diff)
	}
}

func TestParseSumsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		line     int
		col      int
		code     string
	}{
		{"no digest", "hello  x\n", 1, 1, "sums-digest"},
		{"short digest", sumA + "  ok\n" + sumA[:10] + "  x\n", 2, 11, "sums-digest"},
		{"long digest", sumA + "a  x\n", 1, 65, "sums-digest"},
		{"one space", sumA + " x\n", 1, 65, "sums-separator"},
		{"tab", sumA + "\tx\n", 1, 65, "sums-separator"},
		{"no name", sumA + "\n", 1, 65, "sums-separator"},
		{"empty name", sumA + "  \n", 1, 67, "sums-path"},
		{"dotdot", sumA + "  ok\n" + sumB + "  ../../etc/passwd\n", 2, 67, "sums-path"},
		{"dotdot inside", sumA + "  a/../../x\n", 1, 67, "sums-path"},
		{"absolute", "\n\n" + sumA + "  /etc/passwd\n", 3, 67, "sums-path"},
		{"escaped dotdot", `\` + sumA + `  ..\\x/../..` + "\n", 1, 68, "sums-path"},
		{"bad escape", `\` + sumA + `  日本\t` + "\n", 1, 70, "sums-escape"},
		{"lone backslash", `\` + sumA + `  x\` + "\n", 1, 69, "sums-escape"},
		{"duplicate", sumA + "  x\n" + sumB + "  x\n", 2, 67, "sums-duplicate"},
		{"tagged", "SHA256 (x) = " + sumA + "\n", 1, 1, "sums-tagged"},
		{"too long", sumA + "  " + strings.Repeat("x", maxSumsLine) + "\n", 1, 1, "sums-read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSums("public/SHA256SUMS", strings.NewReader(tc.in))
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("ParseSums error = %v, want a diag.Diagnostic", err)
			}
			want := diag.Position{File: "public/SHA256SUMS", Line: tc.line, Col: tc.col}
			if d.Pos != want || d.Code != tc.code {
				t.Errorf("got %s [%s], want position %s and code %s", d, d.Code, want, tc.code)
			}
			if d.Hint == "" && tc.code != "sums-read" {
				t.Errorf("diagnostic %s has no hint", d)
			}
		})
	}
}

func TestParseSumsReportsEveryLine(t *testing.T) {
	in := "bad\n" + sumA + "  ok\nworse\n"
	_, err := ParseSums("SHA256SUMS", strings.NewReader(in))
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		lines = append(lines, e.(diag.Diagnostic).Pos.Line)
	}
	if diff := cmp.Diff([]int{1, 3}, lines); diff != "" {
		t.Errorf("lines with errors (-want +got):\n%s", diff)
	}
}

// TestSha256sumCheck writes a tree, its SHA256SUMS and sidecars, and runs the
// real GNU sha256sum -c on them.
func TestSha256sumCheck(t *testing.T) {
	bin := testenv.NeedTool(t, "sha256sum")
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                 "<html></html>\n",
		"downloads/app 2.3.1.tar.gz": "binary\x00data",
		"資料/セキュリティ報告書 2026.pdf":      "%PDF-1.7",
		"sbom/acme-gateway.cdx.json": "{}",
		`odd/back\slash.txt`:         "b",
		"odd/new\nline.txt":          "n",
		"odd/carriage\rreturn.txt":   "r",
		"odd/  leading spaces.txt":   "s",
		"downloads/日本語 ファイル 名.zip":   "z",
	}
	writeTree(t, dir, files)
	entries, err := Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	var sums bytes.Buffer
	if err := WriteSums(&sums, entries); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"SHA256SUMS": sums.String()})
	for _, e := range entries {
		writeTree(t, dir, map[string]string{e.Path + ".sha256": string(Sidecar(e))})
	}

	run := func(wd string, args ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"--strict", "-c"}, args...)...)
		cmd.Dir = wd
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(dir, "SHA256SUMS"); err != nil {
		t.Fatalf("sha256sum -c SHA256SUMS: %v\n%s", err, out)
	}
	for _, e := range entries {
		if out, err := run(filepath.Join(dir, filepath.FromSlash(path.Dir(e.Path))), path.Base(e.Path)+".sha256"); err != nil {
			t.Errorf("sha256sum -c %s.sha256: %v\n%s", e.Path, err, out)
		}
	}

	// The check must fail once a file changes, or the passes above prove nothing.
	writeTree(t, dir, map[string]string{"資料/セキュリティ報告書 2026.pdf": "%PDF-1.8"})
	if out, err := run(dir, "SHA256SUMS"); err == nil {
		t.Errorf("sha256sum -c passed after a file changed:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "odd", "new\nline.txt.sha256")); err != nil {
		t.Error(err)
	}
}
