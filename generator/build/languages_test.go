package build

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/internal/sitetest"
)

// TestLanguagesAndFingerprint: texts of evident.toml written once in Japanese are
// Japanese only in the model (declaration.json never lists them under "en"), a text
// without Japanese is in every language, and the signing key's fingerprint is the one
// ssh-keygen -lf prints.
func TestLanguagesAndFingerprint(t *testing.T) {
	root := t.TempDir()
	sitetest.WriteFile(t, root, "evident.toml", []byte(`title = "ACME トラストセンター"
baseURL = "https://trust.example.org/"
languages = ["ja", "en"]
catalogs = ["cip"]
[organization]
name = "ACME Corporation"
[declaration]
title = { ja = "自己適合宣言" }
scope = { ja = "全製品", en = "All products" }
[signature]
publicKey = "keys/release.pub"
identity = "release@example.org"
`))
	sitetest.WriteFile(t, root, "keys/release.pub", []byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFcFyPzJKOUW2vlHKNAWPHIcqWkij9de6spoy5jarQcb release@example.org\n"))
	sitetest.WriteFile(t, root, "content/evidence/policy.md", []byte(`+++
title = "方針"
requirements = ["(1)-2"]
status = "implemented"
reviewed = 2026-10-01
+++
`))
	m, _, err := Declare(context.Background(), root, DeclareOptions{AsOf: asOf, Generator: "evident test"})
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ got, want model.Text }{
		"title":             {m.Title, model.Text{"ja": "ACME トラストセンター"}},
		"organization.name": {m.Organization.Name, model.Text{"ja": "ACME Corporation", "en": "ACME Corporation"}},
		"declaration.title": {m.Declaration.Title, model.Text{"ja": "自己適合宣言"}},
		"declaration.scope": {m.Declaration.Scope, model.Text{"ja": "全製品", "en": "All products"}},
	} {
		if diff := cmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// ssh-keygen -lf keys/release.pub
	if m.Signature == nil || m.Signature.Fingerprint != "SHA256:SgxFOoOYWR4OAZEyjpy97fEax5VVYBtEtZC2qYkqm6g" {
		t.Errorf("signature = %+v, want the fingerprint SHA256:SgxFOoOYWR4OAZEyjpy97fEax5VVYBtEtZC2qYkqm6g", m.Signature)
	}
}
