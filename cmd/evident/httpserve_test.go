package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdHTTPServe is the script command httpserve:
//
//	httpserve [-stall | -endless | -closed] VAR [DIR]
//
// It serves the folder DIR over HTTP on 127.0.0.1 and sets VAR to its URL (with a final
// slash), for scripts that read a published site as a customer does. The server lives
// until the script ends. The other kinds are servers that misbehave: -stall answers 200
// and never sends the body, -endless sends bytes without end, and -closed sets VAR to the
// URL of a port where nothing listens.
func cmdHTTPServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! httpserve")
	}
	mode := ""
	if len(args) > 0 && strings.HasPrefix(args[0], "-") {
		mode, args = args[0], args[1:]
	}
	if want := map[string]int{"": 2, "-stall": 1, "-endless": 1, "-closed": 1}[mode]; want == 0 || len(args) != want {
		ts.Fatalf("usage: httpserve [-stall | -endless | -closed] VAR [DIR]")
	}
	done := make(chan struct{})
	var h http.Handler
	switch mode {
	case "":
		h = http.FileServer(http.Dir(ts.MkAbs(args[1])))
	case "-stall":
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			select {
			case <-done:
			case <-r.Context().Done():
			}
		})
	case "-endless":
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			line := []byte(strings.Repeat("0", 63) + "\n")
			for {
				select {
				case <-done:
					return
				case <-r.Context().Done():
					return
				default:
				}
				if _, err := w.Write(line); err != nil {
					return
				}
			}
		})
	case "-closed":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		ts.Setenv(args[0], "http://"+ln.Addr().String()+"/")
		ln.Close()
		return
	}
	srv := httptest.NewServer(h)
	ts.Defer(func() {
		close(done)
		srv.Close()
	})
	ts.Setenv(args[0], srv.URL+"/")
}
