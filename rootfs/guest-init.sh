#!/bin/bash
# /sbin/uffdvis-init: init (PID 1) of the UffdVisualizer guest. Kernel command line:
#   init=/sbin/uffdvis-init uffdvis.mode=default|thp-appcds [uffdvis.ip=ADDR/LEN uffdvis.gw=ADDR]
#       [uffdvis.capture=/dev/vdb] [uffdvis.settle=SECONDS]
# Starts the workload (/opt/petstore, port 8080) with NMT detail and, for thp-appcds,
# -XX:+UseTransparentHugePages and the AppCDS archive; waits until it answers HTTP; prints
# "uffdvis: ready ..." on the console; then, if uffdvis.capture names a disk, waits
# uffdvis.settle seconds (default 5), takes the capture inside the guest (NMT detail, then
# mem_mapping of every user process with the JVM stopped, kernel and page cache), writes it
# as a tar archive to that disk and prints "uffdvis: captured ...": the host snapshots after
# that line. Default network: QEMU's user networking (10.0.2.15/24, gateway 10.0.2.2).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/opt/uffdvis/bin

say() {
    echo "uffdvis: $*" >/dev/console
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
# devtmpfs has no /dev/fd, which bash's process substitution (capture-mappings) needs
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
mkdir -p /dev/shm /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -o remount,rw /
hostname uffdvis

mode=default ip=10.0.2.15/24 gw=10.0.2.2 capture="" settle=5
# The command line is one line of words.
# shellcheck disable=SC2013
for arg in $(cat /proc/cmdline); do
    case $arg in
        uffdvis.mode=*) mode=${arg#*=} ;;
        uffdvis.ip=*) ip=${arg#*=} ;;
        uffdvis.gw=*) gw=${arg#*=} ;;
        uffdvis.capture=*) capture=${arg#*=} ;;
        uffdvis.settle=*) settle=${arg#*=} ;;
    esac
done

ip link set lo up
ip link set eth0 up && ip addr add "$ip" dev eth0 && ip route add default via "$gw"

# THP only where asked for (madvise), so that the JVM flag is what makes the difference.
echo madvise >/sys/kernel/mm/transparent_hugepage/enabled

jvm_flags=(-XX:NativeMemoryTracking=detail -Xms64m -Xmx384m)
case $mode in
    default) ;;
    thp-appcds) jvm_flags+=(-XX:+UseTransparentHugePages -Xshare:on -XX:SharedArchiveFile=/opt/petstore/app.jsa) ;;
    *) say "unknown uffdvis.mode=$mode, using default"; mode=default ;;
esac

started=$(cut -d' ' -f1 /proc/uptime)
java "${jvm_flags[@]}" -cp "$(cat /opt/petstore/classpath)" \
    org.uffdvisualizer.petstore.PetstoreApplication --spring.main.banner-mode=off \
    >/run/petstore.log 2>&1 &
java_pid=$!

# Ready = the application answers GET /ready with 200 (bash's /dev/tcp: no HTTP client needed).
serves() {
    local status
    exec 3<>/dev/tcp/127.0.0.1/8080 || return 1
    printf 'GET /ready HTTP/1.0\r\n\r\n' >&3
    read -r _ status _ <&3
    exec 3<&-
    [ "$status" = 200 ]
}
until serves 2>/dev/null; do
    kill -0 "$java_pid" 2>/dev/null || { say "workload exited"; tail -n 30 /run/petstore.log >/dev/console; break; }
    sleep 0.5
done
ready=$(cut -d' ' -f1 /proc/uptime)
say "ready mode=$mode pid=$java_pid uptime=$ready workload-start=$started"

if [ -n "$capture" ] && [ -b "$capture" ]; then
    sleep "$settle"
    out=/dev/shm/capture
    mkdir -p "$out"
    capture-nmt -o "$out" -p "$java_pid" >"$out/capture.log" 2>&1
    jcmd "$java_pid" PerfCounter.print 2>/dev/null | grep -E 'cls\.(loadedClasses|sharedLoadedClasses)|gc.generation.*capacity' >"$out/perf-counters.txt"
    kill -STOP "$java_pid"
    capture-mappings -o "$out/mem_mapping.txt.gz" >>"$out/capture.log" 2>&1
    { cat /proc/meminfo; grep -E 'thp|AnonHugePages' /proc/vmstat; cat "/proc/$java_pid/smaps_rollup"; } >"$out/proc-facts.txt"
    kill -CONT "$java_pid"
    echo "mode=$mode pid=$java_pid ready=$ready started=$started kernel=$(uname -r) cmdline=$(cat /proc/cmdline)" >"$out/guest.txt"
    tar -C "$out" -cf "$capture" .
    sync
    say "captured pid=$java_pid uptime=$(cut -d' ' -f1 /proc/uptime)"
fi

# PID 1 must not exit; reap children.
while true; do
    wait
    sleep 3600
done
