package integrity

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// writeTree creates files (slash path -> content) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestDigest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	} {
		// OneByteReader makes the copy loop run once per byte.
		size, got, err := Digest(iotest.OneByteReader(strings.NewReader(tc.in)))
		if err != nil || got != tc.want || size != int64(len(tc.in)) {
			t.Errorf("Digest(%q) = %d, %s, %v; want %d, %s", tc.in, size, got, err, len(tc.in), tc.want)
		}
	}
	if _, _, err := Digest(iotest.ErrReader(os.ErrClosed)); err == nil {
		t.Error("Digest of a failing reader succeeded")
	}
}

func TestDigestFileLargerThanBuffer(t *testing.T) {
	content := strings.Repeat("0123456789abcdef", 3*bufSize/16+7)
	p := filepath.Join(t.TempDir(), "big.bin")
	writeTree(t, filepath.Dir(p), map[string]string{"big.bin": content})
	got, err := DigestFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{Path: filepath.ToSlash(p), Size: int64(len(content)), SHA256: sha(content)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DigestFile (-want +got):\n%s", diff)
	}
}

func TestTree(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a/b":            "1",
		"a-c":            "2", // '-' sorts before '/': byte order, not walk order
		"index.html":     "3",
		"SHA256SUMS":     "excluded",
		"sub/SHA256SUMS": "not excluded: exclusion is by path",
		"資料/報告 書.pdf":    "4",
	}
	writeTree(t, dir, files)
	got, err := Tree(dir, "SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	var want []Entry
	for _, p := range []string{"a-c", "a/b", "index.html", "sub/SHA256SUMS", "資料/報告 書.pdf"} {
		want = append(want, Entry{Path: p, Size: int64(len(files[p])), SHA256: sha(files[p])})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tree (-want +got):\n%s", diff)
	}
}

// TestTreeWith checks that a file known is not read: its entry is the one known gives,
// under the walk's path, and known is asked with the information of the file itself
// (not of a symbolic link's target). The others are digested.
func TestTreeWith(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/known.html": "12345", "a/read.html": "r", "b/known.css": "x"})
	if err := os.Symlink("known.html", filepath.Join(dir, "a", "link.html")); err != nil {
		t.Fatal(err)
	}
	asked := map[string]int64{}
	var mu sync.Mutex
	known := func(p string, fi fs.FileInfo) (Entry, bool) {
		mu.Lock()
		defer mu.Unlock()
		asked[p] = fi.Size()
		if strings.Contains(p, "known") {
			return Entry{Path: "ignored", Size: fi.Size(), SHA256: "known " + p}, true
		}
		return Entry{}, false
	}
	got, err := TreeWith(dir, known)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Path: "a/known.html", Size: 5, SHA256: "known a/known.html"},
		{Path: "a/link.html", Size: 5, SHA256: sha("12345")},
		{Path: "a/read.html", Size: 1, SHA256: sha("r")},
		{Path: "b/known.css", Size: 1, SHA256: "known b/known.css"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TreeWith (-want +got):\n%s", diff)
	}
	// The link is not a regular file: known is not asked about it, and it is read.
	if diff := cmp.Diff(map[string]int64{"a/known.html": 5, "a/read.html": 1, "b/known.css": 1}, asked); diff != "" {
		t.Errorf("known was asked (-want +got):\n%s", diff)
	}
}

func TestTreeSymlinks(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"secret": "s"})

	t.Run("inside", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"real/f.txt": "x"})
		if err := os.Symlink("real/f.txt", filepath.Join(dir, "link.txt")); err != nil {
			t.Fatal(err)
		}
		got, err := Tree(dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []Entry{{"link.txt", 1, sha("x")}, {"real/f.txt", 1, sha("x")}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Tree (-want +got):\n%s", diff)
		}
	})
	for name, target := range map[string]string{
		"absolute outside": filepath.Join(outside, "secret"),
		"relative outside": filepath.Join("..", "..", filepath.Base(outside), "secret"),
		"dangling":         "nowhere",
		"directory":        ".",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"ok.txt": "x"})
			if err := os.MkdirAll(filepath.Join(dir, "d"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(dir, "d", "evil")); err != nil {
				t.Fatal(err)
			}
			_, err := Tree(dir)
			if err == nil || !strings.Contains(err.Error(), "d/evil") {
				t.Errorf("Tree = %v, want an error naming d/evil", err)
			}
		})
	}
}

func TestTreeManyFilesParallel(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 200 {
		files[filepath.ToSlash(filepath.Join("d"+string(rune('a'+i%7)), strings.Repeat("f", 1+i%5)+string(rune('0'+i%10))+strings.Repeat("x", i)))] = strings.Repeat("y", i)
	}
	writeTree(t, dir, files)
	got, err := Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) {
		t.Fatalf("Tree found %d files, want %d", len(got), len(files))
	}
	for i, e := range got {
		if i > 0 && got[i-1].Path >= e.Path {
			t.Errorf("not sorted: %q before %q", got[i-1].Path, e.Path)
		}
		if c, ok := files[e.Path]; !ok || e.SHA256 != sha(c) || e.Size != int64(len(c)) {
			t.Errorf("entry %+v does not match the file written", e)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"a", "a/b.txt", "資料/x y", `back\slash`, "..a", "a..b/c"} {
		if why := checkPath(p); why != "" {
			t.Errorf("checkPath(%q) = %q, want valid", p, why)
		}
	}
	for _, p := range []string{"", "/etc/passwd", "..", "../x", "a/../../x", "a/..", "./a", "a//b", "a/", "a\x00b"} {
		if checkPath(p) == "" {
			t.Errorf("checkPath(%q) accepted it", p)
		}
	}
}
