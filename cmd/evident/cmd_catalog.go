package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
)

func init() {
	commands = append(commands, &command{
		name:    "catalog",
		args:    "[list | show ID]",
		summary: "List the catalogs and their requirements, or show one requirement (evident catalog show \"S(1)-2.2\").",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			lang := fs.String("lang", "ja", "language: ja or en")
			framework := fs.String("framework", "", "list only this framework (cip, ssdf, or a site's own)")
			site := fs.String("site", "", "include the catalogs of this site folder (default: the current folder when it has evident.toml)")
			return func(ctx context.Context, e *env, args []string) int {
				set, code := loadCatalogs(e, *site)
				if set == nil {
					return code
				}
				verb := "list"
				if len(args) > 0 {
					verb, args = args[0], args[1:]
				}
				switch verb {
				case "list":
					if len(args) > 0 {
						e.errorf("catalog list takes no arguments")
						return ExitUsage
					}
					return listCatalogs(e, set, *framework, *lang)
				case "show":
					if len(args) != 1 {
						e.errorf("usage: evident catalog show ID, such as evident catalog show \"S(1)-2.2\"")
						return ExitUsage
					}
					return showItem(e, set, args[0], *lang)
				}
				e.errorf("unknown catalog command %q; use list or show", verb)
				return ExitUsage
			}
		},
	})
}

// loadCatalogs loads the catalogs to list: the site's (site, or the current folder when
// it has evident.toml) followed by the other built-in ones, or the built-in ones alone.
func loadCatalogs(e *env, site string) (*catalog.Set, int) {
	root := site
	if root == "" {
		root = "."
	}
	if _, err := os.Stat(filepath.Join(root, config.File)); err != nil {
		if site != "" {
			e.errorf("%s has no %s", site, config.File)
			return nil, ExitUsage
		}
		root = "" // not in a site: the built-in catalogs
	}
	set, ds := check.Catalogs(root)
	if ds.HasErrors() {
		check.Write(e.stderr, "text", ds)
		return nil, ExitProblems
	}
	return set, ExitOK
}

func listCatalogs(e *env, set *catalog.Set, framework, lang string) int {
	found := false
	for _, c := range set.Catalogs {
		if framework != "" && c.ID != framework {
			continue
		}
		found = true
		fmt.Fprintf(e.stdout, "%s  %s (%s)\n", c.ID, c.Title.In(lang), c.Version)
		if n := c.Note.In(lang); n != "" {
			fmt.Fprintf(e.stdout, "    %s\n", strings.ReplaceAll(strings.TrimSpace(n), "\n", "\n    "))
		}
		c.Walk(func(it *catalog.Item) bool {
			fmt.Fprintf(e.stdout, "%s%-10s %s\n", strings.Repeat("  ", int(it.Level)), set.Format(it.ID), it.Title.In(lang))
			return true
		})
		fmt.Fprintln(e.stdout)
	}
	if !found {
		var ids []string
		for _, c := range set.Catalogs {
			ids = append(ids, c.ID)
		}
		e.errorf("no catalog %q; loaded: %s", framework, strings.Join(ids, ", "))
		return ExitUsage
	}
	return ExitOK
}

func showItem(e *env, set *catalog.Set, raw, lang string) int {
	it, d := set.Resolve(raw, diag.Position{File: "(command line)"})
	if d != nil {
		msg := d.Message
		if d.Hint != "" {
			msg += "; " + d.Hint
		}
		e.errorf("%s", msg)
		return ExitProblems
	}
	w := e.stdout
	fmt.Fprintf(w, "%s  %s\n", set.Format(it.ID), it.Title.In(lang))
	fmt.Fprintf(w, "  slug:   %s\n", it.ID.Slug())
	level := it.Level.String()
	if c, ok := set.Catalog(it.ID.Framework); ok {
		level = c.LevelName(it.Level).In(lang) // as the framework names it: an SSDF task
	}
	fmt.Fprintf(w, "  level:  %s\n", level)
	if it.Parent != nil {
		fmt.Fprintf(w, "  parent: %s  %s\n", set.Format(it.Parent.ID), it.Parent.Title.In(lang))
	}
	if r := it.Responsibility.In(lang); r != "" {
		fmt.Fprintf(w, "  responsibility: %s\n", r)
	}
	if it.Party != "" {
		fmt.Fprintf(w, "  party:  %s\n", it.Party)
	}
	if s := it.Summary.In(lang); s != "" {
		fmt.Fprintf(w, "\n  %s\n", strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  "))
	}
	if len(it.Children) > 0 {
		fmt.Fprintln(w)
		for _, ch := range it.Children {
			fmt.Fprintf(w, "  - %s  %s\n", set.Format(ch.ID), ch.Title.In(lang))
		}
	}
	if rel := set.Related(it.ID); len(rel) > 0 {
		label := map[bool]string{true: "関連（参考、非公式の対応表）", false: "related (informative crosswalk, not official)"}[lang == "ja"]
		fmt.Fprintf(w, "\n  %s:\n", label)
		for _, id := range rel {
			title := ""
			if r, ok := set.Lookup(id); ok {
				title = r.Title.In(lang)
			}
			fmt.Fprintf(w, "  - %s  %s\n", id.Qualified(), title)
		}
	}
	return ExitOK
}
