// Package links checks that every URL a built site publishes into itself resolves: each
// href and src of its HTML pages, each link of its feeds and sitemaps, each URL of its JSON
// files (and each of the model's site-relative links) and each URL field of security.txt
// names a file that was published, and each #fragment an element id (or a name) on the
// target page.
package links

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/parallel"
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
	Pages  int // files read for links: HTML pages, feeds, sitemaps, JSON files, security.txt
	Links  int // internal links and anchors checked
	Broken []Broken
}

// page is what a file says about links: the ids it has (an HTML page's) and the links it makes.
type page struct {
	ids   map[string]bool
	links []link
	err   string // why the file could not be read to its end
}

// link is a URL as a file writes it.
type link struct {
	raw string
	// site: relative to the site's root, not to the file (a model.Links value: "en/evidence/x/").
	site bool
	// inFolder: a sitemap's <loc>, which the sitemap protocol allows only under the folder
	// of the sitemap (https://www.sitemaps.org/protocol.html#location).
	inFolder bool
}

// Check reads every file under root, a built site published at baseURL, that publishes
// URLs (see reader) and checks its internal links. Links to other hosts are not followed.
func Check(root, baseURL string) (*Report, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	basePath := base.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	files := map[string]bool{}
	type job struct {
		rel, path string
		read      func(io.Reader) *page
	}
	var jobs []job
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if read := reader(rel); read != nil {
			jobs = append(jobs, job{rel, p, read})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The pages are read and parsed in parallel, each into its own slot.
	parsed := make([]*page, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), runtime.GOMAXPROCS(0), func(i int) {
		f, err := os.Open(jobs[i].path)
		if err != nil {
			errs[i] = err
			return
		}
		parsed[i] = jobs[i].read(bufio.NewReader(f))
		f.Close()
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	pages := map[string]*page{}
	for i, j := range jobs {
		if parsed[i] != nil {
			pages[j.rel] = parsed[i]
		}
	}
	rep := &Report{Pages: len(pages)}
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	slices.Sort(names)
	siteURL := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: basePath}
	for _, name := range names {
		pg := pages[name]
		if pg.err != "" {
			rep.Broken = append(rep.Broken, Broken{name, "", pg.err})
		}
		pageURL := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: basePath + strings.TrimSuffix(name, "index.html")}
		for _, l := range pg.links {
			raw, from := l.raw, pageURL
			if l.site {
				from = siteURL
			}
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
			abs := from.ResolveReference(u)
			if abs.Host != base.Host || !strings.HasPrefix(abs.Path, basePath) {
				continue // another site
			}
			rep.Links++
			if dir := pageURL.Path[:strings.LastIndex(pageURL.Path, "/")+1]; l.inFolder && !strings.HasPrefix(abs.Path, dir) {
				rep.Broken = append(rep.Broken, Broken{name, raw, "outside /" + strings.TrimPrefix(dir, basePath) + ": a sitemap lists only URLs under its own folder"})
				continue
			}
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

// reader returns the function that reads the links of the file at the site-relative path
// name, or nil for a file that publishes none (or whose URLs are not the site's to check).
func reader(name string) func(io.Reader) *page {
	switch {
	case strings.HasSuffix(name, ".html"):
		return parseHTML
	case strings.HasSuffix(name, ".xml"):
		return parseXML
	case path.Base(name) == model.SchemaFile: // a JSON Schema: its "links" are not links of the site
		return nil
	case strings.HasSuffix(name, ".json"):
		return parseJSON
	case path.Base(name) == "security.txt":
		return parseFields
	}
	return nil
}

// parseHTML collects the ids of a page and the links it makes.
func parseHTML(r io.Reader) *page {
	p := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(r)
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
					p.links = append(p.links, link{raw: string(v)})
				}
			case "src":
				p.links = append(p.links, link{raw: string(v)})
			}
		}
	}
}

// feedRoots are the root elements of the XML files the build writes that link to pages:
// RSS and Atom feeds, sitemaps and sitemap indexes. Other XML (an SBOM) is the vendor's.
var feedRoots = map[string]bool{"rss": true, "feed": true, "urlset": true, "sitemapindex": true}

// urlElements are the feed and sitemap elements whose text is a URL; a guid is one unless
// its isPermaLink is "false".
var urlElements = map[string]bool{"link": true, "loc": true, "guid": true, "url": true, "comments": true}

// parseXML collects the links of a feed or a sitemap: the text of its URL elements and
// its href and url attributes (atom:link, xhtml:link, enclosure). It returns nil for XML
// of another kind.
func parseXML(r io.Reader) *page {
	d := xml.NewDecoder(r)
	var p *page
	var text strings.Builder
	inURL, urlset := false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return p
		}
		if err != nil {
			if p != nil {
				p.err = "not well-formed XML: " + err.Error()
			}
			return p
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p == nil {
				if !feedRoots[t.Name.Local] {
					return nil
				}
				p, urlset = &page{}, t.Name.Local == "urlset"
			}
			permalink := true
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "href", "url":
					p.links = append(p.links, link{raw: a.Value})
				case "isPermaLink":
					permalink = a.Value != "false"
				}
			}
			inURL = urlElements[t.Name.Local] && (t.Name.Local != "guid" || permalink)
			text.Reset()
		case xml.CharData:
			if inURL {
				text.Write(t)
			}
		case xml.EndElement:
			if s := strings.TrimSpace(text.String()); inURL && s != "" {
				p.links = append(p.links, link{raw: s, inFolder: urlset && t.Name.Local == "loc"})
			}
			inURL = false
			text.Reset()
		}
	}
}

// parseJSON collects the links of a JSON file: the absolute http(s) URL of each member
// named url, href or *_url (the model's, CSAF's), and the values of a "links" object, which
// are site-relative (model.Links). Other strings are not links even when they look like
// one: an SBOM's document namespace is an identifier. It returns nil for a file that is
// not JSON.
func parseJSON(r io.Reader) *page {
	// A frame is an open object or array; in an object, keys and values alternate.
	type frame struct {
		object, wantKey, links bool
		key                    string
	}
	var stack []frame
	// valueDone marks the end of a value in the enclosing object: a key comes next.
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	p := &page{}
	d := json.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return p
		}
		if err != nil {
			return nil
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = &stack[n-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.object && top.wantKey {
			top.key, top.wantKey = s, false
			continue
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				links := t == '{' && top != nil && top.object && top.key == "links"
				stack = append(stack, frame{object: t == '{', wantKey: t == '{', links: links})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
		case string:
			switch {
			case top != nil && top.links:
				p.links = append(p.links, link{raw: t, site: true})
			case top != nil && top.object && urlKey(top.key) && absoluteURL(t):
				p.links = append(p.links, link{raw: t})
			}
			valueDone()
		default:
			valueDone()
		}
	}
}

// urlKey reports whether a JSON member of this name holds a URL.
func urlKey(k string) bool { return k == "url" || k == "href" || strings.HasSuffix(k, "_url") }

// parseFields collects the URLs of a file of "Field: value" lines (security.txt, RFC 9116):
// each value that is an absolute http(s) URL. Comments and the lines of an OpenPGP
// signature are not.
func parseFields(r io.Reader) *page {
	p := &page{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			continue
		}
		if _, v, ok := strings.Cut(line, ":"); ok && absoluteURL(strings.TrimSpace(v)) {
			p.links = append(p.links, link{raw: strings.TrimSpace(v)})
		}
	}
	if err := sc.Err(); err != nil {
		p.err = err.Error()
	}
	return p
}

// absoluteURL reports whether s, as a whole, is an absolute http(s) URL: a text that
// mentions one is not.
func absoluteURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
