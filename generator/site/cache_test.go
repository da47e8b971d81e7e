//go:build unix

package site

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheHolder is not a test: TestStaleCacheRemoved runs the test binary with
// EVIDENT_CACHE_BASE set, as a render that creates a cache folder, prints it and
// waits to be killed.
func TestCacheHolder(t *testing.T) {
	base := os.Getenv("EVIDENT_CACHE_BASE")
	if base == "" {
		t.Skip("run by TestStaleCacheRemoved")
	}
	c, err := newCacheDir(base)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("cache " + c.path + "\n")
	time.Sleep(time.Minute)
}

// TestStaleCacheRemoved: a cache folder of a process that is alive stays, and one left by
// a process that was killed is removed by the next render.
func TestStaleCacheRemoved(t *testing.T) {
	base := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCacheHolder$")
	cmd.Env = append(os.Environ(), "EVIDENT_CACHE_BASE="+base)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	held, ok := strings.CutPrefix(strings.TrimSpace(line), "cache ")
	if err != nil || !ok {
		t.Fatalf("the holder printed %q (%v)", line, err)
	}
	// An old folder nobody holds, as an evident killed before this change leaves.
	old := filepath.Join(base, cachePrefix+"123")
	if err := os.MkdirAll(filepath.Join(old, "filecache"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Neither a folder of another name nor a symlink is touched.
	other := filepath.Join(base, "evident-other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(base, cachePrefix+"link")); err != nil {
		t.Fatal(err)
	}

	c, err := newCacheDir(base)
	if err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool {
		_, err := os.Lstat(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		return err == nil
	}
	if !exists(held) {
		t.Errorf("the cache folder of a running process was removed")
	}
	if exists(old) {
		t.Errorf("a cache folder nobody holds was not removed")
	}
	if !exists(other) || !exists(filepath.Join(base, cachePrefix+"link")) {
		t.Errorf("a folder that is not a cache folder was removed")
	}
	if err := c.Remove(); err != nil || exists(c.path) {
		t.Errorf("Remove: %v; the folder exists: %v", err, exists(c.path))
	}

	// Kill the holder: its folder stays behind until the next render removes it.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !exists(held) {
		t.Fatal("the killed process's folder vanished on its own")
	}
	c, err = newCacheDir(base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Remove()
	if exists(held) {
		t.Errorf("the cache folder of a killed process was not removed")
	}
	if !exists(c.path) {
		t.Errorf("the new cache folder is missing")
	}
}
