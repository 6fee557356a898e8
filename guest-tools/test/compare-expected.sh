#!/usr/bin/env bash
# Tests of test/expected-compare.py on two hand-made captures whose answers are worked out below.
# Needs python3 only. Run by `make -C guest-tools check`.
# Ends with "walker: N passed, M failed"; exit status 1 if anything failed.
set -u

HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/compare-expected-test.XXXXXX)
# shellcheck source-path=SCRIPTDIR source=walker-lib.bash
. "$(dirname "$0")/walker-lib.bash"

# A: pid 100; heap mapping = its NMT region, 4 resident pages on frames 0x100-0x103; libjvm.so
# 3 pages on 0x200-0x202; libzip.so 1 page on 0x300. Its log serves 0x100-0x102, 0x200, 0x201.
cat >"$WORK/a-mm.txt" <<'EOF'
= 100 /opt/jdk-17/bin/java
v 0x0000000010000000 0x0000000010010000 
p 0x0000000010000000 0x0000000000100000 1 0
p 0x0000000010001000 0x0000000000101000 1 0
p 0x0000000010002000 0x0000000000102000 1 0
p 0x0000000010003000 0x0000000000103000 1 0
v 0x00007f0000000000 0x00007f0000004000 /opt/jdk-17/lib/server/libjvm.so
p 0x00007f0000000000 0x0000000000200000 1 1
p 0x00007f0000001000 0x0000000000201000 1 1
p 0x00007f0000002000 0x0000000000202000 1 1
v 0x00007f0000010000 0x00007f0000011000 /opt/jdk-17/lib/libzip.so
p 0x00007f0000010000 0x0000000000300000 1 1
EOF
# B: pid 200; the heap mapping starts 2 pages before the NMT region (region page k is mapping
# page k + 2, frame 0x502 + k); libjvm.so elsewhere (frames 0x900-); libnio.so instead of libzip.so.
# Its log serves region pages 1-3 (page 3 zero-filled), libjvm pages 1 and 2, libnio page 0.
cat >"$WORK/b-mm.txt" <<'EOF'
= 200 /opt/jdk-17/bin/java
v 0x000000001fffe000 0x0000000020010000 
p 0x000000001fffe000 0x0000000000500000 1 0
p 0x000000001ffff000 0x0000000000501000 1 0
p 0x0000000020000000 0x0000000000502000 1 0
p 0x0000000020001000 0x0000000000503000 1 0
p 0x0000000020002000 0x0000000000504000 1 0
p 0x0000000020003000 0x0000000000505000 1 0
p 0x0000000020004000 0x0000000000506000 1 0
p 0x0000000020005000 0x0000000000507000 1 0
v 0x00007e0012340000 0x00007e0012344000 /opt/jdk-17/lib/server/libjvm.so
p 0x00007e0012340000 0x0000000000900000 1 1
p 0x00007e0012341000 0x0000000000901000 1 1
p 0x00007e0012342000 0x0000000000902000 1 1
v 0x00007e0012360000 0x00007e0012361000 /opt/jdk-17/lib/libnio.so
p 0x00007e0012360000 0x0000000000a00000 1 1
EOF
nmt() {
    printf '%s:\n\nNative Memory Tracking:\n\nVirtual memory map:\n \n' "$1"
    printf '[%s - %s] reserved 64KB for Java Heap from\n    [0x00007f0722d1a27c] ReservedSpace::reserve(unsigned long)+0xac\n\n' "$2" "$3"
    printf '\t[%s - %s] committed 64KB from\n            [0x00007f0722532e26] G1PageBasedVirtualSpace::commit(unsigned long, unsigned long)+0x66\n \nDetails:\n' "$2" "$3"
}
nmt 100 0x0000000010000000 0x0000000010010000 >"$WORK/a-nmt.txt"
nmt 200 0x0000000020000000 0x0000000020010000 >"$WORK/b-nmt.txt"
serve() {   # serve FILE KIND FRAME...: one fault line per frame, offset = frame * 4096
    local file=$1 kind=$2 f
    shift 2
    for f in "$@"; do
        printf 'UFFD_EVENT_PAGEFAULT (r): 0x00007f0000000000 0x00007f0000000000  %s: 0x%016x - 0x%016x\n' \
            "$kind" $((f * 4096)) $((f * 4096 + 4096)) >>"$file"
    done
}
serve "$WORK/a.log" Loading 0x100 0x101 0x102 0x200 0x201
serve "$WORK/b.log" Loading 0x503 0x504
serve "$WORK/b.log" Zeroing 0x505
serve "$WORK/b.log" Loading 0x901 0x902 0xa00

check "expected-compare.py: hand-computed overlaps by NMT region offset and mapping offset, rows" \
    python3 - "$HERE/test/expected-compare.py" "$WORK/a-mm.txt" "$WORK/a.log" "$WORK/a-nmt.txt" \
    "$WORK/b-mm.txt" "$WORK/b.log" "$WORK/b-nmt.txt" <<'EOF'
import json, subprocess, sys
out = json.loads(subprocess.check_output([sys.executable] + sys.argv[1:]))
o = out['overlap']
def c(b, x, y):
    return {'both': b, 'onlyBaseline': x, 'onlyOther': y}
assert o['all'] == c(3, 2, 3), o['all']
assert o['owners']['nmt|java|Java Heap'] == c(2, 1, 1), o['owners']
assert o['owners']['mapping|java|/opt/jdk-17/lib/server/libjvm.so'] == c(1, 1, 1), o['owners']
assert o['owners']['mapping|java|/opt/jdk-17/lib/libnio.so'] == c(0, 0, 1), o['owners']
assert o['unmatched'] == [0, 0], o['unmatched']
r = out['rows']
P = 4096
assert r['nmt_category|java|Java Heap'] == [{'resident': 4 * P, 'uffdLoaded': 3 * P, 'zeroFilled': 0},
                                            {'resident': 6 * P, 'uffdLoaded': 2 * P, 'zeroFilled': P}], r
assert r['process|java|java'][1] == {'resident': 12 * P, 'uffdLoaded': 5 * P, 'zeroFilled': P}, r
assert r['mapping|java|/opt/jdk-17/lib/libzip.so'] == [{'resident': P, 'uffdLoaded': 0, 'zeroFilled': 0}, None], r
assert r['mapping|java|/opt/jdk-17/lib/libnio.so'] == [None, {'resident': P, 'uffdLoaded': P, 'zeroFilled': 0}], r
EOF

finish
