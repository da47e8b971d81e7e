package a

import (
	"cmp"
	"net/http"

	"github.com/evident-dev/evident/b"
	"github.com/evident-dev/evident/generator/diag"
)

type fields struct{ TypeCode string }

func (f *fields) typeCode() string { return cmp.Or(f.TypeCode, "sample-default") }

func (f *fields) report(pos diag.Position) {
	_ = diag.Errorf(pos, f.typeCode(), "message")
	_ = diag.Errorf(pos, cmp.Or(f.TypeCode, "sample-or"), "message")
	d := diag.Errorf(pos, "sample-before", "message")
	d.Code = b.CodeImported
	_ = fields{TypeCode: "sample-field"}
	_ = http.Response{StatusCode: http.StatusOK} // not a diagnostic code
}
