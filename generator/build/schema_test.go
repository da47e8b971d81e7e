package build

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/sitetest"
)

// TestDeclarationSchema: the declaration.json of the example sites, of this repository's
// own declaration and of a site with nothing but evident.toml is valid against the
// schema that the build publishes beside it, and holds no null: every list is [] when
// empty. The schema is published as it is embedded.
func TestDeclarationSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(model.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(model.SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(model.SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	sitetest.WriteFile(t, empty, "evident.toml", []byte("title = \"Empty\"\nlanguages = [\"ja\", \"en\"]\ncatalogs = [\"cip\"]\n"))
	if err := os.MkdirAll(filepath.Join(empty, "content", "evidence"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../../examples/acme", "../../examples/minimal", "../..", empty} {
		abs, _ := filepath.Abs(root)
		m, res, err := Declare(context.Background(), abs, DeclareOptions{Generator: "evident test", Digests: true})
		if err != nil {
			if res != nil {
				t.Log(res.Diagnostics)
			}
			t.Fatalf("%s: %v", root, err)
		}
		b, err := export.JSON(m)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: declaration.json is not valid against %s: %v", root, model.SchemaFile, err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		for _, p := range nulls(v, "") {
			t.Errorf("%s: declaration.json has null at %s", root, p)
		}
		if want := m.BaseURL + model.SchemaFile; m.Schema != want || m.FormatVersion != model.FormatVersion {
			t.Errorf("%s: $schema %q, formatVersion %q; want %q, %q", root, m.Schema, m.FormatVersion, want, model.FormatVersion)
		}
		if root == empty {
			in, err := Prepare(res, "evident test")
			if err != nil {
				t.Fatal(err)
			}
			if got := in.Files[model.SchemaFile]; string(got) != model.Schema {
				t.Errorf("the build publishes %s as %q, want the embedded schema", model.SchemaFile, got)
			}
		}
	}
}

// nulls lists the JSON pointers of the nulls in v, a decoded JSON value.
func nulls(v any, at string) []string {
	var out []string
	switch v := v.(type) {
	case nil:
		return []string{at}
	case map[string]any:
		for k, x := range v {
			out = append(out, nulls(x, at+"/"+k)...)
		}
	case []any:
		for i, x := range v {
			out = append(out, nulls(x, fmt.Sprintf("%s/%d", at, i))...)
		}
	}
	return out
}
