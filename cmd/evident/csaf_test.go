package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/csaf"
	"github.com/evident-dev/evident/internal/csaftest"
	"github.com/evident-dev/evident/internal/testenv"
)

// acmeCopy copies examples/acme into a new folder, with extra files written over it.
func acmeCopy(t *testing.T, extra map[string]string) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "acme")
	if err := os.CopyFS(site, os.DirFS("../../examples/acme")); err != nil {
		t.Fatal(err)
	}
	for name, data := range extra {
		p := filepath.Join(site, filepath.FromSlash(name))
		if name == "evident.toml" {
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data = string(old) + data
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// signedAcme is acme with its CSAF documents signed by a throwaway Ed25519 key: the
// site and the private key's file.
func signedAcme(t *testing.T, passphrase string) (site, keyFile string) {
	t.Helper()
	private, public := csaftest.OpenPGPKey(t, "ed25519", passphrase)
	site = acmeCopy(t, map[string]string{
		"keys/csaf.asc": string(public),
		"evident.toml":  "\n[advisories]\nopenpgpKey = \"keys/csaf.asc\"\n",
	})
	keyFile = filepath.Join(t.TempDir(), "csaf-private.asc")
	if err := os.WriteFile(keyFile, private, 0o600); err != nil {
		t.Fatal(err)
	}
	return site, keyFile
}

func buildSite(t *testing.T, args ...string) (out string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := Execute(context.Background(), append([]string{"build", "--destination", out}, args...), &stdout, &stderr); code != ExitOK {
		t.Fatalf("build %q: exit %d\n%s", args, code, stderr.String())
	}
	return out
}

// checkerReport is what csaf_checker reports (its JSON output), as far as the test reads it.
type checkerReport struct {
	Domains []struct {
		Role         string
		Passed       bool
		Requirements []struct {
			Num         int
			Description string
			Messages    []struct {
				Type int // 0 info, 1 warning, 2 error
				Text string
			}
		}
	}
}

// TestCSAFProvider builds acme as a CSAF provider at https://127.0.0.1:PORT/, serves it
// over TLS, and has the reference implementation's csaf_checker (gocsaf v3.7.0, built
// from the module) check it: unsigned, it passes as a csaf_provider; signed with a
// throwaway OpenPGP key, as a csaf_trusted_provider with no error at all. The
// documents also pass the CSAF 2.0 mandatory tests, evident verify checks every file,
// and two signed builds give the same bytes.
func TestCSAFProvider(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site three times and runs csaf_checker")
	}
	start := time.Now()
	t.Cleanup(func() { t.Logf("wall time %s", time.Since(start).Round(time.Second)) })
	t.Setenv("SOURCE_DATE_EPOCH", "1795046400") // 2026-11-19, after acme's advisories
	checker := buildChecker(t)

	t.Run("unsigned", func(t *testing.T) {
		site := acmeCopy(t, nil)
		rep := serveAndCheck(t, checker, func(baseURL string) string { return buildSite(t, site, "--baseURL", baseURL) })
		d := rep.Domains[0]
		if d.Role != "csaf_provider" || !d.Passed {
			t.Errorf("role %s, passed %v; want a csaf_provider that passes", d.Role, d.Passed)
		}
		// Unsigned, the metadata lists the directory distribution only (see package
		// csaf): the ROLIE requirements (15) are then not met, nor the signatures (19)
		// that csaf_checker looks for in every provider; the provider role needs neither.
		for _, msg := range errorsOf(rep) {
			if !strings.HasPrefix(msg, "19 ") && msg != "15 ROLIE feed based distribution was not used." {
				t.Errorf("csaf_checker: %s", msg)
			}
		}
	})

	t.Run("signed", func(t *testing.T) {
		site, key := signedAcme(t, "")
		var out string
		rep := serveAndCheck(t, checker, func(baseURL string) string {
			out = buildSite(t, site, "--baseURL", baseURL, "--csaf-key", key)
			return out
		})
		d := rep.Domains[0]
		if d.Role != "csaf_trusted_provider" || !d.Passed {
			t.Errorf("role %s, passed %v; want a csaf_trusted_provider that passes", d.Role, d.Passed)
		}
		for _, msg := range errorsOf(rep) {
			t.Errorf("csaf_checker: %s", msg)
		}

		// The same key, the same site: the same bytes (signatures included). The key
		// comes from the environment this time.
		t.Setenv("EVIDENT_CSAF_KEY", key)
		again := buildSite(t, site, "--baseURL", baseURLOf(t, out))
		for _, dir := range []string{".well-known/csaf", "vex"} {
			compareTrees(t, filepath.Join(out, dir), filepath.Join(again, dir))
		}

		// CSAF 2.0 requirement 8: security.txt names the provider metadata.
		st, err := os.ReadFile(filepath.Join(out, ".well-known", "security.txt"))
		if want := "\nCSAF: " + baseURLOf(t, out) + ".well-known/csaf/provider-metadata.json\n"; err != nil || !strings.Contains(string(st), want) {
			t.Errorf("security.txt lacks %q (%v):\n%s", want, err, st)
		}

		var stdout, stderr bytes.Buffer
		if code := Execute(context.Background(), []string{"verify", out}, &stdout, &stderr); code != ExitOK {
			t.Errorf("verify: exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
		sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{".well-known/csaf/provider-metadata.json", ".well-known/csaf/white/2026/acme-sa-2026-001.json.asc", "vex/acme-gateway/2.4.0.cdx.json"} {
			if !bytes.Contains(sums, []byte("  "+p+"\n")) {
				t.Errorf("SHA256SUMS does not list %s", p)
			}
		}

		t.Run("mandatory tests", func(t *testing.T) {
			docs, _ := filepath.Glob(filepath.Join(out, ".well-known/csaf/white/*/*.json"))
			if len(docs) == 0 {
				t.Fatal("no CSAF documents")
			}
			csaftest.Check(t, docs...)
		})
	})
}

// baseURLOf reads the base URL a build was made for from its declaration.json.
func baseURLOf(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "declaration.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct{ BaseURL string }
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d.BaseURL
}

// buildChecker builds csaf_checker from the module (go.mod's tool directive keeps it).
func buildChecker(t *testing.T) string {
	t.Helper()
	goCmd := testenv.NeedTool(t, "go")
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "build", "-o", dir, "github.com/gocsaf/csaf/v3/cmd/csaf_checker")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build csaf_checker: %v\n%s", err, out)
	}
	return filepath.Join(dir, "csaf_checker")
}

// serveAndCheck listens on 127.0.0.1, has build make the site for that address (it
// returns the output folder), serves the output over TLS with a throwaway certificate,
// and runs csaf_checker against the provider metadata's URL.
func serveAndCheck(t *testing.T, checker string, build func(baseURL string) string) checkerReport {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	baseURL := "https://" + ln.Addr().String() + "/"
	out := build(baseURL)
	srv := httptest.NewUnstartedServer(http.FileServer(http.Dir(out)))
	srv.Listener.Close()
	srv.Listener = ln
	srv.StartTLS()
	defer srv.Close()

	// The provider metadata's URL, not the domain: for a domain csaf_checker also asks
	// DNS for csaf.data.security.DOMAIN, which leaves the machine. security.txt is
	// checked by the test itself.
	target := baseURL + ".well-known/csaf/provider-metadata.json"
	report := filepath.Join(t.TempDir(), "report.json")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, checker, "--insecure", "--client_timeout", "30s", "--format", "json", "--output", report,
		target)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1") // no checker.toml of the machine's
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("csaf_checker: %v\n%s", err, b)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep checkerReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("csaf_checker's report: %v\n%s", err, b)
	}
	if len(rep.Domains) != 1 {
		t.Fatalf("csaf_checker checked %d domains:\n%s", len(rep.Domains), b)
	}
	for _, r := range rep.Domains[0].Requirements {
		for _, m := range r.Messages {
			t.Logf("csaf_checker %d %s: [%d] %s", r.Num, r.Description, m.Type, m.Text)
		}
	}
	return rep
}

// errorsOf lists the error messages of a report, each after its requirement's number.
func errorsOf(rep checkerReport) []string {
	var out []string
	for _, r := range rep.Domains[0].Requirements {
		for _, m := range r.Messages {
			if m.Type == 2 {
				out = append(out, fmt.Sprintf("%d %s", r.Num, m.Text))
			}
		}
	}
	return out
}

// compareTrees reports the files that differ between two folders.
func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	var names []string
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		names = append(names, rel)
		x, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds (%v)", rel, err)
		}
		return nil
	})
	if err != nil || len(names) == 0 {
		t.Errorf("%s: %v, %d files", a, err, len(names))
	}
	var other int
	filepath.WalkDir(b, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			other++
		}
		return err
	})
	if other != len(names) {
		t.Errorf("%s has %d files, %s %d", a, len(names), b, other)
	}
}

// TestCSAFKeyErrors: a site that names a key is not built without its private key, nor
// with another; an encrypted key needs its passphrase.
func TestCSAFKeyErrors(t *testing.T) {
	site, _ := signedAcme(t, "")
	otherSite, otherKey := signedAcme(t, "")
	_, encrypted := signedAcme(t, "s3cret")
	fingerprint := func(site string) string {
		b, err := os.ReadFile(filepath.Join(site, "keys", "csaf.asc"))
		if err != nil {
			t.Fatal(err)
		}
		fpr, err := csaf.PublicKeyFingerprint(b)
		if err != nil {
			t.Fatal(err)
		}
		return fpr
	}
	unsignedSite := acmeCopy(t, nil)
	for _, tc := range []struct {
		name string
		site string
		args []string
		env  map[string]string
		code int
		want []string
	}{
		{"no public key", unsignedSite, []string{"--csaf-key", otherKey}, nil, ExitProblems, []string{"evident.toml", "names no public key", "[advisories] openpgpKey"}},
		{"no key", "", nil, nil, ExitProblems, []string{"evident.toml:", "keys/csaf.asc", "--csaf-key FILE", "EVIDENT_CSAF_KEY=FILE"}},
		{"another key", "", []string{"--csaf-key", otherKey}, nil, ExitProblems,
			[]string{"evident.toml:", "does not belong to the site's public key", fingerprint(site), fingerprint(otherSite)}},
		{"encrypted, no passphrase", "", []string{"--csaf-key", encrypted}, nil, ExitUsage, []string{"encrypted", "EVIDENT_CSAF_KEY_PASSPHRASE"}},
		{"encrypted, wrong passphrase", "", nil, map[string]string{"EVIDENT_CSAF_KEY": encrypted, "EVIDENT_CSAF_KEY_PASSPHRASE": "nope"}, ExitUsage, []string{"EVIDENT_CSAF_KEY", "passphrase"}},
		{"not a key", "", []string{"--csaf-key", filepath.Join(site, "evident.toml")}, nil, ExitUsage, []string{"--csaf-key", "not an ASCII-armored OpenPGP private key"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			out := filepath.Join(t.TempDir(), "public")
			code := Execute(context.Background(), append([]string{"build", cmp.Or(tc.site, site), "--destination", out}, tc.args...), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, stderr.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was published", out)
			}
		})
	}
}
