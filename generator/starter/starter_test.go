package starter

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evident-dev/evident/generator/config"
	"github.com/evident-dev/evident/generator/evidence"
)

var today = time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)

// TestWrite: the starter's files, filled with the organisation and the day.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Org: "ACME株式会社", Today: today}); err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	want := []string{"catalogs/cip-extra.toml", "content/evidence/secure-build.en.md", "content/evidence/secure-build.md",
		"content/products/example-product/releases/1.0.0.en.md", "content/products/example-product/releases/1.0.0.md",
		"evident.toml", "sbom/example-product-1.0.0.cdx.json"}
	if !slices.Equal(got, want) {
		t.Fatalf("files = %q, want %q", got, want)
	}
	toml := read(t, dir, "evident.toml")
	for _, line := range []string{
		`title = { ja = "ACME トラストセンター", en = "ACME Trust Center" }`,
		`name = { ja = "ACME株式会社", en = "ACME" }   # the English name: correct it`, // never Japanese under "en"
		`version = "2026.1"`,
		`date = 2026-11-19`,
		// signing, documented and off: the stanza to uncomment, with the commands CI runs
		`# [signature]`,
		`# publicKey = "keys/release.pub"`,
		`#        ssh-keygen -Y sign -f release -n file public/SHA256SUMS     # writes public/SHA256SUMS.sig`,
	} {
		if !strings.Contains(toml, "\n"+line+"\n") {
			t.Errorf("evident.toml lacks the line %s:\n%s", line, toml)
		}
	}
	if md := read(t, dir, "content/products/example-product/releases/1.0.0.md"); !strings.Contains(md, "\ndate = 2026-11-19 ") {
		t.Errorf("the example release lacks its date:\n%s", md)
	}
	if md := read(t, dir, "content/evidence/secure-build.md"); !strings.Contains(md, "\nreviewed = 2026-11-19\n") {
		t.Errorf("secure-build.md lacks its review date:\n%s", md)
	}
	for _, name := range []string{"content/evidence/secure-build.md", "content/evidence/secure-build.en.md"} {
		if _, ds := evidence.Parse(name, []byte(read(t, dir, name))); ds.HasErrors() {
			t.Errorf("%s: %v", name, ds)
		}
	}
}

// TestWriteQuotesOrg: whatever the organisation's name holds, evident.toml is valid
// and says the name. (A name with a quote once made evident.toml a syntax error.)
func TestWriteQuotesOrg(t *testing.T) {
	for _, org := range []string{
		`Foo "Bar" Inc`, `Back\slash K.K.`, "Tab\tand\nnewline", "bell\x07 and del\x7f", "not utf-8 \xff", `"株式会社`,
	} {
		dir := t.TempDir()
		if err := Write(dir, Options{Org: org, Today: today}); err != nil {
			t.Fatal(err)
		}
		cfg, ds := config.Parse([]byte(read(t, dir, "evident.toml")))
		if ds.HasErrors() {
			t.Errorf("org %q: evident.toml does not parse: %v", org, ds)
			continue
		}
		want := strings.ToValidUTF8(org, "\uFFFD")
		if name := cfg.Resolve(cfg.Organization.Name); !slices.Contains(mapValues(name), want) {
			t.Errorf("org %q: the organisation's name is %q", org, name)
		}
		if title := cfg.Resolve(cfg.Title); !slices.Contains(mapValues(title), strings.TrimSuffix(want, "株式会社")+" Trust Center") {
			t.Errorf("org %q: the title is %q", org, title)
		}
	}
}

// TestWriteNeverOverwrites: when a starter file exists, even as a dangling symlink,
// nothing is written and the error names it.
func TestWriteNeverOverwrites(t *testing.T) {
	for _, existing := range []string{"evident.toml", "content/evidence/secure-build.md", "catalogs/cip-extra.toml"} {
		dir := t.TempDir()
		p := filepath.Join(dir, filepath.FromSlash(existing))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(t.TempDir(), "elsewhere"), p); err != nil {
			t.Fatal(err)
		}
		err := Write(dir, Options{Org: "ACME", Today: today})
		if err == nil || !strings.Contains(err.Error(), p+" already exists") {
			t.Errorf("with %s in place: err = %v, want it named", existing, err)
		}
		n := 0
		filepath.WalkDir(dir, func(_ string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				n++
			}
			return err
		})
		if n != 1 {
			t.Errorf("with %s in place: %d files in the folder, want only it", existing, n)
		}
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mapValues[M ~map[K]V, K comparable, V any](m M) []V {
	var out []V
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
