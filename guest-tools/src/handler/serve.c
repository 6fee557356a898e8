/* Serving the userfaultfd (see serve.h). */
#define _GNU_SOURCE
#include "serve.h"
#include "log.h"
#include "pages.h"
#include "peer.h"
#include "prefetch.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool serve_set_nonblocking(struct handler *h)
{
	int fl = fcntl(h->uffd, F_GETFL);
	if (fl < 0 || fcntl(h->uffd, F_SETFL, fl | O_NONBLOCK) < 0) {
		err("fcntl(userfaultfd, O_NONBLOCK): %s", strerror(errno));
		handler_fail(h, EX_UFFD);
		return false;
	}
	return true;
}

static bool peer_gone_or_failed(struct handler *h)
{
	return atomic_load(&h->peer_gone) || atomic_load(&h->fatal);
}

void defer(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid)
{
	if (w->ndeferred == w->deferred_cap) {
		size_t nc = w->deferred_cap ? w->deferred_cap * 2 : 64;
		struct deferred *nd = realloc(w->deferred, nc * sizeof(*nd));
		if (!nd) {
			handler_oom("faults kept for a retry", nc * sizeof(*nd));
			handler_fail(w->h, EX_NOMEM);
			return;
		}
		w->deferred = nd;
		w->deferred_cap = nc;
	}
	w->deferred[w->ndeferred++] = (struct deferred){addr, flags, tid};
}

/* The removed-page check is made here, when serving, not when the message
 * was read: a REMOVE read in between (by any thread) already turns the
 * fault into a zero-fill. */
bool serve_fault(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid)
{
	struct handler *h = w->h;
	uint64_t psz = h->hs.psz;
	uint64_t t_start = now_ns();
	uint64_t page = addr & ~(psz - 1);
	struct region *r = find_region(h, page);
	if (!r) {
		err("page fault at %#" PRIx64 " lies outside every region of the handshake", addr);
		handler_fail(h, EX_UFFD);
		return true;
	}
	uint64_t off = r->offset + (page - r->base);
	uint64_t gpa = r->gpa + (page - r->base);
	bool load = !is_removed(h, r, page) && !extmap_is_hole(&h->data, off, psz);
	enum op_result res = load ? copy_file_page(h, page, off) : zero_page(h, page);

	switch (res) {
	case OP_DONE: {
		uint64_t t_end = now_ns();
		w->st.faults++;
		if (load)
			w->st.loaded++;
		else
			w->st.zeroed++;
		if (lat_add(&w->st.lat, t_end - t_start)) {
			handler_oom("latency samples", (w->st.lat.cap ? w->st.lat.cap * 2 : 4096) * sizeof(uint64_t));
			handler_fail(h, EX_NOMEM);
			return true;
		}
		log_fault(h, addr, page, flags, tid, load, off, gpa, t_start - h->t0);
		prefetch_note_demand(h, off);
		return true;
	}
	case OP_EXISTS:
		/* another fault on the same page (or the prefetcher) was first */
		w->st.present++;
		wake_page(h, page);
		return true;
	case OP_AGAIN:
		w->st.eagain++;
		return false;
	case OP_GONE:
		atomic_store(&h->peer_gone, true);
		handler_wake(h);
		return true;
	case OP_FATAL:
		return true;
	}
	return true;
}

uint32_t fault_tid(const struct handler *h, const struct uffd_msg *m)
{
	return h->features_known && (h->features & UFFD_FEATURE_THREAD_ID) ? m->arg.pagefault.feat.ptid : 0;
}

/* REMOVE marks its pages removed and is logged, the rest only logged. Runs
 * with read_lock held, right after the read() that returned the event. */
void handle_event(struct handler *h, const struct uffd_msg *m)
{
	switch (m->event) {
	case UFFD_EVENT_REMOVE: {
		uint64_t s = m->arg.remove.start, e = m->arg.remove.end;
		mark_removed(h, s, e);
		h->removes++;
		h->removed_bytes += e - s;
		log_remove(h, s, e, now_ns() - h->t0);
		break;
	}
	case UFFD_EVENT_UNMAP:
		log_printf(h, "# UFFD_EVENT_UNMAP: %#018" PRIx64 " - %#018" PRIx64 "\n", (uint64_t)m->arg.remove.start,
			   (uint64_t)m->arg.remove.end);
		break;
	default:
		log_printf(h, "# unexpected userfaultfd event %#x\n", m->event);
		err("ignoring unexpected userfaultfd event %#x", m->event);
		break;
	}
}

/* Single-threaded path: a fault is served as it is read (its batch's events
 * were handled first). */
static void serve_msg_fault(struct worker *w, const struct uffd_msg *m)
{
	uint32_t tid = fault_tid(w->h, m);
	if (!serve_fault(w, m->arg.pagefault.address, m->arg.pagefault.flags, tid))
		defer(w, m->arg.pagefault.address, m->arg.pagefault.flags, tid);
}

void retry_deferred(struct worker *w)
{
	size_t n = w->ndeferred;
	struct deferred tmp[EV_BATCH];
	while (n && !peer_gone_or_failed(w->h)) {
		size_t k = n < EV_BATCH ? n : EV_BATCH;
		memcpy(tmp, w->deferred, k * sizeof(*tmp));
		memmove(w->deferred, w->deferred + k, (w->ndeferred - k) * sizeof(*tmp));
		w->ndeferred -= k;
		n -= k;
		for (size_t i = 0; i < k; i++)
			if (!serve_fault(w, tmp[i].addr, tmp[i].flags, tmp[i].tid))
				defer(w, tmp[i].addr, tmp[i].flags, tmp[i].tid);
	}
}

/* Reads batches of messages until none is pending. Each read() and the
 * events it returned are handled with read_lock held (a REMOVE's pages are
 * marked before the lock is released: see prefetch.c, which installs under
 * the same lock); the faults of the batch are served after, in order. */
long drain_nonblocking(struct worker *w)
{
	struct handler *h = w->h;
	struct uffd_msg msgs[EV_BATCH];
	long total = 0;
	for (;;) {
		pthread_mutex_lock(&h->read_lock);
		ssize_t n = read(h->uffd, msgs, sizeof(msgs));
		int e = errno;
		if (n > 0 && n % sizeof(struct uffd_msg) == 0)
			for (size_t i = 0; i < (size_t)n / sizeof(struct uffd_msg); i++)
				if (msgs[i].event != UFFD_EVENT_PAGEFAULT)
					handle_event(h, &msgs[i]);
		pthread_mutex_unlock(&h->read_lock);
		if (n < 0) {
			if (e == EAGAIN)
				return total;
			if (e == EINTR) {
				if (atomic_load(&h->signal))
					return total;
				continue;
			}
			err("read(userfaultfd): %s", strerror(e));
			handler_fail(h, EX_UFFD);
			return total;
		}
		if (n == 0) {
			atomic_store(&h->peer_gone, true);
			return total;
		}
		if (n % sizeof(struct uffd_msg)) {
			err("read(userfaultfd) returned %zd bytes, not a multiple of %zu", n, sizeof(struct uffd_msg));
			handler_fail(h, EX_UFFD);
			return total;
		}
		for (size_t i = 0; i < (size_t)n / sizeof(struct uffd_msg); i++)
			if (msgs[i].event == UFFD_EVENT_PAGEFAULT)
				serve_msg_fault(w, &msgs[i]);
		total += n / (long)sizeof(struct uffd_msg);
		if (peer_gone_or_failed(h))
			return total;
	}
}

/* Reads batches of up to EV_BATCH messages and handles each in order as it
 * is read. Sleeps in poll() on the userfaultfd, the socket and the wake-up
 * pipe (a fatal error in the prefetcher). */
void serve_single(struct worker *w)
{
	struct handler *h = w->h;
	struct pollfd p[3] = {{.fd = h->uffd, .events = POLLIN},
			      {.fd = h->conn, .events = POLLIN | POLLRDHUP},
			      {.fd = h->wake_pipe[0], .events = POLLIN}};
	if (!serve_set_nonblocking(h))
		return;
	for (;;) {
		long got = drain_nonblocking(w);
		if (!got && h->o.busy_poll_ns && !handler_stopping(h)) {
			/* spin a little before sleeping: saves the wake-up of this
			 * thread (an IPI, expensive in a VM) when faults come in bursts */
			uint64_t until = now_ns() + h->o.busy_poll_ns;
			while (!got && now_ns() < until && !handler_stopping(h))
				got = drain_nonblocking(w);
		}
		if (w->ndeferred && !peer_gone_or_failed(h)) {
			retry_deferred(w);
			if (w->ndeferred) {
				/* still EAGAIN: a REMOVE is in flight, its event comes next */
				struct pollfd q = {.fd = h->uffd, .events = POLLIN};
				if (poll(&q, 1, 1) < 0 && errno != EINTR) {
					err("poll(userfaultfd): %s", strerror(errno));
					handler_fail(h, EX_UFFD);
				}
			}
		}
		if (handler_stopping(h))
			return;
		if (w->ndeferred)
			continue;
		int n = poll(p, 3, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err("poll: %s", strerror(errno));
			handler_fail(h, EX_UFFD);
			return;
		}
		if (p[0].revents & (POLLERR | POLLNVAL)) {
			err("userfaultfd reported %s", p[0].revents & POLLNVAL ? "POLLNVAL" : "POLLERR");
			handler_fail(h, EX_UFFD);
			return;
		}
		if (p[0].revents & POLLIN)
			continue; /* serve first, look at the socket when idle */
		if (p[1].revents & (POLLHUP | POLLRDHUP | POLLERR)) {
			atomic_store(&h->peer_gone, true);
			continue;
		}
		if (p[1].revents & POLLIN)
			peer_check_socket(h);
	}
}
