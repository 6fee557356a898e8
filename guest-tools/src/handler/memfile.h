/* uffd-handler's memory file: opened read-only before anything else, mapped
 * read-only, its data extents known (UffdVisualizer guest-tools). */
#ifndef MEMFILE_H
#define MEMFILE_H

#include "handler.h"

/* Opens h->o.mem_path read-only without blocking (a FIFO or device is
 * refused, never waited on), notes its device and inode; exits 3 (12 when
 * out of memory) with a message on failure. */
void memfile_open(struct handler *h);
/* Maps it (PROT_READ), records its data extents, --populate. */
void memfile_map(struct handler *h);
/* When a copy from the mapping failed: 1 (with one message) if the file is
 * now shorter than when it was mapped, 0 if not. */
int memfile_shrank(struct handler *h, uint64_t off);
void memfile_close(struct handler *h);

#endif
