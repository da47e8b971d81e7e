package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/model"
)

// TestBrand: files under static/ are published at the root; a link to a page of the site
// goes to the page in each language it exists in, else to the default language's.
func TestBrand(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"company.md", "company.en.md", "history.md"} {
		if err := os.WriteFile(filepath.Join(root, "content", "pages", f), []byte("+++\ntitle = \"x\"\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &config.Config{Languages: []string{"ja", "en"}, Brand: &config.Brand{
		Logo: config.Ref{Value: "static/brand/logo.svg"}, LogoAlt: model.Text{"*": "ACME"}, Accent: "#0b5394",
		Favicon: config.Ref{Value: "static/favicon.ico"},
		Nav: []config.NavLink{
			{Title: model.Text{"ja": "会社概要", "en": "About"}, Page: config.Ref{Value: "content/pages/company.md"}},
			{Title: model.Text{"*": "沿革"}, Page: config.Ref{Value: "content/pages/History.md"}},
			{Title: model.Text{"*": "PSIRT"}, URL: "https://www.example.com/psirt/"},
		}}}
	got := brand(&check.Result{Root: root, Config: cfg}, cfg.Languages)
	want := &model.Brand{
		Logo: "/brand/logo.svg", LogoAlt: model.Text{"ja": "ACME", "en": "ACME"}, Accent: "#0b5394", Favicon: "/favicon.ico",
		Nav: []model.NavLink{
			{Title: model.Text{"ja": "会社概要", "en": "About"}, Links: model.Links{"ja": "pages/company/", "en": "en/pages/company/"}},
			{Title: model.Text{"ja": "沿革"}, Links: model.Links{"ja": "pages/history/", "en": "pages/history/"}},
			{Title: model.Text{"ja": "PSIRT", "en": "PSIRT"}, URL: "https://www.example.com/psirt/"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("brand (-want +got):\n%s", diff)
	}
	if b := brand(&check.Result{Root: root, Config: &config.Config{Languages: cfg.Languages}}, cfg.Languages); b != nil {
		t.Errorf("no [brand]: %+v", b)
	}
}
