package config

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// gitTimeout bounds the git command of AsOf.
const gitTimeout = 5 * time.Second

// AsOf is the day staleness is measured from and a build's notion of "now", never the
// clock: SOURCE_DATE_EPOCH (the reproducible-builds convention, read through getenv),
// else the time of the last git commit of the repository holding root, else the zero
// time (check then measures from the newest date in the content). A value of
// SOURCE_DATE_EPOCH that is not a whole number of seconds is ignored.
func AsOf(ctx context.Context, root string, getenv func(string) string) time.Time {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", root, "log", "-1", "--format=%ct").Output()
	if err != nil {
		return time.Time{}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
