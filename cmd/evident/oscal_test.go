package main

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// oscalSchema is NIST's JSON Schema of OSCAL 1.1.2, vendored with package export's tests.
var oscalSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(filepath.Join("..", "..", "generator", "export", "testdata", "oscal_complete_schema.json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("oscal_complete_schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("oscal_complete_schema.json")
})

// cmdOSCALValid is the script command `oscal-valid FILE...`: each file is valid OSCAL 1.1.2.
func cmdOSCALValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: oscal-valid FILE...")
	}
	s, err := oscalSchema()
	ts.Check(err)
	for _, name := range args {
		f, err := os.Open(ts.MkAbs(name))
		ts.Check(err)
		v, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		ts.Check(err)
		err = s.Validate(v)
		switch {
		case err != nil && !neg:
			ts.Fatalf("%s is not valid OSCAL 1.1.2: %v", name, err)
		case err == nil && neg:
			ts.Fatalf("%s is valid OSCAL 1.1.2", name)
		}
	}
}
