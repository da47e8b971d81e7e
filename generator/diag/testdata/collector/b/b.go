package b

import "github.com/evident-dev/evident/generator/diag"

const CodeImported = "sample-imported-const"

func Report(pos diag.Position, code string) diag.Diagnostic {
	return diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: code}
}
