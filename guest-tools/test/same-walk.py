#!/usr/bin/env python3
"""Compare two walks of the same stopped process: same-walk.py A B [PID].

A and B are virt2phys-format outputs; with PID, A may be a whole capture and only
the section of that process (up to the next '=' line) is compared. Exit 0 when
they agree, 1 with the first difference otherwise.

Why not cmp: the exclusive bit of a file-backed page flips whenever any other
process maps or unmaps that page (every compiler or shell started on the machine
maps libc), even while the walked process is stopped. So for file pages (last
field 1) the exclusive field is not compared; every other byte must match.
"""
import sys


def norm(lines):
    out = []
    for line in lines:
        f = line.rstrip('\n').split(' ')
        if f[0] == 'p' and len(f) == 5 and f[4] == '1':
            f[3] = '?'
        out.append(' '.join(f))
    return out


def section(lines, pid):
    starts = [i for i, l in enumerate(lines) if l.startswith('= %s ' % pid)]
    if not starts:
        sys.exit('no section for pid %s' % pid)
    end = next((i for i in range(starts[0] + 1, len(lines)) if lines[i].startswith('= ')), len(lines))
    return lines[starts[0]:end]


a = open(sys.argv[1]).read().splitlines(True)
b = open(sys.argv[2]).read().splitlines(True)
if len(sys.argv) > 3:
    a = section(a, sys.argv[3])
a, b = norm(a), norm(b)
if a != b:
    first = next(((i + 1, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
    print('differ at line %d: %r vs %r' % first if first else 'lengths differ: %d vs %d lines' % (len(a), len(b)))
    sys.exit(1)
