#!/usr/bin/env python3
"""Independent expected locality figures for a uffd log (and mem_mapping + NMT detail).

    expected-locality.py UFFD_LOG[.gz] MEM_MAPPING[.gz] NMT_DETAIL[.gz] [PID/CATEGORY]

Python 3 standard library only, written from the definitions below without looking at the
Java code: the reference `analyze --json` must agree with. Prints JSON with sorted keys.

Faults: the log's UFFD_EVENT_PAGEFAULT lines with `Loading: A - B` or `Zeroing: A - B`, in
log order (Prefetching lines are not faults). A fault serves the frames (B - A) / 4096 from its
guest-physical address on: `gpa=` on the line if present, else through the `# region` lines
(offset -> gpa), else the x86_64 rule (offsets from 3 GiB on are at 4 GiB on).

  trace (and selection, for the faults whose first frame a JVM category's resident pages use):
    faults           number of faults
    nextPageFaults   faults whose first frame is the previous fault's first frame + its pages
    runs             1 + faults that are not next-page faults (after the first); 0 if none
    runLengths       {length: number of maximal runs of that many faults}
    blocks2M         distinct frame // 512 over every frame served
    servedPages      distinct frames served
    blockFill        {"1", "2-3", "4-7", ..., "256-511", "512"}: blocks by distinct frames served
    timeNanos        with `t=` times: p50/p90/p98 = t(fault of rank ceil(p * faults)) - t(first),
                     last = t(last) - t(first)
  nmt: per category of the JVM: pages = distinct frames that the JVM's `p` lines with a virtual
    address in one of the category's reserved regions map and that any fault served;
    firstFault/lastFault = min/max over those frames of the index of the first fault serving
    it; virtualExtents = maximal runs of consecutive virtual pages among those `p` lines;
    physicalExtents = maximal runs of consecutive frames among the distinct frames.
"""

import bisect
import gzip
import importlib.util
import json
import math
import os
import re
import sys

PAGE = 4096
GIB = 1 << 30
FAULT_RE = re.compile(r'^UFFD_EVENT_PAGEFAULT .*(Loading|Zeroing): 0x([0-9a-fA-F]+) - 0x([0-9a-fA-F]+)(.*)$')
REGION_RE = re.compile(r'^# region \d+: host=\S+ size=(\S+) offset=(\S+) gpa=(\S+)')


def summary_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location('expected_summary', os.path.join(here, 'expected-summary.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_text(path):
    return gzip.open(path, 'rt', errors='replace') if path.endswith('.gz') else open(path, errors='replace')


def read_faults(path):
    """[(first frame, pages, nanos or None)] in log order."""
    regions = []
    faults = []
    with open_text(path) as f:
        for line in f:
            r = REGION_RE.match(line)
            if r:
                regions.append(tuple(int(x, 16) for x in r.groups()))
                continue
            m = FAULT_RE.match(line)
            if not m:
                continue
            a, b, rest = int(m.group(2), 16), int(m.group(3), 16), m.group(4)
            gpa = re.search(r'gpa=0x([0-9a-fA-F]+)', rest)
            t = re.search(r'\bt=(\d+)', rest)
            if gpa:
                phys = int(gpa.group(1), 16)
            else:
                phys = next((g + a - o for size, o, g in regions if o <= a < o + size),
                            a + GIB if a >= 3 * GIB else a)
            faults.append((phys // PAGE, (b - a) // PAGE, int(t.group(1)) if t else None))
    return faults


def bucket(n):
    b = n.bit_length() - 1
    lo = 1 << b
    return str(lo) if lo in (1, 512) else '%d-%d' % (lo, 2 * lo - 1)


def locality(faults):
    out = {'faults': len(faults), 'nextPageFaults': 0, 'runs': 0, 'runLengths': {}}
    run = 0
    for i, (pfn, pages, _) in enumerate(faults):
        if i > 0 and pfn == faults[i - 1][0] + faults[i - 1][1]:
            out['nextPageFaults'] += 1
            run += 1
        else:
            if run:
                out['runLengths'][str(run)] = out['runLengths'].get(str(run), 0) + 1
            out['runs'] += 1
            run = 1
    if run:
        out['runLengths'][str(run)] = out['runLengths'].get(str(run), 0) + 1
    frames = set()
    for pfn, pages, _ in faults:
        frames.update(range(pfn, pfn + pages))
    per_block = {}
    for fr in frames:
        per_block[fr // 512] = per_block.get(fr // 512, 0) + 1
    out['blocks2M'] = len(per_block)
    out['servedPages'] = len(frames)
    fill = {bucket(1 << b): 0 for b in range(10)}
    for n in per_block.values():
        fill[bucket(n)] += 1
    out['blockFill'] = fill
    if faults and faults[0][2] is not None:
        t0 = faults[0][2]
        q = {}
        for name, p in (('p50', 0.5), ('p90', 0.9), ('p98', 0.98)):
            q[name] = faults[max(math.ceil(p * len(faults)), 1) - 1][2] - t0
        q['last'] = faults[-1][2] - t0
        out['timeNanos'] = q
    return out


def runs_of(sorted_values):
    return sum(1 for i, v in enumerate(sorted_values) if i == 0 or v != sorted_values[i - 1] + 1)


def nmt_owners(faults, sections, pid, regions):
    first = {}
    for i, (pfn, pages, _) in enumerate(faults):
        for fr in range(pfn, pfn + pages):
            first.setdefault(fr, i)
    jvm = next(s for s in sections if s['pid'] == pid)
    regions = sorted(regions, key=lambda r: r['start'])
    starts = [r['start'] for r in regions]
    by_cat = {}
    for virt, fr in zip(jvm['virt'], jvm['phys']):
        k = bisect.bisect_right(starts, virt) - 1
        if k < 0 or virt >= regions[k]['end'] or fr not in first:
            continue
        virt_pages, frames = by_cat.setdefault(regions[k]['category'], (set(), set()))
        virt_pages.add(virt // PAGE)
        frames.add(fr)
    out = {}
    for cat, (virt_pages, frames) in by_cat.items():
        out[cat] = {'pages': len(frames), 'firstFault': min(first[f] for f in frames),
                    'lastFault': max(first[f] for f in frames),
                    'virtualExtents': runs_of(sorted(virt_pages)), 'physicalExtents': runs_of(sorted(frames))}
    return out, by_cat


def main(argv):
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    es = summary_module()
    faults = read_faults(argv[1])
    sections, _ = es.read_mem_mapping(argv[2])
    pid, regions = es.read_nmt(argv[3])
    owners, by_cat = nmt_owners(faults, sections, pid, regions)
    result = {'trace': locality(faults), 'nmt': owners}
    if len(argv) == 5:
        sel_pid, category = argv[4].split('/', 1)
        jvm = next(s for s in sections if s['pid'] == int(sel_pid))
        chosen = [r for r in regions if r['category'].lower() == category.lower()]
        frames = {fr for virt, fr in zip(jvm['virt'], jvm['phys'])
                  if any(r['start'] <= virt < r['end'] for r in chosen)}
        result['selection'] = locality([f for f in faults if f[0] in frames])
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
