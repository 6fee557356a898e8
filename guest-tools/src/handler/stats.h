/* uffd-handler's counters: every serving thread's merged once they ended,
 * and the summary on stderr and at the end of the log
 * (UffdVisualizer guest-tools). */
#ifndef STATS_H
#define STATS_H

#include "handler.h"

/* Adds every worker's counters and latency samples into h->total; called
 * once, after all serving threads have been joined. */
void stats_merge(struct handler *h);
/* The two summary lines of the log and, unless --quiet, the summary on
 * stderr, headed by WHY. */
void stats_print_summary(struct handler *h, const char *why);
void stats_free(struct handler *h);

#endif
