/* Several serving threads on one userfaultfd (--threads N > 1)
 * (UffdVisualizer guest-tools). The locking argument is in threads.c. */
#ifndef THREADS_H
#define THREADS_H

#include "handler.h"

/* Starts the N serving threads and joins them all; returns when serving
 * must stop (see handler_result()). The main thread meanwhile only waits
 * (and takes the signals). */
void serve_threaded(struct handler *h);

#endif
