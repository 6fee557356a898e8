#!/usr/bin/env bash
# Firecracker back end, what runs without KVM: the request bodies fc-config.py generates
# (every field Firecracker's API expects, nothing else), and the handler side of a restore
# (fc-lab.sh serve, exactly as a restore starts uffd-handler) against fake-vmm with real
# userfaultfd. Needs root, python3 and guest-tools built.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
config() { python3 "$here/firecracker/fc-config.py" "$@"; }

# check JSON PYTHON_EXPRESSION: the expression, with the document as d, must be true.
check() {
    if python3 -c 'import json, sys; d = json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"; then
        ok
    else
        fail "$2 on: $1"
    fi
}

vm=$(config vm --kernel /k/vmlinux --initrd /k/initrd.img --rootfs /r/disk.img --xfer /r/xfer.img --mode thp-appcds --mem-mib 2048)
check "$vm" 'sorted(d) == ["boot-source", "drives", "machine-config", "network-interfaces"]'
check "$vm" 'sorted(d["boot-source"]) == ["boot_args", "initrd_path", "kernel_image_path"]'
check "$vm" 'd["boot-source"]["kernel_image_path"] == "/k/vmlinux" and d["boot-source"]["initrd_path"] == "/k/initrd.img"'
check "$vm" '"init=/sbin/uffdvis-init" in d["boot-source"]["boot_args"] and "uffdvis.mode=thp-appcds" in d["boot-source"]["boot_args"]'
check "$vm" '"console=ttyS0" in d["boot-source"]["boot_args"] and "root=/dev/vda" in d["boot-source"]["boot_args"]'
check "$vm" '[sorted(x) for x in d["drives"]] == [["drive_id", "is_read_only", "is_root_device", "path_on_host"]] * 2'
check "$vm" '[(x["drive_id"], x["is_root_device"]) for x in d["drives"]] == [("rootfs", True), ("xfer", False)]'
check "$vm" 'd["machine-config"] == {"vcpu_count": 2, "mem_size_mib": 2048, "smt": False, "track_dirty_pages": True}'
check "$vm" 'sorted(d["network-interfaces"][0]) == ["guest_mac", "host_dev_name", "iface_id"]'
plain=$(config vm --kernel /k/vmlinux --rootfs /r/d --xfer /r/x --mode default --balloon-mib 0 --log /l)
check "$plain" '"initrd_path" not in d["boot-source"] and "uffdvis.mode=default" in d["boot-source"]["boot_args"]'
check "$plain" 'd["balloon"] == {"amount_mib": 0, "deflate_on_oom": True, "stats_polling_interval_s": 0}'
check "$plain" 'sorted(d["logger"]) == ["level", "log_path", "show_level", "show_log_origin"]'
check "$(config snapshot-create --type Diff --snapshot /s/vm.snap --mem /s/vm.mem)" \
    'd == {"snapshot_type": "Diff", "snapshot_path": "/s/vm.snap", "mem_file_path": "/s/vm.mem"}'
check "$(config snapshot-load --snapshot /s/vm.snap --uffd-socket /s/uffd.sock)" \
    'd == {"snapshot_path": "/s/vm.snap", "mem_backend": {"backend_type": "Uffd", "backend_path": "/s/uffd.sock"}, "enable_diff_snapshots": False, "resume_vm": True}'
check "$(config pause)" 'd == {"state": "Paused"}'
check "$(config resume)" 'd == {"state": "Resumed"}'
if config vm --kernel k --rootfs r --xfer x --mode fast >/dev/null 2>&1; then
    fail "an unknown --mode was accepted"
else
    ok
fi
if config vm --kernel k --rootfs r --xfer x --mode default --mem-mib 0 >/dev/null 2>&1; then
    fail "--mem-mib 0 was accepted"
else
    ok
fi

# The handler side of a restore: fc-lab.sh serve + fake-vmm playing Firecracker's handshake
# and touching 2048 pages of a 16 MiB memory file, every byte checked by fake-vmm.
head -c 16M /dev/urandom >"$tmp/vm.mem"
"$here/firecracker/fc-lab.sh" serve "$tmp/uffd.sock" "$tmp/vm.mem" "$tmp/restore.log" 2>"$tmp/handler.txt" &
handler=$!
while [ ! -S "$tmp/uffd.sock" ]; do sleep 0.05; done
if "$repo/guest-tools/bin/fake-vmm" --limit 2048 "$tmp/uffd.sock" "$tmp/vm.mem" >"$tmp/vmm.txt" 2>&1; then
    ok
else
    fail "fake-vmm against fc-lab.sh serve: $(tail -n 3 "$tmp/vmm.txt")"
fi
if wait "$handler"; then ok; else fail "the handler exited with $? (stderr: $(tail -n 3 "$tmp/handler.txt"))"; fi
faults=$(grep -c '^UFFD_EVENT_PAGEFAULT' "$tmp/restore.log" || true)
if [ "$faults" = 2048 ] && grep -q 'gpa=' "$tmp/restore.log"; then
    ok
else
    fail "restore log: $faults fault lines (expected 2048, extended format)"
fi

echo "firecracker: $passed passed, $failed failed"
[ "$failed" = 0 ]
