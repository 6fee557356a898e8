#!/bin/bash
# uffd-handler: REMOVE events, concurrent faults on the same pages, several
# faulting threads, 2 MiB hugetlbfs pages.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"

# 1. MADV_DONTNEED -> UFFD_EVENT_REMOVE -> later faults zero-filled
pair "--log $WORK/log" "--dontneed 0x10000:0x20000" "$MEM"
check "REMOVE: fake-vmm verified, removed pages read as zeros (vmm $VRC)" [ "$VRC" -eq 0 ] && grep -q 'verified 32 removed pages read as zeros: 0 mismatches' "$WORK/v.out"
check "REMOVE: handler exit $HRC" [ "$HRC" -eq 0 ]
check "REMOVE: event logged" grep -Eq '^UFFD_EVENT_REMOVE: 0x[0-9a-f]{16} - 0x[0-9a-f]{16}$' "$WORK/log"
check "REMOVE: re-faults in the range are Zeroing although the file has data there" bash -c \
	"sed -n '/^UFFD_EVENT_REMOVE/,\$p' '$WORK/log' | grep -c 'Zeroing: 0x00000000000[123]' | grep -qx 32"
check "REMOVE: summary counts it" grep -q 'remove_events=1 removed_bytes=131072' "$WORK/log"

# 2. write faults + REMOVE across a region boundary, two regions, extended log
pair "--log $WORK/log2 --log-format extended" "--regions 2 --split 8M --write --dontneed 0x7f0000:0x20000" "$MEM"
check "REMOVE across two regions (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "REMOVE across two regions: two events (one per VMA)" [ "$(grep -c '^UFFD_EVENT_REMOVE: .* t=[0-9]*$' "$WORK/log2")" -eq 2 ]

# 2b. a REMOVE storm: MADV_DONTNEED over and over while two threads keep
# faulting the range (REMOVE events race page faults: EAGAIN, deferred faults)
pair "--log $WORK/storm.log" "--threads 2 --dontneed 0xf0000:0x20000 --remove-storm 300" "$MEM"
check "REMOVE storm: no wrong page, no hang (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "REMOVE storm: zeros after the last MADV_DONTNEED" grep -q 'after the last MADV_DONTNEED, 32 pages read as zeros: 0 mismatches' "$WORK/v.out"
check "REMOVE storm: 300 remove events" grep -q 'remove_events=300 ' "$WORK/storm.log"
check "REMOVE storm: nothing loaded from the file after the first REMOVE" bash -c \
	"sed -n '/^UFFD_EVENT_REMOVE/,\$p' '$WORK/storm.log' | grep -c ' Loading: ' | grep -qx 0"
grep -o 'eagain_retries=[0-9]*' "$WORK/storm.log" | sed 's/^/    (/; s/$/ faults retried after EAGAIN)/'

# 3. concurrent faults on one page: 4 threads touch the same pages at once
for run in 1 2 3; do
	pair "--log $WORK/log3" "--threads 4 --distribute same --limit 512" "$MEM"
	check "4 threads x same 512 pages, run $run (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	check "  each page served once (faults=512)" grep -q '^# summary: faults=512 ' "$WORK/log3"
done
grep -o ' already_present=[0-9]*' "$WORK/log3" | sed 's/^ /    (last run: /; s/$/ duplicate fault events answered with EEXIST)/'
pair "--log $WORK/log3w" "--threads 4 --distribute same --limit 512 --write" "$MEM"
check "4 threads x same pages, write faults (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ] && grep -q '^# summary: faults=512 ' "$WORK/log3w"

# 4. several threads on disjoint pages
for t in 2 4 8; do
	pair "--log $WORK/log4" "--threads $t --distribute chunk" "$MEM"
	check "$t threads, disjoint pages: every page verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ] && grep -q '^# summary: faults=4096 ' "$WORK/log4"
done

# 5. a handler that dies mid-restore: fake-vmm must fail, not hang
sock=$WORK/die.sock
start_handler "$sock" "$MEM" --log /dev/null
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
handler_child
check "found the handler process under timeout ($HCHILD)" [ -n "$HCHILD" ]
kill -STOP "${HCHILD:-$HPID}"
( sleep 0.5; kill -KILL "${HCHILD:-$HPID}" 2>/dev/null ) &
HT_PIDS+=($!)
exec 3>&2 2>/dev/null # no "Killed" job notice
run_vmm "$sock" "$MEM"
wait_handler
exec 2>&3 3>&-
check "handler frozen then killed mid-restore: fake-vmm reports mismatches, exit 1 (exit $VRC)" [ "$VRC" -eq 1 ]

# 6. 2 MiB hugetlbfs pages
# 8 pages of guest memory plus slack: UFFDIO_COPY into hugetlbfs may take
# a temporary huge page
if ! hugepages_ready 16; then
	skip "2 MiB hugetlbfs tests: $HP_WHY"
	restore_hugepages
else
	pair "--log $WORK/log5 --log-format extended" "--hugetlb --write --dontneed 2M:2M" "$MEM"
	check "2 MiB pages: content, holes, REMOVE (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	check "2 MiB pages: 8 + 1 faults, 2 MiB each" bash -c "grep -q '^# summary: faults=9 ' '$WORK/log5' &&
		grep -q 'Loading: 0x0000000000400000 - 0x0000000000600000' '$WORK/log5' &&
		grep -q 'Zeroing: 0x0000000000c00000 - 0x0000000000e00000' '$WORK/log5'"
	check "2 MiB pages: page_size in the extended header" grep -q 'page_size=2097152' "$WORK/log5"
	EXPECT_FAIL=1 pair "--log $WORK/log6" "--hugetlb --shape v1.6" "$MEM"
	check "2 MiB pages with a pre-1.7 handshake fail loudly, not silently (handler $HRC)" [ "$HRC" -eq 7 ] && [ "$VRC" -ne 0 ] && grep -q 'pass --page-size 2M' "$WORK/h.err"
	pair "--log $WORK/log6 --page-size 2M" "--hugetlb --shape v1.6 --threads 2 --distribute same" "$MEM"
	check "2 MiB pages, pre-1.7 handshake + --page-size 2M, 2 threads (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	# two serving threads on 2 MiB pages: EEXIST between them, REMOVE
	# read by either (the UFFDIO_COPY-from-zero-page path of hugetlbfs)
	pair "--log $WORK/log7 --threads 2" "--hugetlb --threads 4 --distribute same --write" "$MEM"
	check "2 MiB pages, --threads 2, 4 faulting threads on the same pages (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ] && grep -q '^# summary: faults=8 ' "$WORK/log7"
	pair "--log $WORK/log8 --threads 2" "--hugetlb --threads 2 --dontneed 4M:2M" "$MEM"
	check "2 MiB pages, --threads 2, REMOVE: the re-faulted page is zero-filled (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ] &&
		sed -n '/^UFFD_EVENT_REMOVE/,$p' "$WORK/log8" | grep -q 'Zeroing: 0x0000000000400000 - 0x0000000000600000'
	restore_hugepages
fi

finish
