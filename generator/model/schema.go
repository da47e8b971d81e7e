package model

import (
	"bytes"
	_ "embed" // the schema
	"encoding/json"
	"net/url"
	"strings"
)

// declaration.json is a documented, versioned format. Its JSON Schema (draft 2020-12),
// Schema, is written by hand from the types of this package, and every site publishes it
// as SchemaFile beside declaration.json, whose "$schema" gives its URL.
//
// The version is MAJOR.MINOR. A minor version only adds: a new optional field, or a new
// value of a list of values that readers show as they are; a declaration of 1.1 reads as
// one of 1.0 to a reader that ignores what it does not know. Anything else (a field
// removed, renamed, retyped or given another meaning) is a new major version, and a
// reader refuses a declaration of a greater major than its FormatMajor, saying so, rather
// than misread it. Each version's schema describes that version exactly
// (additionalProperties false), so that a declaration validates against the schema its
// "$schema" names.

// FormatVersion is the version of the declaration.json format this evident writes.
const FormatVersion = "1.0"

// FormatMajor is FormatVersion's major number: the greatest that this evident reads.
const FormatMajor = 1

// SchemaFile is the site path at which a site publishes Schema.
const SchemaFile = "declaration.schema.json"

// Schema is the JSON Schema of declaration.json in FormatVersion.
//
//go:embed declaration.schema.json
var Schema string

// FileURL is the absolute URL of the file published at the site-relative path p in the
// site at base (which ends with "/"): each segment of p percent-encoded, so that a file
// named "report #1.pdf" has a URL that leads to it.
func FileURL(base, p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.Join(segs, "/")
}

// MarshalJSON writes a Text that was never set as {}: declaration.json has no null.
func (t Text) MarshalJSON() ([]byte, error) { return marshalMap(t) }

// MarshalJSON writes Links that were never set as {}: declaration.json has no null.
func (l Links) MarshalJSON() ([]byte, error) { return marshalMap(l) }

// marshalMap writes m, keys sorted, leaving "<", ">" and "&" as they are: an encoder
// that escapes them (json.Marshal) escapes them all the same.
func marshalMap(m map[string]string) ([]byte, error) {
	if m == nil {
		return []byte("{}"), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
