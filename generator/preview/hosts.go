package preview

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hosts are the names the preview answers to. A browser sends the name of the page's
// own site as Host, so a web page elsewhere whose name its owner makes resolve to
// 127.0.0.1 (DNS rebinding) reaches the preview with a foreign Host: refused, it cannot
// read the preview. An address typed as an IP cannot be rebound.
type hosts struct {
	port  string          // the port the preview listens on
	names map[string]bool // lower case, IPv6 addresses without brackets
	anyIP bool            // listening on every interface: any IP address is this machine's
}

// newHosts accepts localhost, 127.0.0.1 and ::1, the address the preview listens on and
// extra (such as the --bind address), each with or without the port it listens on.
func newHosts(addr net.Addr, extra []string) hosts {
	h := hosts{names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	host, port, err := net.SplitHostPort(addr.String())
	if err == nil {
		h.port = port
		extra = append([]string{host}, extra...)
	}
	for _, name := range extra {
		name = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(name, "["), "]"))
		if ip := net.ParseIP(name); ip != nil && ip.IsUnspecified() {
			h.anyIP = true
		} else if name != "" {
			h.names[name] = true
		}
	}
	return h
}

// allows reports whether hostport, a Host header or the host of an Origin, is one of
// the preview's names.
func (h hosts) allows(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil { // no port
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
	}
	if port != "" && port != h.port {
		return false
	}
	host = strings.ToLower(host)
	return h.names[host] || h.anyIP && net.ParseIP(host) != nil
}

// guard refuses, with 403 and a plain message, a request whose Host is not one of the
// preview's names, and a request of the reload stream from a page of another origin.
func (h hosts) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.allows(r.Host) {
			http.Error(w, "forbidden: the preview answers only at http://127.0.0.1:"+h.port+"/ or http://localhost:"+h.port+"/", http.StatusForbidden)
			return
		}
		if r.URL.Path == EventsPath {
			if origin := r.Header.Get("Origin"); origin != "" && !h.allowsOrigin(origin) {
				http.Error(w, "forbidden: the reload stream is only for the preview's own pages", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// allowsOrigin reports whether origin is http://NAME of the preview.
func (h hosts) allowsOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && u.Host != "" && u.User == nil &&
		(u.Path == "" || u.Path == "/") && u.RawQuery == "" && h.allows(u.Host)
}
