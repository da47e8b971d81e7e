package config

import "github.com/evident-dev/evident/generator/node"

// Advisories is the [advisories] table: how the site publishes its security advisories
// (content/advisories/) as a CSAF provider.
type Advisories struct {
	// OpenPGPKey is the site-relative path of the ASCII-armored OpenPGP public key whose
	// private half signs the CSAF documents (evident build --csaf-key); empty when the
	// documents are not signed. The site publishes the key.
	OpenPGPKey Ref
}

const openPGPKeyHint = `openpgpKey = "keys/csaf.asc": the ASCII-armored OpenPGP public key (gpg --armor --export) whose private key signs the CSAF documents`

// advisories reads the [advisories] table; nil when there is none.
func (d *decoder) advisories(n *node.Node) *Advisories {
	if !d.f.Table(n, "advisories", "openpgpKey") {
		return nil
	}
	a := &Advisories{}
	if key := n.Get("openpgpKey"); key != nil {
		a.OpenPGPKey.Value, _ = d.f.String(key, "advisories.openpgpKey")
		a.OpenPGPKey.Pos = key.Pos
	}
	return a
}
