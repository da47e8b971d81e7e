package csaf

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	gocsaf "github.com/gocsaf/csaf/v3/csaf"
	"github.com/gocsaf/csaf/v3/util"

	"github.com/evident-dev/evident/generator/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func mustFiles(t *testing.T, m *model.Declaration, s *Signer) map[string][]byte {
	t.Helper()
	files, err := Files(m, s)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// documents returns the paths of the CSAF documents among files.
func documents(files map[string][]byte) []string {
	var out []string
	for p := range files {
		if strings.HasPrefix(p, whiteDir) && regexp.MustCompile(`/\d{4}/[^/]+\.json$`).MatchString(p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestFiles: every document is valid against the CSAF 2.0 schema (the reference
// implementation's validator), named as section 5.1 says after its ID, in the folder of
// its initial release's year, with hash files that hold its digests; the provider
// metadata and the ROLIE feed are valid against their schemas, and the ROLIE documents
// read with the reference implementation's strict loaders.
func TestFiles(t *testing.T) {
	m := testModel(t)
	files := mustFiles(t, m, nil)

	docs := documents(files)
	want := []string{
		".well-known/csaf/white/2025/acme-sa-2025-001.json",
		".well-known/csaf/white/2026/acme-sa-2026-002.json",
		".well-known/csaf/white/2026/acme-sa-2026-003.json",
	}
	if !slices.Equal(docs, want) {
		t.Fatalf("documents = %q, want %q", docs, want)
	}
	for _, p := range docs {
		b := files[p]
		doc := decode(t, b)
		errs, err := gocsaf.ValidateCSAF(doc)
		if err != nil || len(errs) > 0 {
			t.Errorf("%s: %v %q", p, err, errs)
		}
		if !util.ConformingFileName(path.Base(p)) {
			t.Errorf("%s: not a conforming file name", p)
		}
		if err := util.IDMatchesFilename(util.NewPathEval(), doc, path.Base(p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		s256, s512 := sha256.Sum256(b), sha512.Sum512(b)
		if got, want := string(files[p+".sha256"]), hex.EncodeToString(s256[:])+"  "+path.Base(p)+"\n"; got != want {
			t.Errorf("%s.sha256 = %q, want %q", p, got, want)
		}
		if got, want := string(files[p+".sha512"]), hex.EncodeToString(s512[:])+"  "+path.Base(p)+"\n"; got != want {
			t.Errorf("%s.sha512 = %q, want %q", p, got, want)
		}
		if _, ok := files[p+".asc"]; ok {
			t.Errorf("%s.asc published without a key", p)
		}
		if !bytes.HasSuffix(b, []byte("}\n")) {
			t.Errorf("%s does not end in a newline", p)
		}
	}

	pmd := decode(t, files[metadataPath])
	if errs, err := gocsaf.ValidateProviderMetadata(pmd); err != nil || len(errs) > 0 {
		t.Errorf("provider-metadata.json: %v %q", err, errs)
	}
	var md gocsaf.ProviderMetadata
	if err := json.Unmarshal(files[metadataPath], &md); err != nil {
		t.Fatal(err)
	}
	if err := md.Validate(); err != nil {
		t.Errorf("provider-metadata.json: %v", err)
	}
	if md.Role == nil || *md.Role != gocsaf.MetadataRoleProvider || len(md.PGPKeys) != 0 {
		t.Errorf("provider-metadata.json: role %v, keys %v; want a provider without keys", md.Role, md.PGPKeys)
	}
	// Unsigned, the directory distribution only (see listings and package doc).
	if len(md.Distributions) != 1 || md.Distributions[0].DirectoryURL != "https://trust.example.com/.well-known/csaf/white/" || md.Distributions[0].Rolie != nil {
		t.Errorf("provider-metadata.json: distributions %+v; want the directory distribution only", md.Distributions)
	}
	if got := time.Time(*md.LastUpdated); !got.Equal(time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("last_updated = %s, want the newest advisory's date", got)
	}

	if errs, err := gocsaf.ValidateROLIE(decode(t, files[feedPath])); err != nil || len(errs) > 0 {
		t.Errorf("ROLIE feed: %v %q", err, errs)
	}
	rf, err := gocsaf.LoadROLIEFeed(bytes.NewReader(files[feedPath]))
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	rf.Entries(func(e *gocsaf.Entry) {
		entries = append(entries, e.ID)
		var rels []string
		for _, l := range e.Link {
			rels = append(rels, l.Rel+" "+strings.TrimPrefix(l.HRef, "https://trust.example.com/"))
		}
		p := m.Advisories[strings.ToLower(e.ID)].CSAF.Path
		if want := []string{"self " + p, "hash " + p + ".sha256", "hash " + p + ".sha512"}; !slices.Equal(rels, want) {
			t.Errorf("feed entry %s: links %q, want %q", e.ID, rels, want)
		}
	})
	if want := []string{"ACME-SA-2026-003", "ACME-SA-2026-002", "ACME-SA-2025-001"}; !slices.Equal(entries, want) {
		t.Errorf("feed entries = %q, want newest first %q", entries, want)
	}
	if _, err := gocsaf.LoadROLIEServiceDocument(bytes.NewReader(files[servicePath])); err != nil {
		t.Errorf("service.json: %v", err)
	}
	cd, err := gocsaf.LoadROLIECategoryDocument(bytes.NewReader(files[categoryPath]))
	if err != nil || len(cd.Categories.Category) == 0 {
		t.Errorf("category-white.json: %v, %d categories", err, len(cd.Categories.Category))
	}

	if got, want := string(files[whiteDir+"index.txt"]), "2025/acme-sa-2025-001.json\n2026/acme-sa-2026-002.json\n2026/acme-sa-2026-003.json\n"; got != want {
		t.Errorf("index.txt = %q, want %q", got, want)
	}
	wantChanges := `"2026/acme-sa-2026-003.json","2026-06-20T00:00:00.000Z"` + "\n" +
		`"2026/acme-sa-2026-002.json","2026-05-20T00:00:00.000Z"` + "\n" +
		`"2025/acme-sa-2025-001.json","2026-05-12T00:00:00.000Z"` + "\n"
	if got := string(files[whiteDir+"changes.csv"]); got != wantChanges {
		t.Errorf("changes.csv = %q, want %q", got, wantChanges)
	}

	want2 := model.CSAFProvider{
		Metadata: model.CSAFFile{Path: metadataPath, URL: "https://trust.example.com/.well-known/csaf/provider-metadata.json"},
		Role:     roleProvider,
		Feed:     "https://trust.example.com/.well-known/csaf/white/csaf-feed-tlp-white.json",
	}
	if m.CSAF == nil || *m.CSAF != want2 {
		t.Errorf("m.CSAF = %+v, want %+v", m.CSAF, want2)
	}
}

// TestNoAdvisories: a site without advisories publishes nothing of CSAF or VEX.
func TestNoAdvisories(t *testing.T) {
	m := testModel(t)
	m.Advisories, m.AdvisoryOrder = map[string]*model.Advisory{}, nil
	m.CSAF = &model.CSAFProvider{}
	files := mustFiles(t, m, nil)
	if len(files) != 0 || m.CSAF != nil {
		t.Errorf("files %d, CSAF %+v; want none", len(files), m.CSAF)
	}
	for key, r := range m.Releases {
		if r.VEX != nil {
			t.Errorf("release %s has VEX", key)
		}
	}
}

// TestDocument: one document as published, compared byte for byte with its golden file
// (go test -update rewrites it).
func TestDocument(t *testing.T) {
	files := mustFiles(t, testModel(t), nil)
	for _, name := range []string{"2025/acme-sa-2025-001.json", "2026/acme-sa-2026-002.json"} {
		golden := filepath.Join("testdata", strings.ReplaceAll(name, "/", "-")+".golden")
		got := files[whiteDir+name]
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, golden, got)
		}
	}
}

// TestDocumentFields: what the documents say, field by field, where the schema allows
// something else.
func TestDocumentFields(t *testing.T) {
	m := testModel(t)
	files := mustFiles(t, m, nil)
	var doc struct {
		Document struct {
			Category string
			Lang     string
			Tracking struct {
				Status, Version    string
				CurrentReleaseDate string `json:"current_release_date"`
				InitialReleaseDate string `json:"initial_release_date"`
				Generator          struct{ Date string }
			}
			References []struct{ Category, URL string }
		}
		Vulnerabilities []struct {
			CVE           string
			CWE           any
			Notes         []struct{ Category, Title, Text string }
			ProductStatus map[string][]string `json:"product_status"`
			Flags         []struct {
				Label      string
				ProductIDs []string `json:"product_ids"`
			}
			Scores []struct {
				Products []string
			}
		}
	}
	read := func(p string) {
		t.Helper()
		doc.Vulnerabilities = nil
		if err := json.Unmarshal(files[whiteDir+p], &doc); err != nil {
			t.Fatal(err)
		}
	}

	read("2025/acme-sa-2025-001.json")
	d, v := doc.Document, doc.Vulnerabilities[0]
	if d.Category != "csaf_security_advisory" || d.Lang != "ja" || d.Tracking.Status != "final" || d.Tracking.Version != "2" {
		t.Errorf("document = %+v", d)
	}
	if d.Tracking.InitialReleaseDate != "2025-12-01T00:00:00.000Z" || d.Tracking.CurrentReleaseDate != "2026-05-12T00:00:00.000Z" ||
		d.Tracking.Generator.Date != d.Tracking.CurrentReleaseDate {
		t.Errorf("tracking dates = %+v; want the revisions' dates", d.Tracking)
	}
	if len(d.References) < 2 || d.References[0].Category != "self" || d.References[0].URL != m.Advisories["acme-sa-2025-001"].CSAF.URL {
		t.Errorf("references = %+v; want the canonical URL first", d.References)
	}
	wantStatus := map[string][]string{
		"known_affected": {"acme-gateway/2.4.0", "acme-gateway/2.0.0"},
		"fixed":          {"acme-gateway/2.5.0"},
		"first_fixed":    {"acme-gateway/2.5.0"},
	}
	if !equalStatus(v.ProductStatus, wantStatus) {
		t.Errorf("product_status = %v, want %v", v.ProductStatus, wantStatus)
	}
	if v.CWE != nil {
		t.Errorf("cwe = %v; evident has no CWE names, so it goes in a note", v.CWE)
	}
	var notes []string
	for _, n := range v.Notes {
		notes = append(notes, n.Category+" "+n.Title+": "+n.Text)
	}
	v4 := m.Advisories["acme-sa-2025-001"].Vulnerabilities[0].CVSS40
	wantNotes := []string{"summary : 管理画面の XSS", "other CWE: CWE-79", fmt.Sprintf("other CVSS v4.0: %s (%.1f Medium)", v4.Vector, v4.Score)}
	if !slices.Equal(notes, wantNotes) {
		t.Errorf("notes = %q, want %q", notes, wantNotes)
	}
	if len(v.Scores) != 1 || !slices.Equal(v.Scores[0].Products, wantStatus["known_affected"]) {
		t.Errorf("scores = %+v; want the CVSS 3.1 score of the affected releases only", v.Scores)
	}

	read("2026/acme-sa-2026-002.json")
	v = doc.Vulnerabilities[0]
	if doc.Document.Category != "csaf_vex" {
		t.Errorf("a pure VEX advisory is a %s", doc.Document.Category)
	}
	if len(v.Flags) != 2 || v.Flags[0].Label != "component_not_present" || v.Flags[1].Label != "vulnerable_code_not_in_execute_path" ||
		!slices.Equal(v.Flags[1].ProductIDs, []string{"acme-cloud/2026.06", "acme-cloud/2026.05"}) {
		t.Errorf("flags = %+v", v.Flags)
	}

	read("2026/acme-sa-2026-003.json")
	v = doc.Vulnerabilities[0]
	if doc.Document.Tracking.Status != "interim" {
		t.Errorf("an advisory under investigation is %s, want interim", doc.Document.Tracking.Status)
	}
	wantStatus = map[string][]string{"under_investigation": {"acme-cloud/2026.06"}, "known_affected": {"acme-gateway/2.5.0"}}
	if !equalStatus(v.ProductStatus, wantStatus) {
		t.Errorf("product_status = %v, want %v", v.ProductStatus, wantStatus)
	}
}

func equalStatus(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestListings: every folder of the provider has an index.html that links each file and
// folder in it, and nothing else of the site.
func TestListings(t *testing.T) {
	files := mustFiles(t, testModel(t), nil)
	href := regexp.MustCompile(`href="([^"]+)"`)
	dirs := 0
	for p, b := range files {
		if path.Base(p) != "index.html" {
			continue
		}
		dirs++
		dir := path.Dir(p) + "/"
		for _, m := range href.FindAllStringSubmatch(string(b), -1) {
			target := path.Join(dir, m[1])
			if strings.HasSuffix(m[1], "/") {
				if _, ok := files[target+"/index.html"]; !ok && target+"/" != ".well-known/" {
					t.Errorf("%s links %s, which has no listing", p, m[1])
				}
				continue
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s links %s, which is not published", p, m[1])
			}
		}
	}
	for p := range files {
		if strings.HasPrefix(p, providerDir) && path.Base(p) != "index.html" {
			listing := string(files[path.Dir(p)+"/index.html"])
			if !strings.Contains(listing, `href="`+path.Base(p)+`"`) {
				t.Errorf("the listing of %s does not link %s", path.Dir(p), path.Base(p))
			}
		}
	}
	if dirs != 4 { // .well-known/csaf/, white/, white/2025/, white/2026/
		t.Errorf("%d listings, want 4", dirs)
	}
}

// TestErrors: a model the documents cannot be made from is an error, not a bad file.
func TestErrors(t *testing.T) {
	for name, break_ := range map[string]func(m *model.Declaration){
		"no organization url": func(m *model.Declaration) { m.Organization.URL = "" },
		"unknown product":     func(m *model.Declaration) { m.Advisories["acme-sa-2026-002"].Products[0].Product = "nope" },
		"unknown release": func(m *model.Declaration) {
			m.Advisories["acme-sa-2026-002"].Products[0].Affected = []string{"acme-gateway/9.9.9"}
		},
		"CSAF path outside the provider": func(m *model.Declaration) { m.Advisories["acme-sa-2026-002"].CSAF.Path = "x/y.json" },
		"no release": func(m *model.Declaration) {
			a := m.Advisories["acme-sa-2025-001"]
			a.Products[0].Affected, a.Products[0].Fixed = nil, nil
		},
	} {
		m := testModel(t)
		break_(m)
		if _, err := Files(m, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
