package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/evident-dev/evident/generator/preview"
	"github.com/evident-dev/evident/internal/testenv"
)

// hostileTimeout bounds each command of a hostile case: a case that takes longer hangs.
const hostileTimeout = 30 * time.Second

// TestHostile runs `evident check` and `evident build` on every site of the hostile corpus,
// ../../testdata/hostile/*.txtar, and holds each to the same promises: no panic, no hang,
// a clear error naming the file (at line:col where the archive says so) or a safe site,
// nothing written outside the destination, and nothing live in the output that the input
// put there (<script>, event-handler attributes, javascript: URLs).
//
// An archive is the site's files; its comment says how to finish the site and what to
// expect, one directive a line (# starts a remark):
//
//	base                     start from base.site (the archive's files replace its files)
//	hex FILE                 decode \xNN escapes in FILE (invalid UTF-8, NUL bytes)
//	crlf FILE                end FILE's lines with CR LF
//	bom FILE                 start FILE with a UTF-8 byte order mark
//	symlink LINK TARGET      create LINK pointing at TARGET (taken as it is)
//	big FILE MiB             a valid evidence file padded to MiB mebibytes (8.5: 8.5 MiB)
//	deep N                   a valid evidence file N folders below content/evidence
//	nest FILE FORMAT N       an evidence file whose requirements nest N lists deep
//	                         (FORMAT toml, yaml: [[...]]; yaml-block: "- " indented)
//	many FILE KEY N PATH     a valid evidence file with N [[KEY]] tables (artifacts, sboms)
//	                         that all name PATH
//	exit check|build CODE    the exit code
//	match check|build RE     the output (stdout and stderr) matches RE
//	nomatch check|build RE   the output does not match RE
//	exists PATH              the build published PATH (slash path in the destination)
//	absent PATH              the build did not publish PATH
//	serve RE                 `evident serve` starts, and its home page matches RE
//	fifo FILE                create a named pipe at FILE, in place of any file there (it must never block anything)
//	get PATH CODE [RE]       `evident serve` answers GET PATH with status CODE, and a body
//	                         that does not match RE (a file from outside the site, a listing)
func TestHostile(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile")
	names, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no hostile cases in %s: %v", dir, err)
	}
	base, err := txtar.ParseFile(filepath.Join(dir, "base.site"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			runHostile(t, base, ar)
		})
	}
}

type hostileCase struct {
	tmp, site, dest string
	exit            map[string]int
	match, nomatch  map[string][]*regexp.Regexp
	exists, absent  []string
	serve           []*regexp.Regexp
	gets            []hostileGet
}

// hostileGet is a request to the preview and what it must answer.
type hostileGet struct {
	path string
	code int
	not  *regexp.Regexp // nil: any body
}

func runHostile(t *testing.T, base, ar *txtar.Archive) {
	tmp := t.TempDir()
	c := &hostileCase{tmp: tmp, site: filepath.Join(tmp, "site"), dest: filepath.Join(tmp, "out", "public"),
		exit: map[string]int{}, match: map[string][]*regexp.Regexp{}, nomatch: map[string][]*regexp.Regexp{}}
	mustMkdir(t, filepath.Join(tmp, "out"))
	mustMkdir(t, c.site)
	files := map[string][]byte{}
	directives := hostileDirectives(t, ar.Comment)
	if len(directives) > 0 && directives[0][0] == "base" {
		for _, f := range base.Files {
			files[f.Name] = f.Data
		}
		directives = directives[1:]
	}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	var after [][]string // directives that need the files on disk
	for _, d := range directives {
		switch d[0] {
		case "hex":
			files[d[1]] = unhex(t, files[d[1]])
		case "crlf":
			files[d[1]] = bytes.ReplaceAll(files[d[1]], []byte("\n"), []byte("\r\n"))
		case "bom":
			files[d[1]] = append([]byte("\uFEFF"), files[d[1]]...)
		case "exit":
			n, err := strconv.Atoi(d[2])
			if err != nil {
				t.Fatalf("exit %s: %v", d[2], err)
			}
			c.exit[d[1]] = n
		case "match", "nomatch":
			re := regexp.MustCompile(strings.Join(d[2:], " "))
			if d[0] == "match" {
				c.match[d[1]] = append(c.match[d[1]], re)
			} else {
				c.nomatch[d[1]] = append(c.nomatch[d[1]], re)
			}
		case "exists":
			c.exists = append(c.exists, d[1])
		case "absent":
			c.absent = append(c.absent, d[1])
		case "serve":
			c.serve = append(c.serve, regexp.MustCompile(strings.Join(d[1:], " ")))
		case "get":
			g := hostileGet{path: d[1]}
			var err error
			if g.code, err = strconv.Atoi(d[2]); err != nil {
				t.Fatalf("get %s: %v", d[2], err)
			}
			if len(d) > 3 {
				g.not = regexp.MustCompile(strings.Join(d[3:], " "))
			}
			c.gets = append(c.gets, g)
		case "symlink", "big", "deep", "nest", "fifo", "many":
			after = append(after, d)
		default:
			t.Fatalf("unknown directive %q", d)
		}
	}
	for name, data := range files {
		writeSiteFile(t, c.site, name, data)
	}
	for _, d := range after {
		switch d[0] {
		case "symlink":
			link := filepath.Join(c.site, filepath.FromSlash(d[1]))
			mustMkdir(t, filepath.Dir(link))
			if err := os.Symlink(d[2], link); err != nil {
				testenv.Missing(t, "cannot create symlinks here: %v", err)
			}
		case "fifo":
			p := filepath.Join(c.site, filepath.FromSlash(d[1]))
			mustMkdir(t, filepath.Dir(p))
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) { // the pipe replaces a file of the base site
				t.Fatal(err)
			}
			if err := mkfifo(p); err != nil {
				testenv.Missing(t, "cannot create named pipes here: %v", err)
			}
		case "big":
			mib, err := strconv.ParseFloat(d[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			writeSiteFile(t, c.site, d[1], bigEvidence(int(mib*(1<<20))))
		case "deep":
			n, _ := strconv.Atoi(d[1])
			rel := "content/evidence/" + strings.Repeat("d/", n) + "deep.md"
			writeSiteFile(t, c.site, rel, []byte(validEvidence("Deep", "")))
		case "nest":
			n, _ := strconv.Atoi(d[3])
			writeSiteFile(t, c.site, d[1], nestedEvidence(d[2], n))
		case "many":
			n, _ := strconv.Atoi(d[3])
			var tables strings.Builder
			for range n {
				fmt.Fprintf(&tables, "[[%s]]\npath = %q\n", d[2], d[4])
			}
			writeSiteFile(t, c.site, d[1], []byte(validEvidence("Many", tables.String())))
		}
	}

	before := snapshot(t, tmp)
	for _, cmd := range []string{"check", "build"} {
		args := []string{cmd, c.site}
		if cmd == "build" {
			args = append(args, "--destination", c.dest)
		}
		code, out := runBounded(t, args)
		t.Logf("evident %s: exit %d\n%s", cmd, code, clip(withoutNotices(out)))
		c.expect(t, cmd, code, out)
	}
	c.sameOutside(t, before)
	if _, err := os.Stat(c.dest); err == nil {
		checkTreeSafe(t, c.dest)
	}
	for _, p := range c.exists {
		if _, err := os.Stat(filepath.Join(c.dest, filepath.FromSlash(p))); err != nil {
			t.Errorf("the build did not publish %s: %v", p, err)
		}
	}
	for _, p := range c.absent {
		if _, err := os.Lstat(filepath.Join(c.dest, filepath.FromSlash(p))); err == nil {
			t.Errorf("the build published %s", p)
		}
	}
	if len(c.serve)+len(c.gets) > 0 {
		c.checkServe(t)
	}
}

// runBounded runs evident with args and fails the test on a panic or when it takes
// longer than hostileTimeout.
func runBounded(t *testing.T, args []string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	type result struct {
		code  int
		out   string
		panic string
	}
	done := make(chan result, 1)
	go func() {
		var out bytes.Buffer
		defer func() {
			if r := recover(); r != nil {
				done <- result{panic: fmt.Sprintf("%v\n%s", r, debug.Stack())}
			}
		}()
		code := Execute(ctx, args, &out, &out)
		done <- result{code: code, out: out.String()}
	}()
	select {
	case r := <-done:
		if r.panic != "" {
			t.Fatalf("evident %s panicked: %s", args[0], r.panic)
		}
		return r.code, r.out
	case <-time.After(hostileTimeout + 5*time.Second):
		t.Fatalf("evident %s did not finish in %s", args[0], hostileTimeout)
	}
	return 0, ""
}

// errorLine is a diagnostic in text format: "file[:line[:col]]: error: message".
var errorLine = regexp.MustCompile(`(?m)^([^\s:][^:\n]*?)(?::(\d+))?(?::(\d+))?: error: (.+)$`)

func (c *hostileCase) expect(t *testing.T, cmd string, code int, out string) {
	t.Helper()
	for _, bad := range []string{"internal error", "panic", "goroutine "} {
		if strings.Contains(out, bad) {
			t.Errorf("evident %s: the output contains %q", cmd, bad)
		}
	}
	want, ok := c.exit[cmd]
	if !ok {
		t.Fatalf("the case says nothing about the exit code of %s", cmd)
	}
	if code != want {
		t.Errorf("evident %s: exit %d, want %d", cmd, code, want)
	}
	if code == ExitProblems {
		// Every error names a file of the site (or one the site should have).
		ms := errorLine.FindAllStringSubmatch(out, -1)
		if len(ms) == 0 {
			t.Errorf("evident %s failed without an error at file:line:col", cmd)
		}
		for _, m := range ms {
			if _, err := os.Lstat(filepath.Join(c.site, filepath.FromSlash(m[1]))); err != nil && !strings.HasPrefix(m[1], "content/") || strings.Contains(m[0], c.tmp) {
				t.Errorf("evident %s: error names %q, which is not a file of the site: %s", cmd, m[1], m[0])
			}
		}
	}
	for _, re := range c.match[cmd] {
		if !re.MatchString(out) {
			t.Errorf("evident %s: the output does not match %q", cmd, re)
		}
	}
	for _, re := range c.nomatch[cmd] {
		if re.MatchString(out) {
			t.Errorf("evident %s: the output matches %q", cmd, re)
		}
	}
}

// sameOutside checks that nothing changed under the test's folder but the destination.
func (c *hostileCase) sameOutside(t *testing.T, before map[string]string) {
	t.Helper()
	after := snapshot(t, c.tmp)
	for p, h := range after {
		if strings.HasPrefix(p, "out/public/") || p == "out/public" {
			continue
		}
		if before[p] != h {
			t.Errorf("%s was written outside the destination", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// snapshot records every entry under root without following symlinks: its type, size,
// mode and content digest (or link target).
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	s := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		desc := info.Mode().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			desc += " -> " + target
		case d.Type().IsRegular():
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			h := sha256.New()
			_, err = io.Copy(h, f)
			f.Close()
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" %d %x", info.Size(), h.Sum(nil))
		}
		s[rel] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkTreeSafe checks every HTML and XML file under dir.
func checkTreeSafe(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch filepath.Ext(p) {
		case ".html", ".htm":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, problem := range unsafeHTML(b, false) {
				t.Errorf("%s: %s", filepath.ToSlash(rel), problem)
			}
		case ".xml":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, problem := range unsafeXML(b) {
				t.Errorf("%s: %s", filepath.ToSlash(rel), problem)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// urlAttrs are the attributes a browser follows as URLs.
var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background", "srcset", "ping", "manifest"}

// activeTags are elements the theme never writes; one in the output came from the input.
var activeTags = []string{"iframe", "object", "embed", "base", "frame", "frameset", "applet", "form"}

// unsafeHTML lists what in page could run code: a script that is not one of the theme's
// own (an external file with an integrity attribute), an event-handler attribute, a
// javascript:, vbscript: or data:text/html URL (also in a <meta http-equiv=refresh>), an
// element that embeds or navigates. The preview's own reload script is allowed when preview is set.

func unsafeHTML(page []byte, preview bool) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(page))
	inScript, previewScript := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return problems
		case html.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" && (!previewScript || strings.Contains(string(z.Text()), "alert(")) {
				problems = append(problems, "inline script: "+clip(string(z.Text())))
			}
			continue
		case html.EndTagToken:
			inScript = false
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			attrs[key] = a.Val
			if strings.HasPrefix(key, "on") {
				problems = append(problems, fmt.Sprintf("<%s %s=%q>: event handler", tok.Data, a.Key, a.Val))
			}
			if slices.Contains(urlAttrs, key) || key == "style" || key == "content" && tok.Data == "meta" {
				if scheme := dangerousScheme(a.Val); scheme != "" {
					problems = append(problems, fmt.Sprintf("<%s %s=%q>: %s URL", tok.Data, a.Key, a.Val, scheme))
				}
			}
		}
		switch {
		case tok.Data == "script":
			inScript = tt == html.StartTagToken
			_, previewScript = attrs["data-evident-preview"]
			previewScript = previewScript && preview
			if previewScript {
				break
			}
			if attrs["src"] == "" || attrs["integrity"] == "" || !strings.HasPrefix(attrs["src"], "/") {
				problems = append(problems, fmt.Sprintf("script that is not the theme's: %s", tok))
			}
		case slices.Contains(activeTags, tok.Data):
			problems = append(problems, fmt.Sprintf("<%s> element", tok.Data))
		}
	}
}

// dangerousScheme returns the scheme of a URL that runs code, as a browser reads it:
// without ASCII whitespace and control characters, in any case.
func dangerousScheme(v string) string {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, s := range []string{"javascript:", "vbscript:", "data:text/html", "livescript:"} {
		if strings.Contains(v, s) {
			return strings.TrimSuffix(s, ":")
		}
	}
	return ""
}

// unsafeXML lists script elements, event handlers and javascript: URLs in an XML file
// (the feed, the sitemap), and reads each <description> as the HTML it carries in RSS.
func unsafeXML(b []byte) []string {
	var problems []string
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return problems
		}
		if err != nil {
			return append(problems, "not well-formed XML: "+err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			if strings.EqualFold(tok.Name.Local, "script") {
				problems = append(problems, "script element")
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					problems = append(problems, "event handler "+a.Name.Local)
				}
				if s := dangerousScheme(a.Value); s != "" {
					problems = append(problems, fmt.Sprintf("%s URL in %s", s, a.Name.Local))
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "description":
				for _, p := range unsafeHTML(tok, false) {
					problems = append(problems, "in a description: "+p)
				}
				if bytes.Contains(bytes.ToLower(tok), []byte("<script")) {
					problems = append(problems, "script in a description")
				}
			case "link", "loc", "guid":
				if s := dangerousScheme(string(tok)); s != "" {
					problems = append(problems, s+" URL in <"+stack[len(stack)-1]+">")
				}
			}
		}
	}
}

// checkServe starts `evident serve`'s preview on a free port of 127.0.0.1 and checks its
// home page, then that it stops when asked.
func (c *hostileCase) checkServe(t *testing.T) {
	t.Helper()
	ln, err := preview.Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- preview.Serve(ctx, ln, preview.Options{Root: c.site, Generator: "evident test"},
			func(url string, _ preview.Build) { ready <- url })
	}()
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped before it was ready: %v", err)
	case <-time.After(hostileTimeout):
		t.Fatalf("serve was not ready in %s", hostileTimeout)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range c.serve {
		if !re.Match(body) {
			t.Errorf("serve: the home page does not match %q:\n%s", re, clip(string(body)))
		}
	}
	for _, p := range unsafeHTML(body, true) {
		t.Errorf("serve: home page: %s", p)
	}
	for _, bad := range []string{"internal error", "goroutine "} {
		if bytes.Contains(body, []byte(bad)) {
			t.Errorf("serve: the home page contains %q", bad)
		}
	}
	for _, g := range c.gets {
		resp, err := client.Get(strings.TrimSuffix(url, "/") + g.path)
		if err != nil {
			t.Errorf("serve: GET %s: %v", g.path, err)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Errorf("serve: GET %s: %v", g.path, err)
		}
		if resp.StatusCode != g.code {
			t.Errorf("serve: GET %s: %d, want %d:\n%s", g.path, resp.StatusCode, g.code, clip(string(body)))
		}
		if g.not != nil && g.not.Match(body) {
			t.Errorf("serve: GET %s: the answer matches %q:\n%s", g.path, g.not, clip(string(body)))
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(preview.ShutdownTimeout + hostileTimeout):
		t.Error("serve did not stop")
	}
}

func hostileDirectives(t *testing.T, comment []byte) [][]string {
	var ds [][]string
	for line := range strings.Lines(string(comment)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		min := map[string]int{"base": 1, "hex": 2, "crlf": 2, "bom": 2, "symlink": 3, "big": 3, "deep": 2,
			"nest": 4, "exit": 3, "match": 3, "nomatch": 3, "exists": 2, "absent": 2, "serve": 2,
			"fifo": 2, "get": 3, "many": 5}[f[0]]
		if min == 0 || len(f) < min {
			t.Fatalf("bad directive %q", line)
		}
		ds = append(ds, f)
	}
	return ds
}

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

func unhex(t *testing.T, b []byte) []byte {
	if !hexEscape.Match(b) {
		t.Fatal("hex: the file has no \\xNN escape")
	}
	return hexEscape.ReplaceAllFunc(b, func(m []byte) []byte {
		out, _ := hex.DecodeString(string(m[2:]))
		return out
	})
}

func validEvidence(title, extra string) string {
	return fmt.Sprintf("+++\ntitle = %q\nrequirements = [\"(1)-2\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\nowner = \"Security\"\n%s+++\n", title, extra)
}

// bigEvidence is a valid evidence file of size bytes: a front matter and Markdown paragraphs.
func bigEvidence(size int) []byte {
	var b bytes.Buffer
	b.WriteString(validEvidence("Big", ""))
	para := strings.Repeat("All work and no play makes a large evidence file. ", 20) + "\n\n"
	for b.Len() < size {
		b.WriteString(para)
	}
	return b.Bytes()[:size]
}

// nestedEvidence is an evidence file whose requirements is a list nested n deep.
func nestedEvidence(format string, n int) []byte {
	nested := strings.Repeat("[", n) + `"(1)-2"` + strings.Repeat("]", n)
	if format == "yaml-block" { // one "- " deeper on each line
		var b strings.Builder
		b.WriteString("---\ntitle: Nested\nstatus: implemented\nrequirements:\n")
		for i := range n {
			b.WriteString(strings.Repeat(" ", 2*i+2) + "-\n")
		}
		b.WriteString(strings.Repeat(" ", 2*n+2) + "- \"(1)-2\"\n---\n")
		return []byte(b.String())
	}
	if format == "yaml" {
		return []byte("---\ntitle: Nested\nstatus: implemented\nrequirements: " + nested + "\n---\n")
	}
	return []byte("+++\ntitle = \"Nested\"\nstatus = \"implemented\"\nrequirements = " + nested + "\n+++\n")
}

func writeSiteFile(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	mustMkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// withoutNotices drops the notices (and their hints) from check's text output, for the log.
func withoutNotices(s string) string {
	var b strings.Builder
	skip := false
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, "\t") && skip {
			continue
		}
		skip = strings.Contains(line, ": notice: ")
		if !skip {
			b.WriteString(line)
		}
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "..."
	}
	return s
}

// TestUnsafeDetectors shows that the checks of TestHostile see what they look for.
func TestUnsafeDetectors(t *testing.T) {
	theme := `<html><head><script src="/js/evident.js" integrity="sha256-x" defer></script>` +
		`<meta http-equiv="refresh" content="0; url=/"></head><body><a href="/en/">en</a> &lt;script&gt;</body></html>`
	if p := unsafeHTML([]byte(theme), false); len(p) > 0 {
		t.Errorf("a safe page is reported: %q", p)
	}
	for _, page := range []string{
		`<script>alert(1)</script>`,
		`<script src="https://evil.example/x.js"></script>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#x09;Script:alert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<iframe src="/x"></iframe>`,
		`<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
	} {
		if len(unsafeHTML([]byte(page), false)) == 0 {
			t.Errorf("not reported: %s", page)
		}
	}
	if p := unsafeHTML([]byte(`<script data-evident-preview>new EventSource("/_reload")</script>`), true); len(p) > 0 {
		t.Errorf("the preview's script is reported: %q", p)
	}
	for _, feed := range []string{
		`<rss><channel><item><description>&lt;script&gt;alert(1)&lt;/script&gt;</description></item></channel></rss>`,
		`<rss><channel><item><link>javascript:alert(1)</link></item></channel></rss>`,
		`<rss><channel><script>alert(1)</script></channel></rss>`,
	} {
		if len(unsafeXML([]byte(feed))) == 0 {
			t.Errorf("not reported: %s", feed)
		}
	}
	if p := unsafeXML([]byte(`<rss><channel><title>&lt;script&gt;</title><item><description>Implemented — (1)-2</description></item></channel></rss>`)); len(p) > 0 {
		t.Errorf("a safe feed is reported: %q", p)
	}
}
