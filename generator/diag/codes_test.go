package diag

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/diagnostics.md from the registry")

const (
	repoRoot    = "../.."
	module      = "github.com/evident-dev/evident"
	diagPackage = module + "/generator/diag"
	docsFile    = "docs/diagnostics.md"
)

// TestCodesRegistered: every code that the code under generator/ and cmd/ reports
// is in Codes, with the severity it is reported with, and every code in Codes is
// still reported somewhere.
func TestCodesRegistered(t *testing.T) {
	uses, problems := collectCodes(t, repoRoot, "generator", "cmd")
	for _, p := range problems {
		t.Error(p)
	}
	if len(uses) < 20 {
		t.Fatalf("found only %d places that report a code; the collector is broken", len(uses))
	}
	registered := map[string]CodeDoc{}
	for _, c := range Codes {
		registered[c.Code] = c
	}
	used := map[string]bool{}
	for _, u := range uses {
		used[u.code] = true
		c, ok := registered[u.code]
		switch {
		case !ok:
			t.Errorf("%s: code %q is not registered; add it with a sentence of documentation to Codes in generator/diag/codes.go, then run go test ./generator/diag -run TestDocs -update", u.pos, u.code)
		case u.severity != "" && u.severity != c.Severity.String():
			t.Errorf("%s: code %q is reported as %s here, but registered as %s", u.pos, u.code, u.severity, c.Severity)
		}
	}
	for _, c := range Codes {
		if !used[c.Code] {
			t.Errorf("code %q is registered but nothing reports it; remove it from Codes", c.Code)
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestCodesWellFormed: the registry is sorted, lists each code once, and documents
// each with one sentence.
func TestCodesWellFormed(t *testing.T) {
	for i, c := range Codes {
		if !kebab.MatchString(c.Code) {
			t.Errorf("code %q is not short kebab-case", c.Code)
		}
		if i > 0 && Codes[i-1].Code >= c.Code {
			t.Errorf("Codes is not sorted, or lists a code twice: %q before %q", Codes[i-1].Code, c.Code)
		}
		doc := strings.TrimSuffix(c.Doc, ".")
		if doc == c.Doc || doc == "" || strings.Contains(doc, ". ") || strings.Contains(doc, "\n") {
			t.Errorf("code %q: the documentation must be one sentence ending in a full stop, not %q", c.Code, c.Doc)
		}
		if c.Severity != Error && c.Severity != Warning && c.Severity != Notice {
			t.Errorf("code %q: unknown severity %v", c.Code, c.Severity)
		}
	}
}

// TestDocs: docs/diagnostics.md is generated from Codes; -update rewrites it.
func TestDocs(t *testing.T) {
	want := renderDocs()
	file := filepath.Join(repoRoot, filepath.FromSlash(docsFile))
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update rewrites " + docsFile + "; it never runs on CI")
		}
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: Codes changed; run go test ./generator/diag -run TestDocs -update and commit the result", docsFile)
	}
}

// renderDocs writes the registry as the Markdown page docs/diagnostics.md.
func renderDocs() []byte {
	var b bytes.Buffer
	b.WriteString(`# Diagnostic codes

Every problem that ` + "`evident check`" + ` (and ` + "`build`" + `, ` + "`serve`" + `, ` + "`verify`" + `) reports has a
stable code: it is the ` + "`code`" + ` field of ` + "`evident check --format json`" + ` and names the problem in CI
annotations. Errors stop a build; warnings fail only ` + "`evident check --strict`" + `; notices are information.

This page is generated from the registry in ` + "`generator/diag/codes.go`" + `
(` + "`go test ./generator/diag -run TestDocs -update`" + `); a test fails when code reports a code that is not
registered there.

| code | severity | meaning |
|---|---|---|
`)
	for _, c := range Codes {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Code, c.Severity, strings.ReplaceAll(c.Doc, "|", `\|`))
	}
	return b.Bytes()
}

// codeUse is one place in the source that reports a diagnostic code.
type codeUse struct {
	pos      token.Position
	code     string
	severity string // "error", "warning", "notice", or "" when it cannot be told from the call
}

// A goFile is a parsed source file with the import path of its package.
type goFile struct {
	pkg     string // import path
	file    *ast.File
	imports map[string]string // local name -> import path
}

// collectCodes finds every diagnostic code reported by the non-test Go files under
// the given folders of root, the root of the module. It understands the shapes the code uses:
//
//   - diag.Errorf(pos, CODE, ...)
//   - diag.Diagnostic{..., Severity: diag.Warning, Code: CODE}
//   - calls of helpers, functions or closures with a string parameter named code
//     (func (l *loader) errorf(pos diag.Position, code, format string, ...),
//     fail := func(code, hint, format string, ...)), which pass it on
//   - d.Code = CODE
//   - codes kept in fields whose names end in Code, set in a literal or by an
//     assignment (node.Fields{TypeCode: CODE}), read directly or through a function
//     without parameters (func (f *Fields) typeCode() string { return cmp.Or(f.TypeCode, CODE) })
//
// where CODE is a string literal, a string constant (local or imported) or
// cmp.Or of those. Any other expression in the place of a code is a problem: the
// test cannot check it.
func collectCodes(t *testing.T, root string, dirs ...string) (uses []codeUse, problems []string) {
	t.Helper()
	fset := token.NewFileSet()
	var files []*goFile
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			// Positions print relative to root: generator/check/check.go:150:66.
			f, err := parser.ParseFile(fset, filepath.ToSlash(rel), src, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			gf := &goFile{pkg: path.Join(module, path.Dir(filepath.ToSlash(rel))), file: f, imports: map[string]string{}}
			for _, imp := range f.Imports {
				ip, _ := strconv.Unquote(imp.Path.Value)
				name := path.Base(ip)
				if imp.Name != nil {
					name = imp.Name.Name
				}
				gf.imports[name] = ip
			}
			files = append(files, gf)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	// String constants, by package and name.
	consts := map[string]map[string]string{}
	for _, f := range files {
		for _, decl := range f.file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						if consts[f.pkg] == nil {
							consts[f.pkg] = map[string]string{}
						}
						consts[f.pkg][name.Name] = v
					}
				}
			}
		}
	}

	// Helpers: functions and methods by package and name, closures by file and name;
	// the value is the index of the code parameter.
	helpers := map[string]map[string]int{}
	closures := map[*ast.File]map[string]int{}
	// Functions without parameters that return a string, by package and name: a call
	// of one in the place of a code makes its returns places of codes.
	stringFuncs := map[string]map[string][]*ast.FuncDecl{}
	referenced := map[*ast.FuncDecl]*goFile{}
	for _, f := range files {
		for _, decl := range f.file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && returnsString(fd) {
				if stringFuncs[f.pkg] == nil {
					stringFuncs[f.pkg] = map[string][]*ast.FuncDecl{}
				}
				stringFuncs[f.pkg][fd.Name.Name] = append(stringFuncs[f.pkg][fd.Name.Name], fd)
			}
			if fd, ok := decl.(*ast.FuncDecl); ok {
				if i := codeParam(fd.Type); i >= 0 {
					if helpers[f.pkg] == nil {
						helpers[f.pkg] = map[string]int{}
					}
					if prev, ok := helpers[f.pkg][fd.Name.Name]; ok && prev != i {
						problems = append(problems, fmt.Sprintf("%s: two helpers named %s take the code at different places; rename one", fset.Position(fd.Pos()), fd.Name.Name))
					}
					helpers[f.pkg][fd.Name.Name] = i
				}
			}
		}
		closures[f.file] = map[string]int{}
		ast.Inspect(f.file, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, rhs := range as.Rhs {
				lit, ok := rhs.(*ast.FuncLit)
				id, isIdent := as.Lhs[i].(*ast.Ident)
				if ok && isIdent {
					if j := codeParam(lit.Type); j >= 0 {
						closures[f.file][id.Name] = j
					}
				}
			}
			return true
		})
	}

	isDiag := func(f *goFile, x ast.Expr, name string) bool {
		switch x := x.(type) {
		case *ast.SelectorExpr:
			id, ok := x.X.(*ast.Ident)
			return ok && f.imports[id.Name] == diagPackage && x.Sel.Name == name
		case *ast.Ident:
			return f.pkg == diagPackage && x.Name == name
		}
		return false
	}
	isDiagSlice := func(f *goFile, x ast.Expr) bool {
		at, ok := x.(*ast.ArrayType)
		return ok && isDiag(f, at.Elt, "Diagnostic")
	}
	// codeIndex returns where a call takes its code, or -1.
	codeIndex := func(f *goFile, call *ast.CallExpr) (int, string) {
		if isDiag(f, call.Fun, "Errorf") {
			return 1, "error"
		}
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			if i, ok := closures[f.file][fn.Name]; ok {
				return i, ""
			}
			if i, ok := helpers[f.pkg][fn.Name]; ok {
				return i, ""
			}
		case *ast.SelectorExpr:
			if id, ok := fn.X.(*ast.Ident); ok {
				if ip, ok := f.imports[id.Name]; ok {
					if i, ok := helpers[ip][fn.Sel.Name]; ok {
						return i, ""
					}
					return -1, ""
				}
			}
			if i, ok := helpers[f.pkg][fn.Sel.Name]; ok { // a method
				return i, ""
			}
		}
		return -1, ""
	}

	// visit records the codes in f, or only in the returns of codeFunc when it is set.
	visit := func(f *goFile, codeFunc *ast.FuncDecl) {
		// resolve returns the codes an expression stands for, or ok false when it cannot
		// tell. An expression that passes on a code set elsewhere stands for none: the
		// code parameter of the enclosing helper, a field such as f.TypeCode, a call of a
		// function such as f.typeCode() (their callers, the places that set the field and
		// the function's returns are where the codes are read).
		var resolve func(e ast.Expr, inHelper bool) (codes []string, ok bool)
		resolve = func(e ast.Expr, inHelper bool) ([]string, bool) {
			switch e := e.(type) {
			case *ast.BasicLit:
				if e.Kind == token.STRING {
					v, err := strconv.Unquote(e.Value)
					return []string{v}, err == nil
				}
			case *ast.ParenExpr:
				return resolve(e.X, inHelper)
			case *ast.Ident:
				if e.Name == "code" && inHelper {
					return nil, true
				}
				v, ok := consts[f.pkg][e.Name]
				return []string{v}, ok
			case *ast.SelectorExpr:
				if id, ok := e.X.(*ast.Ident); ok {
					if ip, ok := f.imports[id.Name]; ok {
						v, ok := consts[ip][e.Sel.Name]
						return []string{v}, ok
					}
				}
				return nil, isCodeName(e.Sel.Name)
			case *ast.CallExpr:
				if sel, ok := e.Fun.(*ast.SelectorExpr); ok && isImport(f, sel.X, "cmp") && sel.Sel.Name == "Or" {
					var all []string
					for _, arg := range e.Args {
						codes, ok := resolve(arg, inHelper)
						if !ok {
							return nil, false
						}
						all = append(all, codes...)
					}
					return all, true
				}
				name := ""
				switch fn := e.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				fds := stringFuncs[f.pkg][name]
				for _, fd := range fds {
					referenced[fd] = f
				}
				return nil, len(e.Args) == 0 && len(fds) > 0
			}
			return nil, false
		}
		// record records the codes of e. A code in a place that must hold one (strict)
		// that cannot be told is a problem; elsewhere (a field that may not be a
		// diagnostic's, such as StatusCode) it is left alone.
		record := func(e ast.Expr, severity string, inHelper, strict bool) {
			codes, ok := resolve(e, inHelper)
			if !ok {
				if strict {
					problems = append(problems, fmt.Sprintf("%s: cannot tell which diagnostic code this is; pass a string literal or a string constant", fset.Position(e.Pos())))
				}
				return
			}
			for _, code := range codes {
				uses = append(uses, codeUse{pos: fset.Position(e.Pos()), code: code, severity: severity})
			}
		}
		// diagnostic records the code of a Diagnostic literal.
		diagnostic := func(n *ast.CompositeLit, inHelper bool) {
			severity := "error" // the zero Severity
			var code ast.Expr
			for _, elt := range n.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					problems = append(problems, fmt.Sprintf("%s: a Diagnostic literal without field names", fset.Position(n.Pos())))
					return
				}
				switch key, _ := kv.Key.(*ast.Ident); key.Name {
				case "Code":
					code = kv.Value
				case "Severity":
					severity = ""
					for _, s := range []Severity{Error, Warning, Notice} {
						if isDiag(f, kv.Value, strings.ToUpper(s.String()[:1])+s.String()[1:]) {
							severity = s.String()
						}
					}
				}
			}
			if code == nil { // not a report: a zero value, or a position returned beside a result
				return
			}
			record(code, severity, inHelper, true)
		}
		seen := map[*ast.CompositeLit]bool{} // Diagnostic literals already recorded
		if codeFunc != nil {
			ast.Inspect(codeFunc.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) == 1 {
						record(n.Results[0], "", false, true)
					}
				}
				return true
			})
			return
		}
		var walk func(n ast.Node, inHelper bool)
		walk = func(root ast.Node, inHelper bool) {
			ast.Inspect(root, func(n ast.Node) bool {
				if n == root {
					return true
				}
				switch n := n.(type) {
				case *ast.FuncDecl:
					walk(n, codeParam(n.Type) >= 0)
					return false
				case *ast.FuncLit:
					walk(n, inHelper || codeParam(n.Type) >= 0)
					return false
				case *ast.CallExpr:
					if i, severity := codeIndex(f, n); i >= 0 {
						if i < len(n.Args) {
							record(n.Args[i], severity, inHelper, true)
						} else {
							problems = append(problems, fmt.Sprintf("%s: call without its code argument", fset.Position(n.Pos())))
						}
					}
				case *ast.AssignStmt: // d.Code = CodeSyntax
					for i, lhs := range n.Lhs {
						if sel, ok := lhs.(*ast.SelectorExpr); ok && isCodeName(sel.Sel.Name) && len(n.Rhs) == len(n.Lhs) {
							record(n.Rhs[i], "", inHelper, sel.Sel.Name == "Code")
						}
					}
				case *ast.CompositeLit:
					switch {
					case n.Type != nil && isDiag(f, n.Type, "Diagnostic"):
						diagnostic(n, inHelper)
						return true
					case n.Type != nil && isDiag(f, n.Type, "List"), isDiagSlice(f, n.Type):
						for _, elt := range n.Elts { // elements may leave out their type
							if lit, ok := elt.(*ast.CompositeLit); ok && lit.Type == nil {
								diagnostic(lit, inHelper)
								seen[lit] = true
							}
						}
						return true
					}
					if seen[n] {
						return true
					}
					for _, elt := range n.Elts { // node.Fields{TypeCode: CodeSchema}
						if kv, ok := elt.(*ast.KeyValueExpr); ok {
							if key, ok := kv.Key.(*ast.Ident); ok && isCodeName(key.Name) {
								record(kv.Value, "", inHelper, false)
							}
						}
					}
				}
				return true
			})
		}
		walk(f.file, false)
	}
	for _, f := range files {
		visit(f, nil)
	}
	for done := map[*ast.FuncDecl]bool{}; len(done) < len(referenced); {
		for fd, f := range referenced {
			if !done[fd] {
				done[fd] = true
				visit(f, fd)
			}
		}
	}
	slices.SortFunc(uses, func(a, b codeUse) int { return strings.Compare(a.pos.String(), b.pos.String()) })
	return uses, problems
}

// isCodeName reports whether a field or function name says it holds a code:
// Code, TypeCode, typeCode.
func isCodeName(name string) bool { return name == "code" || strings.HasSuffix(name, "Code") }

// returnsString reports whether fn takes no parameters and returns one string,
// such as func (f *Fields) typeCode() string.
func returnsString(fn *ast.FuncDecl) bool {
	res := fn.Type.Results
	if len(fn.Type.Params.List) > 0 || res == nil || len(res.List) != 1 || len(res.List[0].Names) > 1 {
		return false
	}
	typ, ok := res.List[0].Type.(*ast.Ident)
	return ok && typ.Name == "string"
}

// isImport reports whether x names the import of the package path ip.
func isImport(f *goFile, x ast.Expr, ip string) bool {
	id, ok := x.(*ast.Ident)
	return ok && f.imports[id.Name] == ip
}

// codeParam returns the index of a string parameter named code, or -1.
func codeParam(ft *ast.FuncType) int {
	i := 0
	for _, field := range ft.Params.List {
		typ, _ := field.Type.(*ast.Ident)
		for _, name := range field.Names {
			if name.Name == "code" && typ != nil && typ.Name == "string" {
				return i
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return -1
}

// TestCollector: the collector finds each shape of code it documents (the sample
// module in testdata/collector has one of each), and refuses a code it cannot read.
func TestCollector(t *testing.T) {
	uses, problems := collectCodes(t, filepath.Join("testdata", "collector"), ".")
	var got []string
	for _, u := range uses {
		got = append(got, strings.TrimSpace(fmt.Sprintf("%s:%d %s %s", filepath.Base(u.pos.Filename), u.pos.Line, u.code, u.severity)))
	}
	want := []string{
		"a.go:12 sample-literal error",
		"a.go:13 sample-const error",
		"a.go:14 sample-imported-const error",
		"a.go:15 sample-warning warning",
		"a.go:16 sample-notice notice",
		"a.go:17 sample-default-severity error",
		"a.go:21 sample-closure",
		"a.go:22 sample-method",
		"a.go:23 sample-imported-helper",
		"fields.go:13 sample-default",
		"fields.go:17 sample-or error",
		"fields.go:18 sample-before error",
		"fields.go:19 sample-imported-const",
		"fields.go:20 sample-field",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "a.go:24:") || !strings.Contains(problems[1], "a.go:25:") {
		t.Errorf("problems: %q, want the two codes that are variables (a.go:24 and a.go:25)", problems)
	}
}
