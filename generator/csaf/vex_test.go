package csaf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evident-dev/evident/generator/model"
)

// schema compiles a JSON schema of testdata (with the schemas it refers to, each under
// its $id), asserting formats.
func schema(t *testing.T, main string, files ...string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	var id string
	for _, f := range append([]string{main}, files...) {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		u := doc.(map[string]any)["$id"].(string)
		if f == main {
			id = u
		}
		if err := c.AddResource(u, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, name string, b []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

// TestVEX: each release an advisory names has a CycloneDX 1.6 and an OpenVEX 0.2.0
// document, valid against their JSON schemas (vendored in testdata with their licences),
// whose statements say what the advisories say of it; the release's VEX gives their
// paths and digests; other releases have none.
func TestVEX(t *testing.T) {
	m := testModel(t)
	files := mustFiles(t, m, nil)
	cdxSchema := schema(t, "cyclonedx/bom-1.6.schema.json", "cyclonedx/spdx.schema.json", "cyclonedx/jsf-0.82.schema.json")
	vexSchema := schema(t, "openvex/openvex_json_schema.json")

	var named []string
	for key, r := range m.Releases {
		if r.VEX == nil {
			continue
		}
		named = append(named, key)
		for _, f := range []model.File{r.VEX.CycloneDX, r.VEX.OpenVEX} {
			b, ok := files[f.Path]
			if d := digested(m, f.Path, b); !ok || f.Size != d.Size || f.SHA256 != d.SHA256 {
				t.Errorf("%s: VEX file %+v is not the published one", key, f)
			}
			if want := strings.TrimSuffix(m.BaseURL, "/") + "/" + f.Path; f.URL != want {
				t.Errorf("%s: VEX file %s has URL %q, want %q", key, f.Path, f.URL, want)
			}
		}
		if r.VEX.Release != key || r.VEX.CycloneDX.Path != "vex/"+r.Product+"/"+r.Version+".cdx.json" {
			t.Errorf("%s: VEX %+v", key, r.VEX)
		}
		validate(t, cdxSchema, r.VEX.CycloneDX.Path, files[r.VEX.CycloneDX.Path])
		validate(t, vexSchema, r.VEX.OpenVEX.Path, files[r.VEX.OpenVEX.Path])
	}
	slices.Sort(named)
	want := []string{"acme-cloud/2026.05", "acme-cloud/2026.06", "acme-gateway/2.0.0", "acme-gateway/2.4.0", "acme-gateway/2.5.0"}
	if !slices.Equal(named, want) {
		t.Errorf("releases with VEX = %q, want %q (not 1.9.0, which no advisory names)", named, want)
	}

	// acme-gateway 2.5.0: fixed by ACME-SA-2025-001, not affected by -002, affected by -003.
	var cdx struct {
		SerialNumber string
		Version      int
		Metadata     struct {
			Timestamp string
			Component struct {
				BOMRef  string `json:"bom-ref"`
				Version string
			}
		}
		Vulnerabilities []struct {
			ID       string
			CWEs     []int
			Ratings  []struct{ Method, Vector string }
			Affects  []struct{ Ref string }
			Analysis struct {
				State, Justification, Detail string
				Response                     []string
			}
		}
	}
	if err := json.Unmarshal(files["vex/acme-gateway/2.5.0.cdx.json"], &cdx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range cdx.Vulnerabilities {
		got = append(got, v.ID+" "+v.Analysis.State+" "+v.Analysis.Justification+" "+strings.Join(v.Analysis.Response, ","))
		if len(v.Affects) != 1 || v.Affects[0].Ref != cdx.Metadata.Component.BOMRef {
			t.Errorf("%s affects %+v, want the release", v.ID, v.Affects)
		}
	}
	want = []string{
		"ACME-SA-2026-003 exploitable  workaround_available", // newest advisory first; no CVE: the advisory's ID
		"CVE-2026-0002 not_affected code_not_present ",
		"CVE-2026-0001 resolved  ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("2.5.0 statements = %q, want %q", got, want)
	}
	if cdx.Version != 5 || cdx.Metadata.Timestamp != "2026-06-20T00:00:00Z" || !strings.HasPrefix(cdx.SerialNumber, "urn:uuid:") {
		t.Errorf("version %d, timestamp %s, serial %s; want 5 revisions, the newest date, a URN", cdx.Version, cdx.Metadata.Timestamp, cdx.SerialNumber)
	}
	if err := json.Unmarshal(files["vex/acme-gateway/2.4.0.cdx.json"], &cdx); err != nil {
		t.Fatal(err)
	}
	if v := cdx.Vulnerabilities[len(cdx.Vulnerabilities)-1]; v.ID != "CVE-2026-0001" || v.Analysis.State != "exploitable" ||
		!slices.Equal(v.Analysis.Response, []string{"update", "workaround_available"}) || !slices.Equal(v.CWEs, []int{79}) || len(v.Ratings) != 2 {
		t.Errorf("2.4.0 and CVE-2026-0001: %+v", v)
	}

	var ov struct {
		ID         string `json:"@id"`
		Statements []struct {
			Vulnerability struct{ Name string }
			Products      []struct {
				ID string `json:"@id"`
			}
			Status, Justification string
			Action                string `json:"action_statement"`
			Impact                string `json:"impact_statement"`
		}
	}
	if err := json.Unmarshal(files["vex/acme-gateway/2.4.0.openvex.json"], &ov); err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, s := range ov.Statements {
		got = append(got, s.Vulnerability.Name+" "+s.Status+" "+s.Justification+" "+s.Impact+" "+s.Action)
		if len(s.Products) != 1 || s.Products[0].ID != m.Releases["acme-gateway/2.4.0"].URL {
			t.Errorf("%s: products %+v, want the release's page", s.Vulnerability.Name, s.Products)
		}
	}
	want = []string{
		"CVE-2026-0002 not_affected component_not_present OpenSSL を含みません。 ",
		"CVE-2026-0001 affected   2.5.0 に更新してください。\n管理画面へのアクセスを制限してください。",
	}
	if !slices.Equal(got, want) || ov.ID != "https://trust.example.com/vex/acme-gateway/2.4.0.openvex.json" {
		t.Errorf("2.4.0 OpenVEX %s: %q, want %q", ov.ID, got, want)
	}
}

// TestUUID: the serial number is RFC 9562's name-based UUID of the URL (the RFC's own
// namespace, so anyone can compute it): python3 -c 'import uuid;
// print(uuid.uuid5(uuid.NAMESPACE_URL, "https://trust.example.com/vex/a/1.cdx.json"))'.
func TestUUID(t *testing.T) {
	if got, want := uuid5URL("https://trust.example.com/vex/a/1.cdx.json"), "090a661f-b667-5359-a634-48048d9a9320"; got != want {
		t.Errorf("uuid5URL = %s, want %s", got, want)
	}
}
