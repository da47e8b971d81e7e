package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/evident-dev/evident/generator/config"
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
				// The starter's dates are the day check measures from (SOURCE_DATE_EPOCH, the
				// last commit of an enclosing repository), so that check accepts them at once;
				// a folder outside any repository gets today.
				today := config.AsOf(ctx, dir, os.Getenv)
				if today.IsZero() {
					today = time.Now()
				}
				if err := starter.Write(dir, starter.Options{Org: *org, Today: today}); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				fmt.Fprintf(e.stdout, "created a site in %s\nnext: evident check %s, then evident serve %s\n", dir, dir, dir)
				return ExitOK
			}
		},
	})
}
