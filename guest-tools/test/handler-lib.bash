# Helpers sourced by guest-tools/test/handler-*.sh (uffd-handler + fake-vmm tests).
# Not a test itself (the Makefile runs test/*.sh only).
set -u
HT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$(cd "$HT_DIR/../bin" && pwd)
# UFFD_HANDLER: run the tests against another build (e.g. a sanitizer one)
HANDLER=${UFFD_HANDLER:-$BIN/uffd-handler}
VMM=$BIN/fake-vmm
PASS=0
FAIL=0
SKIP=0
WORK=$(mktemp -d /tmp/handler-test.XXXXXX)
HT_PIDS=()

ht_cleanup() {
	[ -n "${KEEP_WORK:-}" ] && { echo "kept $WORK"; return; }
	local p
	for p in "${HT_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$WORK"
}
trap ht_cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

ok()   { PASS=$((PASS + 1)); echo "ok   - $*"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
skip() { SKIP=$((SKIP + 1)); echo "skip - $*"; }
check() { # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}
finish() {
	[ "$SKIP" -gt 0 ] && echo "($SKIP skipped)"
	echo "handler: $PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit
}

preflight() {
	if [ ! -x "$HANDLER" ] || [ ! -x "$VMM" ]; then
		echo "uffd-handler / fake-vmm not built (run make -C guest-tools)"
		bad "binaries present"
		finish
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "these tests need root (userfaultfd for unprivileged users is usually disabled)"
		bad "running as root"
		finish
	fi
}

# make_memfile FILE: a 16 MiB sparse file: data at [0,1M), [4M,5M), one page
# at 9M+4K, the last page; holes everywhere else.
make_memfile() {
	local f=$1
	rm -f "$f"
	truncate -s 16M "$f"
	head -c 1M /dev/urandom | dd of="$f" bs=4096 seek=0 conv=notrunc status=none
	head -c 1M /dev/urandom | dd of="$f" bs=4096 seek=1024 conv=notrunc status=none
	head -c 4096 /dev/urandom | dd of="$f" bs=4096 seek=2305 conv=notrunc status=none
	head -c 4096 /dev/urandom | dd of="$f" bs=4096 seek=4095 conv=notrunc status=none
}

# start_handler SOCKET MEMFILE [handler options...]: background handler,
# stdout/stderr in $WORK/h.out / $WORK/h.err, pid in HPID.
start_handler() {
	local sock=$1 mem=$2; shift 2
	timeout -k 5 60 "$HANDLER" "$@" "$sock" "$mem" >"$WORK/h.out" 2>"$WORK/h.err" &
	HPID=$!
	HT_PIDS+=("$HPID")
}

# handler_child: sets HCHILD to the PID of the handler started by
# start_handler (a child of timeout; no procps needed), empty if not found
handler_child() {
	local st comm ppid
	HCHILD=
	for st in /proc/[0-9]*/stat; do
		read -r _ comm _ ppid _ <"$st" 2>/dev/null || continue
		[ "$ppid" = "$HPID" ] && [ "$comm" = "(uffd-handler)" ] && HCHILD=${st#/proc/} && HCHILD=${HCHILD%/stat} && return
	done
}

# wait_handler: sets HRC to the handler's exit code
wait_handler() {
	wait "$HPID" 2>/dev/null
	HRC=$?
}

# run_vmm SOCKET MEMFILE [fake-vmm options...]: sets VRC, output in $WORK/v.out
run_vmm() {
	local sock=$1 mem=$2; shift 2
	timeout -k 5 60 "$VMM" "$@" "$sock" "$mem" >"$WORK/v.out" 2>&1
	VRC=$?
}

# pair "HANDLER OPTS" "VMM OPTS" MEMFILE: a full restore, sets HRC and VRC
pair() {
	local hopts=$1 vopts=$2 mem=$3
	local sock=$WORK/uffd.sock
	rm -f "$sock"
	# shellcheck disable=SC2086
	start_handler "$sock" "$mem" $hopts
	# shellcheck disable=SC2086
	run_vmm "$sock" "$mem" $vopts
	wait_handler
	if { [ "$VRC" -ne 0 ] || [ "$HRC" -ne 0 ]; } && [ -z "${EXPECT_FAIL:-}" ]; then
		echo "---- handler ($HRC) stderr:"; tail -5 "$WORK/h.err"
		echo "---- fake-vmm ($VRC):"; tail -8 "$WORK/v.out"
	fi
}

log_has() { grep -q "$2" "$1"; }          # log_has FILE REGEX
err_has() { grep -q -- "$1" "$WORK/h.err"; } # err_has REGEX: on the handler's stderr

field() { # field FILE KEY: value of KEY=N from the fake-vmm-stats touch line
	sed -n "s/^fake-vmm-stats: phase=touch .*\b$2=\([0-9]*\).*/\1/p" "$1" | head -1
}

# hugepages_ready N: 0 when N free 2 MiB hugetlbfs pages can be had (raising
# /proc/sys/vm/nr_hugepages if needed; restore_hugepages puts it back),
# else 1 with the reason in HP_WHY.
HP_BEFORE=
HP_WHY=
export HP_WHY
hugepages_ready() {
	local want=$1 free_hp
	HP_BEFORE=$(cat /proc/sys/vm/nr_hugepages)
	if [ "$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo)" != 2048 ]; then
		HP_WHY="default huge page size is not 2 MiB"; return 1
	fi
	if ! grep -qw hugetlbfs /proc/filesystems; then
		HP_WHY="kernel without hugetlbfs"; return 1
	fi
	free_hp=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
	if [ "${free_hp:-0}" -lt "$want" ]; then
		echo $((HP_BEFORE + want - ${free_hp:-0})) >/proc/sys/vm/nr_hugepages 2>/dev/null
		free_hp=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
	fi
	if [ "${free_hp:-0}" -lt "$want" ]; then
		HP_WHY="could not reserve $want huge pages (HugePages_Free=$free_hp)"; return 1
	fi
}
restore_hugepages() { [ -n "$HP_BEFORE" ] && echo "$HP_BEFORE" >/proc/sys/vm/nr_hugepages 2>/dev/null; }
