package main

import (
	"context"
	"flag"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/evident-dev/evident/generator/compare"
	"github.com/evident-dev/evident/generator/diff"
	"github.com/evident-dev/evident/generator/integrity"
	"github.com/evident-dev/evident/generator/published"
)

// ExitSourceFailed: diff could not read a declaration, or its site failed verification.
// Apart from 1 (the declarations differ) so that a script can tell the two, as diff(1) does.
const ExitSourceFailed = 3

func init() {
	commands = append(commands, &command{
		name: "diff",
		args: "OLD NEW",
		summary: "What changed between two declarations, each a declaration.json file, a built site's folder or a site's URL " +
			"(a site is verified against its SHA256SUMS first). Exit 0 when nothing changed, 1 when something did, " +
			"3 when a source cannot be read or fails verification.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			format := fs.String("format", "text", "text|markdown|json")
			lang := fs.String("lang", "ja", "ja|en: the language of the report's words (the vendor's texts where it has them)")
			key := fs.String("key", "", "SSH public key file (.pub) that must have signed each site's SHA256SUMS (SHA256SUMS.sig)")
			timeout := fs.Duration("timeout", integrity.DefaultTimeout, "give up on a URL after this long (0: never)")
			return func(ctx context.Context, e *env, args []string) int {
				if len(args) != 2 {
					e.errorf("diff takes two arguments: the old and the new declaration (a file, a site folder or a URL)")
					return ExitUsage
				}
				opt, ok := loadOptions(e, *key, *timeout)
				if !ok || !e.knownFormat(*format, diff.Formats) || !e.knownLang(*lang) {
					return ExitUsage
				}
				decls := make([]*published.Declaration, 2)
				errs := make([]error, 2)
				var wg sync.WaitGroup
				for i, src := range args {
					wg.Go(func() { decls[i], errs[i] = published.Load(ctx, src, opt) })
				}
				wg.Wait()
				failed := false
				for _, err := range errs {
					if err != nil {
						e.errorf("%v", err)
						failed = true
					}
				}
				if failed {
					return ExitSourceFailed
				}
				d := diff.Compare(decls[0], decls[1])
				if err := diff.Write(e.stdout, *format, d, *lang); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				if d.Count() > 0 {
					return ExitProblems
				}
				return ExitOK
			}
		},
	})
}

// loadOptions are the options of published.Load from the flags of diff and compare.
func loadOptions(e *env, key string, timeout time.Duration) (published.Options, bool) {
	var opt published.Options
	if timeout < 0 {
		e.errorf("--timeout must not be negative")
		return opt, false
	}
	opt.Timeout = timeout
	if timeout == 0 {
		opt.Timeout = -1 // never
	}
	if key != "" {
		b, err := os.ReadFile(key)
		if err != nil {
			e.errorf("cannot read the public key: %v", err)
			return opt, false
		}
		opt.PublicKey = b
	}
	return opt, true
}

// knownLang reports whether lang is one the reports have words in, and says which are when not.
func (e *env) knownLang(lang string) bool {
	if slices.Contains(compare.Langs, lang) {
		return true
	}
	e.errorf("unknown language %q; use one of %s", lang, strings.Join(compare.Langs, ", "))
	return false
}
