package config

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/evident-dev/evident/internal/testenv"
)

// env is a getenv that knows only the given variables.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// outsideGit keeps git from finding a repository above dir: the temporary folder may
// sit inside one, and GIT_DIR (set when tests run from a git hook) would name one.
func outsideGit(t *testing.T, dir string) {
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("GIT_DIR", "") // restored after the test
	os.Unsetenv("GIT_DIR")  // empty is not unset for git
}

// commitAt makes dir a git repository whose only commit is dated at.
func commitAt(t *testing.T, dir string, at time.Time) {
	t.Helper()
	git := testenv.NeedTool(t, "git")
	if err := os.WriteFile(filepath.Join(dir, "evident.toml"), []byte("baseURL = \"https://example.com/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	date := at.Format(time.RFC3339)
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "evident.toml"},
		{"-c", "user.name=evident test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "site"},
	} {
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

func TestAsOfSourceDateEpoch(t *testing.T) {
	dir := t.TempDir()
	outsideGit(t, dir)
	got := AsOf(context.Background(), dir, env(map[string]string{"SOURCE_DATE_EPOCH": "1795046400"}))
	if want := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("AsOf = %v, want %v", got, want)
	}
}

func TestAsOfSourceDateEpochBeforeGit(t *testing.T) {
	dir := t.TempDir()
	outsideGit(t, dir)
	commitAt(t, dir, time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC))
	got := AsOf(context.Background(), dir, env(map[string]string{"SOURCE_DATE_EPOCH": "0"}))
	if want := time.Unix(0, 0).UTC(); !got.Equal(want) {
		t.Errorf("AsOf = %v, want SOURCE_DATE_EPOCH's %v over the commit's time", got, want)
	}
}

func TestAsOfGitCommit(t *testing.T) {
	dir := t.TempDir()
	outsideGit(t, dir)
	want := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	commitAt(t, dir, want)
	for _, sde := range []string{"", "yesterday"} { // unset, and not a number: ignored
		got := AsOf(context.Background(), dir, env(map[string]string{"SOURCE_DATE_EPOCH": sde}))
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("SOURCE_DATE_EPOCH=%q: AsOf = %v, want the commit's %v", sde, got, want)
		}
	}
}

func TestAsOfNoRepository(t *testing.T) {
	dir := t.TempDir()
	outsideGit(t, dir)
	testenv.NeedTool(t, "git") // without git, this is TestAsOfNoGit
	if got := AsOf(context.Background(), dir, env(nil)); !got.IsZero() {
		t.Errorf("AsOf outside a repository = %v, want the zero time", got)
	}
}

func TestAsOfNoGit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", "") // no git to run
	if got := AsOf(context.Background(), dir, env(nil)); !got.IsZero() {
		t.Errorf("AsOf without git = %v, want the zero time", got)
	}
}
