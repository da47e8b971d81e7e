package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/csaf"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/links"
)

func init() {
	commands = append(commands, &command{
		name:    "build",
		args:    "[SITE]",
		summary: "Check the site, then render it into the destination folder (atomically: a failed or interrupted build leaves the previous output untouched).",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			dest := fs.String("destination", "", "output folder (default SITE/public)")
			baseURL := fs.String("baseURL", "", "the URL the site is published at (overrides evident.toml)")
			checkLinks := fs.Bool("check-links", false, "after the build, check every URL of the output that points into the site (links and anchors of the pages, feeds, sitemaps, JSON files, security.txt); exit 1 if one is broken")
			csafKey := fs.String("csaf-key", "", "ASCII-armored OpenPGP private key that signs the CSAF documents of the advisories (default $"+csafKeyVar+"; its passphrase from $"+csafPassphraseVar+")")
			return func(ctx context.Context, e *env, args []string) int {
				root, ok := siteRoot(e, args, 1)
				if !ok {
					return ExitUsage
				}
				if *baseURL != "" {
					// The same rule as evident.toml's baseURL: it lands in security.txt, feeds and sitemaps.
					u, err := config.BaseURL(*baseURL)
					if err != nil {
						e.errorf("--baseURL %v; give the absolute http(s) URL the site is published at, such as https://trust.example.com/", err)
						return ExitUsage
					}
					*baseURL = u
				}
				opt := build.Options{Root: root, BaseURL: *baseURL, AsOf: config.AsOf(ctx, root, os.Getenv), Generator: "evident " + Version(), Log: e.stderr}
				if opt.CSAFKey, ok = csafSigningKey(e, *csafKey); !ok {
					return ExitUsage
				}
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
				if err != nil && ctx.Err() != nil {
					e.errorf("interrupted: nothing was published, the destination is as it was")
					return ExitInterrupted
				}
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
				if *checkLinks {
					return checkBuiltLinks(e, out, rep.Model.BaseURL)
				}
				return ExitOK
			}
		},
	})
}

// checkBuiltLinks checks the URLs the built site in out publishes into itself (pages,
// feeds, sitemaps, JSON, security.txt) and lists the broken ones, each as "file: link: reason".
func checkBuiltLinks(e *env, out, baseURL string) int {
	rep, err := links.Check(out, baseURL)
	if err != nil {
		e.errorf("checking links: %v", err)
		return ExitProblems
	}
	for _, b := range rep.Broken {
		fmt.Fprintln(e.stderr, b)
	}
	if len(rep.Broken) > 0 {
		e.errorf("%d of %d links are broken", len(rep.Broken), rep.Links)
		return ExitProblems
	}
	fmt.Fprintf(e.stdout, "checked %d links on %d pages: none broken\n", rep.Links, rep.Pages)
	return ExitOK
}

// The environment variables that give build the key that signs CSAF documents.
const (
	csafKeyVar        = "EVIDENT_CSAF_KEY"
	csafPassphraseVar = "EVIDENT_CSAF_KEY_PASSPHRASE"
)

// csafSigningKey reads the OpenPGP private key of --csaf-key (or $EVIDENT_CSAF_KEY), if
// either names one, decrypted with $EVIDENT_CSAF_KEY_PASSPHRASE when it is encrypted.
func csafSigningKey(e *env, flagValue string) (*csaf.Key, bool) {
	file, from := flagValue, "--csaf-key"
	if file == "" {
		file, from = os.Getenv(csafKeyVar), csafKeyVar
	}
	if file == "" {
		return nil, true
	}
	b, err := os.ReadFile(file)
	if err != nil {
		e.errorf("%s: %v", from, err)
		return nil, false
	}
	k, err := csaf.ParseKey(b, []byte(os.Getenv(csafPassphraseVar)))
	if errors.Is(err, csaf.ErrEncrypted) {
		e.errorf("%s %s: %v: set %s", from, file, err, csafPassphraseVar)
		return nil, false
	}
	if err != nil {
		e.errorf("%s %s: %v", from, file, err)
		return nil, false
	}
	return k, true
}
