package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/compare"
	"github.com/evident-dev/evident/generator/integrity"
)

func init() {
	commands = append(commands, &command{
		name: "compare",
		args: "SOURCE...",
		summary: "Put several vendors' published declarations side by side: each SOURCE a site's URL or folder (verified first) " +
			"or a declaration.json file. With --require, say per vendor whether it meets a customer's profile. " +
			"Exit 0 when every source was compared (and meets the profile), 1 when one could not be, or does not.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) int {
			format := fs.String("format", "html", "html|markdown|csv")
			lang := fs.String("lang", "ja", "ja|en: the language of the report (the vendors' texts where they have it)")
			require := fs.String("require", "", "profile.toml: what every vendor must meet (see `evident help`)")
			asOf := fs.String("as-of", "", "the day freshness is counted from, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
			timeout := fs.Duration("timeout", integrity.DefaultTimeout, "give up on a URL after this long (0: never)")
			keys := keyFlag{}
			fs.Var(keys, "key", "SOURCE=FILE: the SSH public key (.pub) that must have signed SOURCE's SHA256SUMS; repeat for each vendor")
			return func(ctx context.Context, e *env, args []string) int {
				if len(args) == 0 {
					e.errorf("compare takes one or more sources: site URLs or folders, or declaration.json files")
					return ExitUsage
				}
				lo, ok := loadOptions(e, "", *timeout)
				if !ok || !e.knownFormat(*format, compare.Formats) || !e.knownLang(*lang) {
					return ExitUsage
				}
				opt := compare.Options{Load: lo, Keys: map[string][]byte{}, Generator: "evident " + Version()}
				for src, file := range keys {
					b, err := os.ReadFile(file)
					if err != nil {
						e.errorf("cannot read the public key of %s: %v", src, err)
						return ExitUsage
					}
					opt.Keys[src] = b
				}
				if opt.AsOf, ok = day(e, *asOf); !ok {
					return ExitUsage
				}
				if *require != "" {
					data, err := os.ReadFile(*require)
					if err != nil {
						e.errorf("cannot read the profile: %v", err)
						return ExitUsage
					}
					p, ds := compare.ParseProfile(filepath.ToSlash(*require), data)
					for _, d := range ds {
						fmt.Fprintln(e.stderr, d.Error())
					}
					if ds.HasErrors() {
						e.errorf("the profile has errors; nothing was compared")
						return ExitUsage
					}
					opt.Profile = p
				}

				r := compare.Run(ctx, args, opt)
				for _, d := range r.Diags {
					fmt.Fprintln(e.stderr, d.Error())
				}
				if err := compare.Write(e.stdout, *format, r, *lang); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				compared := 0
				for _, v := range r.Vendors {
					if v.Err != nil {
						e.errorf("not compared: %v", v.Err)
					} else {
						compared++
					}
				}
				summary := fmt.Sprintf("compared %d of %d sources", compared, len(r.Vendors))
				if opt.Profile != nil {
					meet := 0
					for _, c := range r.Columns {
						if c.Pass() {
							meet++
						}
					}
					summary += fmt.Sprintf("; %d of %d products meet %s", meet, len(r.Columns), *require)
				}
				fmt.Fprintf(e.stderr, "evident: %s (as of %s)\n", summary, r.AsOf)
				if !r.Pass() {
					return ExitProblems
				}
				return ExitOK
			}
		},
	})
}

// keyFlag collects --key SOURCE=FILE.
type keyFlag map[string]string

func (k keyFlag) String() string { return "" }

func (k keyFlag) Set(s string) error {
	// A URL may hold "=" in its query; a key file's name rarely does: split at the last.
	i := strings.LastIndexByte(s, '=')
	if i <= 0 || i == len(s)-1 {
		return fmt.Errorf("want SOURCE=FILE, such as https://trust.example.com/=keys/acme.pub")
	}
	k[s[:i]] = s[i+1:]
	return nil
}

// day is the day freshness is measured from: --as-of, else SOURCE_DATE_EPOCH, else today
// (UTC). A comparison is of the sites as they are on a day, and the report says which.
func day(e *env, asOf string) (time.Time, bool) {
	if asOf != "" {
		t, err := time.Parse(time.DateOnly, asOf)
		if err != nil {
			e.errorf("--as-of %q is not a date such as 2026-11-19", asOf)
			return t, false
		}
		return t, true
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Truncate(24 * time.Hour), true
		}
	}
	return time.Now().UTC().Truncate(24 * time.Hour), true
}
