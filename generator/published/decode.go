package published

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/evident-dev/evident/generator/model"
)

// schemaVersion finds the version that a $schema URL names: ".../v2.json", ".../declaration-v1.3.json".
var schemaVersion = regexp.MustCompile(`(?:^|[/_-])v([0-9]+)((?:\.[0-9]+)*)(?:\.json|/|$)`)

// formatVersion returns the major version of the format of a declaration and the version
// as written: "formatVersion" (a number, or a string such as "1.2") when it is given, else
// the version that the "$schema" URL names as vN, else 1, the format of every
// declaration written before either existed.
func formatVersion(data []byte) (major int, label string, err error) {
	var head struct {
		FormatVersion json.RawMessage `json:"formatVersion"`
		Schema        json.RawMessage `json:"$schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return 0, "", describe(err)
	}
	if v := head.FormatVersion; v != nil {
		var s string
		if json.Unmarshal(v, &s) != nil {
			s = string(v) // a number, as written
		}
		whole, _, _ := strings.Cut(s, ".")
		n, err := strconv.Atoi(whole)
		if err != nil || n < 1 || strings.HasPrefix(whole, "+") {
			return 0, "", fmt.Errorf("%s has formatVersion %s: not a version such as 1 or \"1.2\"", declFile, v)
		}
		return n, s, nil
	}
	var schema string
	if json.Unmarshal(head.Schema, &schema) == nil {
		if m := schemaVersion.FindStringSubmatch(schema); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 {
				return n, m[1] + m[2], nil
			}
		}
	}
	return 1, "1", nil
}

// decode reads a declaration, keeping what this evident knows of it: fields it does not
// know are left out, as a newer minor format may add them. A null entry of a map is
// dropped, and lists of keys keep only keys that are there, so that a reader never meets
// a nil item.
func decode(data []byte) (*model.Declaration, error) {
	var m model.Declaration
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, describe(err)
	}
	if !strings.HasPrefix(m.Generator, "evident") {
		return nil, fmt.Errorf("%s was not written by evident (its generator is %q): not an evident declaration", declFile, m.Generator)
	}
	dropNil(m.Items)
	dropNil(m.Evidence)
	dropNil(m.Releases)
	dropNil(m.Advisories)
	m.Order = keep(m.Order, m.Items)
	m.Categories = keep(m.Categories, m.Items)
	m.EvidenceOrder = keep(m.EvidenceOrder, m.Evidence)
	m.AdvisoryOrder = keep(m.AdvisoryOrder, m.Advisories)
	return &m, nil
}

func dropNil[V any](m map[string]*V) {
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
}

func keep[V any](keys []string, m map[string]*V) []string {
	return slices.DeleteFunc(keys, func(k string) bool { return m[k] == nil })
}

// describe says what is wrong with a declaration.json that encoding/json refused.
func describe(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%s is not JSON: %v (at byte %d)", declFile, se, se.Offset)
	case errors.As(err, &te) && te.Field == "":
		return fmt.Errorf("%s is not a JSON object but %s", declFile, te.Value)
	case errors.As(err, &te):
		return fmt.Errorf("%s is not a declaration this evident reads: %s is %s, not %s (at byte %d)", declFile, te.Field, te.Value, te.Type, te.Offset)
	}
	return fmt.Errorf("%s: %w", declFile, err)
}
