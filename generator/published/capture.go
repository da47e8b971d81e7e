package published

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/evident-dev/evident/generator/integrity"
)

// capture is the transport of integrity.Verify over HTTP. It passes every request on and
// keeps what Load needs of two answers as Verify reads them: whether SHA256SUMS was found
// and how large it is, and the bytes of declaration.json. Each is bounded: past its limit,
// reading it fails, and Load says it was too large. The declaration Load returns is thus
// the response that Verify digested and compared, fetched once, with Verify's timeouts and
// redirect rules.
type capture struct {
	base  http.RoundTripper
	root  string // the path of the site root, with its final slash
	mu    sync.Mutex
	files map[string]*captured // by site-relative path; the keys never change
}

// captured is what was seen of one file.
type captured struct {
	limit    int64
	keep     bool // keep the body, not only count it
	status   int  // of the last answer; 0 when it was never asked for
	n        int64
	body     bytes.Buffer
	complete bool // the body was read to its end
	tooLarge bool // the body went past the limit, and reading it failed
}

func (c *captured) missing() bool {
	return c.status == http.StatusNotFound || c.status == http.StatusGone
}

var _ http.RoundTripper = (*capture)(nil)

func newCapture(base http.RoundTripper, root *url.URL, limit int64) *capture {
	return &capture{
		base: cmp.Or[http.RoundTripper](base, http.DefaultTransport),
		root: root.Path,
		files: map[string]*captured{
			integrity.SumsFile: {limit: integrity.MaxSums},
			declFile:           {limit: limit, keep: true},
		},
	}
}

func (c *capture) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	// A redirect's request remembers the answer that caused it: name the file Verify asked for.
	first := req
	for first.Response != nil && first.Response.Request != nil {
		first = first.Response.Request
	}
	name, ok := strings.CutPrefix(first.URL.Path, c.root)
	f := c.files[name]
	if !ok || f == nil {
		return resp, nil
	}
	c.mu.Lock()
	f.status, f.n = resp.StatusCode, 0
	f.body.Reset()
	f.complete, f.tooLarge = false, false
	c.mu.Unlock()
	if resp.StatusCode == http.StatusOK {
		resp.Body = &tee{ReadCloser: resp.Body, name: name, c: c, f: f}
	}
	return resp, nil
}

// get returns a copy of what was seen of name, one of the files captured.
func (c *capture) get(name string) *captured {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.files[name]
	cp := &captured{limit: f.limit, status: f.status, n: f.n, complete: f.complete, tooLarge: f.tooLarge}
	cp.body.Write(f.body.Bytes())
	return cp
}

// tee keeps or counts what is read of a body, and fails the read past the limit.
type tee struct {
	io.ReadCloser
	name string
	c    *capture
	f    *captured
}

func (t *tee) Read(p []byte) (int, error) {
	n, err := t.ReadCloser.Read(p)
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if t.f.n+int64(n) > t.f.limit {
		t.f.tooLarge = true
		return 0, &tooLarge{t.name, t.f.limit}
	}
	t.f.n += int64(n)
	if t.f.keep {
		t.f.body.Write(p[:n])
	}
	if err == io.EOF {
		t.f.complete = true
	}
	return n, err
}
