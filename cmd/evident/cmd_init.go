package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
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
				if err := initSite(dir, *org, time.Now()); err != nil {
					e.errorf("%v", err)
					return ExitProblems
				}
				fmt.Fprintf(e.stdout, "created a site in %s\nnext: evident check %s, then evident serve %s\n", dir, dir, dir)
				return ExitOK
			}
		},
	})
}

// initSite writes the starter files; it never overwrites a file.
func initSite(dir, org string, today time.Time) error {
	date := today.Format(time.DateOnly)
	files := map[string]string{
		"evident.toml": fmt.Sprintf(`# evident site configuration: https://github.com/evident-dev/evident
title = { ja = "%[1]s トラストセンター", en = "%[1]s Trust Center" }
baseURL = "https://trust.example.com/"
languages = ["ja", "en"]          # the first is the default language
catalogs = ["cip", "ssdf"]        # add "catalogs/cip-extra.toml" to extend the guideline's catalog
reviewDays = 365                  # evidence reviewed longer ago than this is stale

[organization]
name = %[2]q
url = "https://www.example.com/"
contact = "security@example.com"

[declaration]
title = { ja = "サイバーインフラ事業者ガイドライン 自己適合宣言", en = "Self-declaration under the Guidelines on the Roles Expected of Cyber Infrastructure Providers" }
version = "%[3]s.1"
date = %[4]s
scope = { ja = "（宣言の対象となる製品・サービスと活動）", en = "(the products, services and activities this declaration covers)" }

[[products]]
id = "example-product"
name = "Example Product"
`, strings.TrimSuffix(org, "株式会社"), org, today.Format("2006"), date),
		"content/evidence/secure-build.md": fmt.Sprintf(`+++
title = "セキュアなビルド"
requirements = ["(1)-2", "S(1)-2.2"]
status = "planned"
products = ["example-product"]
reviewed = %s
owner = "製品セキュリティ担当"
+++
ここに、この要求事項への取り組みを書きます。何をしているか、どこで確認できるかを具体的に。
`, date),
		"content/evidence/secure-build.en.md": `+++
title = "Secure builds"
+++
Write here what you do for this requirement: what is in place, and where a customer can see it.
`,
		"catalogs/cip-extra.toml": `# Extends the built-in guideline catalog with individual requirements from the official
# text that evident's catalog does not list. Add this file to catalogs in evident.toml:
#   catalogs = ["cip", "catalogs/cip-extra.toml", "ssdf"]
# then add items such as:
#
# [[items]]
# id = "S(1)-1.1"
# parent = "(1)-1"
# title = { ja = "（公式の名称）", en = "(official title, in English)" }
extends = "cip"
`,
	}
	names := []string{"evident.toml", "content/evidence/secure-build.md", "content/evidence/secure-build.en.md", "catalogs/cip-extra.toml"}
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s already exists; evident init never overwrites a file", filepath.Join(dir, name))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}
