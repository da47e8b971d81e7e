# lib.sh is what site.sh and preview.sh start with (they source it): the repository as
# the working folder, a temporary folder $tmp removed when the script ends, and in it
# the binaries both use: evident, and hugosrc (evident's Hugo input for plain Hugo).
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$here"
export CGO_ENABLED=0
go build -o "$tmp/evident" ./cmd/evident
go build -o "$tmp/hugosrc" ./bench/cmd/hugosrc
