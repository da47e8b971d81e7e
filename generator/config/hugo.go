package config

import (
	"regexp"
	"strings"

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
		out[k] = plain(v)
	}
	return out
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
