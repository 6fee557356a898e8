/* Several serving threads (see threads.h). */
#define _GNU_SOURCE
#include "threads.h"
#include "peer.h"
#include "serve.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

/*
 * N threads serve; the main thread only waits for them (and takes signals).
 *
 * Reading: every read() of the userfaultfd is made with read_lock held and
 * returns ONE message. A page fault is taken out and served after the lock
 * is released, so that the next fault is read and served by another thread
 * in parallel; any other event is handled before the lock is released. The
 * lock is held only for that read() and that handling, never while sleeping.
 *
 * Sleeping: each idle thread sleeps in epoll_wait() on its own epoll
 * instance, in which the userfaultfd is registered with EPOLLEXCLUSIVE, so
 * that a new message wakes one idle thread, not all of them, and the thread
 * that takes the message finds the lock free (no hand-over of a contended
 * mutex, hence no extra wake-up, on the path of a fault). A thread that
 * finishes a fault reads again before it sleeps, so messages that arrived
 * meanwhile are not left waiting for a wake-up.
 *
 * Why a REMOVE stays sound by construction: the guest's madvise() returns
 * only after the kernel handed the UFFD_EVENT_REMOVE to a read(). That read()
 * happens with read_lock held, and mark_removed() runs before the lock is
 * released. A fault the guest raises in that range after madvise() returned
 * is queued after the event was read, so it is returned by a later read(),
 * made with read_lock held after that release: the mutex orders
 * mark_removed() before it. serve_fault() checks the removed bitmap when it
 * starts serving, after that read, so it zero-fills, whichever thread read
 * the REMOVE and whichever reads the fault.
 *
 * A fault read before the REMOVE was raised before madvise() returned and
 * races it in the guest; the kernel makes UFFDIO_COPY fail with EAGAIN while
 * the REMOVE is pending (the fault is retried, and zero-filled once the bit
 * is set). The protocol leaves one window that no handler-side lock closes
 * without serialising all serving: a copy decided before the bit was set
 * whose ioctl the kernel accepts after madvise's zap. With one serving
 * thread it does not exist (the events of a batch are handled before its
 * faults), nor for the prefetcher (it looks and installs under read_lock:
 * prefetch.c).
 */

enum rd { RD_FAULT, RD_NONE, RD_STOP };

static bool epoll_add(struct handler *h, int ep, int fd, uint32_t events)
{
	struct epoll_event e = {.events = events, .data.fd = fd};
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) {
		err("epoll_ctl(ADD fd %d): %s", fd, strerror(errno));
		handler_fail(h, EX_UFFD);
		return false;
	}
	return true;
}

/* One epoll instance per serving thread: the userfaultfd exclusively (one
 * idle thread woken per message), the socket and the wake-up pipe for all.
 * -1 (after handler_fail) on error. */
static int make_epoll(struct handler *h)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0) {
		err("epoll_create1: %s", strerror(errno));
		handler_fail(h, EX_UFFD);
		return -1;
	}
	if (!epoll_add(h, ep, h->uffd, EPOLLIN | EPOLLEXCLUSIVE) || !epoll_add(h, ep, h->conn, EPOLLIN | EPOLLRDHUP) ||
	    !epoll_add(h, ep, h->wake_pipe[0], EPOLLIN)) {
		close(ep);
		return -1;
	}
	return ep;
}

/* Sleeps until something may be readable (or ms pass, -1 = no limit); notes
 * the peer going away. The wake-up pipe is never drained: the reason to
 * stop is recorded before it is written, and a drained byte could be a
 * wake-up another thread still needs. */
static void wait_for_message(struct worker *w, int ms)
{
	struct handler *h = w->h;
	struct epoll_event ev[3];
	int n = epoll_wait(w->epfd, ev, 3, ms);
	if (n < 0 && errno != EINTR) {
		err("epoll_wait: %s", strerror(errno));
		handler_fail(h, EX_UFFD);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (ev[i].data.fd == h->uffd && (ev[i].events & EPOLLERR)) {
			err("userfaultfd reported EPOLLERR");
			handler_fail(h, EX_UFFD);
		} else if (ev[i].data.fd == h->conn) {
			if (ev[i].events & (EPOLLHUP | EPOLLRDHUP | EPOLLERR))
				atomic_store(&h->peer_gone, true);
			else if (ev[i].events & EPOLLIN)
				peer_check_socket(h);
		}
	}
}

/* Takes read_lock and reads messages one at a time until a page fault
 * (RD_FAULT, left in *m to be served after the lock is released) or until
 * nothing is pending (RD_NONE). Every other event is handled here, under the
 * lock: that is what orders a REMOVE before every later fault. */
static enum rd read_one(struct handler *h, struct uffd_msg *m)
{
	enum rd r = RD_STOP;
	pthread_mutex_lock(&h->read_lock);
	while (!handler_stopping(h)) {
		ssize_t n = read(h->uffd, m, sizeof(*m));
		if (n == (ssize_t)sizeof(*m)) {
			if (m->event == UFFD_EVENT_PAGEFAULT) {
				r = RD_FAULT;
				break;
			}
			handle_event(h, m);
			continue;
		}
		if (n == 0) {
			atomic_store(&h->peer_gone, true);
			break;
		}
		if (n > 0) {
			err("read(userfaultfd) returned %zd bytes, not %zu", n, sizeof(*m));
			handler_fail(h, EX_UFFD);
			break;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN) {
			err("read(userfaultfd): %s", strerror(errno));
			handler_fail(h, EX_UFFD);
			break;
		}
		r = RD_NONE;
		break;
	}
	pthread_mutex_unlock(&h->read_lock);
	return r;
}

/* --busy-poll: read again for up to busy_poll_ns before sleeping. */
static enum rd read_spinning(struct handler *h, struct uffd_msg *m)
{
	uint64_t until = now_ns() + h->o.busy_poll_ns;
	enum rd r;
	do
		r = read_one(h, m);
	while (r == RD_NONE && now_ns() < until);
	return r;
}

static void *serve_worker(void *arg)
{
	struct worker *w = arg;
	struct handler *h = w->h;
	struct uffd_msg m;
	while (!handler_stopping(h)) {
		/* faults that got EAGAIN first, so that a stream of new faults
		 * cannot starve them */
		if (w->ndeferred)
			retry_deferred(w);
		enum rd r = h->o.busy_poll_ns && !w->ndeferred ? read_spinning(h, &m) : read_one(h, &m);
		if (r == RD_STOP)
			break;
		if (r == RD_FAULT) {
			uint32_t tid = fault_tid(h, &m);
			if (!serve_fault(w, m.arg.pagefault.address, m.arg.pagefault.flags, tid))
				defer(w, m.arg.pagefault.address, m.arg.pagefault.flags, tid);
			continue; /* read again before sleeping */
		}
		/* Nothing to read. With faults still deferred (a REMOVE is in
		 * flight, its event comes next) sleep 1 ms at most: the vCPUs
		 * behind them wait. */
		wait_for_message(w, w->ndeferred ? 1 : -1);
	}
	return NULL;
}

/* Starts the serving threads with SIGINT/SIGTERM/SIGHUP blocked, so that a
 * signal is taken by the main thread, which only waits in pthread_join();
 * its handler then wakes the sleeping threads through the pipe. Every epoll
 * instance is made first, so that no thread runs when that fails. */
static int start_workers(struct handler *h)
{
	for (int i = 0; i < h->o.nthreads; i++) {
		h->workers[i].epfd = make_epoll(h);
		if (h->workers[i].epfd < 0)
			return 0;
	}
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int started = 0;
	for (int i = 0; i < h->o.nthreads; i++) {
		int e = pthread_create(&h->workers[i].thread, NULL, serve_worker, &h->workers[i]);
		if (e) {
			err("pthread_create(serving thread %d): %s", i, strerror(e));
			break;
		}
		h->workers[i].started = true;
		started++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

void serve_threaded(struct handler *h)
{
	if (!serve_set_nonblocking(h))
		return;
	int started = start_workers(h);
	if (started < h->o.nthreads && !atomic_load(&h->fatal))
		err("serving with %d of %d threads", started ? started : 1, h->o.nthreads);
	if (!started && !atomic_load(&h->fatal))
		serve_worker(&h->workers[0]); /* not even one thread: serve on this one */
	for (int i = 0; i < h->o.nthreads; i++) {
		if (h->workers[i].started)
			pthread_join(h->workers[i].thread, NULL);
		h->workers[i].started = false;
		if (h->workers[i].epfd >= 0)
			close(h->workers[i].epfd);
		h->workers[i].epfd = -1;
	}
}
