package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/evident-dev/evident/generator/starter"
)

func init() {
	commands = append(commands, &command{
		name:    "init",
		args:    "[DIR]",
		summary: "Write a new site into DIR (default: the current folder): evident.toml, an example evidence file in Japanese and English, and a catalog extension stub.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			org := fs.String("org", "ACME株式会社", "organisation name")
			return func(ctx context.Context, e *env, args []string) int {
				if len(args) > 1 {
					e.errorf("init takes at most one folder")
					return ExitUsage
				}
				dir := "."
				if len(args) == 1 {
					dir = args[0]
				}
				if err := starter.Write(dir, starter.Options{Org: *org, Today: time.Now()}); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				fmt.Fprintf(e.stdout, "created a site in %s\nnext: evident check %s, then evident serve %s\n", dir, dir, dir)
				return ExitOK
			}
		},
	})
}
