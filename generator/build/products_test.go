package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/sitetest"
)

// A two-language site with two products. gw is software with a support policy (12
// months of support, 24 of security fixes) and four releases, one a prerelease; on the
// tests' date, 2026-11-19, 1.0.0 is past its security fixes, 2.0.0's own end of
// support is that very day, and 2.1.0 is supported. cloud is a service whose versions
// are not semantic ("Spring-2025" is not even lower-case), so its releases go by date.
const productsSite = `
-- evident.toml --
title = "Example"
baseURL = "https://trust.example.org/"
languages = ["ja", "en"]
catalogs = ["cip"]
[[products]]
id = "gw"
name = "Gateway"
support = { months = 12, securityMonths = 24 }
[[products.documents]]
kind = "install"
title = { ja = "導入手順書", en = "Installation guide" }
page = "content/docs/gw/install.md"
version = "2.x"
[[products.documents]]
kind = "operate"
url = "https://docs.example.com/gw/operate/"
[[products]]
id = "cloud"
name = "Cloud"
kind = "service"
-- content/docs/gw/install.md --
+++
title = "導入"
+++
手順。
-- content/docs/gw/install.en.md --
+++
title = "Install"
+++
Steps.
-- content/evidence/policy.md --
+++
title = "方針"
requirements = ["(1)-2"]
status = "implemented"
reviewed = 2026-10-01
+++
-- content/products/gw/releases/1.0.0.md --
+++
date = 2024-06-01
+++
-- content/products/gw/releases/2.0.0-rc.1.md --
+++
date = 2025-05-01
+++
-- content/products/gw/releases/2.0.0.md --
+++
date = 2025-06-01
endOfSupport = 2026-11-19
+++
-- content/products/gw/releases/2.1.0.md --
+++
date = 2026-10-01
title = "秋の版"
[[sboms]]
path = "sbom/gw-2.1.0.cdx.json"
[[provenance]]
path = "artifacts/gw-2.1.0.provenance.json"
title = "来歴"
[[downloads]]
path = "dist/gw-2.1.0.tar.gz"
signature = "dist/gw-2.1.0.tar.gz.sig"
title = "アーカイブ"
[[downloads]]
url = "https://downloads.example.com/images/gw-2.1.0-kvm.qcow2"
sha256 = "AB00000000000000000000000000000000000000000000000000000000000001"
+++
秋の版です。
-- content/products/gw/releases/2.1.0.en.md --
+++
title = "Autumn release"
[[provenance]]
path = "artifacts/gw-2.1.0.provenance.json"
[[downloads]]
path = "dist/gw-2.1.0.tar.gz"
signature = "dist/gw-2.1.0.tar.gz.sig"
title = "Archive"
[[downloads]]
url = "https://downloads.example.com/images/gw-2.1.0-kvm.qcow2"
sha256 = "ab00000000000000000000000000000000000000000000000000000000000001"
title = "KVM image"
+++
The autumn release.
-- content/products/cloud/releases/Spring-2025.md --
+++
date = 2025-03-01
+++
-- content/products/cloud/releases/2026-10.md --
+++
date = 2026-10-15
+++
-- sbom/gw-2.1.0.cdx.json --
{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
 "metadata": {"timestamp": "2026-10-01T09:00:00+09:00", "component": {"type": "application", "name": "gw", "version": "2.1.0"}},
 "components": [{"type": "library", "name": "zlib", "version": "1.3.1"}],
 "services": [{"name": "update-server"}, {"name": "licence-server"}]}
-- artifacts/gw-2.1.0.provenance.json --
{"_type": "https://in-toto.io/Statement/v1"}
-- dist/gw-2.1.0.tar.gz --
not really a tarball
-- dist/gw-2.1.0.tar.gz.sig --
not really a signature
`

// TestProducts: the model of products and releases on a fixed date: statuses (the end
// date itself is past), order (semantic with a prerelease, or by date), the latest
// release, events, document links, downloads and SBOMs; and the release files are
// published with digests that verify.
func TestProducts(t *testing.T) {
	root := sitetest.Unpack(t, productsSite)
	out := filepath.Join(t.TempDir(), "public")
	m := build(t, root, out).Model

	gw, cloud := m.Products[0], m.Products[1]
	if gw.Kind != "software" || cloud.Kind != "service" {
		t.Errorf("kinds = %q, %q", gw.Kind, cloud.Kind)
	}
	if diff := cmp.Diff(&model.SupportPolicy{Months: 12, SecurityMonths: 24}, gw.Support); diff != "" {
		t.Errorf("gw support (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"gw/2.1.0", "gw/2.0.0", "gw/2.0.0-rc.1", "gw/1.0.0"}, gw.Releases); diff != "" {
		t.Errorf("gw releases (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"cloud/2026-10", "cloud/Spring-2025"}, cloud.Releases); diff != "" {
		t.Errorf("cloud releases (-want +got):\n%s", diff)
	}
	if gw.Latest != "gw/2.1.0" || cloud.Latest != "cloud/2026-10" {
		t.Errorf("latest = %q, %q", gw.Latest, cloud.Latest)
	}

	type life struct {
		Status          model.ReleaseStatus
		Date, EOS, EOSF string
		Latest          bool
	}
	wantLife := map[string]life{
		"gw/2.1.0":          {model.Supported, "2026-10-01", "2027-10-01", "2028-10-01", true},
		"gw/2.0.0":          {model.SecurityFixes, "2025-06-01", "2026-11-19", "2027-06-01", false}, // its own end of support is the day
		"gw/2.0.0-rc.1":     {model.SecurityFixes, "2025-05-01", "2026-05-01", "2027-05-01", false},
		"gw/1.0.0":          {model.EndOfLife, "2024-06-01", "2025-06-01", "2026-06-01", false},
		"cloud/2026-10":     {model.Supported, "2026-10-15", "", "", true},
		"cloud/Spring-2025": {model.Supported, "2025-03-01", "", "", false}, // unknown dates never end support
	}
	gotLife := map[string]life{}
	for k, r := range m.Releases {
		gotLife[k] = life{r.Status, r.Date, r.EndOfSupport, r.EndOfSecurityFixes, r.Latest}
	}
	if diff := cmp.Diff(wantLife, gotLife); diff != "" {
		t.Errorf("lifecycles (-want +got):\n%s", diff)
	}

	wantEvents := []model.Event{
		{Date: "2026-11-19", Kind: "end-of-support", Release: "gw/2.0.0"},
		{Date: "2026-10-01", Kind: "release", Release: "gw/2.1.0"},
		{Date: "2026-06-01", Kind: "end-of-security-fixes", Release: "gw/1.0.0"},
		{Date: "2026-05-01", Kind: "end-of-support", Release: "gw/2.0.0-rc.1"},
		{Date: "2025-06-01", Kind: "release", Release: "gw/2.0.0"},
		{Date: "2025-06-01", Kind: "end-of-support", Release: "gw/1.0.0"},
		{Date: "2025-05-01", Kind: "release", Release: "gw/2.0.0-rc.1"},
		{Date: "2024-06-01", Kind: "release", Release: "gw/1.0.0"},
	}
	if diff := cmp.Diff(wantEvents, gw.Events); diff != "" {
		t.Errorf("gw events (-want +got):\n%s", diff)
	}

	// Paths, links and URLs: a product's pages exist in every language; a release's
	// English link goes to the default page unless it has a translation. Hugo lower-cases
	// the version in the path.
	if gw.Path != "/products/gw/" || gw.URL != "https://trust.example.org/products/gw/" {
		t.Errorf("gw path %q, URL %q", gw.Path, gw.URL)
	}
	if diff := cmp.Diff(model.Links{"ja": "products/gw/", "en": "en/products/gw/"}, gw.Links); diff != "" {
		t.Errorf("gw links (-want +got):\n%s", diff)
	}
	r := m.Releases["gw/2.1.0"]
	if diff := cmp.Diff(model.Links{"ja": "products/gw/releases/2.1.0/", "en": "en/products/gw/releases/2.1.0/"}, r.Links); diff != "" {
		t.Errorf("2.1.0 links (-want +got):\n%s", diff)
	}
	spring := m.Releases["cloud/Spring-2025"]
	if spring.Path != "/products/cloud/releases/spring-2025/" || spring.URL != "https://trust.example.org/products/cloud/releases/spring-2025/" {
		t.Errorf("Spring-2025 path %q, URL %q", spring.Path, spring.URL)
	}
	if diff := cmp.Diff(model.Links{"ja": "products/cloud/releases/spring-2025/", "en": "products/cloud/releases/spring-2025/"}, spring.Links); diff != "" {
		t.Errorf("untranslated release links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(model.Text{"ja": "秋の版", "en": "Autumn release"}, r.Title); diff != "" {
		t.Errorf("2.1.0 title (-want +got):\n%s", diff)
	}
	if r.Source != "content/products/gw/releases/2.1.0.md" || strings.Join(r.Languages, ",") != "ja,en" {
		t.Errorf("2.1.0 source %q, languages %v", r.Source, r.Languages)
	}

	// Hugo publishes every page where the model says it is, in every language.
	var pages []model.Links
	for _, p := range m.Products {
		pages = append(pages, p.Links)
		for _, d := range p.Documents {
			if d.Path != "" {
				pages = append(pages, d.Links)
			}
		}
	}
	for _, r := range m.Releases {
		pages = append(pages, r.Links)
	}
	for _, links := range pages {
		for _, l := range links {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(l), "index.html")); err != nil {
				t.Errorf("no page at %s: %v", l, err)
			}
		}
	}

	// Documents: a page of the site, with its translation, and a manual elsewhere.
	wantDocs := []model.Document{
		{Kind: "install", Title: model.Text{"ja": "導入手順書", "en": "Installation guide"}, Version: "2.x",
			Path: "/docs/gw/install/", Links: model.Links{"ja": "docs/gw/install/", "en": "en/docs/gw/install/"},
			URL: "https://trust.example.org/docs/gw/install/"},
		{Kind: "operate", Title: model.Text{}, URL: "https://docs.example.com/gw/operate/"},
	}
	if diff := cmp.Diff(wantDocs, gw.Documents, cmpEmptyText); diff != "" {
		t.Errorf("gw documents (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"configure", "dispose"}, gw.Missing); diff != "" {
		t.Errorf("gw missing documents (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(model.DocumentKinds, cloud.Missing); diff != "" {
		t.Errorf("cloud missing documents (-want +got):\n%s", diff)
	}

	// Downloads: the file in the site digested, the one elsewhere as stated.
	tarball := "not really a tarball\n"
	sig := "not really a signature\n"
	wantDownloads := []model.Download{
		{Name: "gw-2.1.0.tar.gz", Title: model.Text{"ja": "アーカイブ", "en": "Archive"}, Path: "dist/gw-2.1.0.tar.gz",
			URL: "https://trust.example.org/dist/gw-2.1.0.tar.gz", Size: int64(len(tarball)), SHA256: sum(tarball),
			Signature:     "https://trust.example.org/dist/gw-2.1.0.tar.gz.sig",
			SignatureFile: &model.File{Path: "dist/gw-2.1.0.tar.gz.sig", URL: "https://trust.example.org/dist/gw-2.1.0.tar.gz.sig", Size: int64(len(sig)), SHA256: sum(sig)}},
		{Name: "gw-2.1.0-kvm.qcow2", Title: model.Text{"en": "KVM image"}, URL: "https://downloads.example.com/images/gw-2.1.0-kvm.qcow2", External: true,
			SHA256: "ab00000000000000000000000000000000000000000000000000000000000001"},
	}
	if diff := cmp.Diff(wantDownloads, r.Downloads, cmpEmptyText); diff != "" {
		t.Errorf("2.1.0 downloads (-want +got):\n%s", diff)
	}
	prov := "{\"_type\": \"https://in-toto.io/Statement/v1\"}\n"
	wantProv := []model.File{{Path: "artifacts/gw-2.1.0.provenance.json", URL: "https://trust.example.org/artifacts/gw-2.1.0.provenance.json", Title: model.Text{"ja": "来歴"}, Size: int64(len(prov)), SHA256: sum(prov)}}
	if diff := cmp.Diff(wantProv, r.Provenance); diff != "" {
		t.Errorf("2.1.0 provenance (-want +got):\n%s", diff)
	}

	// The release's SBOM is the declaration's, with its product and release.
	if diff := cmp.Diff([]string{"sbom/gw-2.1.0.cdx.json"}, r.SBOMs); diff != "" {
		t.Errorf("2.1.0 SBOMs (-want +got):\n%s", diff)
	}
	if len(m.SBOMs) != 1 {
		t.Fatalf("SBOMs = %+v", m.SBOMs)
	}
	if s := m.SBOMs[0]; s.Path != "sbom/gw-2.1.0.cdx.json" || s.Product != "gw" || s.Release != "2.1.0" || s.Evidence != "" ||
		s.SubjectVersion != "2.1.0" || s.SHA256 == "" || s.Components != 1 || s.Services != 2 || s.Created != "2026-10-01T00:00:00Z" {
		t.Errorf("SBOM = %+v", s)
	}

	// Published: every file of the release with its sidecar, in SHA256SUMS and
	// integrity.json, and the output verifies; the file elsewhere is not fetched.
	for _, p := range []string{"dist/gw-2.1.0.tar.gz", "dist/gw-2.1.0.tar.gz.sig", "artifacts/gw-2.1.0.provenance.json", "sbom/gw-2.1.0.cdx.json"} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)+".sha256"))
		if err != nil {
			t.Errorf("no sidecar for %s: %v", p, err)
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		// The sidecar is a line sha256sum -c reads in the file's folder.
		if want := sum(string(data)) + "  " + filepath.Base(p) + "\n"; string(b) != want {
			t.Errorf("%s.sha256 = %q, want %q", p, b, want)
		}
	}
	sums, err := os.ReadFile(filepath.Join(out, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	if line := sum(tarball) + "  dist/gw-2.1.0.tar.gz\n"; !strings.Contains(string(sums), line) {
		t.Errorf("SHA256SUMS lacks %q", line)
	}
	if strings.Contains(string(sums), "qcow2") {
		t.Errorf("SHA256SUMS lists the external download:\n%s", sums)
	}
	rep, err := integrity.Verify(context.Background(), out, integrity.VerifyOptions{})
	if err != nil || !rep.OK() || !rep.Manifest {
		t.Errorf("verify: %v, %+v", err, rep)
	}
	// A changed download is found.
	if err := os.WriteFile(filepath.Join(out, "dist", "gw-2.1.0.tar.gz"), []byte("tampered\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = integrity.Verify(context.Background(), out, integrity.VerifyOptions{})
	if err != nil || rep.OK() || strings.Join(rep.Changed, ",") != "dist/gw-2.1.0.tar.gz" {
		t.Errorf("verify after tampering: %v, %+v", err, rep)
	}
}

// TestProductsWithoutDigests: Declare without digests reads no release file: downloads
// in the site, signatures and provenance files have no size or SHA-256, and the
// lifecycle is the same.
func TestProductsWithoutDigests(t *testing.T) {
	root := sitetest.Unpack(t, productsSite)
	m, _, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf, Generator: "evident test"})
	if err != nil {
		t.Fatal(err)
	}
	r := m.Releases["gw/2.1.0"]
	if d := r.Downloads[0]; d.Size != 0 || d.SHA256 != "" || d.SignatureFile == nil || d.SignatureFile.SHA256 != "" {
		t.Errorf("download digested without digests: %+v", d)
	}
	if p := r.Provenance[0]; p.Size != 0 || p.SHA256 != "" {
		t.Errorf("provenance digested without digests: %+v", p)
	}
	if r.Status != model.Supported || m.Releases["gw/1.0.0"].Status != model.EndOfLife {
		t.Errorf("statuses %s, %s", r.Status, m.Releases["gw/1.0.0"].Status)
	}
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// cmpEmptyText treats a nil Text and an empty one alike.
var cmpEmptyText = cmp.Transformer("text", func(t model.Text) map[string]string {
	if len(t) == 0 {
		return nil
	}
	return t
})

// TestDestinationHoldsRelease: the output may not go into a folder that holds a file a
// release lists, as for an artifact: the swap would destroy it.
func TestDestinationHoldsRelease(t *testing.T) {
	root := sitetest.Unpack(t, productsSite)
	for _, dest := range []string{"dist/public", "sbom/public"} {
		_, err := Run(context.Background(), Options{Root: root, Destination: filepath.Join(root, filepath.FromSlash(dest)), AsOf: asOf})
		if err == nil || !strings.Contains(err.Error(), "which holds an input of the build") {
			t.Errorf("destination %s: %v", dest, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "dist", "gw-2.1.0.tar.gz")); err != nil {
		t.Errorf("the download is gone: %v", err)
	}
}
