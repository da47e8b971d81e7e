package catalog

import (
	"strings"

	"github.com/evident-dev/evident/generator/node"
)

// Diagnostic codes of this package.
const (
	CodeSyntax             = "catalog-syntax"         // a catalog file is not valid TOML
	CodeSchema             = "catalog-schema"         // unknown key, wrong type, missing field
	CodeDuplicate          = "catalog-duplicate"      // an ID, slug or framework defined twice
	CodeParent             = "catalog-parent"         // unknown parent, or an ID that does not fit its parent
	CodeCatalogName        = "catalog-name"           // a name in the site's catalogs list that is not a catalog
	CodeInvalidID          = "invalid-requirement-id" // a string that is not an ID
	CodeUnknownRequirement = "unknown-requirement"    // a well-formed ID that no catalog has
	CodeUnknownFramework   = "unknown-framework"      // an ID of a framework the site does not load
)

// document is one catalog file read into a tree.
type document struct {
	file string
	root *node.Node
}

// parse reads the TOML of a catalog file, or reports why it cannot with CodeSyntax.
func (l *loader) parse(file string, src []byte) *document {
	root, diags := node.ParseTOML(file, src)
	if len(diags) > 0 {
		for _, d := range diags {
			d.Code = CodeSyntax
			l.f.Add(d)
		}
		return nil
	}
	return &document{file: file, root: root}
}

// text reads a text in Japanese and English: key = { ja = "…", en = "…" }.
func (l *loader) text(n *node.Node, name string) Text {
	m := l.f.Text(n, name, "ja", "en")
	t := Text{}
	for _, lang := range []string{"ja", "en"} {
		if v := strings.TrimSpace(m[lang]); v != "" {
			t[lang] = v
		}
	}
	return t
}
