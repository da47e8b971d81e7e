// Package links checks that every internal link of a built site resolves: each href and
// src that points into the site names a file that was published, and each #fragment an
// element id (or a name) on the target page.
package links

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Broken is one link that does not resolve.
type Broken struct {
	Page   string // the page it is on, relative to the site root
	Link   string // as written
	Reason string
}

func (b Broken) String() string { return fmt.Sprintf("%s: %s: %s", b.Page, b.Link, b.Reason) }

// Report is the result of a check.
type Report struct {
	Pages  int // HTML pages read
	Links  int // internal links and anchors checked
	Broken []Broken
}

type page struct {
	ids   map[string]bool
	links []string
}

// Check reads every HTML page under root, a built site published at baseURL, and checks
// its internal links. Links to other hosts are not followed.
func Check(root, baseURL string) (*Report, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	basePath := base.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	pages := map[string]*page{}
	files := map[string]bool{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages[rel] = parse(b)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep := &Report{Pages: len(pages)}
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		pageURL := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: basePath + strings.TrimSuffix(name, "index.html")}
		for _, raw := range pages[name].links {
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				rep.Broken = append(rep.Broken, Broken{name, raw, "not a URL"})
				continue
			}
			switch u.Scheme {
			case "", "http", "https":
			default:
				if u.Scheme == "javascript" {
					rep.Broken = append(rep.Broken, Broken{name, raw, "javascript: URL"})
				}
				continue // mailto:, tel: ...
			}
			abs := pageURL.ResolveReference(u)
			if abs.Host != base.Host || !strings.HasPrefix(abs.Path, basePath) {
				continue // another site
			}
			rep.Links++
			target := strings.TrimPrefix(abs.Path, basePath)
			file := target
			switch {
			case target == "" || strings.HasSuffix(target, "/"):
				file = target + "index.html"
			case !files[target] && files[target+"/index.html"]:
				file = target + "/index.html"
			}
			if !files[file] {
				rep.Broken = append(rep.Broken, Broken{name, raw, "no such file: " + path.Clean("/"+target)})
				continue
			}
			if abs.Fragment != "" && strings.HasSuffix(file, ".html") && !pages[file].ids[abs.Fragment] {
				rep.Broken = append(rep.Broken, Broken{name, raw, "no element with id " + abs.Fragment + " in " + file})
			}
		}
	}
	return rep, nil
}

// parse collects the ids of a page and the links it makes.
func parse(b []byte) *page {
	p := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "id":
				p.ids[string(v)] = true
			case "name":
				if tag == "a" {
					p.ids[string(v)] = true
				}
			case "href":
				if tag == "a" || tag == "link" || tag == "area" {
					p.links = append(p.links, string(v))
				}
			case "src":
				p.links = append(p.links, string(v))
			}
		}
	}
}
