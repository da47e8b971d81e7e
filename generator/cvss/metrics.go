package cvss

// The metrics of each version, in the order of its specification's vector string, with
// their names and values as FIRST's JSON schemas (cvss-v3.x.json, cvss-v4.0.json) write
// them. Parse checks vectors against these tables, so that an error names the valid
// values; go-cvss then scores the vector.

// metric is one metric of a version.
type metric struct {
	abbr     string  // "AV"
	name     string  // "Attack Vector", for messages
	json     string  // "attackVector"
	values   []value // in the specification's order
	required bool    // a base metric
	group    string  // "base", "temporal" (v3), "threat" (v4), "environmental", "supplemental" (v4)
}

// value is one value of a metric: its letter(s) in the vector and its JSON enum value.
type value struct{ code, json string }

var (
	notDefined = value{"X", "NOT_DEFINED"}
	high       = value{"H", "HIGH"}
	low        = value{"L", "LOW"}
	none       = value{"N", "NONE"}
	medium     = value{"M", "MEDIUM"}
	hln        = []value{high, low, none}
	xhml       = []value{notDefined, high, medium, low}
)

// v3 is the metrics of CVSS 3.0 and 3.1 (the same metrics and values).
var v3 = []metric{
	{"AV", "Attack Vector", "attackVector", []value{{"N", "NETWORK"}, {"A", "ADJACENT_NETWORK"}, {"L", "LOCAL"}, {"P", "PHYSICAL"}}, true, "base"},
	{"AC", "Attack Complexity", "attackComplexity", []value{low, high}, true, "base"},
	{"PR", "Privileges Required", "privilegesRequired", []value{none, low, high}, true, "base"},
	{"UI", "User Interaction", "userInteraction", []value{none, {"R", "REQUIRED"}}, true, "base"},
	{"S", "Scope", "scope", []value{{"U", "UNCHANGED"}, {"C", "CHANGED"}}, true, "base"},
	{"C", "Confidentiality", "confidentialityImpact", hln, true, "base"},
	{"I", "Integrity", "integrityImpact", hln, true, "base"},
	{"A", "Availability", "availabilityImpact", hln, true, "base"},
	{"E", "Exploit Code Maturity", "exploitCodeMaturity", []value{notDefined, high, {"F", "FUNCTIONAL"}, {"P", "PROOF_OF_CONCEPT"}, {"U", "UNPROVEN"}}, false, "temporal"},
	{"RL", "Remediation Level", "remediationLevel", []value{notDefined, {"U", "UNAVAILABLE"}, {"W", "WORKAROUND"}, {"T", "TEMPORARY_FIX"}, {"O", "OFFICIAL_FIX"}}, false, "temporal"},
	{"RC", "Report Confidence", "reportConfidence", []value{notDefined, {"C", "CONFIRMED"}, {"R", "REASONABLE"}, {"U", "UNKNOWN"}}, false, "temporal"},
	{"CR", "Confidentiality Requirement", "confidentialityRequirement", xhml, false, "environmental"},
	{"IR", "Integrity Requirement", "integrityRequirement", xhml, false, "environmental"},
	{"AR", "Availability Requirement", "availabilityRequirement", xhml, false, "environmental"},
	{"MAV", "Modified Attack Vector", "modifiedAttackVector", []value{notDefined, {"N", "NETWORK"}, {"A", "ADJACENT_NETWORK"}, {"L", "LOCAL"}, {"P", "PHYSICAL"}}, false, "environmental"},
	{"MAC", "Modified Attack Complexity", "modifiedAttackComplexity", []value{notDefined, low, high}, false, "environmental"},
	{"MPR", "Modified Privileges Required", "modifiedPrivilegesRequired", []value{notDefined, none, low, high}, false, "environmental"},
	{"MUI", "Modified User Interaction", "modifiedUserInteraction", []value{notDefined, none, {"R", "REQUIRED"}}, false, "environmental"},
	{"MS", "Modified Scope", "modifiedScope", []value{notDefined, {"U", "UNCHANGED"}, {"C", "CHANGED"}}, false, "environmental"},
	{"MC", "Modified Confidentiality", "modifiedConfidentialityImpact", []value{notDefined, high, low, none}, false, "environmental"},
	{"MI", "Modified Integrity", "modifiedIntegrityImpact", []value{notDefined, high, low, none}, false, "environmental"},
	{"MA", "Modified Availability", "modifiedAvailabilityImpact", []value{notDefined, high, low, none}, false, "environmental"},
}

// v4 is the metrics of CVSS 4.0, in the order a vector must give them.
var v4 = []metric{
	{"AV", "Attack Vector", "attackVector", []value{{"N", "NETWORK"}, {"A", "ADJACENT"}, {"L", "LOCAL"}, {"P", "PHYSICAL"}}, true, "base"},
	{"AC", "Attack Complexity", "attackComplexity", []value{low, high}, true, "base"},
	{"AT", "Attack Requirements", "attackRequirements", []value{none, {"P", "PRESENT"}}, true, "base"},
	{"PR", "Privileges Required", "privilegesRequired", []value{none, low, high}, true, "base"},
	{"UI", "User Interaction", "userInteraction", []value{none, {"P", "PASSIVE"}, {"A", "ACTIVE"}}, true, "base"},
	{"VC", "Vulnerable System Confidentiality", "vulnConfidentialityImpact", hln, true, "base"},
	{"VI", "Vulnerable System Integrity", "vulnIntegrityImpact", hln, true, "base"},
	{"VA", "Vulnerable System Availability", "vulnAvailabilityImpact", hln, true, "base"},
	{"SC", "Subsequent System Confidentiality", "subConfidentialityImpact", hln, true, "base"},
	{"SI", "Subsequent System Integrity", "subIntegrityImpact", hln, true, "base"},
	{"SA", "Subsequent System Availability", "subAvailabilityImpact", hln, true, "base"},
	{"E", "Exploit Maturity", "exploitMaturity", []value{notDefined, {"A", "ATTACKED"}, {"P", "PROOF_OF_CONCEPT"}, {"U", "UNREPORTED"}}, false, "threat"},
	{"CR", "Confidentiality Requirement", "confidentialityRequirement", xhml, false, "environmental"},
	{"IR", "Integrity Requirement", "integrityRequirement", xhml, false, "environmental"},
	{"AR", "Availability Requirement", "availabilityRequirement", xhml, false, "environmental"},
	{"MAV", "Modified Attack Vector", "modifiedAttackVector", []value{notDefined, {"N", "NETWORK"}, {"A", "ADJACENT"}, {"L", "LOCAL"}, {"P", "PHYSICAL"}}, false, "environmental"},
	{"MAC", "Modified Attack Complexity", "modifiedAttackComplexity", []value{notDefined, low, high}, false, "environmental"},
	{"MAT", "Modified Attack Requirements", "modifiedAttackRequirements", []value{notDefined, none, {"P", "PRESENT"}}, false, "environmental"},
	{"MPR", "Modified Privileges Required", "modifiedPrivilegesRequired", []value{notDefined, none, low, high}, false, "environmental"},
	{"MUI", "Modified User Interaction", "modifiedUserInteraction", []value{notDefined, none, {"P", "PASSIVE"}, {"A", "ACTIVE"}}, false, "environmental"},
	{"MVC", "Modified Vulnerable System Confidentiality", "modifiedVulnConfidentialityImpact", []value{notDefined, high, low, none}, false, "environmental"},
	{"MVI", "Modified Vulnerable System Integrity", "modifiedVulnIntegrityImpact", []value{notDefined, high, low, none}, false, "environmental"},
	{"MVA", "Modified Vulnerable System Availability", "modifiedVulnAvailabilityImpact", []value{notDefined, high, low, none}, false, "environmental"},
	// The schema calls a subsequent system's modified "None" NEGLIGIBLE.
	{"MSC", "Modified Subsequent System Confidentiality", "modifiedSubConfidentialityImpact", []value{notDefined, high, low, {"N", "NEGLIGIBLE"}}, false, "environmental"},
	{"MSI", "Modified Subsequent System Integrity", "modifiedSubIntegrityImpact", []value{notDefined, {"S", "SAFETY"}, high, low, {"N", "NEGLIGIBLE"}}, false, "environmental"},
	{"MSA", "Modified Subsequent System Availability", "modifiedSubAvailabilityImpact", []value{notDefined, {"S", "SAFETY"}, high, low, {"N", "NEGLIGIBLE"}}, false, "environmental"},
	// The schema spells the first three supplemental metrics with a capital.
	{"S", "Safety", "Safety", []value{notDefined, {"N", "NEGLIGIBLE"}, {"P", "PRESENT"}}, false, "supplemental"},
	{"AU", "Automatable", "Automatable", []value{notDefined, {"N", "NO"}, {"Y", "YES"}}, false, "supplemental"},
	{"R", "Recovery", "Recovery", []value{notDefined, {"A", "AUTOMATIC"}, {"U", "USER"}, {"I", "IRRECOVERABLE"}}, false, "supplemental"},
	{"V", "Value Density", "valueDensity", []value{notDefined, {"D", "DIFFUSE"}, {"C", "CONCENTRATED"}}, false, "supplemental"},
	{"RE", "Vulnerability Response Effort", "vulnerabilityResponseEffort", []value{notDefined, low, {"M", "MODERATE"}, high}, false, "supplemental"},
	{"U", "Provider Urgency", "providerUrgency", []value{notDefined, {"Clear", "CLEAR"}, {"Green", "GREEN"}, {"Amber", "AMBER"}, {"Red", "RED"}}, false, "supplemental"},
}
