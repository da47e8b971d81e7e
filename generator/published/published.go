// Package published loads a vendor's published declaration for a customer to read: from
// a built site (a folder), from a site's URL, or from a declaration.json kept aside.
//
// A site is verified before anything of it is read: integrity.Verify recomputes every
// digest its SHA256SUMS lists (and checks SHA256SUMS.sig when a key is given), and the
// declaration is taken only when everything matches. Over HTTP the declaration is the
// very response that Verify digested (see capture), so a server cannot show one
// declaration to the verifier and another to the reader; in a folder it is read again
// and must have the digest that SHA256SUMS gives it. A file on its own has nothing to
// be verified against: it is read as it is, and Declaration.Verified says so.
//
// What a source may cost is bounded as verify bounds it, whoever serves it: Verify's
// limits on SHA256SUMS and on each request, Options.Timeout on the whole of a URL, and
// Options.MaxSize on declaration.json. Every failure is an *Error that names the source
// and says why, in words a customer can act on.
package published

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/sitefs"
)

// declFile is the name of the declaration at the root of a published site.
const declFile = "declaration.json"

// maxSize is the default limit on the size of declaration.json: as much as integrity.json
// may be.
const maxSize = 128 << 20

// Options tune Load. The zero value verifies digests only, with the default limits.
type Options struct {
	// PublicKey, when set, makes a valid SHA256SUMS.sig by this key mandatory for a site
	// (see integrity.VerifyOptions). A file cannot be verified: with a key, it is refused.
	PublicKey []byte
	// Timeout bounds everything done for a URL; default integrity.DefaultTimeout; negative:
	// no limit. A folder is read at the disk's pace.
	Timeout time.Duration
	// MaxSize bounds declaration.json, in bytes; default 128 MiB, as integrity.json.
	MaxSize int64
	// Verify passes more options to integrity.Verify (its Transport, for tests and proxies).
	Verify integrity.VerifyOptions
}

// Declaration is a declaration as a customer loaded it.
type Declaration struct {
	Source string // as given
	// Site is the folder or the URL of the site root that was verified; "" for a file.
	Site  string
	Model *model.Declaration
	// Report is what verifying the site found (everything matched); nil for a file.
	Report *integrity.Report
	// FormatVersion is the major version of the declaration's format (1 when it gives none).
	FormatVersion int
	// Data is declaration.json as it was read (and verified, with a Report): what Model
	// is decoded from, for a caller that keeps the file.
	Data []byte
}

// Verified reports whether the declaration comes from a site whose digests were checked.
func (d *Declaration) Verified() bool { return d.Report != nil }

// Signed reports whether SHA256SUMS.sig was checked with the key given.
func (d *Declaration) Signed() bool { return d.Report != nil && d.Report.Signature == "verified" }

// Reason says why a source could not be loaded.
type Reason string

const (
	Unreachable  Reason = "unreachable"         // no such folder or file, or the server does not answer
	NotASite     Reason = "not-a-site"          // no SHA256SUMS, or one that does not list declaration.json
	Verification Reason = "verification-failed" // a digest or the signature does not match
	Timeout      Reason = "timeout"             // a URL took longer than Options.Timeout
	TooLarge     Reason = "too-large"           // declaration.json is larger than Options.MaxSize
	NewerFormat  Reason = "newer-format"        // the declaration is in a format newer than this evident reads
	Invalid      Reason = "invalid"             // declaration.json is not a declaration that evident wrote
	Usage        Reason = "usage"               // the source cannot be loaded as asked (a key for a file)
)

// Error is why a source could not be loaded. It prints as "SOURCE: what went wrong".
type Error struct {
	Source string
	Reason Reason
	Err    error
}

func (e *Error) Error() string { return e.Source + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Load reads the declaration of src: a folder or an http(s) URL of a published site (or
// the URL of its declaration.json), verified first, or a declaration.json file. Every
// error is an *Error.
func Load(ctx context.Context, src string, opt Options) (*Declaration, error) {
	fail := func(r Reason, format string, args ...any) (*Declaration, error) {
		return nil, &Error{Source: src, Reason: r, Err: fmt.Errorf(format, args...)}
	}
	opt.MaxSize = cmp.Or(opt.MaxSize, maxSize)
	var (
		d    = &Declaration{Source: src}
		data []byte
		err  error
	)
	switch {
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		d.Site, data, d.Report, err = loadURL(ctx, src, opt)
	default:
		fi, statErr := os.Stat(src)
		switch {
		case statErr != nil:
			return fail(Unreachable, "%v", errors.Unwrap(statErr))
		case fi.IsDir():
			d.Site, data, d.Report, err = loadFolder(ctx, src, opt)
		case opt.PublicKey != nil:
			return fail(Usage, "a file cannot be verified against a key: give the site's folder or URL")
		default:
			// The customer named this file: a link to it is followed wherever it leads.
			real, lerr := filepath.EvalSymlinks(src)
			if lerr != nil {
				return fail(Unreachable, "%v", errors.Unwrap(lerr))
			}
			data, err = readFile(filepath.Dir(real), filepath.Base(real), opt.MaxSize)
		}
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Source = src
			return nil, e
		}
		return nil, &Error{Source: src, Reason: Unreachable, Err: err}
	}
	var format string
	if d.FormatVersion, format, err = formatVersion(data); err != nil {
		return fail(Invalid, "%v", err)
	}
	if d.FormatVersion > model.FormatMajor {
		return fail(NewerFormat, "%s is in format version %s, newer than this evident reads (%d); update evident", declFile, format, model.FormatMajor)
	}
	if d.Model, err = decode(data); err != nil {
		return fail(Invalid, "%v", err)
	}
	d.Data = data
	return d, nil
}

func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// tooLarge is a file past its limit.
type tooLarge struct {
	name  string
	limit int64
}

func (e *tooLarge) Error() string { return fmt.Sprintf("%s is larger than %d bytes", e.name, e.limit) }

// readFile reads name in dir, a regular file of at most limit bytes.
func readFile(dir, name string, limit int64) ([]byte, error) {
	f, _, err := sitefs.OpenRegular(dir, name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &Error{Reason: TooLarge, Err: &tooLarge{name, limit}}
	}
	return data, nil
}

// loadFolder verifies the site in dir and returns its declaration, which must have the
// digest that SHA256SUMS lists for it.
func loadFolder(ctx context.Context, dir string, opt Options) (string, []byte, *integrity.Report, error) {
	sums, err := readFile(dir, integrity.SumsFile, integrity.MaxSums)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil, nil, notASite("no %s in the folder: not a site built by evident (give the folder that `evident build` wrote)", integrity.SumsFile)
	case err != nil:
		return "", nil, nil, err
	}
	want, err := listed(sums)
	if err != nil {
		return "", nil, nil, err
	}
	vopt := opt.Verify
	vopt.PublicKey = opt.PublicKey
	rep, err := integrity.Verify(ctx, dir, vopt)
	if err := verified(dir, rep, err); err != nil {
		return "", nil, nil, err
	}
	data, err := readFile(dir, declFile, opt.MaxSize)
	if err != nil {
		return "", nil, nil, err
	}
	if _, got, _ := integrity.Digest(bytes.NewReader(data)); got != want {
		return "", nil, nil, &Error{Reason: Verification, Err: fmt.Errorf("verification failed: changed: %s (while it was read)", declFile)}
	}
	return dir, data, rep, nil
}

// listed returns the digest SHA256SUMS gives declaration.json.
func listed(sums []byte) (string, error) {
	entries, err := integrity.ParseSums(integrity.SumsFile, bytes.NewReader(sums))
	if err != nil {
		return "", &Error{Reason: Verification, Err: fmt.Errorf("verification failed: %w", err)}
	}
	for _, e := range entries {
		if e.Path == declFile {
			return e.SHA256, nil
		}
	}
	return "", notASite("its %s does not list %s: not a site built by evident, or not one that can be verified", integrity.SumsFile, declFile)
}

func notASite(format string, args ...any) error {
	return &Error{Reason: NotASite, Err: fmt.Errorf(format, args...)}
}

// verified turns what Verify of site returned into nil when everything matched, else an
// *Error (without the site in front of Verify's own messages: Error names the source).
func verified(site string, rep *integrity.Report, err error) error {
	if err == nil && rep.OK() {
		return nil
	}
	if err != nil {
		err = unprefixed(site, err)
	}
	if rep == nil {
		return &Error{Reason: Verification, Err: fmt.Errorf("verification failed: %w", err)}
	}
	var parts []string
	add := func(what string, paths []string) {
		if len(paths) == 0 {
			return
		}
		const shown = 5
		s := what + ": " + strings.Join(paths[:min(shown, len(paths))], ", ")
		if len(paths) > shown {
			s += fmt.Sprintf(" and %d more", len(paths)-shown)
		}
		parts = append(parts, s)
	}
	add("changed", rep.Changed)
	add("missing", rep.Missing)
	add("extra", rep.Extra)
	if rep.Signature != "" && rep.Signature != "verified" {
		parts = append(parts, "signature: "+rep.Signature)
	}
	if err != nil {
		parts = append(parts, err.Error())
	}
	return &Error{Reason: Verification, Err: errors.New("verification failed: " + strings.Join(parts, "; "))}
}

// unprefixed is err without the site that Verify puts in front of some of its messages.
func unprefixed(site string, err error) error {
	if msg, ok := strings.CutPrefix(err.Error(), site+": "); ok {
		return errors.New(msg)
	}
	return err
}

// loadURL verifies the site at src (its root, or its declaration.json) and returns its
// root and the declaration that verification digested.
func loadURL(ctx context.Context, src string, opt Options) (string, []byte, *integrity.Report, error) {
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return "", nil, nil, &Error{Reason: Usage, Err: errors.New("not a URL with a host")}
	}
	u.RawQuery, u.Fragment = "", ""
	if strings.HasSuffix(u.Path, "/"+declFile) {
		u.Path = strings.TrimSuffix(u.Path, declFile)
		u.RawPath = ""
	} else if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	root := u.String()
	timeout := cmp.Or(opt.Timeout, integrity.DefaultTimeout)
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, &Error{Reason: Timeout,
			Err: fmt.Errorf("gave up after %s: the server answers too slowly, or without end", timeout)})
		defer cancel()
	}
	c := newCapture(opt.Verify.Transport, u, opt.MaxSize)
	vopt := opt.Verify
	vopt.PublicKey = opt.PublicKey
	vopt.Transport = c
	rep, err := integrity.Verify(ctx, root, vopt)
	sums, decl := c.get(integrity.SumsFile), c.get(declFile)
	switch {
	case ctx.Err() != nil:
		return "", nil, nil, context.Cause(ctx)
	case sums.missing():
		return "", nil, nil, notASite("no %s at %s: not a site published by evident", integrity.SumsFile, root)
	case sums.tooLarge:
		return "", nil, nil, &Error{Reason: TooLarge, Err: &tooLarge{integrity.SumsFile, sums.limit}}
	case decl.tooLarge:
		return "", nil, nil, &Error{Reason: TooLarge, Err: &tooLarge{declFile, decl.limit}}
	case rep == nil && (isNetError(err) || sums.status != http.StatusOK):
		// No answer, or not the answer of a file: a server error, a refused redirect.
		return "", nil, nil, &Error{Reason: Unreachable, Err: unprefixed(root, err)}
	}
	if err := verified(root, rep, err); err != nil {
		return "", nil, nil, err
	}
	if !decl.complete {
		return "", nil, nil, notASite("its %s does not list %s: not a site built by evident, or not one that can be verified", integrity.SumsFile, declFile)
	}
	return root, decl.body.Bytes(), rep, nil
}

// isNetError reports whether err is the failure of a connection, not of an answer.
func isNetError(err error) bool {
	var ne net.Error
	var ue *url.Error
	return errors.As(err, &ne) || errors.As(err, &ue)
}

// ReleaseSBOMs returns the paths of a release's SBOMs: those its release file lists, then
// those evidence lists for it (by product and version); VEX documents are not SBOMs.
func ReleaseSBOMs(m *model.Declaration, r *model.Release) []string {
	paths := slices.Clone(r.SBOMs)
	for _, s := range m.SBOMs {
		if s.Evidence != "" && s.Product == r.Product && s.Release == r.Version && !s.VEX && !slices.Contains(paths, s.Path) {
			paths = append(paths, s.Path)
		}
	}
	return paths
}
