#!/bin/bash
# The closed loop of issue 14, measured with real userfaultfd: fake-vmm
# replays restore B of the bundled lab snapshot (its first touches, in
# order) against uffd-handler, with (1) no prefetch, (2) the working set
# recorded from restore A (held out), (3) the set of B itself (the upper
# bound). Prints demand faults, bytes copied and the wall time to the last
# touch next to the prediction for --prefetch-mode before, and checks that
# the held-out set leaves fewer demand faults than none and that 'before'
# leaves exactly the predicted ones.
#
#   prefetch-loop.sh [--runs N] [--a TRACE] [--b TRACE] [--sets-from DIR]
#
# Default: A = sample-data/lab-jvm17-default/uffd.log.gz (restore 1),
# B = uffd-restore-2.log.gz (restore 2). The sets are exported by
# test/working-set.py (independently of the Java simulator), or taken from
# DIR/A.ws and DIR/B.ws with --sets-from (e.g. written by the visualizer's
# 'prefetch --strategy recorded --out'). The memory file is synthetic (1 GiB,
# random data on every page any of the three restores touched, holes
# elsewhere): a page-touch trace records which pages were touched, not
# their content.
. "$(dirname "$0")/handler-lib.bash"
preflight
ROOT=$(cd "$HT_DIR/../.." && pwd)
LAB=$ROOT/sample-data/lab-jvm17-default
A=$LAB/uffd.log.gz
B=$LAB/uffd-restore-2.log.gz
RUNS=3
SETS=
while [ $# -gt 0 ]; do
	case $1 in
	--runs) RUNS=$2; shift 2 ;;
	--a) A=$2; shift 2 ;;
	--b) B=$2; shift 2 ;;
	--sets-from) SETS=$2; shift 2 ;;
	*) echo "prefetch-loop.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
WS="python3 $HT_DIR/working-set.py"

MEM=$WORK/mem
$WS memfile "$MEM" "$LAB"/uffd.log.gz "$LAB"/uffd-restore-2.log.gz "$LAB"/uffd-restore-3.log.gz
if [ -n "$SETS" ]; then
	cp "$SETS/A.ws" "$WORK/A.ws" && cp "$SETS/B.ws" "$WORK/B.ws" || { bad "sets in $SETS"; finish; }
else
	$WS export "$A" "$WORK/A.ws" && $WS export "$B" "$WORK/B.ws"
fi
# restore B's first touches in order: B's own recorded set is exactly that
ORDER=$WORK/B.ws
: >"$WORK/none.ws"
echo "prefetch loop: A = $(basename "$A"), B = $(basename "$B") (order: $(grep -vc '^#' "$ORDER") entries), $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
sum() { sed -n "s/^# summary: .*\b$2=\([0-9]*\).*/\1/p" "$1"; }

printf '%-26s %9s %9s %12s %12s %14s %10s\n' "run (fake-vmm replays B)" faults predicted "set pages" "wasted" "bytes copied" "ms to last"
for run in "none before" "A before" "B before" "A parallel"; do
	read -r set mode <<<"$run"
	pf=
	[ "$set" != none ] && pf="--prefetch $WORK/$set.ws --prefetch-mode $mode"
	: >"$WORK/acc"
	for _ in $(seq "$RUNS"); do
		pair "--log $WORK/$set-$mode.log $pf" "--order $ORDER" "$MEM"
		[ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ] || break
		f=$(sum "$WORK/$set-$mode.log" faults)
		copied=$(( ($(sum "$WORK/$set-$mode.log" loaded) + $(sum "$WORK/$set-$mode.log" prefetched)) * 4096 ))
		echo "$f $copied $(field "$WORK/v.out" elapsed_ns)" >>"$WORK/acc"
	done
	check "$set, $mode: restore B replayed, every byte verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	read -r pfaults pset pwasted <<<"$($WS predict "$ORDER" "$WORK/$set.ws" | sed 's/[a-z]*=//g')"
	f=$(awk '{print $1}' "$WORK/acc" | median)
	copied=$(awk '{print $2}' "$WORK/acc" | median)
	ms=$(awk '{printf "%.1f\n", $3 / 1e6}' "$WORK/acc" | median)
	[ "$mode" = before ] && pred=$pfaults || pred="(n/a)"
	printf '%-26s %9s %9s %12s %12s %14s %10s\n' "$set, $mode" "$f" "$pred" "$pset" "$pwasted" "$copied" "$ms"
	eval "F_${set}_$mode=$f"
	[ "$mode" = before ] && check "$set, before: measured demand faults = predicted ($f = $pfaults, every run: $(awk '{print $1}' "$WORK/acc" | sort -u | tr '\n' ' '))" \
		[ "$(awk '{print $1}' "$WORK/acc" | sort -u)" = "$pfaults" ]
done
# shellcheck disable=SC2154
check "held-out set A leaves fewer demand faults than no prefetch ($F_A_before < $F_none_before)" [ "$F_A_before" -lt "$F_none_before" ]
finish
