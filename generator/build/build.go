// Package build is evident's pipeline: a list of named steps (Pipeline), run in order.
// The first five are those of package check (check.Steps), which collect every problem
// as a diagnostic; the model step goes no further on a site with errors.
//
//	config     evident.toml, and the key that signs SHA256SUMS
//	catalogs   the built-in catalogs and the site's own files
//	evidence   the evidence files, grouped with their translations
//	check      requirements, products, paths, SBOMs, review dates
//	coverage   the coverage matrix
//	model      the declaration as data, artifacts digested: a build first copies them into a
//	           fresh folder beside the destination, reading each once, several at a time
//	render     Hugo renders the site into the same folder, each file digested and compressed
//	           for the archive as it is written (see written)
//	artifacts  the copied artifacts, SBOMs and release files beside the pages, with .sha256 sidecars
//	integrity  integrity.json, then SHA256SUMS over everything
//	publish    the new output swapped in for the destination
//
// Run runs every step. The preview runs the same list with render swapped for its own,
// into memory, and without the last three. Adding a step is one entry of Pipeline.
//
// A build refuses to publish a site with errors, and it publishes atomically: the output
// is rendered into a fresh folder beside the destination and swapped in only when every
// step succeeded, so a failed or interrupted build leaves the previous output untouched.
//
// The destination never holds anything but evident's output, so that replacing it
// destroys nothing else. It must be a folder that does not exist yet, an empty folder,
// or an earlier output of evident (its declaration.json starts with evident's generator
// field); never a file, and never a folder that contains the site. Inside the site
// folder, it must be under a top-level folder that the build does not read: not
// evident.toml, not a folder Hugo reads (archetypes, assets, content, data, i18n,
// layouts, static, themes), and not a folder holding a catalog, artifact or SBOM of the
// site. So SITE/public (the default) and SITE/out/public are fine, SITE/artifacts/public
// is not when an artifact is under artifacts/. Symbolic links are resolved first: a link
// to an earlier output stays a link, and the folder it points at is replaced.
//
// The temporary output is SITE/.public.evident-PID-N for SITE/public, named by the
// process that builds it. A build killed before it finished leaves it behind; the next
// build of the same destination removes every such folder whose process is gone, and
// never one that a running build uses.
//
// Cancelling the context stops a build between steps and between read chunks of the
// artifact copies: it then removes its temporary output, publishes nothing and returns an
// error wrapping the context's error.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/csaf"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/site"
)

// Files that the integrity step writes at the root of the output.
const (
	SumsFile     = "SHA256SUMS"
	SumsSig      = "SHA256SUMS.sig"
	ManifestFile = "integrity.json"
)

// Options configure a build.
type Options struct {
	Root        string // absolute site folder
	Destination string // absolute output folder; default <Root>/public
	BaseURL     string // overrides evident.toml's baseURL when set
	AsOf        time.Time
	Generator   string    // "evident VERSION", printed in the footer and declaration.json
	Log         io.Writer // Hugo's warnings; nil discards them
	// CSAFKey signs the CSAF documents of the site's advisories (evident build --csaf-key):
	// the private key of [advisories] openpgpKey. Without it they are published unsigned,
	// which Run refuses for a site that names a key; the preview and Declare accept it.
	CSAFKey *csaf.Key

	requireKey bool // set by Run: a site that names an OpenPGP key must be signed
}

// Report says what a build did.
type Report struct {
	// Check is the site's check. Its parsed files (Evidence, Releases, Advisories) are let
	// go once the model is made: Run's render leaves Hugo their memory.
	Check *check.Result
	Model *model.Declaration
	Files []integrity.Entry // every published file but SHA256SUMS itself
}

// ErrCheck is returned when the site has errors and nothing was published.
var ErrCheck = errors.New("the site has errors; nothing was published")

// Run checks and builds the site: every step of Pipeline. On check errors it returns
// ErrCheck with the report, whose Check.Diagnostics says why. A destination that breaks
// the rule of the package doc is refused with an unsafe-destination diagnostic.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if opt.Generator == "" {
		opt.Generator = "evident" // the mark of an earlier output
	}
	st := newRun(opt)
	defer st.cleanup() // gone after the swap; the half-built output after a failure
	err := Pipeline.Run(ctx, st)
	return &st.Report, err
}

// newRun is the state of a build that Run starts: the site's CSAF documents must be
// signed, and the model step copies the artifacts.
func newRun(opt Options) *State {
	opt.requireKey = true
	return &State{Options: opt, stage: true}
}

// buildModel makes the declaration model of a site without errors, at the base URL of
// the options when they give one. A build copies the artifacts first (stage), so that
// the model finds their digests without reading them again.
func buildModel(ctx context.Context, st *State) error {
	if !st.Check.OK(false) {
		return ErrCheck
	}
	if st.stage {
		if err := stage(ctx, st); err != nil {
			return err
		}
	}
	if u := st.BaseURL; u != "" {
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		st.Check.Config.BaseURL = u
	}
	in, err := prepare(st.Check, st.Generator, !st.noDigests, signing{st.CSAFKey, st.requireKey})
	if err != nil {
		return err
	}
	st.Input, st.Model = in, in.Model
	return nil
}

// render renders the site into a fresh folder beside the destination.
func render(ctx context.Context, st *State) error {
	if err := st.makeOutput(); err != nil {
		return err
	}
	w, err := newWritten(st.out, filepath.Join(st.tmp, tempSpool), archiveDate(st.Model, st.AsOf))
	if err != nil {
		return err
	}
	st.written = w
	// The model has what the parsed files said: 10,000 evidence items hold 26 MB of them.
	st.Check.Evidence, st.Check.Releases, st.Check.Advisories = nil, nil, nil
	in := st.Input
	st.Input.Files = nil // site.Render writes them into its layer, then lets them go
	return site.Render(ctx, in, w, st.out, st.Log)
}

// makeOutput makes the temporary output beside the destination, once: the model step of
// a build copies the artifacts into it, and render renders into it.
func (st *State) makeOutput() error {
	if st.tmp != "" {
		return nil
	}
	dest, err := destination(st.Check, st.Destination)
	if err != nil {
		return err
	}
	tmp, release, err := tempOutput(dest)
	if err != nil {
		return err
	}
	st.dest, st.tmp, st.release = dest, tmp, release
	st.out = filepath.Join(tmp, tempSite)
	return nil
}

// placeArtifacts puts the artifacts, SBOMs and release files that the model step copied
// beside the pages, each with a .sha256 sidecar.
func placeArtifacts(_ context.Context, st *State) error {
	published, err := publishArtifacts(st.staged, filepath.Join(st.tmp, tempFiles), st.out, st.Model)
	st.published = published
	return err
}

// writeIntegrity writes integrity.json, then SHA256SUMS over everything (integrity.json
// included); then the archive of the whole site (ArchiveFile), and both again with the
// archive listed. Artifacts are not read a third time: their digests are known; nor are
// the files the render wrote, digested and compressed as they were written.
func writeIntegrity(_ context.Context, st *State) error {
	exclude := []string{SumsFile, SumsSig, ManifestFile}
	for _, e := range st.published {
		exclude = append(exclude, e.Path)
	}
	var known integrity.Known
	if st.written != nil {
		known = st.written.known
	}
	files, err := integrity.TreeWith(st.out, known, exclude...)
	if err != nil {
		return err
	}
	files = append(files, st.published...)
	// The archive holds the site with its own SHA256SUMS and integrity.json of what it holds;
	// then the site's own are written once, over every file and the archive.
	kept, leftOut, err := archived(files)
	if err != nil {
		return err
	}
	gen := map[string][]byte{}
	if leftOut != nil {
		gen[ArchiveLeftOut] = leftOut
		kept = append(kept, integrity.EntryOf(ArchiveLeftOut, leftOut))
	}
	manifest, sums, _, err := sumsOf(kept)
	if err != nil {
		return err
	}
	gen[ManifestFile], gen[SumsFile] = manifest, sums
	zipped, err := writeArchive(st.out, kept, gen, archiveDate(st.Model, st.AsOf), st.written)
	if err != nil {
		return err
	}
	st.Files, err = writeSums(st.out, append(files, zipped))
	return err
}

// sumsOf returns integrity.json of files, then SHA256SUMS of files and integrity.json, and
// the entries of SHA256SUMS, sorted.
func sumsOf(files []integrity.Entry) (manifest, sums []byte, entries []integrity.Entry, err error) {
	files = sortedEntries(slices.Clone(files))
	var m bytes.Buffer
	if err := integrity.WriteManifest(&m, files); err != nil {
		return nil, nil, nil, err
	}
	files = sortedEntries(append(files, integrity.EntryOf(ManifestFile, m.Bytes())))
	var b bytes.Buffer
	if err := integrity.WriteSums(&b, files); err != nil {
		return nil, nil, nil, err
	}
	return m.Bytes(), b.Bytes(), files, nil
}

// writeSums writes integrity.json of files, then SHA256SUMS of files and integrity.json,
// and returns the entries of SHA256SUMS, sorted.
func writeSums(out string, files []integrity.Entry) ([]integrity.Entry, error) {
	manifest, sums, entries, err := sumsOf(files)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(out, ManifestFile), manifest, 0o644); err != nil {
		return nil, err
	}
	return entries, os.WriteFile(filepath.Join(out, SumsFile), sums, 0o644)
}

// publish swaps the new output in for the destination.
func publish(_ context.Context, st *State) error { return swap(st.tmp, st.dest) }

// staticFiles are the generated files published as they are.
// (declaration.json is the model itself, which the site package publishes.)
func staticFiles(res *check.Result, m *model.Declaration) map[string][]byte {
	files := map[string][]byte{model.SchemaFile: []byte(model.Schema)} // what declaration.json's $schema names
	if st := res.Config.SecurityTxt; st != nil {
		files[".well-known/security.txt"] = securityTxt(res, m)
	}
	// The OSCAL catalog of each framework: what the OSCAL export's sources point at.
	maps.Copy(files, export.OSCALCatalogs(m, res.AsOf))
	maps.Copy(files, downloads(res, m))
	return files
}

// securityTxt writes RFC 9116's security.txt.
func securityTxt(res *check.Result, m *model.Declaration) []byte {
	st := res.Config.SecurityTxt
	var b bytes.Buffer
	for _, c := range st.Contact {
		fmt.Fprintf(&b, "Contact: %s\n", c)
	}
	fmt.Fprintf(&b, "Expires: %s\n", st.Expires.UTC().Format(time.RFC3339))
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	line("Encryption", st.Encryption)
	line("Acknowledgments", st.Acknowledgments)
	line("Policy", st.Policy)
	line("Hiring", st.Hiring)
	langs := st.PreferredLanguages
	if len(langs) == 0 {
		langs = m.Languages
	}
	line("Preferred-Languages", strings.Join(langs, ", "))
	if strings.HasPrefix(m.BaseURL, "http") {
		line("Canonical", m.BaseURL+".well-known/security.txt")
	}
	if m.CSAF != nil { // CSAF 2.0 requirement 8: where the provider metadata is
		line("CSAF", m.CSAF.Metadata.URL)
	}
	return b.Bytes()
}

// publishArtifacts moves the files of the site that the model lists — artifacts, SBOMs,
// and each release's provenance files, downloads and signatures in the site — from
// from, where the model step copied them (staged holds their digests), into out, each
// with a sidecar, and returns their entries. Each must have been copied with the size
// and SHA-256 that the model shows. A download elsewhere is not fetched.
func publishArtifacts(staged map[string]integrity.Entry, from, out string, m *model.Declaration) ([]integrity.Entry, error) {
	var entries []integrity.Entry
	for _, f := range published(m) {
		e, ok := staged[f.Path]
		switch {
		case !ok:
			return nil, fmt.Errorf("%s was not copied with the site's other files", f.Path)
		case e.Size != f.Size || e.SHA256 != f.SHA256:
			return nil, fmt.Errorf("%s changed while the site was being built; build again", f.Path)
		}
		dst := filepath.Join(out, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(dst); err == nil {
			return nil, fmt.Errorf("artifact %s would overwrite a page of the site with the same path; move it, e.g. under artifacts/", f.Path)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.Rename(filepath.Join(from, filepath.FromSlash(f.Path)), dst); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst+".sha256", integrity.Sidecar(e), 0o644); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// published lists the files of the site that the model shows with their digests, each
// once: those of the evidence, the SBOMs, then those of the releases.
func published(m *model.Declaration) []model.File {
	var files []model.File
	for _, slug := range m.EvidenceOrder {
		files = append(files, m.Evidence[slug].Artifacts...)
	}
	for _, s := range m.SBOMs {
		files = append(files, s.File)
	}
	for _, p := range m.Products {
		for _, key := range p.Releases {
			r := m.Releases[key]
			files = append(files, r.Provenance...)
			for _, d := range r.Downloads {
				if !d.External {
					files = append(files, model.File{Path: d.Path, Size: d.Size, SHA256: d.SHA256})
				}
				if d.SignatureFile != nil {
					files = append(files, *d.SignatureFile)
				}
			}
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(files, func(f model.File) bool {
		dup := seen[f.Path]
		seen[f.Path] = true
		return dup
	})
}

func sortedEntries(files []integrity.Entry) []integrity.Entry {
	slices.SortFunc(files, func(a, b integrity.Entry) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// Diagnostics returns the problems behind err, when it carries them.
func Diagnostics(err error) diag.List {
	var re site.RenderError
	if errors.As(err, &re) {
		return re.List
	}
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return diag.List{d}
	}
	return nil
}
