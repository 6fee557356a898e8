#!/usr/bin/env bash
# The capture lab, Firecracker back end (a host with KVM; it cannot run on a machine without).
#
#   lab/firecracker/fc-lab.sh -o OUTDIR [-m default|thp-appcds] [-n RESTORES] [-t Full|Diff]
#                             [-k KERNEL_DIR] [-r ROOTFS_IMAGE] [-w WORK] [-f FIRECRACKER]
#   lab/firecracker/fc-lab.sh serve SOCKET MEMORY_FILE LOG     (the handler as a restore runs it)
#
# Same guest as the QEMU back end (kernel/build-kernel.sh: vmlinux, and initrd.img for the
# quick path; rootfs/build-rootfs.sh), same init: it captures mem_mapping and NMT inside the
# guest and writes them to the second drive. Then:
#   1. boot with `firecracker --config-file` (lab/firecracker/fc-config.py vm), wait for the
#      guest's "uffdvis: captured" line on the serial console (Firecracker's stdout);
#   2. PATCH /vm Paused, PUT /snapshot/create (type -t, default Full), stop Firecracker;
#   3. RESTORES times (default 3): a fresh copy of the root disk, guest-tools/bin/uffd-handler
#      on a socket and the snapshot memory file, a new Firecracker, PUT /snapshot/load with
#      mem_backend Uffd on that socket (resumes at once), one HTTP request to the workload,
#      then Firecracker is stopped and the handler exits, leaving its fault log (extended
#      format: thread, time, guest-physical address);
#   4. OUTDIR: mem_mapping.txt.gz, nmt.txt.gz, uffd.log.gz (restore 1), uffd-restore-N.log.gz.
# Needs root, /dev/kvm, firecracker on PATH (or -f), curl, iproute2 (a tap device
# uffdvis-tap0 with 172.16.0.1/30 is created), guest-tools built (make -C guest-tools).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
handler=$repo/guest-tools/bin/uffd-handler

# serve SOCKET MEMORY_FILE LOG: the uffd handler exactly as each restore starts it.
serve() {
    exec "$handler" --log-format extended --log "$3" --accept-timeout 60 --force "$1" "$2"
}
if [ "${1:-}" = serve ]; then
    [ $# = 4 ] || { echo "usage: fc-lab.sh serve SOCKET MEMORY_FILE LOG" >&2; exit 2; }
    serve "$2" "$3" "$4"
fi

work=${TMPDIR:-/tmp}/uffdvis-fc-lab
out="" mode=default restores=3 type=Full kernel_dir="" rootfs="" firecracker=firecracker
while getopts "o:m:n:t:k:r:w:f:" opt; do
    case $opt in
        o) out=$OPTARG ;;
        m) mode=$OPTARG ;;
        n) restores=$OPTARG ;;
        t) type=$OPTARG ;;
        k) kernel_dir=$OPTARG ;;
        r) rootfs=$OPTARG ;;
        w) work=$OPTARG ;;
        f) firecracker=$OPTARG ;;
        *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
die() {
    echo "fc-lab.sh: $*" >&2
    exit 1
}
[ -n "$out" ] || die "-o OUTDIR is required"
[ -w /dev/kvm ] || die "/dev/kvm is not usable here: the Firecracker back end needs KVM (use lab/capture-lab.sh)"
command -v "$firecracker" >/dev/null || die "$firecracker not found (-f FIRECRACKER)"
[ -x "$handler" ] || die "$handler missing: make -C guest-tools"
kernel_dir=${kernel_dir:-$work/kernel}
rootfs=${rootfs:-$work/rootfs/rootfs.ext4}
[ -f "$kernel_dir/vmlinux" ] || "$repo/kernel/build-kernel.sh" quick -o "$kernel_dir" -w "$work/kernel-work"
[ -f "$rootfs" ] || "$repo/rootfs/build-rootfs.sh" -w "$(dirname "$rootfs")" -o "$rootfs"
mkdir -p "$work" "$out"
run=$work/$mode
rm -rf "$run" && mkdir -p "$run"

api() {         # api SOCKET METHOD PATH BODY
    local code
    code=$(curl -sS --unix-socket "$1" -X "$2" "http://localhost$3" -H 'Content-Type: application/json' \
        -d "$4" -o "$run/api-reply.json" -w '%{http_code}')
    [ "${code:0:1}" = 2 ] || die "$2 $3: HTTP $code: $(cat "$run/api-reply.json")"
}

wait_line() {   # wait_line FILE PATTERN TIMEOUT_S
    local deadline=$(($(date +%s) + $3))
    until grep -q -a -E "$2" "$1" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || die "no line matching '$2' in $1 within $3 s"
        sleep 0.2
    done
}

tap=uffdvis-tap0
ip link show "$tap" >/dev/null 2>&1 || {
    ip tuntap add "$tap" mode tap
    ip addr add 172.16.0.1/30 dev "$tap"
}
ip link set "$tap" up

initrd=()
[ -f "$kernel_dir/initrd.img" ] && initrd=(--initrd "$kernel_dir/initrd.img")
cp --sparse=always "$rootfs" "$run/disk.img"
truncate -s 64M "$run/xfer.img"
python3 "$here/fc-config.py" vm --kernel "$kernel_dir/vmlinux" "${initrd[@]}" --rootfs "$run/disk.img" \
    --xfer "$run/xfer.img" --mode "$mode" --tap "$tap" >"$run/vm.json"

# 1. boot
rm -f "$run/api.sock"
"$firecracker" --api-sock "$run/api.sock" --config-file "$run/vm.json" >"$run/console-boot.log" 2>&1 &
fc_pid=$!
trap 'kill "$fc_pid" 2>/dev/null || true' EXIT
wait_line "$run/console-boot.log" 'uffdvis: captured' 1200
grep -a -E 'uffdvis: (ready|captured)' "$run/console-boot.log" | tr -d '\r' | tee "$out/lab-run.txt"

# 2. snapshot
api "$run/api.sock" PATCH /vm "$(python3 "$here/fc-config.py" pause)"
api "$run/api.sock" PUT /snapshot/create \
    "$(python3 "$here/fc-config.py" snapshot-create --type "$type" --snapshot "$run/vm.snap" --mem "$run/vm.mem")"
kill "$fc_pid"
wait "$fc_pid" 2>/dev/null || true
cp --sparse=always "$run/disk.img" "$run/disk.snap"
mkdir -p "$run/guest"
tar -xf "$run/xfer.img" -C "$run/guest"
cp "$run/guest/mem_mapping.txt.gz" "$out/mem_mapping.txt.gz"
gzip -9c "$(ls "$run/guest"/nmt-*.txt)" >"$out/nmt.txt.gz"

# 3. restores
diff_flag=()
[ "$type" = Diff ] && diff_flag=(--diff)
for i in $(seq 1 "$restores"); do
    cp --sparse=always "$run/disk.snap" "$run/disk.img"
    rm -f "$run/api.sock" "$run/uffd.sock"
    "$0" serve "$run/uffd.sock" "$run/vm.mem" "$run/restore-$i.log" 2>"$run/handler-$i.txt" &
    handler_pid=$!
    "$firecracker" --api-sock "$run/api.sock" >"$run/console-restore-$i.log" 2>&1 &
    fc_pid=$!
    while [ ! -S "$run/api.sock" ] || [ ! -S "$run/uffd.sock" ]; do sleep 0.05; done
    api "$run/api.sock" PUT /snapshot/load "$(python3 "$here/fc-config.py" snapshot-load \
        --snapshot "$run/vm.snap" --uffd-socket "$run/uffd.sock" "${diff_flag[@]}")"
    curl -sS -m 120 -o /dev/null -w "restore $i: HTTP %{http_code} in %{time_total} s\n" \
        "http://172.16.0.2:8080/owners?lastName=Davis" | tee -a "$out/lab-run.txt"
    sleep 2
    kill "$fc_pid"
    wait "$fc_pid" 2>/dev/null || true
    wait "$handler_pid" || echo "restore $i: handler exit status $?" | tee -a "$out/lab-run.txt"
    name=uffd-restore-$i.log.gz
    [ "$i" = 1 ] && name=uffd.log.gz
    gzip -9c "$run/restore-$i.log" >"$out/$name"
done
echo "fc-lab.sh: wrote $out"
