package node

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFields(t *testing.T) {
	doc := `title = { ja = "題", en = "Title", de = "Titel" }
one = "one string"
date = 2026-10-01
when = "2026-10-02"
bad = "2026-13-01"
flag = true
tags = ["a", 2, "c"]
n = 7

[[items]]
id = "x"
parnet = "y"
`
	root, diags := ParseTOML("c.toml", []byte(doc))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	f := &Fields{TypeCode: "schema"}
	var got []string
	if !f.Table(root, "", "title", "one", "date", "when", "bad", "flag", "tags", "items", "m") {
		t.Error("root is not a table")
	}
	text := f.Text(root.Get("title"), "title", "ja", "en")
	f.Text(root.Get("one"), "one", "ja", "en")
	any := f.Text(root.Get("title"), "title")
	d1, ok1 := f.Date(root.Get("date"), "date")
	d2, ok2 := f.Date(root.Get("when"), "when")
	_, ok3 := f.Date(root.Get("bad"), "bad")
	b, okb := f.Bool(root.Get("flag"), "flag")
	f.Bool(root.Get("n"), "n")
	for _, s := range f.Strings(root.Get("tags"), "tags") {
		got = append(got, s.Str)
	}
	f.Strings(root.Get("n"), "n")
	items := f.Tables(root.Get("items"), "items")
	f.Tables(root.Get("tags"), "tags")
	for _, it := range items {
		f.Table(it, "items", "id", "parent")
	}
	s, okMissing := f.String(root.Get("missing"), "missing")

	if want := map[string]string{"ja": "題", "en": "Title"}; !cmp.Equal(text, want) {
		t.Errorf("Text = %v, want %v", text, want)
	}
	if len(any) != 3 {
		t.Errorf("Text without languages = %v, want all three", any)
	}
	if !ok1 || !ok2 || ok3 || !d1.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) || d2.Day() != 2 {
		t.Errorf("Date: %v %v %v %v %v", d1, ok1, d2, ok2, ok3)
	}
	if !b || !okb || s != "" || okMissing || !cmp.Equal(got, []string{"a", "c"}) || len(items) != 1 {
		t.Errorf("Bool %v %v, String %q %v, Strings %q, Tables %d", b, okb, s, okMissing, got, len(items))
	}
	var lines []string
	for _, d := range f.Diags {
		lines = append(lines, fmt.Sprintf("%d:%d %s %s | %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message, d.Hint))
	}
	want := []string{
		`8:1 unknown-key unknown key "n"; did you mean "m"? | the keys here are title, one, date, when, bad, flag, tags, items, m`,
		`1:35 unknown-key unknown key "title.de" | the keys here are ja, en`,
		`2:7 schema one must give each language, not one string | write one = { ja = "…", en = "…" }`,
		`5:7 schema bad must be a date, not "2026-13-01" | write the date alone as YYYY-MM-DD: bad = 2026-10-01`,
		`8:5 schema n must be true or false, not an integer | `,
		`7:14 schema tags must hold strings, not an integer | `,
		`8:5 schema n must be an array of strings, not an integer | `,
		`7:9 schema tags must hold tables, not a string | `,
		`7:14 schema tags must hold tables, not an integer | `,
		`7:17 schema tags must hold tables, not a string | `,
		`12:1 unknown-key unknown key "items.parnet"; did you mean "items.parent"? | the keys here are id, parent`,
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestFieldsYAMLWords(t *testing.T) {
	root, diags := ParseYAML("x.md", []byte("artifacts: 3\ntags: {a: 1}\ntitle: one\nreviewed: 2026\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	f := &Fields{}
	f.Tables(root.Get("artifacts"), "artifacts")
	f.Strings(root.Get("tags"), "tags")
	f.Table(root.Get("artifacts"), "artifacts")
	f.Text(root.Get("title"), "title")
	f.Date(root.Get("reviewed"), "reviewed")
	var got []string
	for _, d := range f.Diags {
		got = append(got, d.Code+" "+d.Message+" | "+d.Hint)
	}
	want := []string{
		"bad-type artifacts must be a list of maps, not an integer | ",
		"bad-type tags must be a list of strings, not a map | ",
		"bad-type artifacts must be a map, not an integer | ",
		`bad-type title must give each language, not one string | write title: { ja: "…", en: "…" }`,
		"bad-date reviewed must be a date, not an integer | write the date alone as YYYY-MM-DD: reviewed: 2026-10-01",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if strings.Contains(strings.Join(got, ""), "table") {
		t.Error("YAML messages speak of tables")
	}
}

// TestFieldsDefaults: the codes and hints of a decoder that sets no TypeCode, its own
// hints by key, integers, dates with a time, and tables that take any key.
func TestFieldsDefaults(t *testing.T) {
	root, diags := ParseTOML("evident.toml", []byte(`days = 30
weeks = "two"
expires = 2027-11-01T09:00:00+09:00
day = 2027-11-01
local = 2027-11-01T09:00:00
langs = ["ja", 1]
any = { whatever = 1, goes = 2 }
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	f := &Fields{Hints: map[string]string{"weeks": "write weeks = 2", "langs": `write langs = ["ja"]`, "local": "not used"}}
	days, okDays := f.Int(root.Get("days"), "days")
	f.Int(root.Get("weeks"), "weeks")
	expires, okExpires := f.DateTime(root.Get("expires"), "expires")
	day, okDay := f.DateTime(root.Get("day"), "day")
	f.DateTime(root.Get("local"), "local")
	f.Strings(root.Get("langs"), "langs")
	okAny := f.Table(root.Get("any"), "any")

	if days != 30 || !okDays || !okAny {
		t.Errorf("Int = %d %v, Table without keys = %v", days, okDays, okAny)
	}
	if !okExpires || !expires.Equal(time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)) || expires.Location() != time.UTC {
		t.Errorf("DateTime = %v %v, want midnight UTC", expires, okExpires)
	}
	if !okDay || !day.Equal(time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("DateTime of a date = %v %v", day, okDay)
	}
	var got []string
	for _, d := range f.Diags {
		got = append(got, fmt.Sprintf("%d:%d %s %s | %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message, d.Hint))
	}
	want := []string{
		`2:9 bad-type weeks must be an integer, not a string | write weeks = 2`,
		`5:9 bad-date local must be a date and time, not a local date-time | write it with its offset: local = 2027-11-01T00:00:00Z`,
		`6:16 bad-type langs must hold strings, not an integer | write langs = ["ja"]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
