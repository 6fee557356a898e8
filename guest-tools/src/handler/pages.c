/* Page state and the userfaultfd ioctls (see pages.h). */
#define _GNU_SOURCE
#include "pages.h"
#include "memfile.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/userfaultfd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

void pages_init(struct handler *h)
{
	for (int i = 0; i < h->hs.nregions; i++) {
		struct region *r = &h->hs.regions[i];
		size_t words = (r->npages + 63) / 64;
		r->removed = calloc(words, sizeof(uint64_t));
		if (!r->removed) {
			handler_oom("the removed-page bitmap", words * sizeof(uint64_t));
			handler_die(h, EX_NOMEM);
		}
	}
	h->zero_buf = mmap(NULL, h->hs.psz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (h->zero_buf == MAP_FAILED) {
		int e = errno;
		h->zero_buf = NULL;
		err("mmap(zero page of %" PRIu64 " bytes): %s", h->hs.psz, strerror(e));
		handler_die(h, e == ENOMEM ? EX_NOMEM : EX_UFFD);
	}
}

void pages_free(struct handler *h)
{
	if (h->zero_buf)
		munmap(h->zero_buf, h->hs.psz);
	h->zero_buf = NULL;
	for (int i = 0; i < h->hs.nregions; i++) {
		free((void *)h->hs.regions[i].removed);
		h->hs.regions[i].removed = NULL;
	}
}

/* The region whose host addresses (or file range, BY_OFFSET) hold V. */
static struct region *region_holding(struct handler *h, uint64_t v, bool by_offset)
{
	for (int i = 0; i < h->hs.nregions; i++) {
		struct region *r = &h->hs.regions[i];
		uint64_t start = by_offset ? r->offset : r->base;
		if (v >= start && v - start < r->size)
			return r;
	}
	return NULL;
}

struct region *find_region(struct handler *h, uint64_t addr)
{
	return region_holding(h, addr, false);
}

struct region *find_region_by_offset(struct handler *h, uint64_t off)
{
	return region_holding(h, off, true);
}

bool is_removed(const struct handler *h, const struct region *r, uint64_t page)
{
	uint64_t idx = (page - r->base) / h->hs.psz;
	return (atomic_load_explicit(&r->removed[idx / 64], memory_order_acquire) >> (idx % 64)) & 1;
}

void mark_removed(struct handler *h, uint64_t start, uint64_t end)
{
	uint64_t psz = h->hs.psz;
	for (int i = 0; i < h->hs.nregions; i++) {
		struct region *r = &h->hs.regions[i];
		uint64_t s = start > r->base ? start : r->base;
		uint64_t e = end < r->base + r->size ? end : r->base + r->size;
		if (s >= e)
			continue;
		/* whole pages only: partly removed pages are not dropped by the kernel */
		uint64_t first = (s - r->base + psz - 1) / psz;
		uint64_t last = (e - r->base) / psz; /* exclusive */
		for (uint64_t p = first; p < last; p++)
			atomic_fetch_or_explicit(&r->removed[p / 64], 1ULL << (p % 64), memory_order_release);
	}
}

/* OFF: the memory-file offset copied from, UINT64_MAX for the zero page. */
static enum op_result fail_op(struct handler *h, const char *what, uint64_t page, uint64_t len, uint64_t off)
{
	int e = errno;
	if (e == EEXIST)
		return OP_EXISTS;
	if (e == EAGAIN)
		return OP_AGAIN;
	if (e == ESRCH)
		return OP_GONE; /* the target mm is gone */
	if (e == ENOENT || e == EFAULT) {
		/* the peer unmapped the range, or the source page in our mapping of
		 * the memory file is gone because the file shrank */
		if (off != UINT64_MAX && memfile_shrank(h, off)) {
			handler_fail(h, EX_MEMFILE_SHRANK);
			return OP_FATAL;
		}
		err("%s at %#" PRIx64 " (+%#" PRIx64 ") failed: %s (range no longer mapped by the peer)",
		    what, page, len, strerror(e));
		return OP_GONE;
	}
	err("ioctl(%s) at %#" PRIx64 " (+%#" PRIx64 ") failed: %s%s", what, page, len, strerror(e),
	    e == EINVAL && len < 2 * MIB ? " (is the guest memory on hugetlbfs? the handshake gave no page size: "
					    "pass --page-size 2M)" : "");
	handler_fail(h, EX_UFFD);
	return OP_FATAL;
}

/* One UFFDIO_COPY of LEN bytes. A partial copy (the kernel stopped at a page
 * already present, or before a pending event) is OP_DONE with *done < LEN:
 * the caller goes on from there. */
static enum op_result do_copy(struct handler *h, uint64_t dst, const void *src, uint64_t len, uint64_t off,
			      uint64_t *done)
{
	struct uffdio_copy c = {.dst = dst, .src = (uint64_t)(uintptr_t)src, .len = len, .mode = 0};
	*done = 0;
	if (ioctl(h->uffd, UFFDIO_COPY, &c) == 0) {
		*done = len;
		return OP_DONE;
	}
	if (c.copy > 0 && (uint64_t)c.copy < len) {
		*done = (uint64_t)c.copy;
		return OP_DONE;
	}
	return fail_op(h, "UFFDIO_COPY", dst, len, off);
}

/* One page: a partial copy cannot happen; were it to, retry it like EAGAIN. */
static enum op_result whole_page(enum op_result res, uint64_t done, uint64_t len)
{
	return res == OP_DONE && done < len ? OP_AGAIN : res;
}

enum op_result copy_file_page(struct handler *h, uint64_t page, uint64_t off)
{
	uint64_t done;
	enum op_result res = do_copy(h, page, h->mem + off, h->hs.psz, off, &done);
	return whole_page(res, done, h->hs.psz);
}

enum op_result zero_page(struct handler *h, uint64_t page)
{
	uint64_t done;
	enum op_result res = zero_range(h, page, h->hs.psz, &done);
	return whole_page(res, done, h->hs.psz);
}

enum op_result copy_file_range_to(struct handler *h, uint64_t dst, uint64_t off, uint64_t len, uint64_t *done)
{
	return do_copy(h, dst, h->mem + off, len, off, done);
}

enum op_result zero_range(struct handler *h, uint64_t dst, uint64_t len, uint64_t *done)
{
	*done = 0;
	if (!atomic_load_explicit(&h->zeropage_unsupported, memory_order_relaxed)) {
		struct uffdio_zeropage z = {.range = {.start = dst, .len = len}, .mode = 0};
		if (ioctl(h->uffd, UFFDIO_ZEROPAGE, &z) == 0) {
			*done = len;
			return OP_DONE;
		}
		if (z.zeropage > 0 && (uint64_t)z.zeropage < len) {
			*done = (uint64_t)z.zeropage;
			return OP_DONE;
		}
		if (errno != EINVAL)
			return fail_op(h, "UFFDIO_ZEROPAGE", dst, len, UINT64_MAX);
		/* hugetlbfs has no UFFDIO_ZEROPAGE: copy from a zero page instead */
		atomic_store_explicit(&h->zeropage_unsupported, true, memory_order_relaxed);
	}
	/* the zero buffer is one page: a page per call */
	return do_copy(h, dst, h->zero_buf, h->hs.psz, UINT64_MAX, done);
}

void wake_page(struct handler *h, uint64_t page)
{
	struct uffdio_range r = {.start = page, .len = h->hs.psz};
	if (ioctl(h->uffd, UFFDIO_WAKE, &r) < 0 && errno != ESRCH && errno != ENOENT)
		err("ioctl(UFFDIO_WAKE) at %#" PRIx64 ": %s", page, strerror(errno));
}
