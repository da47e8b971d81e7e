package sitefs

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// noOpenat2 is set once openat2 turned out to be missing or forbidden (an old kernel, a
// container's seccomp filter): os.Root is used from then on.
var noOpenat2 atomic.Bool

// beneath opens name under dir with openat2, the kernel refusing any step out of dir.
// It reports false when openat2 cannot be used.
func beneath(dir, name string, flag int) (*os.File, bool, error) {
	if noOpenat2.Load() {
		return nil, false, nil
	}
	d, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, true, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(d)
	how := &unix.OpenHow{Flags: uint64(flag | unix.O_CLOEXEC), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(d, filepath.FromSlash(name), how)
		switch {
		case err == unix.EINTR || err == unix.EAGAIN:
			continue
		case err == unix.ENOSYS || err == unix.EPERM:
			noOpenat2.Store(true)
			return nil, false, nil
		case err == unix.EXDEV:
			return nil, true, ErrOutside
		case err != nil:
			return nil, true, err
		}
		return os.NewFile(uintptr(fd), filepath.Join(dir, filepath.FromSlash(name))), true, nil
	}
}

func open(dir, name string) (*os.File, error) {
	f, ok, err := beneath(dir, name, flags)
	if !ok {
		return openRoot(dir, name)
	}
	return f, err
}

func stat(dir, name string, follow bool) (fs.FileInfo, error) {
	flag := unix.O_PATH
	if !follow {
		flag |= unix.O_NOFOLLOW
	}
	f, ok, err := beneath(dir, name, flag)
	if !ok {
		return statRoot(dir, name, follow)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}
