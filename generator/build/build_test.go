package build

import (
	"bytes"
	"context"
	"github.com/evident-dev/evident/internal/sitetest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/links"
)

// asOf keeps staleness independent of the day the tests run.
var asOf = time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)

func build(t *testing.T, root, dest string) *Report {
	t.Helper()
	rep, err := Run(context.Background(), Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
	if err != nil {
		if rep != nil && rep.Check != nil {
			t.Log(rep.Check.Diagnostics)
		}
		t.Fatalf("build %s: %v", root, err)
	}
	return rep
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// copyDir copies a site into another folder, to build it from a different path.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	for rel, b := range tree(t, src) {
		sitetest.WriteFile(t, dst, rel, b)
	}
}

// TestDeterministic builds the example site twice, from two different folders, and
// compares every byte: no absolute path, no clock and no map order reaches the output.
func TestDeterministic(t *testing.T) {
	src, _ := filepath.Abs("../../examples/acme")
	other := filepath.Join(t.TempDir(), "elsewhere", "acme")
	copyDir(t, src, other)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	build(t, src, a)
	build(t, other, b)
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) < 300 {
		t.Fatalf("only %d files built", len(ta))
	}
	for name, x := range ta {
		if y, ok := tb[name]; !ok {
			t.Errorf("%s only in the first build", name)
		} else if !bytes.Equal(x, y) {
			t.Errorf("%s differs between builds", name)
		}
	}
	for name := range tb {
		if _, ok := ta[name]; !ok {
			t.Errorf("%s only in the second build", name)
		}
	}
	for name, x := range ta {
		if bytes.Contains(x, []byte(src)) || bytes.Contains(x, []byte(os.TempDir())) {
			t.Errorf("%s contains an absolute path of the build machine", name)
		}
	}
}

// TestExampleLinks builds the example site and checks every internal link and anchor.
func TestExampleLinks(t *testing.T) {
	for _, ex := range []string{"acme", "minimal"} {
		t.Run(ex, func(t *testing.T) {
			src, _ := filepath.Abs("../../examples/" + ex)
			out := filepath.Join(t.TempDir(), "public")
			rep := build(t, src, out)
			lr, err := links.Check(out, rep.Model.BaseURL)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range lr.Broken {
				t.Errorf("broken link: %s", b)
			}
			if lr.Links < 1000 && ex == "acme" {
				t.Errorf("only %d links checked on %d pages", lr.Links, lr.Pages)
			}
			t.Logf("%d links on %d pages", lr.Links, lr.Pages)
		})
	}
}

const hostile = `
-- evident.toml --
title = "<script>alert('title')</script>"
baseURL = "https://trust.example.com/"
languages = ["ja", "en"]
catalogs = ["cip"]
[organization]
name = "<script>alert('org')</script>"
url = "https://www.example.com/"
[declaration]
title = "<img src=x onerror=alert('decl')>"
version = "1\"><script>alert('v')</script>"
date = 2026-11-01
scope = "<script>alert('scope')</script>"
[[products]]
id = "p"
name = "<script>alert('product')</script>"
-- content/evidence/x.md --
+++
title = "<script>alert('evidence')</script>"
description = "<script>alert('description')</script>"
requirements = ["(1)-2"]
status = "implemented"
reviewed = 2026-10-01
owner = "<script>alert('owner')</script>"
[[artifacts]]
path = "artifacts/a.txt"
title = "<script>alert('artifact')</script>"
+++
<script>alert('body')</script>

<div onclick="alert('div')">raw html</div>

[click](javascript:alert('link'))

![img](javascript:alert('img'))
-- artifacts/a.txt --
a
`

// TestHostileInput puts <script> and javascript: URLs in every field; none comes out live.
func TestHostileInput(t *testing.T) {
	root := sitetest.Unpack(t, hostile)
	out := filepath.Join(t.TempDir(), "public")
	build(t, root, out)
	files := tree(t, out)
	page := string(files["evidence/x/index.html"])
	if !strings.Contains(page, "&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;") {
		t.Errorf("the title is not shown escaped on the evidence page")
	}
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		s := string(b)
		for _, bad := range []string{"<script>alert", "<img src=x onerror", `onclick="alert`, "javascript:alert"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q live", name, bad)
			}
		}
	}
}

// TestNoWriteIntoSite: a build writes nothing into the site folder but its output.
func TestNoWriteIntoSite(t *testing.T) {
	src, _ := filepath.Abs("../../examples/minimal")
	root := filepath.Join(t.TempDir(), "minimal")
	copyDir(t, src, root)
	before := tree(t, root)
	build(t, root, filepath.Join(root, "public"))
	after := tree(t, root)
	for name := range after {
		if _, ok := before[name]; !ok && !strings.HasPrefix(name, "public/") {
			t.Errorf("the build wrote %s into the site folder", name)
		}
	}
}
