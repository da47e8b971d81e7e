package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/export"
	"github.com/evident-dev/evident/generator/model"
)

var exportFormats = []string{"json", "csv", "oscal"}

func init() {
	commands = append(commands, &command{
		name:    "export",
		args:    "[SITE]",
		summary: "Write the declaration as data to standard output: json (declaration.json, with the size and SHA-256 of every artifact), csv (the matrix of every framework), or oscal (an OSCAL 1.1.2 component definition).",
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
				// Only json publishes artifact digests; csv and oscal read no artifact.
				m, res, code := declaration(ctx, e, root, *format == "json")
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
					err = export.WriteMatrix(e.stdout, "csv", m, export.MatrixOptions{LevelNames: levelNames(res.Catalogs)})
				case "oscal":
					err = export.WriteOSCAL(e.stdout, m, res.AsOf)
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

// declaration returns the declaration model of a site without errors and the check's
// result (build.Declare), or prints the problems and returns the exit code.
func declaration(ctx context.Context, e *env, root string, digests bool) (*model.Declaration, *check.Result, int) {
	m, res, err := build.Declare(ctx, root, build.DeclareOptions{
		AsOf: config.AsOf(ctx, root, os.Getenv), Generator: "evident " + Version(), Digests: digests,
	})
	switch {
	case errors.Is(err, build.ErrCheck):
		check.Write(e.stderr, "text", res.Diagnostics)
		return nil, nil, ExitProblems
	case err != nil:
		e.errorf("%v", err)
		return nil, nil, ExitProblems
	}
	return m, res, ExitOK
}

// levelNames are what each catalog of a site calls its levels, for the CSV.
func levelNames(set *catalog.Set) map[string][3]model.Text {
	names := map[string][3]model.Text{}
	for _, c := range set.Catalogs {
		names[c.ID] = c.LevelNames
	}
	return names
}
