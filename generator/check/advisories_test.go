package check

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAdvisories checks what check gives the build of advisory files: one Advisory per
// file in the default language, sorted by slug, with its translations; translations in
// a language the site does not publish, or without an original, are left out.
func TestAdvisories(t *testing.T) {
	root, _ := unpack(t, "testdata/advisories.txtar")
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var slugs []string
	for _, a := range res.Advisories {
		slugs = append(slugs, a.Slug)
		if a.File.Name != a.Slug || a.File.Lang != "" {
			t.Errorf("%s: file %s in %q", a.Slug, a.File.Name, a.File.Lang)
		}
	}
	want := []string{"ex-sa-2026-001", "ex-sa-2026-002", "ex-sa-2026-003", "ex-sa-2026-004", "ex-sa-2026-006", "ex-sa-2026-007", "ex-sa-2026-008", "wrong-name"}
	if diff := cmp.Diff(want, slugs); diff != "" {
		t.Errorf("advisory slugs (-want +got):\n%s", diff)
	}
	first := res.Advisories[0]
	if tr := first.Translations["en"]; tr == nil || tr.Title.Value != "Cross-site scripting in the admin console" || len(first.Translations) != 1 {
		t.Errorf("translations of ex-sa-2026-001 = %v", first.Translations)
	}
	if id := first.File.ID.Value; id != "EX-SA-2026-001" {
		t.Errorf("ID = %q", id)
	}
}
