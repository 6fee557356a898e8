#!/usr/bin/env python3
"""Independent expected values for comparing two captures by owner.

    expected-compare.py MEM_MAPPING_A UFFD_LOG_A NMT_A MEM_MAPPING_B UFFD_LOG_B NMT_B

Python 3 standard library only, written from the contract below without
looking at the Java code: it is the reference `compare --json` must agree with
(capture A is the baseline; files may be gzipped). It prints JSON with sorted
keys:

  overlap   the pages each capture's uffd log served, matched by owner:
     all         {onlyBaseline, onlyOther, both} over every owner
     owners      "KIND|PROCESS|NAME" -> {onlyBaseline, onlyOther, both}
     unmatched   [pages of A, pages of B] served but given no owner key
  rows      "KIND|PROCESS|NAME" -> [figures of A or null, figures of B or null],
            figures = {resident, uffdLoaded, zeroFilled} in bytes

Definitions.
  Served pages: every 4 KiB page of the memory-file range [A, B) of each
    `UFFD_EVENT_PAGEFAULT ... Loading: A - B` or `Zeroing: A - B` line
    (B - A may be 2 MiB). A file offset O is guest-physical O below 3 GiB and
    O + 1 GiB from 3 GiB on (x86_64: RAM resumes at 4 GiB past the MMIO gap).
    A page served more than once counts once; it was loaded or zero-filled as
    its FIRST serving line says.
  Process labels: sections in file order; a section's label is the last path
    element of its executable ("java"), "kernel" and "pagecache" for pid 0 and
    -1; the n-th section with a label already used gets " #n" ("java #2").
  Owner key of a served page P: walk the `p` lines whose physical address is
    P in file order; the first that gives a key decides:
    - a `p` line of the section whose pid is the NMT file's pid (its first
      line "PID:"), whose virtual address V lies in a reserved region
      [S, E) of the NMT "Virtual memory map": owner ("nmt", label, category),
      key (rank of the region among the regions of its category sorted by S,
      counting from 0; (V - S) // 4096);
    - a `p` line of a process or the kernel section under a `v` line with a
      non-empty name N: owner ("mapping", label, N), key (V - M) // 4096
      where M is the lowest start of the section's `v` lines named N (for the
      kernel section V is the physical address P).
    Pages without such a line (anonymous memory outside NMT regions, page
    cache, frames no section owns) are "unmatched". Within an owner, keys of
    A and B that are equal are the same page.
  Rows (resident = 4096 x number of `p` lines, uffdLoaded / zeroFilled = 4096
    x number of those `p` lines whose physical page was served, loaded or
    zero-filled):
    - "process|LABEL|LABEL": all `p` lines of the section;
    - "mapping|LABEL|NAME": the `p` lines under `v` lines of that name
      ("(anonymous)" for an empty name), process and kernel sections only;
      every name of a `v` line has its row, with no `p` line too ([vvar]);
    - "nmt_category|LABEL|CATEGORY": resident counts DISTINCT virtual pages
      of the JVM's section inside the category's reserved regions; loaded and
      zero-filled count its `p` lines there whose page was served.
"""

import gzip
import json
import re
import sys
from collections import defaultdict

PAGE = 4096
GIB = 1 << 30
SERVE = re.compile(r'(Loading|Zeroing): (0x[0-9a-fA-F]+) - (0x[0-9a-fA-F]+)')
RANGE = re.compile(r'^\[(0x[0-9a-fA-F]+) - (0x[0-9a-fA-F]+)\] reserved(?: and committed)? \d+KB for (.+) from$')


def open_text(path):
    if path.endswith('.gz'):
        return gzip.open(path, 'rt', encoding='utf-8', errors='replace')
    return open(path, 'r', encoding='utf-8', errors='replace')


def physical(offset):
    return offset if offset < 3 * GIB else offset + GIB


def served_pages(path):
    """page number -> True if its first serving zero-filled it."""
    first = {}
    with open_text(path) as f:
        for line in f:
            if not line.startswith('UFFD_EVENT_PAGEFAULT'):
                continue
            m = SERVE.search(line)
            if not m:
                continue
            zeroed = m.group(1) == 'Zeroing'
            a, b = int(m.group(2), 16), int(m.group(3), 16)
            for off in range(a, b, PAGE):
                first.setdefault(physical(off) // PAGE, zeroed)
    return first


def read_nmt(path):
    pid = None
    regions = []   # (start, end, category)
    inside = False
    with open_text(path) as f:
        for line in f:
            s = line.rstrip('\n')
            if pid is None and s.rstrip(':').strip().isdigit():
                pid = int(s.rstrip(':').strip())
            if s.startswith('Virtual memory map:'):
                inside = True
                continue
            if s.startswith('Details:') or s.startswith('Memory file details'):
                inside = False
            if inside:
                m = RANGE.match(s)
                if m:
                    regions.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    by_start = sorted(regions)
    seen = defaultdict(int)
    ranked = []
    for start, end, cat in by_start:
        ranked.append((start, end, cat, seen[cat]))
        seen[cat] += 1
    return pid, ranked


def read_dump(path):
    """sections: list of {pid, exe, lines: [(virt_or_None, phys_page, name)]}."""
    sections = []
    cur = None
    name = ''
    with open_text(path) as f:
        for line in f:
            s = line.rstrip('\n')
            if not s:
                continue
            if s[0] == '=':
                parts = s.split(' ', 2)
                cur = {'pid': int(parts[1]), 'exe': parts[2] if len(parts) > 2 else '', 'lines': [], 'starts': {},
                       'names': set()}
                sections.append(cur)
            elif s[0] == 'v':
                parts = s.split(' ', 3)
                name = parts[3] if len(parts) > 3 else ''
                start = int(parts[1], 16)
                cur['names'].add(name)
                if name and (name not in cur['starts'] or start < cur['starts'][name]):
                    cur['starts'][name] = start
            elif s[0] == 'p':
                parts = s.split()
                first, second = int(parts[1], 16), int(parts[2], 16)
                if cur['pid'] > 0:
                    cur['lines'].append((first, second // PAGE, name))
                else:
                    cur['lines'].append((None, first // PAGE, name))
    labels = []
    used = defaultdict(int)
    for sec in sections:
        base = 'kernel' if sec['pid'] == 0 else 'pagecache' if sec['pid'] == -1 else (sec['exe'].rsplit('/', 1)[-1] or 'process')
        used[base] += 1
        sec['label'] = base if used[base] == 1 else '%s #%d' % (base, used[base])
    return sections


def region_of(regions, virt):
    for start, end, cat, rank in regions:
        if start <= virt < end:
            return start, cat, rank
    return None


def analyse(mapping, uffd, nmt):
    sections = read_dump(mapping)
    served = served_pages(uffd)
    nmt_pid, regions = read_nmt(nmt)
    owners_of = defaultdict(list)   # phys page -> [(section, virt, name)] in file order
    for sec in sections:
        for virt, page, name in sec['lines']:
            owners_of[page].append((sec, virt, name))
    keys = defaultdict(set)
    unmatched = 0
    for page in served:
        key = None
        for sec, virt, name in owners_of.get(page, []):
            if sec['pid'] == nmt_pid and virt is not None:
                r = region_of(regions, virt)
                if r:
                    start, cat, rank = r
                    key = (('nmt', sec['label'], cat), (rank, (virt - start) // PAGE))
                    break
            if name and sec['pid'] != -1:
                address = virt if virt is not None else page * PAGE
                key = (('mapping', sec['label'], name), (address - sec['starts'][name]) // PAGE)
                break
        if key is None:
            unmatched += 1
        else:
            keys[key[0]].add(key[1])

    rows = {}

    def add(row, resident, page):
        fig = rows.setdefault(row, {'resident': 0, 'uffdLoaded': 0, 'zeroFilled': 0})
        fig['resident'] += resident
        if page in served:
            fig['zeroFilled' if served[page] else 'uffdLoaded'] += PAGE

    for sec in sections:
        label = sec['label']
        if sec['pid'] != -1:
            for name in sec['names']:
                rows.setdefault('mapping|%s|%s' % (label, name or '(anonymous)'),
                                {'resident': 0, 'uffdLoaded': 0, 'zeroFilled': 0})
        for virt, page, name in sec['lines']:
            add('process|%s|%s' % (label, label), PAGE, page)
            if sec['pid'] != -1:
                add('mapping|%s|%s' % (label, name or '(anonymous)'), PAGE, page)
        if sec['pid'] == nmt_pid:
            for start, end, cat, rank in regions:
                rows.setdefault('nmt_category|%s|%s' % (label, cat), {'resident': 0, 'uffdLoaded': 0, 'zeroFilled': 0})
            seen_virtual = set()
            for virt, page, name in sec['lines']:
                r = region_of(regions, virt)
                if r:
                    row = 'nmt_category|%s|%s' % (label, r[1])
                    add(row, 0 if virt in seen_virtual else PAGE, page)
                    seen_virtual.add(virt)
    return keys, unmatched, rows


def main(argv):
    if len(argv) != 6:
        sys.exit(__doc__.split('\n\n')[1])
    a_keys, a_unmatched, a_rows = analyse(*argv[0:3])
    b_keys, b_unmatched, b_rows = analyse(*argv[3:6])
    owners = {}
    total = {'onlyBaseline': 0, 'onlyOther': 0, 'both': 0}
    for owner in set(a_keys) | set(b_keys):
        a, b = a_keys.get(owner, set()), b_keys.get(owner, set())
        counts = {'onlyBaseline': len(a - b), 'onlyOther': len(b - a), 'both': len(a & b)}
        owners['|'.join(owner)] = counts
        for k in total:
            total[k] += counts[k]
    rows = {row: [a_rows.get(row), b_rows.get(row)] for row in set(a_rows) | set(b_rows)}
    json.dump({'overlap': {'all': total, 'owners': owners, 'unmatched': [a_unmatched, b_unmatched]}, 'rows': rows},
              sys.stdout, sort_keys=True, indent=1)
    print()


if __name__ == '__main__':
    main(sys.argv[1:])
