package site

import (
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/hugolib/segments"
	"github.com/gohugoio/hugo/resources/kinds"
	"github.com/gohugoio/hugo/resources/page"
)

// A renderSet is the page outputs a live site lets Hugo render: those a browser asked
// for (Live.Render) and looked at lately, not every page of the site. Hugo's partial
// rebuild searches the dependencies of every page it ever rendered for the changed
// files (about 0.1 ms a page), so a page never rendered costs a rebuild nothing, and
// the first render of a site does not render pages nobody opens.
//
// It is installed as Hugo's segment filter (the one of renderSegments), in front of
// the site's own: what the site leaves out stays out.
type renderSet struct {
	mu    sync.RWMutex
	allow map[outputKey]bool
	seen  map[string]bool // the paths of the pages Hugo asked about: all of them, listed or not
}

// outputKey is one output format of a page, as Hugo's segment filter sees it: the
// page's path ("/evidence/hardened") and the format's name ("html", "json"). It names
// the page of every language.
type outputKey struct{ path, format string }

func newRenderSet() *renderSet {
	return &renderSet{allow: map[outputKey]bool{}, seen: map[string]bool{}}
}

// add lets Hugo render keys from now on.
func (s *renderSet) add(keys ...outputKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		s.allow[k] = true
	}
}

// allowsAll reports whether the set has every one of keys.
func (s *renderSet) allowsAll(keys []outputKey) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, k := range keys {
		if !s.allow[k] {
			return false
		}
	}
	return true
}

// allows reports whether Hugo may render the output q: one of the set; a home page,
// whose HTML also writes the redirects to it (Hugo's default-site redirect); or a page
// that stands alone, such as the 404 page served for every missing one.
func (s *renderSet) allows(q segments.SegmentQuery) bool {
	switch q.Kind {
	case kinds.KindStatus404, kinds.KindRobotsTXT:
		return true
	case kinds.KindHome:
		if q.Output == "html" {
			return true
		}
	}
	s.mu.RLock()
	ok, seen := s.allow[outputKey{q.Path, q.Output}], s.seen[q.Path]
	s.mu.RUnlock()
	if !seen {
		s.mu.Lock()
		s.seen[q.Path] = true
		s.mu.Unlock()
	}
	return ok
}

// paths returns the paths of the pages Hugo asked about.
func (s *renderSet) paths() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Collect(maps.Keys(s.seen))
}

// install puts the set in front of the segment filter of every configuration in c.
func (s *renderSet) install(c *allconfig.Configs) {
	confs := []*allconfig.Config{c.Base}
	for _, conf := range c.LanguageConfigMap {
		confs = append(confs, conf)
	}
	for _, conf := range confs {
		if conf == nil || conf.Segments == nil || conf.Segments.Config == nil {
			continue
		}
		seg := conf.Segments.Config
		if _, done := seg.SegmentFilter.(lazyFilter); done || seg.SegmentFilter == nil {
			continue
		}
		seg.SegmentFilter = lazyFilter{own: seg.SegmentFilter, set: s}
	}
}

// lazyFilter is a site's own segment filter, with what a renderSet does not allow
// left out of the render.
type lazyFilter struct {
	own segments.SegmentFilter
	set *renderSet
}

// ShouldExcludeCoarse leaves whole sites and output formats to the site: the set
// decides page by page.
func (f lazyFilter) ShouldExcludeCoarse(q segments.SegmentQuery) bool {
	return f.own.ShouldExcludeCoarse(q)
}

func (f lazyFilter) ShouldExcludeFine(q segments.SegmentQuery) bool {
	return f.own.ShouldExcludeFine(q) || !f.set.allows(q)
}

// pageIndex finds the page output published at a URL path.
type pageIndex struct {
	at      map[string]target // by URL path, as Hugo writes permalinks ("/en/evidence/x/")
	aliases []outputKey       // the pages with aliases, which Hugo writes only on a first render
}

// target is the page output at a URL path, and the path of the page's own URL (an
// alias, a paginator page or a bundle's file is published with the page's).
type target struct {
	key outputKey
	url string
}

// newPageIndex indexes the outputs of every page of h's sites: those Hugo lists, and
// of paths (those it rendered or left out), those it does not (build.list "never").
func newPageIndex(h *hugolib.HugoSites, paths []string) *pageIndex {
	idx := &pageIndex{at: map[string]target{}}
	listed := map[string]bool{}
	for _, s := range h.Sites {
		for _, p := range s.Pages() {
			idx.add(p)
			listed[p.Path()] = true
		}
	}
	for _, p := range paths {
		if listed[p] {
			continue
		}
		for _, s := range h.Sites {
			if pg, err := s.GetPage(p); err == nil && pg != nil {
				idx.add(pg)
			}
		}
	}
	return idx
}

func (idx *pageIndex) add(p page.Page) {
	for _, of := range p.OutputFormats() {
		u := of.RelPermalink()
		idx.at[u] = target{outputKey{p.Path(), of.Name()}, u}
	}
	if len(p.Aliases()) > 0 {
		idx.aliases = append(idx.aliases, outputKey{p.Path(), "html"})
	}
}

// find returns the page output published at the URL path u, or the one whose page
// publishes u with it: a file of a page bundle ("/about/chart.png"), a page of a
// paginator ("/evidence/page/2/").
func (idx *pageIndex) find(u string) (target, bool) {
	if t, ok := idx.at[u]; ok {
		return t, true
	}
	for d := path.Dir(strings.TrimSuffix(u, "/")); d != "/" && d != "."; d = path.Dir(d) {
		if t, ok := idx.at[d+"/"]; ok {
			rest := strings.TrimPrefix(u, d+"/")
			if path.Ext(rest) != "" && !strings.HasSuffix(rest, "/") || pagerPage.MatchString(rest) {
				return t, true
			}
			break
		}
	}
	return target{}, false
}

// pagerPage is the URL of a paginator's page under its list page's, as in "page/2/"
// (the name of the folder is the site's pagination.path).
var pagerPage = regexp.MustCompile(`^[^/]+/[0-9]+/$`)
