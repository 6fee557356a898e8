#!/bin/sh
# /init of the quick path's initramfs (busybox sh). Debian's cloud kernel has the virtio
# drivers as modules: load them (passing MODULE.PARAM=VALUE arguments of the kernel command
# line, e.g. Firecracker's virtio_mmio.device=..., to their module), mount root= (default
# /dev/vda) and hand over to init= (default /sbin/init) with switch_root.
export PATH=/bin
busybox mount -t proc proc /proc
busybox mount -t sysfs sysfs /sys
busybox mount -t devtmpfs devtmpfs /dev

root=/dev/vda
rootfstype=ext4
init=/sbin/init
# The command line is one line of words.
# shellcheck disable=SC2013
for arg in $(busybox cat /proc/cmdline); do
    case $arg in
        root=*) root=${arg#root=} ;;
        rootfstype=*) rootfstype=${arg#rootfstype=} ;;
        init=*) init=${arg#init=} ;;
    esac
done

while read -r ko; do
    mod=${ko%.ko*}
    params=""
    # shellcheck disable=SC2013
    for arg in $(busybox cat /proc/cmdline); do
        case $arg in
            "$mod".*=*) params="$params ${arg#"$mod".}" ;;
        esac
    done
    # shellcheck disable=SC2086  # params are separate module arguments
    busybox insmod "/modules/$ko" $params || echo "initrd: insmod $ko failed" >/dev/console
done </modules.order

tries=0
while [ ! -b "$root" ] && [ $tries -lt 50 ]; do
    busybox sleep 0.1
    tries=$((tries + 1))
done
busybox mount -t "$rootfstype" -o rw "$root" /newroot || {
    echo "initrd: cannot mount $root" >/dev/console
    exec busybox sh
}
busybox umount /proc /sys
busybox mount --move /dev /newroot/dev
exec busybox switch_root /newroot "$init"
