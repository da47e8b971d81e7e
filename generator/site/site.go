// Package site renders a checked declaration into a static site with Hugo, used as a
// library. Every import of Hugo in evident is in this package, so that an upgrade of
// Hugo touches one place.
//
// The user's site folder is seen by Hugo through two layers: a layer with what evident
// generates (hugo.toml, data/evident.json, the requirement and section pages, the
// embedded theme; in memory for the preview, in a folder of the render's cache for a
// build) over a read-only view of the folder that shows Hugo only its own folders
// (content, layouts, static, ...). Nothing is ever written into the
// site folder, and the user's own files win over generated pages of the same name.
package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/bep/logg"
	"github.com/bep/overlayfs"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/themes"
)

// DeclarationFile is where the declaration model is published as JSON.
const DeclarationFile = "declaration.json"

// Input is what a render needs.
type Input struct {
	Root  string             // absolute path of the site folder
	Model *model.Declaration // the checked declaration
	// Hugo holds the site's [hugo] settings, passed through to Hugo's configuration.
	Hugo map[string]any
	// Files are published as they are, at these site paths (declaration.json, security.txt ...).
	Files map[string][]byte
	// History are the published versions of the declaration, oldest first (see Version):
	// the /declarations/ pages. None: no such pages.
	History []Version
}

// Render renders the site into dest, an absolute directory that Render creates, writing
// through out (afero.NewOsFs(), or a layer over it that sees every file written).
// Errors from Hugo (a broken template, a bad page) come back as diagnostics with the
// position Hugo gives, relative to the site folder. When ctx is cancelled, Render
// returns an error wrapping ctx.Err() at once; Hugo may have written part of dest
// by then, but writes nothing more, and the caller removes it.
func Render(ctx context.Context, in Input, out afero.Fs, dest string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	cache, err := newCacheDir(os.TempDir())
	if err != nil {
		return err
	}
	defer cache.Remove()

	src, err := in.layer(filepath.Join(cache.path, generatedDir))
	if err != nil {
		return err
	}
	in.Files = nil // written into the layer: the heap need not hold them while Hugo runs
	defer leanRender()()
	h, err := in.buildSites(ctx, src, hugoOptions{dest: out, publishDir: dest, cacheDir: cache.path, log: log})
	if err != nil {
		return err
	}
	err = copyStatic(src, in.Root, out, dest)
	h.Close()
	// Hugo's sites are garbage now, most of the heap: collected here, under the render's
	// memory limit, they do not make the next steps' heap grow to twice what they held.
	runtime.GC()
	return err
}

// stuckTries is how many times buildSites renders from scratch when Hugo gets stuck
// (see runBuild): each time has the same chance to be stuck (up to 4 in 10), and
// only a render that finishes tells which template failed. The second is a probe of a
// few pages, which Hugo finishes.
const stuckTries = 5

// buildSites creates Hugo's sites over src and builds them into o.dest. A build that Hugo
// cannot finish is given up and done again with new sites, into an emptied
// o.publishDir; the last is reported as a render problem when all were stuck.
func (in Input) buildSites(ctx context.Context, src afero.Fs, o hugoOptions) (*hugolib.HugoSites, error) {
	dest, render := o.dest, o.render
	for try := 1; ; try++ {
		// After the first stuck render, the second renders the home pages and the 404
		// page alone: fewer than the ten failed pages after which Hugo gives up, so
		// that Hugo reports the template that fails on every page, as it then does.
		probe := try == 2
		o.render = render
		if probe {
			o.render = newRenderSet()
		}
		gate := &gatedFs{Fs: dest}
		o.dest = gate
		h, err := newSites(src, in.Root, o)
		if err != nil {
			return nil, in.hugoError(err)
		}
		err = runBuild(ctx, h, hugolib.BuildCfg{})
		if err == nil && !probe {
			return h, nil
		}
		gate.Close() // a build given up writes nothing more
		if cerr := ctx.Err(); cerr != nil {
			if !errors.Is(err, cerr) {
				err = fmt.Errorf("render: %w", cerr)
			}
			return nil, err // Hugo may still run: leave its sites alone
		}
		if err != nil && !errors.Is(err, errStuck) {
			err = in.buildError(h, err)
			h.Close()
			return nil, err
		}
		h.Close() // nothing of it runs any more (or it is the probe's part of the site)
		if try == stuckTries {
			return nil, RenderError{List: diag.List{stuckDiagnostic()}}
		}
		if err := dest.RemoveAll(o.publishDir); err != nil {
			return nil, err
		}
	}
}

// stuckDiagnostic reports a render that Hugo could never finish.
func stuckDiagnostic() diag.Diagnostic {
	return diag.Errorf(diag.Position{File: "layouts"}, "render",
		"at least 10 pages failed to render, and Hugo stopped without saying which template failed").
		WithHint("a template or partial that every page uses is broken; check the site's layouts/ folder, or build again to see which")
}

// generatedDir is the folder of a render's cache that holds the files evident generates.
const generatedDir = "evident-generated"

// layer builds Hugo's source filesystem: the files evident generates over the sandboxed
// site folder. They are written into dir and read from there, not kept in memory: 10,000
// evidence items generate 31 MB (data/evident.json and declaration.json are 13 MB each),
// which the heap would hold while Hugo runs.
func (in Input) layer(dir string) (afero.Fs, error) {
	gen, err := in.generated()
	if err != nil {
		return nil, err
	}
	if err := writeGenerated(dir, gen); err != nil {
		return nil, err
	}
	// Hugo makes its cache folder through the source filesystem: in memory, on top.
	return overlayfs.New(overlayfs.Options{Fss: []afero.Fs{afero.NewMemMapFs(), newGeneratedFs(in.Root, dir), newSandboxFs(in.Root)}, FirstWritable: true}), nil
}

// writeGenerated writes files, by slash path relative to the site folder, into dir.
func writeGenerated(dir string, files map[string][]byte) error {
	for rel, b := range files {
		p := filepath.FromSlash(rel)
		if !filepath.IsLocal(p) {
			return &fs.PathError{Op: "generate", Path: rel, Err: fs.ErrInvalid}
		}
		if err := writeFile(filepath.Join(dir, p), b); err != nil {
			return err
		}
	}
	return nil
}

// putFile writes data at the site-relative path rel of the in-memory layer.
func putFile(mem afero.Fs, root, rel string, data []byte) error {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := mem.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(mem, p, data, 0o644)
}

// generated returns every file evident puts in the in-memory layer, by site-relative
// path: hugo.toml, data/evident.json, the generated pages, the published files under
// static/ and the embedded theme.
func (in Input) generated() (map[string][]byte, error) {
	out := map[string][]byte{}
	cfg, err := hugoConfig(in.Model, in.Hugo)
	if err != nil {
		return nil, err
	}
	out["hugo.toml"] = cfg
	data, err := export.JSON(in.Model)
	if err != nil {
		return nil, err
	}
	// The same bytes are the templates' data and the published declaration.json.
	out["data/evident.json"] = data
	out["static/"+DeclarationFile] = data
	if out["data/evidentpages.json"], err = evidencePages(in.Model); err != nil {
		return nil, err
	}
	if len(in.History) > 0 {
		if out["data/evidenthistory.json"], err = export.JSON(in.History); err != nil {
			return nil, err
		}
	}
	gen, err := pages(in.Model, in.History)
	if err != nil {
		return nil, err
	}
	for rel, b := range gen {
		if !in.userHasPage(rel) {
			out[rel] = b
		}
	}
	for rel, b := range in.Files {
		out[path.Join("static", rel)] = b
	}
	err = fs.WalkDir(themes.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := themes.FS.ReadFile(p)
		out[path.Join("themes", p)] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	// The theme speaks Japanese and English; other languages get its English strings
	// (Hugo itself would fall back to the default language).
	for _, lang := range in.Model.Languages {
		p := "themes/evident/i18n/" + lang + ".toml"
		if _, ok := out[p]; !ok {
			out[p] = out["themes/evident/i18n/en.toml"]
		}
	}
	return out, nil
}

// userHasPage reports whether the site folder has its own page where evident would
// generate rel. An index page is also given by the other kind of index (a section's
// _index.md or a bundle's index.md) and by a leaf page of the same name:
// content/about/_index.md by content/about/index.md and content/about.md.
func (in Input) userHasPage(rel string) bool {
	candidates := []string{rel}
	dir, file := path.Split(rel)
	suffix, isIndex := strings.CutPrefix(file, "_index")
	if !isIndex {
		suffix, isIndex = strings.CutPrefix(file, "index")
	}
	if isIndex { // suffix is ".md" or ".en.md"
		candidates = append(candidates, dir+"_index"+suffix, dir+"index"+suffix)
		if dir != "content/" {
			candidates = append(candidates, strings.TrimSuffix(dir, "/")+suffix)
		}
	}
	for _, c := range candidates {
		if _, err := os.Lstat(filepath.Join(in.Root, filepath.FromSlash(c))); err == nil {
			return true
		}
	}
	return false
}

type hugoOptions struct {
	dest       afero.Fs
	publishDir string
	cacheDir   string
	running    bool       // preview: rebuilds on events (Hugo's livereload script is disabled)
	baseURL    string     // preview: the URL the preview is served at
	render     *renderSet // preview: the pages Hugo renders; nil: all
	log        io.Writer
}

// newSites is the call sequence of reference/hugo-as-library.md: flags, LoadConfig, Fs, NewHugoSites.
func newSites(src afero.Fs, root string, o hugoOptions) (*hugolib.HugoSites, error) {
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        io.Discard,
		StdErr:        o.log,
		DistinctLevel: logg.LevelWarn,
		StoreErrors:   true,
	})
	flags := config.New() // overrides hugo.toml, like command-line flags
	flags.Set("workingDir", root)
	flags.Set("publishDir", o.publishDir)
	flags.Set("cacheDir", o.cacheDir)
	flags.Set("noBuildLock", true) // no .hugo_build.lock in the user's folder
	if o.running {
		// Fast render: a rebuild renders only the pages a browser looked at lately (and
		// the changed ones); Live.Render renders any other page when it is asked for.
		flags.Set("internal", hmaps.Params{"running": true, "watch": true, "fastRenderMode": true})
		flags.Set("baseURL", o.baseURL)
		flags.Set("disableLiveReload", true) // the preview server injects its own reload script
	}
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:        src,
		Flags:     flags,
		Logger:    logger,
		Filename:  filepath.Join(root, "hugo.toml"),
		ConfigDir: filepath.Join(root, "themes", ".no-config-dir"),
		// Non-empty, so that HUGO_* variables of the environment do not leak in.
		Environ: []string{"EVIDENT=1"},
	})
	if err != nil {
		return nil, err
	}
	if o.render != nil {
		o.render.install(configs)
	}
	hfs := hugofs.NewFromSourceAndDestination(src, o.dest, flags)
	return hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       hfs,
		LogLevel: logger.Level(),
		StdOut:   logger.StdOut(),
		StdErr:   logger.StdErr(),
	})
}

// hugoError turns an error from Hugo into a diagnostic with a site-relative position.
func (in Input) hugoError(err error) error {
	fes := herrors.UnwrapFileErrors(err)
	if len(fes) == 0 {
		return fmt.Errorf("hugo: %w", err)
	}
	var list diag.List
	seen := map[string]bool{}
	for _, fe := range fes {
		p := fe.Position()
		file := p.Filename
		if rel, rerr := filepath.Rel(in.Root, file); rerr == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
		msg := fe.Error()
		if i := strings.LastIndex(msg, "\": "); i >= 0 && strings.HasPrefix(msg, "\"") {
			msg = msg[i+3:]
		}
		d := diag.Errorf(in.templatePos(diag.Position{File: file, Line: p.LineNumber, Col: p.ColumnNumber}, msg), "render", "%s", msg).
			WithHint("fix the template or page; a site's own layouts/ override the theme's")
		if !seen[d.Error()] {
			seen[d.Error()] = true
			list = append(list, d)
		}
	}
	list.Sort()
	return RenderError{List: list}
}

// RenderError carries every problem Hugo reported.
type RenderError struct{ List diag.List }

func (e RenderError) Error() string {
	var b bytes.Buffer
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Diagnostics returns the problems, for callers that print them.
func (e RenderError) Diagnostics() diag.List { return e.List }
