#!/usr/bin/env bash
# Checks kernel/guest.config without building a kernel: unpacks only what Kconfig reads
# (every Kconfig file, the Makefiles, scripts/ and arch/x86/) from Debian's linux-source-6.1
# tarball, merges the fragment onto x86_64_defconfig, runs `make olddefconfig`, and fails
# unless every option of the fragment ended up as the fragment says.
#
#   kernel/check-fragment.sh [-w WORK] [TARBALL]    (default /usr/src/linux-source-6.1.tar.xz)
#
# Needs gcc, make, flex, bison (Kconfig's own tools are compiled). The unpacked tree is kept
# in WORK (default $TMPDIR/uffdvis-kconfig) and reused while the tarball is unchanged.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=kernel/kernel-lib.bash
. "$here/kernel-lib.bash"

work=${TMPDIR:-/tmp}/uffdvis-kconfig
while getopts "w:" opt; do
    case $opt in
        w) work=$OPTARG ;;
        *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
tarball=${1:-/usr/src/linux-source-6.1.tar.xz}
[ -f "$tarball" ] || die "$tarball missing: apt-get install linux-source-6.1"
for tool in gcc make flex bison; do
    command -v "$tool" >/dev/null || die "$tool missing: apt-get install gcc make flex bison"
done

start=$(date +%s)
src=$work/linux
stamp="$(stat -c '%s %Y' "$tarball") $tarball"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$work" && mkdir -p "$src"
    nice -n 10 tar -xJf "$tarball" -C "$src" --strip-components=1 --wildcards --no-wildcards-match-slash \
        '*/Makefile' '*/Kbuild' '*/Kconfig*' '*/*/Kconfig*' --wildcards-match-slash \
        '*/Kconfig*' '*/scripts/*' '*/arch/x86/*' '*/include/*' '*/tools/*'
    echo "$stamp" >"$work/stamp"
fi
merge_fragment "$src" "$here/guest.config"
cp "$src/.config" "$work/merged.config"
check_fragment "$work/merged.config" "$here/guest.config"
echo "check-fragment: merged onto x86_64_defconfig of $(basename "$tarball") in $(($(date +%s) - start)) s"
