// Package check runs the first half of evident's pipeline, the steps of Steps — config,
// catalogs, evidence, check, coverage — and reports every problem at once, each with its
// position and what to do about it. The build runs them first and refuses to publish on
// errors.
package check

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/advisory"
	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/coverage"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/release"
	"github.com/evident-dev/evident/generator/sbom"
	"github.com/evident-dev/evident/generator/suggest"
	"github.com/evident-dev/evident/internal/parallel"
	"golang.org/x/crypto/ssh"
)

// EvidenceDir is where evidence files live, relative to the site root.
const EvidenceDir = "content/evidence"

// MaxEvidenceSize bounds an evidence file; large documents belong in artifacts.
const MaxEvidenceSize = 8 << 20

// Options change how a site is checked.
type Options struct {
	// AsOf is the day staleness is measured from. Zero means the newest date in the
	// content (the declaration date or a review date), so that a check never depends
	// on the clock; the CLI passes SOURCE_DATE_EPOCH or the last git commit instead.
	AsOf time.Time
	// Cache, when set, keeps SBOM summaries and artifact digests from one check to the
	// next (the preview); nil starts an empty one.
	Cache *FileFacts
}

// Result is a checked site: everything the build needs, and every problem found.
type Result struct {
	Root        string // absolute site folder
	Config      *config.Config
	Catalogs    *catalog.Set
	Evidence    []*Evidence              // sorted by slug
	Releases    []*Release               // sorted by key
	Advisories  []*Advisory              // sorted by slug
	SBOMs       map[string]*sbom.Summary // by site-relative path
	Matrix      *coverage.Matrix
	AsOf        time.Time
	Cache       *FileFacts // what was read out of SBOMs; the build digests artifacts through it
	Diagnostics diag.List  // sorted
	// CSAFKey is the OpenPGP public key of [advisories] openpgpKey as the check read it
	// and found good; nil without one.
	CSAFKey []byte

	state *checker // what the steps pass on to each other
}

// Evidence is one evidence item: its default-language file and translations.
type Evidence struct {
	Slug         string
	File         *evidence.File
	Translations map[string]*evidence.File // by language
	Items        []*catalog.Item           // the requirements it addresses, resolved, in file order
	Stale        bool
}

// Release is one release of a product: its default-language file and translations.
type Release struct {
	Key          string // "product/version"
	File         *release.File
	Translations map[string]*release.File // by language
}

// OK reports whether the site can be published: no errors (and, when strict, no warnings).
func (r *Result) OK(strict bool) bool {
	if r.Diagnostics.HasErrors() {
		return false
	}
	return !strict || r.Diagnostics.Count(diag.Warning) == 0
}

// Run checks the site in root, an absolute folder: every step of Steps, in order.
func Run(root string, opt Options) *Result {
	res := New(root, opt)
	for _, s := range Steps {
		s.Run(res)
	}
	return res
}

// New returns the site in root, an absolute folder, not checked yet: Run runs its
// Steps, and the build runs them one by one as the first steps of its pipeline.
func New(root string, opt Options) *Result {
	cache := opt.Cache
	if cache == nil {
		cache = &FileFacts{}
	}
	c := &checker{Result: &Result{Root: root, SBOMs: map[string]*sbom.Summary{}, Cache: cache}, opt: opt, fsys: os.DirFS(root), broken: map[string]bool{}, seen: map[string]bool{}}
	c.state = c
	return c.Result
}

// Step is one step of the check, named as in the build's pipeline.
type Step struct {
	Name string
	Run  func(*Result) // adds diagnostics and leaves them sorted
}

// Steps are the steps of the check, in order. Each needs the ones before it; those after
// config do nothing when evident.toml cannot be read.
var Steps = []Step{
	{"config", step((*checker).readConfig)},        // evident.toml, and the key that signs SHA256SUMS
	{"catalogs", step((*checker).readCatalogs)},    // the built-in catalogs and the site's own files
	{"evidence", step((*checker).readEvidence)},    // evidence files with their translations; what content/ must not hold
	{"check", step((*checker).checkEvidence)},      // requirements, products, paths, SBOMs, review dates
	{"coverage", step((*checker).computeCoverage)}, // the matrix, and notices for requirements no evidence addresses
}

func step(run func(*checker)) func(*Result) {
	return func(r *Result) {
		run(r.state)
		r.Diagnostics.Sort()
	}
}

type checker struct {
	*Result
	opt        Options
	fsys       fs.FS
	broken     map[string]bool  // evidence, release and advisory files with errors of their own: no further warnings on them
	releases   []*release.File  // the release files read, to group
	advisories []*advisory.File // the advisory files read, to group
	seen       map[string]bool  // entries of the site inspected, by realRel
	links      [][2]string      // symlinks to folders inside the site, to follow: absolute, relative
	realRoot   string           // Root with its symlinks resolved
}

func (c *checker) add(ds ...diag.Diagnostic) { c.Diagnostics = append(c.Diagnostics, ds...) }

func (c *checker) readConfig() {
	cfg, ds := config.Load(c.fsys)
	c.add(ds...)
	if cfg == nil {
		return
	}
	c.Config = cfg
	if sig := cfg.Signature; sig != nil && sig.PublicKey.Value != "" {
		c.checkPublicKey(sig.PublicKey.Value, sig.PublicKey.Pos)
	}
	if a := cfg.Advisories; a != nil && a.OpenPGPKey.Pos.Line > 0 {
		c.checkOpenPGPKey(a.OpenPGPKey)
	}
	if b := cfg.Brand; b != nil {
		c.checkBrand(b)
	}
}

// checkBrand checks that the files [brand] names are in the site, and its links' pages.
func (c *checker) checkBrand(b *config.Brand) {
	for _, f := range []struct {
		ref  config.Ref
		what string
	}{{b.Logo, "logo"}, {b.Favicon, "favicon"}} {
		if f.ref.Value == "" {
			continue
		}
		if _, d := c.sitePath(f.ref.Value, f.ref.Pos, f.what); d != nil {
			c.add(*d)
		}
	}
	for _, l := range b.Nav {
		if l.Page.Value != "" {
			c.checkPage(l.Page)
		}
	}
}

func (c *checker) readCatalogs() {
	if c.Config == nil {
		return
	}
	c.Catalogs = c.loadCatalogs(c.Config.Catalogs)
}

// readEvidence reads the evidence files, and the rest of content/ for paths that leave
// the site, then groups translations with their originals.
func (c *checker) readEvidence() {
	if c.Config == nil {
		return
	}
	c.group(c.readContent())
	c.groupReleases()
	c.groupAdvisories()
}

// checkEvidence validates each item, then its staleness, measured from a day that never
// comes from the clock.
func (c *checker) checkEvidence() {
	if c.Config == nil {
		return
	}
	for _, e := range c.Evidence {
		c.validate(e)
	}
	c.AsOf = c.opt.AsOf
	if c.AsOf.IsZero() {
		c.AsOf = c.newestDate()
	}
	if st := c.Config.SecurityTxt; st != nil {
		c.add(st.CheckExpires(c.AsOf)...) // RFC 9116: in the future, at most a year ahead
	}
	for _, e := range c.Evidence {
		c.staleness(e)
		c.target(e)
	}
	c.checkProducts()
	c.checkReleases()
	c.checkAdvisories()
	c.checkLanguages()
}

// computeCoverage computes the matrix, with notices for requirements that no evidence
// addresses. Requirements addressed to customers (party "customer") are guidance for
// them, not the vendor's gaps: the vendor is never asked for evidence on them.
func (c *checker) computeCoverage() {
	cfg, set := c.Config, c.Catalogs
	if cfg == nil {
		return
	}
	c.Matrix = coverage.Compute(set, productIDs(cfg), c.claims())
	if def := set.Default(); def != nil {
		pos := diag.Position{File: config.File, Line: 1, Col: 1}
		if len(cfg.Catalogs) > 0 {
			pos = cfg.Catalogs[0].Pos
		}
		def.Walk(func(it *catalog.Item) bool {
			if it.Party == catalog.Customer {
				return false
			}
			if it.Level == catalog.Requirement && c.Matrix.Overall(it) == model.NotAddressed {
				c.add(diag.Diagnostic{Pos: pos, Severity: diag.Notice, Code: "not-addressed",
					Message: "requirement " + it.ID.String() + " " + it.Title.In(cfg.Languages[0]) + " is not addressed by any evidence",
					Hint:    "add evidence with requirements = [\"" + it.ID.String() + "\"], or mark it not-applicable with a justification"})
			}
			return it.Level < catalog.Requirement
		})
	}
}

// checkPublicKey checks the key that signs SHA256SUMS: a file in the site holding one
// SSH public key, as ssh-keygen writes it (key.pub).
func (c *checker) checkPublicKey(p string, pos diag.Position) {
	abs, d := c.sitePath(p, pos, "public key")
	if d != nil {
		c.add(*d)
		return
	}
	b, err := os.ReadFile(abs)
	if err == nil {
		_, _, _, _, err = ssh.ParseAuthorizedKey(b)
	}
	if err != nil {
		c.add(diag.Errorf(pos, "bad-key", "%s is not an SSH public key: %v", p, err).
			WithHint("give the .pub file that ssh-keygen -t ed25519 wrote; its private half signs SHA256SUMS in CI"))
	}
}

func productIDs(cfg *config.Config) []string {
	var ids []string
	for _, p := range cfg.Products {
		ids = append(ids, p.ID)
	}
	return ids
}

// HugoDirs are the top-level folders of a site that Hugo reads. Nothing else in the site
// folder reaches Hugo, and a symlink in them must not leave the site.
var HugoDirs = []string{"archetypes", "assets", "content", "data", "i18n", "layouts", "static", "themes"}

// readContent walks the folders Hugo reads, parses every evidence file and reports
// symlinks that leave the site (also from folders that symlinks lead to) and files that
// are not regular.
func (c *checker) readContent() []*evidence.File {
	var (
		files []*evidence.File
		found [][2]string // the evidence files: absolute and site-relative paths
	)
	defer c.followLinks() // once the site's own folders are seen
	for _, dir := range HugoDirs {
		if dir != "content" {
			c.walkLinks(filepath.Join(c.Root, dir))
		}
	}
	contentDir := filepath.Join(c.Root, "content")
	if _, err := os.Stat(filepath.Join(c.Root, filepath.FromSlash(EvidenceDir))); err != nil {
		c.add(diag.Errorf(diag.Position{File: EvidenceDir}, "no-evidence", "the site has no %s folder", EvidenceDir).
			WithHint("put evidence files (Markdown with front matter) in %s/", EvidenceDir))
		return nil
	}
	err := filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		rel := c.rel(p)
		if err != nil {
			c.add(diag.Errorf(diag.Position{File: rel}, "unreadable", "cannot read: %v", unwrap(err)))
			return nil
		}
		if !c.inspect(p, rel, d, true) {
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasPrefix(rel, release.Dir) {
			c.readRelease(p, rel)
			return nil
		}
		if strings.HasPrefix(rel, advisory.Dir) {
			c.readAdvisory(p, rel)
			return nil
		}
		if !strings.HasPrefix(rel, EvidenceDir+"/") {
			return nil
		}
		if ext := path.Ext(rel); ext != ".md" {
			if strings.EqualFold(ext, ".md") || slices.Contains(hugoPageExts, strings.ToLower(ext)) {
				c.add(diag.Errorf(diag.Position{File: rel}, "bad-name", "evidence file names end in .md, not %s; Hugo would publish this file as a page that evident does not check", ext).
					WithHint("rename it to %s (evidence is Markdown with front matter)", strings.TrimSuffix(rel, ext)+".md"))
			}
			return nil
		}
		found = append(found, [2]string{p, rel})
		return nil
	})
	// Read and parsed in parallel; reported in the order of the walk.
	parsed := make([]parsedEvidence, len(found))
	parallel.For(len(found), runtime.GOMAXPROCS(0), func(i int) {
		parsed[i] = c.parseEvidence(found[i][0], found[i][1])
	})
	for i, pe := range parsed {
		c.add(pe.ds...)
		if pe.ds.HasErrors() {
			c.broken[found[i][1]] = true
		}
		if pe.f != nil {
			files = append(files, pe.f)
		}
	}
	if err != nil {
		c.add(diag.Errorf(diag.Position{File: "content"}, "unreadable", "cannot read: %v", err))
	}
	return files
}

// walkLinks reports what under dir must not reach Hugo: see inspect.
func (c *checker) walkLinks(dir string) {
	if _, err := os.Lstat(dir); err != nil {
		return
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			c.add(diag.Errorf(diag.Position{File: c.rel(p)}, "unreadable", "cannot read: %v", unwrap(err)))
			return nil
		}
		c.inspect(p, c.rel(p), d, filepath.Base(dir) == "static")
		return nil
	})
}

// hugoPageExts are the extensions of the files Hugo renders as pages, but .md.
var hugoPageExts = []string{".mdown", ".markdown", ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".rst", ".org"}

// inspect reports an entry of a folder Hugo reads that must not reach it: a symlink that
// leaves the site or cannot be resolved, and a named pipe, device or socket, which would
// block whatever reads it. It returns false for such an entry. A symlink to a folder
// inside the site is queued for followLinks (warn says whether to warn that Hugo does not
// publish through it).
func (c *checker) inspect(abs, rel string, d fs.DirEntry, warn bool) bool {
	c.seen[c.realRel(abs)] = true
	switch t := d.Type(); {
	case t&fs.ModeSymlink != 0:
		if d := c.checkSymlink(abs, rel); d != nil {
			c.add(*d)
			return false
		}
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			if warn {
				c.warnDirLink(abs, rel)
			}
			c.links = append(c.links, [2]string{abs, rel})
		}
	case !t.IsDir() && !t.IsRegular():
		c.add(specialFile(rel))
		return false
	}
	return true
}

// followLinks walks the folders that symlinks inside the site lead to, once each, and
// inspects what the walks of the site's own folders have not seen, at paths through the
// link. Links in a loop end: a folder is walked once, and what was seen is skipped.
func (c *checker) followLinks() {
	followed := map[string]bool{}
	for len(c.links) > 0 {
		abs, rel := c.links[0][0], c.links[0][1]
		c.links = c.links[1:]
		target, err := filepath.EvalSymlinks(abs)
		if err != nil || followed[target] {
			continue
		}
		followed[target] = true
		_ = filepath.WalkDir(target, func(p string, d fs.DirEntry, err error) error {
			if p == target {
				return nil
			}
			r, _ := filepath.Rel(target, p)
			inner := rel + "/" + filepath.ToSlash(r)
			switch {
			case err != nil:
				c.add(diag.Errorf(diag.Position{File: inner}, "unreadable", "cannot read: %v", unwrap(err)))
			case c.seen[c.realRel(p)] && d.IsDir():
				return fs.SkipDir
			case !c.seen[c.realRel(p)]:
				c.inspect(p, inner, d, false)
			}
			return nil
		})
	}
}

// realRel is the path of abs, a path under the site root or its resolved form, relative
// to the site: the same for a file whether reached through a link or not.
func (c *checker) realRel(abs string) string {
	if c.realRoot == "" {
		c.realRoot = c.Root
		if r, err := filepath.EvalSymlinks(c.Root); err == nil {
			c.realRoot = r
		}
	}
	if r, err := filepath.Rel(c.realRoot, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return c.rel(abs)
}

func specialFile(rel string) diag.Diagnostic {
	return diag.Errorf(diag.Position{File: rel}, "special-file", "not a regular file (a named pipe, device or socket); nothing would be read from it").
		WithHint("remove it: evident reads and publishes regular files and folders only")
}

// parsedEvidence is an evidence file as parseEvidence read it (nil when it could not be
// read), with what it reports about it.
type parsedEvidence struct {
	f  *evidence.File
	ds diag.List
}

// parseEvidence reads and parses the evidence file at abs (site-relative rel). It changes
// nothing in c, so that files are parsed in parallel.
func (c *checker) parseEvidence(abs, rel string) (pe parsedEvidence) {
	name := strings.TrimPrefix(rel, EvidenceDir+"/")
	if msg := unsafeName("evidence file name", rel); msg != "" {
		pe.ds = append(pe.ds, diag.Errorf(diag.Position{File: rel}, "unsafe-name", "%s", msg).WithHint("%s", unsafeNameHint))
	} else if r, fixed := urlName(name); fixed != "" {
		pe.ds = append(pe.ds, diag.Errorf(diag.Position{File: rel}, "unsafe-name", "evidence file name %q has %q, which its URL cannot keep", name, string(r)).
			WithHint("rename it to %s: evidence file names are page URLs, made of letters, digits and . _ - + ~ @", fixed))
	}
	data, d := readText(abs, rel, "evidence file", "keep the statement short and publish large documents as [[artifacts]]")
	if d != nil {
		pe.ds = append(pe.ds, *d)
	}
	if data == nil {
		return pe
	}
	f, ds := c.Cache.parse(rel, data)
	pe.f, pe.ds = f, append(pe.ds, ds...)
	return pe // even with errors: grouping it keeps its translations from looking orphaned
}

// readText reads a content file that evident parses, what, of at most MaxEvidenceSize
// bytes, and reports one it does not read; tooLarge says what to do about a larger
// one. It returns nil for a file that is not read.
func (c *checker) readText(abs, rel, what, tooLarge string) ([]byte, bool) {
	data, d := readText(abs, rel, what, tooLarge)
	if d != nil {
		c.add(*d)
	}
	return data, data != nil
}

// readText is checker.readText, with the diagnostic returned.
func readText(abs, rel, what, tooLarge string) ([]byte, *diag.Diagnostic) {
	fi, err := os.Stat(abs)
	if err != nil {
		d := diag.Errorf(diag.Position{File: rel}, "unreadable", "cannot read: %v", unwrap(err))
		return nil, &d
	}
	if !fi.Mode().IsRegular() {
		return nil, nil
	}
	if fi.Size() > MaxEvidenceSize {
		d := diag.Errorf(diag.Position{File: rel, Line: 1, Col: 1}, "too-large", "%s is %.1f MiB; the limit is %d MiB", what, float64(fi.Size())/(1<<20), MaxEvidenceSize>>20).
			WithHint("%s", tooLarge)
		return nil, &d
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		d := diag.Errorf(diag.Position{File: rel}, "unreadable", "cannot read: %v", unwrap(err))
		return nil, &d
	}
	if data == nil {
		data = []byte{} // read, and empty
	}
	return data, nil
}

// checkSymlink reports a symlink under content/ whose target leaves the site.
func (c *checker) checkSymlink(abs, rel string) *diag.Diagnostic {
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		d := diag.Errorf(diag.Position{File: rel}, "bad-symlink", "symlink cannot be resolved: %v", unwrap(err)).
			WithHint("remove the link or point it at a file inside the site")
		return &d
	}
	if !c.inside(target) {
		d := diag.Errorf(diag.Position{File: rel}, "path-escapes", "symlink points outside the site").
			WithHint("evident never reads or publishes files outside the site folder; copy the file into the site instead")
		return &d
	}
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
		d := specialFile(rel)
		return &d
	}
	return nil
}

func (c *checker) inside(abs string) bool {
	root, err := filepath.EvalSymlinks(c.Root)
	if err != nil {
		root = c.Root
	}
	r, err := filepath.Rel(root, abs)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

func (c *checker) rel(abs string) string {
	r, err := filepath.Rel(c.Root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// sitePath checks a path written in the site (an artifact, an SBOM, a catalog file): it
// must be relative, stay inside the site, also through symlinks, and name a regular file.
// It returns the absolute path.
func (c *checker) sitePath(p string, pos diag.Position, what string) (string, *diag.Diagnostic) {
	fail := func(code, hint, format string, args ...any) (string, *diag.Diagnostic) {
		d := diag.Errorf(pos, code, format, args...).WithHint("%s", hint)
		return "", &d
	}
	if msg := unsafeName(what+" path", p); msg != "" {
		return fail("unsafe-name", unsafeNameHint, "%s", msg)
	}
	switch {
	case p == "":
		return fail("bad-path", "give the path of the file relative to the site folder", "%s path is empty", what)
	case strings.Contains(p, `\`):
		return fail("bad-path", "write paths with / as the separator, on every system", "%s path %q uses a backslash", what, p)
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" || hasDrive(p):
		return fail("path-escapes", "write the path relative to the site folder, e.g. artifacts/policy.pdf", "%s path %q is absolute", what, p)
	case slices.Contains(strings.Split(p, "/"), ".."):
		return fail("path-escapes", "evident never reads or publishes files outside the site folder; copy the file into the site", "%s path %q leaves the site", what, p)
	}
	abs := filepath.Join(c.Root, filepath.FromSlash(p))
	fi, err := os.Lstat(abs)
	if err != nil {
		return fail("missing-file", "check the spelling, or add the file to the site", "%s %q does not exist", what, p)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return fail("bad-symlink", "fix or remove the link", "%s %q is a broken symlink", what, p)
		}
		if !c.inside(target) {
			return fail("path-escapes", "evident never reads or publishes files outside the site folder; copy the file into the site", "%s %q is a symlink that points outside the site", what, p)
		}
		if fi, err = os.Stat(abs); err != nil {
			return fail("missing-file", "fix the link", "%s %q cannot be read", what, p)
		}
	} else if target, err := filepath.EvalSymlinks(abs); err != nil || !c.inside(target) {
		return fail("path-escapes", "a folder on the way is a symlink out of the site; copy the file into the site", "%s %q resolves outside the site", what, p)
	}
	if !fi.Mode().IsRegular() {
		return fail("bad-path", "name a file, not a folder", "%s %q is not a regular file", what, p)
	}
	return abs, nil
}

// group pairs translations with their originals and reports duplicates and orphans.
func (c *checker) group(files []*evidence.File) {
	langs := c.Config.Languages
	bySlug := map[string]*Evidence{}
	var translations []*evidence.File
	for _, f := range files {
		if f.Lang != "" && f.Lang != langs[0] {
			translations = append(translations, f)
			continue
		}
		if prev, ok := bySlug[slugKey(f.Slug)]; ok {
			c.add(diag.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "duplicate-slug",
				"%s and %s are both evidence %q", prev.File.Path, f.Path, f.Slug).
				WithHint("rename one of them: evidence URLs come from file names, compared without case, Unicode normalisation and language"))
			continue
		}
		e := &Evidence{Slug: f.Slug, File: f, Translations: map[string]*evidence.File{}}
		bySlug[slugKey(f.Slug)] = e
		c.Evidence = append(c.Evidence, e)
	}
	for _, f := range translations {
		pos := diag.Position{File: f.Path, Line: 1, Col: 1}
		e, ok := bySlug[slugKey(f.Slug)]
		if !c.translationPlaced(f.Path, f.Lang, langs, ok, "the requirements, status and products") {
			continue
		}
		if prev, dup := e.Translations[f.Lang]; dup {
			c.add(diag.Errorf(pos, "duplicate-slug", "%s and %s are both the %q translation of %q", prev.Path, f.Path, f.Lang, f.Slug).
				WithHint("rename or remove one of them"))
			continue
		}
		e.Translations[f.Lang] = f
		c.add(evidence.Compare(e.File, f)...)
	}
	slices.SortFunc(c.Evidence, func(a, b *Evidence) int { return strings.Compare(a.Slug, b.Slug) })
}

// translationPlaced reports whether a translation file (path, in lang) can be placed: its
// language is one of the site's, and it has an original (found) in the default language,
// which gives what gives says. It reports the problem when it cannot.
func (c *checker) translationPlaced(path, lang string, langs []string, found bool, gives string) bool {
	pos := diag.Position{File: path, Line: 1, Col: 1}
	if !slices.Contains(langs, lang) {
		c.add(diag.Errorf(pos, "unknown-language", "%s is in language %q, which the site does not publish", path, lang).
			WithHint("the site's languages are %s (evident.toml); add %q there or rename the file", strings.Join(langs, ", "), lang))
		return false
	}
	if !found {
		c.add(diag.Errorf(pos, "orphan-translation", "translation has no original in the default language (%s)", langs[0]).
			WithHint("add %s, which gives %s", strings.TrimSuffix(path, "."+lang+".md")+".md", gives))
		return false
	}
	return true
}

// validate checks what the evidence package cannot see alone: IDs, products and paths.
func (c *checker) validate(e *Evidence) {
	f := e.File
	seen := map[*catalog.Item]diag.Position{}
	for _, r := range f.Requirements {
		it, d := c.Catalogs.Resolve(r.Value, r.Pos)
		if d != nil {
			c.add(*d)
			continue
		}
		if prev, dup := seen[it]; dup {
			c.add(diag.Diagnostic{Pos: r.Pos, Severity: diag.Warning, Code: "duplicate-requirement",
				Message: "requirement " + c.Catalogs.Format(it.ID) + " is listed twice (first at " + prev.String() + ")", Hint: "remove one of them"})
			continue
		}
		seen[it] = r.Pos
		e.Items = append(e.Items, it)
	}
	for _, p := range f.Products {
		c.checkProduct(p.Value, p.Pos)
	}
	for _, a := range f.Artifacts {
		if a.Path.Set() {
			if _, d := c.sitePath(a.Path.Value, a.Path.Pos, "artifact"); d != nil {
				c.add(*d)
			}
		}
	}
	for _, s := range f.SBOMs {
		if !s.Path.Set() {
			continue
		}
		abs, d := c.sitePath(s.Path.Value, s.Path.Pos, "SBOM")
		if d != nil {
			c.add(*d)
			continue
		}
		if s.Product.Set() {
			c.checkProduct(s.Product.Value, s.Product.Pos)
		}
		sum := c.sbom(abs, s.Path.Value)
		if s.Release.Value != "" {
			c.sbomVersion(sum, s.Path.Value, s.Path.Pos, s.Release.Value)
		}
		c.sbomAttached(f, s, sum)
	}
}

// sbomAttached reports an SBOM that evidence lists without saying which product and release
// it describes, in a site of two or more products: the site cannot place it (a site of one
// product ties every SBOM to that product). The evidence's only product counts as the
// SBOM's product.
func (c *checker) sbomAttached(f *evidence.File, s evidence.SBOM, sum *sbom.Summary) {
	ids := productIDs(c.Config)
	if len(ids) < 2 {
		return
	}
	var missing, add []string
	if s.Product.Value == "" && len(f.Products) != 1 {
		missing = append(missing, "product")
		add = append(add, evidence.Assign(f.Format, "product", strconv.Quote(ids[0]))+" (one of "+strings.Join(ids, ", ")+")")
	}
	if s.Release.Value == "" {
		version, what := "VERSION", "the version of the release"
		if sum != nil && sum.Subject.Version != "" {
			version, what = sum.Subject.Version, "the version the SBOM describes"
		}
		missing = append(missing, "release")
		add = append(add, evidence.Assign(f.Format, "release", strconv.Quote(version))+" ("+what+")")
	}
	if len(missing) == 0 {
		return
	}
	c.add(diag.Errorf(s.Pos, "sbom-unattached", "SBOM %s does not say which %s it is for, and the site has %d products", s.Path.Value, strings.Join(missing, " and "), len(ids)).
		WithHint("add %s to this SBOM's entry, so the SBOM page and the product's page can list it", strings.Join(add, " and ")))
}

func (c *checker) checkProduct(id string, pos diag.Position) {
	if d := c.unknownProduct(id, pos); d != nil {
		c.add(*d)
	}
}

// unknownProduct reports id when evident.toml declares no such product.
func (c *checker) unknownProduct(id string, pos diag.Position) *diag.Diagnostic {
	if _, ok := c.Config.Product(id); ok {
		return nil
	}
	d := diag.Errorf(pos, "unknown-product", "unknown product %q", id)
	ids := productIDs(c.Config)
	switch {
	case len(ids) == 0:
		d = d.WithHint("the site declares no products; add [[products]] with id = %q to evident.toml, or remove products here", id)
	default:
		if near := suggest.Nearest(id, ids); near != "" {
			d.Message += "; did you mean \"" + near + "\"?"
		}
		d = d.WithHint("products declared in evident.toml: %s", strings.Join(ids, ", "))
	}
	return &d
}

// sbom returns the summary of the SBOM at rel, summarising it the first time it is listed.
func (c *checker) sbom(abs, rel string) *sbom.Summary {
	if s, done := c.SBOMs[rel]; done {
		return s
	}
	s := c.summarize(abs, rel)
	c.SBOMs[rel] = s
	return s
}

func (c *checker) summarize(abs, rel string) *sbom.Summary {
	f, err := os.Open(abs)
	if err != nil {
		c.add(diag.Errorf(diag.Position{File: rel}, "unreadable", "cannot read SBOM: %v", unwrap(err)))
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		c.add(diag.Errorf(diag.Position{File: rel}, "unreadable", "cannot read SBOM: %v", unwrap(err)))
		return nil
	}
	if s, ok := lookup(&c.Cache.mu, c.Cache.sboms, abs, fi); ok {
		c.add(s.Warnings...)
		return s
	}
	s, err := sbom.Summarize(rel, f)
	if err != nil {
		var d diag.Diagnostic
		if errors.As(err, &d) {
			c.add(d)
		} else {
			c.add(diag.Errorf(diag.Position{File: rel}, "sbom-unreadable", "cannot read SBOM: %v", err))
		}
		return nil
	}
	store(&c.Cache.mu, &c.Cache.sboms, abs, fi, s)
	c.add(s.Warnings...)
	return s
}

// newestDate is the latest date the content gives: the declaration date, a review, a
// release or an advisory's revision.
func (c *checker) newestDate() time.Time {
	t := c.Config.Declaration.Date
	for _, e := range c.Evidence {
		if r := e.File.Reviewed.Value; r.After(t) {
			t = r
		}
	}
	for _, r := range c.Releases {
		if d := r.File.Date.Value; d.After(t) {
			t = d
		}
	}
	for _, a := range c.Advisories {
		for _, r := range a.File.Revisions {
			if d := r.Date.Value; d.After(t) {
				t = d
			}
		}
	}
	return t
}

func (c *checker) staleness(e *Evidence) {
	f := e.File
	if c.broken[f.Path] {
		return
	}
	if !f.Reviewed.Set() {
		c.add(diag.Diagnostic{Pos: diag.Position{File: f.Path, Line: 1, Col: 1}, Severity: diag.Warning, Code: "no-review-date",
			Message: "evidence has no review date", Hint: "add reviewed = " + c.AsOf.Format(time.DateOnly) + " (the day it was last checked)"})
		return
	}
	days := c.Config.ReviewDays
	if days == 0 || c.AsOf.IsZero() {
		return
	}
	if due := f.Reviewed.Value.AddDate(0, 0, days); c.AsOf.After(due) {
		e.Stale = true
		c.add(diag.Diagnostic{Pos: f.Reviewed.Pos, Severity: diag.Warning, Code: "stale",
			Message: "evidence was last reviewed on " + f.Reviewed.Value.Format(time.DateOnly) + ", more than " + strconv.Itoa(days) + " days before " + c.AsOf.Format(time.DateOnly),
			Hint:    "review it and update reviewed, or change reviewDays in evident.toml"})
	}
}

// target warns about planned evidence whose target date is before the check's day.
func (c *checker) target(e *Evidence) {
	f := e.File
	if c.broken[f.Path] || !f.Target.Set() || f.Status.Value != evidence.Planned || !f.Target.Value.Before(c.AsOf) {
		return
	}
	c.add(diag.Diagnostic{Pos: f.Target.Pos, Severity: diag.Warning, Code: "target-passed",
		Message: "planned evidence has a target of " + f.Target.Value.Format(time.DateOnly) + ", before " + c.AsOf.Format(time.DateOnly),
		Hint:    "update the evidence: its new status, or a new target date that customers can rely on"})
}

// claims turns the checked evidence into coverage claims.
func (c *checker) claims() []coverage.Claim {
	var out []coverage.Claim
	for _, e := range c.Evidence {
		var products []string
		for _, p := range e.File.Products {
			products = append(products, p.Value)
		}
		st := e.File.Status.Value
		if !slices.Contains(evidence.Statuses, st) {
			continue // a bad status is already an error
		}
		for _, it := range e.Items {
			out = append(out, coverage.Claim{Item: it, Status: st, Products: products, Evidence: e.Slug})
		}
	}
	return out
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
