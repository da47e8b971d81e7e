package preview

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/evident-dev/evident/generator/config"
)

// Watch starts watching the site folder: evident.toml, Hugo's folders and static/ with
// their subfolders (also those created later), and the catalog files, artifacts and
// SBOMs the site refers to. Each burst of changes leads to one Rebuild. The watches
// are in place when Watch returns; the returned channel gets the end of the watcher
// (nil when ctx is done) and is then closed.
func (p *Preview) Watch(ctx context.Context) (<-chan error, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch the site folder: %w", err)
	}
	ws := &watchSet{w: w, root: p.opt.Root, watched: map[string]bool{}}
	ws.sync(p.referenced())
	done := make(chan error, 1)
	go func() {
		defer close(done)
		err := p.watchLoop(ctx, ws)
		done <- errors.Join(err, w.Close())
	}()
	return done, nil
}

func (p *Preview) watchLoop(ctx context.Context, ws *watchSet) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var (
		batch    []fsnotify.Event
		deadline time.Time
	)
	refs := p.referenced()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-ws.w.Errors:
			if !ok {
				return nil
			}
			// An overflow of the kernel's queue loses events: build everything again.
			if p.opt.Log != nil {
				fmt.Fprintf(p.opt.Log, "evident: watching the site: %v; rebuilding\n", err)
			}
			batch = append(batch, fsnotify.Event{Name: filepath.Join(p.opt.Root, config.File), Op: fsnotify.Write})
			timer.Reset(0)
		case ev, ok := <-ws.w.Events:
			if !ok {
				return nil
			}
			evs := ws.handle(ev, refs)
			if len(evs) == 0 {
				continue
			}
			if len(batch) == 0 {
				deadline = time.Now().Add(p.opt.MaxDelay)
			}
			batch = append(batch, evs...)
			timer.Reset(max(0, min(p.opt.Quiet, time.Until(deadline))))
		case <-timer.C:
			if len(batch) == 0 {
				continue
			}
			p.Rebuild(batch)
			batch = nil
			refs = p.referenced()
			ws.sync(refs)
		}
	}
}

// watchSet is the folders being watched.
type watchSet struct {
	w       *fsnotify.Watcher
	root    string
	watched map[string]bool
}

func (ws *watchSet) add(dir string) {
	if ws.watched[dir] {
		return
	}
	if err := ws.w.Add(dir); err == nil {
		ws.watched[dir] = true
	}
}

// sync watches the site root, every folder under watchDirs, and the folders on the
// way to the files the site refers to.
func (ws *watchSet) sync(refs map[string]bool) {
	ws.add(ws.root)
	for _, d := range watchDirs {
		ws.walk(filepath.Join(ws.root, d), nil)
	}
	for ref := range refs {
		for dir := filepath.Dir(ref); ws.inside(dir); dir = filepath.Dir(dir) {
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				ws.add(dir)
			}
		}
	}
}

// walk watches dir and its subfolders; with created set, it also returns a Create
// event for every file in them, which may have been written before the watch began.
func (ws *watchSet) walk(dir string, created *[]fsnotify.Event) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir():
			ws.add(p)
		case created != nil && !ignoredName(d.Name()):
			*created = append(*created, fsnotify.Event{Name: p, Op: fsnotify.Create})
		}
		return nil
	})
}

func (ws *watchSet) inside(p string) bool {
	r, err := filepath.Rel(ws.root, p)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// handle filters one event and returns what the build must know: nothing for editors'
// temporary files and for files the site does not use; for a new folder, its files.
func (ws *watchSet) handle(ev fsnotify.Event, refs map[string]bool) []fsnotify.Event {
	if ev.Op == fsnotify.Chmod || ignoredName(filepath.Base(ev.Name)) || !ws.inside(ev.Name) {
		return nil
	}
	rel, _ := filepath.Rel(ws.root, ev.Name)
	rel = filepath.ToSlash(rel)
	first, _, nested := strings.Cut(rel, "/")
	underWatchDir := slices.Contains(watchDirs, first)
	onTheWay := false
	for ref := range refs {
		if ref == ev.Name || strings.HasPrefix(ref, ev.Name+string(filepath.Separator)) {
			onTheWay = true
			break
		}
	}
	if !underWatchDir && !onTheWay && !(rel == config.File && !nested) {
		return nil
	}
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		for dir := range ws.watched {
			if dir == ev.Name || strings.HasPrefix(dir, ev.Name+string(filepath.Separator)) {
				delete(ws.watched, dir) // the kernel dropped the watch with the folder
			}
		}
	}
	out := []fsnotify.Event{ev}
	if ev.Op.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if underWatchDir {
				ws.walk(ev.Name, &out)
			} else {
				ws.add(ev.Name)
			}
		}
	}
	return out
}

// sedTemp matches the temporary files of sed -i.
var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

// ignoredName reports whether a file name is an editor's temporary or backup file.
func ignoredName(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store":
		return true
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swpx"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case strings.HasPrefix(name, ".#"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return sedTemp.MatchString(name)
}
