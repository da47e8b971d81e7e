package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evident-dev/evident/internal/testenv"
)

// recipes are the CI publishing recipes of examples/ci.
var recipes = []string{"github-pages.yml", "gitlab-pages.yml"}

// TestRecipes reads the CI recipes and checks every `evident` command line in them
// against the commands and flags that exist, and that their `ssh-keygen -Y sign` line
// signs SHA256SUMS the way `evident verify --key` expects.
func TestRecipes(t *testing.T) {
	for _, name := range recipes {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "examples", "ci", name))
			if err != nil {
				t.Fatal(err)
			}
			evident, signs := recipeCommands(t, string(b))
			var joined []string
			for _, args := range evident {
				if err := checkCommandLine(args); err != nil {
					t.Errorf("%s: evident %s: %v", name, strings.Join(args, " "), err)
				}
				joined = append(joined, strings.Join(args, " "))
			}
			// What every recipe must do: check, build into public with the links checked.
			if !slices.ContainsFunc(joined, func(s string) bool { return strings.HasPrefix(s, "check") }) {
				t.Errorf("%s does not run evident check", name)
			}
			if !slices.ContainsFunc(joined, func(s string) bool {
				return strings.HasPrefix(s, "build --destination public") && strings.Contains(s, "--check-links")
			}) {
				t.Errorf("%s does not run evident build --destination public --check-links", name)
			}
			if len(signs) == 0 {
				t.Errorf("%s does not sign SHA256SUMS with ssh-keygen -Y sign", name)
			}
			for _, words := range signs {
				checkSignLine(t, words)
			}
		})
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "examples", "ci", "github-pages.yml"))
	if !strings.Contains(string(b), "evident check --format github") {
		t.Error("github-pages.yml does not report problems as annotations (evident check --format github)")
	}
}

// TestCheckCommandLine shows that a recipe with a command or flag that does not exist fails.
func TestCheckCommandLine(t *testing.T) {
	for _, ok := range []string{"check --format github", "build --destination public --check-links", "verify --key k.pub public"} {
		if err := checkCommandLine(strings.Fields(ok)); err != nil {
			t.Errorf("evident %s: %v", ok, err)
		}
	}
	for _, bad := range []string{"publish public", "build --check-link", "build --destination", "check a b", ""} {
		if checkCommandLine(strings.Fields(bad)) == nil {
			t.Errorf("evident %s: accepted", bad)
		}
	}
}

// recipeCommands returns the words of every evident command line and of every
// ssh-keygen -Y sign line of a recipe, each without the program name for evident.
func recipeCommands(t *testing.T, recipe string) (evident, signs [][]string) {
	t.Helper()
	for line := range strings.Lines(recipe) {
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "#") {
			continue
		}
		s = strings.TrimPrefix(s, "- ")
		s = strings.TrimPrefix(s, "run: ")
		words, err := shellWords(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
			words = words[1:] // VAR=value before the command
		}
		switch {
		case len(words) > 0 && words[0] == "evident":
			evident = append(evident, words[1:])
		case len(words) > 2 && words[0] == "ssh-keygen" && slices.Contains(words, "-Y") && slices.Contains(words, "sign"):
			signs = append(signs, words)
		}
	}
	if len(evident) == 0 {
		t.Fatal("no evident command line found")
	}
	return evident, signs
}

// checkCommandLine parses an evident command line as the CLI does: the command must
// exist, every flag must be one of its flags (with a value when it takes one), and the
// positional arguments must fit.
func checkCommandLine(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("no command")
	}
	c := lookup(args[0])
	if c == nil {
		return fmt.Errorf("no such command %q", args[0])
	}
	fs := flag.NewFlagSet("evident "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.setup(fs)
	positional, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if max := len(strings.Fields(c.args)); len(positional) > max {
		return fmt.Errorf("%d positional arguments; %s takes %s", len(positional), c.name, c.args)
	}
	return nil
}

// checkSignLine runs the recipe's ssh-keygen -Y sign line with a new key on a stand-in
// SHA256SUMS, and checks the signature in the namespace evident verify expects ("file").
func checkSignLine(t *testing.T, words []string) {
	t.Helper()
	testenv.NeedTool(t, "ssh-keygen")
	dir := t.TempDir()
	key := filepath.Join(dir, "release.key")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "release@example.com", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	sums := filepath.Join(dir, "SHA256SUMS")
	if err := os.WriteFile(sums, []byte("0000000000000000000000000000000000000000000000000000000000000000  index.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := slices.Clone(words[1:])
	i := slices.Index(args, "-f")
	if i < 0 || i+1 >= len(args) {
		t.Fatalf("%s: no -f KEY", strings.Join(words, " "))
	}
	args[i+1] = key
	if !strings.HasSuffix(args[len(args)-1], "SHA256SUMS") {
		t.Fatalf("%s: does not sign SHA256SUMS", strings.Join(words, " "))
	}
	args[len(args)-1] = sums
	if out, err := exec.Command("ssh-keygen", args...).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	cmd := exec.Command("ssh-keygen", "-Y", "check-novalidate", "-n", "file", "-s", sums+".sig")
	data, _ := os.ReadFile(sums)
	cmd.Stdin = bytes.NewReader(data)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the recipe's signature does not check in namespace \"file\": %v\n%s", err, out)
	}
}

// shellWords splits a POSIX shell command line into words: quotes group, backslashes
// escape outside single quotes. Expansions ($X) stay as written.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			w.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case quote == '"':
			if r == '"' {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == ';' || r == '&' || r == '|':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
			return words, nil // the rest is another command
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c", quote)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}
