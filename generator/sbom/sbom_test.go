package sbom

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/google/go-cmp/cmp"
)

// The expected values were read from the documents with jq, grep, sha256sum and wc -c.
func TestSummarizeRealDocuments(t *testing.T) {
	tests := []struct {
		file string
		want Summary
	}{
		{"laravel-7.12.0.cdx-1.4.json", Summary{
			Format: "CycloneDX", Encoding: "json", SpecVersion: "1.4",
			Subject:    Subject{Name: "cyclonedx-php-composer-demo", Version: "dev-master"},
			Components: 62,
			Licenses:   []string{"Apache-2.0", "BSD-3-Clause", "MIT"},
			Tools:      []string{"cyclonedx-php-composer in-dev"},
			SHA256:     "d9e5c41e5981a211badac349076e6a9348332578df24df44a985c9f7ed385715", Size: 139669,
		}},
		{"laravel-7.12.0.cdx-1.3.xml", Summary{
			Format: "CycloneDX", Encoding: "xml", SpecVersion: "1.3",
			Subject:    Subject{Name: "cyclonedx-php-composer-demo", Version: "dev-master"},
			Components: 62,
			Licenses:   []string{"Apache-2.0", "BSD-3-Clause", "MIT"},
			Tools:      []string{"cyclonedx-php-composer in-dev"},
			SHA256:     "9b3e180b81cf8f14c4db68d20c7b53b165c06064a0267fd5c0010241e556cdc7", Size: 123651,
		}},
		{"dropwizard-1.3.15.cdx.json", Summary{
			Format: "CycloneDX", Encoding: "json", SpecVersion: "1.2",
			Subject:    Subject{Name: "dropwizard-parent", Version: "1.3.15"},
			Components: 167,
			Licenses: []string{
				"(CDDL-1.0 OR GPL-2.0-with-classpath-exception)", "ASL 2.0", "Apache Software Licenses", "Apache-2.0",
				"BSD 3-clause New License", "BSD License", "BSD licence", "BSD-3-Clause", "CDDL-1.1",
				"Common Development and Distribution License", "EPL-1.0", "Eclipse Distribution License (EDL), Version 1.0",
				"Eclipse Public License v2.0", "GNU General Public License (GPL), version 2, with the Classpath exception",
				"GNU General Public License, Version 2 with the Classpath Exception",
				"GNU General Public License, version 2 (GPL2), with the classpath exception",
				"GNU Lesser General Public License", "GPL v2", "GPL-2.0-with-classpath-exception", "LGPL-2.1-only", "MIT",
				"MPL 2.0 or EPL 1.0", "MPL-1.1",
			},
			Tools:        []string{"CycloneDX Maven plugin 2.0.2"},
			Created:      "2020-08-02T21:27:04Z",
			SerialNumber: "urn:uuid:b4f2954f-a96d-4578-9509-1ae2d6476209",
			SHA256:       "e0eb128b9d081444e76d5b71089f94db16d889e37a77ca869e2645a70eb29f4b", Size: 388689,
		}},
		{"cisa-case1.vex-affected.cdx.json", Summary{
			Format: "CycloneDX", Encoding: "json", SpecVersion: "1.4",
			VEX:             true,
			Subject:         Subject{Name: "DEF", Version: "1.0"},
			Vulnerabilities: 1,
			Created:         "2022-03-03T00:00:00Z",
			SHA256:          "ec942b65a9c6fab3d38d4b8e1b5a1e704da4a9073be5f92861604598592b3f6e", Size: 778,
		}},
		{"hello-source.spdx-2.3.json", Summary{
			Format: "SPDX", Encoding: "json", SpecVersion: "2.3",
			Subject:      Subject{Name: "hello"},
			Components:   1,
			Licenses:     []string{"MIT"}, // licenseConcluded is NOASSERTION
			Created:      "2022-10-28T17:24:21Z",
			SerialNumber: "https://github.com/spdx/spdx-examples/example10/spdx",
			SHA256:       "548f9b6cd390aa792c7aaac49679428c8258f04c91b977437628860a6c42a7ca", Size: 3324,
		}},
		{"example2-bin.spdx-2.2.spdx", Summary{
			Format: "SPDX", Encoding: "tag-value", SpecVersion: "2.2",
			Subject:      Subject{Name: "hello-bin"},
			Components:   1,
			Licenses:     []string{"GPL-3.0-or-later"},
			Tools:        []string{"github.com/spdx/tools-golang/builder", "github.com/spdx/tools-golang/idsearcher"},
			Created:      "2021-08-26T01:49:00Z",
			SerialNumber: "https://swinslow.net/spdx-examples/example2/hello-bin-v4",
			SHA256:       "aaaa6462423ed015ad1b7e3899acdb1ee5569111e2b2c410288d1b65c60b9601", Size: 1556,
		}},
		{"hello-source.spdx-3.0.json", Summary{
			Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
			Subject:    Subject{Name: "hello"},
			Components: 1,
			// MIT is the package's declared licence; CC0-1.0 is the document's dataLicense.
			Licenses:     []string{"MIT"},
			Created:      "2022-10-28T17:24:21Z",
			SerialNumber: "https://github.com/spdx/spdx-examples/example10/spdx-specv3/document0",
			SHA256:       "7cc0dcbfe11f178bbd1c9f98955da42431336740b3f40403155296a7d63b2138", Size: 12425,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			// One byte at a time, so that every token straddles reads.
			got, err := Summarize("sbom/"+tt.file, iotest.OneByteReader(f))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("Summarize (-want +got):\n%s", diff)
			}
		})
	}
}

// summarize runs Summarize on a string.
func summarize(t *testing.T, doc string) *Summary {
	t.Helper()
	s, err := Summarize("x.json", strings.NewReader(doc))
	if err != nil {
		t.Fatalf("Summarize: %v", err)
	}
	s.SHA256, s.Size = "", 0
	return s
}

func TestKeyOrderDoesNotMatter(t *testing.T) {
	ordered := `{
  "bomFormat": "CycloneDX", "specVersion": "1.5", "serialNumber": "urn:uuid:1",
  "metadata": {"timestamp": "2026-01-02T03:04:05Z",
    "tools": {"components": [{"name": "syft", "version": "1.2.3"}], "services": [{"name": "svc"}]},
    "component": {"name": "gw", "version": "2.3.1", "licenses": [{"license": {"id": "Apache-2.0"}}]}},
  "components": [
    {"name": "a", "licenses": [{"expression": "MIT OR BSD-2-Clause"}],
     "components": [{"name": "a1", "components": [{"name": "a11"}]}]},
    {"name": "b", "licenses": [{"license": {"name": "Custom"}}, {"license": {"id": "NOASSERTION"}}],
     "pedigree": {"ancestors": [{"name": "not counted"}]}}
  ],
  "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "not_affected"}}],
  "dependencies": [{"ref": "a", "dependsOn": ["b"]}]
}`
	shuffled := `{
  "vulnerabilities": [{"analysis": {"state": "not_affected"}, "id": "CVE-1"}],
  "components": [
    {"components": [{"components": [{"name": "a11"}], "name": "a1"}],
     "licenses": [{"expression": "MIT OR BSD-2-Clause"}], "name": "a"},
    {"pedigree": {"ancestors": [{"name": "not counted"}]},
     "licenses": [{"license": {"id": "NOASSERTION"}}, {"license": {"name": "Custom"}}], "name": "b"}
  ],
  "dependencies": [{"dependsOn": ["b"], "ref": "a"}],
  "metadata": {"component": {"licenses": [{"license": {"id": "Apache-2.0"}}], "version": "2.3.1", "name": "gw"},
    "tools": {"services": [{"name": "svc"}], "components": [{"version": "1.2.3", "name": "syft"}]},
    "timestamp": "2026-01-02T03:04:05Z"},
  "serialNumber": "urn:uuid:1", "specVersion": "1.5", "bomFormat": "CycloneDX"
}`
	want := &Summary{
		Format: "CycloneDX", Encoding: "json", SpecVersion: "1.5",
		Subject:         Subject{Name: "gw", Version: "2.3.1"},
		Components:      4, // a, a1, a11, b
		Vulnerabilities: 1,
		Licenses:        []string{"Apache-2.0", "Custom", "MIT OR BSD-2-Clause"},
		Tools:           []string{"svc", "syft 1.2.3"},
		Created:         "2026-01-02T03:04:05Z",
		SerialNumber:    "urn:uuid:1",
	}
	for name, doc := range map[string]string{"ordered": ordered, "shuffled": shuffled} {
		if diff := cmp.Diff(want, summarize(t, doc)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

func TestCycloneDXXMLNestedAndVEX(t *testing.T) {
	doc := `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:2" version="1">
  <metadata>
    <timestamp>2026-02-03T00:00:00Z</timestamp>
    <tools><components><component type="application"><name>cdxgen</name><version>10.0</version></component></components></tools>
    <component type="application"><name>gw</name><version>9</version></component>
  </metadata>
  <components>
    <component type="library"><name>a</name>
      <licenses><expression>MIT</expression></licenses>
      <components><component type="library"><name>a1</name><licenses><license><name>Custom</name></license></licenses></component></components>
    </component>
  </components>
  <vulnerabilities>
    <vulnerability><id>CVE-1</id><analysis><state>not_affected</state></analysis></vulnerability>
    <vulnerability><id>CVE-2</id><analysis><state>in_triage</state></analysis></vulnerability>
  </vulnerabilities>
</bom>
`
	want := &Summary{
		Format: "CycloneDX", Encoding: "xml", SpecVersion: "1.6",
		VEX:             true, // 2 components, 2 analysed vulnerabilities
		Subject:         Subject{Name: "gw", Version: "9"},
		Components:      2,
		Vulnerabilities: 2,
		Licenses:        []string{"Custom", "MIT"},
		Tools:           []string{"cdxgen 10.0"},
		Created:         "2026-02-03T00:00:00Z",
		SerialNumber:    "urn:uuid:2",
	}
	if diff := cmp.Diff(want, summarize(t, doc)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The described package is found whether it comes before or after what says it is described,
// and is not simply the first package or the document name.
func TestSPDXSubject(t *testing.T) {
	tests := []struct {
		name, doc string
		want      Subject
	}{
		{"json packages first, relationship last", `{"spdxVersion": "SPDX-2.3", "name": "doc",
			"packages": [{"SPDXID": "SPDXRef-dep", "name": "dep", "versionInfo": "1"},
			             {"SPDXID": "SPDXRef-app", "name": "app", "versionInfo": "2"}],
			"relationships": [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-app"}]}`,
			Subject{"app", "2"}},
		{"json documentDescribes first", `{"documentDescribes": ["SPDXRef-app"], "spdxVersion": "SPDX-2.2", "name": "doc",
			"packages": [{"name": "dep", "SPDXID": "SPDXRef-dep"}, {"versionInfo": "2", "name": "app", "SPDXID": "SPDXRef-app"}]}`,
			Subject{"app", "2"}},
		{"json DESCRIBED_BY", `{"spdxVersion": "SPDX-2.3", "name": "doc",
			"relationships": [{"spdxElementId": "SPDXRef-app", "relationshipType": "DESCRIBED_BY", "relatedSpdxElement": "SPDXRef-DOCUMENT"}],
			"packages": [{"SPDXID": "SPDXRef-dep", "name": "dep"}, {"SPDXID": "SPDXRef-app", "name": "app"}]}`,
			Subject{"app", ""}},
		{"json nothing described", `{"spdxVersion": "SPDX-2.3", "name": "doc", "packages": [{"SPDXID": "SPDXRef-dep", "name": "dep"}]}`,
			Subject{"doc", ""}},
		{"tag-value", "SPDXVersion: SPDX-2.3\nDocumentName: doc\n\nPackageName: dep\nSPDXID: SPDXRef-dep\nPackageVersion: 1\n" +
			"PackageComment: <text>a comment\nPackageName: not a package\n</text>\n\nPackageName: app\nSPDXID: SPDXRef-app\nPackageVersion: 2\n" +
			"FileName: ./x\nSPDXID: SPDXRef-file\n\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app\n",
			Subject{"app", "2"}},
		{"spdx 3 software_Sbom root", `{"@graph": [
			{"type": "software_Package", "spdxId": "urn:dep", "name": "dep", "software_packageVersion": "1"},
			{"type": "software_Package", "spdxId": "urn:app", "name": "app", "software_packageVersion": "2"},
			{"type": "SpdxDocument", "spdxId": "urn:doc", "name": "doc", "rootElement": ["urn:sbom"]},
			{"type": "software_Sbom", "spdxId": "urn:sbom", "rootElement": ["urn:app"]}],
			"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}`,
			Subject{"app", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summarize(t, tt.doc).Subject); diff != "" {
				t.Errorf("Subject (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSPDXTagValueCounts(t *testing.T) {
	doc := "SPDXVersion: SPDX-2.3\nDocumentName: doc\nCreator: Tool: syft-1.0\nCreator: Organization: ACME\n" +
		"PackageName: a\nPackageLicenseDeclared: (MIT OR Apache-2.0)\nPackageDescription: <text>\nPackageName: b\n</text>\n" +
		"PackageName: c\nPackageLicenseConcluded: NONE\nFileName: f\nLicenseConcluded: BSD-3-Clause\n"
	want := &Summary{
		Format: "SPDX", Encoding: "tag-value", SpecVersion: "2.3",
		Subject:    Subject{Name: "doc"},
		Components: 2,
		Licenses:   []string{"(MIT OR Apache-2.0)", "BSD-3-Clause"},
		Tools:      []string{"syft-1.0"},
	}
	if diff := cmp.Diff(want, summarize(t, doc)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSPDX3ToolsAndCreated(t *testing.T) {
	doc := `{"@context": ["https://spdx.org/rdf/3.0.1/spdx-context.jsonld"], "@graph": [
		{"type": "SpdxDocument", "spdxId": "urn:doc", "name": "doc", "creationInfo": "_:ci1", "dataLicense": "urn:lic-cc0"},
		{"type": "simplelicensing_LicenseExpression", "spdxId": "urn:lic-cc0", "simplelicensing_licenseExpression": "CC0-1.0"},
		{"type": "simplelicensing_LicenseExpression", "spdxId": "urn:lic-a", "simplelicensing_licenseExpression": "Apache-2.0"},
		{"type": "Tool", "spdxId": "urn:tool", "name": "spdx-tool 1.0"},
		{"@id": "_:ci0", "type": "CreationInfo", "created": "2020-01-01T00:00:00Z"},
		{"@id": "_:ci1", "type": "CreationInfo", "created": "2026-05-06T07:08:09Z"}]}`
	want := &Summary{
		Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
		Subject:      Subject{Name: "doc"},
		Licenses:     []string{"Apache-2.0"},
		Tools:        []string{"spdx-tool 1.0"},
		Created:      "2026-05-06T07:08:09Z", // the document's, not the earliest
		SerialNumber: "urn:doc",
	}
	if diff := cmp.Diff(want, summarize(t, doc)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLeadingSpaceAndByteOrderMark(t *testing.T) {
	doc := "\ufeff\n\n  " + `{"bomFormat": "CycloneDX", "specVersion": "1.6"}` + "\n"
	got, err := Summarize("x.json", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got.Format != "CycloneDX" || got.Size != int64(len(doc)) {
		t.Errorf("got format %q size %d, want CycloneDX %d", got.Format, got.Size, len(doc))
	}
}

func TestErrors(t *testing.T) {
	const cdx14 = `<bom xmlns="http://cyclonedx.org/schema/bom/1.4">`
	tests := []struct {
		name, doc string
		code      string
		line, col int
		msg       string // a part of the message
	}{
		{"empty", "", codeUnknown, 1, 1, "empty"},
		{"only space", "\n\n  ", codeUnknown, 3, 3, "empty"},
		{"binary", "\x00\x01\x02garbage", codeUnknown, 1, 1, "begins with 0x00"},
		{"gzip", "\x1f\x8b\x08\x00", codeUnknown, 1, 1, "gzip"},
		{"json array", "[1]", codeUnknown, 1, 1, "array"},
		{"json of no format", "{\"foo\": 1}", codeUnknown, 1, 1, "neither"},
		{"bomFormat not CycloneDX", "{\n  \"bomFormat\": \"SPDX\"\n}", codeUnknown, 2, 16, `"SPDX"`},
		{"CycloneDX 2.0", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"2.0\"\n}", codeUnsupported, 3, 18, `"2.0"`},
		{"CycloneDX 1.1", "{\"specVersion\": \"1.1\",\n\"bomFormat\": \"CycloneDX\"}", codeUnsupported, 1, 17, `"1.1"`},
		{"CycloneDX without specVersion", "{\"bomFormat\": \"CycloneDX\"}", codeMalformed, 1, 15, "specVersion"},
		{"SPDX JSON 2.1", "{\"spdxVersion\": \"SPDX-2.1\"}", codeUnsupported, 1, 17, `"2.1"`},
		{"SPDX 3.1", "{\"@context\": \"https://spdx.org/rdf/3.1/spdx-context.jsonld\"}", codeUnsupported, 1, 14, `"3.1"`},
		{"truncated JSON", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [\n    {\"name\": \"a\"", codeMalformed, 4, 17, "truncated"},
		{"JSON syntax", "{\n  \"bomFormat\" \"CycloneDX\"\n}", codeMalformed, 2, 15, "invalid JSON"},
		{"two JSON values", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.4\"}\n{}", codeMalformed, 2, 1, "more than one"},
		{"JSON too deep", "{\"components\": " + strings.Repeat("[", 2*maxDepth), codeMalformed, 1, 16 + maxDepth - 1, "nested"},
		{"XML not CycloneDX", "<?xml version=\"1.0\"?>\n<html></html>", codeUnknown, 2, 1, "<html>"},
		{"CycloneDX XML 1.1", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.1\"/>", codeUnsupported, 1, 1, `"1.1"`},
		{"truncated XML", cdx14 + "\n<components>\n<component>", codeMalformed, 3, 12, "truncated"},
		{"XML mismatched tag", cdx14 + "\n  <components></component>\n</bom>", codeMalformed, 2, 27, "invalid XML"},
		{"XML after root", cdx14 + "</bom>\n<bom/>", codeMalformed, 2, 1, "more than one"},
		{"tag-value SPDX 2.1", "SPDXVersion: SPDX-2.1\n", codeUnsupported, 1, 14, `"2.1"`},
		{"tag-value without version", "# comment\nDocumentName: x\nPackageName: a\n", codeUnknown, 3, 1, "SPDXVersion"},
		{"tag-value bad line", "SPDXVersion: SPDX-2.3\nDocumentName: x\n  stray text\n", codeMalformed, 3, 1, "Tag: value"},
		{"tag-value unterminated text", "SPDXVersion: SPDX-2.3\nPackageName: a\nPackageComment: <text>abc\nmore", codeMalformed, 3, 1, "</text>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Summarize("sbom/x", strings.NewReader(tt.doc))
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("got %v, want a diag.Diagnostic", err)
			}
			want := diag.Position{File: "sbom/x", Line: tt.line, Col: tt.col}
			if d.Code != tt.code || d.Pos != want {
				t.Errorf("got %s at %s, want %s at %s (%v)", d.Code, d.Pos, tt.code, want, d)
			}
			if !strings.Contains(d.Message, tt.msg) {
				t.Errorf("message %q does not contain %q", d.Message, tt.msg)
			}
			if d.Hint == "" {
				t.Errorf("no hint: %v", d)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("{\n  \"bomFormat\": \"Cyclo"), iotest.ErrReader(errors.New("disk on fire")))
	_, err := Summarize("sbom/x.json", r)
	var d diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("got %v, want a diag.Diagnostic", err)
	}
	want := diag.Position{File: "sbom/x.json", Line: 2, Col: 22}
	if d.Code != codeUnreadable || d.Pos != want || !strings.Contains(d.Message, "disk on fire") {
		t.Errorf("got %v (%s at %s), want %s at %s naming the read error", d, d.Code, d.Pos, codeUnreadable, want)
	}
}
