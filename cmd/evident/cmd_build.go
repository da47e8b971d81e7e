package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/diag"
)

func init() {
	commands = append(commands, &command{
		name:    "build",
		args:    "[SITE]",
		summary: "Check the site, then render it into the destination folder (atomically: a failed build leaves the previous output untouched).",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			dest := fs.String("destination", "", "output folder (default SITE/public)")
			baseURL := fs.String("baseURL", "", "the URL the site is published at (overrides evident.toml)")
			return func(ctx context.Context, e *env, args []string) int {
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				opt := build.Options{Root: root, BaseURL: *baseURL, AsOf: asOf(ctx, root), Generator: "evident " + Version(), Log: e.stderr}
				if *dest != "" {
					abs, err := filepath.Abs(*dest)
					if err != nil {
						e.errorf("%v", err)
						return ExitUsage
					}
					opt.Destination = abs
				}
				start := time.Now()
				rep, err := build.Run(ctx, opt)
				if rep != nil && rep.Check != nil && len(rep.Check.Diagnostics) > 0 {
					var shown diag.List
					for _, d := range rep.Check.Diagnostics {
						if d.Severity != diag.Notice || errors.Is(err, build.ErrCheck) {
							shown = append(shown, d)
						}
					}
					if len(shown) > 0 {
						check.Write(e.stderr, "text", shown)
					}
				}
				if err != nil {
					if ds := build.Diagnostics(err); len(ds) > 0 {
						check.Write(e.stderr, "text", ds)
					} else {
						e.errorf("%v", err)
					}
					return ExitProblems
				}
				out := opt.Destination
				if out == "" {
					out = filepath.Join(root, "public")
				}
				fmt.Fprintf(e.stdout, "built %d files (%d evidence, %d requirements) into %s in %s\n",
					len(rep.Files)+1, len(rep.Model.Evidence), rep.Model.Summary.Total, out, time.Since(start).Round(time.Millisecond))
				return ExitOK
			}
		},
	})
}
