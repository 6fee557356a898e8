#!/usr/bin/env python3
"""Request bodies for the Firecracker back end of the capture lab, field for field as
Firecracker's API (v1.x) names them.

    fc-config.py vm --kernel VMLINUX [--initrd INITRD] --rootfs IMAGE --xfer DISK --mode MODE
                    [--mem-mib N] [--vcpus N] [--tap TAP] [--guest-ip A/LEN --host-ip A]
                    [--balloon-mib N] [--log FILE]
        the whole machine as a --config-file document: boot-source, drives (root file system
        and the transfer disk the guest writes its capture to), machine-config, network-interfaces,
        balloon, logger. Dirty page tracking is on, so that Diff snapshots can be taken.
    fc-config.py snapshot-create --type Full|Diff --snapshot FILE --mem FILE
        the body of PUT /snapshot/create (the VM must be paused first: PATCH /vm {"state": "Paused"})
    fc-config.py snapshot-load --snapshot FILE --uffd-socket SOCKET [--diff]
        the body of PUT /snapshot/load with the memory served by an external uffd handler
        (guest-tools/bin/uffd-handler) listening on SOCKET, resuming the VM at once
    fc-config.py pause | resume
        the body of PATCH /vm

Prints the JSON on stdout. The guest's kernel command line is the one lab/lab-lib.bash gives
QEMU, with Firecracker's serial console and network address added.
"""
import argparse
import json
import sys


def boot_args(mode, guest_ip, host_ip):
    return (f"console=ttyS0 reboot=k panic=1 pci=off root=/dev/vda rw init=/sbin/uffdvis-init "
            f"uffdvis.mode={mode} uffdvis.ip={guest_ip} uffdvis.gw={host_ip} uffdvis.capture=/dev/vdb")


def vm(a):
    boot = {"kernel_image_path": a.kernel, "boot_args": boot_args(a.mode, a.guest_ip, a.host_ip)}
    if a.initrd:
        boot["initrd_path"] = a.initrd
    config = {
        "boot-source": boot,
        "drives": [
            {"drive_id": "rootfs", "path_on_host": a.rootfs, "is_root_device": True, "is_read_only": False},
            {"drive_id": "xfer", "path_on_host": a.xfer, "is_root_device": False, "is_read_only": False},
        ],
        "machine-config": {"vcpu_count": a.vcpus, "mem_size_mib": a.mem_mib, "smt": False,
                           "track_dirty_pages": True},
        "network-interfaces": [{"iface_id": "eth0", "guest_mac": "06:00:AC:10:00:02", "host_dev_name": a.tap}],
    }
    if a.balloon_mib is not None:
        config["balloon"] = {"amount_mib": a.balloon_mib, "deflate_on_oom": True, "stats_polling_interval_s": 0}
    if a.log:
        config["logger"] = {"log_path": a.log, "level": "Info", "show_level": True, "show_log_origin": False}
    return config


def snapshot_create(a):
    return {"snapshot_type": a.type, "snapshot_path": a.snapshot, "mem_file_path": a.mem}


def snapshot_load(a):
    return {"snapshot_path": a.snapshot,
            "mem_backend": {"backend_type": "Uffd", "backend_path": a.uffd_socket},
            "enable_diff_snapshots": a.diff, "resume_vm": True}


def positive(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: must be a positive number")
    return value


def parser():
    p = argparse.ArgumentParser(prog="fc-config.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    v = sub.add_parser("vm")
    v.add_argument("--kernel", required=True)
    v.add_argument("--initrd")
    v.add_argument("--rootfs", required=True)
    v.add_argument("--xfer", required=True)
    v.add_argument("--mode", choices=["default", "thp-appcds"], required=True)
    v.add_argument("--mem-mib", type=positive, default=1024)
    v.add_argument("--vcpus", type=positive, default=2)
    v.add_argument("--tap", default="uffdvis-tap0")
    v.add_argument("--guest-ip", default="172.16.0.2/30")
    v.add_argument("--host-ip", default="172.16.0.1")
    v.add_argument("--balloon-mib", type=int)
    v.add_argument("--log")
    c = sub.add_parser("snapshot-create")
    c.add_argument("--type", choices=["Full", "Diff"], default="Full")
    c.add_argument("--snapshot", required=True)
    c.add_argument("--mem", required=True)
    load = sub.add_parser("snapshot-load")
    load.add_argument("--snapshot", required=True)
    load.add_argument("--uffd-socket", required=True)
    load.add_argument("--diff", action="store_true")
    sub.add_parser("pause")
    sub.add_parser("resume")
    return p


def main():
    a = parser().parse_args()
    body = {"vm": vm, "snapshot-create": snapshot_create, "snapshot-load": snapshot_load,
            "pause": lambda _: {"state": "Paused"}, "resume": lambda _: {"state": "Resumed"}}[a.what](a)
    json.dump(body, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
