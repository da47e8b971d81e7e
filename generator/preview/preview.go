// Package preview is `evident serve`: the site checked and rendered into memory, served
// on a local address, rebuilt when one of its files changes, and reloaded in the browser.
// Problems (a bad front matter, an unknown requirement, a broken template) show over the
// last good site in every page, at file:line:col, until they are fixed.
//
// Each change runs the build's pipeline again (package build), with its render step
// swapped for one into memory and without the steps that write on disk: Hugo rebuilds
// only what the change touches (package site), or everything when evident.toml or a
// catalog changed. Nothing is ever written into the site folder.
package preview

import (
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/site"
)

// Options configure a preview.
type Options struct {
	Root      string    // absolute site folder
	URL       string    // where the preview is served, such as "http://127.0.0.1:1414/"
	AsOf      time.Time // the day staleness is measured from (see check.Options)
	Generator string    // "evident VERSION"
	Log       io.Writer // Hugo's warnings; nil discards them

	// Hosts are names Serve answers to besides localhost, 127.0.0.1, [::1] and the
	// address it listens on, such as the --bind address; requests for any other Host
	// are refused (DNS rebinding).
	Hosts []string

	// Quiet is how long the watcher waits for more changes before it rebuilds
	// (default 20 ms: an editor's save is a burst of events within a few ms, and a
	// change that comes later costs a rebuild of what it touches, not of the site);
	// MaxDelay bounds that wait during a long burst (default 1 s).
	Quiet, MaxDelay time.Duration

	// OnBuild, when set, is called after every build, in order, from the goroutine
	// that built. The reload message has been sent when it is called.
	OnBuild func(Build)
}

// Build is the outcome of one build of the preview.
type Build struct {
	Seq      int           // 1 for the first build, then one more each time
	Full     bool          // Hugo rendered from scratch
	Events   int           // changes that caused it
	Duration time.Duration // check, model and render
	// Problems are shown in every page: the errors, with the warnings of the same
	// check. Empty when the site built.
	Problems diag.List
}

// OK reports whether the build succeeded.
func (b Build) OK() bool { return !b.Problems.HasErrors() }

// Preview is a site kept rendered in memory. Rebuild may be called from any goroutine;
// builds run one at a time.
type Preview struct {
	opt  Options
	live *site.Live
	hub  *hub

	buildMu  sync.Mutex       // one build at a time; guards the fields below
	pending  []fsnotify.Event // changes Hugo has not seen yet (the check failed)
	needFull bool             // a full render is owed (a render failed, or a file went while broken)
	catalogs map[string]bool  // absolute paths of the site's catalog files
	refs     map[string]bool  // absolute paths of catalog files, artifacts and SBOMs
	dirs     map[string]bool  // hugoDirs the site had at the last render from scratch
	cache    check.FileFacts  // SBOM summaries and artifact digests, kept across rebuilds
	input    *site.Input      // what Hugo rendered last, for the positions of Render's errors

	mu        sync.RWMutex // guards the state shown to requests
	seq       int
	problems  diag.List
	artifacts map[string]string // URL path -> site-relative slash path, for artifacts and SBOMs
}

// New renders the site once and returns the preview. A site with problems is not an
// error: its first build shows them. Errors are for what prevents previewing at all.
func New(ctx context.Context, opt Options) (*Preview, error) {
	if opt.Root == "" || !filepath.IsAbs(opt.Root) {
		return nil, errors.New("preview: the site folder must be an absolute path")
	}
	if opt.URL == "" {
		opt.URL = "http://127.0.0.1:1414/"
	}
	if !strings.HasSuffix(opt.URL, "/") {
		opt.URL += "/"
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 20 * time.Millisecond
	}
	if opt.MaxDelay < opt.Quiet {
		opt.MaxDelay = max(time.Second, opt.Quiet)
	}
	live, err := site.NewLive(opt.Root, opt.URL, opt.Log)
	if err != nil {
		return nil, err
	}
	p := &Preview{opt: opt, live: live, hub: newHub(), needFull: true}
	p.cache.KeepParsed = true // a save parses again only the files it changed
	if err := ctx.Err(); err != nil {
		p.Close()
		return nil, err
	}
	p.Rebuild(nil)
	return p, nil
}

// Rebuild checks and renders the site again after events, changes of files in the site
// folder (absolute paths), and sends the browsers the reload message. It never fails:
// problems are in the result and in every page until a later build fixes them.
func (p *Preview) Rebuild(events []fsnotify.Event) Build {
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	start := time.Now()
	for _, ev := range events {
		if p.forHugo(ev.Name) {
			p.pending = append(p.pending, ev)
		}
	}
	b := Build{Events: len(events)}
	if p.statementsOnly(events) {
		// A statement edited: Hugo's partial rebuild of the file, nothing checked or
		// modelled again.
		p.live.UpdateContent(*p.input, p.pending, func(_ site.LiveResult, err error) {
			if err != nil {
				p.publish(&b, problems(err), nil)
				return
			}
			p.publish(&b, nil, nil)
		})
		p.pending = nil
	} else {
		p.checkAndRender(&b)
	}
	b.Duration = time.Since(start)
	p.hub.broadcast(b.Seq)
	if p.opt.OnBuild != nil {
		p.opt.OnBuild(b)
	}
	return b
}

// checkAndRender runs the build's pipeline, rendered into memory at the preview's own
// URL: partially, or from scratch. A render reports its outcome to publish, in every page.
func (p *Preview) checkAndRender(b *Build) {
	full := p.needFull
	render := func(_ context.Context, st *build.State) error {
		full = full || p.needsFull()
		dirs := p.hugoDirsNow()
		lr, _ := p.live.Update(st.Input, p.pending, full, func(lr site.LiveResult, err error) {
			if err != nil {
				probs := append(problems(err), warnings(st.Check.Diagnostics)...)
				probs.Sort()
				p.publish(b, probs, nil)
				return
			}
			p.publish(b, nil, artifactFiles(st.Input))
		})
		b.Full = lr.Full
		if lr.Full {
			p.dirs = dirs
		}
		p.input = &st.Input
		return nil
	}
	st := &build.State{Cache: &p.cache, Options: build.Options{
		Root: p.opt.Root, BaseURL: p.opt.URL, AsOf: p.opt.AsOf, Generator: p.opt.Generator, Log: p.opt.Log}}
	err := steps(render).Run(context.Background(), st)
	p.track(st.Check)
	if errors.Is(err, build.ErrCheck) {
		p.needFull = full // Hugo has seen none of it yet
		p.live.Publish(func() { p.publish(b, shown(st.Check.Diagnostics), nil) })
		return
	}
	if err != nil { // the model failed; a render publishes its own outcome
		p.live.Publish(func() { p.publish(b, problems(err), nil) })
	}
	// Hugo saw the changes, or a failed render starts from scratch next time.
	p.pending, p.needFull = nil, false
}

// publish makes probs the problems every page shows, and artifacts (when not nil) the
// files served from the site folder, under a new build number, which b (when not nil)
// records with the problems.
func (p *Preview) publish(b *Build, probs diag.List, artifacts map[string]string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	p.problems = probs
	if artifacts != nil {
		p.artifacts = artifacts
	}
	if b != nil {
		b.Seq, b.Problems = p.seq, probs
	}
}

// statementsOnly reports whether events are edits of evidence statements alone, after
// a good build: files written in place (no link, no rename) whose front matter and
// diagnostics are what the last check saw (check.FileFacts.StatementOnly). The check,
// the model and every file evident generates would then be the same.
func (p *Preview) statementsOnly(events []fsnotify.Event) bool {
	if len(events) == 0 || p.input == nil || p.needFull || len(p.pending) != len(events) {
		return false
	}
	p.mu.RLock()
	ok := len(p.problems) == 0
	p.mu.RUnlock()
	if !ok {
		return false
	}
	for _, ev := range events {
		rel, inside := p.rel(ev.Name)
		if !inside || !strings.HasPrefix(rel, check.EvidenceDir+"/") || !strings.HasSuffix(rel, ".md") ||
			ev.Op&^(fsnotify.Write|fsnotify.Chmod) != 0 {
			return false
		}
		fi, err := os.Lstat(ev.Name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > check.MaxEvidenceSize {
			return false
		}
		data, err := os.ReadFile(ev.Name)
		if err != nil || !p.cache.StatementOnly(rel, data) {
			return false
		}
	}
	return true
}

// renderStale renders the page r asks for if the last rebuild left it stale: rebuilds
// render only the pages browsers looked at lately (site.Live). A failure shows in every
// page like a failed build's, and the next build renders from scratch.
func (p *Preview) renderStale(r *http.Request) {
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	if p.input == nil {
		return
	}
	err := p.live.Render(*p.input, r.URL.Path, navigation(r))
	if err == nil {
		return
	}
	p.needFull = true
	p.live.Publish(func() { p.publish(nil, problems(err), nil) })
	p.hub.broadcast(p.current())
}

// navigation reports whether r is a browser's request for a page to show, rather than
// for a style sheet, a script or a download.
func navigation(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Mode") == "navigate" {
		return true
	}
	p := r.URL.Path
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") || !strings.Contains(path.Base(p), ".")
}

// steps are the build's pipeline as the preview runs it: render swapped for one into
// memory, and nothing copied, digested or published on disk.
func steps(render func(context.Context, *build.State) error) build.Steps {
	return build.Pipeline.Skip("artifacts", "integrity", "publish").Swap("render", render)
}

// needsFull reports whether the pending changes need a render from scratch: a folder
// Hugo reads appeared since the last one (Hugo only reads the folders it saw at its
// start), or a file is gone (a partial rebuild leaves its page published).
func (p *Preview) needsFull() bool {
	for _, ev := range p.pending {
		rel, _ := p.rel(ev.Name)
		if !p.dirs[firstDir(rel)] {
			return true
		}
		if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
			if _, err := os.Lstat(ev.Name); err != nil {
				return true
			}
		}
	}
	return false
}

// hugoDirsNow returns the folders Hugo reads that the site has.
func (p *Preview) hugoDirsNow() map[string]bool {
	out := map[string]bool{}
	for _, d := range hugoDirs {
		if fi, err := os.Stat(filepath.Join(p.opt.Root, d)); err == nil && fi.IsDir() {
			out[d] = true
		}
	}
	return out
}

// Close stops the reload streams and releases Hugo. Handler keeps answering with the
// last output, without reloads.
func (p *Preview) Close() error {
	p.hub.close()
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	return p.live.Close()
}

// hugoDirs are the folders of a site whose files Hugo's partial rebuild takes: those
// Hugo reads, but static/, which is served as it is.
var hugoDirs = slices.DeleteFunc(slices.Clone(check.HugoDirs), func(d string) bool { return d == "static" })

// watchDirs are the folders watched with all their subfolders.
var watchDirs = check.HugoDirs

// forHugo reports whether abs is a file that Hugo's partial rebuild takes: in a folder
// Hugo reads, and neither evident.toml nor a catalog. Those, like artifacts and SBOMs,
// reach Hugo through the files evident generates, which Live compares: only a change
// of Hugo's own configuration renders from scratch.
func (p *Preview) forHugo(abs string) bool {
	rel, ok := p.rel(abs)
	return ok && rel != config.File && !p.catalogs[abs] && slices.Contains(hugoDirs, firstDir(rel))
}

// rel returns the slash-separated path of abs inside the site, if it is inside.
func (p *Preview) rel(abs string) (string, bool) {
	r, err := filepath.Rel(p.opt.Root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func firstDir(rel string) string {
	first, _, _ := strings.Cut(rel, "/")
	return first
}

// track records the files outside Hugo's folders that the site refers to (catalogs,
// artifacts, SBOMs), also when they do not exist yet, so that the watcher sees them.
func (p *Preview) track(res *check.Result) {
	p.catalogs, p.refs = map[string]bool{}, map[string]bool{}
	add := func(rel string, m ...map[string]bool) {
		if rel == "" || path.IsAbs(rel) || strings.Contains(rel, `\`) || slices.Contains(strings.Split(rel, "/"), "..") {
			return
		}
		abs := filepath.Join(p.opt.Root, filepath.FromSlash(rel))
		for _, x := range m {
			x[abs] = true
		}
	}
	if res.Config != nil {
		for _, ref := range res.Config.Catalogs {
			if !slices.Contains(catalog.Builtins, ref.Value) {
				add(ref.Value, p.catalogs, p.refs)
			}
		}
	}
	for _, e := range res.Evidence {
		files := []*evidence.File{e.File}
		for _, tr := range e.Translations {
			files = append(files, tr)
		}
		for _, f := range files {
			for _, a := range f.Artifacts {
				add(a.Path.Value, p.refs)
			}
			for _, s := range f.SBOMs {
				add(s.Path.Value, p.refs)
			}
		}
	}
}

// referenced returns a copy of the files the last check referred to.
func (p *Preview) referenced() map[string]bool {
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	return maps.Clone(p.refs)
}

// artifactFiles maps the URL of every published artifact and SBOM to its path in the site.
func artifactFiles(in site.Input) map[string]string {
	out := map[string]string{}
	add := func(rel string) { out["/"+rel] = rel }
	for _, e := range in.Model.Evidence {
		for _, a := range e.Artifacts {
			add(a.Path)
		}
	}
	for _, s := range in.Model.SBOMs {
		add(s.Path)
	}
	return out
}

// shown are the diagnostics the overlay lists: errors and warnings, not notices.
func shown(l diag.List) diag.List {
	out := diag.List{}
	for _, d := range l {
		if d.Severity != diag.Notice {
			out = append(out, d)
		}
	}
	return out
}

func warnings(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Warning {
			out = append(out, d)
		}
	}
	return out
}

// problems turns a render error into diagnostics.
func problems(err error) diag.List {
	var re site.RenderError
	if errors.As(err, &re) && len(re.List) > 0 {
		return slices.Clone(re.List)
	}
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return diag.List{d}
	}
	return diag.List{diag.Errorf(diag.Position{}, "render", "%v", err)}
}
