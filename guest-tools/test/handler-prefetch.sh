#!/bin/bash
# uffd-handler --prefetch: a recorded working set copied in before or
# alongside demand faults, logged as its own line kind.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"

# record a working set: the pages of a first restore that touches 1000 pages
pair "--log $WORK/rec.log" "--limit 1000 --threads 2" "$MEM"
check "recording run (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
grep '^UFFD_EVENT_PAGEFAULT' "$WORK/rec.log" | sed 's/.*ing: \([0-9a-fx]*\) .*/\1/' >"$WORK/ws"
check "working set has 1000 offsets" [ "$(wc -l <"$WORK/ws")" -eq 1000 ]

# prefetch everything before serving: no demand fault has to be served
pair "--log $WORK/before.log --prefetch $WORK/ws --prefetch-mode before" "--limit 1000" "$MEM"
check "prefetch before: verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
n=$(grep -c ' Prefetching: ' "$WORK/before.log")
check "prefetch before: 1000 Prefetching lines ($n)" [ "$n" -eq 1000 ]
re='^UFFD_EVENT_PAGEFAULT \(r\): (0x[0-9a-f]{16}) \1  Prefetching: (0x[0-9a-f]{16}|0{18}) - 0x[0-9a-f]{16}$'
check "prefetch lines have the documented shape" [ "$(grep -Ec "$re" "$WORK/before.log")" -eq 1000 ]
check "prefetch before: no demand faults left (faults=0)" grep -q '^# summary: faults=0 ' "$WORK/before.log"
check "prefetch before: counted in the summary" grep -Eq 'prefetched=[0-9]+ prefetch_zeroed=[0-9]+' "$WORK/before.log"

# in parallel, in a second thread: demand faults and prefetches race
pair "--log $WORK/par.log --log-format extended --prefetch $WORK/ws" "--limit 1000" "$MEM"
check "prefetch parallel: verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
pf=$(grep -c '^UFFD_EVENT_PAGEFAULT (r): 0 0x[0-9a-f]* 0x[0-9a-f]* Prefetching: ' "$WORK/par.log")
df=$(grep -Ec '^UFFD_EVENT_PAGEFAULT .* (Loading|Zeroing): ' "$WORK/par.log")
check "prefetch parallel: every page served exactly once ($pf prefetched + $df demand = 1000)" [ $((pf + df)) -eq 1000 ]
check "prefetch parallel: extended prefetch lines carry t= and gpa= (and ' zero' for holes)" bash -c "grep ' Prefetching: ' '$WORK/par.log' | grep -Evc ' t=[0-9]+ gpa=(0x[0-9a-f]{16}|0{18})( zero)?\$' | grep -qx 0"
if [ "$df" -gt 0 ]; then
	pair "--log $WORK/replay.log" "--order-log $WORK/par.log" "$MEM"
	check "--order-log replays demand faults only, not Prefetching lines ($df)" grep -q "^# summary: faults=$df " "$WORK/replay.log"
fi
pair "--log $WORK/before-ext.log --log-format extended --prefetch $WORK/ws --prefetch-mode before" "--limit 1000" "$MEM"
check "extended, prefetch before: hole pages marked ' zero'" grep -q '^UFFD_EVENT_PAGEFAULT (r): 0 0x[0-9a-f]* 0x[0-9a-f]* Prefetching: 0x0000000000100000 - 0x0000000000101000 t=[0-9]* gpa=0x0000000000100000 zero$' "$WORK/before-ext.log"
check "extended, prefetch before: data pages not marked" grep -q 'Prefetching: 0x0000000000001000 - 0x0000000000002000 t=[0-9]* gpa=0x0000000000001000$' "$WORK/before-ext.log"

# a bad prefetch file is refused before anything else happens
printf '0x1000\nbanana\n' >"$WORK/bad-ws"
timeout 10 "$HANDLER" --prefetch "$WORK/bad-ws" "$WORK/p.sock" "$MEM" >/dev/null 2>"$WORK/p.err"; rc=$?
check "bad prefetch file: exit 8 with the line number (exit $rc)" [ "$rc" -eq 8 ] && grep -q 'bad-ws:2: not an offset' "$WORK/p.err"
check "bad prefetch file: no socket created" [ ! -e "$WORK/p.sock" ]
printf '0x10000000\n' >"$WORK/far-ws"
timeout 10 "$HANDLER" --prefetch "$WORK/far-ws" "$WORK/p2.sock" "$MEM" >/dev/null 2>"$WORK/p.err"; rc=$?
check "prefetch offset beyond the file: exit 8 with file:line (exit $rc)" [ "$rc" -eq 8 ] && grep -q 'far-ws:1: offset 0x10000000 is beyond the memory file' "$WORK/p.err"

finish
