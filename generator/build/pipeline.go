package build

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/site"
)

// Step is one named step of the pipeline. Run reads what the steps before it left in the
// state and adds its own.
type Step struct {
	Name string
	Run  func(context.Context, *State) error
}

// Steps is a pipeline: steps run in order.
type Steps []Step

// Pipeline is the build, step by step. The steps of package check come first, under
// their own names; each adds diagnostics, and the model step refuses a site with errors.
var Pipeline = slices.Concat(checkSteps(), Steps{
	{"model", buildModel},         // the declaration as data, artifacts digested (in a build, as they are copied)
	{"render", render},            // Hugo renders into a fresh folder beside the destination
	{"artifacts", placeArtifacts}, // the copied artifacts, SBOMs and release files beside the pages, with sidecars
	{"integrity", writeIntegrity}, // integrity.json, then SHA256SUMS over everything
	{"publish", publish},          // the new output swapped in for the destination
})

// State is what the steps of a build pass on to each other.
type State struct {
	Options
	Report                  // Check after the check steps, Model after model, Files after integrity
	Cache  *check.FileFacts // kept from one run to the next (the preview); nil starts empty
	Input  site.Input       // what the renderer needs, after model

	dest, tmp string                     // the destination, and the temporary output beside it
	out       string                     // the folder rendered into, in tmp
	release   func()                     // removes the temporary output
	noDigests bool                       // the model reads no artifact (Declare, for what never shows digests)
	stage     bool                       // the model step copies the artifacts into the temporary output first (Run)
	staged    map[string]integrity.Entry // the files it copied, by site path
	published []integrity.Entry          // the artifacts, SBOMs and release files published
	written   *written                   // the files the render wrote, digested and compressed
}

// Run runs the steps in order. It checks ctx before each step, and returns at the first
// error, or ctx's error when ctx was cancelled meanwhile.
func (s Steps) Run(ctx context.Context, st *State) error {
	for _, step := range s {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := step.Run(ctx, st); err != nil {
			return cmp.Or(ctx.Err(), err)
		}
	}
	return nil
}

// Names returns the names of the steps, in order.
func (s Steps) Names() []string {
	names := make([]string, len(s))
	for i, step := range s {
		names[i] = step.Name
	}
	return names
}

// Skip returns the steps without those named. A name that is not a step panics.
func (s Steps) Skip(names ...string) Steps {
	out := slices.Clone(s)
	for _, name := range names {
		i := out.index(name)
		out = slices.Delete(out, i, i+1)
	}
	return out
}

// Through returns the steps up to and including the named one.
func (s Steps) Through(name string) Steps { return slices.Clone(s[:s.index(name)+1]) }

// Swap returns the steps with run in place of the named step's own. A name that is not a
// step panics.
func (s Steps) Swap(name string, run func(context.Context, *State) error) Steps {
	out := slices.Clone(s)
	out[out.index(name)].Run = run
	return out
}

func (s Steps) index(name string) int {
	i := slices.IndexFunc(s, func(step Step) bool { return step.Name == name })
	if i < 0 {
		panic(fmt.Sprintf("build: no step %q in %v", name, s.Names()))
	}
	return i
}

// checkSteps are the steps of package check, run on the state's check result.
func checkSteps() Steps {
	var out Steps
	for _, cs := range check.Steps {
		out = append(out, Step{Name: cs.Name, Run: func(_ context.Context, st *State) error {
			if st.Check == nil {
				st.Check = check.New(st.Root, check.Options{AsOf: st.AsOf, Cache: st.Cache})
			}
			cs.Run(st.Check)
			return nil
		}})
	}
	return out
}

// cleanup removes what a run left behind: the temporary output, unless it was published.
func (st *State) cleanup() {
	st.written.close()
	if st.release != nil {
		st.release()
	}
}
