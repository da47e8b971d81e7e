package integrity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/evident-dev/evident/internal/parallel"
)

// CopyFiles copies the files at paths (slash-separated, relative to the folder src) to
// the same paths under the folder dst, and returns their entries in the order of paths.
// Each file is read once: its bytes go to the copy and through SHA-256 on the same way,
// through one pooled fixed-size buffer, at most workers files at a time, so that memory
// does not grow with the size or number of the files. A file is opened as Tree opens
// one (confined to src; a named pipe is refused at once), and a copy never replaces a
// file already in dst.
//
// The first file that cannot be copied stops the others at their next buffer. The error
// is an *fs.PathError for it, of Op "read" or "write" (the copy) and Path from paths,
// joined with those of any other file that failed on its own meanwhile. Cancelling ctx stops
// them the same way, and the error then wraps ctx's. Unfinished copies stay in dst, for
// the caller to remove with it.
func CopyFiles(ctx context.Context, src, dst string, paths []string, workers int) ([]Entry, error) {
	r, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var stop atomic.Bool // set by the first file that fails
	entries := make([]Entry, len(paths))
	errs := make([]error, len(paths))
	parallel.For(len(paths), workers, func(i int) {
		if stop.Load() || ctx.Err() != nil {
			return // not started
		}
		if entries[i], errs[i] = copyIn(ctxReader{ctx, &stop, nil}, r, paths[i], dst); errs[i] != nil {
			stop.Store(true)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("copying: %w", err)
	}
	var failed []error
	for _, err := range errs {
		if err != nil && !errors.Is(err, errStopped) {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return nil, errors.Join(failed...)
	}
	return entries, nil
}

// copyIn copies the file at slash path p inside r to the same path under dst, digesting
// it, reading it through stop.
func copyIn(stop ctxReader, r *os.Root, p, dst string) (Entry, error) {
	in, err := openRegular(r, p)
	if err != nil {
		return Entry{}, &fs.PathError{Op: "read", Path: p, Err: cause(err)}
	}
	defer in.Close()
	target := filepath.Join(dst, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return Entry{}, &fs.PathError{Op: "write", Path: p, Err: cause(err)}
	}
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return Entry{}, &fs.PathError{Op: "write", Path: p, Err: cause(err)}
	}
	h := sha256.New()
	w := &copyWriter{out: out, h: h}
	stop.r = in
	size, err := digestInto(w, stop)
	if cerr := out.Close(); err == nil && cerr != nil {
		w.err = cerr
	}
	switch {
	case w.err != nil:
		return Entry{}, &fs.PathError{Op: "write", Path: p, Err: cause(w.err)}
	case err != nil:
		return Entry{}, &fs.PathError{Op: "read", Path: p, Err: cause(err)}
	}
	return Entry{Path: p, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// copyWriter writes each buffer to the copy, then to the digest, and keeps the copy's
// error apart from the source's.
type copyWriter struct {
	out *os.File
	h   io.Writer
	err error
}

func (w *copyWriter) Write(b []byte) (int, error) {
	if _, err := w.out.Write(b); err != nil {
		w.err = err
		return 0, err
	}
	return w.h.Write(b)
}

// errStopped is the error of a copy that another file's failure stopped.
var errStopped = errors.New("stopped")

// ctxReader reads r until ctx is done or stop is set.
type ctxReader struct {
	ctx  context.Context
	stop *atomic.Bool
	r    io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if c.stop.Load() {
		return 0, errStopped
	}
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// cause is what went wrong with a file, without the path that the caller names anyway.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
