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
#   prefetch-loop.sh [--runs N] [--jar JAR]
#
# A = sample-data/lab-jvm17-default/uffd.log.gz (restore 1), B =
# uffd-restore-2.log.gz (restore 2). The sets and the predictions come from
# the visualizer's simulator (prefetch --strategy recorded --out, --json;
# JAR default visualizer/target/UffdVisualizer.jar, built by mvn package) and,
# independently, from test/working-set.py; the two must agree. Without the
# jar only the script's are used (and the simulator's comparison is skipped,
# saying so). The memory file is synthetic (the guest's 1 GiB, random data
# on every page any of the three restores touched, holes elsewhere): a
# page-touch trace records which pages were touched, not their content.
. "$(dirname "$0")/handler-lib.bash"
preflight
ROOT=$(cd "$HT_DIR/../.." && pwd)
LAB=$ROOT/sample-data/lab-jvm17-default
A=$LAB/uffd.log.gz
B=$LAB/uffd-restore-2.log.gz
RUNS=3
JAR=$ROOT/visualizer/target/UffdVisualizer.jar
while [ $# -gt 0 ]; do
	case $1 in
	--runs) RUNS=$2; shift 2 ;;
	--jar) JAR=$2; shift 2 ;;
	*) echo "prefetch-loop.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
WS="python3 $HT_DIR/working-set.py"

MEM=$WORK/mem
$WS memfile "$MEM" "$LAB"/uffd.log.gz "$LAB"/uffd-restore-2.log.gz "$LAB"/uffd-restore-3.log.gz
$WS export "$A" "$WORK/A-py.ws" && $WS export "$B" "$WORK/B-py.ws"
: >"$WORK/none.ws"
: >"$WORK/none-py.ws"
# sim_left JSON STRATEGY: faultsLeft of STRATEGY's outcome in prefetch --json
sim_left() { python3 -c 'import json, sys
print(next(o["faultsLeft"] for o in json.load(open(sys.argv[1]))["outcomes"] if o["strategy"] == sys.argv[2]))' "$1" "$2"; }
pages_of() { grep -v '^#' "$1" | awk '{ print $1, ($2 ~ /^0x|^[0-9]/ ? $2 : 4096) }'; }
SIM=
SRC=script
if [ -f "$JAR" ] && command -v java >/dev/null; then
	for t in "A 1" "B 2"; do
		read -r name k <<<"$t"
		java -jar "$JAR" prefetch "$A" "$B" --strategy recorded --train "$k" --test 2 --json --out "$WORK/$name.ws" >"$WORK/$name.json" 2>"$WORK/sim.err" ||
			{ bad "simulator: prefetch --train $k --test 2 ($(head -3 "$WORK/sim.err"))"; finish; }
	done
	SIM=1
	SRC=simulator
	check "the simulator's export of A and the script's list the same extents in the same order" diff <(pages_of "$WORK/A.ws") <(pages_of "$WORK/A-py.ws" | awk '{ print $1, ($2 == 4096 ? "0x1000" : $2) }')
	check "the simulator's export of B and the script's list the same extents in the same order" diff <(pages_of "$WORK/B.ws") <(pages_of "$WORK/B-py.ws" | awk '{ print $1, ($2 == 4096 ? "0x1000" : $2) }')
else
	skip "simulator's prediction: no $JAR (mvn -B -ntp -q -pl visualizer -am package -DskipTests); the script's sets and prediction only"
	cp "$WORK/A-py.ws" "$WORK/A.ws" && cp "$WORK/B-py.ws" "$WORK/B.ws"
fi
# restore B's first touches in order: B's own recorded set is exactly that
ORDER=$WORK/B.ws
echo "prefetch loop: A = $(basename "$A"), B = $(basename "$B") ($(grep -vc '^#' "$ORDER") extents in first-touch order), sets from the $SRC, $RUNS runs (medians), load average $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
sum() { sed -n "s/^# summary: .*\b$2=\([0-9]*\).*/\1/p" "$1"; }

printf '%-24s %8s %10s %10s %9s %7s %13s %11s\n' "run (fake-vmm replays B)" faults "sim says" "script" "set pages" wasted "bytes copied" "ms to last"
for run in "none before" "A before" "B before" "A parallel"; do
	read -r set mode <<<"$run"
	pf=
	[ "$set" != none ] && pf="--prefetch $WORK/$set.ws --prefetch-mode $mode"
	: >"$WORK/acc"
	for _ in $(seq "$RUNS"); do
		pair "--log $WORK/$set-$mode.log $pf" "--order $ORDER" "$MEM"
		if [ "$VRC" -ne 0 ] || [ "$HRC" -ne 0 ]; then break; fi
		f=$(sum "$WORK/$set-$mode.log" faults)
		copied=$((($(sum "$WORK/$set-$mode.log" loaded) + $(sum "$WORK/$set-$mode.log" prefetched)) * 4096))
		echo "$f $copied $(field "$WORK/v.out" elapsed_ns)" >>"$WORK/acc"
	done
	check "$set, $mode: restore B replayed, every byte verified (vmm $VRC, handler $HRC)" [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]
	read -r pfaults pset pwasted <<<"$($WS predict "$ORDER" "$WORK/$set-py.ws" | sed 's/[a-z]*=//g')"
	sim="-"
	if [ -n "$SIM" ] && [ "$mode" = before ]; then
		if [ "$set" = none ]; then sim=$(sim_left "$WORK/A.json" none); else sim=$(sim_left "$WORK/$set.json" recorded); fi
	fi
	[ "$mode" = before ] || pfaults="-"
	f=$(awk '{print $1}' "$WORK/acc" | median)
	copied=$(awk '{print $2}' "$WORK/acc" | median)
	ms=$(awk '{printf "%.1f\n", $3 / 1e6}' "$WORK/acc" | median)
	printf '%-24s %8s %10s %10s %9s %7s %13s %11s\n' "$set, $mode" "$f" "$sim" "$pfaults" "$pset" "$pwasted" "$copied" "$ms"
	eval "F_${set}_$mode=$f"
	if [ "$mode" = before ]; then
		every=$(awk '{print $1}' "$WORK/acc" | sort -u | tr '\n' ' ')
		check "$set, before: measured demand faults in every run ($every) = the script's prediction ($pfaults)" [ "$every" = "$pfaults " ]
		[ -n "$SIM" ] && check "$set, before: measured demand faults ($every) = the simulator's prediction ($sim)" [ "$every" = "$sim " ]
	fi
done
# shellcheck disable=SC2154
check "held-out set A leaves fewer demand faults than no prefetch ($F_A_before < $F_none_before)" [ "$F_A_before" -lt "$F_none_before" ]
finish
