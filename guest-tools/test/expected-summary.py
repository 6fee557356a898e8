#!/usr/bin/env python3
"""Independent expected values for a mem_mapping capture (and NMT detail).

    expected-summary.py [--uffd UFFD_LOG[.gz]] MEM_MAPPING[.gz] [NMT_DETAIL[.gz] ...]
    expected-summary.py --compare-nmt-summary SUMMARY_FILE NMT_DETAIL[.gz]

Python 3 standard library only, written without looking at the Java code: it
is the reference the Java `summary --json` must agree with. It prints JSON
with sorted keys:

  pageSize       4096
  physicalPages  distinct physical pages with at least one owner: the PHYS of
                 every `p` line of the process, kernel and pagecache sections
  sharedPages    physical pages with more than one distinct owner. An owner is
                 a section: each process section, the kernel section and the
                 pagecache section. A process mapping one physical page at
                 several virtual addresses is still one owner of it.
  processes      one entry per section in file order, the kernel section as
                 pid 0 and the pagecache section as pid -1 included:
     pid, name      from the "= PID NAME" line (name may be "")
     mappings       number of `v` lines of the section
     residentPages  number of `p` lines of the section (a physical page
                    mapped twice counts twice)
     pssPages       process sections: the sum over the section's `p` lines of
                    1 / (number of distinct PROCESS sections owning that
                    physical page). So a page mapped at two virtual addresses
                    of the same process, owned by no other process, adds
                    1/1 for each of its two `p` lines (2 in all); kernel and
                    page cache are owners for sharedPages but never divide a
                    process's share (as in the kernel's smaps Pss).
                    Kernel and pagecache sections: 0 (PSS is a process notion).
                    Computed exactly (counts per owner number, summed as
                    fractions) and printed as the nearest float: compare with
                    a relative tolerance of 1e-9.
     uffdLoadedPages without --uffd 0: compare it with a Java summary made
                    from the mem_mapping (and NMT) alone. With --uffd: the
                    number of the section's `p` lines whose physical page
                    the log's FIRST fault on it loaded (`Loading`)
     uffdZeroedPages the same for pages first zero-filled (`Zeroing`)
  nmt            one entry per NMT detail file given, in argument order:
     pid         from jcmd's first line "PID:"
     reserved    number of reserved regions in "Virtual memory map:"
     committed   number of committed sub-regions listed (lines
                 "[A - B] committed NKB", indented by a TAB in JDK 17 or by
                 spaces in JDK 25)
     categories  per category name ("for CATEGORY from"):
        reservedBytes   sum of B - A over its reserved regions
        committedBytes  sum of B - A over their committed sub-regions; a
                        "reserved and committed" region with no sub-region
                        listed counts whole
        residentBytes   4096 x number of distinct virtual pages, inside the
                        category's reserved regions, that have a `p` line in
                        the section whose pid is the JVM's pid (0 if the dump
                        has no such section)
        uffdBytes       0 without --uffd; with it 4096 x number of those
                        resident virtual pages whose physical page any fault
                        of the log served (loaded or zeroed)
  uffd           only with --uffd, from the log's UFFD_EVENT_PAGEFAULT lines
                 with `Loading: A - B` or `Zeroing: A - B` (A a memory-file
                 offset; x86_64 layout: offsets from 3 GiB on hold
                 guest-physical 4 GiB on, which is also the identity for
                 guests of 3 GiB or less) and its UFFD_EVENT_REMOVE lines:
     events, loaded, zeroed  fault lines, of them Loading, Zeroing
     removed      REMOVE lines
     uniquePages  distinct physical pages faulted
     unownedPages of those, pages with no `p` line in any section

The NMT part read is from "Virtual memory map:" up to "Details:" or
"Memory file details", whichever comes first; sizes are B - A in bytes, from
the addresses (the rounded "NKB" text is checked against them: more than 1 KB
apart is an error). Addresses need not be page aligned (JDK 25 prints e.g. an
archived heap region ending at ...d23ab8); residentBytes then counts the
resident virtual pages whose address is >= A and < B.

--compare-nmt-summary prints a table comparing, per category, the committed
bytes computed from a detail file with the "mmap: committed=" (or, for
threads, "stack: committed=") values of a `jcmd PID VM.native_memory summary`
output found in SUMMARY_FILE (the first summary in it, which may be embedded
in a larger text such as proc-facts.txt).
"""

import bisect
import gzip
import json
import re
import sys
from collections import defaultdict
from fractions import Fraction

PAGE = 4096


def open_text(path):
    if path.endswith('.gz'):
        return gzip.open(path, 'rt', encoding='utf-8', errors='replace')
    return open(path, 'r', encoding='utf-8', errors='replace')


def read_mem_mapping(path):
    """Returns (sections, owners):
    sections: list of dicts pid, name, mappings, pages (list of (virt, phys)
              for process sections; phys only for kernel/pagecache)
    owners:   phys page -> set of section indexes owning it"""
    sections = []
    owners = defaultdict(set)
    cur = None
    with open_text(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line:
                continue
            kind = line[0]
            if kind == '=':
                parts = line.split(' ', 2)
                pid = int(parts[1])
                name = parts[2] if len(parts) > 2 else ''
                cur = {'pid': pid, 'name': name, 'mappings': 0, 'plines': 0,
                       'virt': [], 'phys': []}
                sections.append(cur)
            elif kind == 'v':
                if cur is None:
                    raise ValueError('%s:%d: v line before any section' % (path, lineno))
                cur['mappings'] += 1
            elif kind == 'p':
                if cur is None:
                    raise ValueError('%s:%d: p line before any section' % (path, lineno))
                fields = line.split(' ')
                idx = len(sections) - 1
                if cur['pid'] > 0:
                    virt = int(fields[1], 16)
                    phys = int(fields[2], 16)
                    cur['virt'].append(virt)
                else:
                    phys = int(fields[1], 16)
                page = phys // PAGE
                cur['phys'].append(page)
                cur['plines'] += 1
                owners[page].add(idx)
            else:
                raise ValueError('%s:%d: unknown line %r' % (path, lineno, line[:60]))
    return sections, owners


def process_summary(sections, owners):
    process_idx = {i for i, s in enumerate(sections) if s['pid'] > 0}
    shared = sum(1 for o in owners.values() if len(o) > 1)
    out = []
    for i, s in enumerate(sections):
        pss = Fraction(0)
        if i in process_idx:
            by_owner_count = defaultdict(int)
            for page in s['phys']:
                n = sum(1 for o in owners[page] if o in process_idx)
                by_owner_count[n] += 1
            pss = sum((Fraction(c, n) for n, c in by_owner_count.items()), Fraction(0))
        out.append({'pid': s['pid'], 'name': s['name'], 'mappings': s['mappings'],
                    'residentPages': s['plines'], 'pssPages': float(pss),
                    'uffdLoadedPages': 0})
    return out, len(owners), shared


RESERVED_RE = re.compile(
    r'^\[(0x[0-9a-fA-F]+) - (0x[0-9a-fA-F]+)\] reserved( and committed)? (\d+)KB for (.+?)(?: from)?\s*$')
COMMITTED_RE = re.compile(
    r'^\s+\[(0x[0-9a-fA-F]+) - (0x[0-9a-fA-F]+)\] committed (\d+)KB(?: from)?\s*$')


def read_nmt(path):
    """Returns (pid, regions): regions is a list of dicts start, end,
    category, whole (reserved and committed), committed: list of (start, end)."""
    pid = None
    regions = []
    in_map = False
    with open_text(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if pid is None and lineno == 1:
                m = re.match(r'^(\d+):\s*$', line)
                if m:
                    pid = int(m.group(1))
            if not in_map:
                if line.startswith('Virtual memory map:'):
                    in_map = True
                continue
            if line.startswith('Details:') or line.startswith('Memory file details'):
                break
            m = RESERVED_RE.match(line)
            if m:
                start, end = int(m.group(1), 16), int(m.group(2), 16)
                if abs(end - start - int(m.group(4)) * 1024) >= 1024:
                    raise ValueError('%s:%d: size does not match addresses' % (path, lineno))
                regions.append({'start': start, 'end': end, 'category': m.group(5),
                                'whole': bool(m.group(3)), 'committed': []})
                continue
            m = COMMITTED_RE.match(line)
            if m:
                if not regions:
                    raise ValueError('%s:%d: committed region before any reserved one' % (path, lineno))
                start, end = int(m.group(1), 16), int(m.group(2), 16)
                if abs(end - start - int(m.group(3)) * 1024) >= 1024:
                    raise ValueError('%s:%d: size does not match addresses' % (path, lineno))
                regions[-1]['committed'].append((start, end))
    if pid is None:
        raise ValueError('%s: no "PID:" first line' % path)
    if not in_map:
        raise ValueError('%s: no "Virtual memory map:" (not an NMT detail report?)' % path)
    return pid, regions


def nmt_categories(regions):
    cats = {}
    for r in regions:
        c = cats.setdefault(r['category'], {'reservedBytes': 0, 'committedBytes': 0,
                                            'residentBytes': 0, 'uffdBytes': 0})
        c['reservedBytes'] += r['end'] - r['start']
        if r['committed']:
            c['committedBytes'] += sum(e - s for s, e in r['committed'])
        elif r['whole']:
            c['committedBytes'] += r['end'] - r['start']
    return cats


def nmt_summary(path, sections):
    pid, regions = read_nmt(path)
    cats = nmt_categories(regions)
    resident = []  # sorted distinct virtual page addresses of the JVM's section
    for s in sections:
        if s['pid'] == pid:
            resident = sorted(set(v - v % PAGE for v in s['virt']))
            break
    for r in regions:
        pages = bisect.bisect_left(resident, r['end']) - bisect.bisect_left(resident, r['start'])
        cats[r['category']]['residentBytes'] += pages * PAGE
    return {'pid': pid, 'reserved': len(regions),
            'committed': sum(len(r['committed']) for r in regions),
            'categories': cats, 'regions': regions}


SUMMARY_CAT_RE = re.compile(r'^-\s+(.+?) \(reserved=(\d+)KB, committed=(\d+)KB')
SUMMARY_SUB_RE = re.compile(r'\((mmap|stack): reserved=(\d+)KB, committed=(\d+)KB')


def read_nmt_summary(path):
    """category -> {'mmap': (reserved, committed) bytes, 'stack': ...} of the
    first NMT summary in the file."""
    cats = {}
    cur = None
    started = False
    with open_text(path) as f:
        for line in f:
            if 'Native Memory Tracking:' in line:
                if started:
                    break
                started = True
                continue
            if not started:
                continue
            m = SUMMARY_CAT_RE.match(line)
            if m:
                cur = cats.setdefault(m.group(1), {})
                continue
            if cur is not None:
                for kind, res, com in SUMMARY_SUB_RE.findall(line):
                    cur[kind] = (int(res) * 1024, int(com) * 1024)
    return cats


def compare_summary(summary_path, detail_path):
    summ = read_nmt_summary(summary_path)
    _, regions = read_nmt(detail_path)
    cats = nmt_categories(regions)
    rows = []
    ok = True
    for name in sorted(cats):
        detail = cats[name]['committedBytes']
        if name == 'Thread Stack':
            ref = summ.get('Thread', {}).get('stack')
            label = 'Thread (stack:)'
        else:
            ref = summ.get(name, {}).get('mmap')
            label = name + ' (mmap:)'
        if ref is None:
            rows.append((name, detail // 1024, None, label, 'no summary value'))
            ok = False
            continue
        same = ref[1] == detail
        ok = ok and same
        rows.append((name, detail // 1024, ref[1] // 1024, label, 'equal' if same else
                     'differs by %+d KB' % ((detail - ref[1]) // 1024)))
    print('%-22s %14s %14s  %-26s %s' % ('category (detail)', 'detail KB', 'summary KB', 'summary line', ''))
    for name, d, s, label, verdict in rows:
        print('%-22s %14d %14s  %-26s %s' % (name, d, '-' if s is None else s, label, verdict))
    print('all categories agree' if ok else 'NOT all categories agree')
    return 0 if ok else 1


UFFD_FAULT_RE = re.compile(r'^UFFD_EVENT_PAGEFAULT .*(Loading|Zeroing): 0x([0-9a-fA-F]+) - 0x([0-9a-fA-F]+)')
GIB = 1 << 30


def read_uffd(path):
    """Returns (counts, first): counts the uffd block without unownedPages,
    first: physical page -> 'Loading' or 'Zeroing', the action of its first fault."""
    counts = {'events': 0, 'loaded': 0, 'zeroed': 0, 'removed': 0}
    first = {}
    with open_text(path) as f:
        for line in f:
            if line.startswith('UFFD_EVENT_REMOVE'):
                counts['removed'] += 1
                continue
            m = UFFD_FAULT_RE.match(line)
            if not m:
                continue
            offset = int(m.group(2), 16)
            phys = offset + GIB if offset >= 3 * GIB else offset
            counts['events'] += 1
            counts['loaded' if m.group(1) == 'Loading' else 'zeroed'] += 1
            first.setdefault(phys // PAGE, m.group(1))
    counts['uniquePages'] = len(first)
    return counts, first


def add_uffd(result, sections, owners, first):
    result['uffd']['unownedPages'] = sum(1 for page in first if page not in owners)
    for s, out in zip(sections, result['processes']):
        out['uffdLoadedPages'] = sum(1 for page in s['phys'] if first.get(page) == 'Loading')
        out['uffdZeroedPages'] = sum(1 for page in s['phys'] if first.get(page) == 'Zeroing')
    for n in result['nmt']:
        jvm = next((s for s in sections if s['pid'] == n['pid']), None)
        served = sorted(set(v - v % PAGE for v, page in zip(jvm['virt'], jvm['phys']) if page in first)) if jvm else []
        for r in n.pop('regions'):
            pages = bisect.bisect_left(served, r['end']) - bisect.bisect_left(served, r['start'])
            n['categories'][r['category']]['uffdBytes'] += pages * PAGE


def main(argv):
    if len(argv) >= 2 and argv[1] in ('-h', '--help'):
        print(__doc__)
        return 0
    if len(argv) == 4 and argv[1] == '--compare-nmt-summary':
        return compare_summary(argv[2], argv[3])
    uffd = None
    if len(argv) >= 3 and argv[1] == '--uffd':
        uffd = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) < 2:
        sys.stderr.write('usage: expected-summary.py [--uffd UFFD_LOG] MEM_MAPPING[.gz] [NMT_DETAIL[.gz] ...]\n'
                         '       expected-summary.py --compare-nmt-summary SUMMARY NMT_DETAIL\n')
        return 2
    sections, owners = read_mem_mapping(argv[1])
    processes, physical, shared = process_summary(sections, owners)
    nmt = [nmt_summary(p, sections) for p in argv[2:]]
    result = {'pageSize': PAGE, 'physicalPages': physical, 'sharedPages': shared,
              'processes': processes, 'nmt': nmt}
    if uffd:
        result['uffd'], first = read_uffd(uffd)
        add_uffd(result, sections, owners, first)
    else:
        for n in nmt:
            del n['regions']
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
