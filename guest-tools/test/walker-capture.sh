#!/usr/bin/env bash
# Tests of bin/capture-mappings, bin/capture-nmt and test/expected-summary.py.
# Needs root, java/javac/jcmd and python3. Run by `make -C guest-tools check`.
# Ends with "walker: N passed, M failed"; exit status 1 if anything failed.
set -u

HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/walker-capture-test.XXXXXX)
# shellcheck source-path=SCRIPTDIR source=walker-lib.bash
. "$(dirname "$0")/walker-lib.bash"

# ---- expected-summary.py on a hand-made capture (no root needed) ---------------
cat >"$WORK/mm.txt" <<'EOF'
= 100 /bin/a
v 0x0000000000400000 0x0000000000404000 /bin/a
p 0x0000000000400000 0x0000000000010000 0 1
p 0x0000000000401000 0x0000000000011000 1 0
v 0x00007f0000000000 0x00007f0000003000 
p 0x00007f0000000000 0x0000000000012000 1 0
p 0x00007f0000001000 0x0000000000012000 1 0
p 0x00007f0000002000 0x0000000000013000 1 0
= 200 /bin/b x
v 0x0000000000400000 0x0000000000402000 /bin/a
p 0x0000000000400000 0x0000000000010000 0 1
p 0x0000000000401000 0x0000000000020000 1 0
= 0 kernel
v 0x0000000001000000 0x0000000001001fff Kernel code
p 0x0000000001000000 0x0000000100000000
p 0x0000000001001000 0x0000000100000000
= -1 pagecache
v 000000000000000000 0x0000000040000000 /proc/kpageflags
p 0x0000000000010000 0x000000040000002c
p 0x0000000000013000 0x000000040000002c
p 0x0000000000030000 0x000000040000002c
EOF
printf '100:\n\nNative Memory Tracking:\n\nVirtual memory map:\n \n' >"$WORK/nmt.txt"
cat >>"$WORK/nmt.txt" <<'EOF'
[0x00007f0000000000 - 0x00007f0000004000] reserved 16KB for Java Heap from
    [0x00007f0722d1a27c] ReservedSpace::reserve(unsigned long)+0xac

	[0x00007f0000000000 - 0x00007f0000002000] committed 8KB from
            [0x00007f0722532e26] G1PageBasedVirtualSpace::commit(unsigned long, unsigned long)+0x66
 
[0x0000000000400000 - 0x0000000000402000] reserved and committed 8KB for Code from
    [0x00007f0722d1a27c] ReservedSpace::reserve(unsigned long)+0xac
 
[0x0000000000402000 - 0x0000000000404000] reserved 8KB for Thread Stack from
        [0x0000000000403000 - 0x0000000000404000] committed 4KB
[0x0000000000500000 - 0x0000000000501000] reserved and committed 4KB for Code from
        [0x0000000000500000 - 0x0000000000500800] committed 2KB from
            [0x00007f0722532e26]G1PageBasedVirtualSpace::commit(unsigned long, unsigned long)+0x66 in libjvm.so

Details:
[0x0000000000600000 - 0x0000000000601000] reserved 4KB for Ignored from
EOF
gzip -c "$WORK/mm.txt" >"$WORK/mm.txt.gz"
check "expected-summary.py: hand-computed values (sharing, PSS, NMT tab/space sub-regions)" \
    python3 - "$HERE/test/expected-summary.py" "$WORK/mm.txt.gz" "$WORK/nmt.txt" <<'EOF'
import json, subprocess, sys
out = json.loads(subprocess.check_output([sys.executable] + sys.argv[1:]))
# physical pages (PFNs): 10 11 12 13 20 (processes), 1000 1001 (kernel), 30 (pagecache) = 8
# owners: 10 {a, b, pagecache} 11 {a} 12 {a} 13 {a, pagecache} 20 {b} 1000 1001 {kernel} 30 {pagecache}
assert out['pageSize'] == 4096
assert out['physicalPages'] == 8, out['physicalPages']
assert out['sharedPages'] == 2, out['sharedPages']
p = out['processes']
assert [(x['pid'], x['name'], x['mappings'], x['residentPages']) for x in p] == [
    (100, '/bin/a', 2, 5), (200, '/bin/b x', 1, 2), (0, 'kernel', 1, 2), (-1, 'pagecache', 1, 3)], p
# a: 0x10 shared by 2 processes -> 1/2; 0x11 1; 0x12 twice -> 1 + 1; 0x13 1 (page cache does not divide)
assert abs(p[0]['pssPages'] - 4.5) < 1e-9, p[0]
assert abs(p[1]['pssPages'] - 1.5) < 1e-9, p[1]
assert p[2]['pssPages'] == 0 and p[3]['pssPages'] == 0
assert all(x['uffdLoadedPages'] == 0 for x in p)
n = out['nmt']
assert len(n) == 1 and n[0]['pid'] == 100 and n[0]['reserved'] == 4 and n[0]['committed'] == 3, n
c = n[0]['categories']
assert set(c) == {'Java Heap', 'Code', 'Thread Stack'}, c
# Java Heap: reserved 16K at 7f..0000, committed 8K; resident virtual pages 7f..0000, 1000, 2000
# (two of them map the same physical page: still 3 virtual pages)
assert c['Java Heap'] == {'reservedBytes': 16384, 'committedBytes': 8192, 'residentBytes': 12288, 'uffdBytes': 0}, c
# Code: 400000-402000 whole (8K) + 500000-501000 with a 2K sub-region; resident 400000, 401000
assert c['Code'] == {'reservedBytes': 12288, 'committedBytes': 8192 + 2048, 'residentBytes': 8192, 'uffdBytes': 0}, c
assert c['Thread Stack'] == {'reservedBytes': 8192, 'committedBytes': 4096, 'residentBytes': 0, 'uffdBytes': 0}, c
text = subprocess.check_output([sys.executable] + sys.argv[1:], text=True)
assert text == json.dumps(out, indent=2, sort_keys=True) + '\n', 'keys not sorted / not stable'
print('ok')
EOF

# The same capture with a hand-made uffd log: a page faulted again after a REMOVE, pages nobody
# owns, and a memory-file offset above 3 GiB (x86_64: guest-physical 4 GiB on).
cat >"$WORK/uffd.log" <<'EOF'
Connected to PID 1
UFFD_EVENT_PAGEFAULT (r): 0x00007f5500010000 0x00007f5500010000  Loading: 0x0000000000010000 - 0x0000000000011000
UFFD_EVENT_PAGEFAULT (w): 7 0x00007f5500012008 0x00007f5500012000 Zeroing: 0x0000000000012000 - 0x0000000000013000
UFFD_EVENT_REMOVE: 0x00007f5500010000 - 0x00007f5500011000
UFFD_EVENT_PAGEFAULT (r): 0x00007f5500010000 0x00007f5500010000  Zeroing: 0x0000000000010000 - 0x0000000000011000
UFFD_EVENT_PAGEFAULT (r): 0x00007f5500050000 0x00007f5500050000  Loading: 0x0000000000050000 - 0x0000000000051000
UFFD_EVENT_PAGEFAULT (r): 0x00007f55c0000000 0x00007f55c0000000  Loading: 0x00000000c0000000 - 0x00000000c0001000
EOF
check "expected-summary.py --uffd: hand-computed first-fault counts per owner and NMT category" \
    python3 - "$HERE/test/expected-summary.py" "$WORK/uffd.log" "$WORK/mm.txt.gz" "$WORK/nmt.txt" <<'EOF'
import json, subprocess, sys
script, log, mm, nmt = sys.argv[1:]
out = json.loads(subprocess.check_output([sys.executable, script, '--uffd', log, mm, nmt]))
# 5 faults (3 loaded, 2 zeroed), 1 REMOVE; pages 0x10 (twice), 0x12, 0x50 and 0x100000
# (offset 0xc0000000 is guest-physical 0x100000000); 0x50 and 0x100000 have no p line
assert out['uffd'] == {'events': 5, 'loaded': 3, 'zeroed': 2, 'removed': 1, 'uniquePages': 4,
                       'unownedPages': 2}, out['uffd']
# first faults only: 0x10 loaded, 0x12 zero-filled. a: 0x10 loaded, 0x12 mapped twice and
# zero-filled; b: 0x10; pagecache: 0x10
p = out['processes']
assert [(x['pid'], x['uffdLoadedPages'], x['uffdZeroedPages']) for x in p] == [
    (100, 1, 2), (200, 1, 0), (0, 0, 0), (-1, 1, 0)], p
c = out['nmt'][0]['categories']
# Java Heap: virtual 7f..0000 and 7f..1000 (both on 0x12) served, 7f..2000 (0x13) not; Code: 400000 (0x10)
assert (c['Java Heap']['uffdBytes'], c['Code']['uffdBytes'], c['Thread Stack']['uffdBytes']) == (8192, 4096, 0), c
assert 'regions' not in out['nmt'][0]
# A page above 4 GiB: its p line is served by the fault at file offset 0xc0000000
with open(mm + '.high', 'w') as f:
    f.write('= 300 /bin/c\nv 0x0000000000001000 0x0000000000002000 \np 0x0000000000001000 0x0000000100000000 1 0\n')
high = json.loads(subprocess.check_output([sys.executable, script, '--uffd', log, mm + '.high']))
assert high['processes'][0]['uffdLoadedPages'] == 1 and high['uffd']['unownedPages'] == 3, high
print('ok')
EOF

if [ "$(id -u)" -ne 0 ]; then
    bad "the remaining tests must run as root"
    finish
fi
for tool in java javac jcmd python3 gzip; do
    command -v "$tool" >/dev/null || { bad "$tool not found"; finish; }
done

# ---- processes to capture ---------------------------------------------------------
javac -d "$WORK/classes" "$HERE/workload/SampleWorkload.java" || { bad "compiling SampleWorkload"; finish; }
java -XX:NativeMemoryTracking=detail -Xmx64m -cp "$WORK/classes" SampleWorkload 8 1 1 >"$WORK/nmt-jvm.out" 2>&1 &
NMT_JVM=$!
PIDS+=("$NMT_JVM")
java -Xmx64m -cp "$WORK/classes" SampleWorkload 4 1 1 >"$WORK/plain-jvm.out" 2>&1 &
PLAIN_JVM=$!
PIDS+=("$PLAIN_JVM")
sleep 1000 &
SLEEP=$!
PIDS+=("$SLEEP")
for _ in $(seq 1 600); do
    grep -q '^READY' "$WORK/nmt-jvm.out" 2>/dev/null && grep -q '^READY' "$WORK/plain-jvm.out" 2>/dev/null && break
    sleep 0.1
done
if ! grep -q '^READY' "$WORK/nmt-jvm.out" || ! grep -q '^READY' "$WORK/plain-jvm.out"; then
    bad "JVMs did not start"
    finish
fi

sections() { zcat -f "$1" | grep '^= ' | cut -d' ' -f2; }

# ---- capture-mappings -p ---------------------------------------------------------
"$HERE/bin/capture-mappings" -p "$SLEEP,$NMT_JVM,2147483647" -o "$WORK/p.txt.gz" 2>"$WORK/p.err"
RC=$?
check "capture-mappings -p: exit 0, .gz output, sections in the order given then kernel, pagecache" \
    test "$RC" -eq 0 -a "$(sections "$WORK/p.txt.gz" | tr '\n' ' ')" = "$SLEEP $NMT_JVM 0 -1 "
check "capture-mappings -p: a missing process is skipped with a note" grep -q "2147483647 is gone, skipped" "$WORK/p.err"
check "capture-mappings -o: no temporary file left" test -z "$(find "$WORK" -maxdepth 1 -name '.p.txt.gz.*')"
kill -STOP "$SLEEP"
"$HERE/bin/capture-mappings" -p "$SLEEP" -o "$WORK/s.txt" 2>/dev/null
"$HERE/bin/virt2phys" "$SLEEP" >"$WORK/s-direct.txt"
kill -CONT "$SLEEP"
check "capture-mappings -o: the process section equals virt2phys on the stopped process" \
    python3 "$HERE/test/same-walk.py" "$WORK/s.txt" "$WORK/s-direct.txt" "$SLEEP"

check "capture-mappings -S: a running process is resumed after its walk, a stopped one stays stopped" bash -c "
    state() { sed 's/.*) //' /proc/\$1/stat | cut -d' ' -f1; }
    '$HERE/bin/capture-mappings' -S -p $SLEEP -o '$WORK/S1.txt' 2>/dev/null || exit 1
    [ \"\$(state $SLEEP)\" != T ] || { echo 'left stopped'; exit 1; }
    grep -q '^= $SLEEP ' '$WORK/S1.txt' || exit 1
    kill -STOP $SLEEP; sleep 0.1
    '$HERE/bin/capture-mappings' -S -p $SLEEP -o '$WORK/S2.txt' 2>/dev/null; rc=\$?
    s=\$(state $SLEEP); kill -CONT $SLEEP
    [ \$rc -eq 0 ] && [ \"\$s\" = T ] || { echo \"rc \$rc state \$s\"; exit 1; }"

# a zombie (exited, not reaped) is skipped, not dumped as an empty section
( sleep 0 & exec sleep 30 ) &
ZPARENT=$!
PIDS+=("$ZPARENT")
sleep 0.3
ZOMBIE=$(ps -o pid= --ppid "$ZPARENT" | tr -d ' ' | head -1)
"$HERE/bin/capture-mappings" -p "$ZOMBIE" >"$WORK/z.txt" 2>"$WORK/z.err"
check "capture-mappings: an exited (zombie) process is skipped with a note" \
    bash -c "grep -q 'exited during the walk, skipped' '$WORK/z.err' && ! grep -q '^= $ZOMBIE ' '$WORK/z.txt'"

# ---- capture-mappings, all user processes ------------------------------------------
"$HERE/bin/capture-mappings" >"$WORK/all.txt" 2>"$WORK/all.err"
RC=$?
check "capture-mappings (all): exit 0, ends with kernel and pagecache sections" \
    test "$RC" -eq 0 -a "$(sections "$WORK/all.txt" | tail -2 | tr '\n' ' ')" = "0 -1 "
check "capture-mappings (all): includes the test's processes, excludes its parent shell and kernel threads" \
    python3 - "$WORK/all.txt" "$SLEEP" "$NMT_JVM" "$PLAIN_JVM" "$$" <<'EOF'
import os, sys
pids = [int(l.split()[1]) for l in open(sys.argv[1]) if l.startswith('= ')]
want = [int(x) for x in sys.argv[2:5]]
parent = int(sys.argv[5])
missing = [p for p in want if p not in pids]
assert not missing, 'missing %s' % missing
assert parent not in pids, 'the calling shell %d was walked' % parent
for p in pids:
    if p <= 0:
        continue
    try:
        ppid = int([l for l in open('/proc/%d/status' % p) if l.startswith('PPid:')][0].split()[1])
    except OSError:
        continue  # gone since
    assert p != 2 and ppid != 2, 'kernel thread %d walked' % p
assert pids == sorted(p for p in pids if p > 0) + [0, -1], 'not in PID order'
print(len(pids) - 2, 'processes')
EOF
check "capture-mappings: bad option and bad -p give exit 2" bash -c "
    '$HERE/bin/capture-mappings' -z >/dev/null 2>&1; a=\$?
    '$HERE/bin/capture-mappings' -p 12x >/dev/null 2>&1; b=\$?
    [ \$a -eq 2 ] && [ \$b -eq 2 ]"

# ---- capture-nmt ------------------------------------------------------------------
mkdir -p "$WORK/nmt"
"$HERE/bin/capture-nmt" -o "$WORK/nmt" -p "$NMT_JVM,$PLAIN_JVM,$SLEEP" 2>"$WORK/nmt.err"
check "capture-nmt: one file per JVM with NMT, first line 'PID:'" \
    test "$(head -1 "$WORK/nmt/nmt-$NMT_JVM.txt" 2>/dev/null)" = "$NMT_JVM:"
check "capture-nmt: the detail has a virtual memory map and parses" \
    python3 "$HERE/test/expected-summary.py" "$WORK/p.txt.gz" "$WORK/nmt/nmt-$NMT_JVM.txt"
check "capture-nmt: a JVM without NMT is skipped with a note, no file" \
    bash -c "grep -q 'JVM $PLAIN_JVM runs without -XX:NativeMemoryTracking' '$WORK/nmt.err' && [ ! -e '$WORK/nmt/nmt-$PLAIN_JVM.txt' ]"
check "capture-nmt: a process that is no JVM is skipped with a note" grep -q "process $SLEEP is not a running JVM" "$WORK/nmt.err"
kill -STOP "$NMT_JVM"
"$HERE/bin/capture-nmt" -o "$WORK/nmt" -p "$NMT_JVM" 2>"$WORK/nmt-stopped.err"
kill -CONT "$NMT_JVM"
check "capture-nmt: a stopped JVM is skipped with a note instead of hanging" grep -q "JVM $NMT_JVM is stopped" "$WORK/nmt-stopped.err"
mkdir -p "$WORK/nmt-all"
CAPTURE_NMT_TIMEOUT=20 "$HERE/bin/capture-nmt" -o "$WORK/nmt-all" 2>"$WORK/nmt-all.err"
check "capture-nmt (all JVMs): finds the NMT JVM by scanning /proc" test -s "$WORK/nmt-all/nmt-$NMT_JVM.txt"
check "capture-nmt: no temporary files left" test -z "$(find "$WORK/nmt" "$WORK/nmt-all" -name '.nmt.*')"

finish
