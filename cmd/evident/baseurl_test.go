package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evident-dev/evident/internal/sitetest"
)

// TestBaseURLFlag: a --baseURL that evident.toml would refuse is a usage error (exit 2)
// that names the flag, and nothing is built; the feeds, sitemap and security.txt never
// see it.
func TestBaseURLFlag(t *testing.T) {
	root := sitetest.Unpack(t, sitetest.OneEvidence(""))
	for _, bad := range []string{"javascript:alert(1)//", "https://trust.example.com/\nContact: mailto:evil@example.net", "//evil.example/", "https://x.example/?a=1"} {
		var out bytes.Buffer
		code := Execute(context.Background(), []string{"build", "--baseURL", bad, root}, &out, &out)
		if code != ExitUsage || !strings.Contains(out.String(), "--baseURL ") {
			t.Errorf("--baseURL %q: exit %d, want %d, naming the flag:\n%s", bad, code, ExitUsage, out.String())
		}
		if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
			t.Fatalf("--baseURL %q: the site was built", bad)
		}
	}
}
