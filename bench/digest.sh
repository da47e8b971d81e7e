#!/bin/sh
# digest.sh times GNU sha256sum and integrity.Tree (bench/cmd/digest) on the
# same 1 GiB of artifacts, checks that they agree, and prints both times and
# the ratio. Run from anywhere inside the repository:
#
#   bench/digest.sh [FILES [MIB_PER_FILE]]
#
# Both tools read the files from the page cache: the files are written just
# before, and each tool runs once to warm up before it is timed.
set -eu

files=${1:-64}
mib=${2:-16}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir "$tmp/site"
i=0
while [ "$i" -lt "$files" ]; do
	head -c "$((mib * 1024 * 1024))" /dev/urandom > "$tmp/site/artifact-$i.bin"
	i=$((i + 1))
done
total_mib=$((files * mib))
echo "artifacts: $files files x $mib MiB = $total_mib MiB in $tmp/site"

(cd "$here/.." && CGO_ENABLED=0 go build -o "$tmp/digest" ./bench/cmd/digest)

now() { date +%s.%N; }

cd "$tmp/site"
# Warm up the page cache and check that both agree.
sha256sum -- * | sort -k2 > "$tmp/gnu.sums"
"$tmp/digest" . | sort -k2 > "$tmp/go.sums"
if ! cmp -s "$tmp/gnu.sums" "$tmp/go.sums"; then
	echo "sha256sum and integrity.Tree disagree:" >&2
	diff "$tmp/gnu.sums" "$tmp/go.sums" >&2 || true
	exit 1
fi

t0=$(now); sha256sum -- * > /dev/null; t1=$(now)
"$tmp/digest" . > /dev/null; t2=$(now)

awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v m="$total_mib" -v cpus="$(nproc)" 'BEGIN {
	g = t1 - t0; e = t2 - t1
	printf "sha256sum (1 process):          %7.3f s  %8.1f MiB/s\n", g, m / g
	printf "integrity.Tree (%d workers):     %7.3f s  %8.1f MiB/s\n", cpus, e, m / e
	printf "ratio sha256sum / Tree:         %7.2fx\n", g / e
}'
