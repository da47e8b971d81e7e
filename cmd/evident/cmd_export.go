package main

import (
	"context"
	"flag"
	"strings"

	"github.com/evident-dev/evident/generator/export"
)

var exportFormats = []string{"json", "csv", "oscal"}

func init() {
	commands = append(commands, &command{
		name:    "export",
		args:    "[SITE]",
		summary: "Write the declaration as data to standard output: json (declaration.json), csv (the matrix), or oscal.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			format := fs.String("format", "json", "format: "+strings.Join(exportFormats, ", "))
			return func(ctx context.Context, e *env, args []string) int {
				if !e.knownFormat(*format, exportFormats) {
					return ExitUsage
				}
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				m, code := checkedModel(ctx, e, root)
				if m == nil {
					return code
				}
				var err error
				switch *format {
				case "json":
					var b []byte
					if b, err = export.JSON(m); err == nil {
						_, err = e.stdout.Write(b)
					}
				case "csv":
					err = export.WriteMatrix(e.stdout, "csv", m, export.MatrixOptions{})
				case "oscal":
					err = export.WriteOSCAL(e.stdout, m)
				}
				if err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				return ExitOK
			}
		},
	})
}
