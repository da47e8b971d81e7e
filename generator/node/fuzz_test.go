package node

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/evident-dev/evident/generator/diag"
)

// checkDiagnostics is the property every parser of user input must keep: no panic
// (which recoverInto would report as an internal error) and a position on every problem.
func checkDiagnostics(t *testing.T, file string, root *Node, diags diag.List) {
	t.Helper()
	if root == nil {
		t.Fatal("nil root")
	}
	for _, d := range diags {
		if d.Pos.File != file || d.Pos.Line < 1 || d.Pos.Col < 1 {
			t.Errorf("diagnostic without a position: %#v", d)
		}
		if strings.Contains(d.Message, "internal error") {
			t.Errorf("panic: %s", d.Message)
		}
	}
}

// agree compares our reading of data with the decoder's, which is the reference for what
// is valid TOML and what it means. We allow a byte order mark, and we also reject what
// breaks the table rules that the decoder leaves unchecked, as duplicate keys.
func agree(data []byte, root *Node, diags diag.List) string {
	want, err := decode(bytes.TrimPrefix(data, bom))
	switch {
	case err != nil && len(diags) == 0:
		return fmt.Sprintf("the decoder rejects (%v), we accept", err)
	case err == nil && len(diags) > 0:
		for _, d := range diags {
			if d.Code != "duplicate-key" {
				return fmt.Sprintf("the decoder accepts, we report %v", diags)
			}
		}
	case err == nil:
		if diff := cmp.Diff(want, plain(root), cmpopts.EquateNaNs()); diff != "" {
			return "(-decoder +ours):\n" + diff
		}
	}
	return ""
}

func FuzzParseTOML(f *testing.F) {
	f.Add([]byte(positionsTOML))
	f.Add([]byte("[a.b]\nx = [1, {y = 2}]\n[[c]]\n"))
	f.Add([]byte("a = 2026-10-01\nb = 07:30\nc = 1979-05-27 07:32:00Z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, diags := ParseTOML("f.toml", data)
		checkDiagnostics(t, "f.toml", root, diags)
		if err := agree(data, root, diags); err != "" {
			t.Fatal(err)
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte(positionsYAML))
	f.Add([]byte("a: &a [x, *a]\n"))
	f.Add([]byte("- {a: 1}\n- [b, 'c']\n- |\n  text\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, diags := ParseYAML("f.yaml", data)
		checkDiagnostics(t, "f.yaml", root, diags)
	})
}
