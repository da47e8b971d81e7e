package build

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/check"
)

// TestPipelineSteps: the build runs these steps, in this order, the first ones those of
// package check.
func TestPipelineSteps(t *testing.T) {
	want := []string{"config", "catalogs", "evidence", "check", "coverage", "model", "render", "artifacts", "integrity", "publish"}
	if diff := cmp.Diff(want, Pipeline.Names()); diff != "" {
		t.Errorf("Pipeline (-want +got):\n%s", diff)
	}
	var checkNames []string
	for _, s := range check.Steps {
		checkNames = append(checkNames, s.Name)
	}
	if diff := cmp.Diff(checkNames, Pipeline.Names()[:len(checkNames)]); diff != "" {
		t.Errorf("the pipeline does not start with check.Steps (-check +pipeline):\n%s", diff)
	}
	// Declare, for the commands that print the declaration, runs the front of the same list.
	if diff := cmp.Diff(want[:6], Pipeline.Through("model").Names()); diff != "" {
		t.Errorf("Through(model) (-want +got):\n%s", diff)
	}
}

// TestSkipSwap: steps are skipped and swapped by name, in a copy; a name that is not a
// step panics instead of being ignored.
func TestSkipSwap(t *testing.T) {
	var ran []string
	step := func(name string) Step {
		return Step{name, func(context.Context, *State) error { ran = append(ran, name); return nil }}
	}
	s := Steps{step("a"), step("b"), step("c"), step("d")}
	got := s.Skip("d", "b").Swap("c", func(context.Context, *State) error { ran = append(ran, "C"); return nil })
	if err := got.Run(context.Background(), &State{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "C"}, ran); diff != "" {
		t.Errorf("ran (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "d"}, s.Names()); diff != "" {
		t.Errorf("the original steps changed (-want +got):\n%s", diff)
	}
	ran = nil
	if err := s.Run(context.Background(), &State{}); err != nil || !slices.Equal(ran, []string{"a", "b", "c", "d"}) {
		t.Errorf("the original steps ran %v, %v", ran, err)
	}
	for name, f := range map[string]func(){
		"Skip": func() { s.Skip("e") },
		"Swap": func() { s.Swap("e", nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s of an unknown step did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestStepsStopWhenCancelled: no step runs once the context is cancelled, and the
// error of a step that ran while it was cancelled is the context's.
func TestStepsStopWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran []string
	s := Steps{
		{"a", func(context.Context, *State) error { ran = append(ran, "a"); cancel(); return errors.New("a failed") }},
		{"b", func(context.Context, *State) error { ran = append(ran, "b"); return nil }},
	}
	if err := s.Run(ctx, &State{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if err := s.Skip("a").Run(ctx, &State{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if !slices.Equal(ran, []string{"a"}) {
		t.Errorf("ran %v, want only a", ran)
	}
}
