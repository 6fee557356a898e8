#!/usr/bin/env bash
# Boots the guest under QEMU (TCG) once, waits until its workload serves, sends one request
# from the host, prints boot-to-ready and request times, and stops the guest.
#
#   lab/boot.sh [-k KERNEL_DIR] [-r ROOTFS_IMAGE] [-m default|thp-appcds] [-M RAM_MB] [-w WORK]
#
# KERNEL_DIR holds bzImage (and initrd.img for the quick-path kernel), as written by
# kernel/build-kernel.sh; ROOTFS_IMAGE is rootfs/build-rootfs.sh's image (not modified: the
# guest boots a copy).
set -euo pipefail

work=${TMPDIR:-/tmp}/uffdvis-lab
kernel_dir="" rootfs="" mode=default ram_mb=1024
while getopts "k:r:m:M:w:" opt; do
    case $opt in
        k) kernel_dir=$OPTARG ;;
        r) rootfs=$OPTARG ;;
        m) mode=$OPTARG ;;
        M) ram_mb=$OPTARG ;;
        w) work=$OPTARG ;;
        *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
# shellcheck source=lab/lab-lib.bash
. "$(dirname "$0")/lab-lib.bash"
kernel_dir=${kernel_dir:-$work/kernel}
rootfs=${rootfs:-$work/rootfs/rootfs.ext4}
[ -f "$kernel_dir/bzImage" ] || die "no $kernel_dir/bzImage: run kernel/build-kernel.sh quick -o $kernel_dir"
[ -f "$rootfs" ] || die "no $rootfs: run rootfs/build-rootfs.sh -o $rootfs"

run=$work/boot
mkdir -p "$run"
cp --sparse=always "$rootfs" "$run/disk.img"
truncate -s 0 "$run/xfer.img" && truncate -s 64M "$run/xfer.img"
port=$(free_port)
start=$(date +%s.%N)
qemu_start "$run/ram.img" "$run/disk.img" "$run/xfer.img" "$run/console.log" "$run/qmp.sock" "$port" \
    "$(guest_cmdline "")"
trap 'stop_qemu "$run/qmp.sock"; rm -f "$run/ram.img"' EXIT
ready=$(wait_console "$run/console.log" 'uffdvis: (ready|workload exited)' 900)
ready_at=$(date +%s.%N)
say "$ready"
case $ready in *"workload exited"*) die "the workload did not start (console: $run/console.log)" ;; esac
curl -sS -m 300 -o "$run/response.json" -w '%{http_code} %{size_download} bytes in %{time_total} s\n' \
    "http://127.0.0.1:$port/owners?lastName=Davis" | sed "s/^/$(basename "$0"): request: HTTP /"
printf '%s: boot to ready (host wall clock, QEMU start to the ready line): %.1f s\n' "$(basename "$0")" \
    "$(echo "$ready_at - $start" | bc)"
