// Package csaf publishes a site's security advisories as machine-readable documents: one
// CSAF 2.0 document per advisory, laid out as a CSAF provider (section 7 of the
// standard), and per release the VEX statements the advisories make, as CycloneDX 1.6
// and OpenVEX 0.2.0. Signer signs the CSAF documents with an OpenPGP key.
//
// The provider is the layout a static host can serve, without redirects or directory
// listings of its own:
//
//	.well-known/csaf/provider-metadata.json     requirement 7 (and 9)
//	.well-known/csaf/service.json               the ROLIE service document (16)
//	.well-known/csaf/openpgp/FINGERPRINT.asc    the public key, when documents are signed (20)
//	.well-known/csaf/white/csaf-feed-tlp-white.json   the ROLIE feed (15)
//	.well-known/csaf/white/category-white.json  the ROLIE category document (17)
//	.well-known/csaf/white/index.txt, changes.csv     12 and 13
//	.well-known/csaf/white/YYYY/NAME.json       the documents (1, 2, 11), with .sha256,
//	                                            .sha512 (18) and .asc (19) beside each
//	.well-known/csaf/**/index.html              a listing of each folder (14)
//
// The provider metadata lists the directory distribution (requirements 11 to 14), and
// the ROLIE feed (15 to 17) when the documents are signed: csaf_checker, the reference
// implementation's checker, fails a ROLIE feed whose entries list no signature, which
// CSAF 2.0 allows. A provider is a csaf_provider, and with signatures a
// csaf_trusted_provider (18 to 20).
//
// Everything is made from the model, dates from the content: two builds of the same site
// give the same bytes (signatures too, with an Ed25519 or RSA key).
package csaf

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/model"
)

// Where the provider's files are in the site.
const (
	providerDir  = ".well-known/csaf/"
	metadataPath = providerDir + "provider-metadata.json"
	whiteDir     = providerDir + "white/"
	feedPath     = whiteDir + "csaf-feed-tlp-white.json"
	categoryPath = whiteDir + "category-white.json"
	servicePath  = providerDir + "service.json"
	keyDir       = providerDir + "openpgp/"
	// vexDir holds the VEX documents: vexDir/<product>/<version>.cdx.json and .openvex.json.
	vexDir = "vex/"
)

// Roles of a CSAF provider (CSAF 2.0 section 7.2).
const (
	roleProvider        = "csaf_provider"
	roleTrustedProvider = "csaf_trusted_provider"
)

// Files returns every file of the CSAF provider and the VEX documents of the model's
// advisories, by site-relative path, signed with s when s is not nil. It fills
// m.CSAF and the VEX field of each release that an advisory names; a model without
// advisories gives no files and leaves m.CSAF nil.
func Files(m *model.Declaration, s *Signer) (map[string][]byte, error) {
	m.CSAF = nil
	for _, r := range m.Releases {
		r.VEX = nil
	}
	if len(m.AdvisoryOrder) == 0 {
		return nil, nil
	}
	if len(m.Languages) == 0 {
		return nil, fmt.Errorf("the declaration has no language")
	}
	files := map[string][]byte{}
	p := &model.CSAFProvider{
		Metadata: model.CSAFFile{Path: metadataPath, URL: model.FileURL(m.BaseURL, metadataPath)},
		Role:     roleProvider,
		Feed:     model.FileURL(m.BaseURL, feedPath),
	}
	if s != nil {
		p.Role, p.Signed, p.KeyFingerprint = roleTrustedProvider, true, s.Fingerprint()
		keyPath := keyDir + s.Fingerprint() + ".asc"
		p.KeyURL = model.FileURL(m.BaseURL, keyPath)
		files[keyPath] = s.public
	}
	for _, slug := range m.AdvisoryOrder {
		a := m.Advisories[slug]
		if !strings.HasPrefix(a.CSAF.Path, whiteDir) || path.Ext(a.CSAF.Path) != ".json" {
			return nil, fmt.Errorf("advisory %s: CSAF path %q is not a .json file under %s", a.ID, a.CSAF.Path, whiteDir)
		}
		doc, err := csafDocument(m, a)
		if err != nil {
			return nil, err
		}
		b, err := export.JSON(doc)
		if err != nil {
			return nil, err
		}
		if _, dup := files[a.CSAF.Path]; dup {
			return nil, fmt.Errorf("advisory %s: another advisory has the CSAF path %s", a.ID, a.CSAF.Path)
		}
		files[a.CSAF.Path] = b
		name := path.Base(a.CSAF.Path)
		files[a.CSAF.Path+".sha256"] = integrity.Sidecar(integrity.EntryOf(name, b))
		sum512 := sha512.Sum512(b)
		files[a.CSAF.Path+".sha512"] = fmt.Appendf(nil, "%s  %s\n", hex.EncodeToString(sum512[:]), name)
		if s != nil {
			sig, err := s.sign(b, a.Updated)
			if err != nil {
				return nil, fmt.Errorf("advisory %s: signing %s: %w", a.ID, a.CSAF.Path, err)
			}
			files[a.CSAF.Path+".asc"] = sig
		}
	}
	if err := providerFiles(m, p, files); err != nil {
		return nil, err
	}
	if err := vexFiles(m, files); err != nil {
		return nil, err
	}
	listings(files)
	m.CSAF = p
	return files, nil
}

// digested is a published file of the site with its URL, size and SHA-256.
func digested(m *model.Declaration, p string, b []byte) model.File {
	e := integrity.EntryOf(p, b)
	return model.File{Path: p, URL: model.FileURL(m.BaseURL, p), Size: e.Size, SHA256: e.SHA256}
}

// jsonFile encodes v as the site's JSON files are: two-space indent, final newline.
func jsonFile(files map[string][]byte, p string, v any) error {
	b, err := export.JSON(v)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	files[p] = b
	return nil
}
