package site

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteSource writes the Hugo project that evident renders into dir: the generated files
// (hugo.toml, data/evident.json, generated pages, the theme) and the site's own Hugo
// folders. Plain Hugo run on dir renders the same pages; the benchmarks use it to measure
// what evident's own steps cost.
func WriteSource(in Input, dir string) error {
	gen, err := in.generated()
	if err != nil {
		return err
	}
	if err := writeGenerated(dir, gen); err != nil {
		return err
	}
	for _, top := range hugoDirs {
		src := filepath.Join(in.Root, top)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(in.Root, p)
			if _, ok := gen[filepath.ToSlash(rel)]; ok {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return writeFile(filepath.Join(dir, rel), b)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func writeFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}
