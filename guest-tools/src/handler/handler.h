/*
 * uffd-handler's state, exit codes and the way a failure stops it
 * (UffdVisualizer guest-tools). Every part of the handler takes the one
 * struct handler it works on as an argument; only the signal handler in
 * uffd-handler.c reaches it through a pointer of its own.
 */
#ifndef HANDLER_H
#define HANDLER_H

#include "../uffd-common.h"
#include "exit-codes.h"
#include "handshake.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>


#define PROG "uffd-handler"
#define EV_BATCH 64
#define MAX_THREADS 64

struct deferred {
	uint64_t addr, flags;
	uint32_t tid;
};

/* Counters of one serving thread. Each thread owns its own, so that serving
 * needs no shared counter; the summary merges them after the threads ended. */
struct stats {
	uint64_t faults, loaded, zeroed, present, eagain;
	struct lat lat;
};

/* One serving thread. With --threads 1, worker 0 is the main thread's loop
 * (and 'before' prefetching, which runs on the main thread, uses it too). */
struct worker {
	struct handler *h;
	pthread_t thread;
	bool started;
	struct stats st;
	struct deferred *deferred; /* faults that got EAGAIN, retried later */
	size_t ndeferred, deferred_cap;
	int epfd; /* where it sleeps (serve_threaded); -1: none */
};

struct handler_opts {
	const char *sock_path, *mem_path, *log_path, *prefetch_path;
	bool force, extended, prefetch_parallel, quiet, populate;
	uint64_t busy_poll_ns;
	uint64_t page_size_opt;
	int accept_timeout_ms, handshake_timeout_ms;
	enum gpa_layout layout;
	uint64_t region_gpa[MAX_REGIONS];
	int nregion_gpa;
	int nthreads;
	int prefetch_threads; /* 'before': installing threads, 0: online CPUs (capped) */
};

/* One line of the working set: [off, off + len) of the memory file; len 0
 * (no LENGTH on the line) is one page of the handler's page size. */
struct pf_entry {
	uint64_t off, len;
	bool zero; /* marked zero-filled by the exporter */
};

struct prefetch {
	struct pf_entry *ents;
	size_t n, cap;
	uint64_t npages; /* pages of all entries, after prefetch_prepare */
	/* 'parallel': the working set as one sequence of pages in file order;
	 * pos[i] is the position of entry i's first page, by_off the entries
	 * sorted by offset (demand fault -> position) */
	uint64_t *pos;
	size_t *by_off;
	/* 'before' with more than one installing thread: each takes the next
	 * piece of positions; the installers hold install_lock shared around
	 * the removed-bit look and the ioctl, the thread reading events holds
	 * it exclusively (see install) */
	int nthreads;
	_Atomic uint64_t next_pos;
	pthread_rwlock_t install_lock;
	_Atomic int64_t demand_pos; /* furthest position served on demand, -1: none */
	uint64_t *gaps;             /* [from, to) position pairs the jumps left out */
	size_t ngaps, gaps_cap;
	pthread_t thread;
	bool started;
	atomic_bool stop;
	_Atomic uint64_t loaded, zeroed, present, skipped, ioctls, marked_zero_data;
	uint64_t ns;
};

struct handler {
	struct handler_opts o;

	/* the memory file (memfile.c) */
	int mem_fd;
	dev_t mem_dev;
	ino_t mem_ino;
	const uint8_t *mem;
	uint64_t mem_size;
	struct extmap data;
	atomic_bool mem_shrank; /* reported once, by the first thread that meets it */

	/* the peer (peer.c) */
	int listen_fd, conn, uffd;
	bool sock_created;
	pid_t peer_pid;
	uint64_t t0;
	uint64_t features;
	bool features_known;
	atomic_bool peer_talked; /* unexpected bytes after the handshake, reported once */
	_Atomic uint64_t peer_extra_bytes;

	/* the regions of the handshake (handshake.c), served by serve.c */
	struct handshake hs;
	void *zero_buf;
	atomic_bool zeropage_unsupported; /* learnt by whichever thread meets it first */

	/* the log (log.c) */
	FILE *log;
	atomic_bool log_failed;

	struct prefetch pf;

	/* serving threads (--threads); see threads.c for the locking */
	struct worker workers[MAX_THREADS];
	pthread_mutex_t read_lock;
	int wake_pipe[2]; /* --threads > 1: written to wake every thread in epoll_wait() */

	/* counters; removes/removed_bytes change only with read_lock held (or
	 * with a single thread), the others are merged from the workers at exit */
	uint64_t removes, removed_bytes;
	struct stats total;

	/* why serving stops */
	atomic_bool peer_gone;
	atomic_int signal;  /* the signal that stopped it, 0: none */
	atomic_int fatal;   /* exit code of the first fatal error, 0: none */
};

void handler_init(struct handler *h);

/* A fatal error while serving, on any thread: records CODE (the first one
 * wins), tells every serving thread and the prefetcher to stop, and wakes
 * the sleeping ones. The caller then returns up its stack; the main thread
 * joins every thread, writes the summary and exits with the code. */
void handler_fail(struct handler *h, int code);
/* Serving must end: peer gone, signal or fatal error. */
bool handler_stopping(struct handler *h);
/* Wakes serving threads asleep in epoll_wait() (--threads > 1). */
void handler_wake(struct handler *h);
/* Exit code once serving ended. */
int handler_result(struct handler *h);

/* Setup errors on the main thread, before any other thread runs: removes
 * the socket path and exits with CODE. */
__attribute__((noreturn)) void handler_die(struct handler *h, int code);

/* "out of memory" message naming what could not be allocated. */
void handler_oom(const char *what, size_t bytes);

#endif
