#!/usr/bin/env bash
# Guest kernel for Firecracker and QEMU, without Docker.
#
#   kernel/build-kernel.sh quick [-o OUT] [-w WORK]      Debian's packaged cloud kernel
#   kernel/build-kernel.sh full  [-o OUT] [-w WORK] [-j N]  built from linux-source-6.1 + guest.config
#
# quick: downloads linux-image-cloud-amd64's kernel package with apt-get (no installation),
#   unpacks it and writes OUT/bzImage (for QEMU), OUT/vmlinux (the uncompressed ELF image
#   Firecracker needs, extracted from the bzImage), OUT/config, and OUT/initrd.img: a busybox
#   initramfs that loads the virtio modules (block, net, vsock, balloon over PCI and MMIO),
#   which that kernel has as modules, mounts root= and runs init=.
# full: unpacks the linux-source-6.1 package's tarball, merges kernel/guest.config onto
#   x86_64_defconfig, checks every option of the fragment took (as check-fragment.sh does),
#   and builds bzImage and vmlinux (devices built in: no initramfs needed). About an hour
#   of CPU on two cores.
#
# Needs apt-get, dpkg-deb, busybox-static, cpio and lz4 (quick); gcc, make, flex, bison, bc,
# libelf-dev and libssl-dev (full). Prints what it wrote and how long it took.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=kernel/kernel-lib.bash
. "$here/kernel-lib.bash"

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
out=$PWD/kernel-out
work=${TMPDIR:-/tmp}/uffdvis-kernel
jobs=$(nproc)
while getopts "o:w:j:" opt; do
    case $opt in
        o) out=$OPTARG ;;
        w) work=$OPTARG ;;
        j) jobs=$OPTARG ;;
        *) usage ;;
    esac
done
mkdir -p "$out" "$work"
out=$(cd "$out" && pwd)
work=$(cd "$work" && pwd)
start=$(date +%s)

# Modules the quick path's initramfs loads, dependencies first (resolved from each module's
# own modinfo section, so no depmod is needed on the host).
initrd_modules=(virtio_pci virtio_mmio virtio_blk virtio_net virtio_balloon vmw_vsock_virtio_transport virtio_console)

quick() {
    local pkg deb root version
    pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
    [ -n "$pkg" ] || die "apt-cache knows no linux-image-cloud-amd64 (run apt-get update)"
    (cd "$work" && apt-get download "$pkg" >/dev/null)
    deb=$(ls "$work/${pkg}"_*.deb)
    root=$work/cloud
    rm -rf "$root"
    dpkg-deb -x "$deb" "$root"
    version=${pkg#linux-image-}
    cp "$root/boot/vmlinuz-$version" "$out/bzImage"
    cp "$root/boot/config-$version" "$out/config"
    extract_vmlinux "$out/bzImage" "$out/vmlinux"
    make_initrd "$root/lib/modules/$version" "$out/initrd.img" "${initrd_modules[@]}"
    echo "$version" >"$out/version"
    echo "kernel (quick): $version from package $(basename "$deb")"
}

full() {
    local tarball src
    tarball=/usr/src/linux-source-6.1.tar.xz
    [ -f "$tarball" ] || die "$tarball missing: apt-get install linux-source-6.1"
    src=$work/linux-full
    if [ ! -f "$src/Makefile" ]; then
        rm -rf "$src" && mkdir -p "$src"
        tar -xJf "$tarball" -C "$src" --strip-components=1
    fi
    merge_fragment "$src" "$here/guest.config"
    check_fragment "$src/.config" "$here/guest.config"
    nice -n 10 make -C "$src" -j "$jobs" bzImage vmlinux
    cp "$src/arch/x86/boot/bzImage" "$out/bzImage"
    cp "$src/vmlinux" "$out/vmlinux"
    cp "$src/.config" "$out/config"
    rm -f "$out/initrd.img"
    make -s -C "$src" kernelrelease >"$out/version"
    echo "kernel (full): $(cat "$out/version") from $tarball + kernel/guest.config"
}

case $mode in
    quick) quick ;;
    full) full ;;
    *) usage ;;
esac

echo "wrote $out:"
du -sh "$out"/* | sed 's/^/  /'
echo "took $(($(date +%s) - start)) s"
