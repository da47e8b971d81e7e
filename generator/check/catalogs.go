package check

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
)

// Catalogs returns the catalogs to list for a site: those of its evident.toml, loaded
// by the rules of Run (a catalog file must be inside the site, also through symlinks),
// followed by every built-in catalog the site does not use. With root "" there is no
// site, and the set is the built-in catalogs. Problems with the configuration or the
// catalogs are diagnostics; the set is nil when evident.toml cannot be read.
func Catalogs(root string) (*catalog.Set, diag.List) {
	if root == "" {
		return catalog.Load(nil, catalog.Builtins)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Position{File: root}, "no-config", "%v", err)}
	}
	c := &checker{Result: &Result{Root: abs}, fsys: os.DirFS(abs)}
	cfg, ds := config.Load(c.fsys)
	c.add(ds...)
	if cfg == nil {
		return nil, c.Diagnostics
	}
	set := c.loadCatalogs(cfg.Catalogs, catalog.Builtins...)
	c.Diagnostics.Sort()
	return set, c.Diagnostics
}

// loadCatalogs loads the catalogs named in evident.toml, built-in names or files of the
// site, then the catalogs of extra that are not among them. A file that breaks the
// rules of sitePath is reported and left out.
func (c *checker) loadCatalogs(refs []config.Ref, extra ...string) *catalog.Set {
	var names []string
	for _, ref := range refs {
		if !slices.Contains(catalog.Builtins, ref.Value) {
			if _, d := c.sitePath(ref.Value, ref.Pos, "catalog file"); d != nil {
				c.add(*d)
				continue
			}
		}
		names = append(names, ref.Value)
	}
	for _, name := range extra {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	set, ds := catalog.Load(c.fsys, names)
	c.add(ds...)
	return set
}
