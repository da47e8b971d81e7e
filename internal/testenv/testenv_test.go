package testenv

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// recorder is a testing.TB that records a skip or a failure instead of acting on it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Skipf(format string, args ...any)  { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no programs at all
	for _, tc := range []struct {
		env        string
		skip, fail bool
	}{
		{env: "", skip: true},
		{env: "0", skip: true},
		{env: "1", fail: true},
	} {
		t.Setenv(requireVar, tc.env)
		r := &recorder{TB: t}
		NeedTool(r, "sha256sum")
		if (r.skipped != "") != tc.skip || (r.failed != "") != tc.fail {
			t.Errorf("%s=%q: skipped %q, failed %q", requireVar, tc.env, r.skipped, r.failed)
		}
		if msg := r.skipped + r.failed; !strings.Contains(msg, "sha256sum is not on PATH") || !strings.Contains(msg, requireVar+"=1") {
			t.Errorf("%s=%q: message %q does not say what is missing and how to require it", requireVar, tc.env, msg)
		}

		ok, err := ToolCondition("tool:sha256sum")
		if ok || (err != nil) != tc.fail {
			t.Errorf("%s=%q: [tool:sha256sum] = %v, %v", requireVar, tc.env, ok, err)
		}
	}
}

func TestToolPresent(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "some-tool"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv(requireVar, "1")
	r := &recorder{TB: t}
	if p := NeedTool(r, "some-tool"); p != filepath.Join(dir, "some-tool") || r.skipped != "" || r.failed != "" {
		t.Errorf("NeedTool = %q; skipped %q, failed %q", p, r.skipped, r.failed)
	}
	if ok, err := ToolCondition("tool:some-tool"); !ok || err != nil {
		t.Errorf("[tool:some-tool] = %v, %v", ok, err)
	}
}

// TestNoBypass: tests look for programs through this package, so that CI's
// EVIDENT_REQUIRE_TOOLS=1 covers them all. A test that calls exec.LookPath itself,
// or a script that uses [exec:NAME], would skip silently on CI.
func TestNoBypass(t *testing.T) {
	// Programs that are not the machine's tools: the browser tests have their own
	// variable (EVIDENT_BROWSER_TESTS=1), and the CLI tests find the test binary.
	allowed := map[string]bool{
		"browsertest/browser_test.go":      true,
		"cmd/evident/interrupt_test.go":    true,
		"internal/testenv/testenv.go":      true,
		"internal/testenv/testenv_test.go": true,
	}
	lookPath := regexp.MustCompile(`exec\.LookPath\(`)
	execCond := regexp.MustCompile(`(?m)^\s*\[!?exec:[^\]]*\]`)
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		isScript := strings.HasSuffix(rel, ".txtar") && strings.Contains(rel, "testdata/script/")
		if !strings.HasSuffix(rel, "_test.go") && !isScript || allowed[rel] {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checked++
		if lookPath.Match(b) {
			t.Errorf("%s calls exec.LookPath; use testenv.NeedTool, which fails instead of skipping when %s=1", rel, requireVar)
		}
		if isScript && execCond.Match(b) {
			t.Errorf("%s uses an [exec:NAME] condition; use [tool:NAME], which fails instead of skipping when %s=1", rel, requireVar)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked only %d files", checked)
	}
}
