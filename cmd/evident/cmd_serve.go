package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/preview"
)

func init() {
	commands = append(commands, &command{
		name:    "serve",
		args:    "[SITE]",
		summary: "Preview the site at http://127.0.0.1:1414/, rebuilt and reloaded in the browser on every save; problems show in the page. Nothing is written into the site folder. Ctrl-C stops it.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			bind := fs.String("bind", "127.0.0.1", "interface to listen on")
			port := fs.Int("port", preview.DefaultPort, "port to listen on")
			return func(ctx context.Context, e *env, args []string) int {
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				if *port < 0 || *port > 65535 {
					e.errorf("--port %d is not a port; give a number from 1 to 65535 (0 picks a free one)", *port)
					return ExitUsage
				}
				ln, err := preview.Listen(*bind, *port)
				if err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				opt := preview.Options{
					Root: root, AsOf: config.AsOf(ctx, root, os.Getenv), Generator: "evident " + Version(), Log: e.stderr,
					Hosts: []string{*bind}, // requests for other names are refused (DNS rebinding)
					OnBuild: func(b preview.Build) {
						if b.Seq > 1 {
							report(e, b)
						}
					},
				}
				err = preview.Serve(ctx, ln, opt, func(url string, first preview.Build) {
					report(e, first)
					fmt.Fprintf(e.stderr, "serving %s at %s (Ctrl-C stops)\n", root, url)
				})
				if err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				fmt.Fprintln(e.stderr, "stopped")
				return ExitOK
			}
		},
	})
}

// report prints one line per build, and the problems of a failed one.
func report(e *env, b preview.Build) {
	what := "rebuilt"
	switch {
	case b.Seq == 1:
		what = "built"
	case b.Full:
		what = "rebuilt from scratch"
	}
	if b.OK() {
		fmt.Fprintf(e.stderr, "%s in %s\n", what, b.Duration.Round(time.Millisecond))
		return
	}
	fmt.Fprintf(e.stderr, "%s with %d error(s) in %s; the page shows them, and the last good site stays served:\n",
		what, b.Problems.Count(diag.Error), b.Duration.Round(time.Millisecond))
	check.Write(e.stderr, "text", b.Problems)
}
