package build

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/evidence"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/sbom"
	"golang.org/x/crypto/ssh"
)

// declaration turns a checked site, without errors, into the declaration model. With
// digests it digests artifacts (streamed, through the result's FileFacts, so that the
// preview reads an artifact only when it changed); without, it reads no artifact and
// leaves the size and SHA-256 of each empty.
func declaration(res *check.Result, generator string, digests bool) (*model.Declaration, error) {
	cfg, set := res.Config, res.Catalogs
	langs := cfg.Languages
	m := &model.Declaration{
		Generator:  generator,
		BaseURL:    cfg.BaseURL,
		Languages:  langs,
		Title:      res.Text(cfg.Title),
		ReviewDays: cfg.ReviewDays,
		Organization: model.Organization{
			Name: res.Text(cfg.Organization.Name), URL: cfg.Organization.URL, Contact: cfg.Organization.Contact,
		},
		Declaration: model.Statement{
			Title: res.Text(cfg.Declaration.Title), Version: cfg.Declaration.Version, Scope: res.Text(cfg.Declaration.Scope),
		},
		Items:         map[string]*model.Item{},
		Evidence:      map[string]*model.Evidence{},
		EvidenceOrder: []string{}, // a site with no evidence yet: [] for the pages, never null
		Products:      []model.Product{},
		SecurityTxt:   cfg.SecurityTxt != nil,
	}
	// The format, and its schema as staticFiles publishes it.
	m.Schema, m.FormatVersion = fileURL(cfg.BaseURL, model.SchemaFile), model.FormatVersion
	if !cfg.Declaration.Date.IsZero() {
		m.Declaration.Date = cfg.Declaration.Date.Format(time.DateOnly)
	}
	def := set.Default()
	if def != nil {
		m.Framework = def.ID
	}
	products := res.Matrix.Products
	for _, p := range cfg.Products {
		m.Products = append(m.Products, model.Product{ID: p.ID, Name: res.Text(p.Name), Description: res.Text(p.Description)})
	}

	// Catalog items, with their coverage.
	key := func(id catalog.ID) string {
		if def != nil && id.Framework == def.ID {
			return id.Slug()
		}
		return id.Framework + "/" + id.Slug()
	}
	for _, c := range set.Catalogs {
		m.Catalogs = append(m.Catalogs, model.Catalog{
			ID: c.ID, Version: c.Version, Title: c.Title, Note: c.Note, Official: false, Default: c == def,
		})
		c.Walk(func(it *catalog.Item) bool {
			k := key(it.ID)
			x := &model.Item{
				Key: k, ID: it.ID.String(), Framework: it.ID.Framework, Slug: it.ID.Slug(), Level: it.Level.Key(),
				Title: it.Title, Summary: it.Summary, Responsibility: it.Responsibility, Party: it.Party,
				Status: res.Matrix.Overall(it), Products: map[string]model.Status{},
				Evidence: slices.Clone(res.Matrix.Evidence(it)),
			}
			if x.Evidence == nil {
				x.Evidence = []string{}
			}
			if it.Parent != nil {
				x.Parent = key(it.Parent.ID)
			}
			for _, ch := range it.Children {
				x.Children = append(x.Children, key(ch.ID))
			}
			if len(cfg.Products) > 0 {
				for _, p := range products {
					x.Products[p] = res.Matrix.Status(it, p)
				}
			}
			for _, r := range set.Related(it.ID) {
				x.Related = append(x.Related, key(r))
			}
			switch {
			case c != def:
				x.Path = "/frameworks/" + c.ID + "/" + x.Slug + "/"
			case it.Level == catalog.Category:
				x.Path = "/categories/" + x.Slug + "/"
				m.Categories = append(m.Categories, k)
			default:
				x.Path = "/requirements/" + x.Slug + "/"
			}
			m.Items[k] = x
			m.Order = append(m.Order, k)
			return true
		})
	}
	// Requirement-level counts: per category, per product, overall (default framework only);
	// requirements addressed to customers only in their category's.
	if def != nil {
		for _, cat := range def.Items {
			ci := m.Items[key(cat.ID)]
			for _, req := range cat.Children {
				ci.Counts.Add(res.Matrix.Overall(req))
				if req.Party == catalog.Customer {
					continue
				}
				m.Summary.Add(res.Matrix.Overall(req))
				for i := range m.Products {
					m.Products[i].Counts.Add(res.Matrix.Status(req, m.Products[i].ID))
				}
			}
		}
	}
	for _, x := range set.Crosswalks {
		cw := model.Crosswalk{From: x.From, To: x.To, Official: x.Official, Title: x.Title, Note: x.Note}
		for _, l := range x.Links {
			cw.Pairs = append(cw.Pairs, [2]string{key(l.From), key(l.To)})
		}
		m.Crosswalks = append(m.Crosswalks, cw)
	}

	// Evidence, its artifacts and SBOMs.
	sboms := map[string]*model.SBOM{}
	for _, e := range res.Evidence {
		f := e.File
		x := &model.Evidence{
			Slug: e.Slug, Status: f.Status.Value, Stale: e.Stale, Owner: model.Text{},
			Title: model.Text{}, Description: model.Text{}, Justification: model.Text{},
			Products: []string{}, Requirements: []string{}, Artifacts: []model.File{}, SBOMs: []string{},
			Source: f.Path, Path: "/evidence/" + e.Slug + "/",
		}
		x.Reviewed, x.Target = evidence.DateString(f.Reviewed), evidence.DateString(f.Target)
		setText(x.Title, langs[0], f.Title.Value)
		setText(x.Description, langs[0], f.Description.Value)
		setText(x.Justification, langs[0], f.Justification.Value)
		setText(x.Owner, langs[0], f.Owner.Value)
		for lang, tr := range e.Translations {
			setText(x.Owner, lang, tr.Owner.Value)
			setText(x.Title, lang, tr.Title.Value)
			setText(x.Description, lang, tr.Description.Value)
			setText(x.Justification, lang, tr.Justification.Value)
		}
		for _, lang := range langs {
			if _, ok := e.Translations[lang]; ok || lang == langs[0] {
				x.Languages = append(x.Languages, lang)
			}
		}
		for _, p := range f.Products {
			x.Products = append(x.Products, p.Value)
		}
		for _, it := range e.Items {
			x.Requirements = append(x.Requirements, key(it.ID))
		}
		for _, a := range f.Artifacts {
			file := model.File{Path: a.Path.Value, URL: fileURL(m.BaseURL, a.Path.Value), Title: model.Text{}}
			if digests {
				d, err := digest(res, a.Path)
				if err != nil {
					return nil, err
				}
				file.Size, file.SHA256 = d.Size, d.SHA256
			}
			setText(file.Title, langs[0], a.Title.Value)
			for lang, tr := range e.Translations {
				for _, ta := range tr.Artifacts {
					if ta.Path.Value == a.Path.Value {
						setText(file.Title, lang, ta.Title.Value)
					}
				}
			}
			x.Artifacts = append(x.Artifacts, file)
		}
		for _, s := range f.SBOMs {
			sum := res.SBOMs[s.Path.Value]
			if sum == nil {
				return nil, fmt.Errorf("%s: SBOM %s was not read", s.Path.Pos, s.Path.Value)
			}
			x.SBOMs = append(x.SBOMs, s.Path.Value)
			if _, done := sboms[s.Path.Value]; done {
				continue
			}
			product := s.Product.Value
			if product == "" && len(x.Products) == 1 {
				product = x.Products[0]
			}
			sb := newSBOM(s.Path.Value, sum)
			sb.Product, sb.Release, sb.Evidence = product, s.Release.Value, e.Slug
			setText(sb.Title, langs[0], s.Title.Value)
			sboms[s.Path.Value] = sb
		}
		m.Evidence[e.Slug] = x
		m.EvidenceOrder = append(m.EvidenceOrder, e.Slug)
	}
	// Newest review first, then by slug: slugs are unique (keys of m.Evidence), so the order
	// is total and needs no stable sort, which costs a log factor more moves.
	slices.SortFunc(m.EvidenceOrder, func(a, b string) int {
		return cmp.Or(-strings.Compare(m.Evidence[a].Reviewed, m.Evidence[b].Reviewed), strings.Compare(a, b))
	})
	// Products: their documents and releases, with the SBOMs the releases list.
	if err := productsAndReleases(res, m, sboms, digests); err != nil {
		return nil, err
	}
	// Advisories, over the products' releases.
	if err := advisories(res, m); err != nil {
		return nil, err
	}
	subtrees(m)
	derive(m)
	for _, it := range m.Items {
		it.URL = absURL(m.BaseURL, it.Path)
	}
	for _, e := range m.Evidence {
		e.URL = absURL(m.BaseURL, e.Path)
	}
	for i := range m.Products {
		m.Products[i].URL = absURL(m.BaseURL, m.Products[i].Path)
	}
	for _, r := range m.Releases {
		r.URL = absURL(m.BaseURL, r.Path)
	}
	for _, s := range sboms {
		m.SBOMs = append(m.SBOMs, *s)
	}
	for i := range m.SBOMs {
		m.SBOMs[i].URL = fileURL(m.BaseURL, m.SBOMs[i].Path)
	}
	sortSBOMs(m)
	if m.SBOMs == nil {
		m.SBOMs = []model.SBOM{}
	}
	if s := cfg.Signature; s != nil {
		pub, err := os.ReadFile(filepath.Join(res.Root, filepath.FromSlash(s.PublicKey.Value)))
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the public key: %w", s.PublicKey.Pos, err)
		}
		key, _, _, _, err := ssh.ParseAuthorizedKey(pub) // check read it already
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the public key: %w", s.PublicKey.Pos, err)
		}
		m.Signature = &model.Signature{Format: "ssh", PublicKey: strings.TrimSpace(string(pub)), Identity: s.Identity, File: "SHA256SUMS.sig",
			Fingerprint: ssh.FingerprintSHA256(key)}
	}
	m.Brand = brand(res, langs)
	return m, nil
}

// digest returns the size and SHA-256 of a file of the site, named by its site-relative
// path, through the result's FileFacts: in a build, the digest made as the file was
// copied (stage), unless it changed since.
func digest(res *check.Result, p evidence.Field[string]) (integrity.Entry, error) {
	d, err := res.Cache.Digest(filepath.Join(res.Root, filepath.FromSlash(p.Value)))
	if err != nil {
		return d, fmt.Errorf("%s: %w", p.Pos, err)
	}
	return d, nil
}

// newSBOM is the model of the SBOM at a site-relative path, from what check read of it.
func newSBOM(p string, sum *sbom.Summary) *model.SBOM {
	return &model.SBOM{
		File:   model.File{Path: p, Size: sum.Size, SHA256: sum.SHA256, Title: model.Text{}},
		Format: sum.Format, Encoding: sum.Encoding, SpecVersion: sum.SpecVersion, VEX: sum.VEX,
		SubjectName: sum.Subject.Name, SubjectVersion: sum.Subject.Version,
		Components: sum.Components, Services: sum.Services, Vulnerabilities: sum.Vulnerabilities,
		Licenses: nonNil(sum.Licenses), Tools: nonNil(sum.Tools), Created: sum.Created,
	}
}

// subtrees fills Item.Subtree and Item.ByProduct: the evidence on an item and the items
// below it, in evidence order, overall and per product. Templates read these lists
// instead of searching the evidence, which keeps rendering linear in the site's size.
func subtrees(m *model.Declaration) {
	rank := map[string]int{}
	for i, slug := range m.EvidenceOrder {
		rank[slug] = i
	}
	var collect func(key string, into map[string]bool)
	collect = func(key string, into map[string]bool) {
		it := m.Items[key]
		for _, s := range it.Evidence {
			into[s] = true
		}
		for _, ch := range it.Children {
			collect(ch, into)
		}
	}
	for _, key := range m.Order {
		it := m.Items[key]
		set := map[string]bool{}
		collect(key, set)
		it.Subtree = make([]string, 0, len(set))
		for s := range set {
			it.Subtree = append(it.Subtree, s)
		}
		slices.SortFunc(it.Subtree, func(a, b string) int { return rank[a] - rank[b] })
		it.ByProduct = map[string][]string{}
		for _, p := range m.Products {
			list := []string{}
			for _, s := range it.Subtree {
				if e := m.Evidence[s]; len(e.Products) == 0 || slices.Contains(e.Products, p.ID) {
					list = append(list, s)
				}
			}
			it.ByProduct[p.ID] = list
		}
	}
}

// absURL joins the site's base URL and a site path.
func absURL(base, p string) string { return strings.TrimSuffix(base, "/") + p }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// sortSBOMs puts the SBOMs in the order the site shows them: products in the
// declaration's order, each product's releases newest first (Product.Releases), then
// releases the product does not declare, by name; SBOMs of no declared product last.
func sortSBOMs(m *model.Declaration) {
	product := map[string]int{}
	release := map[string]int{}
	for i, p := range m.Products {
		product[p.ID] = i
		for j, key := range p.Releases {
			release[key] = j
		}
	}
	rank := func(ranks map[string]int, key string) int {
		if r, ok := ranks[key]; ok {
			return r
		}
		return len(ranks) // after every known one
	}
	slices.SortFunc(m.SBOMs, func(a, b model.SBOM) int {
		return cmp.Or(
			cmp.Compare(rank(product, a.Product), rank(product, b.Product)), strings.Compare(a.Product, b.Product),
			cmp.Compare(rank(release, a.Product+"/"+a.Release), rank(release, b.Product+"/"+b.Release)),
			strings.Compare(a.Release, b.Release), strings.Compare(a.Path, b.Path))
	})
}
