package sbom

import (
	"encoding/json"
	"errors"
	"io"
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
	created      string
	subject      Subject
	tools        set
	licenses     set
	components   int
	vulns        int
	analysed     int // vulnerabilities with an analysis
}

func (f *cdxFacts) summary(encoding string) *Summary {
	return &Summary{
		Format:          "CycloneDX",
		Encoding:        encoding,
		SpecVersion:     f.specVersion,
		VEX:             f.analysed > 0 && f.components <= f.vulns,
		Subject:         f.subject,
		Components:      f.components,
		Vulnerabilities: f.vulns,
		Licenses:        f.licenses.sorted(),
		Tools:           f.tools.sorted(),
		Created:         f.created,
		SerialNumber:    f.serial,
	}
}

// spdx2Facts is what an SPDX 2 document says, in JSON or tag-value.
type spdx2Facts struct {
	version    string
	versionPos diag.Position
	name       string
	namespace  string
	created    string
	tools      set
	licenses   set
	packages   int
	find       subjectFinder
}

func (f *spdx2Facts) summary(encoding string) *Summary {
	return &Summary{
		Format:       "SPDX",
		Encoding:     encoding,
		SpecVersion:  f.version,
		Subject:      f.find.subject(Subject{Name: f.name}),
		Components:   f.packages,
		Licenses:     f.licenses.sorted(),
		Tools:        f.tools.sorted(),
		Created:      f.created,
		SerialNumber: f.namespace,
	}
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
	docInfo      string // the document's creationInfo reference
	docCreated   string // created of an inline document creationInfo
	dataLicense  string
	infos        map[string]string // CreationInfo @id -> created, bounded
	firstCreated string            // earliest created of any CreationInfo
	sbomRoots    subjectFinder     // software_Sbom rootElement
	docRoots     []string          // SpdxDocument rootElement
	tools        set
	licenses     map[string]licenseExpr // expression -> how often, bounded by maxSetSize
	packages     int
}

type licenseExpr struct {
	n  int
	id string // the element id when n == 1
}

// summary returns the summary; the dataLicense element is left out of the licences unless
// another element has the same expression.
func (f *spdx3Facts) summary() *Summary {
	var lic set
	for expr, e := range f.licenses {
		if e.n == 1 && e.id == f.dataLicense {
			continue
		}
		lic.addLicense(expr)
	}
	for _, id := range f.docRoots {
		f.sbomRoots.root(id)
	}
	created := f.docCreated
	if created == "" {
		created = f.infos[f.docInfo]
	}
	if created == "" {
		created = f.firstCreated
	}
	return &Summary{
		Format:       "SPDX",
		Encoding:     "json-ld",
		SpecVersion:  spdx3Version(f.context),
		Subject:      f.sbomRoots.subject(Subject{Name: f.docName}),
		Components:   f.packages,
		Licenses:     lic.sorted(),
		Tools:        f.tools.sorted(),
		Created:      created,
		SerialNumber: f.docID,
	}
}

func (f *spdx3Facts) created(id, created string) {
	if created == "" {
		return
	}
	if f.firstCreated == "" || created < f.firstCreated {
		f.firstCreated = created
	}
	if id != "" && (len(f.infos) < maxCandidates || id == f.docInfo) {
		if f.infos == nil {
			f.infos = map[string]string{}
		}
		f.infos[id] = created
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
		if err := checkVersion(w.spdx2.versionPos, "SPDX JSON", v, "2.2", "2.3"); err != nil {
			return nil, err
		}
		w.spdx2.version = v
		return w.spdx2.summary("json"), nil
	case w.spdx3.context != "":
		v := spdx3Version(w.spdx3.context)
		if !strings.HasPrefix(v, "3.0") {
			return nil, diag.Errorf(w.spdx3.contextPos, codeUnsupported, "SPDX version %q (from @context %q) is not supported", v, w.spdx3.context).
				WithHint("evident recognises SPDX 3.0 JSON-LD")
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
		return w.cdxComponents()
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
				return w.strInto(&w.spdx2.created)
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
		return w.strInto(&w.cdx.created)
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

// cdxComponents reads an array of components, counting them and their nested components.
func (w *jsonWalk) cdxComponents() error {
	return w.array(func() error {
		return w.object(func(key string) error {
			switch key {
			case "components":
				return w.cdxComponents()
			case "licenses":
				return w.cdxLicenses()
			}
			return w.skip()
		}, func() { w.cdx.components++ })
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
	var typ, id, name, version, created, info, expr, dataLicense string
	var roots []string
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
			return w.strInto(&created)
		case "simplelicensing_licenseExpression":
			return w.strInto(&expr)
		case "dataLicense":
			return w.strInto(&dataLicense)
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
					return w.strInto(&created)
				}
				return w.skip()
			})
		}
		return w.skip()
	}, func() {
		switch typ {
		case "CreationInfo":
			f.created(id, created)
		case "SpdxDocument":
			f.docID, f.docName, f.docInfo, f.dataLicense = id, name, info, dataLicense
			f.docRoots = roots
			if info == "" {
				f.docCreated = created // inline
			}
		case "software_Sbom":
			for _, r := range roots {
				f.sbomRoots.root(r)
			}
		case "software_Package":
			f.packages++
			f.sbomRoots.pkg(id, Subject{Name: name, Version: version})
		case "Tool":
			f.tools.add(name)
		case "simplelicensing_LicenseExpression":
			if f.licenses == nil {
				f.licenses = map[string]licenseExpr{}
			}
			e, ok := f.licenses[expr]
			if ok || len(f.licenses) < maxSetSize {
				e.n++
				e.id = id
				f.licenses[expr] = e
			}
		}
		if typ != "CreationInfo" && created != "" {
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
