package config

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/evident-dev/evident/generator/model"
)

// BaseURL checks the URL a site is published at, as evident.toml's baseURL or build's
// --baseURL gives it, and returns it with a final slash. It must be an absolute http or
// https URL with a host, without a query or a fragment (every URL of the site starts
// with it), and without a space or a character that could end a line: it is written into
// security.txt (Canonical:), the feeds and the sitemap, so "javascript:alert(1)//" or a
// URL with a newline and a field of its own would be published as they are.
func BaseURL(s string) (string, error) {
	if r, what := model.Unprintable(s); what != "" {
		return s, fmt.Errorf("%q contains %s (%U)", s, what, r)
	}
	if strings.Contains(s, " ") {
		return s, fmt.Errorf("%q contains a space", s)
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || u.Opaque != "" {
		return s, fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#") {
		return s, fmt.Errorf("%q has a query or a fragment, which every URL of the site would carry", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
