#!/bin/bash
# uffd-handler --threads N: several serving threads on one userfaultfd, with
# fake-vmm faulting from several threads. Every touched byte is verified by
# fake-vmm; the log is checked line by line. The threaded scenarios run three
# times: with the normal build, a ThreadSanitizer build and an
# AddressSanitizer/UBSan (LeakSanitizer) build of uffd-handler.
. "$(dirname "$0")/handler-lib.bash"
preflight

MEM=$WORK/mem
make_memfile "$MEM"
JAR=$HT_DIR/../../visualizer/target/UffdVisualizer.jar
# A dump that owns the 16 MiB the scenarios serve (page cache, frames 0-4095), so that the
# Java parsers judge the log against pages it has: a log whose faults mostly miss the dump is
# a warning (and fails --strict).
MAPPINGS=$WORK/mem_mapping.txt
awk 'BEGIN { print "= -1 pagecache"; print "v 0x0 0x1000000 /proc/kpageflags";
	for (i = 0; i < 4096; i++) printf "p 0x%x 0x400000068\n", i * 4096 }' >"$MAPPINGS"

# Every line of a log is one of the known whole lines: a line written into
# the middle of another (interleaved output) matches none of them.
HEX='0x[0-9a-f]{16}'
OFF="($HEX|0{18})"
DEFAULT_FAULT="UFFD_EVENT_PAGEFAULT \\([rw]\\): $HEX $HEX  (Loading|Zeroing|Prefetching): $OFF - $HEX"
EXT_FAULT="UFFD_EVENT_PAGEFAULT \\([rw]\\): [0-9]+ $HEX $HEX (Loading|Zeroing|Prefetching): $OFF - $HEX t=[0-9]+ gpa=$OFF( zero)?"
OTHER='Mapping memory file .*|Create MemRegions for mapping GuestRegionUffdMapping \{ .* \}|Connected to PID [0-9]+|#.*'
whole_lines() { # whole_lines LOG default|extended
	local f=$DEFAULT_FAULT r="UFFD_EVENT_REMOVE: $HEX - $HEX"
	[ "$2" = extended ] && f=$EXT_FAULT && r="$r t=[0-9]+"
	! grep -Evx "$f|$r|$OTHER" "$1" | grep -q .
}
# each page at most once among the served/prefetched lines (EEXIST is not logged)
pages_once() { ! grep '^UFFD_EVENT_PAGEFAULT' "$1" | sed 's/.*ing: \([0-9a-fx]*\) .*/\1/' | sort | uniq -d | grep -q .; }
both_ok() { [ "$VRC" -eq 0 ] && [ "$HRC" -eq 0 ]; }

# hexval("0x1f") in any awk (mawk has no strtonum)
AWK_HEX='function hexval(s,  i, v) { v = 0; sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v }
'
# predicates for check (run in this shell)
n_faultlines() { [ "$(grep -c '^UFFD_EVENT_PAGEFAULT' "$1")" -eq "$2" ]; }
vmm_has() { grep -q "$1" "$WORK/v.out"; }
only_summary_on_stderr() { ! grep -v '^uffd-handler: \(peer went away\|faults served\|service latency\)' "$WORK/h.err" | grep -q .; }
# faults + prefetched + prefetch_zeroed (pages installed by someone) = N
installed_is() {
	local f
	read -r -a f <<<"$(sed -n 's/^# summary: faults=\([0-9]*\) .* prefetched=\([0-9]*\) prefetch_zeroed=\([0-9]*\) .*/\1 \2 \3/p' "$1")"
	[ ${#f[@]} -eq 3 ] && [ $((f[0] + f[1] + f[2])) -eq "$2" ]
}
# A fault whose service started (t=) after the first REMOVE was applied (the
# REMOVE's t= is taken after mark_removed) must be zero-filled: no page of
# [LO, HI) may be loaded from the file after it. 1 us of slack: the two
# timestamps come from different CPUs and rdtsc is not ordered with loads.
no_load_after_remove() { # LOG LO HI
	awk -v lo=$(($2)) -v hi=$(($3)) "$AWK_HEX"'
		/^UFFD_EVENT_REMOVE:/ && !r { t = $0; sub(/.*t=/, "", t); r = t + 0; next }
		/^UFFD_EVENT_PAGEFAULT/ && / Loading: / {
			t = $0; sub(/.* t=/, "", t); sub(/ .*/, "", t)
			off = hexval($7)
			if (r && t + 0 > r + 1000 && off >= lo && off < hi) bad++
		}
		END { exit bad > 0 }' "$1"
}
n_removes_is() { [ "$(grep -c '^UFFD_EVENT_REMOVE: ' "$1")" -eq "$2" ] && grep -q "remove_events=$2 " "$1"; }
refaults_zeroed() { [ "$(sed -n '/^UFFD_EVENT_REMOVE/,$p' "$1" | grep -c "$2")" -eq "$3" ]; }

# disjoint pages, N serving threads x M faulting threads
t_disjoint() { # t_disjoint TAG HTHREADS VTHREADS DISTRIBUTE FORMAT [HANDLER_OPTS]
	local log=$WORK/d.log
	pair "--threads $2 --log $log --log-format $5 ${6:-}" "--threads $3 --distribute $4" "$MEM"
	check "$1 --threads $2 ${6:-}, fake-vmm $3 threads ($4), $5 log: every byte verified (vmm $VRC, handler $HRC)" both_ok
	check "$1   summary: faults=4096 loaded=514 zeroed=3582 already_present=0" log_has "$log" '^# summary: faults=4096 loaded=514 zeroed=3582 already_present=0 '
	check "$1   latency merged over the threads: n=4096" log_has "$log" '^# latency_ns: n=4096 '
	check "$1   4096 fault lines, each page once" eval 'n_faultlines "$log" 4096 && pages_once "$log"'
	check "$1   whole lines only" whole_lines "$log" "$5"
	check "$1   stderr summary agrees, nothing else on stderr" eval 'err_has "faults served 4096 (loaded 514, zeroed 3582), already present 0," && only_summary_on_stderr'
	cp "$log" "$WORK/last-$5.log"
}

# every thread of fake-vmm touches the same pages: concurrent faults on one
# page reach different serving threads; one UFFDIO_COPY wins, the others get
# EEXIST (counted, not logged, no error)
t_same() { # t_same TAG HTHREADS EXTRA_VMM_OPTS
	local log=$WORK/s.log
	# shellcheck disable=SC2086
	pair "--threads $2 --log $log" "--threads 4 --distribute same --limit 512 $3" "$MEM"
	check "$1 --threads $2, 4 faulting threads on the same 512 pages $3 (vmm $VRC, handler $HRC)" both_ok
	check "$1   each page served once: faults=512, 512 lines, each page once" eval 'log_has "$log" "^# summary: faults=512 " && n_faultlines "$log" 512 && pages_once "$log"'
	check "$1   nothing but the summary on stderr (no error, no sanitizer report)" only_summary_on_stderr
	echo "    ($(grep -o 'already_present=[0-9]*' "$log" | head -1) duplicate fault events answered with EEXIST)"
}

# a REMOVE read by one serving thread, the re-faults read by any thread
t_remove() { # t_remove TAG HTHREADS
	local log=$WORK/r.log
	pair "--threads $2 --log $log" "--threads 2 --dontneed 0x10000:0x20000" "$MEM"
	check "$1 --threads $2, REMOVE then re-faults (vmm $VRC, handler $HRC)" both_ok
	check "$1   fake-vmm: the 32 removed pages read as zeros" vmm_has 'verified 32 removed pages read as zeros: 0 mismatches'
	check "$1   the 32 re-faults after the REMOVE line are Zeroing although the file has data there" \
		refaults_zeroed "$log" 'Zeroing: 0x00000000000[123]' 32
	check "$1   summary: 4096 + 32 faults, remove_events=1" log_has "$log" '^# summary: faults=4128 .* remove_events=1 removed_bytes=131072 '
	check "$1   nothing but the summary on stderr" only_summary_on_stderr
}

# MADV_DONTNEED over and over while fake-vmm threads keep reading the range:
# REMOVE events race page faults read by other serving threads
t_storm() { # t_storm TAG HTHREADS VTHREADS ROUNDS
	local log=$WORK/st.log
	pair "--threads $2 --log $log --log-format extended" "--threads $3 --dontneed 0xf0000:0x20000 --remove-storm $4" "$MEM"
	check "$1 --threads $2, REMOVE storm, $4 rounds, $3 faulting threads: no wrong page, no hang (vmm $VRC, handler $HRC)" both_ok
	check "$1   fake-vmm: zeros after the last MADV_DONTNEED" vmm_has 'after the last MADV_DONTNEED, 32 pages read as zeros: 0 mismatches'
	check "$1   $4 remove events logged and counted" n_removes_is "$log" "$4"
	check "$1   nothing in the range loaded from the file after the first REMOVE (by t=)" no_load_after_remove "$log" 0xf0000 0x110000
	check "$1   whole lines only, nothing but the summary on stderr" eval 'whole_lines "$log" extended && only_summary_on_stderr'
	grep -o 'eagain_retries=[0-9]*' "$log" | sed 's/^/    (/; s/$/ faults retried after EAGAIN)/'
}

# the prefetcher races N serving threads: a page is installed once, by
# whichever is first; the others get EEXIST
t_prefetch() { # t_prefetch TAG HTHREADS MODE
	local log=$WORK/p.log
	awk 'BEGIN { for (i = 0; i < 4096; i++) printf "0x%x\n", i * 4096 }' >"$WORK/ws"
	pair "--threads $2 --log $log --prefetch $WORK/ws --prefetch-mode $3" "--threads 4" "$MEM"
	check "$1 --threads $2, --prefetch-mode $3, 4 faulting threads: every byte verified (vmm $VRC, handler $HRC)" both_ok
	check "$1   each page installed once: faults + prefetched + prefetch_zeroed = 4096 = lines, each page once" \
		eval 'installed_is "$log" 4096 && n_faultlines "$log" 4096 && pages_once "$log"'
	check "$1   whole lines only, no sanitizer report" eval 'whole_lines "$log" default && ! grep -qiE "sanitizer|runtime error|data race" "$WORK/h.err"'
	echo "    ($(grep -o ' faults=[0-9]*\| already_present=[0-9]*\| prefetched=[0-9]*\| prefetch_already_present=[0-9]*' "$log" | tr -d '\n') )"
}

# SIGTERM while idle with every serving thread asleep (one in poll(), the
# others waiting for the lock): exit 10 with the summary, no hang
t_signal() { # t_signal TAG HTHREADS
	local sock=$WORK/sig.sock
	rm -f "$sock"
	start_handler "$sock" "$MEM" --threads "$2" --log "$WORK/sig.log"
	timeout -k 5 60 "$VMM" --limit 64 --linger-ms 5000 "$sock" "$MEM" >"$WORK/v.out" 2>&1 &
	local vp=$!
	HT_PIDS+=("$vp")
	for _ in $(seq 200); do grep -q 'verified' "$WORK/v.out" 2>/dev/null && break; sleep 0.05; done
	local t0=$SECONDS
	kill -TERM "$HPID" # timeout passes it on to the handler
	wait_handler
	local took=$((SECONDS - t0))
	check "$1 --threads $2, SIGTERM while idle: exit 10 within 3 s (exit $HRC, $took s)" eval '[ "$HRC" -eq 10 ] && [ "$took" -le 3 ]'
	check "$1   summary written: faults=64" eval 'err_has "stopped by a signal" && log_has "$WORK/sig.log" "^# summary: faults=64 "'
	check "$1   no sanitizer report" eval '! grep -qiE "sanitizer|runtime error|data race" "$WORK/h.err"'
	wait "$vp" 2>/dev/null
}

scenarios() { # scenarios TAG [quick]
	local tag=$1
	for ht in 2 4; do
		for vt in 1 4; do t_disjoint "$tag" "$ht" "$vt" interleave default; done
	done
	t_disjoint "$tag" 2 8 chunk extended
	t_same "$tag" 2 ""
	t_same "$tag" 4 "--write"
	t_remove "$tag" 2
	t_storm "$tag" 2 2 300
	t_storm "$tag" 4 4 200
	t_prefetch "$tag" 2 parallel
	t_prefetch "$tag" 2 before
	t_signal "$tag" 4
	[ "${2:-}" = quick ] && return
	for _ in 1 2; do t_same "$tag" 4 ""; done
	t_disjoint "$tag" 3 2 chunk extended
	t_disjoint "$tag" 2 4 interleave default "--busy-poll 50"
	t_storm "$tag" 2 4 300
}

# ---- option checks
for bad_n in 0 65 x; do
	"$HANDLER" --threads "$bad_n" "$WORK/x.sock" "$MEM" >/dev/null 2>"$WORK/h.err"
	rc=$?
	check "--threads $bad_n refused with exit 1 and a message (exit $rc)" eval '[ "$rc" -eq 1 ] && err_has "--threads: a number of serving threads"'
done
check "--help mentions --threads" eval '"$HANDLER" --help | grep -q -- "--threads N"'

# ---- --threads 1 is the single-threaded handler: same lines in the same order
awk 'BEGIN { for (i = 0; i < 4096; i += 3) printf "0x%x\n", i * 4096 }' >"$WORK/order"
# host addresses differ from run to run: keep access, action, offsets, REMOVE lengths
strip() {
	awk "$AWK_HEX"'/^UFFD_EVENT_PAGEFAULT/ { print $2, $5, $6, $8 }
		/^UFFD_EVENT_REMOVE/ { print "REMOVE", hexval($4) - hexval($2) }
		/^# summary/' "$1"
}
pair "--log $WORK/t0.log" "--order $WORK/order --dontneed 0x10000:0x8000" "$MEM"
pair "--threads 1 --log $WORK/t1.log" "--order $WORK/order --dontneed 0x10000:0x8000" "$MEM"
check "--threads 1 and no --threads: same fault and REMOVE lines (access, action, offsets) in the same order, same summary" \
	eval '[ -s "$WORK/t0.log" ] && cmp -s <(strip "$WORK/t0.log") <(strip "$WORK/t1.log")'

# ---- the threaded scenarios with the normal build
scenarios "" full

# ---- the Java parsers read threaded logs (default and extended), --strict
if [ -f "$JAR" ] && command -v java >/dev/null && [ -f "$MAPPINGS" ]; then
	for fmt in default extended; do
		timeout -k 5 180 java -jar "$JAR" summary --strict --mappings "$MAPPINGS" --uffd "$WORK/last-$fmt.log" >"$WORK/j.out" 2>&1
		jrc=$?
		check "Java summary --strict reads a --threads log ($fmt): exit $jrc, 4096 events, no diagnostic" \
			eval '[ "$jrc" -eq 0 ] && grep -q "Parsed 4096 UFFD events (514 pages / 2056kb loaded, 3582 pages / 14328kb zeroed" "$WORK/j.out" && ! grep -qiE "error|warning|diagnostic" "$WORK/j.out"'
	done
elif [ -n "${CI:-}" ]; then
	# README's test command builds the jar before make check: in CI a missing jar is a failure
	bad "Java parser check: $JAR missing in CI (README's test command runs mvn verify before make check)"
else
	skip "Java parser check: build the jar first (mvn -B -ntp -q package -DskipTests)"
fi

# ---- sanitizer builds of the handler
# the handler's sources, as the Makefile lists them
read -ra HANDLER_SRC <<<"$(make -s --no-print-directory -C "$HT_DIR/.." print-handler-sources)"
build_san() { # build_san NAME FLAGS
	# shellcheck disable=SC2086 # FLAGS are several words
	(cd "$HT_DIR/.." && ${CC:-cc} -std=gnu11 -O1 -g $2 -fno-omit-frame-pointer -fno-sanitize-recover=all -pthread \
		-D_FILE_OFFSET_BITS=64 -o "$WORK/uffd-handler-$1" "${HANDLER_SRC[@]}" -ljson-c) 2>"$WORK/san-build.err"
}
NORMAL_HANDLER=$HANDLER
if build_san tsan -fsanitize=thread && "$WORK/uffd-handler-tsan" --help >/dev/null 2>&1; then
	export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
	HANDLER=$WORK/uffd-handler-tsan
	scenarios "[tsan]" quick
else
	skip "ThreadSanitizer build not available: $(head -1 "$WORK/san-build.err")"
fi
if build_san asan -fsanitize=address,undefined && "$WORK/uffd-handler-asan" --help >/dev/null 2>&1; then
	export ASAN_OPTIONS="detect_leaks=1:exitcode=66" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
	HANDLER=$WORK/uffd-handler-asan
	scenarios "[asan+ubsan]" quick
else
	skip "AddressSanitizer build not available: $(head -1 "$WORK/san-build.err")"
fi
HANDLER=$NORMAL_HANDLER

finish
