package advisory

import (
	"regexp"
	"strings"
)

// notInFileName is a run of characters that a CSAF file name does not have (section 5.1).
var notInFileName = regexp.MustCompile(`[^+\-a-z0-9]+`)

// FileName is the CSAF 2.0 file name (section 5.1) of the advisory ID id, without
// ".json": id in lower case, then every run of characters other than '+', '-', a-z and
// 0-9 replaced by one '_'. "RHBA-2019:0024" is "rhba-2019_0024".
func FileName(id string) string {
	return notInFileName.ReplaceAllString(strings.ToLower(id), "_")
}
