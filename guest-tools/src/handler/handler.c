/* How uffd-handler stops (see handler.h). */
#define _GNU_SOURCE
#include "handler.h"
#include "peer.h"
#include "prefetch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void handler_init(struct handler *h)
{
	memset(h, 0, sizeof(*h));
	h->o.handshake_timeout_ms = 10000;
	h->o.prefetch_parallel = true;
	h->o.nthreads = 1;
	h->mem_fd = h->listen_fd = h->conn = h->uffd = -1;
	h->wake_pipe[0] = h->wake_pipe[1] = -1;
	for (int i = 0; i < MAX_THREADS; i++) {
		h->workers[i].h = h;
		h->workers[i].epfd = -1;
	}
	pthread_mutex_init(&h->read_lock, NULL);
}

void handler_wake(struct handler *h)
{
	if (h->wake_pipe[1] >= 0 && write(h->wake_pipe[1], "g", 1) < 0)
		(void)0; /* pipe full: the reader has a wake-up pending anyway */
}

void handler_fail(struct handler *h, int code)
{
	int none = 0;
	atomic_compare_exchange_strong(&h->fatal, &none, code);
	atomic_store(&h->pf.stop, true);
	handler_wake(h);
}

bool handler_stopping(struct handler *h)
{
	return atomic_load(&h->peer_gone) || atomic_load(&h->signal) || atomic_load(&h->fatal);
}

int handler_result(struct handler *h)
{
	int fatal = atomic_load(&h->fatal);
	if (fatal)
		return fatal;
	return atomic_load(&h->peer_gone) ? EX_OK : EX_SIGNAL;
}

void handler_die(struct handler *h, int code)
{
	peer_remove_socket(h);
	prefetch_stop(h);
	if (h->log)
		fflush(h->log);
	exit(code);
}

void handler_oom(const char *what, size_t bytes)
{
	err("out of memory: %zu bytes for %s", bytes, what);
}
