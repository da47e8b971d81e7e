package compare

import (
	"strconv"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/published"
)

// view is a Report in one language, as the HTML and Markdown forms show it: every
// sentence made, every vendor text picked in the language. Strings are as the vendor wrote
// them; each form escapes them its own way.
type view struct {
	Lang      string
	Title     string
	AsOf      string
	Profile   string // "Requirements: profile.toml", or ""
	Sources   []sourceView
	Rules     []string
	Columns   []columnView
	Head      []headView
	Groups    []groupView
	Statuses  []statusView // the legend
	Footer    string
	NoColumns string // said when nothing could be compared
	Skip      string
	Span      int               // columns of the matrix
	Words     map[string]string // headings and captions, by the key the template uses
}

// viewWords are the fixed words a form looks up by name: template key -> words key.
var viewWords = map[string]string{
	"sources": "sources", "vendor": "col vendor", "verify": "col verify", "decl": "col decl", "fresh": "col fresh",
	"profile": "profile", "check": "col check", "result": "col result", "detail": "col detail", "matrix": "matrix",
	"legend": "legend", "caption": "caption", "req": "col req", "customer": "customer", "notcompared": "not compared",
}

// text is a vendor's text with the language it is in, when that is not the page's.
type text struct{ S, Lang string }

type statusView struct {
	Class, Sym, Word string
}

type sourceView struct {
	Name   text
	Site   string // the site's base URL, when it can be a link
	Source string
	OK     bool
	Verify statusView // verified, or why not
	Detail string     // what verification checked, or what went wrong
	Decl   string
	Fresh  []string
}

type columnView struct {
	ID      string // anchor
	Vendor  text
	Product text
	Pass    bool
	Verdict statusView
	Summary string
	Checks  []checkView
}

type checkView struct {
	Subject string
	Title   text
	Detail  string
	Pass    bool
	Result  statusView
	URL     string
}

type headView struct {
	Vendor, Product text
	Anchor          string // the column's profile section, with a profile
}

type groupView struct {
	Cat      rowView
	Rows     []rowView
	Customer bool
}

type rowView struct {
	ID, Slug   string
	Title      text
	Individual bool
	Cells      []cellView
}

type cellView struct {
	Status statusView // Class "" when the declaration lacks the item
	URL    string
}

func pick(lang string, t model.Text) text {
	s, in := t.Lookup(lang)
	if in == lang || in == "*" {
		in = ""
	}
	return text{s, in}
}

func statusOf(lang string, s model.Status) statusView {
	if s == "" {
		return statusView{Word: say(lang, "not in decl"), Sym: "—"}
	}
	l := model.StatusLabels[s]
	return statusView{Class: "status-" + string(s), Sym: l.Symbol, Word: l.Word.In(lang)}
}

// verdict shows a pass or a failure as a status is shown: symbol, word and colour.
func verdict(pass bool, yes, no string) statusView {
	if pass {
		return statusView{Class: "status-" + string(model.Implemented), Sym: model.StatusLabels[model.Implemented].Symbol, Word: yes}
	}
	return statusView{Class: "status-" + string(model.NotAddressed), Sym: model.StatusLabels[model.NotAddressed].Symbol, Word: no}
}

func newView(r *Report, lang string) *view {
	v := &view{Lang: lang, Title: say(lang, "title"), AsOf: say(lang, "as of", r.AsOf),
		Footer: say(lang, "footer", r.Generator), Skip: say(lang, "skip"), Span: 1 + len(r.Columns), Words: map[string]string{}}
	for k, w := range viewWords {
		v.Words[k] = say(lang, w)
	}
	if r.Profile != nil {
		v.Profile = say(lang, "profile of", r.Profile.File)
		v.Rules = rules(lang, r.Profile, r.AsOf)
	}
	for _, s := range model.Statuses {
		v.Statuses = append(v.Statuses, statusOf(lang, s))
	}
	for _, vd := range r.Vendors {
		v.Sources = append(v.Sources, sourceOf(lang, r, vd))
	}
	for i, c := range r.Columns {
		v.Head = append(v.Head, headView{Vendor: pick(lang, c.Vendor.Name()), Product: text{S: productName(lang, c)}})
		if c.Product != nil {
			v.Head[i].Product = pick(lang, c.Product.Name)
		}
		if r.Profile == nil {
			continue
		}
		cv := columnView{ID: "p-" + strconv.Itoa(i+1), Vendor: v.Head[i].Vendor, Product: v.Head[i].Product, Pass: c.Pass(),
			Verdict: verdict(c.Pass(), say(lang, "meets"), say(lang, "fails"))}
		v.Head[i].Anchor = cv.ID
		cv.Summary = say(lang, "passed all", len(c.Checks))
		if !cv.Pass {
			cv.Summary = say(lang, "failed of", c.Failed(), len(c.Checks))
		}
		for _, k := range c.Checks {
			subject, detail := describe(lang, c, k)
			cv.Checks = append(cv.Checks, checkView{Subject: subject, Title: pick(lang, k.Title), Detail: detail, Pass: k.Pass,
				Result: verdict(k.Pass, say(lang, "pass"), say(lang, "fail")), URL: k.URL.In(lang)})
		}
		v.Columns = append(v.Columns, cv)
	}
	if len(r.Columns) == 0 {
		v.NoColumns = say(lang, "no sources")
	}
	var g *groupView
	for _, row := range r.Rows {
		rv := rowView{ID: row.ID, Slug: row.Slug, Title: pick(lang, row.Title), Individual: row.Level == catalog.Individual}
		for _, c := range row.Cells {
			rv.Cells = append(rv.Cells, cellView{Status: statusOf(lang, c.Status), URL: c.URL.In(lang)})
		}
		if row.Level == catalog.Category {
			v.Groups = append(v.Groups, groupView{Cat: rv, Customer: row.Customer})
			g = &v.Groups[len(v.Groups)-1]
			continue
		}
		if g != nil {
			g.Rows = append(g.Rows, rv)
		}
	}
	return v
}

func sourceOf(lang string, r *Report, vd *Vendor) sourceView {
	s := sourceView{Source: vd.Source, OK: vd.Err == nil}
	if vd.Err != nil {
		why, detail := reason(lang, vd.Err)
		s.Verify, s.Detail = verdict(false, "", why), detail
		return s
	}
	m := vd.Decl.Model
	s.Name, s.Site = pick(lang, vd.Name()), published.Link(m.BaseURL)
	switch {
	case vd.Decl.Verified():
		s.Verify = verdict(true, say(lang, "verified"), "")
		s.Detail = say(lang, "digests", vd.Decl.Report.Checked)
		if vd.Decl.Signed() {
			s.Detail += "; " + say(lang, "signed")
		}
	default:
		na := model.StatusLabels[model.NotApplicable]
		s.Verify = statusView{Class: "status-" + string(model.NotApplicable), Sym: na.Symbol, Word: say(lang, "unverified")}
	}
	s.Decl = say(lang, "decl", m.Declaration.Version, m.Declaration.Date)
	f := vd.Fresh
	switch {
	case f.Months == 1:
		s.Fresh = append(s.Fresh, say(lang, "month ago", f.Months))
	case f.Months >= 0:
		s.Fresh = append(s.Fresh, say(lang, "months ago", f.Months))
	}
	if f.Newest != "" {
		s.Fresh = append(s.Fresh, say(lang, "reviews", f.Evidence, f.Oldest, f.Newest))
	} else {
		s.Fresh = append(s.Fresh, say(lang, "no reviews", f.Evidence))
	}
	if f.Stale > 0 {
		s.Fresh = append(s.Fresh, say(lang, "stale", f.Stale))
	}
	if f.Unreviewed > 0 {
		s.Fresh = append(s.Fresh, say(lang, "unreviewed", f.Unreviewed))
	}
	return s
}
