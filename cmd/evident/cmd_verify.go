package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/evident-dev/evident/generator/integrity"
)

func init() {
	commands = append(commands, &command{
		name:    "verify",
		args:    "DIR|URL",
		summary: "Recompute every digest of a published site (a downloaded copy or its URL) and compare with its SHA256SUMS. Exit 1 on any difference.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			key := fs.String("key", "", "SSH public key file (.pub) that must have signed SHA256SUMS (SHA256SUMS.sig)")
			quiet := fs.Bool("quiet", false, "print nothing when everything matches")
			timeout := fs.Duration("timeout", integrity.DefaultTimeout, "give up verifying a URL after this long (0: never)")
			return func(ctx context.Context, e *env, args []string) int {
				if len(args) != 1 {
					e.errorf("verify takes one argument: the folder or URL of a published site")
					return ExitUsage
				}
				if *timeout < 0 {
					e.errorf("--timeout must not be negative")
					return ExitUsage
				}
				src := args[0]
				if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
					if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
						e.errorf("%s is neither a folder nor an http(s) URL", src)
						return ExitUsage
					}
				} else if *timeout > 0 {
					// A server can be slow or endless; a folder is read at the disk's pace.
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeoutCause(ctx, *timeout,
						fmt.Errorf("gave up after %s (--timeout); a larger --timeout gives a slow server more time", *timeout))
					defer cancel()
				}
				var opt integrity.VerifyOptions
				if *key != "" {
					b, err := os.ReadFile(*key)
					if err != nil {
						e.errorf("cannot read the public key: %v", err)
						return ExitUsage
					}
					opt.PublicKey = b
				}
				rep, err := integrity.Verify(ctx, src, opt)
				if rep != nil {
					for _, p := range rep.Missing {
						fmt.Fprintf(e.stdout, "missing: %s\n", p)
					}
					for _, p := range rep.Changed {
						fmt.Fprintf(e.stdout, "changed: %s\n", p)
					}
					for _, p := range rep.Extra {
						fmt.Fprintf(e.stdout, "extra:   %s\n", p)
					}
					if rep.Signature != "" && rep.Signature != "verified" {
						fmt.Fprintf(e.stdout, "signature: %s\n", rep.Signature)
					}
				}
				if err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				if !rep.OK() {
					fmt.Fprintf(e.stdout, "FAILED: %d missing, %d changed, %d extra of %d files checked\n", len(rep.Missing), len(rep.Changed), len(rep.Extra), rep.Checked)
					return ExitProblems
				}
				if !*quiet {
					sig := ""
					if rep.Signature == "verified" {
						sig = "; signature of SHA256SUMS verified"
					}
					manifest := ""
					if !rep.Manifest {
						manifest = " (no integrity.json: files not listed in SHA256SUMS cannot be detected over HTTP)"
					}
					fmt.Fprintf(e.stdout, "OK: %d files match SHA256SUMS%s%s\n", rep.Checked, sig, manifest)
				}
				return ExitOK
			}
		},
	})
}
