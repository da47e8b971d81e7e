package site_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/site"
	"github.com/evident-dev/evident/internal/sitetest"
)

var asOf = time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)

// input checks the site at root and returns what Render needs.
func input(t *testing.T, root string) site.Input {
	t.Helper()
	res := check.Run(root, check.Options{AsOf: asOf})
	if !res.OK(false) {
		t.Fatalf("check %s: %v", root, res.Diagnostics)
	}
	in, err := build.Prepare(res, "evident test")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// renderWithin renders in into dest and fails the test if Render has not returned
// after d.
func renderWithin(t *testing.T, ctx context.Context, in site.Input, dest string, d time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- site.Render(ctx, in, afero.NewOsFs(), dest, nil) }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("Render has not returned after %v", d.Round(time.Second))
		return nil
	}
}

// brokenLayout is a site whose head partial, used by every page, calls a partial that
// does not exist: every page fails.
const brokenLayout = `
-- evident.toml --
title = "Broken"
baseURL = "https://trust.example.org/"
languages = ["en"]
catalogs = ["cip"]

[organization]
name = "Example Co."
url = "https://www.example.org/"
contact = "security@example.org"

[declaration]
title = "Self-declaration"
version = "2026.1"
date = 2026-10-01
scope = "Everything"
-- content/evidence/code-review.md --
+++
title = "Every change is reviewed"
requirements = ["S(1)-2.3", "S(1)-2.4"]
status = "implemented"
reviewed = 2026-09-15
owner = "Engineering"
+++
Every pull request is reviewed.
-- layouts/_partials/head.html --
{{ partial "nonexistent" . }}
`

// TestBrokenLayoutFails: a layout that fails on every page makes Render fail, with the
// template named, and never hang (Hugo v0.165.0 could deadlock there; see stuck).
func TestBrokenLayoutFails(t *testing.T) {
	in := input(t, sitetest.Unpack(t, brokenLayout))
	deadline := time.Now().Add(60 * time.Second)
	for i := range 20 {
		err := renderWithin(t, context.Background(), in, filepath.Join(t.TempDir(), "public"), time.Until(deadline))
		var re site.RenderError
		if !errors.As(err, &re) {
			t.Fatalf("run %d: Render = %v, want a RenderError", i, err)
		}
		if !strings.Contains(err.Error(), "layouts/_partials/head.html") {
			t.Errorf("run %d: the error does not name the broken partial:\n%v", i, err)
		}
	}
}

// TestBrokenLayoutFailsInPreview: the preview fails the same way, from scratch and in
// a partial rebuild after a good render, and keeps serving the last good output.
func TestBrokenLayoutFailsInPreview(t *testing.T) {
	root := sitetest.Unpack(t, brokenLayout)
	head := filepath.Join(root, "layouts", "_partials", "head.html")
	broken, err := os.ReadFile(head)
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, root)
	live, err := site.NewLive(root, "http://127.0.0.1:1414/", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	deadline := time.Now().Add(60 * time.Second)
	update := func(what string, events []fsnotify.Event, full bool) error {
		t.Helper()
		done := make(chan error, 1)
		go func() {
			_, err := live.Update(in, events, full, nil)
			done <- err
		}()
		select {
		case err := <-done:
			return err
		case <-time.After(time.Until(deadline)):
			t.Fatalf("%s: Update has not returned after 60s", what)
			return nil
		}
	}
	for i := range 10 {
		if err := update("broken", nil, true); !strings.Contains(fmt.Sprint(err), "layouts/_partials/head.html") {
			t.Fatalf("run %d, from scratch: Update = %v, want the broken partial named", i, err)
		}
	}
	for i := range 10 {
		sitetest.WriteFile(t, root, "layouts/_partials/head.html", []byte("<title>fixed</title>\n"))
		if err := update("fixed", []fsnotify.Event{{Name: head, Op: fsnotify.Write}}, false); err != nil {
			t.Fatalf("run %d, fixed: %v", i, err)
		}
		sitetest.WriteFile(t, root, "layouts/_partials/head.html", broken)
		err := update("broken again", []fsnotify.Event{{Name: head, Op: fsnotify.Write}}, false)
		if !strings.Contains(fmt.Sprint(err), "layouts/_partials/head.html") {
			t.Fatalf("run %d, partial rebuild: Update = %v, want the broken partial named", i, err)
		}
		live.View(func(fsys http.FileSystem) {
			if fsys == nil {
				t.Fatalf("run %d: the last good output is no longer served", i)
			}
		})
	}
}

// bigSite is a site with n evidence pages, large enough that its render takes a while.
func bigSite(t *testing.T, n int) string {
	t.Helper()
	root := sitetest.Unpack(t, brokenLayout)
	if err := os.RemoveAll(filepath.Join(root, "layouts")); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		sitetest.WriteFile(t, root, fmt.Sprintf("content/evidence/e%04d.md", i), fmt.Appendf(nil, `+++
title = "Evidence %d"
requirements = ["S(1)-2.3"]
status = "implemented"
reviewed = 2026-09-15
owner = "Engineering"
+++
Body of evidence %d, with **some** Markdown.
`, i, i))
	}
	return root
}

// TestBigSiteRenders: a render whose page workers are all busy for a long while is
// not taken for a stuck one (see TestBrokenLayoutFails).
func TestBigSiteRenders(t *testing.T) {
	in := input(t, bigSite(t, 1500))
	if err := renderWithin(t, context.Background(), in, filepath.Join(t.TempDir(), "public"), 5*time.Minute); err != nil {
		t.Fatal(err)
	}
}

// TestRenderCancelled: a render cancelled while Hugo writes pages returns an error
// wrapping ctx.Err() at once, and writes nothing more into its destination.
func TestRenderCancelled(t *testing.T) {
	in := input(t, bigSite(t, 1500))
	dest := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel as soon as Hugo has published its first file.
	go func() {
		for ctx.Err() == nil {
			if _, err := os.Stat(dest); err == nil {
				cancel()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	err := renderWithin(t, ctx, in, dest, 60*time.Second)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Render = %v, want an error wrapping context.Canceled", err)
	}
	// The caller removes what was written; the render, given up, must not write again.
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the cancelled render wrote into %s after Render returned (Stat: %v)", dest, err)
	}
}

// TestRenderCancelledBefore: a context cancelled before Render starts renders nothing.
func TestRenderCancelledBefore(t *testing.T) {
	in := input(t, sitetest.Unpack(t, strings.Replace(brokenLayout, "layouts/_partials/head.html", "layouts/_partials/unused.html", 1)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dest := filepath.Join(t.TempDir(), "public")
	if err := renderWithin(t, ctx, in, dest, 60*time.Second); !errors.Is(err, context.Canceled) {
		t.Fatalf("Render = %v, want an error wrapping context.Canceled", err)
	}
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Render wrote %s (Stat: %v)", dest, err)
	}
}
