package check

import (
	"path"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/release"
	"github.com/evident-dev/evident/generator/sbom"
)

// documentWords names each kind of document for users as (2)-4 does.
var documentWords = map[string]string{"install": "導入", "configure": "設定", "operate": "操作", "dispose": "廃棄"}

// readRelease reads a file under content/products/: a release file is parsed; another
// page is the vendor's own (a product page's prose), but a page under a releases folder
// that is not Markdown would be published without being checked.
func (c *checker) readRelease(abs, rel string) {
	if !release.IsReleaseFile(rel) {
		dir, name := path.Split(rel)
		if ext := path.Ext(name); path.Base(dir) == "releases" && ext != ".md" &&
			(strings.EqualFold(ext, ".md") || slices.Contains(hugoPageExts, strings.ToLower(ext))) {
			c.add(diag.Errorf(diag.Position{File: rel}, "bad-name", "release file names end in .md, not %s; Hugo would publish this file as a page that evident does not check", ext).
				WithHint("rename it to %s (a release is Markdown with front matter)", strings.TrimSuffix(rel, ext)+".md"))
		}
		return
	}
	if msg := unsafeName("release file name", rel); msg != "" {
		c.add(diag.Errorf(diag.Position{File: rel}, "unsafe-name", "%s", msg).WithHint("%s", unsafeNameHint))
		return
	}
	data, ok := c.readText(abs, rel, "release file", "keep the release notes short and publish large documents as [[downloads]]")
	if !ok {
		return
	}
	f, ds := release.Parse(rel, data)
	c.add(ds...)
	if ds.HasErrors() {
		c.broken[rel] = true
	}
	c.releases = append(c.releases, f)
}

// groupReleases pairs release translations with their originals, keeps the releases of
// known products with good versions in Releases, and reports duplicates and orphans.
func (c *checker) groupReleases() {
	langs := c.Config.Languages
	byKey := map[string]*Release{}
	var translations []*release.File
	for _, f := range c.releases {
		if !release.ValidVersion(f.Version) {
			continue // reported by Parse
		}
		if f.Lang != "" && f.Lang != langs[0] {
			translations = append(translations, f)
			continue
		}
		pos := diag.Position{File: f.Path, Line: 1, Col: 1}
		if d := c.unknownProduct(f.Product, pos); d != nil {
			d.Hint = "the folder under " + release.Dir + " names the product: rename it, or declare the product in evident.toml; " + d.Hint
			c.add(*d)
			continue
		}
		version := f.Version
		if f.VersionKey.Set() && release.ValidVersion(f.VersionKey.Value) {
			version, pos = f.VersionKey.Value, f.VersionKey.Pos
		}
		// Hugo publishes a page at its lower-cased name: 2.4.0-RC1 and 2.4.0-rc1 are one URL.
		key := releaseKey(f.Product, version)
		if prev, dup := byKey[key]; dup {
			c.add(diag.Errorf(pos, "duplicate-release", "%s and %s are both release %s of %s", prev.File.Path, f.Path, version, f.Product).
				WithHint("remove one of them, or correct its version: versions are compared without case, as their URLs are"))
			continue
		}
		r := &Release{Key: f.Product + "/" + f.Version, File: f, Translations: map[string]*release.File{}}
		byKey[key] = r
		c.Releases = append(c.Releases, r)
	}
	for _, f := range translations {
		pos := diag.Position{File: f.Path, Line: 1, Col: 1}
		r, ok := byKey[releaseKey(f.Product, f.Version)]
		if !c.translationPlaced(f.Path, f.Lang, langs, ok, "the release's date and files") {
			continue
		}
		if prev, dup := r.Translations[f.Lang]; dup {
			c.add(diag.Errorf(pos, "duplicate-release", "%s and %s are both the %q translation of release %s", prev.Path, f.Path, f.Lang, r.Key).
				WithHint("rename or remove one of them"))
			continue
		}
		r.Translations[f.Lang] = f
		c.add(release.Compare(r.File, f)...)
	}
	slices.SortFunc(c.Releases, func(a, b *Release) int { return strings.Compare(a.Key, b.Key) })
}

func releaseKey(product, version string) string { return product + "/" + strings.ToLower(version) }

// checkProducts checks each product's documents: a page of the site exists, and every
// kind of document has one (a notice for each that does not).
func (c *checker) checkProducts() {
	for _, p := range c.Config.Products {
		has := map[string]bool{}
		for _, d := range p.Documents {
			has[d.Kind] = true
			if d.Page.Value != "" {
				c.checkPage(d.Page)
			}
		}
		for _, kind := range model.DocumentKinds {
			if !has[kind] {
				c.add(diag.Diagnostic{Pos: p.Pos, Severity: diag.Notice, Code: "missing-document",
					Message: "product " + p.ID + " has no " + kind + " document (" + documentWords[kind] + "): the guideline's (2)-4 asks for one",
					Hint:    "add [[products.documents]] with kind = \"" + kind + "\" and the page of the site (page = \"content/…\") or the manual's https URL (url = \"…\")"})
			}
		}
	}
}

// checkPage checks a document's page: a Markdown file under content/.
func (c *checker) checkPage(page config.Ref) {
	if _, d := c.sitePath(page.Value, page.Pos, "document page"); d != nil {
		c.add(*d)
		return
	}
	if !strings.HasPrefix(page.Value, "content/") || path.Ext(page.Value) != ".md" {
		c.add(diag.Errorf(page.Pos, "bad-path", "document page %q is not a page of the site", page.Value).
			WithHint("give the Markdown file under content/ that Hugo renders as the page, such as content/docs/install.md; for a file to download, use url"))
	}
}

// checkReleases checks each release: its files, its dates, and that a supported
// release of software has an SBOM.
func (c *checker) checkReleases() {
	for _, r := range c.Releases {
		c.checkRelease(r)
	}
}

func (c *checker) checkRelease(r *Release) {
	f := r.File
	p, _ := c.Config.Product(f.Product)
	for _, s := range f.SBOMs {
		if !s.Path.Set() {
			continue
		}
		abs, d := c.sitePath(s.Path.Value, s.Path.Pos, "SBOM")
		if d != nil {
			c.add(*d)
			continue
		}
		c.sbomVersion(c.sbom(abs, s.Path.Value), s.Path.Value, s.Path.Pos, f.Version)
	}
	for _, a := range f.Provenance {
		c.checkFile(a.Path, "provenance")
	}
	for _, d := range f.Downloads {
		c.checkFile(d.Path, "download")
		if d.SignatureInSite() {
			c.checkFile(d.Signature, "signature")
		}
	}
	if c.broken[f.Path] {
		return
	}
	c.releaseDates(f, p.Support)
	if p.Kind == config.Software && len(f.SBOMs) == 0 && !c.evidenceSBOM(f.Product, f.Version) {
		if st := release.Of(f, p.Support).Status(c.AsOf); st != model.EndOfLife {
			c.add(diag.Diagnostic{Pos: diag.Position{File: f.Path, Line: 1, Col: 1}, Severity: diag.Warning, Code: "release-no-sbom",
				Message: "release " + f.Version + " of " + f.Product + " is " + string(st) + " on " + c.AsOf.Format(time.DateOnly) + " but lists no SBOM",
				Hint:    "add [[sboms]] with the path of the release's SBOM (CycloneDX or SPDX), so customers can tell what it contains"})
		}
	}
}

// checkFile checks a path a release gives, when it gives one.
func (c *checker) checkFile(p release.Field[string], what string) {
	if !p.Set() {
		return
	}
	if _, d := c.sitePath(p.Value, p.Pos, what); d != nil {
		c.add(*d)
	}
}

// evidenceSBOM reports whether evidence lists an SBOM for the release: one with its
// version as release, and its product or none.
func (c *checker) evidenceSBOM(product, version string) bool {
	for _, e := range c.Evidence {
		for _, s := range e.File.SBOMs {
			if s.Release.Value == version && (s.Product.Value == product || s.Product.Value == "") {
				return true
			}
		}
	}
	return false
}

// releaseDates warns about dates out of order: an end before what it follows, or a
// release that has not happened on the build's date.
func (c *checker) releaseDates(f *release.File, policy *model.SupportPolicy) {
	l := release.Of(f, policy)
	warn := func(pos diag.Position, msg, hint string) {
		c.add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "release-dates", Message: msg, Hint: hint})
	}
	if f.Date.Set() && !c.AsOf.IsZero() && l.Date.After(c.AsOf) {
		warn(f.Date.Pos, "release "+f.Version+" of "+f.Product+" is dated "+day(l.Date)+", after the build's date "+day(c.AsOf),
			"give the day the release was published; a release that has not happened yet does not belong in the site")
	}
	if f.EndOfSupport.Set() && f.Date.Set() && l.EndOfSupport.Before(l.Date) {
		warn(f.EndOfSupport.Pos, "endOfSupport "+day(l.EndOfSupport)+" is before the release's date "+day(l.Date),
			"support ends after the release: correct endOfSupport or date")
	}
	if !l.EndOfSupport.IsZero() && l.EndOfSecurityFixes.Before(l.EndOfSupport) {
		pos := f.EndOfSecurityFixes.Pos
		if !f.EndOfSecurityFixes.Set() {
			pos = f.EndOfSupport.Pos // the product's securityMonths end before the release's own endOfSupport
		}
		if pos.Line > 0 {
			warn(pos, "endOfSecurityFixes "+day(l.EndOfSecurityFixes)+" is before endOfSupport "+day(l.EndOfSupport),
				"security fixes go on at least as long as support: correct the dates, or give endOfSecurityFixes")
		}
	}
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// sbomVersion warns when the SBOM at p, listed for release version, describes another
// version.
func (c *checker) sbomVersion(s *sbom.Summary, p string, pos diag.Position, version string) {
	if s == nil || s.Subject.Version == "" || sameVersion(s.Subject.Version, version) {
		return
	}
	subject := strings.TrimSpace(s.Subject.Name + " " + s.Subject.Version)
	c.add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "sbom-version",
		Message: "SBOM describes " + subject + ", but it is listed for release " + version,
		Hint:    "list " + p + " for the release it describes, or give the SBOM of release " + version})
}

// sameVersion compares versions as written, but for a leading "v": v2.4.0 is 2.4.0.
func sameVersion(a, b string) bool {
	return strings.TrimPrefix(a, "v") == strings.TrimPrefix(b, "v")
}
