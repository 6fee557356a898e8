# Shared by the walker test scripts (sourced, not run): counters, checks, and a cleanup that
# resumes and kills every process in PIDS and removes WORK, whatever way the script ends.
# A script sets WORK before sourcing this and appends the pid of everything it starts to PIDS.
# shellcheck shell=bash

PASS=0
FAIL=0
PIDS=()

# shellcheck disable=SC2317 # called by the trap
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill -CONT "$p" 2>/dev/null
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() {
    FAIL=$((FAIL + 1))
    echo "FAIL - $1"
    if [ $# -gt 1 ]; then printf '%s\n' "$2" | head -20 | while IFS= read -r l; do echo "       $l"; done; fi
}
# check NAME COMMAND...: pass if the command succeeds, show its output if not
check() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}
finish() {
    echo "walker: $PASS passed, $FAIL failed"
    [ "$FAIL" -eq 0 ]
    exit $?
}
