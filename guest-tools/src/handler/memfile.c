/* uffd-handler's memory file (see memfile.h). */
#define _GNU_SOURCE
#include "memfile.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *file_kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
	       : S_ISDIR(m) ? "a directory" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

void memfile_open(struct handler *h)
{
	struct stat st;
	const char *path = h->o.mem_path;

	/* O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever */
	h->mem_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (h->mem_fd < 0) {
		err("open(%s): %s", path, strerror(errno));
		handler_die(h, EX_MEMFILE);
	}
	if (fstat(h->mem_fd, &st) < 0) {
		err("fstat(%s): %s", path, strerror(errno));
		handler_die(h, EX_MEMFILE);
	}
	if (!S_ISREG(st.st_mode)) {
		err("memory file %s is %s, not a regular file (a snapshot memory file is needed)", path,
		    file_kind(st.st_mode));
		handler_die(h, EX_MEMFILE);
	}
	if (st.st_size == 0) {
		err("memory file %s is empty", path);
		handler_die(h, EX_MEMFILE);
	}
	h->mem_size = (uint64_t)st.st_size;
	h->mem_dev = st.st_dev;
	h->mem_ino = st.st_ino;
}

void memfile_map(struct handler *h)
{
	const char *path = h->o.mem_path, *what;
	void *p = mmap(NULL, h->mem_size, PROT_READ, MAP_SHARED | MAP_NORESERVE, h->mem_fd, 0);
	if (p == MAP_FAILED) {
		err("mmap(%s, %" PRIu64 " bytes, PROT_READ): %s", path, h->mem_size, strerror(errno));
		handler_die(h, errno == ENOMEM ? EX_NOMEM : EX_MEMFILE);
	}
	h->mem = p;
	if (extmap_build(h->mem_fd, h->mem_size, &h->data, &what) < 0) {
		err("%s on %s: %s", what, path, strerror(errno));
		handler_die(h, errno == ENOMEM ? EX_NOMEM : EX_MEMFILE);
	}
	if (h->o.populate) {
		/* map the data extents now, before the VMM connects, so that
		 * UFFDIO_COPY does not take a page fault on its source */
		for (size_t i = 0; i < h->data.n; i++) {
			if (madvise((void *)(h->mem + h->data.start[i]), h->data.end[i] - h->data.start[i],
				    MADV_POPULATE_READ) < 0) {
				err("madvise(MADV_POPULATE_READ) on %s: %s (continuing without)", path, strerror(errno));
				break;
			}
		}
	}
}

int memfile_shrank(struct handler *h, uint64_t off)
{
	struct stat st;
	if (fstat(h->mem_fd, &st) < 0 || (uint64_t)st.st_size >= h->mem_size)
		return 0;
	if (atomic_exchange(&h->mem_shrank, true))
		return 1;
	err("memory file %s shrank from %" PRIu64 " to %" PRIu64 " bytes while serving (the page at offset %#" PRIx64
	    " is gone); stopping", h->o.mem_path, h->mem_size, (uint64_t)st.st_size, off);
	return 1;
}

void memfile_close(struct handler *h)
{
	if (h->mem)
		munmap((void *)h->mem, h->mem_size);
	h->mem = NULL;
	if (h->mem_fd >= 0)
		close(h->mem_fd);
	h->mem_fd = -1;
	extmap_free(&h->data);
}
