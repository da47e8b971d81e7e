package site

import (
	"slices"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/model"
)

// TestSitemapSettings: Hugo's sitemaps stay off and the home page writes the theme's,
// whatever the site's [hugo] disableKinds and outputs say (Hugo's would put the default
// language's sitemap in /ja/, from where it may not list the pages at the root).
func TestSitemapSettings(t *testing.T) {
	m := &model.Declaration{Languages: []string{"ja", "en"}, BaseURL: "https://trust.example.com/"}
	for _, user := range []map[string]any{
		nil,
		{"disableKinds": []any{"taxonomy"}, "outputs": map[string]any{"home": []any{"html", "json"}}},
	} {
		b, err := hugoConfig(m, user)
		if err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			DisableKinds []string            `toml:"disableKinds"`
			Outputs      map[string][]string `toml:"outputs"`
		}
		if _, err := toml.Decode(string(b), &cfg); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(cfg.DisableKinds, "sitemap") || !slices.Contains(cfg.Outputs["home"], "sitemap") {
			t.Errorf("with %v: disableKinds %q, home outputs %q: want sitemap in both", user, cfg.DisableKinds, cfg.Outputs["home"])
		}
	}
}
