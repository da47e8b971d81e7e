package check

import (
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/advisory"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/csaf"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/release"
	"github.com/evident-dev/evident/generator/suggest"
)

// Advisory is one security advisory: its default-language file and translations.
type Advisory struct {
	Slug         string // the file name without language and .md: the page is /advisories/<slug>/
	File         *advisory.File
	Translations map[string]*advisory.File // by language
}

// readAdvisory reads a file under content/advisories/: an advisory file is parsed; the
// folder's _index.md is the prose of the advisories' page; any other page there would be
// published without being checked.
func (c *checker) readAdvisory(abs, rel string) {
	if !advisory.IsAdvisoryFile(rel) {
		name := path.Base(rel)
		ext := path.Ext(name)
		isPage := strings.EqualFold(ext, ".md") || slices.Contains(hugoPageExts, strings.ToLower(ext))
		switch base, _ := evidence.LangOf(name); {
		case !isPage || base == "_index" && path.Dir(rel)+"/" == advisory.Dir:
		case path.Dir(rel)+"/" != advisory.Dir:
			c.add(diag.Errorf(diag.Position{File: rel}, "bad-name", "advisory files are in %s itself, not in a folder below it; Hugo would publish this file as a page that evident does not check", strings.TrimSuffix(advisory.Dir, "/")).
				WithHint("move it to %s%s", advisory.Dir, name))
		default:
			c.add(diag.Errorf(diag.Position{File: rel}, "bad-name", "advisory file names end in .md, not %s; Hugo would publish this file as a page that evident does not check", ext).
				WithHint("rename it to %s (an advisory is Markdown with front matter)", strings.TrimSuffix(rel, ext)+".md"))
		}
		return
	}
	if msg := unsafeName("advisory file name", rel); msg != "" {
		c.add(diag.Errorf(diag.Position{File: rel}, "unsafe-name", "%s", msg).WithHint("%s", unsafeNameHint))
		return
	}
	name := strings.TrimPrefix(rel, advisory.Dir)
	if r, fixed := urlName(name); fixed != "" {
		c.add(diag.Errorf(diag.Position{File: rel}, "unsafe-name", "advisory file name %q has %q, which its URL cannot keep", name, string(r)).
			WithHint("rename it to %s: advisory file names are page URLs; best name it after its ID, as its CSAF document is", fixed))
		return
	}
	data, ok := c.readText(abs, rel, "advisory file", "keep the advisory short: link to longer documents in [[references]]")
	if !ok {
		return
	}
	f, ds := advisory.Parse(rel, data)
	c.add(ds...)
	if ds.HasErrors() {
		c.broken[rel] = true
	}
	c.advisories = append(c.advisories, f)
}

// groupAdvisories pairs advisory translations with their originals into Advisories, and
// reports two files at one URL and orphans.
func (c *checker) groupAdvisories() {
	langs := c.Config.Languages
	bySlug := map[string]*Advisory{}
	var translations []*advisory.File
	for _, f := range c.advisories {
		if f.Lang != "" && f.Lang != langs[0] {
			translations = append(translations, f)
			continue
		}
		// Hugo publishes a page at its lower-cased name.
		key := strings.ToLower(slugKey(f.Name))
		if prev, dup := bySlug[key]; dup {
			c.add(diag.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "duplicate-advisory", "%s and %s are both advisory %q", prev.File.Path, f.Path, f.Name).
				WithHint("rename or remove one of them: advisory URLs come from file names, compared without case, Unicode normalisation and language"))
			continue
		}
		a := &Advisory{Slug: f.Name, File: f, Translations: map[string]*advisory.File{}}
		bySlug[key] = a
		c.Advisories = append(c.Advisories, a)
	}
	for _, f := range translations {
		a, ok := bySlug[strings.ToLower(slugKey(f.Name))]
		if !c.translationPlaced(f.Path, f.Lang, langs, ok, "the advisory's ID, revisions, products and scores") {
			continue
		}
		if prev, dup := a.Translations[f.Lang]; dup {
			c.add(diag.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "duplicate-advisory", "%s and %s are both the %q translation of advisory %q", prev.Path, f.Path, f.Lang, a.Slug).
				WithHint("rename or remove one of them"))
			continue
		}
		a.Translations[f.Lang] = f
		c.add(advisory.Compare(a.File, f)...)
	}
	slices.SortFunc(c.Advisories, func(a, b *Advisory) int { return strings.Compare(a.Slug, b.Slug) })
}

// checkAdvisories checks what the advisories say across files: IDs, file names, products
// and their releases; and that the site can publish them as a CSAF provider.
func (c *checker) checkAdvisories() {
	if len(c.Advisories) == 0 {
		return
	}
	c.checkPublisher()
	versions := c.productVersions()
	ids := map[string]*advisory.File{} // by CSAF file name: two IDs with one name would be one document
	for _, a := range c.Advisories {
		f := a.File
		if id := f.ID.Value; f.ID.Set() && id != "" {
			name := advisory.FileName(id)
			switch prev, dup := ids[name]; {
			case dup && prev.ID.Value == id:
				c.add(diag.Errorf(f.ID.Pos, "duplicate-advisory", "advisory ID %q is also the ID at %s", id, prev.ID.Pos).
					WithHint("give each advisory its own ID; a revision of an advisory goes into its [[revisions]], not into a new file"))
			case dup:
				c.add(diag.Errorf(f.ID.Pos, "duplicate-advisory", "advisory IDs %q and %q (at %s) have the same CSAF file name %q", id, prev.ID.Value, prev.ID.Pos, name+".json").
					WithHint("give each advisory an ID of its own, not one that differs only in case or punctuation"))
			default:
				ids[name] = f
				if a.Slug != name && !c.broken[f.Path] {
					c.add(diag.Diagnostic{Pos: f.ID.Pos, Severity: diag.Warning, Code: "advisory-name",
						Message: fmt.Sprintf("file name %q is not the CSAF file name of ID %q", a.Slug+".md", id),
						Hint:    fmt.Sprintf("rename it (and its translations) to %s%s.md, so that the advisory's page and its CSAF document have one name", advisory.Dir, name)})
				}
			}
		}
		seen := map[string]diag.Position{}
		for _, p := range f.Products {
			id := p.ID.Value
			if !p.ID.Set() || id == "" {
				continue // reported by Parse
			}
			if prev, dup := seen[id]; dup {
				c.add(diag.Errorf(p.ID.Pos, "duplicate-product", "product %q is listed twice in this advisory (first at %s)", id, prev).
					WithHint("say everything about a product in one [[products]] entry: its status, affected and fixed releases"))
				continue
			}
			seen[id] = p.ID.Pos
			if d := c.unknownProduct(id, p.ID.Pos); d != nil {
				c.add(*d)
				continue
			}
			c.checkAdvisoryReleases(f, p, versions[id])
		}
	}
}

// checkPublisher checks what a CSAF provider needs of the site: the publisher's namespace
// (the organisation's URL) and HTTPS.
func (c *checker) checkPublisher() {
	cfg := c.Config
	at := func(key string) diag.Position {
		if pos, ok := cfg.Keys[key]; ok {
			return pos
		}
		return diag.Position{File: config.File, Line: 1, Col: 1}
	}
	const hint = `add url = "https://www.example.com/" (the organisation's own site) under [organization] in evident.toml`
	switch u := cfg.Organization.URL; {
	case u == "":
		c.add(diag.Errorf(at("organization"), "csaf-publisher", "the site has advisories but [organization] has no url: a CSAF document names its publisher by that URL (its namespace)").
			WithHint("%s", hint))
	case !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://"):
		c.add(diag.Errorf(at("organization"), "csaf-publisher", "the site has advisories but [organization] url %q is not a web address: a CSAF document names its publisher by that URL (its namespace)", u).
			WithHint("%s", hint))
	}
	if !model.IsHTTPS(cfg.BaseURL) {
		c.add(diag.Diagnostic{Pos: at("baseURL"), Severity: diag.Warning, Code: "csaf-https",
			Message: fmt.Sprintf("baseURL %q is not https: a CSAF provider is served over HTTPS, and tools that fetch advisories refuse anything else", cfg.BaseURL),
			Hint:    `publish the site over HTTPS and give baseURL = "https://trust.example.com/"`})
	}
}

// productVersions lists each product's release versions newest first, as the model
// orders them (release.Sort): the order in which advisory ranges select releases.
func (c *checker) productVersions() map[string][]string {
	lives := map[string][]release.Lifecycle{}
	for _, r := range c.Releases {
		p, _ := c.Config.Product(r.File.Product)
		lives[p.ID] = append(lives[p.ID], release.Of(r.File, p.Support))
	}
	out := map[string][]string{}
	for id, ls := range lives {
		release.Sort(ls)
		for _, l := range ls {
			out[id] = append(out[id], l.Version)
		}
	}
	return out
}

// checkAdvisoryReleases checks the releases a product entry names: exact versions and
// fixed releases exist, each range selects a release, and no release a range names as
// affected is fixed by an older or the same release. versions are the product's, newest
// first.
func (c *checker) checkAdvisoryReleases(f *advisory.File, p advisory.Product, versions []string) {
	product := p.ID.Value
	rank := map[string]int{} // a smaller rank is a newer release
	for i, v := range versions {
		rank[v] = i
	}
	oldestFix := -1 // the rank of the oldest fixed release
	for _, v := range p.Fixed {
		if r, ok := rank[v.Value]; ok {
			oldestFix = max(oldestFix, r)
		} else if v.Set() {
			c.add(c.unknownRelease(f.At(v, 0), v.Value, product, versions))
		}
	}
	for _, entry := range p.Affected {
		rng, err := advisory.ParseRange(entry.Value)
		if err != nil {
			continue // reported by Parse
		}
		selected, err := rng.Select(versions)
		if err != nil {
			pos, bound := entry.Pos, entry.Value
			if re, ok := errors.AsType[*advisory.RangeError](err); ok {
				pos, bound = f.At(entry, re.Offset), boundAt(rng, re.Offset, entry.Value)
			}
			c.add(c.unknownRelease(pos, bound, product, versions))
			continue
		}
		if len(selected) == 0 {
			if !c.broken[f.Path] {
				c.add(diag.Diagnostic{Pos: entry.Pos, Severity: diag.Warning, Code: "advisory-range",
					Message: fmt.Sprintf("%q selects no release of %s", entry.Value, product),
					Hint:    "correct the range, or remove it; " + releasesHint(product, versions)})
			}
			continue
		}
		if oldestFix < 0 {
			continue
		}
		for _, v := range selected {
			if rank[v] > oldestFix {
				continue
			}
			fix := versions[oldestFix]
			msg := fmt.Sprintf("%q selects release %s, which is newer than %s, a release that fixes it", entry.Value, v, fix)
			if v == fix {
				msg = fmt.Sprintf("%q selects release %s, which fixed lists as fixing it", entry.Value, v)
			}
			c.add(diag.Errorf(entry.Pos, "advisory-fixed", "%s", msg).
				WithHint("a fix holds for every newer release: end the range before the oldest fixed release (< %s), or correct fixed", fix))
			break
		}
	}
}

// boundAt is the version of rng, written as s, that a *RangeError at offset off names:
// an exact version or the bound of a comparison.
func boundAt(rng advisory.Range, off int, s string) string {
	for _, cmp := range rng.Comparisons {
		if cmp.Offset == off {
			return cmp.Version
		}
	}
	return s
}

// unknownRelease reports version, which is not a release of product.
func (c *checker) unknownRelease(pos diag.Position, version, product string, versions []string) diag.Diagnostic {
	d := diag.Errorf(pos, "unknown-release", "%s has no release %q", product, version)
	if near := suggest.Nearest(version, versions); near != "" {
		d.Message += fmt.Sprintf("; did you mean %q?", near)
	}
	return d.WithHint("%s", releasesHint(product, versions))
}

// releasesHint lists a product's releases, or says where they come from.
func releasesHint(product string, versions []string) string {
	if len(versions) == 0 {
		return fmt.Sprintf("%s has no releases yet: each is a file %s%s/releases/<version>.md", product, release.Dir, product)
	}
	const most = 10
	list := strings.Join(versions[:min(len(versions), most)], ", ")
	if len(versions) > most {
		list += fmt.Sprintf(" and %d older", len(versions)-most)
	}
	return fmt.Sprintf("releases of %s, newest first: %s", product, list)
}

// checkOpenPGPKey checks the public key of [advisories]: a file in the site holding an
// ASCII-armored OpenPGP public key, whose private half signs the CSAF documents.
func (c *checker) checkOpenPGPKey(key config.Ref) {
	abs, d := c.sitePath(key.Value, key.Pos, "OpenPGP public key")
	if d != nil {
		c.add(*d)
		return
	}
	b, err := os.ReadFile(abs)
	if err == nil {
		_, err = csaf.PublicKeyFingerprint(b)
	}
	if err != nil {
		c.add(diag.Errorf(key.Pos, "bad-key", "%s cannot be the OpenPGP public key of the CSAF documents: %v", key.Value, unwrap(err)).
			WithHint("give the file that gpg --armor --export KEY-ID writes; its private key signs the CSAF documents (evident build --csaf-key)"))
		return
	}
	c.CSAFKey = b
}
