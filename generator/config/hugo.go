package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/node"
)

// A hugoRefusal says why a [hugo] key is refused and what to do instead.
type hugoRefusal struct{ why, hint string }

var (
	refuseSecurity = hugoRefusal{"evident keeps Hugo's security policy",
		"remove it: under Hugo's default policy a layout reads no environment variable but HUGO_* and CI, so it cannot publish a secret of the machine or of CI, and runs no program Hugo does not allow"}
	refuseFolder = hugoRefusal{"evident decides the folders Hugo reads and writes",
		"remove it: Hugo reads the site's own archetypes, assets, content, data, i18n, layouts and static folders, and writes only the build's destination (evident build --destination)"}
	refuseOwn = hugoRefusal{"evident sets it itself",
		"remove it: evident sets it from evident.toml (baseURL, languages) and uses its own theme, which the site's layouts/ can override"}
)

// hugoReserved are the [hugo] keys evident refuses, in lower case: Hugo reads keys
// without case, so "Security" and "SECURITY" are the same key. The package doc lists them.
var hugoReserved = map[string]hugoRefusal{
	"security": refuseSecurity,

	"publishdir": refuseFolder, "workingdir": refuseFolder, "cachedir": refuseFolder, "caches": refuseFolder,
	"resourcedir": refuseFolder, "themesdir": refuseFolder, "contentdir": refuseFolder, "datadir": refuseFolder,
	"layoutdir": refuseFolder, "i18ndir": refuseFolder, "archetypedir": refuseFolder, "assetdir": refuseFolder,
	"module": refuseFolder,

	"baseurl": refuseOwn, "theme": refuseOwn, "languages": refuseOwn, "defaultcontentlanguage": refuseOwn,
	"defaultcontentlanguageinsubdir": refuseOwn, "internal": refuseOwn,
}

// staticDirRe matches Hugo's staticDir and its numbered forms staticDir0 ... staticDir10.
var staticDirRe = regexp.MustCompile(`^staticdir[0-9]*$`)

// hugo reads the [hugo] table: the settings passed through to Hugo, without the refused keys.
func (d *decoder) hugo(n *node.Node) map[string]any {
	if !d.f.Table(n, "hugo") {
		return nil
	}
	out := map[string]any{}
	for _, k := range n.Keys {
		v := n.Map[k]
		lower := strings.ToLower(k)
		r, refused := hugoReserved[lower]
		if !refused && staticDirRe.MatchString(lower) {
			r, refused = refuseFolder, true
		}
		if refused {
			d.f.Add(diag.Errorf(v.KeyPos, "hugo-reserved", "[hugo] cannot set %s: %s", k, r.why).WithHint("%s", r.hint))
			continue
		}
		if d.hugoKind(v, lower, "hugo."+k) {
			out[k] = plain(v)
		}
	}
	return out
}

// hugoKind is the kind of value Hugo reads a setting as.
type hugoKind int

const (
	hugoTable    hugoKind = iota + 1 // a table of settings
	hugoTables                       // a table, or an array of tables (cascade)
	hugoBool                         // true or false
	hugoInt                          // an integer
	hugoString                       // any scalar, which Hugo reads as a string
	hugoStrings                      // a string, or an array of strings
	hugoDuration                     // "60s", or a number of seconds (timeout)
)

// hugoKinds are the kinds of Hugo's settings (v0.165.0, config/allconfig), by dotted key
// in lower case, as Hugo reads keys. A value of another kind made Hugo panic (params,
// related) or fail with no position in evident.toml; each is now an error at the value.
// A key not listed here, such as one a later Hugo adds, passes through as it is.
var hugoKinds = map[string]hugoKind{
	"params": hugoTable, "related": hugoTable, "menus": hugoTable, "markup": hugoTable,
	"markup.goldmark": hugoTable, "markup.goldmark.renderer": hugoTable, "markup.goldmark.parser": hugoTable,
	"markup.goldmark.extensions": hugoTable, "markup.highlight": hugoTable, "markup.tableofcontents": hugoTable,
	"markup.asciidocext": hugoTable, "outputs": hugoTable, "outputformats": hugoTable, "mediatypes": hugoTable,
	"contenttypes": hugoTable, "permalinks": hugoTable, "pagination": hugoTable, "taxonomies": hugoTable,
	"imaging": hugoTable, "minify": hugoTable, "sitemap": hugoTable, "privacy": hugoTable, "services": hugoTable,
	"build": hugoTable, "frontmatter": hugoTable, "segments": hugoTable, "server": hugoTable, "deployment": hugoTable,
	"httpcache": hugoTable, "page": hugoTable, "author": hugoTable, "social": hugoTable, "versions": hugoTable,
	"roles": hugoTable,

	"cascade": hugoTables,

	"builddrafts": hugoBool, "buildexpired": hugoBool, "buildfuture": hugoBool, "canonifyurls": hugoBool,
	"capitalizelisttitles": hugoBool, "cleandestinationdir": hugoBool, "defaultcontentroleinsubdir": hugoBool,
	"defaultcontentversioninsubdir": hugoBool, "disablealiases": hugoBool, "disabledefaultlanguageredirect": hugoBool,
	"disabledefaultsiteredirect": hugoBool, "disablehugogeneratorinject": hugoBool, "disablelivereload": hugoBool,
	"disablepathtolower": hugoBool, "enableemoji": hugoBool, "enablegitinfo": hugoBool,
	"enablemissingtranslationplaceholders": hugoBool, "enablerobotstxt": hugoBool, "hascjklanguage": hugoBool,
	"ignorecache": hugoBool, "nobuildlock": hugoBool, "nochmod": hugoBool, "notimes": hugoBool,
	"paniconwarning": hugoBool, "pluralizelisttitles": hugoBool, "printpathwarnings": hugoBool,
	"printunusedtemplates": hugoBool, "relativeurls": hugoBool, "removepathaccents": hugoBool,
	"templatemetrics": hugoBool, "templatemetricshints": hugoBool,

	"summarylength": hugoInt,

	"copyright": hugoString, "defaultcontentrole": hugoString, "defaultcontentversion": hugoString,
	"defaultoutputformat": hugoString, "environment": hugoString, "ignorevendorpaths": hugoString,
	"languagecode": hugoString, "locale": hugoString, "newcontenteditor": hugoString, "reflinkserrorlevel": hugoString,
	"reflinksnotfoundurl": hugoString, "sectionpagesmenu": hugoString, "timezone": hugoString, "title": hugoString,
	"titlecasestyle": hugoString,

	"disablekinds": hugoStrings, "disablelanguages": hugoStrings, "ignorefiles": hugoStrings, "ignorelogs": hugoStrings,
	"mainsections": hugoStrings, "rendersegments": hugoStrings,

	"timeout": hugoDuration,
}

// hugoKind reports whether n, the [hugo] setting at the lower-case dotted key and called
// name, is of the kind Hugo reads it as (hugoKinds), with the tables inside it that have
// a kind; it reports each value that is not.
func (d *decoder) hugoKind(n *node.Node, key, name string) bool {
	scalar := n.Kind != node.Map && n.Kind != node.List
	switch hugoKinds[key] {
	case hugoTable:
		if n.Kind != node.Map {
			d.f.Wrong(n, name, "a table", fmt.Sprintf("Hugo reads %s as a table of settings: write [%s] and a setting a line below it", name, name))
			return false
		}
	case hugoTables:
		if n.Kind == node.List && !slices.ContainsFunc(n.List, func(v *node.Node) bool { return v.Kind != node.Map }) {
			return true
		}
		if n.Kind != node.Map {
			d.f.Wrong(n, name, "a table or an array of tables", fmt.Sprintf("write [%s], or [[%s]] for each of several", name, name))
			return false
		}
	case hugoBool:
		if n.Kind != node.Bool {
			d.f.Wrong(n, name, "true or false", fmt.Sprintf("write %s = true or false, without quotes", name))
			return false
		}
	case hugoInt:
		if n.Kind != node.Int {
			d.f.Wrong(n, name, "an integer", fmt.Sprintf("write %s as a number without quotes", name))
			return false
		}
	case hugoString:
		if !scalar {
			d.f.Wrong(n, name, "a string", fmt.Sprintf(`write %s = "…"`, name))
			return false
		}
	case hugoStrings:
		if n.Kind == node.List && !slices.ContainsFunc(n.List, func(v *node.Node) bool { return v.Kind != node.String }) || n.Kind == node.String {
			return true
		}
		d.f.Wrong(n, name, "a string or an array of strings", fmt.Sprintf(`write %s = ["…", "…"]`, name))
		return false
	case hugoDuration:
		const hint = `write a duration such as "60s" or "2m", or a number of seconds`
		switch n.Kind {
		case node.Int:
		case node.String:
			if _, err := strconv.Atoi(n.Str); err != nil {
				if _, err := time.ParseDuration(n.Str); err != nil {
					d.f.Add(diag.Errorf(n.Pos, "bad-value", "%s %q is not a duration", name, n.Str).WithHint(hint))
					return false
				}
			}
		default:
			d.f.Wrong(n, name, `a duration such as "60s" or a number of seconds`, hint)
			return false
		}
	}
	ok := true
	if n.Kind == node.Map {
		for _, k := range n.Keys {
			if sub := key + "." + strings.ToLower(k); hugoKinds[sub] != 0 {
				ok = d.hugoKind(n.Map[k], sub, name+"."+k) && ok
			}
		}
	}
	return ok
}

// plain converts a node to plain Go values, as Hugo reads its settings.
func plain(n *node.Node) any {
	switch n.Kind {
	case node.Map:
		m := map[string]any{}
		for _, k := range n.Keys {
			m[k] = plain(n.Map[k])
		}
		return m
	case node.List:
		l := make([]any, len(n.List))
		for i, v := range n.List {
			l[i] = plain(v)
		}
		return l
	case node.Int:
		return n.Int
	case node.Float:
		return n.Float
	case node.Bool:
		return n.Bool
	case node.Date, node.DateTime, node.LocalDateTime:
		return n.Time
	}
	return n.Str // a string, and "" for a local time, which Hugo's settings do not take
}
