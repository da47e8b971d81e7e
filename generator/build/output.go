package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/evident-dev/evident/generator/catalog"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/diag"
	"github.com/evident-dev/evident/generator/site"
)

// Where a build writes: the destination, checked by the rule of the package doc, and the
// temporary output beside it, which the build swaps in at the end.

// destination resolves the destination (default SITE/public), symbolic links included, and
// refuses one that could destroy something evident did not write.
func destination(res *check.Result, given string) (string, error) {
	if given == "" {
		given = filepath.Join(res.Root, "public")
	}
	refuse := func(format string, args ...any) (string, error) {
		return "", diag.Errorf(diag.Position{File: given}, "unsafe-destination", format, args...).
			WithHint("choose a new or empty folder, or an earlier evident output, such as %s or a folder outside the site", filepath.Join(res.Root, "public"))
	}
	root, err := resolve(res.Root)
	if err != nil {
		return "", err
	}
	dest, err := resolve(given)
	if err != nil {
		return "", err
	}
	fi, statErr := os.Stat(dest)
	if statErr == nil && !fi.IsDir() {
		return refuse("the destination is a file, not a folder")
	}
	if _, ok := within(dest, root); ok {
		return refuse("the destination contains the site folder %s", res.Root)
	}
	if rel, ok := within(root, dest); ok {
		top, _, _ := strings.Cut(rel, "/")
		if top == catalog.ConfigFile || slices.Contains(check.HugoDirs, top) {
			return refuse("the destination is inside the site's %s/ folder, which the build reads", top)
		}
		for _, p := range inputs(res) {
			if first, _, _ := strings.Cut(p, "/"); first == top {
				return refuse("the destination is inside the site's %s/ folder, which holds an input of the build (%s)", top, p)
			}
		}
	}
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		return dest, nil
	case statErr != nil:
		return "", statErr
	case !isOutput(dest):
		return refuse("the destination is not empty and is not an earlier evident output (it has no %s written by evident)", site.DeclarationFile)
	}
	return dest, nil
}

// resolve makes p absolute with every symbolic link of its longest existing part resolved.
func resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether p is dir or inside it, comparing path components (a folder
// named "..x" in dir is inside it), and returns p relative to dir, slash-separated.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// inputs are the site-relative paths of the files a build reads outside the folders Hugo
// reads: catalogs, and the files it publishes beside the pages (siteFiles; a translation
// lists no file its original does not).
func inputs(res *check.Result) []string {
	var paths []string
	for _, ref := range res.Config.Catalogs {
		if !slices.Contains(catalog.Builtins, ref.Value) {
			paths = append(paths, ref.Value)
		}
	}
	for _, f := range siteFiles(res) {
		paths = append(paths, f.Value)
	}
	for i, p := range paths {
		paths[i] = path.Clean(p)
	}
	slices.Sort(paths) // the first of several in one folder is named, the same each time
	return paths
}

// isOutput reports whether dir is empty or an earlier evident output: its declaration.json
// starts with the generator field that evident writes first, after "$schema" and
// "formatVersion" in the format that has them.
func isOutput(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if errors.Is(err, io.EOF) && len(names) == 0 {
		return true
	}
	p := filepath.Join(dir, site.DeclarationFile)
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if f, err = os.Open(p); err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, 4096))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for range 3 { // "$schema", "formatVersion", then "generator"
		var key, value json.Token
		if key, err = dec.Token(); err != nil {
			return false
		}
		if value, err = dec.Token(); err != nil {
			return false
		}
		s, ok := value.(string)
		switch {
		case !ok:
			return false
		case key == "generator":
			return s == "evident" || strings.HasPrefix(s, "evident ")
		}
	}
	return false
}

// The temporary output of a build of SITE/public is SITE/.public.evident-PID-N: beside the
// destination (a rename publishes it), named by the process that writes it, so that a later
// build can tell a stale one, left by a build that was killed, from one in use.
const (
	tempInfix = ".evident-"
	tempSite  = "site"     // the output being built, inside the temporary folder
	tempOld   = "site.old" // the previous output, while it is swapped out
)

// live holds the temporary outputs that builds of this process are using.
var live = struct {
	sync.Mutex
	dirs map[string]bool
}{dirs: map[string]bool{}}

// tempOutput removes the stale temporary outputs beside dest and makes a new one for this
// build; release removes it.
func tempOutput(dest string) (dir string, release func(), err error) {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", nil, err
	}
	live.Lock()
	defer live.Unlock()
	removeStale(dest)
	dir, err = os.MkdirTemp(filepath.Dir(dest), tempPrefix(dest)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", nil, err
	}
	live.dirs[dir] = true
	return dir, func() {
		os.RemoveAll(dir)
		live.Lock()
		delete(live.dirs, dir)
		live.Unlock()
	}, nil
}

func tempPrefix(dest string) string { return "." + filepath.Base(dest) + tempInfix }

// removeStale removes the temporary outputs beside dest whose process is gone, or is this
// one but does not use them. When a build was killed in the middle of the swap, the
// previous output is in its temporary folder and dest is missing: it is put back.
// Folders whose name holds no process id are left alone. The caller holds live's lock.
func removeStale(dest string) {
	parent, prefix := filepath.Dir(dest), tempPrefix(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		id, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(id)
		if !ok || err != nil || pid <= 0 {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if live.dirs[dir] || (pid != os.Getpid() && running(pid)) {
			continue
		}
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			_ = os.Rename(filepath.Join(dir, tempOld), dest)
		}
		_ = os.RemoveAll(dir)
	}
}

// running reports whether a process with this id runs on this machine; when it cannot
// tell, it says yes.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	defer p.Release()
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

// swap replaces dest with the output in tmp: the previous output is moved aside into tmp,
// the new one takes its place, and tmp is removed by the caller.
func swap(tmp, dest string) error {
	out, old := filepath.Join(tmp, tempSite), filepath.Join(tmp, tempOld)
	moved := false
	if _, err := os.Lstat(dest); err == nil {
		if err := os.Rename(dest, old); err != nil {
			return fmt.Errorf("publishing: %w", err)
		}
		moved = true
	}
	if err := os.Rename(out, dest); err != nil {
		if moved {
			_ = os.Rename(old, dest) // put the previous output back
		}
		return fmt.Errorf("publishing: %w", err)
	}
	return nil
}
