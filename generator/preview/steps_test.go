package preview

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/build"
)

// TestStepsFromPipeline: the preview runs the build's own steps, in the build's order,
// with render swapped and the steps that write on disk left out.
func TestStepsFromPipeline(t *testing.T) {
	render := func(context.Context, *build.State) error { return nil }
	got := steps(render)
	want := slices.DeleteFunc(build.Pipeline.Names(), func(n string) bool {
		return n == "artifacts" || n == "integrity" || n == "publish"
	})
	if diff := cmp.Diff(want, got.Names()); diff != "" {
		t.Fatalf("preview steps (-want +got):\n%s", diff)
	}
	ptr := func(f func(context.Context, *build.State) error) uintptr { return reflect.ValueOf(f).Pointer() }
	for _, s := range got {
		i := slices.IndexFunc(build.Pipeline, func(b build.Step) bool { return b.Name == s.Name })
		switch {
		case s.Name == "render" && ptr(s.Run) != ptr(render):
			t.Errorf("render is the build's own, not the preview's")
		case s.Name != "render" && ptr(s.Run) != ptr(build.Pipeline[i].Run):
			t.Errorf("step %s is not the build's", s.Name)
		}
	}
}
