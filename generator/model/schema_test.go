package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaDefs is what the tests read of Schema: each definition's properties, required
// fields, enum, and const.
type schemaDefs struct {
	Defs map[string]struct {
		Properties map[string]struct {
			Const string `json:"const"`
		} `json:"properties"`
		Required []string `json:"required"`
		Enum     []string `json:"enum"`
	} `json:"$defs"`
}

func readSchema(t *testing.T) schemaDefs {
	t.Helper()
	var s schemaDefs
	if err := json.Unmarshal([]byte(Schema), &s); err != nil {
		t.Fatalf("%s: %v", SchemaFile, err)
	}
	return s
}

// TestSchemaCompiles: the schema is a valid draft 2020-12 schema.
func TestSchemaCompiles(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile(SchemaFile); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaCoversModel: the schema has a definition for every struct type that
// declaration.json holds, named as the type, whose properties are exactly the type's
// JSON fields (embedded structs flattened) and whose required properties are exactly
// those written even when empty (no omitempty). A field added to the model without its
// schema property, or a property left behind, fails here.
func TestSchemaCoversModel(t *testing.T) {
	s := readSchema(t)
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(typ.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		def, ok := s.Defs[typ.Name()]
		if !ok {
			t.Errorf("%s has no definition %q in %s", typ, typ.Name(), SchemaFile)
			return
		}
		var props, required []string
		for _, f := range jsonFields(typ) {
			props = append(props, f.name)
			if !f.omitempty {
				required = append(required, f.name)
			}
			walk(f.typ)
		}
		var have []string
		for p := range def.Properties {
			have = append(have, p)
		}
		slices.Sort(props)
		slices.Sort(have)
		if diff := cmp.Diff(props, have); diff != "" {
			t.Errorf("properties of %s in %s (-model +schema):\n%s", typ.Name(), SchemaFile, diff)
		}
		slices.Sort(required)
		if diff := cmp.Diff(required, slices.Sorted(slices.Values(def.Required))); diff != "" {
			t.Errorf("required properties of %s in %s (-model +schema):\n%s", typ.Name(), SchemaFile, diff)
		}
	}
	walk(reflect.TypeFor[Declaration]())
	if len(seen) < 30 {
		t.Errorf("walked %d struct types; the walk missed the model", len(seen))
	}
}

type jsonField struct {
	name      string
	omitempty bool
	typ       reflect.Type
}

// jsonFields lists the fields of a struct type as encoding/json writes them.
func jsonFields(typ reflect.Type) []jsonField {
	var out []jsonField
	for f := range typ.Fields() {
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case f.Anonymous && name == "":
			out = append(out, jsonFields(f.Type)...)
			continue
		case name == "":
			name = f.Name
		}
		out = append(out, jsonField{name, strings.Contains(opts, "omitempty"), f.Type})
	}
	return out
}

// TestSchemaValues: the values that the schema lists are those of the model.
func TestSchemaValues(t *testing.T) {
	s := readSchema(t)
	strs := func(v any) []string {
		var out []string
		for _, x := range reflect.ValueOf(v).Seq2() {
			out = append(out, x.String())
		}
		return slices.Sorted(slices.Values(out))
	}
	for name, want := range map[string][]string{
		"Status":        strs(Statuses),
		"ReleaseStatus": strs(ReleaseStatuses),
		"ProductStatus": strs(ProductStatuses),
		"Severity":      strs(Severities),
	} {
		if diff := cmp.Diff(want, slices.Sorted(slices.Values(s.Defs[name].Enum))); diff != "" {
			t.Errorf("enum of %s (-model +schema):\n%s", name, diff)
		}
	}
	if got := s.Defs["Declaration"].Properties["formatVersion"].Const; got != FormatVersion {
		t.Errorf("the schema is of format %q, the model of %q", got, FormatVersion)
	}
	if major, _, _ := strings.Cut(FormatVersion, "."); major != strconv.Itoa(FormatMajor) {
		t.Errorf("FormatMajor %d is not the major version of FormatVersion %q", FormatMajor, FormatVersion)
	}
	if !bytes.HasSuffix([]byte(Schema), []byte("}\n")) {
		t.Errorf("%s does not end with a newline", SchemaFile)
	}
}

// TestFileURL: each segment of the path is percent-encoded below the base URL.
func TestFileURL(t *testing.T) {
	for _, c := range []struct{ base, path, want string }{
		{"https://example.com/", "sbom/a.cdx.json", "https://example.com/sbom/a.cdx.json"},
		{"https://example.com/trust/", "artifacts/report #1.pdf", "https://example.com/trust/artifacts/report%20%231.pdf"},
		{"/", "artifacts/報告.pdf", "/artifacts/%E5%A0%B1%E5%91%8A.pdf"},
	} {
		if got := FileURL(c.base, c.path); got != c.want {
			t.Errorf("FileURL(%q, %q) = %q, want %q", c.base, c.path, got, c.want)
		}
	}
}

// TestNoNullText: a Text or Links never set is written as {}, as the schema wants, and a
// set one as its map, keys sorted, escaped as the encoder escapes the rest.
func TestNoNullText(t *testing.T) {
	v := struct {
		A Text
		B Links
		C Text `json:",omitempty"`
		D Text
	}{D: Text{"ja": "日本語", "en": "R&D <b>"}}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"A":{},"B":{},"D":{"en":"R\u0026D \u003cb\u003e","ja":"日本語"}}`; string(b) != want {
		t.Errorf("json.Marshal: got %s, want %s", b, want)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if want := `{"A":{},"B":{},"D":{"en":"R&D <b>","ja":"日本語"}}` + "\n"; buf.String() != want {
		t.Errorf("without HTML escaping: got %s, want %s", buf.String(), want)
	}
}
