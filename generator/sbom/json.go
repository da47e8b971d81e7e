package sbom

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

// jsonDecoder reads CycloneDX JSON, SPDX 2 JSON and SPDX 3 JSON-LD. Keys may come in any
// order, so one walk records the facts of every format, and the format is decided at the end.
type jsonDecoder struct{}

func (jsonDecoder) decode(in *input, start int64) (*Summary, error) {
	dec := json.NewDecoder(in.br)
	dec.UseNumber()
	w := &jsonWalk{in: in, dec: dec, start: start, startPos: in.pos(start)}
	if err := w.object(w.rootField); err != nil {
		return nil, err
	}
	in.commit(start + w.end)
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return nil, diag.Errorf(w.tokPos(), codeMalformed, "more than one JSON value in the file").
				WithHint("an SBOM file holds one JSON document")
		}
		return nil, w.fail(err)
	}
	return w.summary()
}

// jsonWalk is the state of one walk over a JSON document.
type jsonWalk struct {
	in       *input
	dec      *json.Decoder
	start    int64         // input offset of the decoder's first byte
	startPos diag.Position // and its position
	end      int64         // decoder offset after the last token read
	depth    int

	cdx   cdxFacts
	spdx2 spdx2Facts
	spdx3 spdx3Facts
}

// cdxFacts is what a CycloneDX document says, in JSON or XML.
type cdxFacts struct {
	bomFormat    string
	bomFormatPos diag.Position
	specVersion  string
	specPos      diag.Position
	serial       string
	created      located
	subject      Subject
	tools        set
	licenses     set
	components   int
	services     int
	vulns        int
	analysed     int // vulnerabilities with an analysis
}

// located is a value with the position it was read at.
type located struct {
	v   string
	pos diag.Position
}

func (f *cdxFacts) summary(encoding string) *Summary {
	s := &Summary{
		Format:          "CycloneDX",
		Encoding:        encoding,
		SpecVersion:     f.specVersion,
		VEX:             f.analysed > 0 && f.components+f.services <= f.vulns,
		Subject:         f.subject,
		Components:      f.components,
		Services:        f.services,
		Vulnerabilities: f.vulns,
		Licenses:        f.licenses.sorted(),
		Tools:           f.tools.sorted(),
		SerialNumber:    f.serial,
	}
	s.setCreated(f.created.v, f.created.pos)
	return s
}

// spdx2Facts is what an SPDX 2 document says, in JSON or tag-value.
type spdx2Facts struct {
	version    string
	versionPos diag.Position
	name       string
	namespace  string
	created    located
	tools      set
	licenses   set
	packages   int
	find       subjectFinder
}

func (f *spdx2Facts) summary(encoding string) *Summary {
	s := &Summary{
		Format:       "SPDX",
		Encoding:     encoding,
		SpecVersion:  f.version,
		Subject:      f.find.subject(Subject{Name: f.name}),
		Components:   f.packages,
		Licenses:     f.licenses.sorted(),
		Tools:        f.tools.sorted(),
		SerialNumber: f.namespace,
	}
	s.setCreated(f.created.v, f.created.pos)
	return s
}

// addCreator records an SPDX 2 creator such as "Tool: syft-1.0".
func (f *spdx2Facts) addCreator(c string) {
	if t, ok := strings.CutPrefix(strings.TrimSpace(c), "Tool:"); ok {
		f.tools.add(t)
	}
}

// spdxDocumentID is the SPDXID every SPDX 2 document has.
const spdxDocumentID = "SPDXRef-DOCUMENT"

// relationship records an SPDX 2 relationship that says what the document describes.
func (f *spdx2Facts) relationship(from, typ, to string) {
	switch {
	case typ == "DESCRIBES" && from == spdxDocumentID:
		f.find.root(to)
	case typ == "DESCRIBED_BY" && to == spdxDocumentID:
		f.find.root(from)
	}
}

// spdx3Facts is what an SPDX 3 JSON-LD document says.
type spdx3Facts struct {
	context      string // the SPDX context IRI
	contextPos   diag.Position
	docID        string
	docName      string
	docInfo      string             // the document's creationInfo reference
	docCreated   located            // created of an inline document creationInfo
	infos        map[string]located // CreationInfo @id -> created, bounded
	firstCreated located            // earliest created of any CreationInfo
	sbomRoots    subjectFinder      // software_Sbom rootElement
	docRoots     []string           // SpdxDocument rootElement
	tools        set
	licences     map[string]licence  // licence elements by id, bounded by maxSetSize
	names        map[string]string   // names of licence operators, made by licenceName
	attached     map[string]struct{} // ids of the licences relationships attach, bounded by maxSetSize
	packages     int
}

// licence is an SPDX 3 licence element: a licence expression or a licence's id or name, or
// an operator (AND, OR, WITH, +) on other licence elements, named by their ids.
type licence struct {
	text string
	op   string
	args []string
}

// spdx3Packages are the SPDX 3 element types that are packages: software_Package and the
// AI and dataset profiles' subclasses of it.
var spdx3Packages = []string{"software_Package", "ai_AIPackage", "dataset_DatasetPackage"}

// spdx3Licences are the element types of licences, with the operator of those that combine
// other licences.
var spdx3Licences = map[string]string{
	"expandedlicensing_ConjunctiveLicenseSet":  "AND",
	"expandedlicensing_DisjunctiveLicenseSet":  "OR",
	"expandedlicensing_OrLaterOperator":        "+",
	"expandedlicensing_WithAdditionOperator":   "WITH",
	"expandedlicensing_ListedLicense":          "",
	"expandedlicensing_CustomLicense":          "",
	"expandedlicensing_ListedLicenseException": "",
	"expandedlicensing_CustomLicenseAddition":  "",
	"simplelicensing_LicenseExpression":        "",
}

// listedLicenses is the namespace of the SPDX License List: https://spdx.org/licenses/MIT is
// the licence MIT.
const listedLicenses = "https://spdx.org/licenses/"

// maxArgs bounds the ids one element gives as relationship targets or licence operands.
const maxArgs = 256

func (f *spdx3Facts) summary() *Summary {
	var lic set
	for _, id := range slices.Sorted(maps.Keys(f.attached)) {
		lic.addLicense(f.licenceName(id))
	}
	for _, id := range f.docRoots {
		f.sbomRoots.root(id)
	}
	created := f.docCreated
	if created.v == "" {
		created = f.infos[f.docInfo]
	}
	if created.v == "" {
		created = f.firstCreated
	}
	s := &Summary{
		Format:       "SPDX",
		Encoding:     "json-ld",
		SpecVersion:  spdx3Version(f.context),
		Subject:      f.sbomRoots.subject(Subject{Name: f.docName}),
		Components:   f.packages,
		Licenses:     lic.sorted(),
		Tools:        f.tools.sorted(),
		SerialNumber: f.docID,
	}
	s.setCreated(created.v, created.pos)
	return s
}

// licenceName returns the licence expression of the licence element id; a licence the
// document does not define is named by its IRI. Names of operators are kept once made, since
// licence sets may share members: each element is named once, a set that contains itself
// shows "…" where it does, and a name is cut at maxValueLen bytes.
func (f *spdx3Facts) licenceName(id string) string {
	if n, ok := f.names[id]; ok {
		return n
	}
	l, ok := f.licences[id]
	switch {
	case !ok || l.op == "" && l.text == "":
		return licenceIRIName(id)
	case l.op == "":
		return l.text
	}
	if f.names == nil {
		f.names = map[string]string{}
	}
	f.names[id] = "…" // being named
	var b strings.Builder
	arg := func(i int) {
		if i < len(l.args) && l.args[i] != "" {
			b.WriteString(f.licenceName(l.args[i]))
		} else {
			b.WriteString("NOASSERTION") // an operator without its operand
		}
	}
	switch l.op {
	case "+":
		arg(0)
		b.WriteString("+")
	case "WITH":
		arg(0)
		b.WriteString(" WITH ")
		arg(1)
	default:
		b.WriteString("(")
		for i := range l.args {
			if b.Len() > maxValueLen {
				break
			}
			if i > 0 {
				b.WriteString(" " + l.op + " ")
			}
			arg(i)
		}
		b.WriteString(")")
	}
	n := truncate(b.String())
	f.names[id] = n
	return n
}

// licenceIRIName names a licence by its IRI: NOASSERTION and NONE for the individuals of
// expanded licensing that say so, else the IRI's last segment, which for a licence of the
// SPDX License List is its id.
func licenceIRIName(id string) string {
	switch {
	case strings.HasSuffix(id, "NoAssertionLicense") || strings.HasSuffix(id, "/NoAssertion"):
		return "NOASSERTION"
	case strings.HasSuffix(id, "NoneLicense") || strings.HasSuffix(id, "/None"):
		return "NONE"
	}
	if i := strings.LastIndexAny(strings.TrimRight(id, "/#"), "/#:"); i >= 0 {
		return strings.TrimRight(id[i+1:], "/#")
	}
	return id
}

func (f *spdx3Facts) created(id string, created located) {
	if created.v == "" {
		return
	}
	if f.firstCreated.v == "" || created.v < f.firstCreated.v {
		f.firstCreated = created
	}
	if id != "" && (len(f.infos) < maxCandidates || id == f.docInfo) {
		if f.infos == nil {
			f.infos = map[string]located{}
		}
		f.infos[id] = created
	}
}

// licence records a licence element.
func (f *spdx3Facts) licence(id string, l licence) {
	if id == "" || len(f.licences) >= maxSetSize {
		return
	}
	if f.licences == nil {
		f.licences = map[string]licence{}
	}
	f.licences[id] = l
}

// attach records the licences a relationship of type typ attaches to an element.
func (f *spdx3Facts) attach(typ string, to []string) {
	if i := strings.LastIndexByte(typ, '/'); i >= 0 {
		typ = typ[i+1:] // a full IRI
	}
	if typ != "hasDeclaredLicense" && typ != "hasConcludedLicense" {
		return
	}
	for _, id := range to {
		if len(f.attached) >= maxSetSize {
			return
		}
		if f.attached == nil {
			f.attached = map[string]struct{}{}
		}
		f.attached[id] = struct{}{}
	}
}

// spdx3Version returns the version in an SPDX 3 context IRI such as
// https://spdx.org/rdf/3.0.1/spdx-context.jsonld, or "".
func spdx3Version(context string) string {
	_, rest, ok := strings.Cut(context, "spdx.org/rdf/")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "/")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}

func (w *jsonWalk) summary() (*Summary, error) {
	switch {
	case w.cdx.bomFormat != "":
		if w.cdx.bomFormat != "CycloneDX" {
			return nil, unknown(w.cdx.bomFormatPos, "bomFormat is %q, not \"CycloneDX\"", w.cdx.bomFormat)
		}
		if w.cdx.specVersion == "" {
			return nil, diag.Errorf(w.cdx.bomFormatPos, codeMalformed, "a CycloneDX document without specVersion").
				WithHint(`add "specVersion", as the CycloneDX schema requires`)
		}
		if err := checkVersion(w.cdx.specPos, "CycloneDX", w.cdx.specVersion, cdxVersions...); err != nil {
			return nil, err
		}
		return w.cdx.summary("json"), nil
	case w.spdx2.version != "":
		v, ok := strings.CutPrefix(w.spdx2.version, "SPDX-")
		if !ok {
			return nil, unknown(w.spdx2.versionPos, "spdxVersion %q does not start with \"SPDX-\"", w.spdx2.version)
		}
		if err := checkVersion(w.spdx2.versionPos, "SPDX", v, spdx2Versions...); err != nil {
			return nil, err
		}
		w.spdx2.version = v
		return w.spdx2.summary("json"), nil
	case w.spdx3.context != "":
		if v := spdx3Version(w.spdx3.context); !strings.HasPrefix(v, "3.0") {
			return nil, checkVersion(w.spdx3.contextPos, "SPDX", v, "3.0", "3.0.1")
		}
		return w.spdx3.summary(), nil
	}
	return nil, unknown(w.startPos, "a JSON document with neither bomFormat (CycloneDX), spdxVersion (SPDX 2) nor an SPDX 3 @context")
}

// rootField reads the value of one key of the top-level object.
func (w *jsonWalk) rootField(key string) (err error) {
	switch key {
	// CycloneDX
	case "bomFormat":
		w.cdx.bomFormat, err = w.str()
		w.cdx.bomFormatPos = w.tokPos()
	case "specVersion":
		w.cdx.specVersion, err = w.str()
		w.cdx.specPos = w.tokPos()
	case "serialNumber":
		w.cdx.serial, err = w.str()
	case "metadata":
		return w.object(w.cdxMetadata)
	case "components":
		return w.cdxInventory(key, &w.cdx.components)
	case "services":
		return w.cdxInventory(key, &w.cdx.services)
	case "vulnerabilities":
		return w.array(func() error {
			return w.object(w.cdxVulnerability(), func() { w.cdx.vulns++ })
		})
	// SPDX 2
	case "spdxVersion":
		w.spdx2.version, err = w.str()
		w.spdx2.versionPos = w.tokPos()
	case "name":
		w.spdx2.name, err = w.str()
	case "documentNamespace":
		w.spdx2.namespace, err = w.str()
	case "creationInfo":
		return w.object(func(key string) error {
			switch key {
			case "created":
				return w.located(&w.spdx2.created)
			case "creators":
				return w.strs(w.spdx2.addCreator)
			}
			return w.skip()
		})
	case "documentDescribes":
		return w.strs(w.spdx2.find.root)
	case "packages":
		return w.array(w.spdx2Package)
	case "files":
		return w.array(func() error {
			return w.object(func(key string) error {
				if key == "licenseConcluded" {
					return w.strs(w.spdx2.licenses.addLicense)
				}
				return w.skip()
			})
		})
	case "relationships":
		return w.array(w.spdx2Relationship)
	// SPDX 3
	case "@context":
		return w.strs(func(s string) {
			if w.spdx3.context == "" && spdx3Version(s) != "" {
				w.spdx3.context = s
				w.spdx3.contextPos = w.tokPos()
			}
		})
	case "@graph":
		return w.array(w.spdx3Element)
	default:
		return w.skip()
	}
	return err
}

func (w *jsonWalk) cdxMetadata(key string) error {
	switch key {
	case "timestamp":
		return w.located(&w.cdx.created)
	case "tools":
		return w.cdxTools()
	case "component":
		return w.object(func(key string) error {
			switch key {
			case "name":
				return w.strInto(&w.cdx.subject.Name)
			case "version":
				return w.strInto(&w.cdx.subject.Version)
			case "licenses":
				return w.cdxLicenses()
			}
			return w.skip()
		})
	}
	return w.skip()
}

// cdxTools reads metadata.tools: an array of tools (CycloneDX 1.2–1.4, deprecated later) or
// an object of components and services (1.5 on).
func (w *jsonWalk) cdxTools() error {
	t, err := w.next()
	if err != nil {
		return err
	}
	oneTool := func() error {
		var name, version string
		return w.object(func(key string) error {
			switch key {
			case "name":
				return w.strInto(&name)
			case "version":
				return w.strInto(&version)
			}
			return w.skip()
		}, func() { w.cdx.tools.add(tool(name, version)) })
	}
	switch t {
	case json.Delim('['):
		return w.arrayFrom(t, oneTool)
	case json.Delim('{'):
		return w.objectFrom(t, func(key string) error {
			if key == "components" || key == "services" {
				return w.array(oneTool)
			}
			return w.skip()
		})
	}
	return w.skipFrom(t)
}

// cdxInventory reads an array of components or of services, the value of key, counting
// them and the ones nested in them under the same key, and recording their licences.
func (w *jsonWalk) cdxInventory(key string, count *int) error {
	return w.array(func() error {
		return w.object(func(k string) error {
			switch k {
			case key:
				return w.cdxInventory(key, count)
			case "licenses":
				return w.cdxLicenses()
			}
			return w.skip()
		}, func() { *count++ })
	})
}

// cdxLicenses reads a licenses array: {"license": {"id"|"name"}} or {"expression"}.
func (w *jsonWalk) cdxLicenses() error {
	return w.array(func() error {
		return w.object(func(key string) error {
			switch key {
			case "expression":
				return w.strs(w.cdx.licenses.addLicense)
			case "license":
				return w.object(func(key string) error {
					if key == "id" || key == "name" {
						return w.strs(w.cdx.licenses.addLicense)
					}
					return w.skip()
				})
			}
			return w.skip()
		})
	})
}

// cdxVulnerability returns the field reader of one vulnerability.
func (w *jsonWalk) cdxVulnerability() func(key string) error {
	analysed := false
	return func(key string) error {
		if key != "analysis" {
			return w.skip()
		}
		t, err := w.next()
		if err != nil {
			return err
		}
		if t == json.Delim('{') && !analysed {
			analysed = true
			w.cdx.analysed++
		}
		return w.skipFrom(t)
	}
}

func (w *jsonWalk) spdx2Package() error {
	var id string
	var s Subject
	return w.object(func(key string) error {
		switch key {
		case "SPDXID":
			return w.strInto(&id)
		case "name":
			return w.strInto(&s.Name)
		case "versionInfo":
			return w.strInto(&s.Version)
		case "licenseConcluded", "licenseDeclared":
			return w.strs(w.spdx2.licenses.addLicense)
		}
		return w.skip()
	}, func() {
		w.spdx2.packages++
		w.spdx2.find.pkg(id, s)
	})
}

func (w *jsonWalk) spdx2Relationship() error {
	var from, typ, to string
	return w.object(func(key string) error {
		switch key {
		case "spdxElementId":
			return w.strInto(&from)
		case "relationshipType":
			return w.strInto(&typ)
		case "relatedSpdxElement":
			return w.strInto(&to)
		}
		return w.skip()
	}, func() { w.spdx2.relationship(from, typ, to) })
}

// spdx3Element reads one element of an SPDX 3 @graph. Its type may come after the
// properties, so the few properties of interest are kept until the element ends.
func (w *jsonWalk) spdx3Element() error {
	var typ, id, name, version, info, expr, relType string
	var created located
	var roots, ids []string // rootElement; relationship targets or licence operands
	addID := func(s string) {
		if len(ids) < maxArgs {
			ids = append(ids, s)
		}
	}
	var subject, addition string // of an OrLaterOperator or WithAdditionOperator
	f := &w.spdx3
	return w.object(func(key string) error {
		switch key {
		case "type", "@type":
			return w.strInto(&typ)
		case "spdxId", "@id":
			return w.strInto(&id)
		case "name":
			return w.strInto(&name)
		case "software_packageVersion":
			return w.strInto(&version)
		case "created":
			return w.located(&created)
		case "simplelicensing_licenseExpression":
			return w.strInto(&expr)
		case "relationshipType":
			return w.strInto(&relType)
		case "to", "expandedlicensing_member":
			return w.strs(addID)
		case "expandedlicensing_subjectLicense", "expandedlicensing_subjectExtendableLicense":
			return w.strInto(&subject)
		case "expandedlicensing_subjectAddition":
			return w.strInto(&addition)
		case "rootElement":
			return w.strs(func(s string) {
				if len(roots) < maxRoots {
					roots = append(roots, s)
				}
			})
		case "creationInfo":
			t, err := w.next()
			if err != nil {
				return err
			}
			if s, ok := t.(string); ok {
				info = s
				return nil
			}
			// An inline CreationInfo.
			return w.objectFrom(t, func(key string) error {
				if key == "created" {
					return w.located(&created)
				}
				return w.skip()
			})
		}
		return w.skip()
	}, func() {
		if op, ok := spdx3Licences[typ]; ok {
			l := licence{op: op, args: ids, text: expr}
			switch {
			case op == "+":
				l.args = []string{subject}
			case op == "WITH":
				l.args = []string{subject, addition}
			case op == "" && expr == "" && strings.HasPrefix(id, listedLicenses):
				l.text = strings.TrimPrefix(id, listedLicenses)
			case op == "" && expr == "":
				l.text = name
			}
			f.licence(id, l)
		}
		switch {
		case typ == "CreationInfo":
			f.created(id, created)
		case typ == "SpdxDocument":
			f.docID, f.docName, f.docInfo = id, name, info
			f.docRoots = roots
			if info == "" {
				f.docCreated = created // inline
			}
		case typ == "software_Sbom":
			for _, r := range roots {
				f.sbomRoots.root(r)
			}
		case slices.Contains(spdx3Packages, typ):
			f.packages++
			f.sbomRoots.pkg(id, Subject{Name: name, Version: version})
		case typ == "Tool":
			f.tools.add(name)
		case typ == "Relationship" || typ == "LifecycleScopedRelationship":
			f.attach(relType, ids)
		}
		if typ != "CreationInfo" {
			f.created("", created) // an inline CreationInfo
		}
	})
}

// Token-level reading.

// next returns the next token; the end of the input is an error, since the walk only asks
// for tokens inside the top-level value.
func (w *jsonWalk) next() (json.Token, error) {
	w.in.commit(w.start + w.end)
	t, err := w.dec.Token()
	if err != nil {
		return nil, w.fail(err)
	}
	w.end = w.dec.InputOffset()
	return t, nil
}

// tokPos returns the position of the start of the last token read.
func (w *jsonWalk) tokPos() diag.Position { return w.in.tokenStart() }

// fail turns an error of the JSON decoder into a diagnostic.
func (w *jsonWalk) fail(err error) error {
	if w.in.rerr != nil {
		return w.in.readErr(w.in.rerr, w.in.n)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return w.in.truncated()
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return diag.Errorf(w.in.pos(w.start+max(se.Offset, w.dec.InputOffset())), codeMalformed, "invalid JSON: %v", se).
			WithHint("the file must be the JSON document exactly as the tool wrote it")
	}
	return diag.Errorf(w.in.pos(w.start+w.dec.InputOffset()), codeMalformed, "invalid JSON: %v", err)
}

func (w *jsonWalk) tooDeep() error {
	return diag.Errorf(w.tokPos(), codeMalformed, "values nested more than %d deep", maxDepth).
		WithHint("no SBOM nests this deep; is the file damaged?")
}

// object reads a value and, when it is an object, calls field with each key; field must
// read the key's value. Then each done function runs. Any other value is skipped.
func (w *jsonWalk) object(field func(key string) error, done ...func()) error {
	t, err := w.next()
	if err != nil {
		return err
	}
	return w.objectFrom(t, field, done...)
}

// objectFrom is object with the value's first token t already read.
func (w *jsonWalk) objectFrom(t json.Token, field func(key string) error, done ...func()) error {
	if t != json.Delim('{') {
		return w.skipFrom(t)
	}
	if w.depth++; w.depth > maxDepth {
		return w.tooDeep()
	}
	for w.dec.More() {
		k, err := w.next()
		if err != nil {
			return err
		}
		key, _ := k.(string)
		if err := field(key); err != nil {
			return err
		}
	}
	if _, err := w.next(); err != nil { // }
		return err
	}
	w.depth--
	for _, f := range done {
		f()
	}
	return nil
}

// array reads a value and, when it is an array, calls elem for each element; elem must read
// the element. Any other value is skipped.
func (w *jsonWalk) array(elem func() error) error {
	t, err := w.next()
	if err != nil {
		return err
	}
	return w.arrayFrom(t, elem)
}

func (w *jsonWalk) arrayFrom(t json.Token, elem func() error) error {
	if t != json.Delim('[') {
		return w.skipFrom(t)
	}
	if w.depth++; w.depth > maxDepth {
		return w.tooDeep()
	}
	for w.dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	if _, err := w.next(); err != nil { // ]
		return err
	}
	w.depth--
	return nil
}

// skip reads and discards one value.
func (w *jsonWalk) skip() error {
	t, err := w.next()
	if err != nil {
		return err
	}
	return w.skipFrom(t)
}

// skipFrom discards the rest of a value whose first token t has been read.
func (w *jsonWalk) skipFrom(t json.Token) error {
	if t != json.Delim('{') && t != json.Delim('[') {
		return nil
	}
	for n := 1; n > 0; {
		if w.depth+n > maxDepth {
			return w.tooDeep()
		}
		t, err := w.next()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			n++
		case json.Delim('}'), json.Delim(']'):
			n--
		}
	}
	return nil
}

// str reads a string or number value; anything else is skipped and gives "".
func (w *jsonWalk) str() (string, error) {
	t, err := w.next()
	if err != nil {
		return "", err
	}
	switch v := t.(type) {
	case string:
		return v, nil
	case json.Number:
		return string(v), nil
	}
	return "", w.skipFrom(t)
}

func (w *jsonWalk) strInto(dst *string) error {
	s, err := w.str()
	*dst = s
	return err
}

// located reads a string or number value into dst, with its position.
func (w *jsonWalk) located(dst *located) error {
	s, err := w.str()
	*dst = located{s, w.tokPos()}
	return err
}

// strs reads a string, or an array of strings, and calls add with each string.
func (w *jsonWalk) strs(add func(string)) error {
	t, err := w.next()
	if err != nil {
		return err
	}
	if s, ok := t.(string); ok {
		add(s)
		return nil
	}
	return w.arrayFrom(t, func() error {
		s, err := w.str()
		if s != "" {
			add(s)
		}
		return err
	})
}
