#!/usr/bin/env python3
"""Figures of page-touch traces (docs/formats.md), independent of the Java parsers.

    trace-stats.py TRACE...        (gzip or plain)

For each trace: page faults in the guest's RAM, demand faults (first touch of a page: a read
fault followed by the write-protect fault of the same page counts once), how many came from
vCPU threads, the time from the first to the last demand fault; then the Jaccard index
|A & B| / |A | B| of the demand-fault page sets of every pair of traces, and over all of them.
"""
import gzip
import itertools
import re
import sys

LINE = re.compile(r"^\s*(.+)-(\d+)\s+\[\d+\]\s+\S+\s+(\d+\.\d+): page_fault_user: address=(0x[0-9a-f]+)")


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    ram, threads, order, times, vcpu = [], {}, [], [], 0
    seen = set()
    in_ram = 0
    with opener(path, "rt", errors="replace") as f:
        for line in f:
            if line.startswith("# ram "):
                start, end, offset = (int(x, 16) for x in line.split()[2:5])
                ram.append((start, end, offset))
            elif line.startswith("# thread "):
                _, _, tid, name = line.rstrip("\n").split(" ", 3)
                threads[int(tid)] = name
            m = LINE.match(line)
            if not m:
                continue
            address = int(m.group(4), 16)
            for start, end, offset in ram:
                if start <= address < end:
                    in_ram += 1
                    page = (address - start + offset) >> 12
                    if page not in seen:
                        seen.add(page)
                        order.append(page)
                        times.append(float(m.group(3)))
                        if "/TCG" in threads.get(int(m.group(2)), m.group(1)):
                            vcpu += 1
                    break
    return in_ram, order, times, vcpu


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sets = []
    for path in sys.argv[1:]:
        in_ram, order, times, vcpu = read(path)
        span = times[-1] - times[0] if times else 0.0
        print(f"{path.rsplit('/', 1)[-1]}: {in_ram} faults in guest RAM, {len(order)} demand faults "
              f"(distinct pages, {len(order) * 4 // 1024} MiB), {vcpu} of them from vCPU threads, "
              f"{span:.2f} s from the first to the last")
        sets.append(set(order))
    for (a, sa), (b, sb) in itertools.combinations(enumerate(sets, 1), 2):
        print(f"Jaccard(restore {a}, restore {b}) = {len(sa & sb) / max(1, len(sa | sb)):.3f} "
              f"({len(sa & sb)} common of {len(sa | sb)})")
    if len(sets) > 2:
        common, union = set.intersection(*sets), set.union(*sets)
        print(f"all {len(sets)} restores: {len(common)} pages in every one, {len(union)} in any, "
              f"Jaccard {len(common) / max(1, len(union)):.3f}")


if __name__ == "__main__":
    main()
