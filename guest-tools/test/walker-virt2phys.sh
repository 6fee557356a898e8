#!/usr/bin/env bash
# Tests of bin/virt2phys (and the bench baseline build/pread-walker) against a
# live JVM on this machine. Needs root (pagemap PFNs, kpageflags, iomem),
# java/javac and python3. Run by `make -C guest-tools check`.
# Ends with "walker: N passed, M failed"; exit status 1 if anything failed.
set -u

HERE=$(cd "$(dirname "$0")/.." && pwd)
V2P="$HERE/bin/virt2phys"
PREAD="$HERE/build/pread-walker"
WORK=$(mktemp -d /tmp/walker-test.XXXXXX)
JVM_PID=""
# shellcheck source-path=SCRIPTDIR source=walker-lib.bash
. "$(dirname "$0")/walker-lib.bash"

if [ "$(id -u)" -ne 0 ]; then
    bad "tests must run as root (pagemap PFNs, /proc/kpageflags)"
    finish
fi
for tool in java javac python3; do
    command -v "$tool" >/dev/null || { bad "$tool not found"; finish; }
done
if [ ! -x "$V2P" ] || [ ! -x "$PREAD" ]; then
    bad "bin/virt2phys or build/pread-walker not built (run make)"
    finish
fi

# ---- a live JVM --------------------------------------------------------------
javac -d "$WORK/classes" "$HERE/workload/SampleWorkload.java" || { bad "compiling SampleWorkload"; finish; }
java -Xmx128m -Xms32m -cp "$WORK/classes" SampleWorkload 24 2 1 >"$WORK/jvm.out" 2>&1 &
JVM_PID=$!
PIDS+=("$JVM_PID")
for _ in $(seq 1 600); do
    grep -q '^READY' "$WORK/jvm.out" 2>/dev/null && break
    kill -0 "$JVM_PID" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q '^READY' "$WORK/jvm.out"; then
    bad "JVM workload did not start" "$(cat "$WORK/jvm.out")"
    finish
fi

# Stop the JVM so its mappings and pages hold still, walk it, and take every
# independent view of it while it is stopped.
kill -STOP "$JVM_PID"
sleep 0.2
cp "/proc/$JVM_PID/maps" "$WORK/maps.before"
"$V2P" "$JVM_PID" >"$WORK/jvm.txt" 2>"$WORK/jvm.err"
V2P_RC=$?
"$PREAD" "$JVM_PID" >"$WORK/jvm-pread.txt" 2>"$WORK/jvm-pread.err"
cp "/proc/$JVM_PID/maps" "$WORK/maps.after"
grep '^VmRSS' "/proc/$JVM_PID/status" >"$WORK/status"
readlink "/proc/$JVM_PID/exe" >"$WORK/exe"

# independent read of /proc/PID/pagemap for a sample of p lines and of pages
# inside mappings without a p line (done while the JVM is still stopped)
python3 - "$JVM_PID" "$WORK/jvm.txt" >"$WORK/spot.out" 2>&1 <<'EOF'
import random, struct, sys
pid, path = int(sys.argv[1]), sys.argv[2]
pages, ranges = [], []
for line in open(path):
    f = line.split(' ')
    if f[0] == 'p':
        pages.append((int(f[1], 16), int(f[2], 16), int(f[3]), int(f[4])))
    elif f[0] == 'v':
        ranges.append((int(f[1], 16), int(f[2], 16)))
listed = {p[0] for p in pages}
rnd = random.Random(42)
sample = rnd.sample(pages, min(200, len(pages)))
absent = []
for s, e in ranges:
    if s >= 1 << 47:
        continue  # [vsyscall] has no pagemap entries
    for va in range(s, min(e, s + 64 * 4096), 4096):
        if va not in listed:
            absent.append(va)
absent = rnd.sample(absent, min(200, len(absent)))
bad = 0
with open('/proc/%d/pagemap' % pid, 'rb', buffering=0) as pm:
    for va, phys, excl, fil in sample:
        pm.seek(va // 4096 * 8)
        (e,) = struct.unpack('<Q', pm.read(8))
        got = ((e & ((1 << 55) - 1)) * 4096, (e >> 56) & 1, (e >> 61) & 1)
        # The exclusive bit of a file page changes whenever another process
        # maps that page (this python maps libc too), so compare it for
        # anonymous pages only: nothing else can map those of a stopped JVM.
        if not e >> 63 or got[0] != phys or got[2] != fil or (not fil and got[1] != excl):
            bad += 1
            print('mismatch at %#x: walker %#x %d %d, pagemap %#x' % (va, phys, excl, fil, e))
    for va in absent:
        pm.seek(va // 4096 * 8)
        (e,) = struct.unpack('<Q', pm.read(8))
        if e >> 63:
            bad += 1
            print('page %#x present in pagemap but not listed' % va)
print('checked %d listed and %d unlisted pages, %d bad' % (len(sample), len(absent), bad))
sys.exit(1 if bad or not sample else 0)
EOF
SPOT_RC=$?
kill -CONT "$JVM_PID"

# ---- process section ---------------------------------------------------------
if [ "$V2P_RC" -eq 0 ] && [ -s "$WORK/jvm.txt" ]; then ok "virt2phys PID exits 0 with output"
else bad "virt2phys PID exits 0 with output" "rc=$V2P_RC $(cat "$WORK/jvm.err")"; fi

check "header is '= PID EXE'" test "$(head -1 "$WORK/jvm.txt")" = "= $JVM_PID $(cat "$WORK/exe")"

# v lines == /proc/PID/maps (start, end, whole name), against either snapshot
check "v lines equal /proc/PID/maps ranges and names" python3 - "$WORK/jvm.txt" "$WORK/maps.before" "$WORK/maps.after" <<'EOF'
import re, sys
def from_maps(path):
    out = []
    for line in open(path):
        m = re.match(r'([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+ *(.*)\n?$', line)
        assert m, line
        out.append((int(m[1], 16), int(m[2], 16), m[3]))
    return out
v = []
for line in open(sys.argv[1]):
    if line.startswith('v '):
        s, e, name = line[2:].rstrip('\n').split(' ', 2)
        v.append((int(s, 16), int(e, 16), name))
for snap in sys.argv[2:]:
    if v == from_maps(snap):
        print('%d mappings match %s' % (len(v), snap)); sys.exit(0)
m = from_maps(sys.argv[2])
print('walker has %d mappings, maps %d; first difference:' % (len(v), len(m)))
for a, b in zip(v, m):
    if a != b: print(a, b); break
sys.exit(1)
EOF

check "every line well-formed, every p inside the preceding v range, page aligned, ascending" python3 - "$WORK/jvm.txt" <<'EOF'
import re, sys
num = r'(?:0x[0-9a-f]{16}|0{18})'
vre = re.compile(r'v (%s) (%s) (.*)\n$' % (num, num))
pre = re.compile(r'p (%s) (%s) ([01]) ([01])\n$' % (num, num))
cur = None; last = -1; n = 0
for i, line in enumerate(open(sys.argv[1]), 1):
    if i == 1:
        assert re.match(r'= [1-9][0-9]* ', line), line; continue
    m = vre.match(line)
    if m:
        cur = (int(m[1], 16), int(m[2], 16)); assert cur[0] < cur[1] and cur[0] % 4096 == 0 and cur[1] % 4096 == 0, line
        last = -1; continue
    m = pre.match(line)
    assert m, 'line %d malformed: %r' % (i, line)
    va, pa = int(m[1], 16), int(m[2], 16)
    assert cur and cur[0] <= va < cur[1], 'line %d outside its v range: %r' % (i, line)
    assert va % 4096 == 0 and pa % 4096 == 0, 'line %d not page aligned' % i
    assert va > last, 'line %d not ascending' % i
    assert pa != 0, 'line %d physical 0 (no CAP_SYS_ADMIN?)' % i
    last = va; n += 1
assert n > 1000, 'only %d pages' % n
print(n, 'pages')
EOF

if [ "$SPOT_RC" -eq 0 ]; then ok "PFNs and flags agree with a direct read of /proc/PID/pagemap ($(tail -1 "$WORK/spot.out"))"
else bad "PFNs and flags agree with a direct read of /proc/PID/pagemap" "$(cat "$WORK/spot.out")"; fi

check "p line count matches VmRSS (within 1%)" python3 - "$WORK/jvm.txt" "$WORK/status" <<'EOF'
import sys
n = sum(1 for l in open(sys.argv[1]) if l.startswith('p '))
rss_kb = int(open(sys.argv[2]).read().split()[1])
print('p lines %d, VmRSS %d pages' % (n, rss_kb // 4))
sys.exit(0 if abs(n - rss_kb // 4) <= max(16, rss_kb // 4 // 100) else 1)
EOF

# The kernel may still move a stopped process's pages (khugepaged, compaction), so
# a disagreement is retried on a fresh pair of walks; a real difference repeats.
same_as_pread() {
    local try out
    for try in 1 2 3; do
        if [ "$try" -gt 1 ]; then
            "$V2P" "$JVM_PID" >"$WORK/jvm-again.txt" 2>/dev/null
            "$PREAD" "$JVM_PID" >"$WORK/jvm-pread.txt" 2>/dev/null
            set -- "$WORK/jvm-again.txt"
        else
            set -- "$WORK/jvm.txt"
        fi
        out=$(python3 "$HERE/test/same-walk.py" "$1" "$WORK/jvm-pread.txt") && return 0
        echo "walk pair $try: $out"
    done
    return 1
}
check "pread-per-page baseline prints the same section" same_as_pread

# ---- names with spaces, deleted files ---------------------------------------
python3 - "$WORK" >"$WORK/names.out" 2>&1 <<'EOF' &
import mmap, os, sys, time
d = sys.argv[1]
p = os.path.join(d, 'with space (x).bin')
with open(p, 'wb') as f: f.write(b'x' * 8192)
f = open(p, 'rb'); m1 = mmap.mmap(f.fileno(), 8192, prot=mmap.PROT_READ); m1[0]
fd = os.memfd_create('uffd test')
os.write(fd, b'y' * 4096); m2 = mmap.mmap(fd, 4096); m2[0]
gone = os.path.join(d, 'gone.bin')
with open(gone, 'wb') as g: g.write(b'z' * 4096)
g = open(gone, 'rb'); m3 = mmap.mmap(g.fileno(), 4096, prot=mmap.PROT_READ); m3[0]; os.unlink(gone)
print('ready', flush=True)
time.sleep(60)
EOF
NAMES_PID=$!
PIDS+=("$NAMES_PID")
for _ in $(seq 1 100); do grep -q ready "$WORK/names.out" 2>/dev/null && break; sleep 0.1; done
"$V2P" "$NAMES_PID" >"$WORK/names.txt" 2>&1
check "names with spaces and '(deleted)' are kept whole" python3 - "$WORK/names.txt" "$WORK" <<'EOF'
import sys
text = open(sys.argv[1]).read()
want = [sys.argv[2] + '/with space (x).bin', '/memfd:uffd test (deleted)', sys.argv[2] + '/gone.bin (deleted)']
lines = [l for l in text.splitlines() if l.startswith('v ')]
missing = [w for w in want if not any(l.split(' ', 3)[3] == w for l in lines)]
print('missing:', missing) if missing else None
sys.exit(1 if missing else 0)
EOF
check "anonymous mappings print a trailing space after END" grep -qE '^v 0x[0-9a-f]{16} 0x[0-9a-f]{16} $' "$WORK/names.txt"

# ---- kernel ------------------------------------------------------------------
"$V2P" kernel >"$WORK/kernel.txt" 2>"$WORK/kernel.err"
check "virt2phys kernel exits 0" test $? -eq 0
check "kernel section matches /proc/iomem Kernel ranges, one p per page, well-formed" python3 - "$WORK/kernel.txt" <<'EOF'
import re, sys
want = []
for line in open('/proc/iomem'):
    m = re.match(r'( +)([0-9a-f]+)-([0-9a-f]+) : (Kernel .*)$', line.rstrip('\n'))
    if m: want.append((int(m[2], 16), int(m[3], 16), m[4]))
assert {w[2] for w in want} >= {'Kernel code', 'Kernel data', 'Kernel bss'}, want
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == '= 0 kernel', lines[0]
num = r'(?:0x[0-9a-f]{16}|0{18})'
got, pages = [], {}
for l in lines[1:]:
    if l.startswith('v '):
        s, e, name = l[2:].split(' ', 2); got.append((int(s, 16), int(e, 16), name)); pages[len(got)] = []
    else:
        assert re.fullmatch(r'p (%s) (%s)' % (num, num), l), l
        pages[len(got)].append(int(l.split()[1], 16))
assert got == want, (got, want)
for i, (s, e, _) in enumerate(got, 1):
    exp = list(range(s & ~4095, (e & ~4095) + 4096, 4096))
    assert pages[i] == exp, 'range %d: %d pages, expected %d' % (i, len(pages[i]), len(exp))
print(len(got), 'ranges,', sum(len(p) for p in pages.values()), 'pages')
EOF

# ---- pagecache ----------------------------------------------------------------
"$V2P" pagecache >"$WORK/pagecache.txt" 2>"$WORK/pagecache.err"
check "virt2phys pagecache exits 0" test $? -eq 0
check "pagecache section: one v line to the top of RAM, only MAPPEDTODISK non-ANON pages, ascending, in RAM" python3 - "$WORK/pagecache.txt" <<'EOF'
import re, struct, sys
ram = []
for line in open('/proc/iomem'):
    m = re.match(r'([0-9a-f]+)-([0-9a-f]+) : System RAM$', line.rstrip('\n'))
    if m: ram.append((int(m[1], 16), int(m[2], 16)))
top = max(e for _, e in ram) + 1
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == '= -1 pagecache', lines[0]
assert lines[1] == 'v 000000000000000000 %#018x /proc/kpageflags' % top, lines[1]
last = -1; n = 0
kpf = open('/proc/kpageflags', 'rb', buffering=0)
for l in lines[2:]:
    m = re.fullmatch(r'p (0x[0-9a-f]{16}) (0x[0-9a-f]{16})', l)
    assert m, l
    pa, fl = int(m[1], 16), int(m[2], 16)
    assert pa % 4096 == 0 and pa > last and any(s <= pa <= e for s, e in ram), l
    assert fl >> 34 & 1 and not fl >> 12 & 1, l
    last = pa; n += 1
assert n > 100, n
print(n, 'page-cache pages')
EOF

# The page cache changes while other work runs (builds on the same machine), so
# the walk is repeated right before each sampled read, up to three times.
check "pagecache and kernel sections agree with an independent read of /proc/kpageflags (sampled)" \
    python3 - "$V2P" "$WORK/kernel.txt" <<'EOF'
import random, re, struct, subprocess, sys
ram = []
for line in open('/proc/iomem'):
    m = re.match(r'([0-9a-f]+)-([0-9a-f]+) : System RAM$', line.rstrip('\n'))
    if m: ram.append((int(m[1], 16) >> 12, (int(m[2], 16) >> 12) + 1))
kernel = [(int(l.split()[1], 16) >> 12, int(l.split()[2], 16)) for l in open(sys.argv[2]) if l.startswith('p ')]
CHUNK = 8192
chunks = [(c, min(c + CHUNK, e)) for s, e in ram for c in range(s, e, CHUNK)]
rnd = random.Random(7)
sample = rnd.sample(chunks, min(48, len(chunks))) + chunks[-2:]   # always the top of RAM
with open('/proc/kpageflags', 'rb', buffering=0) as f:
    kdiff = 0
    for pfn, word in rnd.sample(kernel, min(300, len(kernel))):
        f.seek(pfn * 8)
        (w,) = struct.unpack('<Q', f.read(8))
        kdiff += w != word
    for attempt in range(3):
        out = subprocess.run([sys.argv[1], 'pagecache'], stdout=subprocess.PIPE, check=True, text=True).stdout
        listed = {int(l.split()[1], 16) >> 12 for l in out.splitlines() if l.startswith('p ')}
        diff = union = 0
        for s, e in sample:
            f.seek(s * 8)
            words = struct.unpack('<%dQ' % (e - s), f.read((e - s) * 8))
            mine = {s + i for i, w in enumerate(words) if w >> 34 & 1 and not w >> 12 & 1}
            theirs = {p for p in listed if s <= p < e}
            diff += len(mine ^ theirs); union += len(mine | theirs)
        print('attempt %d: page cache: %d of %d sampled pages differ; kernel: %d of 300 flag words differ'
              % (attempt + 1, diff, union, kdiff))
        if diff <= 32 + union // 20:
            break
sys.exit(0 if diff <= 32 + union // 20 and kdiff <= 3 else 1)
EOF

# ---- memory errors -------------------------------------------------------------
if ${CC:-cc} -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
    -o "$WORK/v2p-asan" "$HERE/src/virt2phys.c" 2>"$WORK/asan-build.err"; then
    ASAN_ERR=""
    for arg in "$JVM_PID" kernel pagecache 2147483647 12abc; do
        ASAN_OPTIONS=detect_leaks=1 "$WORK/v2p-asan" "$arg" >/dev/null 2>"$WORK/asan.err"
        if grep -qiE 'sanitizer|runtime error' "$WORK/asan.err"; then ASAN_ERR+="$arg: $(head -5 "$WORK/asan.err")"$'\n'; fi
    done
    if [ -z "$ASAN_ERR" ]; then ok "AddressSanitizer/UBSan/LeakSanitizer build: no report on PID, kernel, pagecache, errors"
    else bad "AddressSanitizer/UBSan/LeakSanitizer build: no report on PID, kernel, pagecache, errors" "$ASAN_ERR"; fi
else
    echo "skip - sanitizer build not available: $(head -1 "$WORK/asan-build.err")"
fi

# ---- errors --------------------------------------------------------------------
expect_fail() { # NAME RC PATTERN ARGS...: exit status RC and PATTERN on stderr
    local name=$1 rc=$2 pat=$3 out got
    shift 3
    out=$("$@" 2>&1 >/dev/null)
    got=$?
    if [ "$got" -eq "$rc" ] && grep -qiE "$pat" <<<"$out"; then ok "$name"
    else bad "$name" "exit $got, stderr: $out"; fi
}
expect_fail "no argument: usage, exit 2" 2 usage "$V2P"
expect_fail "two arguments: usage, exit 2" 2 usage "$V2P" kernel pagecache
expect_fail "non-numeric argument: message, exit 2" 2 "bad argument" "$V2P" 12abc
expect_fail "negative PID: message, exit 2" 2 "bad argument" "$V2P" -5
expect_fail "PID that does not exist: message, exit 3" 3 "no process" "$V2P" 2147483647
# a zombie has no mm: the walk must not pass for a real one
( sleep 0 & exec sleep 30 ) &
ZPARENT=$!
PIDS+=("$ZPARENT")
sleep 0.3
ZOMBIE=$(ps -o pid= --ppid "$ZPARENT" | tr -d ' ' | head -1)
if [ -n "$ZOMBIE" ]; then
    expect_fail "exited (zombie) process: message, exit 3" 3 exited "$V2P" "$ZOMBIE"
else
    bad "could not make a zombie process for the test"
fi
if command -v setpriv >/dev/null; then
    cp "$V2P" "$WORK/v2p" && chmod 755 "$WORK" "$WORK/v2p"
    expect_fail "permission denied on pagemap: message, exit 1" 1 "permission denied" \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/v2p" 1
    expect_fail "permission denied on kpageflags: message, exit 1" 1 "permission denied|root" \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/v2p" kernel
fi
expect_fail "stdout write error (/dev/full): message, exit 1" 1 "writing to stdout" sh -c "exec '$V2P' kernel >/dev/full"

finish
