package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/internal/sitetest"
)

// from returns the steps from the named one to the end.
func (s Steps) from(name string) Steps { return s[s.index(name):] }

// releaseFiles are the files of productsSite that a build publishes beside the pages.
var releaseFiles = []string{"artifacts/gw-2.1.0.provenance.json", "dist/gw-2.1.0.tar.gz", "dist/gw-2.1.0.tar.gz.sig", "sbom/gw-2.1.0.cdx.json"}

// artifactsSite is productsSite with evidence that lists artifacts (in nested folders, one
// of them also a release's provenance file, one of several read buffers) and an SBOM.
func artifactsSite(t *testing.T) (root string, files []string) {
	t.Helper()
	root = sitetest.Unpack(t, productsSite)
	sitetest.WriteFile(t, root, "content/evidence/build.md", []byte(`+++
title = "Build"
requirements = ["(1)-3"]
status = "implemented"
reviewed = 2026-10-01
[[artifacts]]
path = "artifacts/a.txt"
[[artifacts]]
path = "artifacts/sub/b.bin"
[[artifacts]]
path = "artifacts/gw-2.1.0.provenance.json"
[[sboms]]
path = "sbom/gw-build.cdx.json"
product = "gw"
release = "2.1.0"
+++
`))
	sbom, err := os.ReadFile(filepath.Join(root, "sbom", "gw-2.1.0.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, root, "sbom/gw-build.cdx.json", sbom)
	sitetest.WriteFile(t, root, "artifacts/a.txt", []byte("a\n"))
	sitetest.WriteFile(t, root, "artifacts/sub/b.bin", bytes.Repeat([]byte("0123456789abcdef"), 40000)) // 640,000 bytes
	return root, append([]string{"artifacts/a.txt", "artifacts/sub/b.bin", "sbom/gw-build.cdx.json"}, releaseFiles...)
}

// readAll reads the files of root named by site paths.
func readAll(t *testing.T, root string, files []string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

// makeUnreadable replaces each file with a folder: opening it works, reading it fails.
func makeUnreadable(t *testing.T, root string, files []string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// assertPublished fails unless dest holds each file as want has it, with its sidecar and
// its line in SHA256SUMS.
func assertPublished(t *testing.T, dest string, want map[string][]byte) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dest, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	for f, b := range want {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s: published %d bytes (%v), want the site's %d", f, len(got), err, len(b))
		}
		e := integrity.Entry{Path: f, Size: int64(len(b)), SHA256: sum(string(b))}
		if side, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)+".sha256")); !bytes.Equal(side, integrity.Sidecar(e)) {
			t.Errorf("%s.sha256 = %q, want %q", f, side, integrity.Sidecar(e))
		}
		if line := fmt.Sprintf("%s  %s\n", e.SHA256, f); !bytes.Contains(sums, []byte(line)) {
			t.Errorf("SHA256SUMS has no line %q", line)
		}
	}
}

// TestArtifactsReadOnce: a build reads each artifact, SBOM and release file once, in its
// model step: after it, every one of them can be unreadable, and the build still
// publishes them, as they were, with their digests.
func TestArtifactsReadOnce(t *testing.T) {
	root, files := artifactsSite(t)
	want := readAll(t, root, files)
	dest := filepath.Join(t.TempDir(), "out")
	st := newRun(Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
	defer st.cleanup()
	ctx := context.Background()
	if err := Pipeline.Through("model").Run(ctx, st); err != nil {
		t.Fatal(err)
	}
	makeUnreadable(t, root, files)
	if err := Pipeline.from("render").Run(ctx, st); err != nil {
		t.Fatalf("the build read a file again after the model step: %v", err)
	}
	assertPublished(t, dest, want)
}

// TestParallelCopySums: copying several files at a time publishes the same SHA256SUMS,
// byte for byte, as copying one at a time, and its lines are the digests of the site's
// files.
func TestParallelCopySums(t *testing.T) {
	root, files := artifactsSite(t)
	for i := range 12 { // more files than workers, of sizes around the read buffer
		f := fmt.Sprintf("artifacts/many/%02d.bin", i)
		sitetest.WriteFile(t, root, f, bytes.Repeat([]byte{byte(i)}, i*100_000+i))
		files = append(files, f)
	}
	var extra strings.Builder
	for _, f := range files[len(files)-12:] {
		fmt.Fprintf(&extra, "[[artifacts]]\npath = %q\n", f)
	}
	sitetest.WriteFile(t, root, "content/evidence/many.md", []byte("+++\ntitle = \"Many\"\nrequirements = [\"(1)-4\"]\n"+
		"status = \"implemented\"\nreviewed = 2026-10-01\n"+extra.String()+"+++\n"))
	want := readAll(t, root, files)
	var sums [][]byte
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			if w := copyWorkers(); w != procs {
				t.Fatalf("%d workers with GOMAXPROCS %d", w, procs)
			}
			dest := filepath.Join(t.TempDir(), "out")
			build(t, root, dest)
			assertPublished(t, dest, want)
			b, err := os.ReadFile(filepath.Join(dest, SumsFile))
			if err != nil {
				t.Fatal(err)
			}
			sums = append(sums, b)
		})
	}
	if len(sums) == 2 && !bytes.Equal(sums[0], sums[1]) {
		t.Errorf("SHA256SUMS differs between 1 and 4 workers:\n%s\n%s", sums[0], sums[1])
	}
}

// TestArtifactReadError: an artifact that cannot be read is an error at the line that
// lists it, naming it; the build publishes nothing and leaves nothing behind.
func TestArtifactReadError(t *testing.T) {
	root := declareSite(t)
	dest := filepath.Join(t.TempDir(), "out")
	st := newRun(Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
	ctx := context.Background()
	if err := Pipeline.Through("coverage").Run(ctx, st); err != nil {
		t.Fatal(err)
	}
	makeUnreadable(t, root, []string{"artifacts/policy.txt"})
	err := Pipeline.from("model").Run(ctx, st)
	st.cleanup()
	ds := Diagnostics(err)
	if len(ds) != 1 || ds[0].Code != "unreadable" || ds[0].Pos.File != "content/evidence/policy.md" || ds[0].Pos.Line == 0 ||
		!strings.Contains(ds[0].Message, "artifacts/policy.txt") || ds[0].Hint == "" {
		t.Errorf("Run = %v (%v), want one unreadable diagnostic at the artifact's line, naming it, with a hint", err, ds)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestCopyStopsWhenCancelled: the model step of a build stops copying once its context
// is cancelled, instead of reading the rest of the site's artifacts first.
func TestCopyStopsWhenCancelled(t *testing.T) {
	root := sitetest.Unpack(t, cancelSite)
	big := bytes.Repeat([]byte("0123456789abcdef"), 256<<10) // 4 MiB
	sitetest.WriteFile(t, root, "artifacts/big.bin", big)
	st := newRun(Options{Root: root, Destination: filepath.Join(t.TempDir(), "out"), AsOf: asOf, Generator: "evident test"})
	defer st.cleanup()
	if err := Pipeline.Through("coverage").Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ctx := newCancelAfter(2) // cancelled in the first reads of the copy
	err := buildModel(ctx, st)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("model step = %v, want an error wrapping context.Canceled", err)
	}
	if st.tmp == "" {
		t.Fatal("no temporary output: nothing was copied")
	}
	fi, err := os.Stat(filepath.Join(st.tmp, tempFiles, "artifacts", "big.bin"))
	if err == nil && fi.Size() >= int64(len(big)) {
		t.Errorf("the whole artifact was copied after the context was cancelled")
	}
	if st.Model != nil {
		t.Errorf("a model was made after the context was cancelled")
	}
}

// TestArtifactOverPage: an artifact at the path of a file that the render wrote (here
// from static/) is an error, as when artifacts were copied after the render: neither
// replaces the other.
func TestArtifactOverPage(t *testing.T) {
	root := declareSite(t)
	sitetest.WriteFile(t, root, "static/artifacts/policy.txt", []byte("static\n"))
	dest := filepath.Join(t.TempDir(), "out")
	_, err := Run(context.Background(), Options{Root: root, Destination: dest, AsOf: asOf, Generator: "evident test"})
	if err == nil || !strings.Contains(err.Error(), "artifact artifacts/policy.txt would overwrite a page") {
		t.Errorf("Run = %v, want the artifact refused over the page", err)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("published %s", dest)
	}
}
