#!/bin/sh
# site.sh measures evident on generated sites of 1,000 and 10,000 evidence files (each
# with an English translation): `evident check` (files per second, peak memory),
# `evident build`, and plain Hugo (same Hugo version, same theme, the same Hugo input as
# evident renders, written out by bench/cmd/hugosrc) in the same run, with the ratio.
# "releases" builds a site of 1,000 evidence items and 20 products with 50 releases each
# (RELEASE_PRODUCTS, RELEASES), and the same site without releases, with the ratio.
# LANGUAGES=ja makes single-language sites (no translations; default ja,en). ROUNDS=N
# builds each size N times with evident and with plain Hugo, one after the other, and
# reports the medians and the median of the rounds' ratios: on a shared machine one
# run of either can be a third slower than the next; each goes first in every other
# round. Every build writes a new output folder, after the disk is synced; nothing is
# removed until the script ends (7 rounds of 10,000 items: about 5 GiB of outputs).
# OUTDIR=/dev/shm puts the builds' outputs on that folder's file system instead (a
# tmpfs: the programs' own work, without the disk's; inputs stay in the temporary folder).
# The sized runs end with a table, one line per size.
#
#   bench/site.sh [SIZES... | releases]      default: 1000 10000 releases
#   LANGUAGES=ja bench/site.sh 1000 10000 50000
#   ROUNDS=5 bench/site.sh 10000
#   OUTDIR=/dev/shm ROUNDS=5 bench/site.sh 10000
#
# Peak memory is the maximum resident set size reported by /usr/bin/time (the largest
# of the rounds). Each run's CPU time (user and system) is printed too, with the median
# of the rounds' CPU ratios: it tells a program that works more from one that waits more.
# On a virtual machine, each run also prints the CPU time the host took from it (steal,
# from /proc/stat): a run with seconds of it was slowed by something outside it.
set -eu
sizes=${*:-1000 10000 releases}
languages=${LANGUAGES:-ja,en}
rounds=${ROUNDS:-1}
. "$(dirname "$0")/lib.sh" # $here, $tmp, $tmp/evident, $tmp/hugosrc
outs=$(mktemp -d "${OUTDIR:-$tmp}/evident-bench.XXXXXX") # the builds' outputs
trap 'rm -rf "$tmp" "$outs"' EXIT INT TERM
if [ "$sizes" != releases ]; then # plain Hugo: only the sized runs compare with it
	GOBIN="$tmp" go install github.com/gohugoio/hugo@v0.165.0 # the same version, its own go.mod
fi
steal() { # the machine's stolen CPU time so far, in seconds (0 where /proc/stat is not)
	awk -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" '$1 == "cpu" { printf "%.2f", $9 / hz; found = 1 }
		END { if (!found) print 0 }' /proc/stat 2>/dev/null || echo 0
}
measure() { # label command...
	label=$1; shift
	stolen=$(steal)
	/usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
	stolen=$(awk "BEGIN{print $(steal) - $stolen}")
	read -r secs kb user sys < "$tmp/time"
	cpu=$(awk "BEGIN{print $user + $sys}")
	printf '%-28s %8.2f s %8d MiB %8.1f s CPU %6.1f s steal\n' "$label" "$secs" $((kb / 1024)) "$cpu" "$stolen"
	echo "$secs"> "$tmp/last"
	echo "$secs $((kb / 1024)) $cpu" >"$tmp/last-rss"
}
# run_evident and run_hugo build the site of size $n in round $r, each into a new folder
# of $outs, after syncing the disk so that no build waits for the writes of the one
# before. No output is removed between builds: on ext4 without a journal, creating a
# file skips over the inodes freed in the last minute (recently_deleted), so a build
# started just after 20,000 files were removed spends seconds of system time on it, more
# or less as it happens to fall, and either program can be the one that pays.
run_evident() {
	sync
	measure "evident build" "$tmp/evident" build "$site" --destination "$outs/$n/out$r"
	read -r ev em ec < "$tmp/last-rss"
}
run_hugo() {
	sync
	measure "plain hugo (same input)" "$tmp/hugo" --source "$tmp/hugo$n" --destination "$outs/$n/hout$r" --quiet --noBuildLock --cacheDir "$outs/$n/cache$r"
	read -r hg hm hc < "$tmp/last-rss"
}
table="" # one line per size, printed at the end
releases() {
	np=${RELEASE_PRODUCTS:-20} nr=${RELEASES:-50}
	go run ./bench/cmd/gensite -n 1000 -languages "$languages" -products "$np" -o "$tmp/norel"
	go run ./bench/cmd/gensite -n 1000 -languages "$languages" -products "$np" -releases "$nr" -o "$tmp/rel"
	translations=$((np * nr))
	[ "$languages" = ja ] && translations=0
	echo "== 1000 evidence items, $np products: without releases, and with $nr releases each ($((np * nr)) release files, $translations translations)"
	measure "evident check, no releases" "$tmp/evident" check "$tmp/norel"
	measure "evident check, releases" "$tmp/evident" check "$tmp/rel"
	measure "evident build, no releases" "$tmp/evident" build "$tmp/norel" --destination "$tmp/out-norel"
	base=$(cat "$tmp/last")
	measure "evident build, releases" "$tmp/evident" build "$tmp/rel" --destination "$tmp/out-rel"
	with=$(cat "$tmp/last")
	printf '%-28s %8d / %d\n' "files built" "$(find "$tmp/out-norel" -type f | wc -l)" "$(find "$tmp/out-rel" -type f | wc -l)"
	printf '%-28s %8.2f\n' "ratio releases / none" "$(awk "BEGIN{print $with / $base}")"
	rm -rf "$tmp/norel" "$tmp/rel" "$tmp/out-norel" "$tmp/out-rel"
}
for n in $sizes; do
	if [ "$n" = releases ]; then
		releases
		continue
	fi
	site="$tmp/site$n"
	go run ./bench/cmd/gensite -n "$n" -languages "$languages" -o "$site"
	files=$(find "$site/content/evidence" -name '*.md' | wc -l)
	echo "== $n evidence items ($files Markdown files, languages $languages)"
	measure "evident check" "$tmp/evident" check "$site"
	read -r cs cm _ < "$tmp/last-rss"
	rate=$(awk "BEGIN{printf \"%.0f\", $files / $cs}")
	printf '%-28s %8d files/s\n' "  check rate" "$rate"
	"$tmp/hugosrc" "$site" "$tmp/hugo$n"
	: >"$tmp/rounds"
	for r in $(seq 1 "$rounds"); do
		# Each goes first in every other round, so that whatever going first or second
		# costs falls on both alike.
		if [ $((r % 2)) = 1 ]; then run_evident; run_hugo; else run_hugo; run_evident; fi
		echo "$ev $em $hg $hm $ec $hc" >>"$tmp/rounds"
	done
	# The medians of the times and of the rounds' ratios; the largest peaks.
	awk '{ ev[NR] = $1; hg[NR] = $3; r[NR] = $1 / $3; if ($2 > em) em = $2; if ($4 > hm) hm = $4
			ec[NR] = $5; hc[NR] = $6; rc[NR] = $5 / $6 }
		function med(a, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		END { printf "%.2f %d %.2f %d %.2f %.1f %.1f %.2f\n", med(ev, NR), em, med(hg, NR), hm, med(r, NR), med(ec, NR), med(hc, NR), med(rc, NR) }' "$tmp/rounds" >"$tmp/medians"
	read -r ev em hg hm ratio ec hc cratio < "$tmp/medians"
	if [ "$rounds" -gt 1 ]; then
		printf '%-28s %8.2f s %8.2f s (medians of %d rounds)\n' "evident, plain hugo" "$ev" "$hg" "$rounds"
	fi
	printf '%-28s %8s\n' "ratio evident / plain hugo" "$ratio"
	printf '%-28s %8s (CPU, user and system: %s s / %s s)\n' "CPU ratio" "$cratio" "$ec" "$hc"
	table="$table$(printf '%7d %7d %8.2f %8d %6d %8.2f %6d %8.2f %6d %6s %6s' "$n" "$files" "$cs" "$rate" "$cm" "$ev" "$em" "$hg" "$hm" "$ratio" "$cratio")
"
done
if [ -n "$table" ]; then
	echo "== summary (languages $languages; times in s, peak RSS in MiB)"
	printf '%7s %7s %8s %8s %6s %8s %6s %8s %6s %6s %6s\n' items files check files/s RSS build RSS hugo RSS ratio cpu
	printf '%s' "$table"
fi
