package compare

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/evident-dev/evident/themes"
)

// Formats lists the formats of Write.
var Formats = []string{"html", "markdown", "csv"}

//go:embed report.html
var reportHTML string

var page = template.Must(template.New("report").Parse(reportHTML))

// css is the theme's stylesheet, inlined so that the report is one file that looks like
// the vendors' sites and loads nothing from anywhere.
var css = func() template.CSS {
	b, err := themes.FS.ReadFile("evident/assets/css/evident.css")
	if err != nil {
		panic(err) // embedded: a missing file is a broken build
	}
	return template.CSS(b)
}()

// Write writes r in one of Formats, in lang (one of Langs; the vendors' texts where they
// have that language): html, a self-contained page in the theme of the sites; markdown;
// csv, one row per source, product and requirement (see writeCSV).
func Write(w io.Writer, format string, r *Report, lang string) error {
	if !slices.Contains(Langs, lang) {
		return fmt.Errorf("unknown language %q (want one of %s)", lang, strings.Join(Langs, ", "))
	}
	switch format {
	case "", "html":
		v := newView(r, lang)
		var b bytes.Buffer
		if err := page.Execute(&b, struct {
			*view
			CSS template.CSS
		}{v, css}); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	case "markdown":
		return writeMarkdown(w, newView(r, lang))
	case "csv":
		return writeCSV(w, r, lang)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
