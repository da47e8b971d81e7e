package site

import (
	"strings"
	"testing"
)

// TestStuckIn: the stuck state is the builder's walker blocked on a send with no page
// worker left; a worker whose first frames the runtime elided (a deep template) still
// counts, and the error collator does not.
func TestStuckIn(t *testing.T) {
	const (
		walker    = "goroutine 7 [chan send]:\ngithub.com/gohugoio/hugo/hugolib.(*Site).renderPages.func1({0x1, 0x2})\n\t/h/site_render.go:98 +0x1\n"
		collator  = "goroutine 9 [chan send]:\ngithub.com/gohugoio/hugo/hugolib.(*Site).errorCollator.func1()\n\t/h/site.go:1587 +0x1\ncreated by github.com/gohugoio/hugo/hugolib.(*Site).renderPages in goroutine 7\n\t/h/site_render.go:78 +0x1\n"
		worker    = "goroutine 10 [running]:\ngithub.com/gohugoio/hugo/hugolib.pageRenderer(0x1)\n\t/h/site_render.go:141 +0x1\ncreated by github.com/gohugoio/hugo/hugolib.(*Site).renderPages in goroutine 7\n\t/h/site_render.go:84 +0x1\n"
		deep      = "goroutine 11 [runnable]:\ntext/template.(*state).walk(0x1)\n\t/t/exec.go:1 +0x1\n...additional frames elided...\ncreated by github.com/gohugoio/hugo/hugolib.(*Site).renderPages in goroutine 7\n\t/h/site_render.go:84 +0x1\n"
		otherSite = "goroutine 12 [running]:\ngithub.com/gohugoio/hugo/hugolib.pageRenderer(0x1)\n\t/h/site_render.go:141 +0x1\ncreated by github.com/gohugoio/hugo/hugolib.(*Site).renderPages in goroutine 70\n\t/h/site_render.go:84 +0x1\n"
	)
	for _, c := range []struct {
		name string
		gs   []string
		want bool
	}{
		{"no worker left", []string{walker, collator, otherSite}, true},
		{"a worker", []string{walker, collator, worker}, false},
		{"a worker deep in a template", []string{walker, collator, deep}, false},
		{"walker not sending", []string{strings.Replace(walker, "chan send", "running", 1), collator}, false},
	} {
		if got := stuckIn([]byte(strings.Join(c.gs, "\n")), 7); got != c.want {
			t.Errorf("%s: stuck = %v, want %v", c.name, got, c.want)
		}
	}
}
