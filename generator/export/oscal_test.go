package export

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evident-dev/evident/generator/model"
)

// asOf is the build's date in these tests.
var asOf = time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)

// oscalSchema is NIST's JSON Schema of OSCAL 1.1.2 (testdata/oscal_complete_schema.NOTICE.md).
func oscalSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/oscal_complete_schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("oscal_complete_schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("oscal_complete_schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validOSCAL reports the schema's objections to an OSCAL document, or nil.
func validOSCAL(t *testing.T, s *jsonschema.Schema, doc []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// acme is the model of examples/acme, as the theme's fixture holds it (kept current by
// TestFixture in package themes).
func acme(t *testing.T) *model.Declaration {
	t.Helper()
	b, err := os.ReadFile("../../themes/testdata/evident.json")
	if err != nil {
		t.Fatal(err)
	}
	var m model.Declaration
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// empty is a site that declares nothing yet: no products, no evidence, no date, no version.
func empty() *model.Declaration {
	m := sample()
	m.Products, m.Evidence, m.Declaration = nil, map[string]*model.Evidence{}, model.Statement{}
	for _, it := range m.Items {
		it.Status, it.Products, it.Evidence = model.NotAddressed, map[string]model.Status{}, nil
	}
	return m
}

// TestOSCALSchema: the component definition and the catalogs of examples/acme and of an
// empty site are valid OSCAL 1.1.2, and the schema does refuse what evident wrote before.
func TestOSCALSchema(t *testing.T) {
	s := oscalSchema(t)
	for name, m := range map[string]*model.Declaration{"acme": acme(t), "empty": empty(), "sample": sample()} {
		var b bytes.Buffer
		if err := WriteOSCAL(&b, m, asOf); err != nil {
			t.Fatal(err)
		}
		if err := validOSCAL(t, s, b.Bytes()); err != nil {
			t.Errorf("%s: component definition: %v", name, err)
		}
		cats := OSCALCatalogs(m, asOf)
		if len(cats) != len(m.Catalogs) {
			t.Errorf("%s: %d catalogs for %d frameworks", name, len(cats), len(m.Catalogs))
		}
		for p, doc := range cats {
			if err := validOSCAL(t, s, doc); err != nil {
				t.Errorf("%s: %s: %v", name, p, err)
			}
		}
	}
	// What evident wrote before, which the schema refuses: the test can fail.
	for name, spoil := range map[string]func(cd map[string]any){
		"control-id (1)-2": func(cd map[string]any) { firstReq(cd)["control-id"] = "(1)-2" },
		"null requirements": func(cd map[string]any) {
			firstImpl(cd)["implemented-requirements"] = nil
		},
		"last-modified without a date": func(cd map[string]any) {
			cd["metadata"].(map[string]any)["last-modified"] = "T00:00:00Z"
		},
	} {
		var b bytes.Buffer
		if err := WriteOSCAL(&b, sample(), asOf); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		spoil(doc["component-definition"].(map[string]any))
		spoilt, _ := json.Marshal(doc)
		if err := validOSCAL(t, s, spoilt); err == nil {
			t.Errorf("the schema accepts a component definition with %s", name)
		}
	}
}

func firstImpl(cd map[string]any) map[string]any {
	c := cd["components"].([]any)[0].(map[string]any)
	return c["control-implementations"].([]any)[0].(map[string]any)
}

func firstReq(cd map[string]any) map[string]any {
	return firstImpl(cd)["implemented-requirements"].([]any)[0].(map[string]any)
}

// oscalDoc is what the tests read of a component definition.
type oscalDoc struct {
	CD struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			LastModified string `json:"last-modified"`
			Version      string `json:"version"`
		} `json:"metadata"`
		Components []struct {
			Type  string `json:"type"`
			Title string `json:"title"`
			Props []prop `json:"props"`
			Impls []struct {
				Source string `json:"source"`
				Reqs   []struct {
					ControlID   string `json:"control-id"`
					Description string `json:"description"`
					Props       []prop `json:"props"`
					Links       []struct{ Href string }
				} `json:"implemented-requirements"`
			} `json:"control-implementations"`
		} `json:"components"`
	} `json:"component-definition"`
}

type prop struct {
	Name, Value, Remarks string
}

func readOSCAL(t *testing.T, m *model.Declaration) oscalDoc {
	t.Helper()
	var b bytes.Buffer
	if err := WriteOSCAL(&b, m, asOf); err != nil {
		t.Fatal(err)
	}
	var doc oscalDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOSCAL: one component per product, typed service for SaaS; one control
// implementation per framework, pointing at the catalog the site publishes; control IDs
// that are OSCAL tokens with the requirement's own ID as a property; not-applicable
// requirements said in the component's properties, not among the implemented ones.
func TestOSCAL(t *testing.T) {
	m := sample()
	m.Products = append(m.Products, model.Product{ID: "cloud", Name: model.Text{"en": "Cloud"}, Kind: "service"})
	for _, it := range m.Items {
		it.Products["cloud"] = it.Products["gw"]
	}
	var a, b bytes.Buffer
	if err := WriteOSCAL(&a, m, asOf); err != nil {
		t.Fatal(err)
	}
	if err := WriteOSCAL(&b, m, asOf); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("two exports of the same model differ")
	}
	doc := readOSCAL(t, m)
	v5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !v5.MatchString(doc.CD.UUID) {
		t.Errorf("uuid %q is not a version 5 UUID", doc.CD.UUID)
	}
	if doc.CD.Metadata.LastModified != "2026-11-01T00:00:00Z" {
		t.Errorf("last-modified = %q, want the declaration's date", doc.CD.Metadata.LastModified)
	}
	type req struct{ Source, ControlID, Label, Status, Link string }
	var got []req
	var types []string
	for _, c := range doc.CD.Components {
		types = append(types, c.Title+" "+c.Type)
		for _, im := range c.Impls {
			for _, r := range im.Reqs {
				x := req{Source: im.Source, ControlID: r.ControlID}
				for _, p := range r.Props {
					switch p.Name {
					case "label":
						x.Label = p.Value
					case "implementation-status":
						x.Status = p.Value
					}
				}
				if len(r.Links) > 0 {
					x.Link = r.Links[0].Href
				}
				got = append(got, x)
			}
		}
	}
	cip, ssdf := "https://trust.example.com/oscal/catalog-cip.json", "https://trust.example.com/oscal/catalog-ssdf.json"
	one := []req{
		{cip, "cip-1-2", "(1)-2", "implemented", "https://trust.example.com/evidence/b/"},
		{ssdf, "ssdf-pw-6", "PW.6", "partial", ""},
		{ssdf, "ssdf-pw-6-1", "PW.6.1", "partial", "https://trust.example.com/evidence/b/"},
	}
	if diff := cmp.Diff(append(one, one...), got); diff != "" {
		t.Errorf("implemented requirements (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Gateway software", "Cloud service"}, types); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	want := []prop{{Name: "not-applicable", Value: "cip-1-4", Remarks: "サービスを運用しない。"}}
	if diff := cmp.Diff(want, doc.CD.Components[0].Props); diff != "" {
		t.Errorf("not-applicable requirements (-want +got):\n%s", diff)
	}

	// Without a declaration date or version: the build's date.
	m.Declaration.Date, m.Declaration.Version = "", ""
	doc = readOSCAL(t, m)
	if md := doc.CD.Metadata; md.LastModified != "2026-11-19T00:00:00Z" || md.Version != "2026-11-19" {
		t.Errorf("metadata without a date or version: %+v", md)
	}
}

// TestOSCALCatalogs: each framework's catalog, published at oscal/catalog-<id>.json, has
// its categories as groups and the rest as controls nested as in the catalog, with
// OSCAL ids and the original ID as a label.
func TestOSCALCatalogs(t *testing.T) {
	cats := OSCALCatalogs(sample(), asOf)
	var doc struct {
		Catalog struct {
			Metadata struct{ Title, Version string }
			Groups   []struct {
				ID       string
				Title    string
				Props    []prop
				Controls []struct {
					ID       string
					Title    string
					Props    []prop
					Parts    []struct{ Name, Prose string }
					Controls []struct {
						ID    string
						Props []prop
						Parts []struct{ Name, Prose string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(cats["oscal/catalog-ssdf.json"], &doc); err != nil {
		t.Fatalf("%v: %s", err, cats["oscal/catalog-ssdf.json"])
	}
	c := doc.Catalog
	if c.Metadata.Title != "SSDF" || c.Metadata.Version != "1.1" || len(c.Groups) != 1 {
		t.Fatalf("ssdf catalog: %+v", c)
	}
	g := c.Groups[0]
	if g.ID != "ssdf-pw" || g.Props[0] != (prop{Name: "label", Value: "PW"}) || len(g.Controls) != 1 {
		t.Fatalf("group: %+v", g)
	}
	practice := g.Controls[0]
	task := practice.Controls[0]
	if practice.ID != "ssdf-pw-6" || task.ID != "ssdf-pw-6-1" || task.Props[0].Value != "PW.6.1" ||
		task.Parts[0].Name != "statement" || task.Parts[0].Prose != "Use them." {
		t.Errorf("practice and task: %+v", practice)
	}
	if _, ok := cats["oscal/catalog-cip.json"]; !ok {
		t.Errorf("no cip catalog: %v", cats)
	}
}
