#!/usr/bin/env bash
# lab/prefetch-ws.py (capture-lab.sh -P) against the real page cache: a file evicted from it,
# a working set of three extents installed, and exactly those pages cached afterwards; bad
# input names the file and line. Needs python3, util-linux (fincore) and a disk-backed TMPDIR
# (a tmpfs file cannot be evicted).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d -p "${TMPDIR:-/var/tmp}")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cached() { fincore -n -o PAGES "$1" | tr -d ' '; }

head -c $((1024 * 1024)) /dev/urandom >"$tmp/ram"
sync -f "$tmp/ram"
python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$tmp/ram"
[ "$(cached "$tmp/ram")" = 0 ] || fail "the file stays in the page cache after DONTNEED (tmpfs?): $tmp"
printf '# uffdvisualizer working set 2\n0x80000 0x4000   # first touch first\n\n4096\n0x40000 0x1000 zero\n' >"$tmp/set"
line=$(python3 "$here/prefetch-ws.py" "$tmp/ram" "$tmp/set")
case $line in "3 extents, 6 pages (24576 bytes) in "*) ;; *) fail "prefetch-ws.py printed: $line" ;; esac
[ "$(cached "$tmp/ram")" = 6 ] || fail "$(cached "$tmp/ram") pages cached after installing 6"

printf '0x1000\n0x2001\n' >"$tmp/bad"
message=$(python3 "$here/prefetch-ws.py" "$tmp/ram" "$tmp/bad" 2>&1) && fail "a misaligned offset was accepted"
[ "$message" = "$tmp/bad:2: offset and length must be multiples of 4096: 0x2001" ] || fail "message: $message"
printf '0xff000 0x2000\n' >"$tmp/bad"
message=$(python3 "$here/prefetch-ws.py" "$tmp/ram" "$tmp/bad" 2>&1) && fail "an extent past the end was accepted"
case $message in *"ends past"*) ;; *) fail "message: $message" ;; esac
echo "prefetch-ws: 4 checks passed"
