package build

import (
	"cmp"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/release"
)

// productsAndReleases fills each product's kind, support policy, documents and releases, and
// Declaration.Releases, with the lifecycle of every release on the check's date. With
// digests it digests provenance files and the downloads in the site, as artifacts are;
// sboms, by path, receives the SBOMs the releases list.
func productsAndReleases(res *check.Result, m *model.Declaration, sboms map[string]*model.SBOM, digests bool) error {
	m.Releases = map[string]*model.Release{}
	byProduct := map[string][]*check.Release{}
	for _, r := range res.Releases {
		byProduct[r.File.Product] = append(byProduct[r.File.Product], r)
	}
	for i, cp := range res.Config.Products {
		p := &m.Products[i]
		p.Kind = cmp.Or(cp.Kind, config.Software)
		p.Support = cp.Support
		p.Path = "/products/" + p.ID + "/"
		p.Documents, p.Missing = documents(res, m, cp.Documents)

		var lives []release.Lifecycle
		keys := map[string]string{} // version -> key
		for _, r := range byProduct[p.ID] {
			x, err := newRelease(res, m, r, sboms, digests)
			if err != nil {
				return err
			}
			life := release.Of(r.File, p.Support)
			x.Status = life.Status(res.AsOf)
			x.EndOfSupport, x.EndOfSecurityFixes = day(life.EndOfSupport), day(life.EndOfSecurityFixes)
			m.Releases[x.Key] = x
			keys[x.Version] = x.Key
			lives = append(lives, life)
		}
		delete(byProduct, p.ID)
		release.Sort(lives)
		p.Releases = []string{}
		for _, l := range lives {
			p.Releases = append(p.Releases, keys[l.Version])
		}
		if len(p.Releases) > 0 {
			p.Latest = p.Releases[0]
			m.Releases[p.Latest].Latest = true
		}
		p.Events = []model.Event{}
		for _, e := range release.Events(lives, res.AsOf) {
			p.Events = append(p.Events, model.Event{Date: day(e.Date), Kind: e.Kind, Release: keys[e.Version]})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byProduct)) { // check reports these first
		return fmt.Errorf("%s: release of unknown product %q", byProduct[id][0].File.Path, id)
	}
	return nil
}

// newRelease makes the model of one release, without its lifecycle.
func newRelease(res *check.Result, m *model.Declaration, r *check.Release, sboms map[string]*model.SBOM, digests bool) (*model.Release, error) {
	f, def := r.File, m.Languages[0]
	x := &model.Release{
		Key: r.Key, Product: f.Product, Version: f.Version, Date: day(f.Date.Value),
		Title: model.Text{}, Description: model.Text{},
		SBOMs: []string{}, Provenance: []model.File{}, Downloads: []model.Download{},
		Source: f.Path, Path: releasePath(f.Product, f.Version),
	}
	setText(x.Title, def, f.Title.Value)
	setText(x.Description, def, f.Description.Value)
	for lang, tr := range r.Translations {
		setText(x.Title, lang, tr.Title.Value)
		setText(x.Description, lang, tr.Description.Value)
	}
	for _, lang := range m.Languages {
		if _, ok := r.Translations[lang]; ok || lang == def {
			x.Languages = append(x.Languages, lang)
		}
	}
	// The title of a listed file in each language: a translation names it by its path.
	attachedTitle := func(a release.Attached, list func(*release.File) []release.Attached) model.Text {
		t := model.Text{}
		setText(t, def, a.Title.Value)
		for lang, tr := range r.Translations {
			for _, ta := range list(tr) {
				if ta.Path.Value == a.Path.Value {
					setText(t, lang, ta.Title.Value)
				}
			}
		}
		return t
	}

	for _, a := range f.Provenance {
		file := model.File{Path: a.Path.Value, URL: fileURL(m.BaseURL, a.Path.Value),
			Title: attachedTitle(a, func(f *release.File) []release.Attached { return f.Provenance })}
		if digests {
			d, err := digest(res, a.Path)
			if err != nil {
				return nil, err
			}
			file.Size, file.SHA256 = d.Size, d.SHA256
		}
		x.Provenance = append(x.Provenance, file)
	}

	for _, s := range f.SBOMs {
		sum := res.SBOMs[s.Path.Value]
		if sum == nil {
			return nil, fmt.Errorf("%s: SBOM %s was not read", s.Path.Pos, s.Path.Value)
		}
		x.SBOMs = append(x.SBOMs, s.Path.Value)
		sb := sboms[s.Path.Value]
		if sb == nil {
			sb = newSBOM(s.Path.Value, sum)
			sb.Title = attachedTitle(s, func(f *release.File) []release.Attached { return f.SBOMs })
			sboms[s.Path.Value] = sb
		}
		// Listed by evidence too, it keeps its evidence and is now the release's. Release is
		// the version, as evidence gives it.
		sb.Product, sb.Release = f.Product, f.Version
	}

	for _, d := range f.Downloads {
		dl, err := download(res, m, r, d, digests)
		if err != nil {
			return nil, err
		}
		x.Downloads = append(x.Downloads, dl)
	}
	return x, nil
}

// download makes the model of one download: a file in the site, digested when digests
// are on, or a file elsewhere with the SHA-256 its vendor states (never fetched). Its
// signature, when a file of the site, is digested too.
func download(res *check.Result, m *model.Declaration, r *check.Release, d release.Download, digests bool) (model.Download, error) {
	def := m.Languages[0]
	dl := model.Download{Name: d.Name.Value, Title: model.Text{}, Signature: d.Signature.Value}
	if p := d.Path.Value; p != "" {
		dl.Path, dl.URL = p, fileURL(m.BaseURL, p)
		if dl.Name == "" {
			dl.Name = path.Base(p)
		}
		if digests {
			e, err := digest(res, d.Path)
			if err != nil {
				return dl, err
			}
			dl.Size, dl.SHA256 = e.Size, e.SHA256
		}
	} else {
		dl.External, dl.URL, dl.SHA256 = true, d.URL.Value, strings.ToLower(d.SHA256.Value)
		if dl.Name == "" {
			if u, err := url.Parse(d.URL.Value); err == nil {
				dl.Name = path.Base(u.Path)
			}
		}
	}
	if s := d.Signature; d.SignatureInSite() {
		dl.Signature = fileURL(m.BaseURL, s.Value)
		dl.SignatureFile = &model.File{Path: s.Value, URL: dl.Signature, Title: model.Text{}}
		if digests {
			e, err := digest(res, s)
			if err != nil {
				return dl, err
			}
			dl.SignatureFile.Size, dl.SignatureFile.SHA256 = e.Size, e.SHA256
		}
	}
	// A translation names the download by its path or URL, and may retitle it.
	setText(dl.Title, def, d.Title.Value)
	for lang, tr := range r.Translations {
		for _, td := range tr.Downloads {
			if td.Path.Value == d.Path.Value && td.URL.Value == d.URL.Value {
				setText(dl.Title, lang, td.Title.Value)
			}
		}
	}
	return dl, nil
}

// documents lists a product's documents in model.DocumentKinds order, keeping the file's
// order within a kind, and the kinds it has no document of.
func documents(res *check.Result, m *model.Declaration, docs []config.Document) ([]model.Document, []string) {
	out, missing := []model.Document{}, []string{}
	for _, kind := range model.DocumentKinds {
		found := false
		for _, d := range docs {
			if d.Kind != kind {
				continue
			}
			found = true
			x := model.Document{Kind: d.Kind, Title: res.Text(d.Title), Version: d.Version, URL: d.URL}
			if d.Page.Value != "" {
				var has []string
				x.Path, has = pagePath(res.Root, d.Page.Value, m.Languages)
				x.Links = pageLinks(m.Languages, x.Path, has)
				x.URL = absURL(m.BaseURL, x.Path)
			}
			out = append(out, x)
		}
		if !found {
			missing = append(missing, kind)
		}
	}
	return out, missing
}

// pagePath is the site path at which Hugo publishes a content file, given by its
// site-relative path ("content/docs/gateway/install.md": "/docs/gateway/install/"), and
// the languages the page exists in: the default one and those of the translations
// beside it (install.en.md). A bundle's index.md or _index.md is its folder's page.
// Hugo lower-cases the path. A file named with a language ("install.en.md") stands for
// its page.
func pagePath(root, file string, langs []string) (string, []string) {
	rel := strings.TrimPrefix(path.Clean(file), "content/")
	base := strings.TrimSuffix(rel, path.Ext(rel))
	if ext := path.Ext(base); ext != "" && slices.Contains(langs, ext[1:]) {
		base = strings.TrimSuffix(base, ext)
	}
	has := []string{langs[0]}
	for _, lang := range langs[1:] {
		p := filepath.Join(root, "content", filepath.FromSlash(base+"."+lang+path.Ext(rel)))
		if _, err := os.Stat(p); err == nil {
			has = append(has, lang)
		}
	}
	dir, name := path.Split(base)
	if name == "index" || name == "_index" {
		base = strings.TrimSuffix(dir, "/")
	}
	p := "/" + strings.ToLower(base) + "/"
	if base == "" {
		p = "/"
	}
	return p, has
}

// releasePath is the site path of a release's page. Hugo lower-cases the path.
func releasePath(product, version string) string {
	return "/products/" + product + "/releases/" + strings.ToLower(version) + "/"
}

// fileURL is the absolute URL of a file published at its site-relative path, each
// segment percent-encoded.
func fileURL(base, p string) string { return model.FileURL(base, p) }

// day formats a date as YYYY-MM-DD; a zero date is "".
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// setText sets t's text in lang when s says something.
func setText(t model.Text, lang, s string) {
	if s != "" {
		t[lang] = s
	}
}
