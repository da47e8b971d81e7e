//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/sitetest"
)

// interruptSite has a large artifact, so that the build is still copying it when the
// signal comes.
var interruptSite = sitetest.OneEvidence("[[artifacts]]\npath = \"artifacts/big.bin\"\n")

// TestInterrupt runs `evident build` as a process, sends it SIGINT or SIGTERM while it
// copies a large artifact, and checks that it exits with ExitInterrupted, says so,
// publishes nothing and leaves no temporary output.
func TestInterrupt(t *testing.T) {
	bin, err := exec.LookPath("evident") // the test binary, put on PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	root := sitetest.Unpack(t, interruptSite)
	// A sparse file: reading it costs no disk, writing the copy does until the signal.
	// 2 GiB: the copy takes seconds, so the signal still comes during it when the loop
	// below that waits for the copy runs late on a loaded machine.
	if err := os.Mkdir(filepath.Join(root, "artifacts"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(root, "artifacts", "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	big.Close()

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			// An earlier output, which must stay as it is.
			sitetest.WriteFile(t, dest, "declaration.json", []byte(`{"generator": "evident test"}`))
			sitetest.WriteFile(t, dest, "index.html", []byte("earlier\n"))
			sitetest.WriteFile(t, dest, "SHA256SUMS", []byte("the sums of the earlier output\n"))
			var out bytes.Buffer
			cmd := exec.Command(bin, "build", "--destination", dest, root)
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// The copy the model step makes, before the render; the artifact moves into
			// the output (site/) only after the render, just before the build publishes.
			copying := filepath.Join(parent, ".public.evident-*", "files", "artifacts", "big.bin")
			deadline := time.After(2 * time.Minute)
		wait:
			for {
				select {
				case err := <-exited:
					t.Fatalf("the build ended before it copied the artifact (%v):\n%s", err, out.String())
				case <-deadline:
					cmd.Process.Kill()
					t.Fatalf("the build did not copy the artifact within 2 minutes:\n%s", out.String())
				case <-time.After(2 * time.Millisecond):
					if m, _ := filepath.Glob(copying); len(m) > 0 {
						break wait
					}
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err = <-exited:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatalf("the build did not stop within a minute of %s:\n%s", sig, out.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != ExitInterrupted {
				t.Errorf("after %s the build ended with %v, want exit code %d:\n%s", sig, err, ExitInterrupted, out.String())
			}
			if !strings.Contains(out.String(), "interrupted") {
				t.Errorf("the build did not say it was interrupted:\n%s", out.String())
			}
			if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "earlier\n" {
				t.Errorf("the earlier output changed: %q, %v", b, err)
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if e.Name() != "public" {
					t.Errorf("%s left beside the destination", e.Name())
				}
			}
		})
	}
}
