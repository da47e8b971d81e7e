package cvss

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/evident-dev/evident/generator/model"
)

// Published base scores. v3.x: FIRST, "Common Vulnerability Scoring System v3.1:
// Examples" (https://www.first.org/cvss/v3-1/examples; the same examples with the same
// scores as its v3.0 edition), and NVD. v4.0: FIRST's CVSS v4.0 calculator
// (https://www.first.org/cvss/calculator/4-0, source github.com/RedHatProductSecurity/cvss-v4-calculator)
// as recorded in Red Hat's cvss library tests (tests/vectors_simple4, tests/vectors_threat4).
var published = []struct {
	source, vector string
	score          float64
	severity       model.Severity
}{
	{"FIRST v3.1 examples: CVE-2013-1937 phpMyAdmin reflected XSS", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"},
	{"FIRST v3.1 examples: CVE-2013-0375 MySQL stored SQL injection", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, "medium"},
	{"FIRST v3.1 examples: CVE-2014-3566 SSLv3 POODLE", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, "low"},
	{"FIRST v3.1 examples: CVE-2012-1516 VMware guest to host escape", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "critical"},
	{"FIRST v3.1 examples: CVE-2009-0783 Apache Tomcat XML parser", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, "medium"},
	{"FIRST v3.1 examples: CVE-2012-0384 Cisco IOS command execution", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "high"},
	{"FIRST v3.1 examples: CVE-2015-1098 Apple iWork denial of service", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, "high"},
	{"FIRST v3.1 examples: CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"},
	{"FIRST v3.1 examples: CVE-2014-6271 GNU Bash Shellshock", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"},
	{"FIRST v3.1 examples: CVE-2008-1447 DNS Kaminsky bug", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, "medium"},
	{"FIRST v3.1 examples: CVE-2014-2005 Sophos login screen bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, "medium"},
	{"FIRST v3.1 examples: CVE-2010-0467 Joomla directory traversal", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, "medium"},
	{"NVD: CVE-2021-44228 Log4Shell", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "critical"},
	{"FIRST v3.0 examples: CVE-2013-1937 phpMyAdmin reflected XSS", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"},
	{"FIRST v3.0 examples: CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"},

	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L", 9.2, "critical"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N", 6.9, "medium"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.6, "high"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N", 4.8, "medium"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N", 2.1, "low"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:L/SA:N", 9.5, "critical"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N", 4.0, "medium"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N", 1.8, "low"},
	{"FIRST v4.0 calculator (RH vectors_simple4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H", 9.3, "critical"},
	{"FIRST v4.0 calculator (RH vectors_threat4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A", 7.3, "high"},
	{"FIRST v4.0 calculator (RH vectors_threat4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P", 5.9, "medium"},
	{"FIRST v4.0 calculator (RH vectors_threat4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 4.1, "medium"},
	{"FIRST v4.0 calculator (RH vectors_threat4)", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 0.0, "none"},
	{"FIRST v4.0 calculator (RH vectors_security4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:H/AR:H", 7.3, "high"},
	{"FIRST v4.0 calculator (RH vectors_security4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:M/IR:M/AR:M", 5.5, "medium"},
	{"FIRST v4.0 calculator (RH vectors_security4)", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L", 5.4, "medium"},
}

func TestParsePublished(t *testing.T) {
	for _, c := range published {
		got, err := Parse(c.vector)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", c.source, c.vector, err)
			continue
		}
		want := &model.CVSS{Version: c.vector[5:8], Vector: c.vector, Score: c.score, Severity: c.severity}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Parse(%q) (-want +got):\n%s", c.source, c.vector, diff)
		}
	}
}

func TestRate(t *testing.T) {
	for score, want := range map[float64]model.Severity{
		0: "none", 0.1: "low", 3.9: "low", 4.0: "medium", 6.9: "medium", 6.95: "high",
		7.0: "high", 8.9: "high", 9.0: "critical", 10: "critical",
	} {
		if got := Rate(score); got != want {
			t.Errorf("Rate(%v) = %q, want %q", score, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		vector string
		offset int
		msg    string // a part of the message
	}{
		{"", 0, `starts with "CVSS:3.1/"`},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 0, "CVSS 2.0 vector"},
		{"cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, `starts with "CVSS:3.1/"`},
		{"CVSS:2.0/AV:N", 5, `CVSS version "2.0"`},
		{"CVSS:3.1", 8, "missing base metrics AV, AC, PR, UI, S, C, I, A"},
		{"CVSS:4.0/", 9, "missing base metrics AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", 45, `unknown metric "XX" in a CVSS 3.1 vector; the metrics are AV, AC, PR, UI, S, C, I, A, E, RL, RC, CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAX:N", 45, `unknown metric "MAX" in a CVSS 3.1 vector; did you mean "MAV"?`},
		{"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 12, `AV (Attack Vector) cannot be "Q": it is one of N (network), A (adjacent network), L (local), P (physical)`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X", 43, `A (Availability) cannot be "X": it is one of H (high), L (low), N (none)`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", 45, "AV is given twice"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 40, "missing base metric A: a CVSS 3.1 vector gives AV, AC, PR, UI, S, C, I, A"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", 44, `ends with "/"`},
		{"CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, `empty metric`},
		{"CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "AC (Attack Complexity) has no value: write AC:<value>, one of L (low), H (high)"},
		{"CVSS:3.1/AV:N/AC:/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "AC (Attack Complexity) has no value"},
		{"CVSS:4.0/AV:N/AC:L/PR:N/AT:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 24, "AT must come before PR"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", 66, `U (Provider Urgency) cannot be "red": it is one of X (not defined), Clear (clear), Green (green), Amber (amber), Red (red)`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H", 48, "missing base metrics SC, SI, SA"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U", 66, `S (Safety) cannot be "U"`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/E:A", 68, "E is given twice"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O", 64, `unknown metric "RL" in a CVSS 4.0 vector`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A", 47, `E (Exploit Code Maturity) cannot be "A"`},
	} {
		_, err := Parse(c.vector)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %v, want an *Error", c.vector, err)
			continue
		}
		if e.Offset != c.offset || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("Parse(%q): offset %d %q, want offset %d and a message with %q", c.vector, e.Offset, e.Msg, c.offset, c.msg)
		}
		if _, err := JSON(c.vector); err == nil || err.Error() != e.Msg {
			t.Errorf("JSON(%q) = %v, want the error of Parse", c.vector, err)
		}
	}
}

func TestJSON(t *testing.T) {
	for _, c := range []struct {
		vector string
		want   string
	}{
		// CSAF 2.0 cvss_v3 of a base vector.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
			`{"attackComplexity":"LOW","attackVector":"NETWORK","availabilityImpact":"NONE","baseScore":6.1,"baseSeverity":"MEDIUM",` +
				`"confidentialityImpact":"LOW","integrityImpact":"LOW","privilegesRequired":"NONE","scope":"CHANGED","userInteraction":"REQUIRED",` +
				`"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N","version":"3.1"}`},
		// Temporal: 9.8 x 0.94 (E:P) x 0.95 (RL:O) x 1 (RC:C) = 8.7514, rounded up 8.8.
		{"CVSS:3.0/AV:A/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C",
			`{"attackComplexity":"HIGH","attackVector":"ADJACENT_NETWORK","availabilityImpact":"HIGH","baseScore":7.1,"baseSeverity":"HIGH",` +
				`"confidentialityImpact":"HIGH","exploitCodeMaturity":"PROOF_OF_CONCEPT","integrityImpact":"HIGH","privilegesRequired":"LOW",` +
				`"remediationLevel":"OFFICIAL_FIX","reportConfidence":"CONFIRMED","scope":"UNCHANGED","temporalScore":6.4,"temporalSeverity":"MEDIUM",` +
				`"userInteraction":"NONE","vectorString":"CVSS:3.0/AV:A/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C","version":"3.0"}`},
		// Environmental: CR, IR, AR low: MISS = 1 - (1 - 0.5 x 0.56)^3 = 0.626752, impact
		// 6.42 x MISS = 4.0237, exploitability 3.8870, rounded up 8.0.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:L/AR:L/MS:X",
			`{"attackComplexity":"LOW","attackVector":"NETWORK","availabilityImpact":"HIGH","availabilityRequirement":"LOW","baseScore":9.8,"baseSeverity":"CRITICAL",` +
				`"confidentialityImpact":"HIGH","confidentialityRequirement":"LOW","environmentalScore":8,"environmentalSeverity":"HIGH","integrityImpact":"HIGH",` +
				`"integrityRequirement":"LOW","modifiedScope":"NOT_DEFINED","privilegesRequired":"NONE","scope":"UNCHANGED","userInteraction":"NONE",` +
				`"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:L/AR:L/MS:X","version":"3.1"}`},
		// Supplemental metrics do not change the score: 5.4 as without them (vectors_security4).
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L/S:P/AU:Y/U:Amber",
			`{"Automatable":"YES","Safety":"PRESENT","attackComplexity":"HIGH","attackRequirements":"PRESENT","attackVector":"PHYSICAL",` +
				`"availabilityRequirement":"LOW","baseScore":5.4,"baseSeverity":"MEDIUM","confidentialityRequirement":"LOW","integrityRequirement":"LOW","privilegesRequired":"HIGH",` +
				`"providerUrgency":"AMBER","subAvailabilityImpact":"HIGH","subConfidentialityImpact":"HIGH","subIntegrityImpact":"HIGH","userInteraction":"ACTIVE",` +
				`"vectorString":"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L/S:P/AU:Y/U:Amber","version":"4.0",` +
				`"vulnAvailabilityImpact":"HIGH","vulnConfidentialityImpact":"HIGH","vulnIntegrityImpact":"HIGH"}`},
	} {
		m, err := JSON(c.vector)
		if err != nil {
			t.Errorf("JSON(%q): %v", c.vector, err)
			continue
		}
		got, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, string(got)); diff != "" {
			t.Errorf("JSON(%q) (-want +got):\n%s", c.vector, diff)
		}
	}
}

// TestJSONNames checks the values the v4.0 schema names unlike the vector: a subsequent
// system's modified N is NEGLIGIBLE, and MSI and MSA have SAFETY.
func TestJSONNames(t *testing.T) {
	m, err := JSON("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:N/MSI:S/MSA:X")
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"modifiedSubConfidentialityImpact": "NEGLIGIBLE", "modifiedSubIntegrityImpact": "SAFETY", "modifiedSubAvailabilityImpact": "NOT_DEFINED"} {
		if m[k] != want {
			t.Errorf("%s = %v, want %s", k, m[k], want)
		}
	}
	if _, ok := m["environmentalScore"]; ok {
		t.Error("a 4.0 vector has no environmentalScore in the 4.0 schema")
	}
}
