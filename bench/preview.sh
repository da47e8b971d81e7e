#!/bin/sh
# preview.sh times the preview against plain `hugo server` in the same run: on a
# generated site of N evidence items (default 1000, each with an English translation),
# `evident serve` on the site and `hugo server` (v0.165.0, fast render as it starts by
# default) on the Hugo input evident renders for it (bench/cmd/hugosrc). Each gets the
# same statement edits; evident also gets title and evident.toml edits. Latency is from
# the save to the moment the page, fetched every 2 ms, shows the change.
#
#   bench/preview.sh [N] [EDITS]      default: 1000 20
set -eu
n=${1:-1000}
edits=${2:-20}
. "$(dirname "$0")/lib.sh" # $here, $tmp, $tmp/evident, $tmp/hugosrc
go build -o "$tmp/reloadbench" ./bench/cmd/reloadbench
GOBIN="$tmp" go install github.com/gohugoio/hugo@v0.165.0 # the same version, its own go.mod
go run ./bench/cmd/gensite -n "$n" -o "$tmp/site"
"$tmp/hugosrc" "$tmp/site" "$tmp/hugo-input"
echo "== $n evidence items, $edits edits of each kind"
"$tmp/reloadbench" -evident "$tmp/evident" -hugo "$tmp/hugo" -site "$tmp/site" -hugosrc "$tmp/hugo-input" -edits "$edits"
