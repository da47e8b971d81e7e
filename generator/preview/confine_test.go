package preview

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/testenv"
)

const secret = "the secret outside the site"

// confinedSite is siteTxtar with a static file, an artifact and a folder that Hugo does
// not read.
func confinedSite(t *testing.T) string {
	t.Helper()
	root := writeSite(t, siteTxtar)
	replaceInFile(t, root, "content/evidence/alpha.md", `owner = "Security"`,
		"owner = \"Security\"\n[[artifacts]]\npath = \"artifacts/policy.txt\"\n[[artifacts]]\npath = \"artifacts/plan.txt\"")
	writeFile(t, root, "artifacts/policy.txt", "the policy")
	writeFile(t, root, "artifacts/plan.txt", "the plan")
	writeFile(t, root, "static/x.txt", "a static file")
	writeFile(t, root, "other/inside.txt", "inside")
	return root
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		testenv.Missing(t, "no symlinks here: %v", err)
	}
}

// TestServeStaysInsideSite: whatever the site folder becomes after the start (symlinks
// out of it, an artifact replaced by a link or a folder, a named pipe), the preview never
// serves a file from outside it, never lists a folder and never hangs.
func TestServeStaysInsideSite(t *testing.T) {
	root := confinedSite(t)
	s := serve(t, root)
	waitPage(t, s.url+"evidence/alpha/", "served", has("Alpha body"))
	for p, want := range map[string]string{"x.txt": "a static file", "artifacts/policy.txt": "the policy"} {
		if code, body := get(t, s.url+p); code != 200 || body != want {
			t.Fatalf("%s: %d %q", p, code, body)
		}
	}

	outside := t.TempDir()
	writeFile(t, outside, "secret", secret)
	writeFile(t, outside, "folder/secret", secret)
	symlink(t, "../other", filepath.Join(root, "static", "a"))
	symlink(t, outside, filepath.Join(root, "other", "root"))
	symlink(t, filepath.Join(outside, "secret"), filepath.Join(root, "static", "out.txt"))
	if err := os.Remove(filepath.Join(root, "artifacts", "policy.txt")); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(outside, "secret"), filepath.Join(root, "artifacts", "policy.txt"))
	if err := os.Remove(filepath.Join(root, "artifacts", "plan.txt")); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(outside, "folder"), filepath.Join(root, "artifacts", "plan.txt"))
	writeFile(t, root, "static/dir/file.txt", "in a folder")
	// The check sees the links and fails; the last good site stays served.
	waitPage(t, s.url, "showing the problems", func(code int, body string) bool {
		return code == 200 && strings.Contains(problemsOverlay(body), "outside the site")
	})

	for _, p := range []string{"a/root/secret", "a/root/", "a/root/folder/", "out.txt", "artifacts/policy.txt", "artifacts/plan.txt", "artifacts/plan.txt/secret"} {
		code, body := get(t, s.url+p)
		if code == 200 || strings.Contains(body, secret) || strings.Contains(body, `<a href="secret">`) {
			t.Errorf("%s: %d, served from outside the site:\n%s", p, code, tail(body))
		}
	}
	// Inside the site, a folder is never listed.
	for _, p := range []string{"dir/", "dir", "a/", "artifacts/"} {
		if code, body := get(t, s.url+p); code == 200 || strings.Contains(body, "file.txt") || strings.Contains(body, "inside.txt") {
			t.Errorf("%s: %d, a folder listing:\n%s", p, code, tail(body))
		}
	}
	if code, body := get(t, s.url+"dir/file.txt"); code != 200 || body != "in a folder" {
		t.Errorf("dir/file.txt: %d %q", code, body)
	}
}

// TestServeNamedPipe: a named pipe in static/ or as an artifact is refused at once; the
// preview goes on serving.
func TestServeNamedPipe(t *testing.T) {
	root := confinedSite(t)
	s := serve(t, root)
	waitPage(t, s.url+"evidence/alpha/", "served", has("Alpha body"))
	if err := syscall.Mkfifo(filepath.Join(root, "static", "pipe"), 0o644); err != nil {
		testenv.Missing(t, "no named pipes here: %v", err)
	}
	if err := os.Remove(filepath.Join(root, "artifacts", "policy.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "artifacts", "policy.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Unblocks a reader still waiting (the test failed), so that Serve can stop.
		for _, p := range []string{"static/pipe", "artifacts/policy.txt"} {
			if w, err := os.OpenFile(filepath.Join(root, p), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
	})
	for _, p := range []string{"pipe", "artifacts/policy.txt"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, "GET", s.url+p, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			cancel()
			t.Errorf("%s: %v (a named pipe blocks the preview)", p, err)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if err != nil || resp.StatusCode == 200 {
			t.Errorf("%s: %d %q %v", p, resp.StatusCode, body, err)
		}
	}
	waitPage(t, s.url+"evidence/beta/", "still served", has("Beta body"))
}

// request sends a GET with the given Host and Origin headers and returns the status and
// the start of the body.
func request(t *testing.T, rawURL, host, origin string) (int, string, http.Header) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// Up to 512 bytes, or the first message of the reload stream, which never ends.
	var b []byte
	buf := make([]byte, 512)
	for len(b) < 512 && !strings.HasSuffix(string(b), "\n\n") {
		n, err := resp.Body.Read(buf[:512-len(b)])
		b = append(b, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, string(b), resp.Header
}

// TestServeRefusesForeignHosts: a page on another site that gets its name to resolve to
// 127.0.0.1 (DNS rebinding) cannot read the preview, nor its reload stream.
func TestServeRefusesForeignHosts(t *testing.T) {
	root := confinedSite(t)
	s := serve(t, root)
	waitPage(t, s.url+"evidence/alpha/", "served", has("Alpha body"))
	u, err := url.Parse(s.url)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	stream := s.url + strings.TrimPrefix(EventsPath, "/")
	for _, host := range []string{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port, "localhost:1", "127.0.0.2:" + port} {
		for _, target := range []string{s.url, s.url + "artifacts/policy.txt", stream} {
			code, body, h := request(t, target, host, "")
			if code != http.StatusForbidden || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") || strings.Contains(body, "<") {
				t.Errorf("Host %s, %s: %d %s %q; want 403 and a plain message", host, target, code, h.Get("Content-Type"), body)
			}
		}
	}
	for _, host := range []string{"", "localhost", "localhost:" + port, "LocalHost:" + port, "127.0.0.1", "[::1]:" + port, "[::1]"} {
		if code, body, _ := request(t, s.url, host, ""); code != 200 || !strings.Contains(body, "<") {
			t.Errorf("Host %q: %d %q; want the page", host, code, body)
		}
	}
	for _, origin := range []string{"http://evil.example", "http://evil.example:" + port, "null", "https://127.0.0.1:" + port, "http://127.0.0.1:1"} {
		if code, body, _ := request(t, stream, "", origin); code != http.StatusForbidden {
			t.Errorf("Origin %s: %d %q; want 403", origin, code, body)
		}
	}
	for _, origin := range []string{"http://127.0.0.1:" + port, "http://localhost:" + port} {
		if code, body, _ := request(t, stream, "", origin); code != 200 || !strings.Contains(body, "data: ") {
			t.Errorf("Origin %s: %d %q; want the stream", origin, code, body)
		}
	}
}
