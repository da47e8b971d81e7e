package csaf

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evident-dev/evident/internal/csaftest"
)

// TestMandatoryTests: every document passes the strict schema test and the mandatory
// tests of CSAF 2.0 as the reference implementation runs them (the log has what the
// recommended tests say); a broken document fails them, so the harness can fail.
func TestMandatoryTests(t *testing.T) {
	dir := t.TempDir()
	files := mustFiles(t, testModel(t), nil)
	var paths []string
	for _, p := range documents(files) {
		f := filepath.Join(dir, strings.ReplaceAll(p, "/", "_"))
		if err := os.WriteFile(f, files[p], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, f)
	}
	// The same document with a product status naming a product the tree does not define
	// (mandatory test 6.1.1).
	var broken map[string]any
	if err := json.Unmarshal(files[documents(files)[0]], &broken); err != nil {
		t.Fatal(err)
	}
	v := broken["vulnerabilities"].([]any)[0].(map[string]any)
	v["product_status"].(map[string]any)["known_affected"] = []string{"no-such-product"}
	b, _ := json.Marshal(broken)
	brokenFile := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(brokenFile, b, 0o644); err != nil {
		t.Fatal(err)
	}

	res := csaftest.Validate(t, append(paths, brokenFile)...)
	if len(res) != len(paths)+1 {
		t.Fatalf("%d results for %d documents", len(res), len(paths)+1)
	}
	if last := res[len(res)-1]; last.Valid || !slices.ContainsFunc(last.Mandatory, func(f csaftest.Finding) bool { return f.Test == "mandatoryTest_6_1_1" }) {
		t.Errorf("a document with an undefined product passes mandatory test 6.1.1: %+v", last)
	}
	csaftest.Report(t, res[:len(paths)])
}
