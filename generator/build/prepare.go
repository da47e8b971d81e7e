package build

import (
	"bytes"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/site"
)

// Prepare turns a check result without errors into what the renderer needs: the
// declaration model (artifacts digested) and the files published as they are. The
// build and the preview server share it, so that both render the same site.
func Prepare(res *check.Result, generator string) (site.Input, error) {
	m, err := Model(res, generator)
	if err != nil {
		return site.Input{}, err
	}
	static, err := staticFiles(res, m)
	if err != nil {
		return site.Input{}, err
	}
	return site.Input{Root: res.Root, Model: m, Hugo: res.Config.Hugo, Files: static, Pages: standIns(res)}, nil
}

// standIns returns, for evidence that has no translation in a language of the site, a
// page in that language with the original's title and statement, marked untranslated:
// every evidence URL exists in every language, and the reader is told why the text is
// in another language.
func standIns(res *check.Result) map[string][]byte {
	langs := res.Config.Languages
	pages := map[string][]byte{}
	for _, e := range res.Evidence {
		f := e.File
		base := strings.TrimSuffix(f.Path, ".md")
		if f.Lang != "" {
			base = strings.TrimSuffix(base, "."+f.Lang)
		}
		for _, lang := range langs[1:] {
			if _, ok := e.Translations[lang]; ok {
				continue
			}
			var b bytes.Buffer
			b.WriteString("+++\n")
			toml.NewEncoder(&b).Encode(map[string]any{
				"title":  f.Title.Value,
				"params": map[string]any{"untranslated": langs[0]},
			})
			b.WriteString("+++\n")
			b.WriteString(f.Body)
			pages[base+"."+lang+".md"] = b.Bytes()
		}
	}
	return pages
}
