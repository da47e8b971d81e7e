package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/evident-dev/evident/generator/build"
)

func init() {
	commands = append(commands, &command{
		name: "history",
		args: "record [SITE]",
		summary: "Keep the declaration of the built site (public/) as history/VERSION.json of the site: commit it, " +
			"and every build publishes that version at /declarations/VERSION/ and says what changed.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			from := fs.String("from", "", "the built site to record (default: SITE/public)")
			return func(ctx context.Context, e *env, args []string) int {
				if len(args) == 0 || args[0] != "record" {
					e.errorf("history takes a subcommand: evident history record [SITE]")
					return ExitUsage
				}
				root, ok := siteRoot(e, args[1:], 1)
				if !ok {
					return ExitUsage
				}
				out := filepath.Join(root, "public")
				if *from != "" {
					abs, err := filepath.Abs(*from)
					if err != nil {
						e.errorf("%v", err)
						return ExitUsage
					}
					out = abs
				}
				rel, err := build.Record(ctx, root, out)
				if err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				fmt.Fprintf(e.stdout, "recorded %s; commit it with the site\n", rel)
				return ExitOK
			}
		},
	})
}
