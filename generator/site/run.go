package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// errStuck is returned by runBuild when Hugo's render can never finish.
var errStuck = errors.New("hugo stopped rendering after too many failed pages and cannot finish")

// runBuild first looks whether Hugo is stuck after stuckPoll, then at twice the interval
// each time, up to stuckPollMax. Each look stops the program for a dump of every
// stack; the stuck state is final, so looking less often on a long build only delays
// the error, by stuckPollMax at most.
const (
	stuckPoll    = 100 * time.Millisecond
	stuckPollMax = time.Second
)

// runBuild runs h.Build in a goroutine of its own and waits until it returns, ctx is
// cancelled, or Hugo is stuck. On cancellation it returns an error wrapping ctx.Err()
// at once, and on a stuck render errStuck; Hugo's goroutine is then left behind, so
// the caller must not publish anything it wrote (see gatedFs).
//
// Hugo v0.165.0 can deadlock when pages fail to render, as they all do when a layout
// used by every page is broken (a partial calling a missing partial, for instance).
// In hugolib/site_render.go, (*Site).renderPages walks the pages in the calling
// goroutine and sends each one on the channel "pages", buffered to the number of
// workers; each worker (pageRenderer) sends the error of a failed page on "results"
// or, once h.Done() is closed, returns. The collector (errorCollator, hugolib/site.go)
// stops reading "results" after 10 errors and calls h.Stop(), which closes h.Done():
// every worker then returns at its next failed page. The walker looks at h.Done()
// only before a send, in a select with a default case, then sends without a select:
// if it was already blocked on a full "pages" when the last worker returned, nothing
// ever receives again, and Build never returns (one build in four to ten, on two cores).
// Nothing outside Hugo can unblock that send, so runBuild recognises the state from
// the goroutine stacks (see stuck) and gives up on the build.
func runBuild(ctx context.Context, h *hugolib.HugoSites, cfg hugolib.BuildCfg, events ...fsnotify.Event) error {
	id := make(chan uint64, 1)
	done := make(chan error, 1)
	go func() {
		id <- goroutineID()
		done <- h.Build(cfg, events...)
	}()
	builder := <-id
	wait := stuckPoll
	look := time.NewTimer(wait)
	defer look.Stop()
	var dump []byte // kept from one look to the next, at the size the stacks need
	for {
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			return fmt.Errorf("render: %w", ctx.Err())
		case <-look.C:
			if stuck(builder, &dump) {
				return errStuck
			}
			wait = min(2*wait, stuckPollMax)
			look.Reset(wait)
		}
	}
}

// goroutineID returns the number of the calling goroutine, as stack dumps show it.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	n, _ := strconv.ParseUint(string(b[:bytes.IndexByte(b, ' ')]), 10, 64)
	return n
}

// Function names in Hugo v0.165.0's stacks that stuck looks for.
const (
	walkerFunc   = "github.com/gohugoio/hugo/hugolib.(*Site).renderPages.func1("
	collatorFunc = "github.com/gohugoio/hugo/hugolib.(*Site).errorCollator"
	workerFrom   = "created by github.com/gohugoio/hugo/hugolib.(*Site).renderPages in goroutine "
)

// stuck reports whether the build running in goroutine builder is in the deadlock
// described at runBuild: its page walker is blocked sending a page while none of the
// page workers it started is left to receive it. That state is final: only a worker
// could end it, and renderPages starts its workers before it walks. renderPages starts
// two kinds of goroutine: the page workers and the error collator. A worker is told by
// not being the collator rather than by its own frame, because a worker deep in a
// template has a stack so long that the runtime elides its first frames, pageRenderer
// among them (seen under load on a site of 320 evidence items: a false "stuck").
//
// buf holds the dump; it grows until every stack fits and is reused by the next call,
// so that polling does not allocate and grow a buffer each time.
func stuck(builder uint64, buf *[]byte) bool {
	if len(*buf) == 0 {
		*buf = make([]byte, 1<<16)
	}
	for {
		if n := runtime.Stack(*buf, true); n < len(*buf) {
			return stuckIn((*buf)[:n], builder)
		}
		*buf = make([]byte, 2*len(*buf))
	}
}

// stuckIn is stuck on a dump of every goroutine's stack, as runtime.Stack writes it.
func stuckIn(dump []byte, builder uint64) bool {
	self := fmt.Sprintf("goroutine %d [", builder)
	from := []byte(workerFrom + strconv.FormatUint(builder, 10) + "\n")
	walking := false
	for g := range bytes.SplitSeq(dump, []byte("\n\n")) {
		header, frames, _ := bytes.Cut(g, []byte("\n"))
		if bytes.HasPrefix(header, []byte(self)) {
			walking = bytes.HasPrefix(header[len(self):], []byte("chan send")) &&
				bytes.HasPrefix(firstFrame(frames), []byte(walkerFunc))
		}
		if bytes.Contains(g, from) && !bytes.Contains(g, []byte("\n"+collatorFunc)) {
			return false
		}
	}
	return walking
}

// firstFrame returns the first line of a goroutine's frames that is not in the runtime.
func firstFrame(frames []byte) []byte {
	for line := range bytes.Lines(frames) {
		if !bytes.HasPrefix(line, []byte("runtime.")) && !bytes.HasPrefix(line, []byte("\t")) {
			return line
		}
	}
	return nil
}

// gatedFs is Hugo's destination: once closed, it refuses to create or change anything,
// so that a build given up by runBuild cannot write into a folder the caller removes.
type gatedFs struct {
	afero.Fs
	mu     sync.RWMutex
	closed bool
}

var _ afero.Fs = (*gatedFs)(nil)

var errGateClosed = errors.New("the render was given up")

// Close makes every later change fail. It waits for changes under way.
func (g *gatedFs) Close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// change runs fn unless the gate is closed.
func (g *gatedFs) change(fn func() error) error {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if g.closed {
		return errGateClosed
	}
	return fn()
}

func (g *gatedFs) Create(name string) (f afero.File, err error) {
	err = g.change(func() error { f, err = g.Fs.Create(name); return err })
	return f, err
}

func (g *gatedFs) Mkdir(name string, perm os.FileMode) error {
	return g.change(func() error { return g.Fs.Mkdir(name, perm) })
}

func (g *gatedFs) MkdirAll(path string, perm os.FileMode) error {
	return g.change(func() error { return g.Fs.MkdirAll(path, perm) })
}

func (g *gatedFs) OpenFile(name string, flag int, perm os.FileMode) (f afero.File, err error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) == 0 {
		return g.Fs.OpenFile(name, flag, perm)
	}
	err = g.change(func() error { f, err = g.Fs.OpenFile(name, flag, perm); return err })
	return f, err
}

func (g *gatedFs) Remove(name string) error {
	return g.change(func() error { return g.Fs.Remove(name) })
}

func (g *gatedFs) RemoveAll(path string) error {
	return g.change(func() error { return g.Fs.RemoveAll(path) })
}

func (g *gatedFs) Rename(oldname, newname string) error {
	return g.change(func() error { return g.Fs.Rename(oldname, newname) })
}

func (g *gatedFs) Chmod(name string, mode os.FileMode) error {
	return g.change(func() error { return g.Fs.Chmod(name, mode) })
}

func (g *gatedFs) Chown(name string, uid, gid int) error {
	return g.change(func() error { return g.Fs.Chown(name, uid, gid) })
}

func (g *gatedFs) Chtimes(name string, atime, mtime time.Time) error {
	return g.change(func() error { return g.Fs.Chtimes(name, atime, mtime) })
}
