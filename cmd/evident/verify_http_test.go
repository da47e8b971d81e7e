package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyURL builds the minimal example and verifies it as a customer would, over
// HTTP from a server on 127.0.0.1; then the server starts serving a changed file.
func TestVerifyURL(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := Execute(context.Background(), []string{"build", "../../examples/minimal", "--destination", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	stdout.Reset()
	if code := Execute(context.Background(), []string{"verify", srv.URL + "/"}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("verify: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "OK: ") {
		t.Errorf("verify said %q", stdout.String())
	}

	if err := os.WriteFile(filepath.Join(out, "about", "index.html"), []byte("replaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "sitemap.xml")); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := Execute(context.Background(), []string{"verify", srv.URL + "/"}, &stdout, &stderr); code != ExitProblems {
		t.Fatalf("verify of a changed site: exit %d, want %d\n%s", code, ExitProblems, stdout.String())
	}
	for _, want := range []string{"changed: about/index.html\n", "missing: sitemap.xml\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("verify output lacks %q:\n%s", want, stdout.String())
		}
	}
}
