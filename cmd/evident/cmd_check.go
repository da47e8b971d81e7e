package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
)

func init() {
	commands = append(commands, &command{
		name:    "check",
		args:    "[SITE]",
		summary: "Check the site: every problem at file:line:col with what to do. Exit 0 when clean, 1 on errors (or warnings with --strict).",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			format := fs.String("format", "text", "output format: "+strings.Join(check.Formats, ", "))
			strict := fs.Bool("strict", false, "treat warnings as errors")
			return func(ctx context.Context, e *env, args []string) int {
				if !e.knownFormat(*format, check.Formats) {
					return ExitUsage
				}
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				res := check.Run(root, check.Options{AsOf: config.AsOf(ctx, root, os.Getenv)})
				if err := check.Write(e.stdout, *format, res.Diagnostics); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				if *format == "text" {
					// One line a language after the tally: how much of the evidence is untranslated.
					for _, l := range res.Untranslated() {
						fmt.Fprintln(e.stdout, l)
					}
				}
				if !res.OK(*strict) {
					return ExitProblems
				}
				return ExitOK
			}
		},
	})
}
