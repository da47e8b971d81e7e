package build

import (
	"context"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/model"
)

// DeclareOptions configure Declare.
type DeclareOptions struct {
	AsOf      time.Time
	Generator string // "evident VERSION", as in declaration.json
	// Digests reads every artifact for its size and SHA-256, as a build does. Without
	// it no artifact is read, and each has size 0 and no SHA-256: enough for the
	// matrix, CSV and OSCAL, which never show them.
	Digests bool
}

// Declare checks the site in root, an absolute folder, and returns its declaration
// model without rendering or publishing anything: Pipeline up to the model step, for
// commands that print the declaration. On check errors it returns ErrCheck with the
// result, whose Diagnostics say why.
func Declare(ctx context.Context, root string, opt DeclareOptions) (*model.Declaration, *check.Result, error) {
	st := &State{Options: Options{Root: root, AsOf: opt.AsOf, Generator: opt.Generator}, noDigests: !opt.Digests}
	if err := Pipeline.Through("model").Run(ctx, st); err != nil {
		return nil, st.Check, err
	}
	return st.Model, st.Check, nil
}
