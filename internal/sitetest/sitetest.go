// Package sitetest writes the sites that tests build: txtar archives unpacked into
// folders. It is for tests only.
package sitetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Unpack writes the files of a txtar archive into a new temporary folder and returns it.
func Unpack(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		WriteFile(t, dir, f.Name, f.Data)
	}
	return dir
}

// WriteFile writes data at the slash path rel under dir, making folders as needed.
func WriteFile(t testing.TB, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// OneEvidence is the archive of the smallest site that builds: one language, the cip
// catalog, and one evidence item, content/evidence/alpha.md, whose front matter ends
// with extra (such as "[[artifacts]]\npath = \"artifacts/big.bin\"\n"). Further
// files can follow it in the archive.
func OneEvidence(extra string) string {
	return `-- evident.toml --
title = "Test site"
baseURL = "https://trust.example.com/"
languages = ["en"]
catalogs = ["cip"]
[organization]
name = "Org"
[declaration]
title = "Declaration"
version = "1"
date = 2026-11-01
-- content/evidence/alpha.md --
+++
title = "Alpha"
requirements = ["(1)-3"]
status = "implemented"
reviewed = 2026-10-01
` + extra + `+++
Alpha body.
`
}
