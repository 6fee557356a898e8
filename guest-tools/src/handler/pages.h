/* Pages of the guest regions: which region holds an address or a file
 * offset, which pages a REMOVE dropped, and the userfaultfd ioctls that
 * install a page (UffdVisualizer guest-tools). Safe on any thread. */
#ifndef PAGES_H
#define PAGES_H

#include "handler.h"

/* Allocates the removed-page bitmaps and the zero page (setup, main thread;
 * exits 12 when out of memory). */
void pages_init(struct handler *h);
void pages_free(struct handler *h);

struct region *find_region(struct handler *h, uint64_t addr);
struct region *find_region_by_offset(struct handler *h, uint64_t off);
bool is_removed(const struct handler *h, const struct region *r, uint64_t page);
/* Marks the whole pages of [start, end) removed, in every region. */
void mark_removed(struct handler *h, uint64_t start, uint64_t end);

/* OP_FATAL: the handler must stop; handler_fail() has been called and the
 * message printed. */
enum op_result { OP_DONE, OP_EXISTS, OP_AGAIN, OP_GONE, OP_FATAL };

/* UFFDIO_COPY of the memory file's page at offset OFF to PAGE. */
enum op_result copy_file_page(struct handler *h, uint64_t page, uint64_t off);
/* UFFDIO_ZEROPAGE (hugetlbfs: a copy from the zero page). */
enum op_result zero_page(struct handler *h, uint64_t page);
/* Extents (the prefetcher): one ioctl from DST on. OP_DONE with *done bytes
 * installed, possibly fewer than LEN (a page already present or a pending
 * event stopped the kernel there: call again from DST + *done). Zero ranges
 * on hugetlbfs go one page per call. */
enum op_result copy_file_range_to(struct handler *h, uint64_t dst, uint64_t off, uint64_t len, uint64_t *done);
enum op_result zero_range(struct handler *h, uint64_t dst, uint64_t len, uint64_t *done);
void wake_page(struct handler *h, uint64_t page);

#endif
