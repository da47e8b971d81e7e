package main

import (
	"context"
	"flag"
	"os"
	"strings"

	"github.com/evident-dev/evident/generator/export"
)

func init() {
	commands = append(commands, &command{
		name:    "matrix",
		args:    "[SITE]",
		summary: "Print the coverage matrix: requirements by category, one column per product. Colour only on a terminal.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			format := fs.String("format", "text", "output format: "+strings.Join(export.MatrixFormats, ", "))
			lang := fs.String("lang", "", "language of titles (default: the site's default language)")
			return func(ctx context.Context, e *env, args []string) int {
				if !e.knownFormat(*format, export.MatrixFormats) {
					return ExitUsage
				}
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				m, res, code := declaration(ctx, e, root, false)
				if m == nil {
					return code
				}
				opt := export.MatrixOptions{Lang: *lang, Color: isTerminal(e.stdout), LevelNames: levelNames(res.Catalogs)}
				if err := export.WriteMatrix(e.stdout, *format, m, opt); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				return ExitOK
			}
		},
	})
}

// isTerminal reports whether w is a character device (a terminal), and NO_COLOR is unset.
func isTerminal(w any) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
