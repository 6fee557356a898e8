#!/bin/bash
# uffd-handler when things go wrong: a fatal error in a serving thread, out
# of memory, a log that cannot be written or must not be, a memory file that
# is not a regular file or shrinks while serving, SIGHUP, and hostile
# handshakes. Each case gives its documented exit code and one clear line on
# stderr, and never hangs.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"
SUM0=$(sha256sum <"$MEM")

err_lines() { grep -vc '^uffd-handler: \(peer went away\|stopped by a signal\|exiting after an error\|faults served\|service latency\)' "$WORK/h.err"; }
summary_at_end() { # LOG: the log ends with the two summary lines (flushed in order)
	tail -2 "$1" | head -1 | grep -q '^# summary: faults=' && tail -1 "$1" | grep -q '^# latency_ns: n='
}
holds_uffd() { # PID: the process has a userfaultfd open
	local fd
	for fd in "/proc/$1/fd/"*; do [ "$(readlink "$fd" 2>/dev/null)" = "anon_inode:[userfaultfd]" ] && return 0; done
	return 1
}
no_sanitizer_report() { ! grep -qiE 'sanitizer|runtime error|data race' "$WORK/h.err"; }

# ---- a fatal error in a serving thread stops every thread in order
# The handshake claims 8 MiB of the 16 MiB fake-vmm registered: its first
# fault above 8 MiB lies outside every region (exit 7, userfaultfd error).
for ht in 2 4; do
	EXPECT_FAIL=1 pair "--threads $ht --log $WORK/fatal.log" "--threads 4 --claim-size 8M" "$MEM"
	check "fatal error in a serving thread, --threads $ht: exit 7 (exit $HRC), fake-vmm did not hang (exit $VRC)" \
		eval '[ "$HRC" -eq 7 ] && [ "$VRC" -ne 124 ] && [ "$VRC" -ne 137 ]'
	check "  one message names it" eval 'err_has "lies outside every region of the handshake" && [ "$(grep -c "lies outside every region" "$WORK/h.err")" -eq 1 ]'
	check "  every thread joined: summary on stderr and at the end of the log" \
		eval 'err_has "exiting after an error" && summary_at_end "$WORK/fatal.log"'
	check "  no socket left, no sanitizer report" eval '[ ! -e "$WORK/uffd.sock" ] && no_sanitizer_report'
done

# ---- out of memory: its own exit code (12), not usage (1) nor the file's
# A working set of 6 M offsets (gzip) needs a 64 MiB array; the address
# space is limited to 64 MiB.
yes 0x1000 | head -n 6000000 | gzip -1 >"$WORK/big-ws.gz"
(ulimit -v 65536 && exec timeout -k 5 60 "$HANDLER" --prefetch "$WORK/big-ws.gz" "$WORK/oom.sock" "$MEM") \
	>/dev/null 2>"$WORK/h.err"
rc=$?
check "out of memory loading the prefetch list (ulimit -v 64 MiB): exit 12 (exit $rc)" [ "$rc" -eq 12 ]
check "  one line says out of memory and for what" eval 'err_has "out of memory: [0-9]* bytes for the prefetch list" && [ "$(grep -c "^uffd-handler:" "$WORK/h.err")" -eq 1 ]'

# ---- issue 9 item 15: every write of the log and its final flush checked
# a log file beyond RLIMIT_FSIZE (a full disk for this process): the log
# buffer (1 MiB) is written mid-run by a serving thread, 300 REMOVE rounds
# give about 2 MiB of extended lines
for ht in 1 2; do
	(ulimit -f 256 && exec timeout -k 5 60 "$HANDLER" --threads "$ht" --log-format extended --log "$WORK/full.log" \
		"$WORK/full.sock" "$MEM") >/dev/null 2>"$WORK/h.err" &
	HPID=$!
	HT_PIDS+=("$HPID")
	run_vmm "$WORK/full.sock" "$MEM" --threads 2 --dontneed 0xf0000:0x20000 --remove-storm 300
	wait_handler
	check "log on a full file system (RLIMIT_FSIZE 256 KiB), --threads $ht: exit 11 (exit $HRC), fake-vmm ended (exit $VRC)" \
		eval '[ "$HRC" -eq 11 ] && [ "$VRC" -ne 124 ] && [ "$VRC" -ne 137 ]'
	check "  one message names the log and the error" \
		eval '[ "$(grep -c "writing the log to $WORK/full.log failed: File too large" "$WORK/h.err")" -eq 1 ] && [ "$(err_lines)" -eq 1 ]'
done
# the whole log fits the buffer: only the final flush can fail
(ulimit -f 2 && exec timeout -k 5 60 "$HANDLER" --log "$WORK/small.log" "$WORK/small.sock" "$MEM") >/dev/null 2>"$WORK/h.err" &
HPID=$!
HT_PIDS+=("$HPID")
run_vmm "$WORK/small.sock" "$MEM" --limit 64
wait_handler
check "log larger than RLIMIT_FSIZE written only by the final flush: exit 11 (exit $HRC) with a message" \
	eval '[ "$HRC" -eq 11 ] && err_has "writing the log to $WORK/small.log failed: File too large"'
# stdout on a full device
timeout -k 5 60 "$HANDLER" "$WORK/dev-full.sock" "$MEM" >/dev/full 2>"$WORK/h.err" &
HPID=$!
HT_PIDS+=("$HPID")
run_vmm "$WORK/dev-full.sock" "$MEM" --limit 64
wait_handler
check "log to stdout on /dev/full: exit 11 (exit $HRC) with a message" \
	eval '[ "$HRC" -eq 11 ] && err_has "writing the log to stdout failed: No space left on device"'

# ---- issue 9 item 16: --log must not be the memory file nor a non-regular file
# (a copy of the memory file: a handler that truncates it spoils no other test)
RMEM=$WORK/refuse-mem
cp "$MEM" "$RMEM"
refused_log() { # DESCRIPTION LOG_PATH MESSAGE
	local msg=$3
	timeout -k 5 10 "$HANDLER" --log "$2" "$WORK/refuse.sock" "$RMEM" >/dev/null 2>"$WORK/h.err"
	local rc=$?
	local intact=no
	[ "$(sha256sum <"$RMEM")" = "$SUM0" ] && intact=yes
	check "--log $1: refused with exit 11 (exit $rc), memory file intact ($intact), nothing listening" \
		eval '[ "$rc" -eq 11 ] && [ "$intact" = yes ] && [ ! -e "$WORK/refuse.sock" ]'
	check "  one line: $msg" eval 'err_has "$msg" && [ "$(wc -l <"$WORK/h.err")" -eq 1 ]'
}
refused_log "naming the memory file" "$RMEM" 'it is the memory file'
ln "$RMEM" "$WORK/mem-link"
refused_log "naming a hard link to the memory file" "$WORK/mem-link" 'it is the memory file'
mkfifo "$WORK/log.fifo"
refused_log "naming a FIFO (no reader: must not block)" "$WORK/log.fifo" 'it is a FIFO, not a regular file'
refused_log "naming /dev/full" /dev/full 'it is a device, not a regular file'
refused_log "naming a directory" "$WORK" 'it is a directory'
pair "--log /dev/null" "--limit 8" "$MEM"
check "--log /dev/null still discards the log (vmm $VRC, handler $HRC)" eval '[ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]'

# ---- issue 9 item 6: a memory file that is not a regular file
mkfifo "$WORK/mem.fifo"
timeout -k 5 10 "$HANDLER" "$WORK/fifo.sock" "$WORK/mem.fifo" >/dev/null 2>"$WORK/h.err"
rc=$?
check "memory file is a FIFO: exit 3 without blocking (exit $rc)" [ "$rc" -eq 3 ]
check "  one line says so" eval 'err_has "memory file $WORK/mem.fifo is a FIFO, not a regular file" && [ "$(wc -l <"$WORK/h.err")" -eq 1 ]'
timeout -k 5 10 "$HANDLER" "$WORK/zero.sock" /dev/zero >/dev/null 2>"$WORK/h.err"
rc=$?
check "memory file is a character device: exit 3 (exit $rc) with a message" \
	eval '[ "$rc" -eq 3 ] && err_has "memory file /dev/zero is a character device, not a regular file"'

# ---- issue 9 item 17: the memory file shrinks while serving
# fake-vmm touches every page in order, 1 ms apart; once the handler holds
# the userfaultfd the file is cut at 4.5 MiB, so the data pages from 4.5 to
# 5 MiB (about 1.1 s later) can no longer be copied.
cp "$MEM" "$WORK/shrink-mem"
start_handler "$WORK/shrink.sock" "$WORK/shrink-mem" --log "$WORK/shrink.log"
timeout -k 5 60 "$VMM" --think-ns 1000000 "$WORK/shrink.sock" "$WORK/shrink-mem" >"$WORK/v.out" 2>&1 &
vp=$!
HT_PIDS+=("$vp")
for _ in $(seq 400); do
	[ -z "${HCHILD:-}" ] && handler_child
	[ -n "$HCHILD" ] && holds_uffd "$HCHILD" && break
	sleep 0.01
done
truncate -s 4608K "$WORK/shrink-mem"
wait_handler
wait "$vp" 2>/dev/null
vrc=$?
check "memory file shrank while serving: exit 13 (exit $HRC), fake-vmm ended (exit $vrc)" \
	eval '[ "$HRC" -eq 13 ] && [ "$vrc" -ne 124 ] && [ "$vrc" -ne 137 ]'
check "  one line says it shrank, from and to how many bytes" \
	eval 'err_has "memory file $WORK/shrink-mem shrank from 16777216 to 4718592 bytes while serving" && [ "$(err_lines)" -eq 1 ]'
check "  summary written" eval 'summary_at_end "$WORK/shrink.log"'
HCHILD=

# ---- issue 9 item 18: SIGHUP ends it like SIGTERM (flush, summary, exit 10)
for ht in 1 2; do
	start_handler "$WORK/hup.sock" "$MEM" --threads "$ht" --log "$WORK/hup.log"
	timeout -k 5 60 "$VMM" --limit 64 --linger-ms 5000 "$WORK/hup.sock" "$MEM" >"$WORK/v.out" 2>&1 &
	vp=$!
	HT_PIDS+=("$vp")
	for _ in $(seq 200); do grep -q 'verified' "$WORK/v.out" 2>/dev/null && break; sleep 0.05; done
	handler_child
	kill -HUP "${HCHILD:-$HPID}"
	wait_handler
	check "SIGHUP, --threads $ht: exit 10 (exit $HRC)" [ "$HRC" -eq 10 ]
	check "  summary on stderr and the log complete (faults=64)" \
		eval 'err_has "stopped by a signal" && summary_at_end "$WORK/hup.log" && log_has "$WORK/hup.log" "^# summary: faults=64 "'
	wait "$vp" 2>/dev/null
done

# ---- issue 9 item 19: each bad handshake gets one clear line
# hs_case NAME WANT_RC MESSAGE_REGEX FAKE-VMM-OPTIONS...
hs_case() {
	local name=$1 want=$2 re=$3; shift 3
	local sock=$WORK/hs.sock t0=$SECONDS
	rm -f "$sock"
	start_handler "$sock" "$MEM" --log "$WORK/hs.log"
	run_vmm "$sock" "$MEM" --handshake-only --wait-close-ms 10000 "$@"
	wait_handler
	local took=$((SECONDS - t0))
	check "handshake $name: exit $want (exit $HRC) at once ($took s)" eval '[ "$HRC" -eq "$want" ] && [ "$took" -lt 2 ]'
	check "  one line on stderr matching /$re/: $(head -c 200 "$WORK/h.err" | head -1)" \
		eval '[ "$(wc -l <"$WORK/h.err")" -eq 1 ] && grep -Eq -- "$re" "$WORK/h.err"'
}
hs_case "null" 5 'expected a JSON array of regions, got null' --json null
printf '\0[{"base_host_virt_addr":140000000000000,"size":16777216,"offset":0}]' >"$WORK/nul.json"
hs_case "with a leading NUL" 5 "malformed JSON at byte 0: a NUL byte; message was '\\\\x00\\[\\{\"base" --json-file "$WORK/nul.json"
hs_case "page_size 0" 6 'region 0: page size 0 is not a power of two >= 4096' \
	--json '[{"base_host_virt_addr":140000000000000,"size":16777216,"offset":0,"page_size":0}]'
hs_case "page_size_kib 0" 6 'region 0: page size 0 is not a power of two >= 4096' \
	--json '[{"base_host_virt_addr":140000000000000,"size":16777216,"offset":0,"page_size_kib":0}]'
yes garbage | head -c 10M >"$WORK/garbage"
hs_case "of 10 MB of garbage" 5 'malformed JSON at byte [0-9]+: .*message was .*\.\.\. \([0-9]+ bytes\)'"'"'$' --json-file "$WORK/garbage"
# a good handshake, then 10 MB of garbage while serving
pair "--log $WORK/g.log" "--limit 64 --send-after $WORK/garbage" "$MEM"
check "10 MB of garbage after the handshake: served all the same (vmm $VRC, handler $HRC)" eval '[ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]'
check "  one line about it on stderr, the count in the summary" \
	eval '[ "$(err_lines)" -eq 2 ] && err_has "ignoring unexpected data from the peer after the handshake" && err_has "unexpected bytes from the peer ignored"'

finish
