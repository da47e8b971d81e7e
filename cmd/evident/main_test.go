package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/evident-dev/evident/internal/testenv"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"evident": func() { os.Exit(run(os.Args[1:])) },
	})
}

// update rewrites the expected files of the scripts (cmp's second file, when it is in the
// archive) from what the commands print: go test ./cmd/evident -run TestScript/NAME -update.
// Read the diff before committing it; CI never updates.
var update = flag.Bool("update", false, "rewrite the scripts' expected output")

// TestScript runs the CLI as a user does: testdata/script/*.txtar.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		// [tool:NAME]: NAME is on PATH; a script fails instead when it is not and
		// EVIDENT_REQUIRE_TOOLS=1 (CI).
		Condition: testenv.ToolCondition,
		Cmds:      map[string]func(*testscript.TestScript, bool, []string){"oscal-valid": cmdOSCALValid, "httpserve": cmdHTTPServe},
		Setup: func(env *testscript.Env) error {
			// Repository files some scripts copy in (example sites, SBOM test data).
			repo, err := filepath.Abs("../..")
			if err != nil {
				return err
			}
			env.Setenv("REPO", repo)
			env.Setenv("SOURCE_DATE_EPOCH", "1795046400") // 2026-11-19
			return nil
		},
	})
}
