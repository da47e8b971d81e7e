package release

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
			for _, d := range diags {
				if d.Hint == "" {
					t.Errorf("%s: no hint", d.Error())
				}
			}
		})
	}
}

func TestParse(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, f := range ar.Files {
		if f.Name == "content/products/gw/releases/2.4.0.md" {
			data = f.Data
		}
	}
	f, diags := Parse("content/products/gw/releases/2.4.0.md", data)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if f.Product != "gw" || f.Version != "2.4.0" || f.Lang != "" || f.Format != "toml" {
		t.Errorf("file = %+v", f)
	}
	if !f.Date.Value.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) || f.Date.Pos.String() != "content/products/gw/releases/2.4.0.md:2:8" {
		t.Errorf("date = %+v", f.Date)
	}
	if f.VersionKey.Set() || f.EndOfSecurityFixes.Set() || !f.EndOfSupport.Set() {
		t.Errorf("version %+v, end of security fixes %+v, end of support %+v", f.VersionKey, f.EndOfSecurityFixes, f.EndOfSupport)
	}
	if len(f.SBOMs) != 1 || f.SBOMs[0].Path.Value != "sbom/gw-2.4.0.spdx.json" || len(f.Provenance) != 1 {
		t.Errorf("sboms %+v, provenance %+v", f.SBOMs, f.Provenance)
	}
	var names []string
	for _, d := range f.Downloads {
		names = append(names, d.FileName())
	}
	if diff := cmp.Diff([]string{"gw-2.4.0.ova", "gw-2.4.0-kvm.qcow2"}, names); diff != "" {
		t.Errorf("download names (-want +got):\n%s", diff)
	}
	if f.Body != "Release notes.\n" || f.BodyLine != 17 {
		t.Errorf("body %q at line %d", f.Body, f.BodyLine)
	}

	tr, diags := Parse("content/products/gw/releases/2.4.0.en.md", []byte("---\ntitle: x\n---\n"))
	if len(diags) > 0 || tr.Lang != "en" || tr.Version != "2.4.0" || tr.Format != "yaml" {
		t.Errorf("translation %+v: %v", tr, diags)
	}
}

func TestIsReleaseFile(t *testing.T) {
	for p, want := range map[string]bool{
		"content/products/gw/releases/2.4.0.md":     true,
		"content/products/gw/releases/2.4.0.en.md":  true,
		"content/products/gw/_index.md":             false,
		"content/products/gw/releases/_index.md":    false, // the list page's prose
		"content/products/gw/releases/_index.en.md": false,
		"content/products/gw/releases/x/2.4.0.md":   false,
		"content/products/gw/releases/notes.txt":    false,
		"content/products/releases/2.4.0.md":        false,
		"content/evidence/gw/releases/2.4.0.md":     false,
	} {
		if got := IsReleaseFile(p); got != want {
			t.Errorf("IsReleaseFile(%q) = %v, want %v", p, got, want)
		}
	}
}
