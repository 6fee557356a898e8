/* uffd-handler's fault log (see log.h). */
#define _GNU_SOURCE
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/userfaultfd.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static const char *log_name(struct handler *h)
{
	return h->log == stdout ? "stdout" : h->o.log_path;
}

static void log_failed(struct handler *h, int e)
{
	if (atomic_exchange(&h->log_failed, true))
		return;
	err("writing the log to %s failed: %s; stopping", log_name(h), strerror(e));
	handler_fail(h, EX_LOG);
}

void log_printf(struct handler *h, const char *fmt, ...)
{
	if (atomic_load_explicit(&h->log_failed, memory_order_relaxed))
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(h->log, fmt, ap);
	int e = errno;
	va_end(ap);
	if (n < 0)
		log_failed(h, e);
}

/* The null device discards the log; every other device or FIFO is refused:
 * a log written there is lost or blocks, and truncating it is never meant. */
static bool is_null_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 && minor(st->st_rdev) == 3;
}

static void refuse(struct handler *h, const char *why)
{
	err("--log %s: %s; refusing to write the log there (--log - writes it to stdout)", h->o.log_path, why);
	handler_die(h, EX_LOG);
}

static void check_target(struct handler *h, const struct stat *st)
{
	if (st->st_dev == h->mem_dev && st->st_ino == h->mem_ino)
		refuse(h, "it is the memory file");
	if (S_ISREG(st->st_mode) || is_null_device(st))
		return;
	refuse(h, S_ISFIFO(st->st_mode) ? "it is a FIFO, not a regular file"
		  : S_ISDIR(st->st_mode) ? "it is a directory"
		  : S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "it is a device, not a regular file"
		  : "it is not a regular file");
}

void log_open(struct handler *h)
{
	static char logbuf[1 << 20];
	const char *path = h->o.log_path;
	struct stat st;

	if (!path || !strcmp(path, "-")) {
		h->log = stdout;
	} else {
		if (stat(path, &st) == 0)
			check_target(h, &st);
		/* no O_TRUNC before the file is known to be a regular file and not
		 * the memory file (it may have appeared since the stat) */
		int fd = open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0644);
		if (fd < 0) {
			err("open(%s) for the log: %s", path, strerror(errno));
			handler_die(h, EX_LOG);
		}
		if (fstat(fd, &st) < 0) {
			err("fstat(%s): %s", path, strerror(errno));
			handler_die(h, EX_LOG);
		}
		check_target(h, &st);
		if (S_ISREG(st.st_mode) && ftruncate(fd, 0) < 0) {
			err("truncating the log %s: %s", path, strerror(errno));
			handler_die(h, EX_LOG);
		}
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
		h->log = fdopen(fd, "w");
		if (!h->log) {
			err("fdopen(%s): %s", path, strerror(errno));
			close(fd);
			handler_die(h, errno == ENOMEM ? EX_NOMEM : EX_LOG);
		}
	}
	setvbuf(h->log, logbuf, _IOFBF, sizeof(logbuf));
}

void log_header(struct handler *h)
{
	const struct handshake *hs = &h->hs;
	bool ext = h->o.extended;
	if (ext)
		log_printf(h, "# uffd-handler log-format=extended version=1 page_size=%" PRIu64 " thread_id=%d t=ns-since-connect\n",
			   hs->psz, h->features_known && (h->features & UFFD_FEATURE_THREAD_ID) ? 1 : 0);
	log_printf(h, "Mapping memory file %s to address %#" PRIx64 "-%#" PRIx64 ", size = %" PRIu64 "\n", h->o.mem_path,
		   (uint64_t)(uintptr_t)h->mem, (uint64_t)(uintptr_t)h->mem + h->mem_size, h->mem_size);
	for (int i = 0; i < hs->nregions; i++) {
		const struct region *r = &hs->regions[i];
		log_printf(h, "Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: %" PRIu64
			   ", size: %" PRIu64 ", offset: %" PRIu64 " }\n", r->base, r->size, r->offset);
		if (ext)
			log_printf(h, "# region %d: host=%#018" PRIx64 " size=%#" PRIx64 " offset=%#018" PRIx64
				   " gpa=%#018" PRIx64 " page_size=%" PRIu64 "\n", i, r->base, r->size, r->offset, r->gpa, hs->psz);
	}
	log_printf(h, "Connected to PID %d\n", (int)h->peer_pid);
	if (ext)
		log_printf(h, "# memory file: %" PRIu64 " bytes, %" PRIu64 " bytes of data in %zu extents%s\n", h->mem_size,
			   extmap_data_bytes(&h->data), h->data.n,
			   h->data.sparse_supported ? "" : " (file system without SEEK_DATA: no holes known)");
}

void log_fault(struct handler *h, uint64_t addr, uint64_t page, uint64_t flags, uint32_t tid, bool load, uint64_t off,
	       uint64_t gpa, uint64_t t)
{
	char rw = (flags & UFFD_PAGEFAULT_FLAG_WRITE) ? 'w' : 'r';
	const char *act = load ? "Loading" : "Zeroing";
	uint64_t psz = h->hs.psz;
	if (!h->o.extended)
		log_printf(h, "UFFD_EVENT_PAGEFAULT (%c): %#018" PRIx64 " %#018" PRIx64 "  %s: %#018" PRIx64 " - %#018" PRIx64 "\n",
			   rw, addr, page, act, off, off + psz);
	else
		log_printf(h, "UFFD_EVENT_PAGEFAULT (%c): %" PRIu32 " %#018" PRIx64 " %#018" PRIx64 " %s: %#018" PRIx64
			   " - %#018" PRIx64 " t=%" PRIu64 " gpa=%#018" PRIx64 "\n",
			   rw, tid, addr, page, act, off, off + psz, t, gpa);
}

/* %#018" PRIx64 ", as printf writes it: 0x and 16 digits, zero as 18 zeros */
static char *put_hex18(char *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	if (!v) {
		memset(p, '0', 18);
		return p + 18;
	}
	p[0] = '0';
	p[1] = 'x';
	for (int i = 17; i >= 2; i--, v >>= 4)
		p[i] = digits[v & 15];
	return p + 18;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

static char *put_dec(char *p, uint64_t v)
{
	char tmp[20];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Prefetched pages: a page-fault line with the action "Prefetching:" (read
 * fault, thread 0 in the extended format; " zero" at the end of extended
 * lines when the page was a hole and got zero-filled), one line per page of
 * the run [page, page + n pages), all with the time T the run's ioctl began.
 * Formatted by hand and written a buffer at a time: printf would cost as
 * much as the copy itself on a large working set. */
void log_prefetch_run(struct handler *h, uint64_t page, uint64_t n, bool load, uint64_t off, uint64_t gpa, uint64_t t)
{
	uint64_t psz = h->hs.psz;
	char buf[16384], *p = buf;
	for (uint64_t i = 0; i < n; i++, page += psz, off += psz, gpa += psz) {
		if (atomic_load_explicit(&h->log_failed, memory_order_relaxed))
			return;
		p = put_str(p, h->o.extended ? "UFFD_EVENT_PAGEFAULT (r): 0 " : "UFFD_EVENT_PAGEFAULT (r): ");
		p = put_hex18(p, page);
		*p++ = ' ';
		p = put_hex18(p, page);
		p = put_str(p, h->o.extended ? " Prefetching: " : "  Prefetching: ");
		p = put_hex18(p, off);
		p = put_str(p, " - ");
		p = put_hex18(p, off + psz);
		if (h->o.extended) {
			p = put_str(p, " t=");
			p = put_dec(p, t);
			p = put_str(p, " gpa=");
			p = put_hex18(p, gpa);
			if (!load)
				p = put_str(p, " zero");
		}
		*p++ = '\n';
		if (p - buf > (ptrdiff_t)sizeof(buf) - 200 || i + 1 == n) {
			size_t len = (size_t)(p - buf);
			if (fwrite(buf, 1, len, h->log) != len)
				log_failed(h, errno);
			p = buf;
		}
	}
}

void log_remove(struct handler *h, uint64_t start, uint64_t end, uint64_t t)
{
	if (!h->o.extended)
		log_printf(h, "UFFD_EVENT_REMOVE: %#018" PRIx64 " - %#018" PRIx64 "\n", start, end);
	else
		log_printf(h, "UFFD_EVENT_REMOVE: %#018" PRIx64 " - %#018" PRIx64 " t=%" PRIu64 "\n", start, end, t);
}

int log_close(struct handler *h)
{
	if (!h->log)
		return 0;
	/* fflush and ferror: a failure of an earlier implicit flush leaves the
	 * error flag set but may leave nothing to flush now */
	int failed = fflush(h->log) != 0 || ferror(h->log);
	int e = errno;
	if (h->log != stdout && fclose(h->log) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	h->log = NULL;
	if (failed && !atomic_exchange(&h->log_failed, true)) {
		err("writing the log to %s failed: %s", h->o.log_path && strcmp(h->o.log_path, "-") ? h->o.log_path : "stdout",
		    strerror(e));
		return EX_LOG;
	}
	return failed || atomic_load(&h->log_failed) ? EX_LOG : 0;
}
