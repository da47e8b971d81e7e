package check

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/diag"
)

// TestReleases checks what check gives the build of release files: one Release per
// product and version, sorted by key, with its translations, and the SBOMs it lists
// summarised with the evidence's.
func TestReleases(t *testing.T) {
	root, _ := unpack(t, "testdata/releases.txtar")
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var keys []string
	for _, r := range res.Releases {
		keys = append(keys, r.Key)
		if r.File.Product+"/"+r.File.Version != r.Key || r.File.Lang != "" {
			t.Errorf("%s: file %s/%s in %q", r.Key, r.File.Product, r.File.Version, r.File.Lang)
		}
	}
	if diff := cmp.Diff([]string{"gw/1.0.0", "gw/2.0.0-RC1", "svc/2026.10"}, keys); diff != "" {
		t.Errorf("release keys (-want +got):\n%s", diff)
	}
	if tr := res.Releases[0].Translations["en"]; tr == nil || tr.Title.Value != "One" || len(res.Releases[0].Translations) != 1 {
		t.Errorf("translations of gw/1.0.0 = %v", res.Releases[0].Translations)
	}
	if s := res.SBOMs["sbom/gw.cdx.json"]; s == nil || s.Format != "CycloneDX" {
		t.Errorf("SBOM summary = %+v", s)
	}
	if slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.Code == "release-no-sbom" }) {
		t.Errorf("an evidence SBOM for gw 1.0.0, or a service, still warns: %v", res.Diagnostics)
	}
}
