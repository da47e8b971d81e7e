// Package build is evident's pipeline: a list of named steps (Pipeline), run in order.
// The first five are those of package check (check.Steps), which collect every problem
// as a diagnostic; the model step goes no further on a site with errors.
//
//	config     evident.toml, and the key that signs SHA256SUMS
//	catalogs   the built-in catalogs and the site's own files
//	evidence   the evidence files, grouped with their translations
//	check      requirements, products, paths, SBOMs, review dates
//	coverage   the coverage matrix
//	model      the declaration as data, artifacts digested
//	render     Hugo renders the site into a fresh folder beside the destination
//	artifacts  artifacts, SBOMs and release files copied beside the pages, with .sha256 sidecars
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
// artifact copy: it then removes its temporary output, publishes nothing and returns an
// error wrapping the context's error.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/diag"
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
}

// Report says what a build did.
type Report struct {
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
	st := &State{Options: opt}
	defer st.cleanup() // gone after the swap; the half-built output after a failure
	err := Pipeline.Run(ctx, st)
	return &st.Report, err
}

// buildModel makes the declaration model of a site without errors, at the base URL of
// the options when they give one.
func buildModel(_ context.Context, st *State) error {
	if !st.Check.OK(false) {
		return ErrCheck
	}
	if u := st.BaseURL; u != "" {
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		st.Check.Config.BaseURL = u
	}
	in, err := prepare(st.Check, st.Generator, !st.noDigests)
	if err != nil {
		return err
	}
	st.Input, st.Model = in, in.Model
	return nil
}

// render renders the site into a fresh folder beside the destination.
func render(ctx context.Context, st *State) error {
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
	return site.Render(ctx, st.Input, st.out, st.Log)
}

// copyArtifacts copies artifacts, SBOMs and release files, each with a .sha256 sidecar; their digests
// are checked while they are copied.
func copyArtifacts(ctx context.Context, st *State) error {
	published, err := publishArtifacts(ctx, st.Root, st.out, st.Model)
	st.published = published
	return err
}

// writeIntegrity writes integrity.json, then SHA256SUMS over everything (integrity.json
// included). Artifacts are not read a third time: their digests are known.
func writeIntegrity(_ context.Context, st *State) error {
	exclude := []string{SumsFile, SumsSig, ManifestFile}
	for _, e := range st.published {
		exclude = append(exclude, e.Path)
	}
	files, err := integrity.Tree(st.out, exclude...)
	if err != nil {
		return err
	}
	files = sortedEntries(append(files, st.published...))
	var manifest bytes.Buffer
	if err := integrity.WriteManifest(&manifest, files); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(st.out, ManifestFile), manifest.Bytes(), 0o644); err != nil {
		return err
	}
	mf, err := integrity.DigestFile(filepath.Join(st.out, ManifestFile))
	if err != nil {
		return err
	}
	mf.Path = ManifestFile
	files = sortedEntries(append(files, mf))
	var sums bytes.Buffer
	if err := integrity.WriteSums(&sums, files); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(st.out, SumsFile), sums.Bytes(), 0o644); err != nil {
		return err
	}
	st.Files = files
	return nil
}

// publish swaps the new output in for the destination.
func publish(_ context.Context, st *State) error { return swap(st.tmp, st.dest) }

// staticFiles are the generated files published as they are.
// (declaration.json is the model itself, which the site package publishes.)
func staticFiles(res *check.Result, m *model.Declaration) map[string][]byte {
	files := map[string][]byte{}
	if st := res.Config.SecurityTxt; st != nil {
		files[".well-known/security.txt"] = securityTxt(res, m)
	}
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
	return b.Bytes()
}

// publishArtifacts copies the files of the site that the model lists — artifacts, SBOMs,
// and each release's provenance files, downloads and signatures in the site — into out, streamed,
// with sidecars, and returns their entries. A download elsewhere is not fetched. It
// stops at the next read chunk once ctx is cancelled.
func publishArtifacts(ctx context.Context, root, out string, m *model.Declaration) ([]integrity.Entry, error) {
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
	var entries []integrity.Entry
	done := map[string]bool{}
	for _, f := range files {
		if done[f.Path] {
			continue
		}
		done[f.Path] = true
		dst := filepath.Join(out, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(dst); err == nil {
			return nil, fmt.Errorf("artifact %s would overwrite a page of the site with the same path; move it, e.g. under artifacts/", f.Path)
		}
		if err := copyFile(ctx, filepath.Join(root, filepath.FromSlash(f.Path)), dst, f); err != nil {
			return nil, err
		}
		e := integrity.Entry{Path: f.Path, Size: f.Size, SHA256: f.SHA256}
		if err := os.WriteFile(dst+".sha256", integrity.Sidecar(e), 0o644); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// copyFile copies src to dst and checks that the bytes are those digested for the pages.
func copyFile(ctx context.Context, src, dst string, want model.File) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	size, sum, err := integrity.Digest(io.TeeReader(ctxReader{ctx, in}, out))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if size != want.Size || sum != want.SHA256 {
		return fmt.Errorf("%s changed while the site was being built; build again", path.Clean(want.Path))
	}
	return nil
}

func sortedEntries(files []integrity.Entry) []integrity.Entry {
	slices.SortFunc(files, func(a, b integrity.Entry) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// ctxReader reads r until ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
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
