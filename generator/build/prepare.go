package build

import (
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/site"
)

// Prepare turns a check result without errors into what the renderer needs: the
// declaration model (artifacts digested) and the files published as they are. The
// build and the preview server share it, so that both render the same site.
func Prepare(res *check.Result, generator string) (site.Input, error) {
	return prepare(res, generator, true)
}

func prepare(res *check.Result, generator string, digests bool) (site.Input, error) {
	m, err := declaration(res, generator, digests)
	if err != nil {
		return site.Input{}, err
	}
	return site.Input{Root: res.Root, Model: m, Hugo: res.Config.Hugo, Files: staticFiles(res, m)}, nil
}
