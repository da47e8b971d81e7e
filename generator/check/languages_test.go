package check

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

// TestLanguages: on the partly translated site of testdata/languages.txtar, each evidence
// item without English gets a notice at its first line, the check sums them up in one line,
// and a config text written in Japanese only is never given under "en".
func TestLanguages(t *testing.T) {
	root, _ := unpack(t, "testdata/languages.txtar")
	res := Run(root, Options{AsOf: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code == "untranslated" || d.Code == "config-language" {
			got = append(got, d.Pos.String()+" "+d.Code+" "+d.Message)
		}
	}
	want := []string{
		"content/evidence/b.md:1:1 untranslated evidence has no English translation",
		"content/evidence/sub/c.md:1:1 untranslated evidence has no English translation",
		"evident.toml:1:1 config-language title has no English text",
		"evident.toml:7:1 config-language organization.name has no English text",
		"evident.toml:10:1 config-language declaration.title has no English text",
		"evident.toml:16:1 config-language the name of product acme-gateway has no English text",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2 of 3 evidence items have no English"}, res.Untranslated()); diff != "" {
		t.Errorf("Untranslated (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		in, want model.Text
	}{
		{model.Text{"*": "ACME トラストセンター"}, model.Text{"ja": "ACME トラストセンター"}},
		{model.Text{"*": "ACME Cloud"}, model.Text{"ja": "ACME Cloud", "en": "ACME Cloud"}},
		{model.Text{"ja": "全製品", "en": "All products"}, model.Text{"ja": "全製品", "en": "All products"}},
	} {
		if diff := cmp.Diff(tc.want, res.Text(tc.in)); diff != "" {
			t.Errorf("Text(%v) (-want +got):\n%s", tc.in, diff)
		}
	}
}
