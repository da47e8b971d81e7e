package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/integrity"
)

// tempFiles is where a build copies the site's artifacts, inside its temporary output and
// beside the folder Hugo renders into: Hugo neither removes nor overwrites them there.
const tempFiles = "files"

// copyWorkers is how many files a build copies at a time: one per CPU the process
// may use, at most 4, beyond which the disk, not SHA-256, is the limit.
func copyWorkers() int { return min(runtime.GOMAXPROCS(0), 4) }

// stage makes the temporary output of a build and copies into it the files of the site
// that the build publishes beside the pages — artifacts, SBOMs, and each release's
// provenance files, downloads and signatures in the site — each read once: digested on
// its way, several at a time. The digests seed the check's FileFacts, where the model
// finds them, so that it reads none of these files again; st.staged keeps them, so that
// the artifacts step can check that the model shows the digests of the bytes copied.
func stage(ctx context.Context, st *State) error {
	if err := st.makeOutput(); err != nil {
		return err
	}
	res := st.Check
	files := siteFiles(res)
	paths := make([]string, len(files))
	infos := make([]fs.FileInfo, len(files))
	for i, f := range files {
		paths[i] = f.Value
		// Described before it is read: a file that changes while or after it is copied
		// is then digested again by the model, and the artifacts step sees the
		// difference. One that cannot be described fails its copy, or is not seeded.
		infos[i], _ = os.Stat(filepath.Join(res.Root, filepath.FromSlash(f.Value)))
	}
	entries, err := integrity.CopyFiles(ctx, res.Root, filepath.Join(st.tmp, tempFiles), paths, copyWorkers())
	if err != nil {
		return copyError(ctx, files, err)
	}
	st.staged = make(map[string]integrity.Entry, len(entries))
	for i, e := range entries {
		st.staged[e.Path] = e
		if infos[i] != nil {
			res.Cache.Seed(filepath.Join(res.Root, filepath.FromSlash(e.Path)), infos[i], e)
		}
	}
	return nil
}

// copyError is the error of a copy that failed: a file of the site that cannot be read
// is reported where the site lists it.
func copyError(ctx context.Context, files []evidence.Field[string], err error) error {
	var pe *fs.PathError
	if ctx.Err() != nil || !errors.As(err, &pe) || pe.Op != "read" {
		return err
	}
	for _, f := range files {
		if f.Value == pe.Path {
			return diag.Errorf(f.Pos, "unreadable", "cannot read %s: %v", pe.Path, pe.Err).
				WithHint("the build publishes it with its SHA-256, and reads it for that; make it a readable file, or take it off the list")
		}
	}
	return err
}

// siteFiles lists the files of the site that a build publishes beside the pages, each
// once, at the first place that lists it: those of the evidence, then those of the
// releases. The model lists the same files (published lists them from it).
func siteFiles(res *check.Result) []evidence.Field[string] {
	var files []evidence.Field[string]
	seen := map[string]bool{}
	add := func(f evidence.Field[string]) {
		if f.Value != "" && !seen[f.Value] {
			seen[f.Value] = true
			files = append(files, f)
		}
	}
	for _, e := range res.Evidence {
		for _, a := range e.File.Artifacts {
			add(a.Path)
		}
		for _, s := range e.File.SBOMs {
			add(s.Path)
		}
	}
	for _, r := range res.Releases {
		for _, a := range r.File.Provenance {
			add(a.Path)
		}
		for _, s := range r.File.SBOMs {
			add(s.Path)
		}
		for _, d := range r.File.Downloads {
			add(d.Path)
			if d.SignatureInSite() { // a URL is not published
				add(d.Signature)
			}
		}
	}
	return files
}
