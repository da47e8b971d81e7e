package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/diff"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	pub "github.com/evident-dev/evident/generator/published"
	"github.com/evident-dev/evident/generator/release"
	"github.com/evident-dev/evident/generator/site"
)

// HistoryDir is the folder of the site that keeps every published version of the
// declaration: history/VERSION.json, the declaration.json of that version as it was
// published. The vendor commits it (Record writes it); a build reads it and publishes
// each at /declarations/VERSION/declaration.json, with its matrix and what changed. A
// build never writes into it, so a fresh clone builds the same history.
const HistoryDir = "history"

// Record keeps the declaration of the site built in out (verified against its
// SHA256SUMS first) as HistoryDir/VERSION.json of the site in root, and returns that
// site path. Recording a version again with the same bytes changes nothing; with other
// bytes it is refused: a published version never changes, the next one has a new version.
func Record(ctx context.Context, root, out string) (string, error) {
	d, err := pub.Load(ctx, out, pub.Options{})
	if err != nil {
		return "", err
	}
	if !d.Verified() {
		return "", fmt.Errorf("%s is not a built site: give the folder that evident build wrote", out)
	}
	data := d.Data // the bytes verified, not read a second time
	if err := listedAs(out, data); err != nil {
		return "", err
	}
	v := d.Model.Declaration.Version
	if !release.ValidVersion(v) {
		return "", fmt.Errorf("the declaration's version %q is not a URL segment (letters, digits, '.', '_' and '-'): change [declaration] version in evident.toml", v)
	}
	rel := path.Join(HistoryDir, v+".json")
	dst := filepath.Join(root, filepath.FromSlash(rel))
	switch old, err := os.ReadFile(dst); {
	case err == nil && bytes.Equal(old, data):
		return rel, nil
	case err == nil:
		return "", fmt.Errorf("%s holds another declaration of version %s: a published version never changes; give the new one another version ([declaration] version in evident.toml)", rel, v)
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	return rel, os.WriteFile(dst, data, 0o644)
}

// listedAs checks that data is the declaration.json that SHA256SUMS of out lists.
func listedAs(out string, data []byte) error {
	f, err := os.Open(filepath.Join(out, SumsFile))
	if err != nil {
		return err
	}
	defer f.Close()
	sums, err := integrity.ParseSums(SumsFile, f)
	if err != nil {
		return err
	}
	_, digest, _ := integrity.Digest(bytes.NewReader(data))
	for _, e := range sums {
		if e.Path == site.DeclarationFile && e.SHA256 == digest {
			return nil
		}
	}
	return fmt.Errorf("%s changed while it was read; build again", filepath.Join(out, site.DeclarationFile))
}

// history reads the site's recorded versions and returns the files to publish
// (declarations/VERSION/declaration.json, the recorded bytes) and the versions as the
// pages show them, oldest first, each with what changed from the one before; the current
// declaration m comes last unless its version is recorded.
func history(ctx context.Context, root string, m *model.Declaration) (map[string][]byte, []site.Version, error) {
	entries, err := os.ReadDir(filepath.Join(root, HistoryDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	type kept struct {
		decl *pub.Declaration
		data []byte
	}
	var all []kept
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") {
			continue
		}
		rel := path.Join(HistoryDir, name)
		pos := diag.Position{File: rel, Line: 1, Col: 1}
		p := filepath.Join(root, HistoryDir, name)
		d, err := pub.Load(ctx, p, pub.Options{})
		if err != nil {
			return nil, nil, diag.Errorf(pos, "history-invalid", "%v", err).
				WithHint("restore the file as it was published (git checkout -- %s), or remove it and record the version again: evident history record", rel)
		}
		v := d.Model.Declaration.Version
		if want := strings.TrimSuffix(name, ".json"); v != want || !release.ValidVersion(v) {
			return nil, nil, diag.Errorf(pos, "history-version", "%s holds the declaration of version %q, not %q", rel, v, want).
				WithHint("keep each version in history/VERSION.json, as evident history record writes it")
		}
		files[path.Join("declarations", v, site.DeclarationFile)] = d.Data
		all = append(all, kept{d, d.Data})
	}
	if len(all) == 0 {
		return nil, nil, nil
	}
	slices.SortFunc(all, func(a, b kept) int {
		x, y := a.decl.Model.Declaration, b.decl.Model.Declaration
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.Version, y.Version))
	})
	if !slices.ContainsFunc(all, func(k kept) bool { return k.decl.Model.Declaration.Version == m.Declaration.Version }) {
		all = append(all, kept{decl: &pub.Declaration{Source: site.DeclarationFile, Model: m}})
	}
	var versions []site.Version
	for i, k := range all {
		v := site.NewVersion(k.decl.Model, k.data != nil)
		if i > 0 {
			v.Changes = diff.Compare(all[i-1].decl, k.decl)
		}
		versions = append(versions, v)
	}
	return files, versions, nil
}
