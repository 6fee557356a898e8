# Functions of the capture lab's QEMU back end (sourced by boot.sh and capture-lab.sh).
# Expects: kernel_dir, ram_mb, mode (default|thp-appcds), work.
# shellcheck disable=SC2154  # those are set by the sourcing script

lab_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export repo_dir
repo_dir=$(dirname "$lab_dir")

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

say() {
    echo "$(basename "$0"): [$(date -u +%T)] $*"
}

# The guest's kernel command line. The quick-path kernel needs its initramfs (virtio as
# modules); a kernel from the full path has no initrd.img and boots root=/dev/vda directly.
guest_cmdline() {
    echo "console=ttyS0 root=/dev/vda rw init=/sbin/uffdvis-init uffdvis.mode=$mode $*"
}

# qemu_start RAM_FILE DISK XFER CONSOLE_LOG QMP_SOCKET HOST_PORT CMDLINE [QEMU_ARG...]
# Starts the guest in the background (TCG, 2 vCPUs, RAM in a shared file so that a snapshot
# keeps only device state and a restore can fault the RAM file in lazily) and sets qemu_pid.
# Threads are named (debug-threads): the vCPUs are "CPU n/TCG" in a restore's trace.
qemu_start() {
    local ram=$1 disk=$2 xfer=$3 console=$4 qmp=$5 port=$6 cmdline=$7
    shift 7
    local initrd=()
    [ -f "$kernel_dir/initrd.img" ] && initrd=(-initrd "$kernel_dir/initrd.img")
    rm -f "$qmp"
    nice -n 10 qemu-system-x86_64 -name uffdvis,debug-threads=on \
        -accel tcg,thread=multi -cpu max -smp 2 -m "$ram_mb" \
        -object "memory-backend-file,id=ram,size=${ram_mb}M,mem-path=$ram,share=on" \
        -machine pc,memory-backend=ram \
        -kernel "$kernel_dir/bzImage" "${initrd[@]}" -append "$cmdline" \
        -drive "file=$disk,if=virtio,format=raw" -drive "file=$xfer,if=virtio,format=raw" \
        -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$port-:8080" -device virtio-net-pci,netdev=net0 \
        -display none -serial "file:$console" -qmp "unix:$qmp,server=on,wait=off" -no-reboot \
        "$@" >"$console.qemu" 2>&1 &
    qemu_pid=$!
}

qmp() {
    python3 "$lab_dir/qmp.py" "$@"
}

# wait_console FILE PATTERN TIMEOUT_S: waits until a console line matches; prints it.
wait_console() {
    local file=$1 pattern=$2 deadline=$(($(date +%s) + $3)) line
    while [ "$(date +%s)" -lt "$deadline" ]; do
        line=$(grep -a -m 1 -E "$pattern" "$file" 2>/dev/null || true)
        if [ -n "$line" ]; then
            echo "$line" | tr -d '\r'
            return 0
        fi
        kill -0 "$qemu_pid" 2>/dev/null || { tail -n 20 "$file" >&2; cat "$file.qemu" >&2; die "QEMU exited"; }
        sleep 0.2
    done
    tail -n 20 "$file" >&2
    die "no console line matching '$pattern' within $3 s"
}

# free_port: a TCP port on 127.0.0.1 nobody listens on.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_qemu() {
    if kill -0 "$qemu_pid" 2>/dev/null; then
        qmp "$1" quit >/dev/null 2>&1 || kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
}
