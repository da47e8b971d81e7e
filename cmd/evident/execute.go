package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
)

// Exit codes of every command.
const (
	ExitOK       = 0 // success; for check and verify: nothing wrong
	ExitProblems = 1 // the command ran and found problems (check errors, verify differences), or failed
	ExitUsage    = 2 // the command line is wrong
	// ExitInterrupted: Ctrl-C or SIGTERM stopped a build before it published anything
	// (128 + SIGINT, as shells report an interrupted command).
	ExitInterrupted = 130
)

// command is one subcommand: its flags are declared by setup, run gets the positional arguments.
type command struct {
	name    string
	args    string // synopsis of the positional arguments
	summary string
	setup   func(fs *flag.FlagSet) func(ctx context.Context, env *env, args []string) int
}

// env is what a command may touch: its output streams. Library code gets writers, never os.Stdout.
type env struct {
	stdout, stderr io.Writer
}

func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "evident: "+format+"\n", args...)
}

var commands []*command

// Execute runs evident with args (without the program name) and returns the exit code.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		args = []string{"build"}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if c := lookup(rest[0]); c != nil {
				return runCommand(ctx, e, c, []string{"-h"})
			}
		}
		fmt.Fprint(stdout, manual)
		return ExitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "evident", Version())
		return ExitOK
	}
	c := lookup(name)
	if c == nil {
		e.errorf("unknown command %q; run `evident help` for the list", name)
		return ExitUsage
	}
	return runCommand(ctx, e, c, rest)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func runCommand(ctx context.Context, e *env, c *command, args []string) int {
	fs := flag.NewFlagSet("evident "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	run := c.setup(fs)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: evident %s [flags] %s\n\n%s\n\nflags:\n", c.name, c.args, c.summary)
		fs.PrintDefaults()
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	return run(ctx, e, positional)
}

// parseInterleaved parses flags that may come before or after positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// knownFormat reports whether format is one of formats, and says which are when not.
func (e *env) knownFormat(format string, formats []string) bool {
	if slices.Contains(formats, format) {
		return true
	}
	e.errorf("unknown format %q; use one of %s", format, strings.Join(formats, ", "))
	return false
}

// siteRoot returns the absolute site folder from the positional arguments: the first, or ".".
func siteRoot(e *env, args []string, max int) (string, bool) {
	if len(args) > max {
		e.errorf("too many arguments: %s", strings.Join(args, " "))
		return "", false
	}
	dir := "."
	if len(args) > 0 {
		dir = args[0]
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		e.errorf("%v", err)
		return "", false
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		e.errorf("%s is not a folder; give the site folder (the one with evident.toml)", dir)
		return "", false
	}
	return abs, true
}

// Version is the module version evident was built from, or "devel".
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
