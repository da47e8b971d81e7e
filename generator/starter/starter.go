// Package starter owns the site that `evident init` writes: the files under files/,
// embedded, each a text/template filled with the organisation's name and the day.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"
)

//go:embed files
var files embed.FS

// Options say whose site the starter is.
type Options struct {
	Org   string    // the organisation's name, as in evident.toml's [organization]
	Today time.Time // the declaration's date and the evidence's review date
}

// data is what the templates see.
type data struct {
	Org   string // the organisation's name
	Short string // the name without a trailing 株式会社, for the site's title
	Year  string // the declaration's version starts with it
	Date  string // a TOML date: 2026-11-19
}

// Write writes the starter site into dir, creating the folders it needs. It never
// overwrites a file: when one of the starter's files exists already, it writes
// nothing and says which.
func Write(dir string, opt Options) error {
	out, err := render(opt)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	// The configuration first: when it exists, there is a site already.
	slices.SortFunc(names, func(a, b string) int {
		if (a == "evident.toml") != (b == "evident.toml") {
			if a == "evident.toml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s already exists; evident init never overwrites a file", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := create(p, out[name]); err != nil {
			return err
		}
	}
	return nil
}

// create writes a new file, and fails when one appeared since Write looked.
func create(p string, b []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return errors.Join(err, f.Close())
}

// render fills every template of files/, by slash path relative to it.
func render(opt Options) (map[string][]byte, error) {
	d := data{
		Org:   opt.Org,
		Short: strings.TrimSuffix(opt.Org, "株式会社"),
		Year:  opt.Today.Format("2006"),
		Date:  opt.Today.Format(time.DateOnly),
	}
	funcs := template.FuncMap{"toml": tomlString}
	out := map[string][]byte{}
	err := fs.WalkDir(files, "files", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "files/")
		t, err := template.New(path.Base(name)).Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return err
		}
		out[name] = b.Bytes()
		return nil
	})
	return out, err
}

// tomlString quotes s as a TOML basic string, whatever it holds: quotes, backslashes
// and control characters are escaped, and bytes that are not UTF-8 become U+FFFD.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
