package compare

import (
	"fmt"
	"io"
	"strings"

	"github.com/evident-dev/evident/generator/published"
)

// writeMarkdown writes the view as Markdown: the same sections as the HTML page, tables
// for the sources, each column's checks and the requirements side by side.
func writeMarkdown(w io.Writer, v *view) error {
	var b strings.Builder
	md := published.Markdown
	t := func(x text) string { return md(x.S) }
	link := func(s, url string) string {
		if url == "" {
			return s
		}
		return "[" + s + "](<" + url + ">)"
	}
	st := func(s statusView) string { return md(s.Sym + " " + s.Word) }
	row := func(cells ...string) { fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | ")) }
	head := func(cells ...string) {
		row(cells...)
		fmt.Fprintf(&b, "|%s\n", strings.Repeat("---|", len(cells)))
	}

	fmt.Fprintf(&b, "# %s\n\n%s  \n", md(v.Title), md(v.AsOf))
	if v.Profile != "" {
		fmt.Fprintf(&b, "%s\n", md(v.Profile))
	}

	fmt.Fprintf(&b, "\n## %s\n\n", md(v.Words["sources"]))
	head(md(v.Words["vendor"]), md(v.Words["verify"]), md(v.Words["decl"]), md(v.Words["fresh"]))
	for _, s := range v.Sources {
		verify := st(s.Verify)
		if !s.OK {
			verify += " — " + md(v.Words["notcompared"])
		}
		if s.Detail != "" {
			verify += ": " + md(s.Detail)
		}
		var fresh []string
		for _, f := range s.Fresh {
			fresh = append(fresh, md(f))
		}
		name := "`" + strings.ReplaceAll(published.Plain(s.Source), "`", "'") + "`"
		if s.Name.S != "" {
			name = link(t(s.Name), s.Site) + "<br>" + name
		}
		row(name, verify, md(s.Decl), strings.Join(fresh, "; "))
	}

	if len(v.Rules) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", md(v.Words["profile"]))
		for _, r := range v.Rules {
			fmt.Fprintf(&b, "- %s\n", md(r))
		}
		b.WriteString("\n")
		for _, c := range v.Columns {
			fmt.Fprintf(&b, "- **%s — %s**: %s (%s)\n", t(c.Vendor), t(c.Product), st(c.Verdict), md(c.Summary))
		}
		for _, c := range v.Columns {
			fmt.Fprintf(&b, "\n### %s — %s: %s\n\n", t(c.Vendor), t(c.Product), st(c.Verdict))
			head(md(v.Words["check"]), md(v.Words["result"]), md(v.Words["detail"]))
			for _, k := range c.Checks {
				subject := link(md(k.Subject), k.URL)
				if k.Title.S != "" {
					subject += " " + t(k.Title)
				}
				row(subject, st(k.Result), md(k.Detail))
			}
		}
	}

	fmt.Fprintf(&b, "\n## %s\n\n", md(v.Words["matrix"]))
	if v.NoColumns != "" {
		fmt.Fprintf(&b, "%s\n", md(v.NoColumns))
	} else {
		cols := []string{md(v.Words["req"])}
		for _, h := range v.Head {
			cols = append(cols, t(h.Vendor)+"<br>"+t(h.Product))
		}
		head(cols...)
		empty := make([]string, len(v.Head))
		for _, g := range v.Groups {
			title := "**" + md(g.Cat.ID) + " " + t(g.Cat.Title) + "**"
			if g.Customer {
				title += " (" + md(v.Words["customer"]) + ")"
			}
			row(append([]string{title}, empty...)...)
			for _, r := range g.Rows {
				cells := []string{md(r.ID) + " " + t(r.Title)}
				for _, c := range r.Cells {
					cells = append(cells, link(st(c.Status), c.URL))
				}
				row(cells...)
			}
		}
	}
	fmt.Fprintf(&b, "\n%s\n", md(v.Footer))
	_, err := io.WriteString(w, b.String())
	return err
}
