#!/bin/sh
# artifacts.sh times `evident build` of a site with 1 GiB of artifacts (examples/minimal
# with one more evidence file listing 8 x 128 MiB of random bytes) against what it has to
# do at least: `cp -r` of the same files plus `openssl dgst -sha256` of them
# (`sha256sum` when openssl is missing; the script says which), in the same run. It
# prints the median of 3 runs of each, the ratio, and `evident build` of the same site
# without the artifacts (the pages alone), for scale. Run from anywhere inside the
# repository:
#
#   bench/artifacts.sh [FILES [MIB_PER_FILE]]          default: 8 128
#   EVIDENT=/path/to/evident bench/artifacts.sh        times that binary instead
#
# Every command reads the artifacts from the page cache (a first round warms it up and is
# not counted), writes into a folder that does not exist yet, and starts once the writes
# of the one before reached the disk (sync, not timed). The commands take turns.
set -eu

files=${1:-8}
mib=${2:-128}
runs=3
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

evident=${EVIDENT:-}
if [ -z "$evident" ]; then
	evident=$tmp/evident
	(cd "$here" && CGO_ENABLED=0 go build -o "$evident" ./cmd/evident)
fi
if command -v openssl > /dev/null; then
	digest="openssl dgst -sha256"
else
	digest=sha256sum
fi

# The site: examples/minimal, then the artifacts and the evidence that lists them.
cp -r "$here/examples/minimal" "$tmp/pages"
cp -r "$here/examples/minimal" "$tmp/site"
mkdir "$tmp/site/artifacts"
ev=$tmp/site/content/evidence/release-artifacts.md
printf '+++\ntitle = "Release artifacts"\nrequirements = ["(1)-2"]\nstatus = "implemented"\nreviewed = %s\n' "$(date +%F)" > "$ev"
i=0
while [ "$i" -lt "$files" ]; do
	head -c "$((mib * 1024 * 1024))" /dev/urandom > "$tmp/site/artifacts/artifact-$i.bin"
	printf '\n[[artifacts]]\npath = "artifacts/artifact-%d.bin"\ntitle = "Artifact %d"\n' "$i" "$i" >> "$ev"
	i=$((i + 1))
done
printf '+++\nThe release artifacts.\n' >> "$ev"
echo "artifacts: $files files x $mib MiB = $((files * mib)) MiB; baseline: cp -r, then $digest"
echo "evident: $evident ($("$evident" version 2>/dev/null || echo unknown version))"

now() { date +%s.%N; }
# measure NAME COMMAND...: runs the command into a fresh $tmp/out, after the writes of the
# one before reached the disk, and adds its time to $tmp/NAME.
measure() {
	name=$1
	shift
	rm -rf "$tmp/out"
	sync
	t0=$(now)
	"$@" > /dev/null
	t1=$(now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$tmp/$name"
}
baseline() { cp -r "$tmp/site/artifacts" "$tmp/out" && $digest "$tmp/site/artifacts"/*; }

# The three commands take turns, so that the machine's ups and downs hit them alike; the
# first round warms up and is not counted.
k=0
while [ "$k" -le "$runs" ]; do
	[ "$k" -eq 1 ] && rm -f "$tmp/pages.t" "$tmp/build.t" "$tmp/base.t"
	measure pages.t "$evident" build "$tmp/pages" --destination "$tmp/out"
	measure build.t "$evident" build "$tmp/site" --destination "$tmp/out"
	measure base.t baseline
	k=$((k + 1))
done
median() { sort -n "$tmp/$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
show() { printf '%-40s %7.3f s  (runs: %s)\n' "$1" "$(median "$2")" "$(sort -n "$tmp/$2" | tr '\n' ' ')"; }
show "evident build, pages only" pages.t
show "evident build, pages and artifacts" build.t
show "cp -r + $digest" base.t
awk -v b="$(median build.t)" -v c="$(median base.t)" 'BEGIN { printf "%-40s %7.2f (goal: <= 1.2)\n", "ratio build / (cp + digest)", b / c }'
