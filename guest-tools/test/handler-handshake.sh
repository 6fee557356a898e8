#!/bin/bash
# uffd-handler: bad handshakes each give a clear message and a distinct exit
# code, and never hang.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"

# bad_case NAME WANT_RC MESSAGE_REGEX FAKE-VMM-OPTIONS...
bad_case() {
	local name=$1 want=$2 re=$3; shift 3
	local sock=$WORK/bad.sock
	rm -f "$sock"
	start_handler "$sock" "$MEM" --log "$WORK/bad.log"
	run_vmm "$sock" "$MEM" --handshake-only --wait-close-ms 10000 "$@"
	wait_handler
	check "$name: handler exit $HRC (wants $want)" [ "$HRC" -eq "$want" ]
	if grep -Eq "$re" "$WORK/h.err"; then ok "$name: message: $(head -1 "$WORK/h.err")"
	else bad "$name: message /$re/ not in: $(cat "$WORK/h.err")"; fi
	check "$name: fake-vmm saw the connection closed (exit $VRC)" [ "$VRC" -eq 0 ]
	check "$name: no socket left behind" [ ! -e "$sock" ]
}

bad_case "no fd in the message" 4 'message carried no file descriptor' --no-fd
bad_case "malformed JSON" 5 'malformed JSON at byte [0-9]+: .*message was' \
	--json '[{"base_host_virt_addr":140000000000000,"size":16M,"offset":0}]'
bad_case "truncated JSON (peer then silent)" 5 'incomplete JSON \(no more data within 2 s\)' --json '[{"size":1'
bad_case "JSON not an array" 5 'expected a JSON array of regions, got object' \
	--json '{"base_host_virt_addr":1,"size":2,"offset":0}'
bad_case "missing size field" 5 'region 0 has no "size" field' \
	--json '[{"base_host_virt_addr":140000000000000,"offset":0}]'
bad_case "size given as a string" 5 '"size" must be a non-negative integer, got string' \
	--json '[{"base_host_virt_addr":140000000000000,"size":"16M","offset":0}]'
bad_case "negative offset" 5 '"offset" is negative' \
	--json '[{"base_host_virt_addr":140000000000000,"size":4096,"offset":-4096}]'
bad_case "empty region list" 5 'region list is empty' --json '[]'
bad_case "trailing garbage" 5 'unexpected data after the JSON' \
	--json '[{"base_host_virt_addr":140000000000000,"size":4096,"offset":0}] x'
bad_case "region larger than the file" 6 \
	'region 0 does not fit the memory file: offset 0 \+ size 0x2000000 = 0x2000000 \(33554432 bytes\), but .* has 16777216 bytes \(0x1000000\); 16777216 bytes missing' \
	--claim-size 32M
bad_case "second region runs past the end" 6 'region 1 does not fit the memory file: offset 0x800000 \+ size 0x1000000' \
	--regions 2 --split 8M --claim-size 16M
bad_case "page_size and page_size_kib disagree" 6 'page_size \(4096\) and page_size_kib \(2097152, bytes despite its name\) disagree' \
	--json '[{"base_host_virt_addr":140000000000000,"size":4096,"offset":0,"page_size":4096,"page_size_kib":2097152}]'
bad_case "unaligned region" 6 'is not aligned to the page size' \
	--json '[{"base_host_virt_addr":140000000000100,"size":4096,"offset":0}]'
bad_case "overlapping regions" 6 'regions 0 and 1 overlap' \
	--json '[{"base_host_virt_addr":140000000000000,"size":8192,"offset":0},{"base_host_virt_addr":140000000004096,"size":8192,"offset":8192}]'

# peer connects and closes without a word
sock=$WORK/quiet.sock
start_handler "$sock" "$MEM" --log /dev/null
run_vmm "$sock" "$MEM" --connect-only 0
wait_handler
check "peer closes without a handshake: exit 9 (exit $HRC)" [ "$HRC" -eq 9 ] && grep -q 'closed the connection without sending anything' "$WORK/h.err"

# peer connects and says nothing: handshake timeout
sock=$WORK/mute.sock
start_handler "$sock" "$MEM" --log /dev/null --handshake-timeout 0.5
run_vmm "$sock" "$MEM" --connect-only 2000
wait_handler
check "silent peer: exit 9 after --handshake-timeout (exit $HRC)" [ "$HRC" -eq 9 ] && grep -q 'sent nothing within 500 ms' "$WORK/h.err"

# a wrong kind of fd
sock=$WORK/pipe.sock
start_handler "$sock" "$MEM" --log /dev/null
run_vmm "$sock" "$MEM" --handshake-only --wrong-fd
wait_handler
check "a pipe instead of a userfaultfd: exit 4 (exit $HRC)" [ "$HRC" -eq 4 ] && grep -q "is not a userfaultfd but 'pipe:" "$WORK/h.err"

finish
