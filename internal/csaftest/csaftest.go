// Package csaftest holds what tests of evident's CSAF output share: the reference
// implementation of the CSAF 2.0 mandatory tests, run with node, and throwaway OpenPGP
// keys. It is for tests only.
//
// The mandatory tests come from the npm package @secvisogram/csaf-validator-lib,
// installed outside the repository (.ci/run does it):
//
//	npm install --prefix DIR @secvisogram/csaf-validator-lib@2.0.10
//	EVIDENT_CSAF_VALIDATOR=DIR/node_modules/@secvisogram/csaf-validator-lib
//
// Without the variable (or without node) a test skips, or fails when
// EVIDENT_REQUIRE_TOOLS=1 (internal/testenv).
package csaftest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/testenv"
)

// ValidatorVar names the folder of @secvisogram/csaf-validator-lib.
const ValidatorVar = "EVIDENT_CSAF_VALIDATOR"

//go:embed validate.mjs
var script []byte

// Result is what the reference implementation says of one document.
type Result struct {
	File        string    `json:"file"`
	Valid       bool      `json:"valid"`       // the schema and every mandatory test pass
	Mandatory   []Finding `json:"mandatory"`   // what the schema and mandatory tests found
	Recommended []Finding `json:"recommended"` // what the recommended tests (section 6.2) found
}

// Finding is one error, warning or info of a test.
type Finding struct {
	Test    string `json:"test"` // "mandatoryTest_6_1_1", "csaf_2_0_strict"
	Type    string `json:"type"` // errors | warnings | infos
	Message string `json:"message"`
	Path    string `json:"path"` // JSON pointer into the document
}

// Validate runs the strict schema test and the mandatory tests of CSAF 2.0 over the
// documents (file paths) with node, and their recommended tests, and returns what they
// found. It skips t when node or the library is missing (fails it with
// EVIDENT_REQUIRE_TOOLS=1).
func Validate(t testing.TB, files ...string) []Result {
	t.Helper()
	node := testenv.NeedTool(t, "node")
	lib := os.Getenv(ValidatorVar)
	if lib == "" {
		testenv.Missing(t, "%s is not set: npm install --prefix DIR @secvisogram/csaf-validator-lib@2.0.10 and set it to DIR/node_modules/@secvisogram/csaf-validator-lib", ValidatorVar)
	}
	if _, err := os.Stat(filepath.Join(lib, "validateStrict.js")); err != nil {
		testenv.Missing(t, "%s=%s has no csaf-validator-lib: %v", ValidatorVar, lib, err)
	}
	mjs := filepath.Join(t.TempDir(), "validate.mjs")
	if err := os.WriteFile(mjs, script, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node, append([]string{mjs, lib}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", mjs, err, stderr.Bytes())
	}
	var out []Result
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node %s: %v\n%s", mjs, err, stdout.Bytes())
	}
	return out
}

// Check runs Validate and Report.
func Check(t testing.TB, files ...string) {
	t.Helper()
	Report(t, Validate(t, files...))
}

// Report fails t for every document that fails a mandatory test, and logs what each
// test found, the recommended ones' included.
func Report(t testing.TB, results []Result) {
	t.Helper()
	for _, r := range results {
		for _, f := range r.Recommended {
			t.Logf("%s: recommended %s %s: %s (%s)", filepath.Base(r.File), f.Test, f.Type, f.Message, f.Path)
		}
		for _, f := range r.Mandatory {
			t.Logf("%s: mandatory %s %s: %s (%s)", filepath.Base(r.File), f.Test, f.Type, f.Message, f.Path)
		}
		if !r.Valid {
			t.Errorf("%s fails the CSAF 2.0 mandatory tests (see the log)", r.File)
		}
	}
}
