package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/internal/sitetest"
)

// declareSite writes a site with one artifact, artifacts/policy.txt, and returns its folder.
func declareSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	sitetest.WriteFile(t, root, "evident.toml", []byte(`title = "Example"
baseURL = "https://trust.example.org/"
languages = ["en"]
catalogs = ["cip"]
`))
	sitetest.WriteFile(t, root, "content/evidence/policy.md", []byte(`+++
title = "Policy"
requirements = ["(1)-2"]
status = "implemented"
reviewed = 2026-10-01

[[artifacts]]
path = "artifacts/policy.txt"
title = "The policy"
+++
`))
	sitetest.WriteFile(t, root, "artifacts/policy.txt", []byte("policy\n"))
	return root
}

// TestDeclare: the model has the artifact's size and SHA-256 when asked for digests,
// and neither otherwise.
func TestDeclare(t *testing.T) {
	root := declareSite(t)
	for _, tc := range []struct {
		digests bool
		size    int64
		sha256  string
	}{
		{true, 7, "c82fc52c78bf8154d4dd7d8766c422ab151052d72098d72ded237aafcd78e4e0"}, // sha256sum of "policy\n"
		{false, 0, ""},
	} {
		m, _, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf, Generator: "evident test", Digests: tc.digests})
		if err != nil {
			t.Fatal(err)
		}
		a := m.Evidence["policy"].Artifacts
		if len(a) != 1 || a[0].Path != "artifacts/policy.txt" || a[0].Size != tc.size || a[0].SHA256 != tc.sha256 {
			t.Errorf("digests %v: artifacts = %+v, want size %d and SHA-256 %q", tc.digests, a, tc.size, tc.sha256)
		}
	}
}

// TestDeclareReadsNoArtifact: without digests the model step never reads an artifact:
// it succeeds on a site whose artifact cannot be read after the check (here, replaced by
// a folder), where digesting fails.
func TestDeclareReadsNoArtifact(t *testing.T) {
	root := declareSite(t)
	res := check.Run(root, check.Options{AsOf: asOf})
	if !res.OK(false) {
		t.Fatal(res.Diagnostics)
	}
	artifact := filepath.Join(root, "artifacts", "policy.txt")
	if err := os.Remove(artifact); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(artifact, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := declaration(res, "evident test", false); err != nil {
		t.Errorf("without digests: %v; the artifact was read", err)
	}
	_, err := declaration(res, "evident test", true)
	if err == nil || !strings.Contains(err.Error(), "content/evidence/policy.md:") {
		t.Errorf("with digests: err = %v, want the artifact's unreadable file reported at its position", err)
	}
}

// TestDeclareCheckErrors: a site with errors has no model.
func TestDeclareCheckErrors(t *testing.T) {
	root := declareSite(t)
	sitetest.WriteFile(t, root, "content/evidence/bad.md", []byte("+++\ntitle = \"x\"\nrequirements = [\"(9)-1\"]\nstatus = \"planned\"\nreviewed = 2026-10-01\n+++\n"))
	m, res, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf})
	if !errors.Is(err, ErrCheck) || m != nil || res == nil || !res.Diagnostics.HasErrors() {
		t.Errorf("Declare = %v, %v; want ErrCheck and the check's errors", m, err)
	}
}

// TestDeclareReadsNoFile: the model step of Declare without digests (matrix, CSV,
// OSCAL) neither reads nor copies an artifact, a provenance file, a download or its
// signature: it succeeds when every one of them has become unreadable after the check,
// and leaves nothing on disk.
func TestDeclareReadsNoFile(t *testing.T) {
	root, files := artifactsSite(t)
	st := &State{Options: Options{Root: root, AsOf: asOf, Generator: "evident test"}, noDigests: true}
	ctx := context.Background()
	if err := Pipeline.Through("coverage").Run(ctx, st); err != nil {
		t.Fatal(err)
	}
	makeUnreadable(t, root, files)
	if err := Pipeline.from("model").Through("model").Run(ctx, st); err != nil {
		t.Fatalf("the model step read a file: %v", err)
	}
	if st.tmp != "" {
		t.Errorf("the model step made a temporary output: %s", st.tmp)
	}
	if a := st.Model.Evidence["build"].Artifacts; len(a) != 3 || a[0].SHA256 != "" || a[1].Size != 0 {
		t.Errorf("artifacts = %+v, want no digests", a)
	}
}
