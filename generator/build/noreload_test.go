package build_test

import (
	"context"
	"github.com/evident-dev/evident/internal/sitetest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/preview"
)

var noReloadSite = sitetest.OneEvidence("")

// TestBuildHasNoReloadScript: the reload machinery of evident serve never reaches a
// published site, neither Hugo's livereload nor the preview's own script.
func TestBuildHasNoReloadScript(t *testing.T) {
	root := sitetest.Unpack(t, noReloadSite)
	dest := filepath.Join(t.TempDir(), "out")
	rep, err := build.Run(context.Background(), build.Options{Root: root, Destination: dest})
	if err != nil {
		if rep != nil && rep.Check != nil {
			t.Log(rep.Check.Diagnostics)
		}
		t.Fatal(err)
	}
	pages := 0
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		for _, bad := range []string{"livereload", preview.EventsPath, "EventSource", "data-evident-preview", "evident-problems"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 5 {
		t.Fatalf("only %d pages were built; the test looked at nothing", pages)
	}
}
