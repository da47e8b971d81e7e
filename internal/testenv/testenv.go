// Package testenv decides what a test does when the machine lacks something it
// needs, such as a program on PATH: it skips, or it fails when the environment
// variable EVIDENT_REQUIRE_TOOLS is 1. CI sets it, so that a missing tool never
// turns a test into a silent skip there. It is for tests only.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// requireVar is the environment variable that turns a skip for a missing tool into a failure.
const requireVar = "EVIDENT_REQUIRE_TOOLS"

// required reports whether missing tools fail tests instead of skipping them.
func required() bool { return os.Getenv(requireVar) == "1" }

// Missing skips t because something it needs is missing, or fails it when
// EVIDENT_REQUIRE_TOOLS=1.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if required() {
		t.Fatalf("%s, and %s=1 makes this a failure", msg, requireVar)
		return
	}
	t.Skipf("%s (set %s=1 to make this a failure)", msg, requireVar)
}

// NeedTool returns the path of the program name on PATH, or skips t (fails it when
// EVIDENT_REQUIRE_TOOLS=1) when there is none.
func NeedTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not on PATH", name)
	}
	return p
}

// ToolCondition is the testscript condition [tool:NAME] (testscript.Params.Condition):
// true when NAME is on PATH, false when it is not, and an error, which fails the
// script, when it is not and EVIDENT_REQUIRE_TOOLS=1. Scripts use it instead of
// [exec:NAME] for the programs CI installs.
func ToolCondition(cond string) (bool, error) {
	name, ok := strings.CutPrefix(cond, "tool:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if _, err := exec.LookPath(name); err != nil {
		if required() {
			return false, fmt.Errorf("%s is not on PATH, and %s=1 makes this a failure", name, requireVar)
		}
		return false, nil
	}
	return true, nil
}
