package build

import (
	"strings"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/model"
)

// brand is the model of [brand]: files under static/ are published at the site's root,
// pages of the site are linked in each language they exist in.
func brand(res *check.Result, langs []string) *model.Brand {
	b := res.Config.Brand
	if b == nil {
		return nil
	}
	published := func(p string) string {
		if p == "" {
			return ""
		}
		return strings.TrimPrefix(p, "static")
	}
	out := &model.Brand{Logo: published(b.Logo.Value), LogoAlt: res.Text(b.LogoAlt),
		Accent: b.Accent, Favicon: published(b.Favicon.Value)}
	for _, l := range b.Nav {
		x := model.NavLink{Title: res.Text(l.Title), URL: l.URL}
		if l.Page.Value != "" {
			p, has := pagePath(res.Root, l.Page.Value, langs)
			x.Links = pageLinks(langs, p, has)
		}
		out.Nav = append(out.Nav, x)
	}
	return out
}
