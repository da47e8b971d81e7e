package integrity

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/internal/parallel"
)

// SignatureNamespace is the ssh-keygen -Y namespace SHA256SUMS.sig is made in.
const SignatureNamespace = "file"

// Defaults for VerifyOptions, and DefaultTimeout for a whole Verify of a URL (the
// caller's context bounds that).
const (
	DefaultTimeout         = 5 * time.Minute
	DefaultRequestTimeout  = 5 * time.Minute
	DefaultMaxRedirects    = 5
	DefaultHTTPConcurrency = 4
)

// VerifyOptions tunes Verify. The zero value verifies digests only.
type VerifyOptions struct {
	// PublicKey, when set, makes SHA256SUMS.sig mandatory: it must be a valid
	// signature of SHA256SUMS, in namespace "file", by this key (see VerifySSHSig
	// for the accepted formats).
	PublicKey []byte
	// Exclude lists more site-relative slash paths that a directory may hold
	// without SHA256SUMS listing them. SHA256SUMS and SHA256SUMS.sig always are.
	Exclude []string
	// Concurrency bounds how many files are read at once; default runtime.NumCPU()
	// for a directory and DefaultHTTPConcurrency for a URL.
	Concurrency int
	// RequestTimeout bounds each HTTP request, body included; default DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxRedirects bounds the redirects followed per request; default
	// DefaultMaxRedirects. Redirects to another host, or from https to http,
	// are never followed.
	MaxRedirects int
	// Transport is used for HTTP requests; default http.DefaultTransport.
	Transport http.RoundTripper
}

// Report says what Verify found. Every list is sorted and names site-relative paths.
type Report struct {
	// Checked is how many files listed in SHA256SUMS were found and digested.
	Checked int
	// Missing are listed in SHA256SUMS but absent.
	Missing []string
	// Changed have a digest other than SHA256SUMS says, or a size or digest other
	// than integrity.json says.
	Changed []string
	// Extra are present but not listed in SHA256SUMS (directories only), or
	// listed in integrity.json but not in SHA256SUMS, or the other way round.
	Extra []string
	// Signature is "" when no public key was given, "verified", or why the
	// signature failed.
	Signature string
	// Manifest reports whether integrity.json was published and cross-checked.
	Manifest bool
}

// OK reports whether nothing is missing, changed or extra and the signature,
// if one was required, verified.
func (r *Report) OK() bool {
	return len(r.Missing) == 0 && len(r.Changed) == 0 && len(r.Extra) == 0 &&
		(r.Signature == "" || r.Signature == "verified")
}

// Verify recomputes the digests of a published site and compares them with its
// SHA256SUMS (and integrity.json, when published).
//
// src is a directory or the http(s) URL of the site root. Over HTTP every file
// is fetched with a streaming GET relative to src, at most opt.Concurrency at a
// time, each request bounded by opt.RequestTimeout and ctx.
//
// Extra files are found differently for the two: in a directory, every regular
// file not listed in SHA256SUMS is extra (except SHA256SUMS, SHA256SUMS.sig and
// opt.Exclude). A web server cannot be listed, so for a URL extra files are found
// only when integrity.json is published: a file it lists that SHA256SUMS does
// not, or the reverse, is extra. Without integrity.json, Report.Manifest is false
// and unlisted files on the server go unnoticed.
//
// A missing SHA256SUMS, or a malformed SHA256SUMS or integrity.json, is an error.
// Files that cannot be read for another reason than their absence (a server
// error, a permission problem) make Verify return both the report so far and an
// error naming them (the first maxDiagnostics of them); the report alone is not a
// pass then.
//
// Whoever serves the site, what Verify reads is bounded: only regular files are
// opened (a FIFO is refused, not waited on); SHA256SUMS and integrity.json are
// read within the limits of ParseSums and ReadManifest; and a file is read to at
// most one byte past the size integrity.json declares for it. When ctx ends
// first, Verify returns context.Cause(ctx) alone.
func Verify(ctx context.Context, src string, opt VerifyOptions) (*Report, error) {
	s, err := openSource(src, opt)
	if err != nil {
		return nil, err
	}
	defer s.close()

	sums, err := readSmall(ctx, s, SumsFile, MaxSums)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	listed, err := ParseSums(SumsFile, bytes.NewReader(sums))
	if err != nil {
		return nil, err
	}

	rep := &Report{}
	var errs []error

	if opt.PublicKey != nil {
		sig, err := readSmall(ctx, s, SumsSigFile, maxSigSize)
		switch {
		case err != nil:
			rep.Signature = "cannot read signature: " + err.Error()
		default:
			rep.Signature = "verified"
			if err := VerifySSHSig(opt.PublicKey, SignatureNamespace, bytes.NewReader(sums), sig); err != nil {
				rep.Signature = fmt.Sprintf("%s: %v", SumsSigFile, err)
			}
		}
	}

	var manifest map[string]Entry
	switch rc, err := s.open(ctx, ManifestFile); {
	case errors.Is(err, errNotFound):
	case err != nil:
		errs = append(errs, err)
	default:
		m, err := ReadManifest(ManifestFile, rc)
		rc.Close()
		if err != nil {
			return nil, cmp.Or(context.Cause(ctx), err)
		}
		rep.Manifest = true
		manifest = make(map[string]Entry, len(m))
		for _, e := range m {
			manifest[e.Path] = e
		}
	}

	type result struct {
		missing, changed bool
		err              error
	}
	results := make([]result, len(listed))
	parallel.For(len(listed), s.concurrency(), func(i int) {
		if ctx.Err() != nil {
			return // the report is not used
		}
		want := listed[i]
		m, inManifest := manifest[want.Path]
		limit := int64(-1)
		if inManifest {
			// A longer file has changed: never read more than one byte past its declared size.
			limit = m.Size + 1
		}
		got, err := digestFrom(ctx, s, want.Path, limit)
		switch {
		case errors.Is(err, errNotFound):
			results[i].missing = true
		case err != nil:
			results[i].err = fmt.Errorf("%s: %w", want.Path, err)
		default:
			results[i].changed = got.SHA256 != want.SHA256 ||
				inManifest && (got.Size != m.Size || got.SHA256 != m.SHA256)
		}
	})
	if ctx.Err() != nil {
		// Every file not read yet failed for this one reason.
		return nil, context.Cause(ctx)
	}
	inSums := make(map[string]bool, len(listed))
	for i, res := range results {
		p := listed[i].Path
		inSums[p] = true
		switch {
		case res.err != nil:
			errs = append(errs, res.err)
		case res.missing:
			rep.Missing = append(rep.Missing, p)
		default:
			rep.Checked++
			if res.changed {
				rep.Changed = append(rep.Changed, p)
			}
		}
	}

	extra := map[string]bool{}
	present, err := s.list(append([]string{SumsFile, SumsSigFile}, opt.Exclude...))
	switch {
	case errors.Is(err, errNoListing):
	case err != nil:
		errs = append(errs, err)
	default:
		for _, p := range present {
			if !inSums[p] {
				extra[p] = true
			}
		}
	}
	if manifest != nil {
		for p := range manifest {
			if !inSums[p] {
				extra[p] = true
			}
		}
		for p := range inSums {
			// integrity.json cannot list itself, but SHA256SUMS may list it.
			if _, ok := manifest[p]; !ok && p != ManifestFile {
				extra[p] = true
			}
		}
	}
	for p := range extra {
		rep.Extra = append(rep.Extra, p)
	}
	// SHA256SUMS may be written by hand in any order; the report is sorted.
	slices.Sort(rep.Missing)
	slices.Sort(rep.Changed)
	slices.Sort(rep.Extra)
	if n := len(errs) - maxDiagnostics; n > 0 {
		errs = append(errs[:maxDiagnostics], fmt.Errorf("and %d more files could not be read", n))
	}
	return rep, errors.Join(errs...)
}

var (
	errNotFound  = errors.New("not found")
	errNoListing = errors.New("cannot list files")
)

// source is a published site: a directory or a web server.
type source interface {
	// open returns the content of the site-relative slash path p, or an error
	// wrapping errNotFound when there is no such file.
	open(ctx context.Context, p string) (io.ReadCloser, error)
	// list returns every file of the site except those in exclude, sorted, or
	// errNoListing.
	list(exclude []string) ([]string, error)
	concurrency() int
	close()
}

func openSource(src string, opt VerifyOptions) (source, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return newHTTPSource(src, opt)
	}
	r, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	return &dirSource{root: r, workers: cmp.Or(opt.Concurrency, runtime.NumCPU())}, nil
}

// readSmall reads p entirely, failing if it is larger than limit bytes.
func readSmall(ctx context.Context, s source, p string, limit int64) ([]byte, error) {
	rc, err := s.open(ctx, p)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", p, limit)
	}
	return data, nil
}

// digestFrom digests p, reading at most limit bytes of it unless limit is negative.
func digestFrom(ctx context.Context, s source, p string, limit int64) (Entry, error) {
	rc, err := s.open(ctx, p)
	if err != nil {
		return Entry{}, err
	}
	defer rc.Close()
	var r io.Reader = rc
	if limit >= 0 {
		r = io.LimitReader(rc, limit)
	}
	size, sum, err := Digest(r)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Path: p, Size: size, SHA256: sum}, nil
}

// dirSource reads a site from a directory; it never leaves the directory.
type dirSource struct {
	root    *os.Root
	workers int
}

func (d *dirSource) open(_ context.Context, p string) (io.ReadCloser, error) {
	f, err := openRegular(d.root, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", p, errNotFound)
	}
	return f, err
}

func (d *dirSource) list(exclude []string) ([]string, error) { return listFiles(d.root, exclude) }
func (d *dirSource) concurrency() int                        { return d.workers }
func (d *dirSource) close()                                  { d.root.Close() }

// httpSource reads a site from a web server.
type httpSource struct {
	base    *url.URL
	client  *http.Client
	timeout time.Duration
	workers int
}

func newHTTPSource(src string, opt VerifyOptions) (*httpSource, error) {
	base, err := url.Parse(src)
	if err != nil {
		return nil, err
	}
	if base.Host == "" {
		return nil, fmt.Errorf("%s: URL has no host", src)
	}
	base.RawQuery, base.Fragment = "", ""
	if !strings.HasSuffix(base.Path, "/") {
		base = base.JoinPath("/") // the site root is a folder
	}
	maxRedirects := cmp.Or(opt.MaxRedirects, DefaultMaxRedirects)
	client := &http.Client{
		Transport: cmp.Or[http.RoundTripper](opt.Transport, http.DefaultTransport),
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			from := via[len(via)-1].URL
			switch {
			case len(via) > maxRedirects:
				return fmt.Errorf("stopped after %d redirects", maxRedirects)
			case !strings.EqualFold(req.URL.Host, via[0].URL.Host):
				return fmt.Errorf("refusing to follow a redirect from %s to another host (%s)", from, req.URL.Host)
			case from.Scheme == "https" && req.URL.Scheme != "https":
				return fmt.Errorf("refusing to follow a redirect from https to %s", req.URL)
			}
			return nil
		},
	}
	return &httpSource{
		base:    base,
		client:  client,
		timeout: cmp.Or(opt.RequestTimeout, DefaultRequestTimeout),
		workers: cmp.Or(opt.Concurrency, DefaultHTTPConcurrency),
	}, nil
}

func (h *httpSource) open(ctx context.Context, p string) (io.ReadCloser, error) {
	// p is a decoded path: '%', '?' and '#' in it are part of the name.
	u := h.base.ResolveReference(&url.URL{Path: p})
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, err
	}
	// Digest the bytes as published: no transparent decompression.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := h.client.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return &cancelBody{resp.Body, cancel}, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		err = fmt.Errorf("GET %s: %s: %w", u, resp.Status, errNotFound)
	default:
		err = fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	resp.Body.Close()
	cancel()
	return nil, err
}

func (h *httpSource) list([]string) ([]string, error) { return nil, errNoListing }
func (h *httpSource) concurrency() int                { return h.workers }
func (h *httpSource) close()                          { h.client.CloseIdleConnections() }

// cancelBody releases the request's timeout when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
