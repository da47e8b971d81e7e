package preview

import (
	"net"
	"testing"
)

func TestHostsAllows(t *testing.T) {
	loopback := newHosts(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1414}, nil)
	every := newHosts(&net.TCPAddr{IP: net.IPv4zero, Port: 1414}, []string{"0.0.0.0"})
	named := newHosts(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 1414}, []string{"box.lan"})
	for _, c := range []struct {
		h    hosts
		host string
		want bool
	}{
		{loopback, "127.0.0.1:1414", true},
		{loopback, "127.0.0.1", true},
		{loopback, "localhost:1414", true},
		{loopback, "LOCALHOST", true},
		{loopback, "[::1]:1414", true},
		{loopback, "[::1]", true},
		{loopback, "127.0.0.1:1415", false},
		{loopback, "evil.example", false},
		{loopback, "evil.example:1414", false},
		{loopback, "localhost.evil.example:1414", false},
		{loopback, "localhost.:1414", false},
		{loopback, "192.168.1.5:1414", false},
		{loopback, "", false},
		{every, "192.168.1.5:1414", true}, // an address typed as an IP cannot be rebound
		{every, "[fe80::1]:1414", true},
		{every, "evil.example:1414", false},
		{named, "192.168.1.5:1414", true},
		{named, "box.lan:1414", true},
		{named, "10.0.0.1:1414", false},
	} {
		if got := c.h.allows(c.host); got != c.want {
			t.Errorf("%+v allows %q = %v; want %v", c.h, c.host, got, c.want)
		}
	}
}
