package a

import (
	"github.com/evident-dev/evident/b"
	"github.com/evident-dev/evident/generator/diag"
)

const codeConst = "sample-const"

func reports(pos diag.Position, v string) {
	_ = []diag.Diagnostic{
		diag.Errorf(pos, "sample-literal", "message"),
		diag.Errorf(pos, codeConst, "message"),
		diag.Errorf(pos, b.CodeImported, "message"),
		{Severity: diag.Warning, Code: "sample-warning"},
		diag.Diagnostic{Pos: pos, Severity: diag.Notice, Code: "sample-notice"},
		diag.Diagnostic{Code: "sample-default-severity"},
	}
	fail := func(off int, code, hint string) diag.Diagnostic { return diag.Errorf(pos, code, "%s", hint) }
	h := &helper{}
	fail(1, "sample-closure", "hint")
	h.errorf(pos, "sample-method")
	b.Report(pos, "sample-imported-helper")
	diag.Errorf(pos, v, "a variable: the test cannot know it")
	fail(2, v, "the same through a helper")
}

type helper struct{ diags []diag.Diagnostic }

func (h *helper) errorf(pos diag.Position, code string) {
	h.diags = append(h.diags, diag.Errorf(pos, code, "message"))
}

func notAHelper(code int) int { return code }
