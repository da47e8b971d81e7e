package config

import "testing"

// TestBaseURL: one rule for a base URL from evident.toml or from the command line: an
// absolute http(s) URL, nothing that could end a line of security.txt, a feed or a sitemap.
func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://trust.example.com":         "https://trust.example.com/",
		"https://trust.example.com/":        "https://trust.example.com/",
		"http://localhost:1313/trust":       "http://localhost:1313/trust/",
		"https://example.com/a%20b/":        "https://example.com/a%20b/",
		"https://例え.jp/trust/":              "https://例え.jp/trust/",
		"HTTPS://trust.example.com/center/": "HTTPS://trust.example.com/center/",
	} {
		if got, err := BaseURL(in); err != nil || got != want {
			t.Errorf("BaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"javascript:alert(1)//":                   `"javascript:alert(1)//" is not an absolute http(s) URL`,
		"trust.example.com":                       `"trust.example.com" is not an absolute http(s) URL`,
		"https:///x":                              `"https:///x" is not an absolute http(s) URL`,
		"ftp://example.com/":                      `"ftp://example.com/" is not an absolute http(s) URL`,
		"https://example.com/\nContact: mailto:x": `"https://example.com/\nContact: mailto:x" contains a control character (U+000A)`,
		"https://example.com/\u202egpj.exe":       `"https://example.com/\u202egpj.exe" contains a bidirectional control character (U+202E)`,
		"https://example.com/?utm=1":              `"https://example.com/?utm=1" has a query or a fragment, which every URL of the site would carry`,
		"https://example.com/#top":                `"https://example.com/#top" has a query or a fragment, which every URL of the site would carry`,
		"https://example.com/ x":                  `"https://example.com/ x" contains a space`,
		"":                                        `"" is not an absolute http(s) URL`,
	} {
		if got, err := BaseURL(in); err == nil || err.Error() != want {
			t.Errorf("BaseURL(%q) = %q, %v; want the error %s", in, got, err, want)
		}
	}
	_, ds := Parse([]byte("title = \"t\"\nbaseURL = \"javascript:alert(1)//\"\n"))
	if len(ds) != 1 || ds[0].Pos.String() != "evident.toml:2:11" || ds[0].Message != `baseURL "javascript:alert(1)//" is not an absolute http(s) URL` || ds[0].Hint == "" {
		t.Errorf("baseURL in evident.toml: %v", ds)
	}
}
