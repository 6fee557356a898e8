#!/bin/bash
# uffd-handler's handshake parser under libFuzzer with ASan and UBSan
# (fuzz/handshake-fuzz.c): a short run from the seeds (real handshake
# messages of the three shapes, and the bad ones of issue 9). The longer
# run is `make -C guest-tools fuzz` (FUZZ_SECONDS, default 600).
. "$(dirname "$0")/handler-lib.bash"

SECONDS_TO_RUN=${FUZZ_SHORT_SECONDS:-30}
FUZZER=$HT_DIR/../build/handshake-fuzz

if ! command -v "${FUZZ_CC:-clang}" >/dev/null; then
	if [ -n "${CI:-}" ]; then
		bad "clang missing in CI (.ci/run installs it): the handshake fuzz target did not run"
	else
		skip "handshake fuzz target: no clang (apt-get install clang)"
	fi
	finish
fi
if ! make -s -C "$HT_DIR/.." build/handshake-fuzz >"$WORK/build.log" 2>&1; then
	bad "building the fuzz target: $(tail -3 "$WORK/build.log")"
	finish
fi
mkdir -p "$WORK/corpus"
(cd "$WORK" && "$FUZZER" -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 -artifact_prefix="$WORK/" \
	-dict="$HT_DIR/../fuzz/handshake.dict" \
	"$WORK/corpus" "$HT_DIR/../fuzz/seeds/handshake") >"$WORK/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/fuzz.log")
check "handshake parser fuzzed for $SECONDS_TO_RUN s: ${runs:-?} inputs, no crash, leak, sanitizer report or broken promise (exit $rc)" \
	eval '[ "$rc" -eq 0 ] && [ -n "$runs" ] && ! ls "$WORK"/crash-* "$WORK"/leak-* "$WORK"/timeout-* >/dev/null 2>&1'
[ "$rc" -eq 0 ] || grep -E 'ERROR|broken promise|SUMMARY' "$WORK/fuzz.log" | head -5
finish
