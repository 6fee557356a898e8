#!/usr/bin/env bash
# The capture lab, QEMU back end: one command from a kernel and a root file system image to a
# capture directory with several real lazy restores of one snapshot.
#
#   lab/capture-lab.sh -o OUTDIR [-m default|thp-appcds] [-n RESTORES] [-k KERNEL_DIR]
#                      [-r ROOTFS_IMAGE] [-M RAM_MB] [-w WORK] [-t TAIL_S] [-R]
#                      [-P WORKING_SET]
#
# 1. Boots the guest (TCG, RAM in a shared memory-backend file) with uffdvis.capture=/dev/vdb:
#    its init starts the workload, waits until it serves, takes NMT detail and mem_mapping (our
#    walker, JVM stopped) inside the guest and writes them to the second disk.
# 2. Snapshots: QMP stop + migrate with x-ignore-shared (devices to vm.state; RAM stays in its
#    file), keeps the RAM file and the disk as the snapshot.
# 3. RESTORES times (default 3) from that same snapshot: a fresh copy of the RAM file, flushed
#    and evicted from the host page cache, with read-ahead off on its block device; a QEMU
#    started with that file and -incoming loads vm.state; ftrace (own instance) records
#    exceptions:page_fault_user of QEMU's threads: each first touch of a guest page is a host
#    page fault inside the RAM file's mapping, in order, with real timing. The guest arrives
#    paused (it was stopped for the snapshot) and is continued; one HTTP request once it runs
#    again; TAIL_S (default 2) more seconds of trace after the answer.
#    The snapshot stays in WORK/MODE: -R does the restores again from it (steps 3 and 4 only).
#    -P WORKING_SET (format 2, docs/formats.md): after the eviction and before QEMU starts, the
#    set's extents are read into the page cache in the set's order (lab/prefetch-ws.py), as a
#    prefetching lazy restore would install them. Every restore also counts the RAM file's pages
#    QEMU had to read (ftrace filemap:mm_filemap_add_to_page_cache of its threads, the demand
#    reads a prefetch avoids: a prefetched page still faults once in QEMU, as a minor fault) and
#    QEMU's major faults. page-cache-adds-N.txt.gz keeps those ftrace lines of restore N.
# 4. Writes OUTDIR: mem_mapping.txt.gz, nmt.txt.gz, uffd.log.gz (restore 1) and
#    uffd-restore-N.log.gz (page-touch traces, docs/formats.md), lab-run.txt (every figure).
#
# Needs root (ftrace, page cache eviction), qemu-system-x86, python3, curl, util-linux (fincore). KERNEL_DIR and
# ROOTFS_IMAGE default to WORK/kernel and WORK/rootfs/rootfs.ext4, built when missing
# (kernel/build-kernel.sh quick, rootfs/build-rootfs.sh).
set -euo pipefail

work=${TMPDIR:-/tmp}/uffdvis-lab
out="" kernel_dir="" rootfs="" mode=default ram_mb=1024 restores=3 tail_s=2 restores_only="" working_set=""
while getopts "o:m:n:k:r:M:w:t:RP:" opt; do
    case $opt in
        o) out=$OPTARG ;;
        m) mode=$OPTARG ;;
        n) restores=$OPTARG ;;
        k) kernel_dir=$OPTARG ;;
        r) rootfs=$OPTARG ;;
        M) ram_mb=$OPTARG ;;
        w) work=$OPTARG ;;
        t) tail_s=$OPTARG ;;
        R) restores_only=1 ;;
        P) working_set=$OPTARG ;;
        *) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
# shellcheck source=lab/lab-lib.bash
. "$(dirname "$0")/lab-lib.bash"
[ -n "$out" ] || die "-o OUTDIR is required"
case $mode in default | thp-appcds) ;; *) die "-m must be default or thp-appcds" ;; esac
[ "$ram_mb" -le 3072 ] || die "-M: up to 3072 MB (the RAM file's offsets are guest-physical addresses only below 3 GiB)"
[ "$(id -u)" = 0 ] || die "needs root (ftrace, page cache eviction)"
[ -z "$working_set" ] || [ -f "$working_set" ] || die "-P: no working set $working_set"
[ -z "$working_set" ] || working_set=$(cd "$(dirname "$working_set")" && pwd)/$(basename "$working_set")
mkdir -p "$work" "$out"
work=$(cd "$work" && pwd)
out=$(cd "$out" && pwd)
kernel_dir=${kernel_dir:-$work/kernel}
rootfs=${rootfs:-$work/rootfs/rootfs.ext4}
lab_start=$(date +%s)
facts=$out/lab-run.txt
[ -n "$restores_only" ] || : >"$facts"
fact() {
    echo "$*" | tee -a "$facts"
}

if [ ! -f "$kernel_dir/bzImage" ]; then
    "$repo_dir/kernel/build-kernel.sh" quick -o "$kernel_dir" -w "$work/kernel-work"
fi
if [ ! -f "$rootfs" ]; then
    "$repo_dir/rootfs/build-rootfs.sh" -w "$(dirname "$rootfs")" -o "$rootfs"
fi

run=$work/$mode
if [ -n "$restores_only" ]; then
    for f in vm.state ram.snap disk.snap xfer.img guest/mem_mapping.txt.gz; do
        [ -f "$run/$f" ] || die "-R: no $run/$f: run the whole lab first"
    done
else
    rm -rf "$run" && mkdir -p "$run"
fi
tracefs=/sys/kernel/tracing
[ -d "$tracefs/instances" ] || mount -t tracefs nodev "$tracefs"
instance=$tracefs/instances/uffdvis-lab-$$
ra_file=""
ra_saved=""
cleanup() {
    stop_qemu "$run/qmp.sock"
    [ -d "$instance" ] && { echo 0 >"$instance/tracing_on"; rmdir "$instance"; }
    [ -n "$ra_file" ] && echo "$ra_saved" >"$ra_file"
    rm -f "$run"/ram.run "$run"/disk.run
}
trap cleanup EXIT

# --- 1. boot and capture inside the guest
if [ -z "$restores_only" ]; then
    cp --sparse=always "$rootfs" "$run/disk.img"
    truncate -s 64M "$run/xfer.img"
    port=$(free_port)
    say "booting ($mode, $ram_mb MB, kernel $(cat "$kernel_dir/version" 2>/dev/null || echo "$kernel_dir"))"
    boot_start=$(date +%s.%N)
    qemu_start "$run/ram.img" "$run/disk.img" "$run/xfer.img" "$run/console-boot.log" "$run/qmp.sock" "$port" \
        "$(guest_cmdline uffdvis.capture=/dev/vdb)"
    ready=$(wait_console "$run/console-boot.log" 'uffdvis: (ready|workload exited)' 1200)
    ready_at=$(date +%s.%N)
    case $ready in *"workload exited"*) die "the workload did not start (console: $run/console-boot.log)" ;; esac
    captured=$(wait_console "$run/console-boot.log" 'uffdvis: captured' 600)
    fact "guest: $ready"
    fact "guest: $captured"
    fact "boot to ready (host wall clock, QEMU start to the ready line): $(printf '%.1f' "$(echo "$ready_at - $boot_start" | bc)") s"

    # --- 2. snapshot
    qmp "$run/qmp.sock" migrate-set-capabilities '{"capabilities":[{"capability":"x-ignore-shared","state":true}]}' >/dev/null
    snap_start=$(date +%s.%N)
    qmp "$run/qmp.sock" stop >/dev/null
    qmp "$run/qmp.sock" migrate "{\"uri\":\"exec:cat > $run/vm.state\"}" >/dev/null
    qmp "$run/qmp.sock" wait-migration 120
    snap_end=$(date +%s.%N)
    stop_qemu "$run/qmp.sock"
    mv "$run/ram.img" "$run/ram.snap"
    mv "$run/disk.img" "$run/disk.snap"
    fact "snapshot: $(printf '%.2f' "$(echo "$snap_end - $snap_start" | bc)") s, device state $(stat -c %s "$run/vm.state") bytes, RAM file $(du -m "$run/ram.snap" | cut -f1) MB allocated of $ram_mb MB"
    mkdir -p "$run/guest"
    tar -xf "$run/xfer.img" -C "$run/guest"
    [ -s "$run/guest/mem_mapping.txt.gz" ] || die "the guest wrote no mem_mapping (see $run/guest/capture.log)"
    { cat "$run/guest/guest.txt"; cat "$run/guest/perf-counters.txt"; } >>"$facts"
fi
cp "$run/guest/mem_mapping.txt.gz" "$out/mem_mapping.txt.gz"
nmt=$(ls "$run/guest"/nmt-*.txt)
gzip -9c "$nmt" >"$out/nmt.txt.gz"
cp "$run/guest/proc-facts.txt" "$out/proc-facts.txt"

# --- 3. restores, one lab at a time on this machine: read-ahead of the block device is
# switched off for the duration of a restore, and another lab must not switch it back on.
exec 9>"$work/restore.lock"
flock 9
# The block device under WORK (a partition's parent disk carries the read-ahead setting).
device=$(df --output=source "$run" | tail -n 1)
disk=$(lsblk -no pkname "$device" 2>/dev/null | head -n 1)
ra_file=/sys/block/${disk:-$(basename "$device")}/queue/read_ahead_kb
if [ -f "$ra_file" ]; then
    ra_saved=$(cat "$ra_file")
else
    ra_file=""
fi
for i in $(seq 1 "$restores"); do
    cp --sparse=always "$run/ram.snap" "$run/ram.run"
    cp --sparse=always "$run/disk.snap" "$run/disk.run"
    sync -f "$run/ram.run"
    python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$run/ram.run"
    cached=$(fincore -n -o PAGES "$run/ram.run")
    # Read-ahead off, meant to make a major fault read only its own page. QEMU's RAM mapping is
    # MADV_HUGEPAGE, for which the kernel reads 2 MiB folios regardless (docs/lab.md, "Prefetch,
    # measured on real restores"); every first touch outside fault-around still faults.
    [ -n "$ra_file" ] && echo 0 >"$ra_file"
    prefetched="none"
    if [ -n "$working_set" ]; then
        prefetched=$(python3 "$lab_dir/prefetch-ws.py" "$run/ram.run" "$working_set")
        prefetched="$prefetched; $(fincore -n -o PAGES "$run/ram.run" | tr -d ' ') RAM file pages cached after"
    fi
    port=$(free_port)
    qemu_start "$run/ram.run" "$run/disk.run" "$run/xfer.img" "$run/console-restore-$i.log" "$run/qmp.sock" \
        "$port" "$(guest_cmdline uffdvis.capture=/dev/vdb)" -incoming defer
    qmp "$run/qmp.sock" query-status >/dev/null          # QEMU is up: its threads exist
    mkdir "$instance"
    echo 65536 >"$instance/buffer_size_kb"
    echo 1 >"$instance/options/event-fork"
    for task in /proc/"$qemu_pid"/task/*; do
        echo "${task##*/}" >>"$instance/set_event_pid"
    done
    echo 1 >"$instance/events/exceptions/page_fault_user/enable"
    echo "i_ino == $(stat -c %i "$run/ram.run")" >"$instance/events/filemap/mm_filemap_add_to_page_cache/filter"
    echo 1 >"$instance/events/filemap/mm_filemap_add_to_page_cache/enable"
    qmp "$run/qmp.sock" migrate-set-capabilities '{"capabilities":[{"capability":"x-ignore-shared","state":true}]}' >/dev/null
    echo "uffdvis-lab: restore $i: migrate-incoming" >"$instance/trace_marker"
    t0=$(date +%s.%N)
    qmp "$run/qmp.sock" migrate-incoming "{\"uri\":\"exec:cat $run/vm.state\"}" >/dev/null
    state=$(qmp "$run/qmp.sock" wait-incoming 300)
    [ "$state" = running ] || qmp "$run/qmp.sock" cont >/dev/null
    t1=$(date +%s.%N)
    echo "uffdvis-lab: restore $i: running" >"$instance/trace_marker"
    echo "uffdvis-lab: restore $i: request" >"$instance/trace_marker"
    response=$(curl -sS -m 600 -o "$run/response-$i.json" -w '%{http_code} %{size_download} %{time_total}' \
        "http://127.0.0.1:$port/owners?lastName=Davis")
    echo "uffdvis-lab: restore $i: response $response" >"$instance/trace_marker"
    sleep "$tail_s"
    echo 0 >"$instance/tracing_on"
    [ -n "$ra_file" ] && echo "$ra_saved" >"$ra_file"
    majflt=$(sed 's/.*) //' "/proc/$qemu_pid/stat" | cut -d ' ' -f 10)
    # The RAM mapping's flags (hg: MADV_HUGEPAGE) and how much of it is mapped by PMDs.
    ram_vm=$(awk -v f="$run/ram.run" '$6 == f { on = 1; next } /^[0-9a-f]+-/ { on = 0 }
        on && /^FilePmdMapped:/ { n += $2 } on && /^VmFlags:/ { $1 = ""; flags = $0 }
        END { printf "VmFlags%s, FilePmdMapped %d kB", flags, n }' "/proc/$qemu_pid/smaps")
    {
        echo "# uffdvisualizer page-touch trace 1"
        echo "# source: QEMU $(qemu-system-x86_64 --version | head -n 1 | awk '{print $4}') TCG guest ($mode), RAM in a shared memory-backend file restored lazily from an evicted copy; ftrace exceptions:page_fault_user of QEMU's threads"
        echo "# restore $i of $restores from one snapshot; RAM file pages in the host page cache at the start: $cached"
        echo "# prefetch: ${working_set:-none}: $prefetched"
        # RAM file mappings: host start, host end, offset in the file (= guest-physical address below 3 GiB)
        awk -v f="$run/ram.run" '$6 == f { split($1, r, "-"); printf "# ram 0x%s 0x%s 0x%s\n", r[1], r[2], $3 }' "/proc/$qemu_pid/maps"
        for task in /proc/"$qemu_pid"/task/*; do
            echo "# thread ${task##*/} $(cat "$task/comm")"
        done
        grep -v -e '^#' -e mm_filemap_add_to_page_cache "$instance/trace"
    } >"$run/restore-$i.trace"
    # Folios QEMU's threads brought into the page cache (reads it waited for); order k is 2^k pages.
    grep mm_filemap_add_to_page_cache "$instance/trace" | gzip -9 >"$out/page-cache-adds-$i.txt.gz"
    demand_read=$(zcat "$out/page-cache-adds-$i.txt.gz" | sed -n 's/.* order=\([0-9]*\).*/\1/p' |
        awk '{ n += 2 ^ $1 } END { printf "%d folios, %d pages", NR, n }')
    stop_qemu "$run/qmp.sock"
    rmdir "$instance"
    name=uffd-restore-$i.log.gz
    [ "$i" = 1 ] && name=uffd.log.gz
    gzip -9c "$run/restore-$i.trace" >"$out/$name"
    read -r code bytes secs <<<"$response"
    fact "restore $i: RAM file pages cached before: $cached; migrate-incoming to running $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s; request: HTTP $code, $bytes bytes in $secs s; trace $(grep -c page_fault_user "$run/restore-$i.trace") page_fault_user lines -> $name; RAM file read on demand $demand_read (page-cache-adds-$i.txt.gz), QEMU major faults $majflt, RAM mapping $ram_vm; prefetch: $prefetched"
    rm -f "$run/ram.run" "$run/disk.run"
done

traces=("$out"/uffd.log.gz)
for t in "$out"/uffd-restore-*.log.gz; do
    [ -f "$t" ] && traces+=("$t")
done
python3 "$lab_dir/trace-stats.py" "${traces[@]}" | tee -a "$facts"
flock -u 9
fact "lab total: $(($(date +%s) - lab_start)) s"
say "wrote $out"
