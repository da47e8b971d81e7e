package check

import (
	"strconv"

	"github.com/evident-dev/evident/generator/suggest"
)

func itoa(n int) string { return strconv.Itoa(n) }

func nearest(s string, candidates []string) string { return suggest.Nearest(s, candidates) }
