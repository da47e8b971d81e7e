package preview

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/sitefs"
)

// EventsPath is the server-sent-events stream that tells pages to reload. Only the
// preview serves it, and only the preview's pages carry the script that listens to it.
const EventsPath = "/_evident/reload"

// Handler serves the last good site from memory, with the reload script and, while the
// site has problems, the list of them over every page. Before the first good build
// every page is that list.
func (p *Preview) Handler() http.Handler { return http.HandlerFunc(p.serveHTTP) }

func (p *Preview) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath {
		p.hub.serve(w, r, p.current)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p.mu.RLock()
	rel, isArtifact := p.artifacts[path.Clean(r.URL.Path)]
	p.mu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")
	if isArtifact {
		p.serveArtifact(w, r, rel)
		return
	}
	p.renderStale(r)
	// Pages change under the same modification time when problems come and go.
	r = r.Clone(r.Context())
	for _, h := range []string{"If-Modified-Since", "If-None-Match", "If-Range", "Range"} {
		r.Header.Del(h)
	}
	p.live.View(func(fsys http.FileSystem) {
		// Builds publish their number and problems with their pages (site.Live.Update).
		p.mu.RLock()
		inject := snippet(p.seq, p.problems)
		p.mu.RUnlock()
		if fsys == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write(errorPage(inject))
			return
		}
		fsys = noListing{fsys}
		iw := &injector{rw: w, inject: inject}
		http.FileServer(fsys).ServeHTTP(iw, r)
		if iw.status == http.StatusNotFound {
			for k := range w.Header() { // http.Error's headers
				if k != "Cache-Control" {
					w.Header().Del(k)
				}
			}
			iw = &injector{rw: w, inject: inject, notFound: true}
			r.URL.Path = "/404.html"
			http.FileServer(fsys).ServeHTTP(iw, r)
			if iw.status != http.StatusOK {
				http.NotFound(w, r)
				return
			}
		}
		iw.finish()
	})
}

// serveArtifact serves an artifact or SBOM, rel, from the site folder as it is now: only
// a regular file inside the site, whatever replaced the checked one since the last build
// (a symlink out of the site, a folder, a named pipe).
func (p *Preview) serveArtifact(w http.ResponseWriter, r *http.Request, rel string) {
	f, fi, err := sitefs.OpenRegular(p.opt.Root, rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		http.NotFound(w, r)
		return
	case err != nil:
		http.Error(w, "forbidden: "+rel+" is not a regular file inside the site", http.StatusForbidden)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, path.Base(rel), fi.ModTime(), f)
}

// noListing is a file system whose folders open only when they have an index.html, so
// that the file server never lists a folder: one without an index page is not found.
type noListing struct{ http.FileSystem }

func (n noListing) Open(name string) (http.File, error) {
	f, err := n.FileSystem.Open(name)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.IsDir() {
		return f, nil
	}
	if !n.hasIndex(name) {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return unlisted{f}, nil
}

func (n noListing) hasIndex(dir string) bool {
	f, err := n.FileSystem.Open(path.Join(dir, "index.html"))
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	return err == nil && !fi.IsDir()
}

// unlisted is a folder that cannot be read: nothing lists it, even by mistake.
type unlisted struct{ http.File }

func (unlisted) Readdir(int) ([]fs.FileInfo, error) { return nil, fs.ErrPermission }

// current is the number of the last build, sent to a page when it connects.
func (p *Preview) current() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.seq
}

// injector passes a response through, except HTML pages: those are held back, and the
// reload script (and the problems, if any) put before </body>.
type injector struct {
	rw       http.ResponseWriter
	inject   []byte
	notFound bool // serving 404.html for a missing page

	status  int
	held    bool // an HTML page, held in buf
	dropped bool // a response that is replaced (a 404)
	buf     bytes.Buffer
}

func (iw *injector) Header() http.Header { return iw.rw.Header() }

func (iw *injector) WriteHeader(code int) {
	if iw.status != 0 {
		return
	}
	iw.status = code
	switch {
	case code == http.StatusNotFound && !iw.notFound:
		iw.dropped = true // the site's 404 page is served instead
	case code == http.StatusOK && strings.HasPrefix(iw.rw.Header().Get("Content-Type"), "text/html"):
		iw.held = true
	case code != http.StatusOK && iw.notFound:
		iw.dropped = true
	default:
		iw.rw.WriteHeader(code)
	}
}

func (iw *injector) Write(b []byte) (int, error) {
	if iw.status == 0 {
		iw.WriteHeader(http.StatusOK)
	}
	switch {
	case iw.dropped:
		return len(b), nil
	case iw.held:
		return iw.buf.Write(b)
	}
	return iw.rw.Write(b)
}

// finish writes a held page with the snippet in it.
func (iw *injector) finish() {
	if !iw.held {
		return
	}
	page := injectBefore(iw.buf.Bytes(), iw.inject)
	h := iw.rw.Header()
	h.Del("Content-Length")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	code := http.StatusOK
	if iw.notFound {
		code = http.StatusNotFound
	}
	iw.rw.WriteHeader(code)
	_, _ = iw.rw.Write(page)
}

// injectBefore puts snippet before the last </body>, or at the end.
func injectBefore(page, snippet []byte) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(snippet))
	out = append(out, page[:i]...)
	out = append(out, snippet...)
	return append(out, page[i:]...)
}

// snippet is what every page of the preview gets: the reload script, which reloads
// the page when the server has built something newer than the page, and the list of
// problems. Every text in it is escaped.
func snippet(seq int, probs diag.List) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<script data-evident-preview>(function(){var seq=%d;var es=new EventSource(%q);`+
		`es.onmessage=function(e){if(Number(e.data)!==seq){es.close();location.reload();}};})();</script>`, seq, EventsPath)
	if !probs.HasErrors() {
		return b.Bytes()
	}
	errs := probs.Count(diag.Error)
	b.WriteString(`<div id="evident-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;` +
		`margin:0;padding:1rem 1.5rem;background:#fff8f7;color:#1a1a1a;border-top:4px solid #b3261e;box-shadow:0 -4px 16px rgba(0,0,0,.2);` +
		`font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">`)
	fmt.Fprintf(&b, `<p style="margin:0 0 .5rem;font-weight:bold;color:#b3261e">evident: %d error%s; the page below is the last good build.</p><ul style="margin:0;padding:0;list-style:none">`,
		errs, plural(errs))
	for _, d := range probs {
		fmt.Fprintf(&b, `<li style="margin:.25rem 0"><code>%s</code>: <strong>%s</strong>: %s`,
			html.EscapeString(positionText(d.Pos)), html.EscapeString(d.Severity.String()), html.EscapeString(d.Message))
		if d.Hint != "" {
			fmt.Fprintf(&b, `<br><span style="color:#555">%s</span>`, html.EscapeString(d.Hint))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul></div>")
	return b.Bytes()
}

func positionText(p diag.Position) string {
	if p.File == "" {
		return "site"
	}
	return p.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// errorPage is shown before the site has built once.
func errorPage(inject []byte) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>evident: the site has errors</title></head>\n<body>")
	b.WriteString(`<h1 style="font:bold 18px sans-serif">The site has not built yet</h1><p style="font:14px sans-serif">Fix the problems below; this page reloads by itself.</p>`)
	b.Write(inject)
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// hub sends the number of each new build to every page that listens.
type hub struct {
	mu      sync.Mutex
	clients map[chan int]struct{}
	done    chan struct{}
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan int]struct{}{}, done: make(chan struct{})} }

// broadcast never blocks: a page that has not read the previous number gets the newest.
func (h *hub) broadcast(seq int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case <-c:
		default:
		}
		c <- seq // room for one: only broadcast sends, under h.mu
	}
}

func (h *hub) subscribe() (chan int, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := make(chan int, 1)
	h.clients[c] = struct{}{}
	return c, true
}

func (h *hub) unsubscribe(c chan int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// close ends every stream, so that the server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

func (h *hub) serve(w http.ResponseWriter, r *http.Request, current func() int) {
	flusher, ok := w.(http.Flusher)
	c, open := h.subscribe()
	if !ok || !open {
		http.Error(w, "no reload stream", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	send := func(seq int) bool {
		_, err := fmt.Fprintf(w, "data: %d\n\n", seq)
		flusher.Flush()
		return err == nil
	}
	if _, err := fmt.Fprint(w, "retry: 500\n"); err != nil || !send(current()) {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case seq := <-c:
			if !send(seq) {
				return
			}
		}
	}
}
