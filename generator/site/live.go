package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bep/overlayfs"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/paths"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/diag"
)

// livePublishDir is where Hugo publishes inside the in-memory destination of a Live site.
const livePublishDir = "/evident-preview"

// visitedPages is how many pages a browser looked at lately are rendered again by every
// rebuild (Hugo's server keeps 20).
const visitedPages = 50

// Live is a site rendered into memory and kept up to date, for the preview server.
// Content and template changes go through Hugo's own partial rebuild; a change of the
// generated Hugo configuration, or a rebuild after a failed one, renders from scratch
// into a fresh HugoSites. The last good output stays readable until a new one is ready.
//
// Hugo renders only the pages a browser asks for (see Render): a render from scratch
// renders the pages looked at lately, and a partial rebuild, in Hugo's fast render
// mode, renders again those of them that changed (a renderSet). Any other page is
// rendered, or rendered again, when it is asked for, which the preview does before it
// serves one. A rebuild therefore costs what the pages looked at cost, not the site.
//
// Update, Render and Close must not be called concurrently; View may be called at any time.
type Live struct {
	root    string
	baseURL string
	log     io.Writer
	cache   *cacheDir // Hugo's cache folder

	mu     sync.RWMutex // held for writing while Hugo writes into out
	h      *hugolib.HugoSites
	mem    afero.Fs          // the in-memory layer Hugo reads through the overlay
	out    afero.Fs          // Hugo's publish folder; nil before the first good build
	static afero.Fs          // the site's static/ folder as Hugo sees it (generated files included)
	gen    map[string][]byte // what is in mem, by site-relative path
	broken bool              // the last render failed: the next one starts from scratch

	visited *types.EvictingQueue[string] // URL paths looked at lately: every rebuild renders them
	fresh   map[string]bool              // URL paths rendered since the last rebuild
	render  *renderSet                   // the page outputs h may render
	index   *pageIndex                   // h's pages by URL; nil: to be made
}

// NewLive prepares a live site for the folder root, served at baseURL (such as
// "http://127.0.0.1:1414/"). Nothing is rendered before the first Update.
func NewLive(root, baseURL string, log io.Writer) (*Live, error) {
	if log == nil {
		log = io.Discard
	}
	cache, err := newCacheDir(os.TempDir())
	if err != nil {
		return nil, err
	}
	return &Live{root: root, baseURL: baseURL, log: log, cache: cache,
		visited: types.NewEvictingQueue[string](visitedPages)}, nil
}

// LiveResult says what an Update did.
type LiveResult struct {
	Full    bool // rendered from scratch with a new HugoSites
	Events  int  // events given to Hugo's partial rebuild, generated files included
	Changed int  // generated files that changed
}

// Update renders in: from scratch when full is set, when Hugo's configuration changed
// or after a failure; otherwise through Hugo's partial rebuild with events (changes of
// the site folder, with absolute paths under the site root) and one synthetic event
// for every generated file whose bytes changed. On failure the previous output stays
// served, and the error is a RenderError when Hugo gave positions.
//
// publish, when not nil, is called with the outcome while no View runs, at the moment
// the new output (or, on failure, none) becomes the one served, so that what the
// caller serves with the pages changes at the same time as the pages.
func (l *Live) Update(in Input, events []fsnotify.Event, full bool, publish func(LiveResult, error)) (LiveResult, error) {
	if publish == nil {
		publish = func(LiveResult, error) {}
	}
	gen, err := in.generated()
	if err != nil {
		l.Publish(func() { publish(LiveResult{}, err) })
		return LiveResult{}, err
	}
	// A change of the model (data/evident.json) touches every page, since every page
	// reads it, but in fast render mode the partial rebuild renders only the pages
	// looked at lately: far less than a render from scratch on any site. A generated
	// file that is gone needs one: a partial rebuild would leave its page published.
	gone := func() bool {
		for rel := range l.gen {
			if _, ok := gen[rel]; !ok {
				return true
			}
		}
		return false
	}
	if full || l.h == nil || l.broken || !bytes.Equal(gen["hugo.toml"], l.gen["hugo.toml"]) || gone() {
		res := LiveResult{Full: true}
		err := l.renderFull(in, gen, func(err error) { publish(res, err) })
		return res, err
	}

	var changed []fsnotify.Event
	for _, rel := range sortedKeys(gen) {
		old, ok := l.gen[rel]
		switch {
		case !ok:
			changed = append(changed, fsnotify.Event{Name: l.abs(rel), Op: fsnotify.Create})
		case !bytes.Equal(old, gen[rel]):
			changed = append(changed, fsnotify.Event{Name: l.abs(rel), Op: fsnotify.Write})
		}
	}
	return l.partial(in, gen, events, changed, false, publish)
}

// UpdateContent is Update for changes of the site's own files alone, when the caller
// knows that none of the files evident generates changes (a statement edited: the
// model is the same), so that nothing is generated again. It renders from scratch
// when a partial rebuild cannot be done.
func (l *Live) UpdateContent(in Input, events []fsnotify.Event, publish func(LiveResult, error)) (LiveResult, error) {
	if l.h == nil || l.broken {
		return l.Update(in, events, true, publish)
	}
	if publish == nil {
		publish = func(LiveResult, error) {}
	}
	return l.partial(in, l.gen, events, nil, true, publish)
}

// partial gives Hugo's partial rebuild events and changed, the events of the generated
// files gen, which replace those of the last render. sameURLs says that no page moves
// or appears: the index of pages by URL stays good.
func (l *Live) partial(in Input, gen map[string][]byte, events, changed []fsnotify.Event, sameURLs bool, publish func(LiveResult, error)) (LiveResult, error) {
	res := LiveResult{Changed: len(changed), Events: len(events) + len(changed)}

	l.mu.Lock()
	err := l.build(in, gen, events, changed)
	if !sameURLs {
		l.index = nil
	}
	if errors.Is(err, errStuck) {
		// Hugo gave up without saying why (see runBuild): render from scratch to find out.
		l.mu.Unlock()
		res.Full = true
		err := l.renderFull(in, gen, func(err error) { publish(res, err) })
		return res, err
	}
	defer l.mu.Unlock()
	if err != nil {
		l.broken = true
	}
	publish(res, err)
	return res, err
}

// build writes the changed generated files into the memory layer and gives Hugo the
// events. l.mu is held.
func (l *Live) build(in Input, gen map[string][]byte, events, changed []fsnotify.Event) error {
	if len(events)+len(changed) == 0 {
		return nil
	}
	for _, ev := range changed {
		rel, _ := filepath.Rel(l.root, ev.Name)
		rel = filepath.ToSlash(rel)
		if err := putFile(l.mem, l.root, rel, gen[rel]); err != nil {
			return err
		}
	}
	l.gen = gen
	// Hugo renders again the pages looked at lately that the changes touch (those of the
	// queue), and renders those it never rendered.
	queue, fresh := l.renderQueue()
	cfg := hugolib.BuildCfg{RecentlyTouched: queue}
	err := runBuild(context.Background(), l.h, cfg, append(slices.Clip(events), changed...)...)
	l.fresh = fresh
	if err != nil {
		if errors.Is(err, errStuck) {
			return err
		}
		return in.buildError(l.h, err)
	}
	return nil
}

// renderFull renders into a new HugoSites and a new output; the old ones are kept on
// failure. publish is called under l.mu as the output is swapped in, or not.
func (l *Live) renderFull(in Input, gen map[string][]byte, publish func(error)) error {
	fail := func(h *hugolib.HugoSites, err error) error {
		if h != nil {
			h.Close()
		}
		l.Publish(func() {
			l.broken = true
			publish(err)
		})
		return err
	}
	mem := afero.NewMemMapFs()
	for rel, b := range gen {
		if err := putFile(mem, l.root, rel, b); err != nil {
			return fail(nil, err)
		}
	}
	src := overlayfs.New(overlayfs.Options{Fss: []afero.Fs{mem, newSandboxFs(l.root)}, FirstWritable: true})
	var (
		h     *hugolib.HugoSites
		dest  afero.Fs
		set   *renderSet
		fresh map[string]bool
		err   error
	)
	for first := true; ; first = false {
		// The pages looked at lately, as the last render published them, and those with
		// aliases, which Hugo writes only on a first render.
		set, fresh = newRenderSet(), map[string]bool{notFound: true} // rendered always
		if l.index != nil {
			set.add(l.index.aliases...)
			for _, u := range l.lookedAt(l.index, set) {
				fresh[u] = true
			}
		}
		dest = afero.NewMemMapFs()
		h, err = in.buildSites(context.Background(), src, hugoOptions{
			dest: dest, publishDir: livePublishDir, cacheDir: l.cache.path,
			running: true, baseURL: l.baseURL, log: l.log, render: set,
		})
		if err != nil {
			return fail(nil, err)
		}
		l.index = newPageIndex(h, set.paths())
		if !first || set.allowsAll(l.index.aliases) {
			break
		}
		h.Close() // a page with aliases this render left out: once more, with it
	}
	l.mu.Lock()
	old := l.h
	l.h, l.mem, l.gen, l.broken, l.fresh, l.render = h, mem, gen, false, fresh, set
	l.out = afero.NewBasePathFs(dest, livePublishDir)
	l.static = afero.NewBasePathFs(afero.NewReadOnlyFs(src), filepath.Join(l.root, "static"))
	publish(nil)
	l.mu.Unlock()
	if old != nil {
		if err := old.Close(); err != nil {
			fmt.Fprintf(l.log, "evident: closing the previous render: %v\n", err)
		}
	}
	return nil
}

// renderQueue returns the URL paths a partial rebuild renders again if the changes
// touch them, the pages looked at lately (Hugo adds those of the content files that
// changed), with the render set grown by them; and the URL paths that are fresh after
// the rebuild.
func (l *Live) renderQueue() (*types.EvictingQueue[string], map[string]bool) {
	q := types.NewEvictingQueue[string](2 * visitedPages)
	fresh := map[string]bool{}
	for _, u := range l.lookedAt(l.pages(), l.render) {
		q.Add(u)
		fresh[u] = true
	}
	return q, fresh
}

// lookedAt adds the pages looked at lately, as idx finds them, to set, and returns
// their URL paths, the one looked at last at the end.
func (l *Live) lookedAt(idx *pageIndex, set *renderSet) []string {
	var urls []string
	for _, u := range slices.Backward(l.visited.PeekAll()) {
		if t, ok := idx.find(u); ok {
			set.add(t.key)
			urls = append(urls, t.url)
		}
	}
	return urls
}

// pages returns the index of the pages by URL, made again after a rebuild that may
// have moved them.
func (l *Live) pages() *pageIndex {
	if l.index == nil {
		l.index = newPageIndex(l.h, l.render.paths())
	}
	return l.index
}

// notFound is the page served for a missing one.
const notFound = "/404.html"

// Render renders the page (or other output of Hugo) at the URL path urlPath, such as
// "/evidence/sbom/" or "/index.xml", if it is not rendered yet or a rebuild left it
// stale, and the 404 page with it if it is stale too; navigation says a browser is
// showing it, so that the following rebuilds render it too. A file under a page's
// URL (a bundle's, a paginator's page) renders that page; a path that is no page's
// renders nothing. The error is a RenderError when Hugo gave positions; the output
// stays as it was.
func (l *Live) Render(in Input, urlPath string, navigation bool) error {
	if urlPath == "" || !strings.HasPrefix(urlPath, "/") {
		return nil
	}
	switch {
	case strings.HasSuffix(urlPath, "/index.html"):
		urlPath = strings.TrimSuffix(urlPath, "index.html")
	case path.Ext(urlPath) == "" && !strings.HasSuffix(urlPath, "/"):
		urlPath += "/" // a folder: the file server redirects to it
	}
	urlPath = paths.PathEscape(urlPath) // as Hugo writes its permalinks
	if navigation {
		l.visited.Add(urlPath)
	}
	if l.h == nil || l.broken {
		return nil
	}
	queue := types.NewEvictingQueue[string](2)
	if t, ok := l.pages().find(urlPath); ok && !l.fresh[t.url] {
		l.render.add(t.key)
		queue.Add(t.url)
		l.fresh[t.url] = true
	}
	if !l.fresh[notFound] {
		queue.Add(notFound)
		l.fresh[notFound] = true
	}
	if queue.Len() == 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	err := runBuild(context.Background(), l.h, hugolib.BuildCfg{PartialReRender: true, RecentlyTouched: queue})
	if errors.Is(err, errStuck) {
		l.broken = true
		return err
	}
	if err != nil {
		l.broken = true
		return in.buildError(l.h, err)
	}
	return nil
}

// Publish runs fn while no View runs.
func (l *Live) Publish(fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fn()
}

func (l *Live) abs(rel string) string { return filepath.Join(l.root, filepath.FromSlash(rel)) }

// View calls fn with the last good output, or nil before the first good build, while
// no render writes into it. Files Hugo does not publish itself (static/, such as the
// generated declaration.json) are served from the site's static folder.
func (l *Live) View(fn func(http.FileSystem)) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.out == nil {
		fn(nil)
		return
	}
	fn(unionFS{afero.NewHttpFs(l.out), afero.NewHttpFs(l.static)})
}

// Close releases Hugo and the cache folder. The output stays readable.
func (l *Live) Close() error {
	var err error
	if l.h != nil {
		err = l.h.Close()
		l.h = nil
	}
	return errors.Join(err, l.cache.Remove())
}

// buildError is hugoError for the error of Build, which only counts the errors that
// templates and pages logged: those are taken from the log, one diagnostic each.
func (in Input) buildError(h *hugolib.HugoSites, err error) error {
	logged := strings.TrimSpace(h.Log.Errors())
	if len(herrors.UnwrapFileErrors(err)) > 0 || logged == "" {
		return in.hugoError(err)
	}
	var list diag.List
	for line := range strings.Lines(logged) {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "ERROR"))
		if line == "" {
			continue
		}
		pos := diag.Position{File: "hugo"}
		if m := loggedPos.FindStringSubmatch(line); m != nil {
			pos.File = in.relative(m[1])
			pos.Line, _ = strconv.Atoi(m[2])
			pos.Col, _ = strconv.Atoi(m[3])
			line = strings.TrimSpace(line[len(m[0]):])
		}
		list = append(list, diag.Errorf(in.templatePos(pos, line), "render", "%s", line))
	}
	list.Sort()
	return RenderError{List: list}
}

// loggedPos finds a position in a message Hugo logged, such as
// "/site/layouts/page.html:3:5": or "/site/content/x.md:2:1":.
var loggedPos = regexp.MustCompile(`^.*?"?(/[^":]+):(\d+):(\d+)"?:?`)

// goTemplateErr is the position Go's text/template gives in its errors:
// "template: evidence/page.html:3: unexpected ..." or "template: x.html:3:12: executing ...".
var goTemplateErr = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?:`)

// templatePos is the position of a template error: Hugo often reports the base
// template that applied the broken one, at 1:1, with the broken one in the message.
func (in Input) templatePos(pos diag.Position, msg string) diag.Position {
	m := goTemplateErr.FindStringSubmatch(msg)
	if m == nil {
		return pos
	}
	name := path.Clean(m[1])
	file := path.Join("themes", "evident", "layouts", name)
	if fi, err := os.Stat(filepath.Join(in.Root, "layouts", filepath.FromSlash(name))); err == nil && fi.Mode().IsRegular() {
		file = path.Join("layouts", name)
	}
	out := diag.Position{File: file, Col: 1}
	out.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		out.Col, _ = strconv.Atoi(m[3])
	}
	return out
}

// relative makes an absolute path inside the site relative to it.
func (in Input) relative(file string) string {
	if rel, err := filepath.Rel(in.Root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// unionFS opens a name from the first file system that has it.
type unionFS []http.FileSystem

func (u unionFS) Open(name string) (http.File, error) {
	var first error
	for _, fsys := range u {
		f, err := fsys.Open(name)
		if err == nil {
			return f, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}
