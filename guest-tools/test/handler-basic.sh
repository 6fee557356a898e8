#!/bin/bash
# uffd-handler + fake-vmm: content, holes, handshake shapes, log formats,
# socket handling, read-only memory file, peer exit.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"
SUM0=$(sha256sum <"$MEM")
MTIME0=$(stat -c %Y "$MEM")
SPARSE_PAGES=$(( (16 * 1024 * 1024 - 2 * 1024 * 1024 - 2 * 4096) / 4096 ))

# 1. default shape, one region, every page: content + holes + default log
pair "--log $WORK/log" "" "$MEM"
check "full restore: fake-vmm verified every page (exit $VRC)" [ "$VRC" -eq 0 ]
check "full restore: handler exits 0 when the peer goes away (exit $HRC)" [ "$HRC" -eq 0 ]
check "handler prints a summary on stderr" grep -q "faults served 4096 (loaded 514, zeroed $SPARSE_PAGES)" "$WORK/h.err"
check "handler prints latency on stderr" grep -Eq 'service latency per fault: n=4096 mean=[0-9.]+ us p50=[0-9.]+ us p99=[0-9.]+ us max=' "$WORK/h.err"
check "log has the header lines" bash -c "grep -q '^Mapping memory file $MEM to address 0x[0-9a-f]*-0x[0-9a-f]*, size = 16777216\$' '$WORK/log' &&
	grep -Eq '^Create MemRegions for mapping GuestRegionUffdMapping \{ base_host_virt_addr: [0-9]+, size: 16777216, offset: 0 \}$' '$WORK/log' &&
	grep -Eq '^Connected to PID [1-9][0-9]*$' '$WORK/log'"
re_def='^UFFD_EVENT_PAGEFAULT \([rw]\): 0x[0-9a-f]{16} 0x[0-9a-f]{16}  (Loading|Zeroing): (0x[0-9a-f]{16}|0{18}) - 0x[0-9a-f]{16}$'
check "4096 default-format fault lines, byte-exact shape" [ "$(grep -Ec "$re_def" "$WORK/log")" -eq 4096 ]
check "offset 0 printed as 18 zeros, like %#018lx" grep -q 'Loading: 000000000000000000 - 0x0000000000001000$' "$WORK/log"
check "hole page logged as Zeroing" grep -q 'Zeroing: 0x0000000000100000 - 0x0000000000101000$' "$WORK/log"
check "lone data page logged as Loading" grep -q 'Loading: 0x0000000000901000 - 0x0000000000902000$' "$WORK/log"
check "summary comment lines end the log" bash -c "tail -2 '$WORK/log' | head -1 | grep -q '^# summary: faults=4096 loaded=514 zeroed=$SPARSE_PAGES ' && tail -1 '$WORK/log' | grep -Eq '^# latency_ns: n=4096 mean=[0-9]+ p50='"
# the original visualizer splits on spaces and reads field 5 as the offset
check "original visualizer field layout (fields[4]=action, fields[5]=offset)" bash -c \
	"awk '/^UFFD_EVENT_PAGEFAULT/ { if ((\$5 != \"Loading:\" && \$5 != \"Zeroing:\") || length(\$6) != 18) bad++ } END { exit bad > 0 }' '$WORK/log'"

# 2. every handshake shape, one and two regions, read and write faults
for shape in v1.6 page_size_kib page_size both; do
	for regions in 1 2; do
		pair "--log $WORK/log-$shape-$regions --log-format extended" "--shape $shape --regions $regions --split 6M --write" "$MEM"
		check "shape $shape, $regions region(s): verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	done
done
L=$WORK/log-both-2
check "two regions: second region at offset 6M logged" grep -Eq '^Create MemRegions for mapping GuestRegionUffdMapping \{ base_host_virt_addr: [0-9]+, size: 10485760, offset: 6291456 \}$' "$L"
re_ext='^UFFD_EVENT_PAGEFAULT \(w\): [0-9]+ 0x[0-9a-f]{16} 0x[0-9a-f]{16} (Loading|Zeroing): (0x[0-9a-f]{16}|0{18}) - 0x[0-9a-f]{16} t=[0-9]+ gpa=(0x[0-9a-f]{16}|0{18})$'
check "extended format: 4096 lines with tid, t= and gpa=" [ "$(grep -Ec "$re_ext" "$L")" -eq 4096 ]
check "extended format: thread ids reported (non-zero)" bash -c "grep '^UFFD_EVENT_PAGEFAULT' '$L' | awk '{ if (\$3 == 0) z++ } END { exit z > 0 }'"
check "extended format: x86_64 layout puts region 1 at 4 GiB" grep -q 'ing: 0x0000000000600000 - 0x0000000000601000 t=[0-9]* gpa=0x0000000100000000$' "$L"
check "extended format: header comment" grep -q '^# uffd-handler log-format=extended version=1 page_size=4096 thread_id=1' "$L"
check "extended t= is non-decreasing" bash -c "grep '^UFFD_EVENT_PAGEFAULT' '$L' | sed 's/.* t=\([0-9]*\) .*/\1/' | sort -c -n"

# 3. a replayed order: fake-vmm --order-log on the first log touches the same pages
pair "--log $WORK/log-replay" "--order-log $WORK/log --limit 300 --threads 2" "$MEM"
check "replay of a uffd log (--order-log) verified" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "replay served exactly the 300 replayed pages" grep -q '^# summary: faults=300 ' "$WORK/log-replay"
printf '0x900000\n%d\n0x0\n' $((0x400000)) >"$WORK/order"
pair "--log $WORK/log-order" "--order $WORK/order" "$MEM"
check "explicit --order file: 3 pages in that order" bash -c \
	"[ \"\$(grep -o 'ing: [0-9x]*' '$WORK/log-order' | tr '\n' ' ')\" = 'ing: 0x0000000000900000 ing: 0x0000000000400000 ing: 000000000000000000 ' ]"

# 3b. a mem_mapping replay: process p lines' PHYS in file order, one PID, gz
cat >"$WORK/mm.txt" <<'MM'
= 42 /usr/bin/java
v 0x00007f0000000000 0x00007f0000004000 [stack]
p 0x00007f0000000000 0x0000000000903000 1 0
p 0x00007f0000001000 0x0000000000400000 1 0
p 0x00007f0000002000 000000000000000000 1 0
= 43 /usr/bin/sleep
v 0x0000555500000000 0x0000555500001000 /usr/bin/sleep
p 0x0000555500000000 0x0000000000002000 0 1
= 0 kernel
v 0x0000000001000000 0x0000000001a00587 Kernel code
p 0x0000000000005000 0x0000000100000000
= -1 pagecache
v 000000000000000000 0x0000000001000000 /proc/kpageflags
p 0x0000000000006000 0x0000000400000868
MM
gzip -k "$WORK/mm.txt"
pair "--log $WORK/log-mm" "--order-mapping $WORK/mm.txt.gz --pid 42" "$MEM"
check "--order-mapping --pid 42 replays that process's PHYS in order (vmm $VRC, handler $HRC)" bash -c \
	"[ \"\$(grep -o 'ing: [0-9x]*' '$WORK/log-mm' | tr '\n' ' ')\" = 'ing: 0x0000000000903000 ing: 0x0000000000400000 ing: 000000000000000000 ' ]"
pair "--log $WORK/log-mm2" "--order-mapping $WORK/mm.txt" "$MEM"
check "--order-mapping without --pid: every process, no kernel/pagecache pages" grep -q '^# summary: faults=4 ' "$WORK/log-mm2"

# 4. the memory file is never written
check "memory file content unchanged" [ "$(sha256sum <"$MEM")" = "$SUM0" ]
check "memory file mtime unchanged" [ "$(stat -c %Y "$MEM")" = "$MTIME0" ]

# 5. socket: mode 0600, refuses an existing path, --force replaces a socket only
SOCK=$WORK/s.sock
start_handler "$SOCK" "$MEM" --log /dev/null
for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.05; done
check "socket created with mode 0600" [ "$(stat -c %a "$SOCK" 2>/dev/null)" = 600 ]
H1=$HPID
timeout 10 "$HANDLER" "$SOCK" "$MEM" >/dev/null 2>"$WORK/dup.err"; rc=$?
check "second handler on the same path refused (exit $rc, wants 2)" [ "$rc" -eq 2 ]
check "refusal says why" grep -q 'already exists; refusing to reuse it (pass --force' "$WORK/dup.err"
HPID=$H1
run_vmm "$SOCK" "$MEM" --limit 10
wait_handler
check "first handler still served its peer (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
check "socket path removed after accept" [ ! -e "$SOCK" ]
touch "$WORK/plain"
timeout 10 "$HANDLER" --force "$WORK/plain" "$MEM" >/dev/null 2>"$WORK/f.err"; rc=$?
check "--force does not delete a regular file (exit $rc)" [ "$rc" -eq 2 ] && [ -f "$WORK/plain" ]
stale_sock() { # leave a stale socket file behind (SIGKILL: no cleanup)
	exec 3>&2 2>/dev/null # no "Killed" job notice
	timeout -s KILL 1 "$HANDLER" "$1" "$MEM" >/dev/null
	exec 2>&3 3>&-
}
stale_sock "$WORK/stale.sock"
check "stale socket left by a killed handler" [ -S "$WORK/stale.sock" ]
start_handler "$WORK/stale.sock" "$MEM" --force --log /dev/null
run_vmm "$WORK/stale.sock" "$MEM" --limit 10
wait_handler
check "--force replaces a stale socket (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]

# 6. peer exit while idle, log to stdout by default
start_handler "$WORK/idle.sock" "$MEM"
run_vmm "$WORK/idle.sock" "$MEM" --limit 1 --linger-ms 300
wait_handler
check "peer exit after idling: handler exits 0 (exit $HRC)" [ "$HRC" -eq 0 ]
check "default log goes to stdout" grep -q '^# summary: faults=1 ' "$WORK/h.out"

# 7. accept timeout, SIGTERM
timeout 10 "$HANDLER" --accept-timeout 0.3 "$WORK/t.sock" "$MEM" >/dev/null 2>"$WORK/t.err"; rc=$?
check "nobody connects: exit 9 after --accept-timeout (exit $rc)" [ "$rc" -eq 9 ] && grep -q 'nobody connected' "$WORK/t.err"
check "socket removed after the timeout" [ ! -e "$WORK/t.sock" ]
start_handler "$WORK/sig.sock" "$MEM" --log /dev/null
sleep 0.3
kill -TERM "$HPID"
wait_handler
check "SIGTERM while waiting: exit 10 (exit $HRC)" [ "$HRC" -eq 10 ]
timeout 10 "$HANDLER" "$WORK/x.sock" "$WORK/does-not-exist" >/dev/null 2>"$WORK/m.err"; rc=$?
check "missing memory file: exit 3 with the reason (exit $rc)" [ "$rc" -eq 3 ] && grep -q 'No such file' "$WORK/m.err"

finish
