// Package cvss reads CVSS vectors (versions 3.0, 3.1 and 4.0) as advisories give them,
// and computes their base scores and severities with github.com/pandatix/go-cvss. An
// invalid vector is an *Error that says which part is wrong and where, so that the
// caller can point at the metric in the file.
//
// go-cvss says what is wrong but not where, and not which values are valid; Parse
// therefore reads the vector against the metric tables of metrics.go first, and hands
// go-cvss only vectors that it accepts.
package cvss

import (
	"fmt"
	"math"
	"slices"
	"strings"

	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"

	"github.com/evident-dev/evident/generator/model"
	"github.com/evident-dev/evident/generator/suggest"
)

// Error is a vector that is not valid: Msg says what is wrong (naming the valid values)
// and Offset is the byte offset in the vector of the part that is wrong (the vector's
// length for a metric that is missing).
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Parse reads a vector, "CVSS:3.1/AV:N/..." or "CVSS:4.0/AV:N/..." ("CVSS:3.0/..." too),
// and computes its score and severity. Temporal, threat, environmental and supplemental
// metrics are allowed. For 3.x the score is the base score; for 4.0 it is the score of
// the vector as written (CVSS-B, or CVSS-BT, -BE, -BTE when it gives threat or
// environmental metrics), as FIRST's calculator and JSON schema give it. An error is
// an *Error.
func Parse(vector string) (*model.CVSS, error) {
	v, err := read(vector)
	if err != nil {
		return nil, err
	}
	return &model.CVSS{Version: v.version, Vector: vector, Score: v.base, Severity: Rate(v.base)}, nil
}

// Rate is the severity of a score on the CVSS rating scale: none 0.0, low 0.1-3.9,
// medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0.
func Rate(score float64) model.Severity {
	// Scores have one decimal; compare tenths so that 6.9999999 cannot be medium.
	switch tenths := math.Round(score * 10); {
	case tenths >= 90:
		return "critical"
	case tenths >= 70:
		return "high"
	case tenths >= 40:
		return "medium"
	case tenths >= 1:
		return "low"
	}
	return "none"
}

// JSON returns the vector as FIRST's CVSS JSON schemas write it (cvss-v3.0.json,
// cvss-v3.1.json, cvss-v4.0.json): version, vectorString, baseScore, baseSeverity (upper
// case) and each metric the vector gives by the schema's name and value
// ("attackVector": "NETWORK"); for 3.x also temporalScore and temporalSeverity when the
// vector gives a temporal metric, environmentalScore and environmentalSeverity when it
// gives an environmental one. For a 3.x vector this is the object CSAF 2.0 takes as a
// score's cvss_v3 (CSAF 2.1 also takes a 4.0 one as cvss_v4). Marshalled with
// encoding/json, the map's keys are sorted, so the bytes are deterministic. An error is
// an *Error.
func JSON(vector string) (map[string]any, error) {
	v, err := read(vector)
	if err != nil {
		return nil, err
	}
	out := map[string]any{
		"version":      v.version,
		"vectorString": vector,
		"baseScore":    v.base,
		"baseSeverity": strings.ToUpper(string(Rate(v.base))),
	}
	groups := map[string]bool{}
	for _, g := range v.given {
		out[g.metric.json] = g.value.json
		groups[g.metric.group] = true
	}
	if groups["temporal"] {
		out["temporalScore"] = v.temporal
		out["temporalSeverity"] = strings.ToUpper(string(Rate(v.temporal)))
	}
	if groups["environmental"] && v.version != "4.0" {
		out["environmentalScore"] = v.environmental
		out["environmentalSeverity"] = strings.ToUpper(string(Rate(v.environmental)))
	}
	return out, nil
}

// vector is a vector read and scored.
type vector struct {
	version                       string
	given                         []given // in the order of the vector
	base, temporal, environmental float64 // temporal and environmental: 3.x only
}

// given is one metric of a vector, with the byte offset where it starts.
type given struct {
	metric *metric
	value  *value
	off    int
}

const prefix = "CVSS:"

// read checks the vector against the tables and scores it.
func read(s string) (*vector, error) {
	if !strings.HasPrefix(s, prefix) {
		msg := `a CVSS vector starts with "CVSS:3.1/" or "CVSS:4.0/"`
		if strings.HasPrefix(strings.TrimPrefix(s, "("), "AV:") {
			msg = `this looks like a CVSS 2.0 vector, which advisories do not take: give a CVSS 3.1 or 4.0 vector, starting with "CVSS:3.1/" or "CVSS:4.0/"`
		}
		return nil, &Error{0, msg}
	}
	version, rest, slash := strings.Cut(s[len(prefix):], "/")
	var table []metric
	switch version {
	case "3.0", "3.1":
		table = v3
	case "4.0":
		table = v4
	default:
		return nil, &Error{len(prefix), fmt.Sprintf(`CVSS version %q is not one evident reads: write "CVSS:3.1/" or "CVSS:4.0/" (3.0 is read too)`, version)}
	}
	v := &vector{version: version}
	if slash && rest != "" {
		off := len(prefix) + len(version) + 1
		last := -1 // v4: index in table of the previous metric
		for part := range strings.SplitSeq(rest, "/") {
			g, i, err := readMetric(table, version, part, off, len(s))
			if err != nil {
				return nil, err
			}
			for _, prev := range v.given {
				if prev.metric == g.metric {
					return nil, &Error{off, fmt.Sprintf("%s is given twice", g.metric.abbr)}
				}
			}
			if version == "4.0" && i < last {
				return nil, &Error{off, fmt.Sprintf("%s must come before %s: a CVSS 4.0 vector gives its metrics in the order of the specification (%s)",
					g.metric.abbr, table[last].abbr, abbrs(table, false))}
			}
			last = i
			v.given = append(v.given, g)
			off += len(part) + 1
		}
	}
	var missing []string
	for i := range table {
		if table[i].required && !slices.ContainsFunc(v.given, func(g given) bool { return g.metric == &table[i] }) {
			missing = append(missing, table[i].abbr)
		}
	}
	if len(missing) > 0 {
		word := "metric"
		if len(missing) > 1 {
			word = "metrics"
		}
		return nil, &Error{len(s), fmt.Sprintf("missing base %s %s: a CVSS %s vector gives %s",
			word, strings.Join(missing, ", "), version, abbrs(table, true))}
	}
	if err := v.score(s); err != nil {
		// The tables accept what go-cvss refuses: a bug of ours, said as plainly as we can.
		return nil, &Error{0, fmt.Sprintf("cannot score the vector: %v", err)}
	}
	return v, nil
}

// readMetric reads the part "AV:N" of a vector, which starts at the byte offset off of a
// vector of length n, and returns it with its index in table.
func readMetric(table []metric, version, part string, off, n int) (given, int, error) {
	if part == "" {
		if off >= n {
			return given{}, 0, &Error{off - 1, `the vector ends with "/": remove it`}
		}
		return given{}, 0, &Error{off, `empty metric between two "/": remove one`}
	}
	abbr, val, colon := strings.Cut(part, ":")
	i := slices.IndexFunc(table, func(m metric) bool { return m.abbr == abbr })
	if i < 0 {
		msg := fmt.Sprintf("unknown metric %q in a CVSS %s vector", abbr, version)
		if near := suggest.Nearest(abbr, abbrList(table)); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return given{}, 0, &Error{off, msg + "; the metrics are " + abbrs(table, false)}
	}
	m := &table[i]
	if !colon || val == "" {
		return given{}, 0, &Error{off, fmt.Sprintf("%s (%s) has no value: write %s:<value>, one of %s", abbr, m.name, abbr, codes(m))}
	}
	j := slices.IndexFunc(m.values, func(v value) bool { return v.code == val })
	if j < 0 {
		return given{}, 0, &Error{off + len(abbr) + 1, fmt.Sprintf("%s (%s) cannot be %q: it is one of %s", abbr, m.name, val, codes(m))}
	}
	return given{m, &m.values[j], off}, i, nil
}

// score computes the scores with go-cvss.
func (v *vector) score(s string) error {
	switch v.version {
	case "3.0":
		c, err := gocvss30.ParseVector(s)
		if err != nil {
			return err
		}
		v.base, v.temporal, v.environmental = c.BaseScore(), c.TemporalScore(), c.EnvironmentalScore()
	case "3.1":
		c, err := gocvss31.ParseVector(s)
		if err != nil {
			return err
		}
		v.base, v.temporal, v.environmental = c.BaseScore(), c.TemporalScore(), c.EnvironmentalScore()
	default:
		c, err := gocvss40.ParseVector(s)
		if err != nil {
			return err
		}
		v.base = c.Score()
	}
	return nil
}

func abbrList(table []metric) []string {
	out := make([]string, len(table))
	for i, m := range table {
		out[i] = m.abbr
	}
	return out
}

// abbrs lists the metrics of a table, only the required ones when base is true.
func abbrs(table []metric, base bool) string {
	var out []string
	for _, m := range table {
		if m.required || !base {
			out = append(out, m.abbr)
		}
	}
	return strings.Join(out, ", ")
}

// codes lists a metric's values, each with its meaning: "N (network), A (adjacent network)".
func codes(m *metric) string {
	out := make([]string, len(m.values))
	for i, v := range m.values {
		out[i] = v.code + " (" + strings.ToLower(strings.ReplaceAll(v.json, "_", " ")) + ")"
	}
	return strings.Join(out, ", ")
}
