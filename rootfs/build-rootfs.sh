#!/usr/bin/env bash
# Root file system image of the UffdVisualizer guest, without Docker.
#
#   rootfs/build-rootfs.sh [-o IMAGE] [-w WORK] [-s EXTRA_MB]
#
# debootstrap (minbase, Debian bookworm, mirror taken from this machine's own apt sources)
# with OpenJDK 17 (JDK: jcmd included), then into the tree:
#   /opt/uffdvis/bin     the guest tools (virt2phys, capture-mappings, capture-nmt), built here
#   /opt/petstore        the HTTP workload: rootfs/workload, a Spring Boot web application
#                        (Tomcat + Jackson, dependencies from Maven Central), its class path,
#                        and app.jsa, an AppCDS archive made by a training start in a chroot
#   /sbin/uffdvis-init   rootfs/guest-init.sh, the guest's init (see there: the kernel command
#                        line chooses default or THP + AppCDS)
# and writes IMAGE (default WORK/rootfs.ext4) with mkfs.ext4 -d: no loop mount, no root
# file system privileges beyond debootstrap's own. Prints the build time and the sizes.
#
# Needs: root, debootstrap, e2fsprogs, make, gcc, libjson-c-dev, Maven, a JDK 17 (javac).
# Boot it under QEMU with lab/boot.sh; for Firecracker see lab/firecracker/README.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${TMPDIR:-/tmp}/uffdvis-rootfs
image=""
extra_mb=256
suite=bookworm
while getopts "o:w:s:" opt; do
    case $opt in
        o) image=$OPTARG ;;
        w) work=$OPTARG ;;
        s) extra_mb=$OPTARG ;;
        *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
mkdir -p "$work"
work=$(cd "$work" && pwd)
image=${image:-$work/rootfs.ext4}
tree=$work/tree
start=$(date +%s)

die() {
    echo "build-rootfs: $*" >&2
    exit 1
}

# The first Debian archive of this machine's apt sources that carries $suite itself
# (not -security or -updates), from deb822 .sources files or one-line .list files.
apt_mirror() {
    local files
    files=$(ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    # shellcheck disable=SC2086  # a list of file names
    awk -v suite="$suite" '
        /^[[:space:]]*#/ { next }
        /^deb[[:space:]]/ { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) break
                            if ($(i + 1) == suite) { print $i; exit } next }
        /^URIs:/     { uris = $2 }
        /^Suites:/   { for (i = 2; i <= NF; i++) if ($i == suite) found = 1 }
        /^[[:space:]]*$/ { if (found && uris != "") { print uris; exit } uris = ""; found = 0 }
        END          { if (found && uris != "") print uris }
    ' $files | head -n 1
}

mirror=$(apt_mirror)
[ -n "$mirror" ] || die "no '$suite' archive in /etc/apt/sources.list*: cannot choose a mirror"

step() {
    echo "build-rootfs: [$(($(date +%s) - start)) s] $*"
}

step "debootstrap $suite from the machine's mirror $mirror"
rm -rf "$tree"
mkdir -p "$work/debs"
nice -n 10 debootstrap --variant=minbase --cache-dir="$work/debs" \
    --include=openjdk-17-jdk-headless,procps,iproute2 "$suite" "$tree" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed (log: $work/debootstrap.log)"; }
rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*

step "guest tools"
make -s -C "$repo/guest-tools" bin/virt2phys
mkdir -p "$tree/opt/uffdvis/bin"
cp "$repo/guest-tools/bin/virt2phys" "$repo/guest-tools/bin/capture-mappings" \
    "$repo/guest-tools/bin/capture-nmt" "$tree/opt/uffdvis/bin/"

step "workload: Spring Boot application and its dependencies"
app=$tree/opt/petstore
mkdir -p "$app/lib" "$work/classes"
mvn -B -ntp -q -f "$here/workload/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$app/lib" >"$work/mvn.log" 2>&1 \
    || { tail -n 20 "$work/mvn.log" >&2; die "mvn could not fetch the workload's dependencies (log: $work/mvn.log)"; }
rm -rf "$work/classes" && mkdir -p "$work/classes"
find "$here/workload/src/main/java" -name '*.java' -print0 \
    | xargs -0 javac --release 17 -parameters -d "$work/classes" -cp "$app/lib/*"
jar --create --file "$app/lib/petstore.jar" -C "$work/classes" .
# An explicit class path in a fixed order: AppCDS refuses an archive whose class path
# differs, and a lib/* wildcard expands in directory order, which differs between file systems.
find "$app/lib" -name '*.jar' -printf '/opt/petstore/lib/%f\n' | LC_ALL=C sort | paste -sd: - >"$app/classpath"
install -m 755 "$here/guest-init.sh" "$tree/sbin/uffdvis-init"

step "AppCDS archive (training start of the workload in a chroot)"
java_home=$(dirname "$(dirname "$(chroot "$tree" readlink -f /usr/bin/java)")")
mount -t proc proc "$tree/proc"
trap 'umount "$tree/proc" 2>/dev/null || true' EXIT
if [ ! -f "$tree$java_home/lib/server/classes.jsa" ]; then
    chroot "$tree" java -Xshare:dump >/dev/null
fi
chroot "$tree" java -XX:ArchiveClassesAtExit=/opt/petstore/app.jsa -Dspring.context.exit=onRefresh \
    -Dspring.main.banner-mode=off -Dlogging.level.root=warn -cp "$(cat "$app/classpath")" \
    org.uffdvisualizer.petstore.PetstoreApplication >"$work/appcds.log" 2>&1 || true
jdk_version=$(chroot "$tree" java -version 2>&1 | head -n 1)
umount "$tree/proc"
trap - EXIT
[ -s "$app/app.jsa" ] || { tail -n 20 "$work/appcds.log" >&2; die "no AppCDS archive (log: $work/appcds.log)"; }

step "ext4 image"
echo uffdvis >"$tree/etc/hostname"
tree_mb=$(du -sm "$tree" | cut -f1)
rm -f "$image"
mkfs.ext4 -q -F -L uffdvis -d "$tree" "$image" "$((tree_mb + extra_mb))M"

echo "build-rootfs: wrote $image"
echo "  tree $tree_mb MB, image $((tree_mb + extra_mb)) MB ($(du -m "$image" | cut -f1) MB allocated)"
echo "  workload: $(tr ':' '\n' <"$app/classpath" | wc -l) jars, AppCDS archive $(du -m "$app/app.jsa" | cut -f1) MB"
echo "  JDK: $jdk_version"
echo "  took $(($(date +%s) - start)) s"
