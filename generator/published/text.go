package published

import (
	"net/url"
	"strings"

	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
)

// A vendor's text is written by someone else: a title may hold a terminal escape that
// clears the screen, a bidirectional mark that reverses what follows, or Markdown and
// HTML. These make it safe to show where evident prints it; html/template escapes HTML.

// Plain returns s for a terminal: on one line, each character that model.Unprintable
// refuses (control, bidirectional formatting, not UTF-8) replaced by U+FFFD.
func Plain(s string) string {
	if _, what := model.Unprintable(s); what == "" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if _, what := model.Unprintable(string(r)); what != "" {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markdownEscaper escapes what would make text a table cell boundary, a link, emphasis,
// code or HTML in Markdown.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// Markdown returns s as literal text on one line of Markdown, such as a table cell.
func Markdown(s string) string { return markdownEscaper.Replace(Plain(s)) }

// Link returns s when it is an absolute http(s) URL that can be a link in a report, with
// spaces, quotes and angle brackets percent-encoded, or "" when it is not one: a vendor's
// javascript: or data: URL never becomes a link.
func Link(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" || Plain(s) != s {
		return ""
	}
	return linkEscaper.Replace(s)
}

var linkEscaper = strings.NewReplacer(" ", "%20", `"`, "%22", "<", "%3C", ">", "%3E", "`", "%60")

// Cell returns s as a cell of a CSV file that a spreadsheet opens: Plain, then made safe
// from formulas by export's one rule.
func Cell(s string) string { return export.CSVCell(Plain(s)) }
