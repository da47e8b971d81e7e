package sbom

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/evident-dev/evident/generator/diag"
)

// xmlDecoder reads CycloneDX XML. The spec version is the one in the namespace of the root
// element, http://cyclonedx.org/schema/bom/1.x.
type xmlDecoder struct{}

const cdxNamespace = "http://cyclonedx.org/schema/bom/"

// xmlKind says what an element is, from its name and its parent's kind.
type xmlKind int

const (
	xOther     xmlKind = iota
	xBom               // bom
	xMetadata          // bom/metadata
	xTools             // metadata/tools
	xToolList          // tools/components, tools/services (1.5 on)
	xTool              // tools/tool, tools/components/component, tools/services/service
	xSubject           // metadata/component
	xInventory         // bom/components, and components nested in an inventory component
	xComponent         // a component of the inventory
	xLicenses          // licenses of the subject or an inventory component
	xLicense           // licenses/license
	xVulns             // bom/vulnerabilities
	xVuln              // vulnerabilities/vulnerability
	xServices          // bom/services, and services nested in a service
	xService           // a service of services
	xText              // an element whose text is kept
)

// child returns the kind of an element called name whose parent has kind k.
func (k xmlKind) child(name string) xmlKind {
	switch k {
	case xBom:
		switch name {
		case "metadata":
			return xMetadata
		case "components":
			return xInventory
		case "vulnerabilities":
			return xVulns
		case "services":
			return xServices
		}
	case xMetadata:
		switch name {
		case "timestamp":
			return xText
		case "tools":
			return xTools
		case "component":
			return xSubject
		}
	case xTools:
		switch name {
		case "tool":
			return xTool
		case "components", "services":
			return xToolList
		}
	case xToolList:
		if name == "component" || name == "service" {
			return xTool
		}
	case xTool:
		if name == "name" || name == "version" {
			return xText
		}
	case xSubject:
		switch name {
		case "name", "version":
			return xText
		case "licenses":
			return xLicenses
		}
	case xInventory:
		if name == "component" {
			return xComponent
		}
	case xComponent:
		switch name {
		case "components":
			return xInventory
		case "licenses":
			return xLicenses
		}
	case xServices:
		if name == "service" {
			return xService
		}
	case xService:
		switch name {
		case "services":
			return xServices
		case "licenses":
			return xLicenses
		}
	case xLicenses:
		switch name {
		case "license":
			return xLicense
		case "expression":
			return xText
		}
	case xLicense:
		if name == "id" || name == "name" {
			return xText
		}
	case xVulns:
		if name == "vulnerability" {
			return xVuln
		}
	}
	return xOther
}

type xmlFrame struct {
	kind     xmlKind
	name     string
	analysed bool // of a vulnerability
}

func (xmlDecoder) decode(in *input, start int64) (*Summary, error) {
	dec := xml.NewDecoder(in.br)
	here := func() diag.Position { return in.pos(start + dec.InputOffset()) }
	fail := func(err error) error {
		if in.rerr != nil {
			return in.readErr(in.rerr, in.n)
		}
		var se *xml.SyntaxError
		if err == io.EOF || errors.As(err, &se) && se.Msg == "unexpected EOF" {
			return in.truncated()
		}
		return diag.Errorf(here(), codeMalformed, "invalid XML: %v", err).
			WithHint("the file must be the XML document exactly as the tool wrote it")
	}

	var (
		f       cdxFacts
		stack   []xmlFrame
		text    strings.Builder
		curTool Subject       // name and version of the tool being read
		textPos diag.Position // where the text being kept starts
		ns      string        // the root element's namespace
		rootEnd bool
	)
	for {
		in.commit(start + dec.InputOffset())
		before := here()
		t, err := dec.Token()
		if err == io.EOF && rootEnd {
			break
		}
		if err != nil {
			return nil, fail(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if rootEnd {
				return nil, diag.Errorf(before, codeMalformed, "more than one root element").
					WithHint("an SBOM file holds one XML document")
			}
			if len(stack) == 0 {
				if t.Name.Local != "bom" || !strings.HasPrefix(t.Name.Space, cdxNamespace) {
					return nil, otherXML(t, before, func() (xml.Token, error) {
						in.commit(start + dec.InputOffset())
						return dec.Token()
					})
				}
				ns = t.Name.Space
				f.specVersion = strings.TrimPrefix(ns, cdxNamespace)
				if err := checkVersion(before, "CycloneDX", f.specVersion, cdxVersions...); err != nil {
					return nil, err
				}
				for _, a := range t.Attr {
					if a.Name.Local == "serialNumber" && (a.Name.Space == "" || a.Name.Space == ns) {
						f.serial = a.Value
					}
				}
				stack = append(stack, xmlFrame{kind: xBom, name: "bom"})
				continue
			}
			if len(stack) >= maxDepth {
				return nil, diag.Errorf(before, codeMalformed, "elements nested more than %d deep", maxDepth).
					WithHint("no SBOM nests this deep; is the file damaged?")
			}
			parent := &stack[len(stack)-1]
			kind := xOther
			if t.Name.Space == ns {
				kind = parent.kind.child(t.Name.Local)
			}
			switch kind {
			case xComponent:
				f.components++
			case xService:
				f.services++
			case xVuln:
				f.vulns++
			case xTool:
				curTool = Subject{}
			case xText:
				text.Reset()
				textPos = here()
			case xOther:
				if parent.kind == xVuln && t.Name.Local == "analysis" && t.Name.Space == ns && !parent.analysed {
					parent.analysed = true
					f.analysed++
				}
			}
			stack = append(stack, xmlFrame{kind: kind, name: t.Name.Local})
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].kind == xText && text.Len() < maxValueLen*4 {
				text.Write(t)
			}
			if rootEnd && len(strings.TrimSpace(string(t))) > 0 {
				return nil, diag.Errorf(before, codeMalformed, "text after the end of the document").
					WithHint("an SBOM file holds one XML document")
			}
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				rootEnd = true
				continue
			}
			parent := stack[len(stack)-1].kind
			switch top.kind {
			case xTool:
				f.tools.add(tool(curTool.Name, curTool.Version))
			case xText:
				v := strings.TrimSpace(text.String())
				switch parent {
				case xMetadata:
					f.created = located{v, textPos}
				case xTool:
					setNameVersion(&curTool, top.name, v)
				case xSubject:
					setNameVersion(&f.subject, top.name, v)
				case xLicenses, xLicense:
					f.licenses.addLicense(v)
				}
			}
		}
	}
	return f.summary("xml"), nil
}

// otherXML is the diagnostic for an XML document whose root element, root at pos, is not a
// CycloneDX bom. SPDX in RDF/XML, and in the XML of SPDX 2.2 and 2.3, are named as such; next
// reads the tokens after the root's start.
func otherXML(root xml.StartElement, pos diag.Position, next func() (xml.Token, error)) error {
	const rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	if root.Name.Space == rdfNamespace && root.Name.Local == "RDF" {
		for _, a := range root.Attr {
			if a.Name.Space == "xmlns" && strings.Contains(a.Value, "spdx.org/rdf/") {
				return diag.Errorf(pos, codeUnsupportedFormat, "SPDX in RDF/XML is not read: %s", spdxEncodings).WithHint(convertSPDXHint)
			}
		}
	}
	if root.Name.Space == "" && root.Name.Local == "Document" {
		if v := spdxXMLVersion(next); v != "" {
			return diag.Errorf(pos, codeUnsupportedFormat, "SPDX %s in XML is not read: %s", v, spdxEncodings).WithHint(convertSPDXHint)
		}
	}
	return unknown(pos, "an XML document whose root element is <%s> in namespace %q, not a CycloneDX <bom>", root.Name.Local, root.Name.Space)
}

// spdxXMLVersion reads the first children of a root <Document> for the spdxVersion of SPDX 2
// in XML, such as SPDX-2.3, and returns the version (2.3), or "".
func spdxXMLVersion(next func() (xml.Token, error)) string {
	depth, inVersion := 1, false
	for range 1000 {
		t, err := next()
		if err != nil {
			return ""
		}
		switch t := t.(type) {
		case xml.StartElement:
			depth++
			inVersion = depth == 2 && t.Name.Local == "spdxVersion"
		case xml.CharData:
			if inVersion {
				v, _ := strings.CutPrefix(strings.TrimSpace(string(t)), "SPDX-")
				return v
			}
		case xml.EndElement:
			if depth--; depth == 0 {
				return ""
			}
			inVersion = false
		}
	}
	return ""
}

func setNameVersion(s *Subject, field, v string) {
	if field == "name" {
		s.Name = v
	} else {
		s.Version = v
	}
}
