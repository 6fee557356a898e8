#!/usr/bin/env python3
"""Working sets of the capture lab's page-touch traces, computed here
independently of the Java simulator, for test/prefetch-loop.sh.

  working-set.py export TRACE OUT        first-touch order of TRACE as a working
                                         set, format 2 (docs/uffd-handler.md):
                                         pages touched one after the other at
                                         consecutive offsets form one extent
  working-set.py memfile OUT TRACE...    a memory file of the guest's RAM size
                                         (the trace's '# ram' lines): random
                                         data on every page some TRACE touched,
                                         holes elsewhere
  working-set.py predict ORDER SET       what --prefetch-mode before of SET
                                         leaves when a VMM touches ORDER:
                                         'faults=N set=M wasted=W' (pages)

A trace (docs/formats.md, "Page-touch trace"): '# ram HOST_START HOST_END
FILE_OFFSET' lines map QEMU's addresses to RAM-file offsets; the first fault
of each page inside such a mapping is a first touch; every other line is
skipped. A page-touch trace has no zero-filled kind, so no entry is 'zero'.
"""
import gzip
import os
import re
import sys

PAGE = 4096
FAULT = re.compile(r'page_fault_user: address=(0x[0-9a-fA-F]+)')


def open_text(path):
    with open(path, 'rb') as f:
        gz = f.read(2) == b'\x1f\x8b'
    return gzip.open(path, 'rt') if gz else open(path)


def read_trace(path):
    """(ram size in bytes, first-touch page offsets in order)"""
    maps, seen, order = [], set(), []
    with open_text(path) as f:
        for line in f:
            if line.startswith('# ram '):
                start, end, off = (int(x, 16) for x in line.split()[2:5])
                maps.append((start, end, off))
                continue
            m = FAULT.search(line)
            if not m:
                continue
            a = int(m.group(1), 16)
            for start, end, off in maps:
                if start <= a < end:
                    page = (a - start + off) // PAGE * PAGE
                    if page not in seen:
                        seen.add(page)
                        order.append(page)
                    break
    if not maps:
        sys.exit(f'{path}: no "# ram" line: not a page-touch trace')
    size = max(off + end - start for start, end, off in maps)
    return size, order


def read_set(path):
    """pages of a working-set file (format 1 or 2), in file order"""
    pages = []
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            words = line.split('#', 1)[0].split()
            if not words:
                continue
            off = int(words[0], 0)
            length = int(words[1], 0) if len(words) > 1 and words[1] != 'zero' else PAGE
            pages.extend(range(off // PAGE * PAGE, off + length, PAGE))
    return pages


def export(trace, out):
    _, order = read_trace(trace)
    lines = ['# uffdvisualizer working set 2',
             f'# capture: {os.path.basename(trace)} strategy: recorded (first-touch order), test/working-set.py']
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and order[j] == order[j - 1] + PAGE:
            j += 1
        lines.append(f'{order[i]:#x} {(j - i) * PAGE:#x}' if j - i > 1 else f'{order[i]:#x}')
        i = j
    with open(out + '.tmp', 'w') as f:
        f.write('\n'.join(lines) + '\n')
    os.replace(out + '.tmp', out)


def memfile(out, traces):
    size, pages = 0, set()
    for t in traces:
        s, order = read_trace(t)
        size = max(size, s)
        pages.update(order)
    with open(out, 'wb') as f:
        f.truncate(size)
        for p in sorted(pages):
            f.seek(p)
            f.write(os.urandom(PAGE))
    print(f'memfile: {size} bytes, {len(pages)} data pages', file=sys.stderr)


def predict(order_path, set_path):
    order, ws = read_set(order_path), set(read_set(set_path))
    touched = set(order)
    print(f'faults={len(touched - ws)} set={len(ws)} wasted={len(ws - touched)}')


def main(argv):
    if len(argv) == 4 and argv[1] == 'export':
        export(argv[2], argv[3])
    elif len(argv) >= 4 and argv[1] == 'memfile':
        memfile(argv[2], argv[3:])
    elif len(argv) == 4 and argv[1] == 'predict':
        predict(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
