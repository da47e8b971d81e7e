package export

import (
	"bytes"
	"encoding/json"
)

// JSON encodes v with a two-space indent and a final newline, without HTML escaping.
// encoding/json sorts map keys, so the same model always gives the same bytes.
func JSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
