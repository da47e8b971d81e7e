package advisory

import "testing"

// The file names of CSAF 2.0 section 5.1, with its examples.
func TestFileName(t *testing.T) {
	for id, want := range map[string]string{
		"ACME-SA-2026-001":              "acme-sa-2026-001",
		"Example Company - 2019-YH3234": "example_company_-_2019-yh3234", // 5.1
		"RHBA-2019:0024":                "rhba-2019_0024",                // 5.1
		"cisco-sa-20190513-secureboot":  "cisco-sa-20190513-secureboot",
		"ACME/SA 2026::001":             "acme_sa_2026_001",
		"a+b--c":                        "a+b--c",
		"ÄÖÜ-1":                         "_-1",
		"  x  ":                         "_x_",
	} {
		if got := FileName(id); got != want {
			t.Errorf("FileName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestIsAdvisoryFile(t *testing.T) {
	for p, want := range map[string]bool{
		"content/advisories/acme-sa-2026-001.md":    true,
		"content/advisories/acme-sa-2026-001.en.md": true,
		"content/advisories/_index.md":              false,
		"content/advisories/_index.en.md":           false,
		"content/advisories/2026/acme.md":           false,
		"content/advisories/notes.txt":              false,
		"content/advisories/.md":                    false,
		"content/evidence/acme-sa-2026-001.md":      false,
		"content/advisories.md":                     false,
	} {
		if got := IsAdvisoryFile(p); got != want {
			t.Errorf("IsAdvisoryFile(%q) = %v, want %v", p, got, want)
		}
	}
}
