package compare

import (
	"cmp"
	"encoding/csv"
	"io"

	"github.com/evident-dev/evident/generator/published"
)

// csvHeader names the columns of the CSV form.
var csvHeader = []string{"source", "vendor", "product", "verification", "id", "level", "title", "status", "url", "profile", "detail"}

// writeCSV writes one row per source, product and requirement of the guideline, for a
// spreadsheet to filter and pivot: status is the status's name ("implemented"; empty when
// the declaration lacks the item), profile is pass or fail for a requirement the profile
// names. The profile's other checks of a product follow its requirements, one row each,
// with the check's kind as level (product, sbom, freshness, stale), what it checked as id
// and title (a release's version, an evidence item's slug), the release's status for an
// SBOM, and what was found in detail, as the other forms say it. A source that was not
// compared is one row, with why in verification. Texts are in lang where the vendor has
// them; the file is RFC 4180 (CRLF), and no cell is a formula.
func writeCSV(w io.Writer, r *Report, lang string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	write := func(rec ...string) {
		for i := range rec {
			rec[i] = published.Cell(rec[i])
		}
		cw.Write(rec)
	}
	write(csvHeader...)
	for _, v := range r.Vendors {
		if v.Err != nil {
			why, detail := reason(lang, v.Err)
			write(v.Source, "", "", string(v.Err.Reason)+": "+why+": "+detail, "", "", "", "", "", "", "")
			continue
		}
		verification := "not-verified"
		switch {
		case v.Decl.Signed():
			verification = "verified, signed"
		case v.Decl.Verified():
			verification = "verified"
		}
		for i, c := range r.Columns {
			if c.Vendor != v {
				continue
			}
			product := c.Wanted
			if c.Product != nil {
				product = c.Product.ID
			}
			results := map[string]string{}
			for _, k := range c.Checks {
				if k.Rule == RuleRequirement {
					results[k.ID] = passFail(k.Pass)
				}
			}
			for _, row := range r.Rows {
				cell := row.Cells[i]
				write(v.Source, v.Name().In(lang), product, verification, row.ID, row.Level.Key(),
					row.Title.In(lang), string(cell.Status), cell.URL.In(lang), results[row.ID], "")
			}
			for _, k := range c.Checks {
				if k.Rule == RuleRequirement {
					continue
				}
				subject, detail := describe(lang, c, k)
				title := cmp.Or(k.Title.In(lang), subject)
				write(v.Source, v.Name().In(lang), product, verification, k.ID, string(k.Rule),
					title, string(k.Release), k.URL.In(lang), passFail(k.Pass), detail)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// passFail is a check's result as the CSV form writes it.
func passFail(pass bool) string {
	if pass {
		return "pass"
	}
	return "fail"
}
