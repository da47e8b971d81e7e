package evidence

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/evident-dev/evident/generator/diag"
)

// format writes diagnostics one per line, as the .want files in testdata have them.
func format(diags diag.List) string {
	var sb strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&sb, "%s [%s] %s\n", d.Pos, d.Code, d.Message)
	}
	return sb.String()
}

// checkHints requires every diagnostic to say what to do.
func checkHints(t *testing.T, diags diag.List) {
	t.Helper()
	for _, d := range diags {
		if d.Hint == "" {
			t.Errorf("%s: no hint", d.Error())
		}
	}
}

func TestParseErrors(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".want"); ok {
			want[name] = string(f.Data)
		}
	}
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".md") {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			_, diags := Parse(f.Name, f.Data)
			diags.Sort()
			if diff := cmp.Diff(want[f.Name], format(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			checkHints(t, diags)
		})
	}
}

const tomlEvidence = `+++
title = "Hardened, reproducible release builds"
requirements = ["S(1)-2.2", "ssdf:PW.6.1"]
status = "implemented"          # implemented | partial | planned | not-applicable
products = ["acme-gateway"]
reviewed = 2026-10-01
owner = "Product Security"
description = "説明"
weight = 3
draft = false
[[artifacts]]
path = "artifacts/build-policy.pdf"
title = "方針"
[[sboms]]
path = "sbom/acme-gateway-2.3.1.cdx.json"
release = "2.3.1"
product = "acme-gateway"
+++
Free Markdown body.
`

const yamlEvidence = `---
title: Hardened, reproducible release builds
requirements:
  - S(1)-2.2
  - "ssdf:PW.6.1"
status: implemented # implemented | partial | planned | not-applicable
products: [acme-gateway]
reviewed: 2026-10-01
owner: Product Security
description: 説明
weight: 3
draft: false
artifacts:
  - path: artifacts/build-policy.pdf
    title: 方針
sboms:
  - {path: sbom/acme-gateway-2.3.1.cdx.json, release: "2.3.1", product: acme-gateway}
---
Free Markdown body.
`

func TestParseModel(t *testing.T) {
	const path = "content/evidence/Build/Hardened.md"
	got, diags := Parse(path, []byte(tomlEvidence))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	str := func(s string) Field[string] { return Field[string]{Value: s} }
	want := &File{
		Path: path, Slug: "build/hardened", Format: "toml",
		Title:        str("Hardened, reproducible release builds"),
		Requirements: []Field[string]{str("S(1)-2.2"), str("ssdf:PW.6.1")},
		Status:       Field[Status]{Value: Implemented},
		Products:     []Field[string]{str("acme-gateway")},
		Reviewed:     Field[time.Time]{Value: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		Owner:        str("Product Security"),
		Description:  str("説明"),
		Weight:       Field[int]{Value: 3},
		Draft:        Field[bool]{Value: false},
		Artifacts:    []Artifact{{Path: str("artifacts/build-policy.pdf"), Title: str("方針")}},
		SBOMs: []SBOM{{Path: str("sbom/acme-gateway-2.3.1.cdx.json"), Release: str("2.3.1"),
			Product: str("acme-gateway")}},
		Keys: map[string]diag.Position{"title": {}, "requirements": {}, "status": {}, "products": {},
			"reviewed": {}, "owner": {}, "description": {}, "weight": {}, "draft": {}, "artifacts": {}, "sboms": {}},
		BodyLine: 19,
	}
	ignorePos := cmpopts.IgnoreTypes(diag.Position{})
	if diff := cmp.Diff(want, got, ignorePos); diff != "" {
		t.Errorf("model (-want +got):\n%s", diff)
	}

	// YAML gives the same model for the same front matter.
	yml, diags := Parse(path, []byte(yamlEvidence))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want.Format = "yaml"
	if diff := cmp.Diff(want, yml, ignorePos); diff != "" {
		t.Errorf("YAML model (-want +got):\n%s", diff)
	}

	for _, c := range []struct {
		name      string
		pos, want string
	}{
		{"TOML requirements[1]", got.Requirements[1].Pos.String(), path + ":3:29"},
		{"TOML reviewed", got.Reviewed.Pos.String(), path + ":6:12"},
		{"TOML artifact table", got.Artifacts[0].Pos.String(), path + ":11:3"},
		{"TOML artifact path", got.Artifacts[0].Path.Pos.String(), path + ":12:8"},
		{"TOML key status", got.Keys["status"].String(), path + ":4:1"},
		{"YAML requirements[1]", yml.Requirements[1].Pos.String(), path + ":5:5"},
		{"YAML sbom release", yml.SBOMs[0].Release.Pos.String(), path + ":17:55"},
		{"YAML description", yml.Description.Pos.String(), path + ":10:14"},
	} {
		if c.pos != c.want {
			t.Errorf("%s at %s, want %s", c.name, c.pos, c.want)
		}
	}
}

func TestParseLineEndingsAndBOM(t *testing.T) {
	const path = "content/evidence/x.md"
	lf, _ := Parse(path, []byte(tomlEvidence))
	for name, data := range map[string]string{
		"CRLF":     strings.ReplaceAll(tomlEvidence, "\n", "\r\n"),
		"BOM":      "\uFEFF" + tomlEvidence,
		"BOM+CRLF": "\uFEFF" + strings.ReplaceAll(tomlEvidence, "\n", "\r\n"),
	} {
		got, diags := Parse(path, []byte(data))
		if len(diags) > 0 {
			t.Fatalf("%s: %v", name, diags)
		}
		// Every position is the same as with LF.
		if diff := cmp.Diff(lf, got); diff != "" {
			t.Errorf("%s (-LF +%s):\n%s", name, name, diff)
		}
		// The body, which release and advisory files keep, keeps its line endings.
		fm, _ := ReadFrontMatter(path, []byte(data))
		want := "Free Markdown body.\n"
		if strings.Contains(name, "CRLF") {
			want = "Free Markdown body.\r\n"
		}
		if fm == nil || fm.Body != want {
			t.Errorf("%s: body of %+v, want %q", name, fm, want)
		}
	}
	_, diags := Parse(path, []byte("\uFEFF+++\r\ntitle = \"題\" x\r\n+++\r\n"))
	if got := format(diags); got != path+":2:13 [syntax] TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead\n" {
		t.Errorf("CRLF syntax error: %s", got)
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		data, want string
	}{
		{"+++\ntitle = \"日本\xff\"\n+++\n", "content/evidence/x.md:2:12 [encoding] invalid UTF-8\n"},
		{"+++\ntitle = \"x\"\n+++\nbody\nこれは\xe3\x81\n", "content/evidence/x.md:5:4 [encoding] invalid UTF-8\n"},
	} {
		_, diags := Parse("content/evidence/x.md", []byte(c.data))
		if got := format(diags); got != c.want {
			t.Errorf("%q: got %q, want %q", c.data, got, c.want)
		}
		checkHints(t, diags)
	}
}

func TestLangOf(t *testing.T) {
	for _, c := range []struct{ name, base, lang string }{
		{"hardened.md", "hardened", ""},
		{"hardened.en.md", "hardened", "en"},
		{"hardened.EN.md", "hardened", "en"},
		{"hardened.zh-tw.md", "hardened", "zh-tw"},
		{"hardened.fil.md", "hardened", "fil"},
		{"v1.2.md", "v1.2", ""},
		{"hardened.builds.md", "hardened.builds", ""},
		{".en.md", ".en", ""},
	} {
		if base, lang := LangOf(c.name); base != c.base || lang != c.lang {
			t.Errorf("LangOf(%q) = %q, %q; want %q, %q", c.name, base, lang, c.base, c.lang)
		}
	}
	f, _ := Parse("content/evidence/Build/Hardened.ZH-TW.md", []byte(tomlEvidence))
	if f.Slug != "build/hardened" || f.Lang != "zh-tw" {
		t.Errorf("slug %q lang %q", f.Slug, f.Lang)
	}
}

// TestParseTarget: planned evidence may say when it is expected to be in place.
func TestParseTarget(t *testing.T) {
	const path = "content/evidence/x.md"
	for format, data := range map[string]string{
		"toml": "+++\ntitle = \"x\"\nrequirements = [\"(1)-1\"]\nstatus = \"planned\"\ntarget = 2027-03-31\n+++\n",
		"yaml": "---\ntitle: x\nrequirements: [\"(1)-1\"]\nstatus: planned\ntarget: 2027-03-31\n---\n",
	} {
		f, diags := Parse(path, []byte(data))
		if len(diags) > 0 {
			t.Fatalf("%s: %v", format, diags)
		}
		want := Field[time.Time]{time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), diag.Position{File: path, Line: 5, Col: 9}}
		if format == "toml" {
			want.Pos.Col = 10
		}
		if diff := cmp.Diff(want, f.Target); diff != "" {
			t.Errorf("%s target (-want +got):\n%s", format, diff)
		}
	}
}
