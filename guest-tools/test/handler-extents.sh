#!/bin/bash
# uffd-handler --prefetch with working-set format 2 (OFFSET [LENGTH] [zero]):
# parsing and its errors, one ioctl per run of data or hole pages, pages at
# extent edges, extents across holes of the memory file, a REMOVE while the
# set is installed, 2 MiB huge pages; fake-vmm --order reads the same format
# and checks every byte.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM" # data [0,1M) [4M,5M), page 9M+4K, last page; holes elsewhere

# the handler's summary counter KEY of LOG
sum() { sed -n "s/^# summary: .*\b$2=\([0-9]*\).*/\1/p" "$1"; }
# memory-file offsets of the Prefetching lines of LOG, sorted, one per line
prefetched() { sed -n 's/.* Prefetching: \([0-9a-fx]*\) .*/\1/p' "$1" | sort; }
ioctls() { sed -n 's/.* with \([0-9]*\) ioctls$/\1/p' "$WORK/h.err"; }
vmm_has() { grep -q "$1" "$WORK/v.out"; }
n_lines() { [ "$(grep -c -- "$2" "$1")" -eq "$3" ]; } # n_lines FILE REGEX N
hexes() { for p in "$@"; do printf '0x%016x\n' $((p * 4096)); done | sort; }

# 1. errors name file:line and what was expected; nothing starts
t_bad() { # t_bad NAME CONTENT MESSAGE-REGEX
	printf '%b' "$2" >"$WORK/$1"
	timeout 10 "$HANDLER" --prefetch "$WORK/$1" "$WORK/bad.sock" "$MEM" >/dev/null 2>"$WORK/bad.err"; local rc=$?
	local good=false
	[ $rc -eq 8 ] && grep -Eq -- "$3" "$WORK/bad.err" && [ ! -e "$WORK/bad.sock" ] && good=true
	check "bad working set $1: exit 8, no socket, $(sed 's/^uffd-handler: [^ ]*\///' "$WORK/bad.err") (exit $rc)" $good
}
t_bad len-word '# ws\n\n0x1000 banana\n' "len-word:3: not a length .*: 'banana'; expected OFFSET \[LENGTH\] \[zero\]"
t_bad len-odd '0x1000 0x1800\n' 'len-odd:1: not a length \(a positive multiple of 4096\)'
t_bad len-zero '0x1000 0\n' 'len-zero:1: not a length'
t_bad trailing '0x1000 0x1000 zero extra\n' "trailing:1: unexpected 'extra' after the 'zero'"
t_bad two-words '0x1000 zero zero\n' "two-words:1: unexpected 'zero' after the 'zero'"
t_bad unaligned '0x1001 0x1000\n' 'unaligned:1: offset 0x1001 is not a multiple of 4096'
t_bad past-end '0x0\n0xfff000 0x2000\n' 'past-end:2: extent 0xfff000 \+ 0x2000 ends beyond the memory file \(16777216 bytes\)'
t_bad offset-word 'banana 0x1000\n' "offset-word:1: not an offset: 'banana'"

# 2. pages at extent edges, extents across holes, before mode. Pages (4 KiB):
# data 0-255, 1024-1279, 2305, 4095. Each run of one kind is one ioctl:
cat >"$WORK/ws" <<'WS'
# uffdvisualizer working set 2
# capture: hand-made (handler-extents.sh)
0x3000 0x2000
0xfe000 0x4000
0x3ff000 8192
0x900000 0x3000 zero   # hole, data (marked zero: the file wins), hole
0x200000 0x1000 zero
0x10000
0xfff000
WS
# 2 + (2 data + 2 hole) + (1 hole + 1 data) + (hole, data, hole) + 1 + 1 + 1
SET="3 4 254 255 256 257 1023 1024 2304 2305 2306 512 16 4095"
IOCTLS=11
# fake-vmm touches one page before and after each extent as well
cat >"$WORK/order" <<'ORDER'
0x2000 0x4000
0xfd000 0x6000
0x3fe000 0x4000
0x8ff000 0x5000
0x1ff000 0x3000 zero
0xf000 0x3000
0xffe000 0x2000
ORDER
TOUCHED=$((4 + 6 + 4 + 5 + 3 + 3 + 2))
NSET=$(wc -w <<<"$SET")
pair "--log $WORK/b.log --log-format extended --prefetch $WORK/ws --prefetch-mode before --prefetch-threads 1" "--order $WORK/order" "$MEM"
check "edges, before: every byte verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "edges, before: fake-vmm --order touched the $TOUCHED pages of its extents" vmm_has "$TOUCHED pages to touch"
check "edges, before: exactly the pages outside the set faulted ($(sum "$WORK/b.log" faults) = $TOUCHED - $NSET)" \
	[ "$(sum "$WORK/b.log" faults)" -eq $((TOUCHED - NSET)) ]
# shellcheck disable=SC2086
check "edges, before: the Prefetching lines are the set's pages, each once" diff <(prefetched "$WORK/b.log") <(hexes $SET)
check "edges, before: 8 pages copied, 6 zero-filled" [ "$(sum "$WORK/b.log" prefetched)" -eq 8 ] && [ "$(sum "$WORK/b.log" prefetch_zeroed)" -eq 6 ]
check "edges, before: one ioctl per run of one kind ($(ioctls) = $IOCTLS)" [ "$(ioctls)" = $IOCTLS ]
check "edges, before: hole pages logged ' zero', the data page marked zero is not" bash -c "
	grep -q 'Prefetching: 0x0000000000100000 - 0x0000000000101000 t=[0-9]* gpa=0x0000000000100000 zero\$' '$WORK/b.log' &&
	grep -q 'Prefetching: 0x0000000000901000 - 0x0000000000902000 t=[0-9]* gpa=0x0000000000901000\$' '$WORK/b.log'"
check "edges, before: a page marked zero that holds data is copied, and said so" err_has "1 prefetched pages marked 'zero' hold data in the memory file: copied"

# the same set gzipped, in parallel: every touched page installed once
gzip -c "$WORK/ws" >"$WORK/ws.gz"
pair "--log $WORK/p.log --prefetch $WORK/ws.gz" "--order $WORK/order" "$MEM"
f=$(sum "$WORK/p.log" faults); pl=$(sum "$WORK/p.log" prefetched); pz=$(sum "$WORK/p.log" prefetch_zeroed)
check "edges, parallel, .gz: verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "edges, parallel: each page once ($f demand + $pl + $pz prefetched = $TOUCHED), no page twice" \
	bash -c "[ $((f + pl + pz)) -eq $TOUCHED ] && ! grep '^UFFD_EVENT_PAGEFAULT' '$WORK/p.log' | sed 's/.*ing: \([0-9a-fx]*\) .*/\1/' | sort | uniq -d | grep -q ."

# 3. the whole file as one extent: 7 runs (data, hole, data, hole, data,
# hole, data), 7 ioctls on one thread; the same pages one per line (format
# 1): 4096; on two threads taking 4 MiB pieces, each page once
t_bad all-bad '0 16M\n' 'all-bad:1: not a length'
echo "0 0x1000000" >"$WORK/all"
pair "--log $WORK/all.log --prefetch $WORK/all --prefetch-mode before --prefetch-threads 1" "" "$MEM"
check "whole file, one extent: verified, no demand fault (vmm $VRC, handler $HRC)" \
	bash -c "[ $VRC -eq 0 ] && [ $HRC -eq 0 ] && grep -q '^# summary: faults=0 ' '$WORK/all.log'"
check "whole file, one extent: 514 copied + 3582 zero-filled in 7 ioctls ($(ioctls))" bash -c "
	[ '$(sum "$WORK/all.log" prefetched) $(sum "$WORK/all.log" prefetch_zeroed) $(ioctls)' = '514 3582 7' ]"
check "whole file, one extent: 4096 Prefetching lines" n_lines "$WORK/all.log" ' Prefetching: ' 4096
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "0x%x\n", i * 4096 }' >"$WORK/all-pages"
pair "--log $WORK/pages.log --prefetch $WORK/all-pages --prefetch-mode before --prefetch-threads 1" "" "$MEM"
check "whole file, one page per line: verified, 4096 ioctls ($(ioctls))" bash -c "[ $VRC -eq 0 ] && [ $HRC -eq 0 ] && [ '$(ioctls)' = 4096 ]"
check "whole file: the same log lines either way" diff <(prefetched "$WORK/all.log") <(prefetched "$WORK/pages.log")
pair "--log $WORK/all2.log --prefetch $WORK/all --prefetch-mode before --prefetch-threads 2" "" "$MEM"
check "whole file, 2 threads: verified, no demand fault (vmm $VRC, handler $HRC)" \
	bash -c "[ $VRC -eq 0 ] && [ $HRC -eq 0 ] && grep -q '^# summary: faults=0 ' '$WORK/all2.log'"
check "whole file, 2 threads: said so, 514 copied + 3582 zero-filled" bash -c "
	grep -q ' extents (2 threads) took ' '$WORK/h.err' &&
	[ '$(sum "$WORK/all2.log" prefetched) $(sum "$WORK/all2.log" prefetch_zeroed)' = '514 3582' ]"
check "whole file, 2 threads: each page's Prefetching line once, whole" diff <(prefetched "$WORK/all2.log") <(prefetched "$WORK/all.log")

# 4. a REMOVE while the set is installed: fake-vmm drops [4M,5M) right
# after the handshake; once the handler has read the REMOVE it installs
# nothing there, and the guest reads zeros. The set: every page, one per
# line (slow to install), [4M,5M) last, then one extent of it
awk 'BEGIN { for (i = 0; i < 4096; i++) if (i < 1024 || i >= 1280) printf "0x%x\n", i * 4096
	print "0x400000 0x100000" }' >"$WORK/remove-last"
for mode in before before-2 parallel; do
	opts="--prefetch-mode $mode"
	[ $mode = before ] && opts="$opts --prefetch-threads 1"
	[ $mode = before-2 ] && opts="--prefetch-mode before --prefetch-threads 2"
	pair "--log $WORK/r-$mode.log --prefetch $WORK/remove-last $opts" "--dontneed 4M:1M --dontneed-first" "$MEM"
	check "REMOVE during install, $mode: every byte verified, [4M,5M) zeros (vmm $VRC, handler $HRC)" \
		bash -c "[ $VRC -eq 0 ] && [ $HRC -eq 0 ] && grep -q 'MADV_DONTNEED on memory-file range 0x400000 - 0x500000 before touching' '$WORK/v.out'"
	after=$(sed -n '/^UFFD_EVENT_REMOVE/,$p' "$WORK/r-$mode.log" | grep -c ' Prefetching: 0x00000000004[0-9a-f]\{5\} ')
	check "REMOVE during install, $mode: no page of the range installed after the REMOVE was read ($after)" [ "$after" -eq 0 ]
	if sed -n '/^UFFD_EVENT_REMOVE/,$p' "$WORK/r-$mode.log" | grep -q ' Prefetching: '; then
		ok "REMOVE during install, $mode: the REMOVE was read while the set was being installed"
	else
		skip "REMOVE during install, $mode: the REMOVE came after the install this time (timing)"
	fi
done
n=$(grep -c ' Prefetching: ' "$WORK/r-before-2.log"); d=$(prefetched "$WORK/r-before-2.log" | uniq -d | wc -l)
check "REMOVE during install, before-2: no page installed twice ($n lines, $d repeated)" [ "$d" -eq 0 ]

# 5. 2 MiB huge pages: extents rounded to the huge pages they touch
if ! hugepages_ready 16; then
	skip "2 MiB huge pages: $HP_WHY"
	restore_hugepages
else
	# huge pages: 0 data, 1 hole, 2 data, 3 hole, 4 data (one 4 KiB page), 5-6 hole, 7 data
	printf '0x1000 0x2000\n0x3000\n0x4ff000 0x2000\n0x900000 0x1000 zero\n0x600000 0x200000 zero\n' >"$WORK/ws-huge"
	pair "--log $WORK/h.log --prefetch $WORK/ws-huge --prefetch-mode before" "--hugetlb" "$MEM"
	check "huge pages, before: verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	check "huge pages: 3 copied + 1 zero-filled in 4 ioctls, 4 demand faults of 8" bash -c "
		[ '$(sum "$WORK/h.log" prefetched) $(sum "$WORK/h.log" prefetch_zeroed) $(ioctls) $(sum "$WORK/h.log" faults)' = '3 1 4 4' ]"
	check "huge pages: whole 2 MiB pages logged" bash -c "
		grep -q 'Prefetching: 0x0000000000400000 - 0x0000000000600000' '$WORK/h.log' &&
		grep -q 'Prefetching: 0x0000000000800000 - 0x0000000000a00000' '$WORK/h.log' &&
		grep -q 'Prefetching: 000000000000000000 - 0x0000000000200000' '$WORK/h.log'"
	pair "--log $WORK/h2.log --prefetch $WORK/ws-huge --prefetch-mode before --prefetch-threads 2" "--hugetlb" "$MEM"
	check "huge pages, before, 2 threads: verified, 3 copied + 1 zero-filled, 4 demand faults (vmm $VRC, handler $HRC)" bash -c "
		[ $VRC -eq 0 ] && [ $HRC -eq 0 ] && grep -q ' extents (2 threads) took ' '$WORK/h.err' &&
		[ '$(sum "$WORK/h2.log" prefetched) $(sum "$WORK/h2.log" prefetch_zeroed) $(sum "$WORK/h2.log" faults)' = '3 1 4' ]"
	check "huge pages, 2 threads: the same whole 2 MiB pages logged" diff <(prefetched "$WORK/h2.log") <(prefetched "$WORK/h.log")
	pair "--log $WORK/hp.log --prefetch $WORK/ws-huge" "--hugetlb --threads 2 --dontneed 4M:2M --dontneed-first" "$MEM"
	check "huge pages, parallel, REMOVE of one huge page first: verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	restore_hugepages
fi

finish
