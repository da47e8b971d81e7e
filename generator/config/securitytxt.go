package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/node"
)

var tagRe = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)

// securityTxt reads the [securitytxt] table.
func (d *decoder) securityTxt(n *node.Node) *SecurityTxt {
	if !d.f.Table(n, "securitytxt", "acknowledgments", "contact", "encryption", "expires", "hiring", "policy",
		"preferredLanguages") {
		return nil
	}
	s := &SecurityTxt{
		Contact:            mailto(d.securityList(n.Get("contact"), "contact", contactURI)),
		PreferredLanguages: d.securityList(n.Get("preferredLanguages"), "preferredLanguages", languageTag),
		Policy:             d.securityValue(n.Get("policy"), "policy", httpsURL),
		Acknowledgments:    d.securityValue(n.Get("acknowledgments"), "acknowledgments", httpsURL),
		Hiring:             d.securityValue(n.Get("hiring"), "hiring", httpsURL),
		Encryption:         d.securityValue(n.Get("encryption"), "encryption", encryptionURI),
	}
	if e := n.Get("expires"); e != nil {
		s.Expires, _ = d.f.DateTime(e, "securitytxt.expires")
		s.ExpiresPos = e.Pos
	}
	if len(s.Contact) == 0 {
		d.f.Add(diag.Errorf(n.KeyPos, "missing-key", "[securitytxt] needs contact").
			WithHint(`add contact = ["mailto:security@example.com"] (RFC 9116 requires it)`))
	}
	if s.Expires.IsZero() {
		d.f.Add(diag.Errorf(n.KeyPos, "missing-key", "[securitytxt] needs expires").
			WithHint("add expires = 2027-11-01T00:00:00Z (RFC 9116 requires it; at most a year ahead)"))
	}
	return s
}

// CheckExpires measures Expires from the build's date, asOf: RFC 9116 wants it in the
// future and recommends at most a year ahead. Either miss is a warning at expires that
// names both dates; a zero asOf (no date known) checks nothing.
func (s *SecurityTxt) CheckExpires(asOf time.Time) diag.List {
	if asOf.IsZero() || s.Expires.IsZero() {
		return nil
	}
	exp, day := s.Expires.UTC().Format(time.DateOnly), asOf.UTC().Format(time.DateOnly)
	next := asOf.UTC().AddDate(1, 0, 0).Format(time.DateOnly) + "T00:00:00Z"
	var msg, hint string
	switch {
	case !s.Expires.After(asOf):
		msg = fmt.Sprintf("security.txt expires on %s, not after the build's date %s", exp, day)
		hint = "readers ignore an expired security.txt; set expires to a later date, at most a year ahead, such as " + next
	case s.Expires.After(asOf.AddDate(1, 0, 0)):
		msg = fmt.Sprintf("security.txt expires on %s, more than a year after the build's date %s", exp, day)
		hint = "RFC 9116 recommends at most a year ahead, so that stale contacts expire; set expires = " + next + " or earlier"
	default:
		return nil
	}
	return diag.List{{Pos: s.ExpiresPos, Severity: diag.Warning, Code: "securitytxt-expires", Message: msg, Hint: hint}}
}

// A securityRule checks one kind of security.txt value. ok is false when the value is
// wrong; then want says what it must be and hint how to write it.
type securityRule func(s string) (ok bool, want, hint string)

// securityValue reads a string that becomes one line of security.txt and checks it with
// rule. Nothing may end the line early: a newline in a value would add fields of its own
// (Contact:, Encryption:, Canonical:) to the published file.
func (d *decoder) securityValue(n *node.Node, key string, rule securityRule) string {
	s, _ := d.f.String(n, "securitytxt."+key)
	if s == "" {
		return s
	}
	if r, what := model.Unprintable(s); what != "" {
		d.f.Add(diag.Errorf(n.Pos, "bad-securitytxt", "%s %q contains %s (%U)", key, s, what, r).
			WithHint("each value is one line of /.well-known/security.txt; remove the character"))
		return s
	}
	if strings.Contains(s, " ") {
		d.f.Add(diag.Errorf(n.Pos, "bad-securitytxt", "%s %q contains a space", key, s).
			WithHint("a security.txt value is one URI or language tag; write a space in a URI as %%20"))
		return s
	}
	if ok, want, hint := rule(s); !ok {
		d.f.Add(diag.Errorf(n.Pos, "bad-securitytxt", "%s %q is not %s", key, s, want).WithHint("%s", hint))
	}
	return s
}

// securityList reads an array of securityValue strings.
func (d *decoder) securityList(n *node.Node, key string, rule securityRule) []string {
	var out []string
	for _, v := range d.f.Strings(n, "securitytxt."+key) {
		out = append(out, d.securityValue(v, key, rule))
	}
	return out
}

// contactURI: RFC 9116's Contact is a URI; evident accepts the three kinds a reader can
// use: a web page or form (https:), an e-mail address (mailto:) and a phone number (tel:).
// A bare e-mail address is accepted: mailto gives it its scheme.
func contactURI(s string) (bool, string, string) {
	u, err := url.Parse(s)
	ok := err == nil && (u.Scheme == "https" && u.Host != "" || (u.Scheme == "mailto" || u.Scheme == "tel") && u.Opaque != "") ||
		bareAddress(s)
	return ok, "an https:, mailto: or tel: URI",
		`write contact = ["mailto:security@example.com"], an https:// page or a tel: number (RFC 9116)`
}

// bareAddress reports whether s is an e-mail address alone, without a scheme or a name:
// "security@example.com", which people write where a mailto: URI is meant.
func bareAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s && !strings.Contains(s, ":")
}

// mailto writes each bare e-mail address of contacts as the mailto: URI that security.txt
// requires (RFC 9116: Contact is a URI).
func mailto(contacts []string) []string {
	for i, c := range contacts {
		if bareAddress(c) {
			contacts[i] = "mailto:" + c
		}
	}
	return contacts
}

// httpsURL: RFC 9116 requires https for every web URI of security.txt.
func httpsURL(s string) (bool, string, string) {
	return model.IsHTTPS(s), "an https URL",
		"security.txt links must use https (RFC 9116); write the full URL, such as https://www.example.com/security-policy"
}

// encryptionURI: a key at an https URL, or one found by DNS (dns:) or by its OpenPGP
// fingerprint (openpgp4fpr:), the three forms RFC 9116 shows.
func encryptionURI(s string) (bool, string, string) {
	u, err := url.Parse(s)
	ok := err == nil && (u.Scheme == "https" && u.Host != "" || (u.Scheme == "dns" || u.Scheme == "openpgp4fpr") && u.Opaque != "")
	return ok, "an https:, dns: or openpgp4fpr: URI",
		`write the URL of the public key, such as encryption = "https://www.example.com/pgp-key.txt"`
}

// languageTag: Preferred-Languages lists language tags (RFC 5646): subtags of letters and
// digits joined by "-" ("en_US" is a locale, not a tag), of known languages.
func languageTag(s string) (bool, string, string) {
	_, err := language.Parse(s)
	return err == nil && tagRe.MatchString(s), "a language tag", `write one tag per string, such as preferredLanguages = ["ja", "en"]`
}
