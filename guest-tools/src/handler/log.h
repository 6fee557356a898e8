/* uffd-handler's fault log: where it goes, its lines, and every write checked
 * (UffdVisualizer guest-tools). Formats: docs/uffd-handler.md. */
#ifndef LOG_H
#define LOG_H

#include "handler.h"

/* Opens --log (default stdout). Refuses the memory file itself and any
 * existing file that is not a regular file (except the null device), before
 * truncating anything; exits 11 with a message. */
void log_open(struct handler *h);

/* One write to the log. The first failed write prints one message and stops
 * the handler with exit 11 (handler_fail); later writes are skipped. */
__attribute__((format(printf, 2, 3))) void log_printf(struct handler *h, const char *fmt, ...);

void log_header(struct handler *h);
void log_fault(struct handler *h, uint64_t addr, uint64_t page, uint64_t flags, uint32_t tid, bool load, uint64_t off,
	       uint64_t gpa, uint64_t t);
/* N prefetched pages from PAGE (file offset OFF, guest-physical GPA) on. */
void log_prefetch_run(struct handler *h, uint64_t page, uint64_t n, bool load, uint64_t off, uint64_t gpa, uint64_t t);
void log_remove(struct handler *h, uint64_t start, uint64_t end, uint64_t t);

/* Flushes and closes the log: 0, or EX_LOG with a message if any write or
 * the flush failed. */
int log_close(struct handler *h);

#endif
