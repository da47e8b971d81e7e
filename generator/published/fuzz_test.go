package published

import "testing"

// FuzzDecode: whatever a server sends as declaration.json, reading it never panics, and a
// declaration that is accepted has no nil entry and no key in its lists that is not there,
// so that diff and compare can walk it without checks of their own.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(declJSON))
	f.Add([]byte(`{"generator": "evident", "order": ["x", "y"], "items": {"x": null, "y": {}}, "evidence": {"e": null}}`))
	f.Add([]byte(`{"formatVersion": "1.9", "$schema": "https://evident.dev/v1.json", "generator": "evident 2"}`))
	f.Add([]byte(`[1, 2, 3]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, _, err := formatVersion(data); err != nil {
			return
		}
		m, err := decode(data)
		if err != nil {
			return
		}
		for _, k := range m.Order {
			if m.Items[k] == nil {
				t.Errorf("order lists %q, which is not an item", k)
			}
		}
		for _, k := range m.EvidenceOrder {
			if m.Evidence[k] == nil {
				t.Errorf("evidence order lists %q, which is not evidence", k)
			}
		}
		for k, v := range m.Items {
			if v == nil {
				t.Errorf("item %q is nil", k)
			}
		}
		for k, v := range m.Releases {
			if v == nil {
				t.Errorf("release %q is nil", k)
			}
		}
		for k, v := range m.Advisories {
			if v == nil {
				t.Errorf("advisory %q is nil", k)
			}
		}
	})
}
