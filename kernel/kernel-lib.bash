# Functions shared by build-kernel.sh and check-fragment.sh (sourced, not run).

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# extract_vmlinux BZIMAGE OUT: the uncompressed ELF kernel inside a bzImage. The payload's
# compression is not recorded in a fixed place, so try every offset where a known
# compressor's magic appears and keep the first that decompresses to an ELF file.
extract_vmlinux() {
    local bz=$1 dest=$2 magic tool offset
    rm -f "$dest"
    for pair in '\x02\x21\x4c\x18:lz4 -dcq' '\x28\xb5\x2f\xfd:zstd -dcq' '\xfd\x37\x7a\x58\x5a\x00:xz -dcq' '\x1f\x8b\x08:gzip -dcq'; do
        magic=${pair%%:*}
        tool=${pair#*:}
        LC_ALL=C grep -obUaP "$magic" "$bz" | cut -d: -f1 | while read -r offset; do
            # shellcheck disable=SC2086  # tool is a command with its options
            tail -c +$((offset + 1)) "$bz" | $tool >"$dest.tmp" 2>/dev/null || true
            if [ "$(head -c 4 "$dest.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
                mv "$dest.tmp" "$dest"
                break
            fi
        done
        [ -f "$dest" ] && [ ! -f "$dest.tmp" ] && return 0
    done
    rm -f "$dest.tmp"
    die "no compressed ELF kernel found in $bz"
}

# module_path MODDIR NAME: the .ko file of module NAME (dashes and underscores are the same).
module_path() {
    local name=${2//_/[-_]}
    find "$1/kernel" -regex ".*/${name}\.ko\(\.xz\|\.zst\)?" | head -n 1
}

# module_order MODDIR NAME...: NAME and everything it depends on, dependencies first, once each.
module_order() {
    local dir=$1 name file deps dep
    shift
    for name in "$@"; do
        case " $module_seen " in *" $name "*) continue ;; esac
        file=$(module_path "$dir" "$name")
        [ -n "$file" ] || die "module $name not found under $dir"
        deps=$(LC_ALL=C grep -aoP 'depends=[a-z0-9_,-]*' "$file" | head -n 1 | cut -d= -f2 | tr ',' ' ')
        for dep in $deps; do
            module_order "$dir" "$dep"
        done
        module_seen="$module_seen $name"
        echo "$file"
    done
}

# make_initrd MODDIR OUT MODULE...: a gzipped newc initramfs with busybox, the modules
# (dependencies first, in load order in /modules.order) and kernel/initrd-init.sh as /init.
make_initrd() {
    local moddir=$1 dest=$2 tree file
    shift 2
    local busybox
    busybox=$(command -v busybox) || die "busybox not found: apt-get install busybox-static"
    file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || [ ! -x /usr/bin/file ] \
        || die "$busybox is not static: apt-get install busybox-static"
    tree=$(mktemp -d)
    mkdir -p "$tree"/{bin,dev,proc,sys,newroot,modules}
    cp "$busybox" "$tree/bin/busybox"
    ln -s busybox "$tree/bin/sh"
    module_seen=""
    module_order "$moddir" "$@" >"$tree/modules.list"
    while read -r file; do
        cp "$file" "$tree/modules/"
        basename "$file" >>"$tree/modules.order"
    done <"$tree/modules.list"
    rm "$tree/modules.list"
    cp "$(dirname "${BASH_SOURCE[0]}")/initrd-init.sh" "$tree/init"
    chmod 755 "$tree/init"
    (cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9) >"$dest"
    rm -rf "$tree"
}

# merge_fragment SRC FRAGMENT: x86_64_defconfig, the fragment merged on top, then olddefconfig.
merge_fragment() {
    local src=$1 fragment=$2
    nice -n 10 make -s -C "$src" x86_64_defconfig >/dev/null
    (cd "$src" && nice -n 10 ./scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null)
    nice -n 10 make -s -C "$src" olddefconfig >/dev/null
}

# check_fragment CONFIG FRAGMENT: every CONFIG_X=V of the fragment is in CONFIG, and every
# "# CONFIG_X is not set" is not set there. Prints each failure; returns 1 if any.
check_fragment() {
    local config=$1 fragment=$2 line name failed=0 checked=0
    while IFS= read -r line; do
        case $line in
            CONFIG_*=*)
                checked=$((checked + 1))
                grep -qxF "$line" "$config" || {
                    echo "not set as asked: $line (got: $(grep -E "^(# )?${line%%=*}[= ]" "$config" || echo absent))"
                    failed=1
                } ;;
            "# CONFIG_"*" is not set")
                checked=$((checked + 1))
                name=${line#\# }
                name=${name%% *}
                if grep -q "^$name=" "$config"; then
                    echo "set although the fragment says not: $(grep "^$name=" "$config")"
                    failed=1
                fi ;;
        esac
    done <"$fragment"
    echo "fragment $(basename "$fragment"): $checked options checked, $([ $failed = 0 ] && echo all set || echo SOME NOT SET)"
    return $failed
}
