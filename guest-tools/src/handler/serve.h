/* Serving the userfaultfd: one demand fault, the other events, faults kept
 * for a retry after EAGAIN, and the single-threaded loop (--threads 1)
 * (UffdVisualizer guest-tools). threads.h has the loop of several threads. */
#ifndef SERVE_H
#define SERVE_H

#include "handler.h"

#include <linux/userfaultfd.h>

/* Sets the userfaultfd O_NONBLOCK; false (after handler_fail) on error. */
bool serve_set_nonblocking(struct handler *h);

/* Serves one demand fault, counting it in w's stats. Returns false if the
 * fault must be retried later (EAGAIN); a fatal error has called
 * handler_fail() and returns true. */
bool serve_fault(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid);
uint32_t fault_tid(const struct handler *h, const struct uffd_msg *m);
/* Every event but a page fault (REMOVE, UNMAP, unexpected ones). */
void handle_event(struct handler *h, const struct uffd_msg *m);
/* Keeps a fault that got EAGAIN for retry_deferred(). */
void defer(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid);
void retry_deferred(struct worker *w);
/* Reads and handles whatever is pending (single-threaded loop and
 * --prefetch-mode before); returns the number of messages. */
long drain_nonblocking(struct worker *w);

/* The single-threaded loop: returns when serving must stop (see
 * handler_result()). */
void serve_single(struct worker *w);

#endif
