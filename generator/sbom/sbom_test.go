package sbom

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/google/go-cmp/cmp"
)

// TestSummarizeRealDocuments is the truth table: one row per real document in testdata
// (SOURCES.md says where each comes from). The expected values were read from the documents
// with jq, grep, sha256sum and wc -c, not from Summarize:
//   - CycloneDX: components and services are the objects of the components and services
//     arrays, followed into nested components and services (jq: def c: .components // [] |
//     .[] | (., c); [c] | length); licences are the unique ids, names and expressions of the
//     components, the services and metadata.component; created is metadata.timestamp in UTC.
//   - SPDX 2: packages is .packages | length; the subject is the package documentDescribes
//     or a DESCRIBES relationship names; licences are packages' licenseConcluded and
//     licenseDeclared and files' licenseConcluded.
//   - SPDX 3: packages are the @graph elements of type software_Package, ai_AIPackage and
//     dataset_DatasetPackage; the subject is the software_Sbom's (else the SpdxDocument's)
//     first rootElement that is a package; licences are the elements that hasDeclaredLicense
//     and hasConcludedLicense relationships point to (jq: select(.type == "Relationship") |
//     select(.relationshipType | test("License")) | .to[]), named by their expression, or for a
//     licence with no name by the last segment of its IRI; created is the created of the
//     SpdxDocument's creationInfo.
//
// NOASSERTION and NONE are never licences.
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
		// SPDX 3 AI and dataset packages are packages: 10 software_Package, 2 ai_AIPackage and
		// a dataset_DatasetPackage. Apache-2.0 is a licence element that no relationship
		// points to; the custom licence of the dataset is attached and has no name.
		{"simplehtr.ai.spdx-3.0.json", Summary{
			Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
			Subject:      Subject{Name: "SimpleHTR"},
			Components:   13,
			Licenses:     []string{"BSD-2-Clause-FreeBSD", "CustomLicense-c63547c2-62e0-48ec-b98d-ff1b917d67db", "MIT", "OLDAP-2.8", "PSF-2.0"},
			Created:      "2024-05-09T13:50:30Z",
			SerialNumber: "https://my-first-aibom.com/document1",
			SHA256:       "2b3765b58ace83fc9bcd53e6f12438839618d18e99e2f7546f6b334aa94f232b", Size: 73134,
		}},
		{"sentimentdemo.ai.spdx-3.0.json", Summary{
			Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
			Subject:      Subject{Name: "Sentiment Demo: A Simple AI Application and its AI BOM Example"},
			Components:   2, // an ai_AIPackage and a dataset_DatasetPackage
			Licenses:     []string{"CC0-1.0"},
			Created:      "2024-06-24T05:30:00Z",
			SerialNumber: "https://spdx.org/spdxdocs/SpdxDocument1-d1edd8cb-935e-46f2-bd5b-43f5f554a097",
			SHA256:       "8d6075a8ea4284ae074e0ee815579729228bdbe173763b7ecced752cfd3988b4", Size: 27271,
		}},
		{"co2-dataset.spdx-3.0.json", Summary{
			Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
			Subject:      Subject{Name: "Our World in Data CO2 and Greenhouse Gas Emissions dataset", Version: "2024-04-15"},
			Components:   1,
			Licenses:     []string{"CC-BY-4.0"},
			Created:      "2024-05-31T00:00:00Z",
			SerialNumber: "https://spdx.org/spdxdocs/Document1-a7a6f7a8-68d5-4052-b3f7-a005d6af28f1",
			SHA256:       "88f6224ca01ea8025e86534640c8e3a08df8599e5eeed4729445cbc4ce00dd0d", Size: 7704,
		}},
		// The same SBOM in SPDX 2.3 and 3.0: the same subject, packages, tools and date. The
		// 3.0 document writes one expression in parentheses.
		{"hello-server.spdx-2.3.json", Summary{
			Format: "SPDX", Encoding: "json", SpecVersion: "2.3",
			Subject:      Subject{Name: "hello-server-src", Version: "0.1.0"},
			Components:   4,
			Licenses:     []string{"Apache-2.0", "MIT", "MIT OR Apache-2.0"},
			Tools:        []string{"sigs.k8s.io/bom/pkg/spdx"},
			Created:      "2022-11-03T07:10:10Z",
			SerialNumber: "https://spdx.org/spdxdocs/k8s-releng-bom-7c6a33ab-bd76-4b06-b291-a850e0815b07",
			SHA256:       "e38ee905f9c006755e4facc4691af57d4e637a7ef97c3468887c94e0c0f46060", Size: 4822,
		}},
		{"hello-server.spdx-3.0.json", Summary{
			Format: "SPDX", Encoding: "json-ld", SpecVersion: "3.0.1",
			Subject:      Subject{Name: "hello-server-src", Version: "0.1.0"}, // the first root is a file
			Components:   4,
			Licenses:     []string{"(MIT OR Apache-2.0)", "Apache-2.0", "MIT"},
			Tools:        []string{"sigs.k8s.io/bom/pkg/spdx"},
			Created:      "2022-11-03T07:10:10Z",
			SerialNumber: "https://spdx.org/spdxdocs/k8s-releng-bom-7c6a33ab-bd76-4b06-b291-a850e0815b07-specv3/document0",
			SHA256:       "8199657766912cb2e34ef2b3ae77b42ea1260840022e7c3e8fd52d400e0c497b", Size: 14520,
		}},
		// A SaaSBOM: no components, six services (one with five nested).
		{"apigateway.saasbom.cdx-1.4.json", Summary{
			Format: "CycloneDX", Encoding: "json", SpecVersion: "1.4",
			Subject:      Subject{Name: "Acme Cloud Example", Version: "2022-1"},
			Services:     6,
			Created:      "2021-01-10T12:00:00Z",
			SerialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
			SHA256:       "53a13a4af0dab96eda11491428b6b0cbc85a7c95fbdbf50c04e49c5fd7d2fa9d", Size: 5119,
		}},
		{"cdx-spec.valid-bom-1.7.json", Summary{
			Format: "CycloneDX", Encoding: "json", SpecVersion: "1.7",
			Subject:      Subject{Name: "Acme Application", Version: "9.1.1"},
			Components:   3,
			Licenses:     []string{"Apache-2.0", "EPL-2.0 OR GPL-2.0-with-classpath-exception", "Some random license"},
			Tools:        []string{"Awesome Tool 9.1.2"},
			Created:      "2020-04-13T20:20:39Z", // written 2020-04-13T20:20:39+00:00
			SerialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
			SHA256:       "2dcdb3d43647a8802e98124dacec76f2b00091bf567febef6306d58d5b0b04dd", Size: 24156,
		}},
		{"cdx-spec.valid-saasbom-1.7.xml", Summary{
			Format: "CycloneDX", Encoding: "xml", SpecVersion: "1.7",
			Subject:      Subject{Name: "Acme SaaSBOM Example", Version: "2022-1"},
			Services:     6,
			Created:      "2021-01-10T12:00:00Z",
			SerialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
			SHA256:       "29f01040404a7648015e56c8a2e0256847de7b93a96e9909022b492d584929ac", Size: 13297,
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
		{"type": "Relationship", "from": "urn:file", "relationshipType": "hasConcludedLicense", "to": ["urn:lic-a"]},
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
		{"CycloneDX 2.0", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"2.0\"\n}", codeUnsupported, 3, 18, "CycloneDX 2.0 is newer"},
		{"CycloneDX 1.1", "{\"specVersion\": \"1.1\",\n\"bomFormat\": \"CycloneDX\"}", codeUnsupported, 1, 17, "CycloneDX 1.1 is too old"},
		{"CycloneDX not a version", "{\"specVersion\": \"latest\", \"bomFormat\": \"CycloneDX\"}", codeUnsupported, 1, 17, `"latest"`},
		{"CycloneDX without specVersion", "{\"bomFormat\": \"CycloneDX\"}", codeMalformed, 1, 15, "specVersion"},
		{"SPDX JSON 2.1", "{\"spdxVersion\": \"SPDX-2.1\"}", codeUnsupported, 1, 17, "SPDX 2.1 is too old"},
		{"SPDX 3.1", "{\"@context\": \"https://spdx.org/rdf/3.1/spdx-context.jsonld\"}", codeUnsupported, 1, 14, "SPDX 3.1 is newer"},
		{"truncated JSON", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [\n    {\"name\": \"a\"", codeMalformed, 4, 17, "truncated"},
		{"JSON syntax", "{\n  \"bomFormat\" \"CycloneDX\"\n}", codeMalformed, 2, 15, "invalid JSON"},
		{"two JSON values", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.4\"}\n{}", codeMalformed, 2, 1, "more than one"},
		{"JSON too deep", "{\"components\": " + strings.Repeat("[", 2*maxDepth), codeMalformed, 1, 16 + maxDepth - 1, "nested"},
		{"XML not CycloneDX", "<?xml version=\"1.0\"?>\n<html></html>", codeUnknown, 2, 1, "<html>"},
		{"CycloneDX XML 1.1", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.1\"/>", codeUnsupported, 1, 1, "CycloneDX 1.1 is too old"},
		{"CycloneDX XML 1.8", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.8\"/>", codeUnsupported, 1, 1, "CycloneDX 1.8 is newer"},
		{"SPDX RDF/XML", "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n  xmlns:spdx=\"http://spdx.org/rdf/terms#\">\n</rdf:RDF>", codeUnsupportedFormat, 2, 1, "SPDX in RDF/XML"},
		{"RDF/XML not SPDX", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>", codeUnknown, 1, 1, "<RDF>"},
		{"XML Document not SPDX", "<Document><title>notes</title></Document>", codeUnknown, 1, 1, "<Document>"},
		{"truncated XML", cdx14 + "\n<components>\n<component>", codeMalformed, 3, 12, "truncated"},
		{"XML mismatched tag", cdx14 + "\n  <components></component>\n</bom>", codeMalformed, 2, 27, "invalid XML"},
		{"XML after root", cdx14 + "</bom>\n<bom/>", codeMalformed, 2, 1, "more than one"},
		{"tag-value SPDX 2.1", "SPDXVersion: SPDX-2.1\n", codeUnsupported, 1, 14, "SPDX 2.1 is too old"},
		{"SPDX YAML, version after nested keys", "---\nSPDXID: \"SPDXRef-DOCUMENT\"\ncreationInfo:\n  created: \"2020-01-01T00:00:00Z\"\nspdxVersion: SPDX-2.2\n", codeUnsupportedFormat, 5, 1, "SPDX 2.2 in YAML"},
		{"YAML of no format", "---\nname: x\nitems:\n  - a\n", codeUnknown, 1, 1, "begins with '-'"},
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

// Real documents that evident does not read are refused with a message that says what they
// are: a CycloneDX version too old to have metadata, SPDX in YAML or XML.
func TestRefusedRealDocuments(t *testing.T) {
	tests := []struct {
		file, code string
		line, col  int
		msg        string
	}{
		{"laravel-7.12.0.cdx-1.1.xml", codeUnsupported, 2, 1, "CycloneDX 1.1 is too old"},
		{"cdx-spec.valid-bom-1.0.xml", codeUnsupported, 2, 1, "CycloneDX 1.0 is too old"},
		{"spdx-spec.example-2.3.spdx.yaml", codeUnsupportedFormat, 3, 1, "SPDX 2.3 in YAML"},
		{"spdx-spec.example-2.3.spdx.xml", codeUnsupportedFormat, 2, 1, "SPDX 2.3 in XML"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = Summarize("sbom/"+tt.file, f)
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("got %v, want a diag.Diagnostic", err)
			}
			want := diag.Position{File: "sbom/" + tt.file, Line: tt.line, Col: tt.col}
			if d.Code != tt.code || d.Pos != want || !strings.Contains(d.Message, tt.msg) || d.Hint == "" {
				t.Errorf("got %s at %s: %s (hint %q); want %s at %s containing %q and a hint", d.Code, d.Pos, d.Message, d.Hint, tt.code, want, tt.msg)
			}
		})
	}
}

// A creation date is given as RFC 3339 in UTC, or flagged with a warning at the value and
// left out.
func TestCreated(t *testing.T) {
	// Each template has $V where the value goes, quoted when quote is set.
	templates := []struct {
		name, doc string
		quote     bool
	}{
		{"CycloneDX JSON", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n  \"metadata\": {\"timestamp\": $V}}", true},
		{"CycloneDX XML", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n  <metadata><timestamp>$V</timestamp></metadata>\n</bom>", false},
		{"SPDX JSON", "{\"spdxVersion\": \"SPDX-2.3\",\n \"creationInfo\": {\"creators\": [], \"created\": $V}}", true},
		{"SPDX tag-value", "SPDXVersion: SPDX-2.2\nDocumentName: x\nCreated:   $V\n", false},
		{"SPDX 3", "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": [\n" +
			"  {\"type\": \"SpdxDocument\", \"spdxId\": \"urn:doc\", \"creationInfo\": \"_:c1\"},\n" +
			"  {\"type\": \"CreationInfo\", \"@id\": \"_:c1\", \"created\": $V}]}", true},
	}
	values := []struct {
		written, want string // want "" and a warning, unless written is ""
	}{
		{"2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"},
		{"2026-01-02T12:04:05+09:00", "2026-01-02T03:04:05Z"},
		{"2026-01-02T03:04:05.250Z", "2026-01-02T03:04:05.25Z"},
		{"2026-01-02t03:04:05z", "2026-01-02T03:04:05Z"},
		{"2026-01-02 03:04:05-01:00", "2026-01-02T04:04:05Z"},
		{"", ""},
		{"2026-01-02", ""},
		{"2026-01-02T03:04:05", ""}, // no offset: which time is it?
		{"2026-13-02T03:04:05Z", ""},
		{"last Tuesday", ""},
	}
	for _, tpl := range templates {
		for _, v := range values {
			t.Run(tpl.name+"/"+v.written, func(t *testing.T) {
				val := v.written
				if tpl.quote {
					val = strconv.Quote(val)
				}
				at := strings.Index(tpl.doc, "$V")
				doc := tpl.doc[:at] + val + tpl.doc[at+2:]
				line := strings.Count(tpl.doc[:at], "\n") + 1
				col := at - strings.LastIndex(tpl.doc[:at], "\n")
				s := summarize(t, doc)
				if s.Created != v.want {
					t.Errorf("Created = %q, want %q", s.Created, v.want)
				}
				if v.want != "" || v.written == "" {
					if len(s.Warnings) != 0 {
						t.Errorf("warnings %v, want none", s.Warnings)
					}
					return
				}
				want := diag.Position{File: "x.json", Line: line, Col: col}
				if len(s.Warnings) != 1 {
					t.Fatalf("warnings %v, want one", s.Warnings)
				}
				w := s.Warnings[0]
				if w.Code != codeCreated || w.Severity != diag.Warning || w.Pos != want || !strings.Contains(w.Message, strconv.Quote(v.written)) || w.Hint == "" {
					t.Errorf("got %s %s at %s: %s (hint %q); want a warning %s at %s naming the value", w.Severity, w.Code, w.Pos, w.Message, w.Hint, codeCreated, want)
				}
			})
		}
	}
}

// CycloneDX services are counted, nested ones included, with their licences; the services of
// metadata.tools are tools. A document that lists more services than it analyses
// vulnerabilities is not a VEX document.
func TestServices(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"json", `{"bomFormat": "CycloneDX", "specVersion": "1.6",
  "metadata": {"tools": {"services": [{"name": "scanner"}]}, "component": {"name": "cloud", "version": "7"}},
  "services": [
    {"name": "api", "licenses": [{"license": {"id": "MIT"}}],
     "services": [{"name": "db"}, {"name": "queue", "services": [{"name": "worker", "licenses": [{"expression": "Apache-2.0 OR MIT"}]}]}]},
    {"name": "cdn"}],
  "components": [{"name": "lib"}],
  "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "not_affected"}}]}`},
		{"xml", `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">
  <metadata>
    <tools><services><service><name>scanner</name></service></services></tools>
    <component type="application"><name>cloud</name><version>7</version></component>
  </metadata>
  <components><component type="library"><name>lib</name></component></components>
  <services>
    <service><name>api</name><licenses><license><id>MIT</id></license></licenses>
      <services>
        <service><name>db</name></service>
        <service><name>queue</name><services><service><name>worker</name>
          <licenses><expression>Apache-2.0 OR MIT</expression></licenses></service></services></service>
      </services>
    </service>
    <service><name>cdn</name></service>
  </services>
  <vulnerabilities><vulnerability><id>CVE-1</id><analysis><state>not_affected</state></analysis></vulnerability></vulnerabilities>
</bom>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(t, tt.doc)
			want := &Summary{
				Format: "CycloneDX", Encoding: tt.name, SpecVersion: "1.6",
				Subject:         Subject{Name: "cloud", Version: "7"},
				Components:      1,
				Services:        5, // api, db, queue, worker, cdn
				Vulnerabilities: 1,
				Licenses:        []string{"Apache-2.0 OR MIT", "MIT"},
				Tools:           []string{"scanner"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	vex := `{"bomFormat": "CycloneDX", "specVersion": "1.6", "services": [{"name": "api"}],
  "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "not_affected"}}]}`
	if s := summarize(t, vex); !s.VEX {
		t.Errorf("a document of one service and one analysed vulnerability is not VEX: %+v", s)
	}
}

// SPDX 3 licences are the ones relationships attach, whatever their order in the graph:
// expressions, listed and custom licences, and the sets and operators of expanded licensing.
// A licence element that nothing references is not one of the document's licences.
func TestSPDX3Licenses(t *testing.T) {
	doc := `{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [
	  {"type": "Relationship", "from": "urn:p1", "relationshipType": "hasConcludedLicense", "to": ["urn:and"]},
	  {"type": "LifecycleScopedRelationship", "from": "urn:p2", "relationshipType": "hasDeclaredLicense", "to": ["https://spdx.org/licenses/BSD-3-Clause"], "scope": "build"},
	  {"type": "Relationship", "from": "urn:p2", "relationshipType": "hasConcludedLicense", "to": ["expandedlicensing_NoAssertionLicense"]},
	  {"type": "Relationship", "from": "urn:p3", "relationshipType": "hasDeclaredLicense", "to": ["urn:with", "expandedlicensing_NoneLicense"]},
	  {"type": "Relationship", "from": "urn:p3", "relationshipType": "dependsOn", "to": ["urn:unused"]},
	  {"type": "expandedlicensing_ConjunctiveLicenseSet", "spdxId": "urn:and", "expandedlicensing_member": ["urn:or", "https://spdx.org/licenses/MIT"]},
	  {"type": "expandedlicensing_DisjunctiveLicenseSet", "spdxId": "urn:or", "expandedlicensing_member": ["urn:later", "urn:custom"]},
	  {"type": "expandedlicensing_OrLaterOperator", "spdxId": "urn:later", "expandedlicensing_subjectLicense": "https://spdx.org/licenses/Apache-1.0"},
	  {"type": "expandedlicensing_CustomLicense", "spdxId": "urn:custom", "name": "ACME EULA"},
	  {"type": "expandedlicensing_WithAdditionOperator", "spdxId": "urn:with",
	   "expandedlicensing_subjectExtendableLicense": "https://spdx.org/licenses/GPL-2.0-only",
	   "expandedlicensing_subjectAddition": "urn:exception"},
	  {"type": "expandedlicensing_ListedLicense", "spdxId": "https://spdx.org/licenses/GPL-2.0-only", "name": "GNU General Public License v2.0 only"},
	  {"type": "expandedlicensing_CustomLicenseAddition", "spdxId": "https://example.com/licenses/ACME-exception"},
	  {"type": "expandedlicensing_ListedLicenseException", "spdxId": "urn:exception", "name": "Classpath-exception-2.0"},
	  {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:unused", "simplelicensing_licenseExpression": "Apache-2.0"},
	  {"type": "software_Package", "spdxId": "urn:p1", "name": "p1"}
	]}`
	want := []string{"((Apache-1.0+ OR ACME EULA) AND MIT)", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0"}
	if diff := cmp.Diff(want, summarize(t, doc).Licenses); diff != "" {
		t.Errorf("Licenses (-want +got):\n%s", diff)
	}
}

// A licence set that contains itself, and sets that share members (2^200 leaves when written
// out), are named quickly and briefly.
func TestSPDX3LicenseSetsBounded(t *testing.T) {
	var g strings.Builder
	g.WriteString(`{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [
	  {"type": "Relationship", "relationshipType": "hasDeclaredLicense", "to": ["urn:l0", "urn:self"]},
	  {"type": "expandedlicensing_ConjunctiveLicenseSet", "spdxId": "urn:self", "expandedlicensing_member": ["urn:self", "https://spdx.org/licenses/MIT"]}`)
	for i := range 200 {
		fmt.Fprintf(&g, `,
	  {"type": "expandedlicensing_DisjunctiveLicenseSet", "spdxId": "urn:l%d", "expandedlicensing_member": ["urn:l%d", "urn:l%[2]d"]}`, i, i+1)
	}
	g.WriteString(`]}`)
	got := summarize(t, g.String()).Licenses
	if len(got) != 2 || got[1] != "(… AND MIT)" || !strings.HasPrefix(got[0], "((((") || len(got[0]) > maxValueLen+len("…") {
		t.Errorf("Licenses = %q, want a name of at most %d bytes and (… AND MIT)", got, maxValueLen)
	}
}
