// Package themes embeds evident's Hugo theme so the binary needs nothing else
// on disk. A site can still override any layout the Hugo way, by placing a file
// with the same name under its own layouts/ folder.
package themes

import "embed"

// FS holds the theme: FS.ReadDir("evident") lists its top-level folders
// (layouts, i18n, assets).
//
//go:embed all:evident
var FS embed.FS
