package csaf

import (
	"cmp"
	"fmt"
	"html"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/model"
)

// The provider's files around the documents (CSAF 2.0 section 7.1).

type providerMetadata struct {
	CanonicalURL            string                  `json:"canonical_url"`
	Distributions           []distributionMechanism `json:"distributions"`
	LastUpdated             string                  `json:"last_updated"`
	ListOnCSAFAggregators   bool                    `json:"list_on_CSAF_aggregators"`
	MetadataVersion         string                  `json:"metadata_version"`
	MirrorOnCSAFAggregators bool                    `json:"mirror_on_CSAF_aggregators"`
	PublicOpenPGPKeys       []openPGPKey            `json:"public_openpgp_keys,omitempty"`
	Publisher               publisher               `json:"publisher"`
	Role                    string                  `json:"role"`
}

// distributionMechanism is one way the documents are distributed.
type distributionMechanism struct {
	DirectoryURL string `json:"directory_url,omitempty"`
	ROLIE        *rolie `json:"rolie,omitempty"`
}

type rolie struct {
	Categories []string    `json:"categories"`
	Feeds      []rolieFeed `json:"feeds"`
	Services   []string    `json:"services"`
}

type rolieFeed struct {
	Summary  string `json:"summary"`
	TLPLabel string `json:"tlp_label"`
	URL      string `json:"url"`
}

type openPGPKey struct {
	Fingerprint string `json:"fingerprint"`
	URL         string `json:"url"`
}

// The ROLIE feed (RFC 8322, as CSAF 2.0 7.1.15 profiles it).

type feedDocument struct {
	Feed feed `json:"feed"`
}

type feed struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Link     []link          `json:"link"`
	Category []rolieCategory `json:"category"`
	Updated  string          `json:"updated"`
	Entry    []entry         `json:"entry"`
}

type link struct {
	Rel  string `json:"rel"`
	HRef string `json:"href"`
}

type rolieCategory struct {
	Scheme string `json:"scheme,omitempty"`
	Term   string `json:"term"`
}

type entry struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	Link      []link       `json:"link"`
	Published string       `json:"published"`
	Updated   string       `json:"updated"`
	Summary   *feedSummary `json:"summary,omitempty"`
	Content   feedContent  `json:"content"`
	Format    feedFormat   `json:"format"`
}

type feedSummary struct {
	Content string `json:"content"`
}

type feedContent struct {
	Type string `json:"type"`
	Src  string `json:"src"`
}

type feedFormat struct {
	Schema  string `json:"schema"`
	Version string `json:"version"`
}

type serviceDocument struct {
	Service struct {
		Workspace []workspace `json:"workspace"`
	} `json:"service"`
}

type workspace struct {
	Title      string       `json:"title"`
	Collection []collection `json:"collection"`
}

type collection struct {
	Title      string `json:"title"`
	HRef       string `json:"href"`
	Categories struct {
		Category []rolieCategory `json:"category"`
	} `json:"categories"`
}

type categoryDocument struct {
	Categories struct {
		Category []rolieCategory `json:"category"`
	} `json:"categories"`
}

// csafCategory is the ROLIE information type of CSAF feeds.
var csafCategory = rolieCategory{Scheme: "urn:ietf:params:rolie:category:information-type", Term: "csaf"}

// providerFiles adds the provider metadata, the ROLIE feed with its service and category
// documents, index.txt and changes.csv to files, which holds the documents already.
func providerFiles(m *model.Declaration, p *model.CSAFProvider, files map[string][]byte) error {
	lang := m.Languages[0]
	org := strings.TrimSpace(m.Organization.Name.In(lang))
	pub := publisher{Category: "vendor", ContactDetails: m.Organization.Contact, Name: org, Namespace: m.Organization.URL}
	feedTitle := fmt.Sprintf(word("feed", lang), org)

	var (
		newest  string
		entries []entry
		index   []string
		changes []change
		terms   = map[string]bool{lang: true}
	)
	for _, slug := range m.AdvisoryOrder {
		a := m.Advisories[slug]
		newest = max(newest, a.Updated)
		u := a.CSAF.URL
		links := []link{{"self", u}, {"hash", u + ".sha256"}, {"hash", u + ".sha512"}}
		if p.Signed {
			links = append(links, link{"signature", u + ".asc"})
		}
		e := entry{
			ID: a.ID, Title: strings.TrimSpace(a.Title.In(lang)), Link: links,
			Published: dateTime(a.Released), Updated: dateTime(a.Updated),
			Content: feedContent{Type: "application/json", Src: u},
			Format:  feedFormat{Schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", Version: "2.0"},
		}
		if s := strings.TrimSpace(a.Description.In(lang)); s != "" {
			e.Summary = &feedSummary{Content: s}
		}
		entries = append(entries, e)
		rel := strings.TrimPrefix(a.CSAF.Path, whiteDir)
		index = append(index, rel)
		changes = append(changes, change{rel, dateTime(a.Updated)})
		terms[documentCategory(a)] = true
		for _, ap := range a.Products {
			if pr := product(m, ap.Product); pr != nil {
				terms[strings.TrimSpace(pr.Name.In(lang))] = true
			}
		}
	}

	md := providerMetadata{
		CanonicalURL:            p.Metadata.URL,
		Distributions:           []distributionMechanism{{DirectoryURL: model.FileURL(m.BaseURL, whiteDir)}},
		LastUpdated:             dateTime(newest),
		ListOnCSAFAggregators:   true,
		MetadataVersion:         "2.0",
		MirrorOnCSAFAggregators: true,
		Publisher:               pub,
		Role:                    p.Role,
	}
	if p.Signed {
		md.PublicOpenPGPKeys = []openPGPKey{{Fingerprint: p.KeyFingerprint, URL: p.KeyURL}}
		// The ROLIE feed is published either way, but listed only when the documents are
		// signed: csaf_checker (gocsaf v3.7.0) takes a feed entry without a signature for
		// an error (7.1.15 asks only that existing signatures be listed) and its empty
		// signature URL for one without TLS, failing an unsigned provider that the
		// directory distribution (11 to 14) lets pass.
		md.Distributions = append(md.Distributions, distributionMechanism{ROLIE: &rolie{
			Categories: []string{model.FileURL(m.BaseURL, categoryPath)},
			Feeds:      []rolieFeed{{Summary: feedTitle, TLPLabel: "WHITE", URL: p.Feed}},
			Services:   []string{model.FileURL(m.BaseURL, servicePath)},
		}})
	}
	if err := jsonFile(files, metadataPath, md); err != nil {
		return err
	}

	fd := feedDocument{Feed: feed{
		ID: "csaf-feed-tlp-white", Title: feedTitle,
		Link:     []link{{"self", p.Feed}},
		Category: []rolieCategory{csafCategory},
		Updated:  dateTime(newest),
		Entry:    entries,
	}}
	if err := jsonFile(files, feedPath, fd); err != nil {
		return err
	}

	var sd serviceDocument
	col := collection{Title: feedTitle, HRef: p.Feed}
	col.Categories.Category = []rolieCategory{csafCategory}
	sd.Service.Workspace = []workspace{{Title: fmt.Sprintf(word("workspace", lang), org), Collection: []collection{col}}}
	if err := jsonFile(files, servicePath, sd); err != nil {
		return err
	}

	var cd categoryDocument
	for _, t := range slices.Sorted(maps.Keys(terms)) {
		if t != "" {
			cd.Categories.Category = append(cd.Categories.Category, rolieCategory{Term: t})
		}
	}
	if err := jsonFile(files, categoryPath, cd); err != nil {
		return err
	}

	// index.txt: every document by its path below the folder, sorted.
	slices.Sort(index)
	files[whiteDir+"index.txt"] = []byte(strings.Join(index, "\n") + "\n")
	// changes.csv: every document with its current release date, the latest first.
	slices.SortFunc(changes, func(a, b change) int { return cmp.Or(strings.Compare(b.date, a.date), strings.Compare(a.path, b.path)) })
	var csv strings.Builder
	for _, c := range changes {
		fmt.Fprintf(&csv, "%q,%q\n", c.path, c.date) // paths and dates have no quote nor backslash
	}
	files[whiteDir+"changes.csv"] = []byte(csv.String())
	return nil
}

type change struct{ path, date string }

// documentCategory is the CSAF document category of an advisory.
func documentCategory(a *model.Advisory) string {
	if a.VEX {
		return "csaf_vex"
	}
	return "csaf_security_advisory"
}

// listings adds an index.html to each folder of the provider that lists what is in it:
// static hosts list no folder, and requirement 14 (directory listings) is what lets a
// person browse the documents.
func listings(files map[string][]byte) {
	children := map[string]map[string]bool{} // folder -> names in it, folders with a trailing slash
	for p := range files {
		if !strings.HasPrefix(p, providerDir) {
			continue
		}
		// p is in its folder, which is in its parent folder, up to providerDir.
		name := path.Base(p)
		for dir := path.Dir(p) + "/"; strings.HasPrefix(dir, providerDir); dir = path.Dir(strings.TrimSuffix(dir, "/")) + "/" {
			if children[dir] == nil {
				children[dir] = map[string]bool{}
			}
			children[dir][name] = true
			name = path.Base(dir) + "/"
		}
	}
	for dir, names := range children {
		var b strings.Builder
		title := html.EscapeString("Index of " + dir)
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n</head>\n<body>\n<h1>%s</h1>\n<ul>\n", title, title)
		if dir != providerDir {
			b.WriteString("<li><a href=\"../\">../</a></li>\n")
		}
		for _, name := range slices.Sorted(maps.Keys(names)) {
			n := html.EscapeString(name)
			fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", n, n)
		}
		b.WriteString("</ul>\n</body>\n</html>\n")
		files[dir+"index.html"] = []byte(b.String())
	}
}
