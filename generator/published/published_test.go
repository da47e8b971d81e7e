package published

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/integrity"
)

// declJSON is the smallest declaration evident would publish, as far as a reader cares.
const declJSON = `{"generator": "evident test", "baseURL": "https://trust.example.com/", "languages": ["ja", "en"],
"declaration": {"version": "2026.1", "date": "2026-11-01"}, "framework": "cip",
"items": {"1-2": {"key": "1-2", "id": "(1)-2", "framework": "cip", "level": "requirement", "status": "implemented"}, "gone": null},
"order": ["1-2"], "evidence": {}, "releases": {}, "advisories": {}, "someFieldOfTomorrow": [1, 2]}
`

// site writes a published site into a new folder: files, and SHA256SUMS over them
// (without the names in unlisted).
func site(t *testing.T, files map[string]string, unlisted ...string) string {
	t.Helper()
	dir := t.TempDir()
	var entries []integrity.Entry
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if contains(unlisted, name) {
			continue
		}
		size, sum, err := integrity.Digest(strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, integrity.Entry{Path: name, Size: size, SHA256: sum})
	}
	var sums bytes.Buffer
	if err := integrity.WriteSums(&sums, entries); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, integrity.SumsFile), sums.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func TestLoadSite(t *testing.T) {
	dir := site(t, map[string]string{"declaration.json": declJSON, "index.html": "<p>hello</p>"})
	url := serve(t, http.FileServer(http.Dir(dir)))
	for _, src := range []string{dir, url, url + "declaration.json"} {
		d, err := Load(t.Context(), src, Options{})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if d.Source != src || d.Model.Declaration.Version != "2026.1" || d.Report == nil || d.Report.Checked != 2 {
			t.Errorf("%s: got source %q, version %q, report %+v", src, d.Source, d.Model.Declaration.Version, d.Report)
		}
		if _, ok := d.Model.Items["gone"]; ok || d.Model.Items["1-2"] == nil {
			t.Errorf("%s: items %v: a null item must be dropped, the others kept", src, d.Model.Items)
		}
		if d.FormatVersion != 1 {
			t.Errorf("%s: format version %d, want 1 when not given", src, d.FormatVersion)
		}
	}
	if d, err := Load(t.Context(), url, Options{}); err == nil && d.Site != url {
		t.Errorf("site of %s is %q", url, d.Site)
	}
	if d, err := Load(t.Context(), url+"declaration.json", Options{}); err == nil && d.Site != url {
		t.Errorf("site of %sdeclaration.json is %q, want the site root", url, d.Site)
	}
}

// A file is read as it is: there is nothing to verify it against, and it says so.
func TestLoadFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(f, []byte(declJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(t.Context(), f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Report != nil || d.Verified() || d.Model.Framework != "cip" {
		t.Errorf("a file: report %v, verified %v, framework %q", d.Report, d.Verified(), d.Model.Framework)
	}
}

// Every way a source can fail is an *Error that names the source and says why.
func TestLoadErrors(t *testing.T) {
	good := map[string]string{"declaration.json": declJSON, "index.html": "<p>hello</p>"}
	tampered := site(t, good)
	if err := os.WriteFile(filepath.Join(tampered, "index.html"), []byte("<p>changed</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	notASite := t.TempDir()
	if err := os.WriteFile(filepath.Join(notASite, "index.html"), []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	unlisted := site(t, good, "declaration.json")
	huge := site(t, map[string]string{"declaration.json": declJSON + strings.Repeat(" ", 4096)})
	newer := site(t, map[string]string{"declaration.json": `{"formatVersion": "2.1", "generator": "evident 9"}`})
	other := site(t, map[string]string{"declaration.json": `{"name": "some other JSON"}`})
	broken := site(t, map[string]string{"declaration.json": `{"generator": "evident x", "items": {"a": {"level": 3}}}`})

	// A port that nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/"
	ln.Close()

	stall := make(chan struct{})
	t.Cleanup(func() { close(stall) })
	slow := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select { // a server that starts an answer and never ends it
		case <-stall:
		case <-r.Context().Done():
		}
	}))

	endless := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		line := []byte(strings.Repeat("0", 63) + "\n")
		for r.Context().Err() == nil {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}))

	file := func(content string) string {
		f := filepath.Join(t.TempDir(), "declaration.json")
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	key := []byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0cbb0Z9wJrQ0uQ9vQ4bcrH8lHP+qtYhHtqJ3pYV3p release")

	cases := []struct {
		name, src string
		opt       Options
		reason    Reason
		want      string
	}{
		{"tampered folder", tampered, Options{}, Verification, "changed: index.html"},
		{"tampered URL", serve(t, http.FileServer(http.Dir(tampered))), Options{}, Verification, "changed: index.html"},
		{"signature required", site(t, good), Options{PublicKey: key}, Verification, "SHA256SUMS.sig"},
		{"folder without SHA256SUMS", notASite, Options{}, NotASite, "no SHA256SUMS"},
		{"URL without SHA256SUMS", serve(t, http.FileServer(http.Dir(notASite))), Options{}, NotASite, "no SHA256SUMS"},
		{"declaration not listed", unlisted, Options{}, NotASite, "does not list declaration.json"},
		{"declaration not listed, URL", serve(t, http.FileServer(http.Dir(unlisted))), Options{}, NotASite, "does not list declaration.json"},
		{"no such folder", filepath.Join(notASite, "nothing"), Options{}, Unreachable, "no such file"},
		{"URL that does not answer", closed, Options{}, Unreachable, "connection refused"},
		{"slow URL", slow, Options{Timeout: 300 * time.Millisecond}, Timeout, "gave up after 300ms"},
		{"endless SHA256SUMS", endless, Options{}, TooLarge, "SHA256SUMS is larger than 67108864 bytes"},
		{"huge folder", huge, Options{MaxSize: 1024}, TooLarge, "larger than 1024 bytes"},
		{"huge URL", serve(t, http.FileServer(http.Dir(huge))), Options{MaxSize: 1024}, TooLarge, "larger than 1024 bytes"},
		{"huge file", file(declJSON + strings.Repeat(" ", 4096)), Options{MaxSize: 1024}, TooLarge, "larger than 1024 bytes"},
		{"newer format", newer, Options{}, NewerFormat, "format version 2.1"},
		{"newer format in a file", file(`{"formatVersion": 3}`), Options{}, NewerFormat, "format version 3"},
		{"newer format by $schema", file(`{"$schema": "https://evident.dev/schema/declaration/v2.json"}`), Options{}, NewerFormat, "format version 2"},
		{"not a declaration", other, Options{}, Invalid, "not written by evident"},
		{"not JSON", file("<html>"), Options{}, Invalid, "not JSON"},
		{"wrong types", broken, Options{}, Invalid, "items.level"},
		{"a key for a file", file(declJSON), Options{PublicKey: key}, Usage, "a file cannot be verified"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Load(context.Background(), c.src, c.opt)
			if err == nil {
				t.Fatalf("loaded %+v", d)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T %v is not an *Error", err, err)
			}
			if e.Reason != c.reason || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.src+": ") {
				t.Errorf("got reason %q, error %q; want reason %q, an error that starts with the source and says %q", e.Reason, err, c.reason, c.want)
			}
		})
	}
}

func TestFormatVersion(t *testing.T) {
	cases := []struct {
		json  string
		major int
		err   string
	}{
		{`{}`, 1, ""},
		{`{"formatVersion": 1}`, 1, ""},
		{`{"formatVersion": "1.4"}`, 1, ""},
		{`{"formatVersion": 2}`, 2, ""},
		{`{"$schema": "https://evident.dev/schema/declaration/v1.json"}`, 1, ""},
		{`{"$schema": "https://evident.dev/schema/declaration-v3.2.json"}`, 3, ""},
		{`{"$schema": "https://example.com/no-version.json"}`, 1, ""},
		{`{"formatVersion": "one"}`, 0, "formatVersion"},
		{`{"formatVersion": 0}`, 0, "formatVersion"},
		{`{"formatVersion": 1.5}`, 1, ""},
		{`{"formatVersion": true}`, 0, "formatVersion"},
	}
	for _, c := range cases {
		major, label, err := formatVersion([]byte(c.json))
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: got %d, %v; want an error about %s", c.json, major, err, c.err)
		case c.err == "" && (err != nil || major != c.major || label == ""):
			t.Errorf("%s: got %d %q, %v; want %d", c.json, major, label, err, c.major)
		}
	}
}

// Over HTTP the declaration is read once, by the verifier: a server that would answer a
// second request with another declaration never gets the chance. A redirect to another
// path of the same host is followed, and what it leads to is the declaration.
func TestLoadURLReadsOnce(t *testing.T) {
	dir := site(t, map[string]string{"declaration.json": declJSON, "index.html": "<p>hello</p>"})
	files := http.FileServer(http.Dir(dir))
	for _, redirect := range []bool{false, true} {
		asked := 0
		url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/declaration.json":
				if redirect {
					http.Redirect(w, r, "/moved/declaration.json", http.StatusFound)
					return
				}
				fallthrough
			case "/moved/declaration.json":
				asked++
				if asked > 1 {
					w.Write([]byte(strings.Replace(declJSON, "2026.1", "2099.9", 1)))
					return
				}
				http.ServeFile(w, r, filepath.Join(dir, "declaration.json"))
			default:
				files.ServeHTTP(w, r)
			}
		}))
		d, err := Load(t.Context(), url, Options{})
		if err != nil {
			t.Fatalf("redirect %v: %v", redirect, err)
		}
		if asked != 1 || d.Model.Declaration.Version != "2026.1" {
			t.Errorf("redirect %v: declaration.json asked for %d times, version %q", redirect, asked, d.Model.Declaration.Version)
		}
	}
}
