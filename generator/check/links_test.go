package check

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/internal/sitetest"
	"github.com/evident-dev/evident/internal/testenv"
)

const linkSite = `
-- evident.toml --
title = "t"
languages = ["en"]
catalogs = ["cip"]
-- content/evidence/ok.md --
+++
title = "Fine"
requirements = ["(1)-2"]
status = "implemented"
reviewed = 2026-08-21
+++
-- other/inside.txt --
inside
-- static/x.txt --
x
`

// errorsOf runs the check with a deadline (a named pipe must never block it) and returns
// its errors and warnings as "position code".
func errorsOf(t *testing.T, root string) []string {
	t.Helper()
	done := make(chan *Result, 1)
	go func() { done <- Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)}) }()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the check did not finish")
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Severity.String() != "notice" {
			got = append(got, d.Pos.String()+" "+d.Severity.String()+" "+d.Code)
		}
	}
	slices.Sort(got)
	return got
}

func link(t *testing.T, target, at string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(at), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, at); err != nil {
		testenv.Missing(t, "no symlinks here: %v", err)
	}
}

// TestLinksInsideLinkedFolders: a symlink out of the site is found also in a folder that
// a symlink inside the site leads to, and links in a loop end.
func TestLinksInsideLinkedFolders(t *testing.T) {
	root := sitetest.Unpack(t, linkSite)
	outside := t.TempDir()
	link(t, "../other", filepath.Join(root, "static", "a"))
	link(t, "/", filepath.Join(root, "other", "root"))
	link(t, outside, filepath.Join(root, "other", "deeper", "out"))
	link(t, "..", filepath.Join(root, "other", "up")) // back to the site root: a loop through static/a
	link(t, "../static", filepath.Join(root, "static", "loop"))
	want := []string{
		"static/a/deeper/out error path-escapes",
		"static/a/root error path-escapes",
		"static/a warning symlink-folder",
		"static/loop warning symlink-folder",
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, errorsOf(t, root)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestSpecialFiles: a named pipe in a folder Hugo reads, as evidence, or behind a symlink
// is an error naming it, and the check does not wait on it.
func TestSpecialFiles(t *testing.T) {
	root := sitetest.Unpack(t, linkSite)
	for _, p := range []string{"static/pipe", "content/evidence/pipe.md", "other/pipe"} {
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(p)), 0o644); err != nil {
			testenv.Missing(t, "no named pipes here: %v", err)
		}
	}
	link(t, "../../other/pipe", filepath.Join(root, "layouts", "partials", "p.html"))
	want := []string{
		"content/evidence/pipe.md error special-file",
		"layouts/partials/p.html error special-file",
		"static/pipe error special-file",
	}
	if diff := cmp.Diff(want, errorsOf(t, root)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
