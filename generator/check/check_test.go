package check

import (
	"github.com/evident-dev/evident/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
)

// Each testdata/*.txtar is a site; its "want" file lists the diagnostics that are not
// notices, one per line as "position severity code", and optionally "notices N".
// SBOM documents named in a site are copied in from ../sbom/testdata.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no test sites")
	}
	for _, a := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(a), ".txtar"), func(t *testing.T) {
			root, want := unpack(t, a)
			res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
			var got []string
			notices := 0
			for _, d := range res.Diagnostics {
				if d.Severity == diag.Notice {
					notices++
					continue
				}
				got = append(got, d.Pos.String()+" "+d.Severity.String()+" "+d.Code)
			}
			var wantLines []string
			wantNotices := -1
			for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
				if n, ok := strings.CutPrefix(l, "notices "); ok {
					wantNotices = atoi(t, n)
				} else if l != "" {
					wantLines = append(wantLines, l)
				}
			}
			if diff := cmp.Diff(wantLines, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\nall:\n%v", diff, res.Diagnostics)
			}
			if wantNotices >= 0 && notices != wantNotices {
				t.Errorf("%d notices, want %d", notices, wantNotices)
			}
		})
	}
}

// unpack writes the site of a testdata archive into a new folder and returns it with the
// archive's "want" file. A file whose content is "copy NAME" gets ../sbom/testdata/NAME.
func unpack(t *testing.T, archive string) (root, want string) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	root = t.TempDir()
	for _, f := range ar.Files {
		data := f.Data
		if f.Name == "want" {
			want = string(data)
			continue
		}
		if from, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "copy "); ok {
			if data, err = os.ReadFile(filepath.Join("..", "sbom", "testdata", from)); err != nil {
				t.Fatal(err)
			}
		}
		sitetest.WriteFile(t, root, f.Name, data)
	}
	return root, want
}

func atoi(t *testing.T, s string) int {
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' {
			t.Fatalf("bad number %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// TestResult checks what a clean check gives the build: grouping, resolved items,
// staleness, SBOM summaries and coverage.
func TestResult(t *testing.T) {
	root, _ := unpack(t, "testdata/sbom.txtar")
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	if !res.OK(false) {
		t.Fatal(res.Diagnostics)
	}
	if len(res.Evidence) != 2 || res.Evidence[0].Slug != "provenance" || res.Evidence[1].Slug != "vex/response" {
		t.Fatalf("evidence = %v", res.Evidence)
	}
	prov := res.Evidence[0]
	if len(prov.Translations) != 1 || prov.Translations["en"] == nil {
		t.Errorf("translations of provenance = %v", prov.Translations)
	}
	if got := prov.Items[0].ID.String(); got != "S(2)-2.3" {
		t.Errorf("first item = %s", got)
	}
	s := res.SBOMs["sbom/gateway.cdx.json"]
	if s == nil || s.Format != "CycloneDX" || s.SpecVersion != "1.4" || s.Components == 0 {
		t.Errorf("SBOM summary = %+v", s)
	}
	if v := res.SBOMs["sbom/vex.cdx.json"]; v == nil || !v.VEX {
		t.Errorf("VEX summary = %+v", v)
	}
	item, _ := res.Catalogs.Resolve("S(2)-2.3", diag.Position{})
	if got := res.Matrix.Status(item, "gw"); got != model.Implemented {
		t.Errorf("S(2)-2.3 for gw = %s", got)
	}
}
