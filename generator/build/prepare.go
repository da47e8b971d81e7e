package build

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/csaf"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/site"
)

// Prepare turns a check result without errors into what the renderer needs: the
// declaration model (artifacts digested) and the files published as they are. The
// build and the preview server share it, so that both render the same site. CSAF
// documents are not signed.
func Prepare(res *check.Result, generator string) (site.Input, error) {
	return prepare(res, generator, true, signing{})
}

// signing is how the CSAF documents are signed: with key, when given; required refuses
// to publish them unsigned when the site names a public key.
type signing struct {
	key      *csaf.Key
	required bool
}

func prepare(res *check.Result, generator string, digests bool, sign signing) (site.Input, error) {
	m, err := declaration(res, generator, digests)
	if err != nil {
		return site.Input{}, err
	}
	// The CSAF provider and the VEX files first: they complete the model (m.CSAF, each
	// release's VEX), which security.txt and the pages show.
	cf, err := csafFiles(res, m, sign)
	if err != nil {
		return site.Input{}, err
	}
	files := staticFiles(res, m)
	maps.Copy(files, cf)
	// The recorded versions: read from the site only, never the network.
	hf, versions, err := history(context.Background(), res.Root, m)
	if err != nil {
		return site.Input{}, err
	}
	maps.Copy(files, hf)
	return site.Input{Root: res.Root, Model: m, Hugo: res.Config.Hugo, Files: files, History: versions}, nil
}

// csafFiles makes the CSAF provider's files and the VEX documents of the model's
// advisories, signed when the build has the private key of the site's public key.
func csafFiles(res *check.Result, m *model.Declaration, sign signing) (map[string][]byte, error) {
	var pub config.Ref
	if a := res.Config.Advisories; a != nil {
		pub = a.OpenPGPKey
	}
	var s *csaf.Signer
	if len(m.AdvisoryOrder) > 0 {
		switch {
		case pub.Value != "" && sign.key != nil:
			var err error
			if s, err = csaf.NewSigner(sign.key, res.CSAFKey); err != nil { // the key the check read
				d := diag.Errorf(pub.Pos, "csaf-key", "%s: %v", pub.Value, err)
				if mm := (*csaf.MismatchError)(nil); errors.As(err, &mm) {
					d = d.WithHint("give the private key of %s, or publish the public key of %s instead (gpg --armor --export %s > %s)", mm.Public, mm.Private, mm.Private, pub.Value)
				}
				return nil, d
			}
		case pub.Value != "" && sign.required:
			return nil, diag.Errorf(pub.Pos, "csaf-key", "the site's CSAF documents are signed with the key %s, but the build was given no private key", pub.Value).
				WithHint("%s", keyHint)
		case sign.key != nil:
			return nil, diag.Errorf(diag.Position{File: config.File}, "csaf-key", "the build was given an OpenPGP key to sign the CSAF documents, but evident.toml names no public key").
				WithHint(`add [advisories] openpgpKey = "keys/csaf.asc": the public key (gpg --armor --export %s), which the site publishes so that customers can verify the signatures`, sign.key.Fingerprint())
		}
	}
	files, err := csaf.Files(m, s)
	if err != nil {
		return nil, fmt.Errorf("CSAF: %w", err)
	}
	return files, nil
}

// keyHint says how to give a build the key that signs CSAF documents.
const keyHint = "give the ASCII-armored private key: evident build --csaf-key FILE, or EVIDENT_CSAF_KEY=FILE; " +
	"EVIDENT_CSAF_KEY_PASSPHRASE gives its passphrase when it is encrypted"
