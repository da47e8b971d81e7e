package preview

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// DefaultPort is where `evident serve` listens unless told otherwise.
const DefaultPort = 1414

// ShutdownTimeout bounds how long Serve waits for requests in flight when it stops.
const ShutdownTimeout = 5 * time.Second

// Listen opens bind:port for the preview. A port in use is said plainly.
func Listen(bind string, port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is in use; choose another with --port", port)
	}
	return ln, err
}

// URL is the address of the preview served on ln, as a browser opens it.
func URL(ln net.Listener) string {
	host, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		return "http://" + ln.Addr().String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Serve previews the site on ln until ctx is done: it builds the site, watches it, and
// serves it; ready is called with the first build once pages are being served. On
// return the watcher is closed, the server shut down and Hugo released. It returns nil
// when ctx ended it, whatever the state of the site.
func Serve(ctx context.Context, ln net.Listener, opt Options, ready func(url string, first Build)) error {
	defer ln.Close()
	if opt.URL == "" {
		opt.URL = URL(ln)
	}
	var first Build
	onBuild := opt.OnBuild
	opt.OnBuild = func(b Build) {
		if b.Seq == 1 {
			first = b
		}
		if onBuild != nil {
			onBuild(b)
		}
	}
	p, err := New(ctx, opt)
	if err != nil {
		return err
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	watched, err := p.Watch(watchCtx)
	if err != nil {
		stopWatch()
		return errors.Join(err, p.Close())
	}
	handler := newHosts(ln.Addr(), opt.Hosts).guard(p.Handler())
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(p.hub.close) // ends the reload streams, which never go idle
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if ready != nil {
		ready(opt.URL, first)
	}

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	stopWatch()
	watchErr := <-watched
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	shutErr := srv.Shutdown(shutCtx)
	if serveErr == nil {
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			serveErr = err
		}
	} else if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return errors.Join(serveErr, watchErr, shutErr, p.Close())
}
