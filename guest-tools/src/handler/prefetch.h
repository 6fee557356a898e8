/* --prefetch: the working set (memory-file extents, one per line:
 * OFFSET [LENGTH] [zero], docs/uffd-handler.md) installed proactively,
 * before serving or on a thread of its own next to the serving threads
 * (UffdVisualizer guest-tools). */
#ifndef PREFETCH_H
#define PREFETCH_H

#include "handler.h"

/* Reads the --prefetch file (exits 8 naming file:line on a bad line or an
 * extent beyond the memory file, 12 out of memory). */
void prefetch_load(struct handler *h);
/* After the handshake: rounds the extents to the page size (merging lines
 * that fall in one huge page), and for 'parallel' builds the index
 * prefetch_note_demand() uses. */
void prefetch_prepare(struct handler *h);
/* 'parallel': starts the prefetch thread; 'before': installs every extent
 * now, on the calling thread. */
void prefetch_start(struct handler *h);
/* A demand fault served page OFF: lets the prefetcher skip ahead of it. */
void prefetch_note_demand(struct handler *h, uint64_t off);
/* Stops and joins the prefetch thread, if one runs (not from itself). */
void prefetch_stop(struct handler *h);
void prefetch_free(struct handler *h);

#endif
