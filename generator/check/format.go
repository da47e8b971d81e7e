package check

import (
	"fmt"
	"io"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/export"
)

// Formats lists the output formats of Write.
var Formats = []string{"text", "json", "github"}

// Write prints diagnostics in one of Formats:
//
//   - text: "file:line:col: severity: message" and the hint on the next line, then a tally;
//   - json: {"diagnostics": [...], "errors": n, "warnings": n, "notices": n};
//   - github: GitHub Actions workflow commands (::error file=...,line=...,col=...::message),
//     so problems appear as annotations on the pull request.
func Write(w io.Writer, format string, list diag.List) error {
	switch format {
	case "", "text":
		return writeText(w, list)
	case "json":
		return writeJSON(w, list)
	case "github":
		return writeGitHub(w, list)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func writeText(w io.Writer, list diag.List) error {
	for _, d := range list {
		fmt.Fprintf(w, "%s: %s: %s\n", d.Pos, d.Severity, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(w, "\t%s\n", d.Hint)
		}
	}
	_, err := fmt.Fprintln(w, Tally(list))
	return err
}

// Tally says how many errors, warnings and notices a list has, in one line.
func Tally(list diag.List) string {
	plural := func(n int, word string) string {
		if n == 1 {
			return "1 " + word
		}
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%s, %s, %s", plural(list.Count(diag.Error), "error"), plural(list.Count(diag.Warning), "warning"), plural(list.Count(diag.Notice), "notice"))
}

func writeJSON(w io.Writer, list diag.List) error {
	if list == nil {
		list = diag.List{}
	}
	b, err := export.JSON(struct {
		Diagnostics diag.List `json:"diagnostics"`
		Errors      int       `json:"errors"`
		Warnings    int       `json:"warnings"`
		Notices     int       `json:"notices"`
	}{list, list.Count(diag.Error), list.Count(diag.Warning), list.Count(diag.Notice)})
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// writeGitHub writes workflow commands; see GitHub's "Workflow commands for GitHub Actions".
func writeGitHub(w io.Writer, list diag.List) error {
	for _, d := range list {
		cmd := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Notice: "notice"}[d.Severity]
		props := []string{"file=" + escapeProperty(d.Pos.File)}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		props = append(props, "title="+escapeProperty("evident "+d.Code))
		msg := d.Message
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, Tally(list))
	return err
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
