#!/usr/bin/env python3
"""Installs a working set into the host page cache the way a lazy-restore prefetcher would.

    prefetch-ws.py RAM_FILE WORKING_SET      (working-set format 2, docs/formats.md; .gz accepted)

For the capture lab's restores (capture-lab.sh -P): after the RAM file was evicted and before
the guest resumes, every extent of the set is read into the page cache, in the set's order
(first touch): posix_fadvise(WILLNEED) per extent queues the reads (in pieces of at most
128 KiB: the kernel caps one forced read-ahead at the device's I/O size), then one pread per
extent waits until its pages are in. `zero` extents are read too: in a file-backed restore a
hole is a page of the file like any other. Prints one line: extents, pages, seconds, and the
bytes this process made the device read (/proc/self/io read_bytes).
"""
import gzip
import os
import sys
import time

PAGE = 4096
CHUNK = 128 * 1024


def extents(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for number, line in enumerate(f, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            try:
                offset = int(fields[0], 0)
                length = int(fields[1], 0) if len(fields) > 1 and fields[1] != "zero" else PAGE
            except ValueError:
                sys.exit(f"{path}:{number}: not OFFSET [LENGTH] [zero]: {line.strip()}")
            if offset % PAGE or length % PAGE or length <= 0:
                sys.exit(f"{path}:{number}: offset and length must be multiples of {PAGE}: {line.strip()}")
            yield offset, length


def read_bytes():
    with open("/proc/self/io") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("read_bytes:"))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ram, working_set = sys.argv[1:]
    todo = list(extents(working_set))
    size = os.path.getsize(ram)
    for offset, length in todo:
        if offset + length > size:
            sys.exit(f"{working_set}: extent 0x{offset:x}+0x{length:x} ends past {ram} ({size} bytes)")
    fd = os.open(ram, os.O_RDONLY)
    before = read_bytes()
    start = time.perf_counter()
    for offset, length in todo:
        for piece in range(offset, offset + length, CHUNK):
            os.posix_fadvise(fd, piece, min(CHUNK, offset + length - piece), os.POSIX_FADV_WILLNEED)
    queued = time.perf_counter()
    for offset, length in todo:
        os.pread(fd, length, offset)
    done = time.perf_counter()
    os.close(fd)
    pages = sum(length for _, length in todo) // PAGE
    print(f"{len(todo)} extents, {pages} pages ({pages * PAGE} bytes) in {done - start:.3f} s "
          f"(WILLNEED queued in {queued - start:.3f} s), {read_bytes() - before} bytes read from the device")


if __name__ == "__main__":
    main()
