/*
 * uffd-handler: an external userfaultfd page-fault handler that speaks
 * Firecracker's snapshot-restore protocol (UffdVisualizer guest-tools).
 *
 *   uffd-handler [options] SOCKET MEMORY_FILE
 *
 * Creates the Unix socket SOCKET, accepts one connection, receives the
 * userfaultfd (SCM_RIGHTS) and the JSON list of guest memory regions, and
 * serves page faults from MEMORY_FILE (mapped read-only) until the peer goes
 * away. See docs/uffd-handler.md for
 * the log format and the exit codes.
 */
#define _GNU_SOURCE
#include "uffd-common.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

/* exit codes (documented in the README) */
enum {
	EX_OK = 0,
	EX_USAGE = 1,
	EX_SOCKET = 2,     /* socket path exists / bind / accept failed */
	EX_MEMFILE = 3,    /* memory file cannot be opened or mapped */
	EX_NOFD = 4,       /* handshake carried no (userfault) fd */
	EX_JSON = 5,       /* handshake JSON malformed or missing fields */
	EX_REGIONS = 6,    /* regions do not fit the memory file / invalid */
	EX_UFFD = 7,       /* userfaultfd operation failed while serving */
	EX_PREFETCH = 8,   /* prefetch file unreadable or invalid */
	EX_NOPEER = 9,     /* no connection / no handshake before timeout, or peer closed first */
	EX_SIGNAL = 10,    /* stopped by SIGINT/SIGTERM (summary still printed) */
	EX_LOG = 11,       /* log file cannot be written */
};

#define PROG "uffd-handler"
#define MAX_REGIONS 64
#define EV_BATCH 64
#define HANDSHAKE_MAX (256 * 1024)

struct region {
	uint64_t base, size, offset, gpa;
	_Atomic uint64_t *removed; /* one bit per page: removed by UFFD_EVENT_REMOVE */
	uint64_t npages;
};

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
	pthread_t thread;
	bool started;
	struct stats st;
	struct deferred *deferred; /* faults that got EAGAIN, retried later */
	size_t ndeferred, deferred_cap;
	int epfd; /* where it sleeps (serve_threaded); 0 or -1: none */
};

#define MAX_THREADS 64

static struct {
	/* options */
	const char *sock_path, *mem_path, *log_path, *prefetch_path;
	bool force, extended, prefetch_parallel, quiet, populate;
	uint64_t busy_poll_ns;
	uint64_t page_size_opt;
	int accept_timeout_ms, handshake_timeout_ms;
	enum gpa_layout layout;
	uint64_t region_gpa_opt[MAX_REGIONS];
	int nregion_gpa_opt;

	/* state */
	int listen_fd, conn, uffd, mem_fd;
	bool sock_created;
	const uint8_t *mem;
	uint64_t mem_size;
	struct extmap data;
	struct region regions[MAX_REGIONS];
	int nregions;
	uint64_t psz;
	FILE *log;
	uint64_t t0;
	pid_t peer_pid;
	uint64_t features;
	bool features_known;
	void *zero_buf;
	atomic_bool zeropage_unsupported; /* learnt by whichever thread meets it first */

	uint64_t *prefetch_offs;
	size_t nprefetch;
	uint64_t *pf_keys; /* open addressing: page offset + 1 -> first index */
	uint32_t *pf_vals;
	size_t pf_mask;
	_Atomic int64_t demand_pos; /* furthest working-set index served on demand */
	pthread_t prefetch_thread;
	bool prefetch_started;
	atomic_bool stop_prefetch;

	/* serving threads (--threads); see serve_threaded() for the locking */
	int nthreads;
	struct worker workers[MAX_THREADS];
	pthread_mutex_t read_lock;
	int sig_pipe[2]; /* --threads > 1: written to wake every thread in epoll_wait() */

	/* counters; removes/removed_bytes change only with read_lock held (or
	 * with a single thread), the others are merged from the workers at exit */
	uint64_t removes, removed_bytes;
	struct stats total;
	_Atomic uint64_t prefetched, prefetch_zeroed, prefetch_present, prefetch_skipped;
	uint64_t prefetch_ns;
	atomic_bool peer_gone;
} H = {
	.listen_fd = -1, .conn = -1, .uffd = -1, .mem_fd = -1,
	.handshake_timeout_ms = 10000, .prefetch_parallel = true,
	.nthreads = 1, .read_lock = PTHREAD_MUTEX_INITIALIZER, .sig_pipe = {-1, -1},
};

/* Atomic, not just volatile sig_atomic_t: the serving and prefetch threads
 * read it while the main thread's signal handler writes it (lock-free, so
 * safe in a handler). */
static atomic_int got_signal;

static void on_signal(int sig)
{
	int saved = errno;
	got_signal = sig;
	/* with --threads > 1 the signal lands on the main thread, which only
	 * waits in pthread_join(): wake the serving threads through the pipe
	 * (pipe full: they have a wake-up pending anyway) */
	if (H.sig_pipe[1] >= 0 && write(H.sig_pipe[1], "s", 1) < 0)
		(void)0;
	errno = saved;
}

/* Named in every message err() prints (uffd-common.h). */
const char *const uffd_prog = PROG;

static void cleanup_socket(void)
{
	if (H.listen_fd >= 0) {
		close(H.listen_fd);
		H.listen_fd = -1;
	}
	if (H.sock_created) {
		if (unlink(H.sock_path) < 0 && errno != ENOENT)
			err("unlink(%s): %s", H.sock_path, strerror(errno));
		H.sock_created = false;
	}
}

static void print_summary(const char *why);
static void pf_note_demand(uint64_t off);

__attribute__((noreturn)) static void die(int code)
{
	cleanup_socket();
	if (H.prefetch_started && !pthread_equal(pthread_self(), H.prefetch_thread)) {
		atomic_store(&H.stop_prefetch, true);
		pthread_join(H.prefetch_thread, NULL);
		H.prefetch_started = false;
	}
	if (H.log)
		fflush(H.log);
	exit(code);
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [options] SOCKET MEMORY_FILE\n"
"Serves the userfaultfd that a Firecracker (or fake-vmm) sends over SOCKET with\n"
"pages of MEMORY_FILE (a snapshot memory file, mapped read-only).\n"
"  --log FILE            write the fault log to FILE (default: stdout)\n"
"  --log-format F        'default' (the original handler's lines) or 'extended'\n"
"                        (thread id, ns since connect, guest-physical address)\n"
"  --prefetch FILE       copy the pages at these memory-file offsets (one per\n"
"                        line, 0x-hex or decimal, in order) proactively\n"
"  --prefetch-mode M     'parallel' (second thread, default) or 'before'\n"
"                        (all prefetching done before serving demand faults)\n"
"  --page-size N         page size when the handshake does not carry one\n"
"                        (4096 or 2M); must agree with the handshake otherwise\n"
"  --layout L            guest-physical layout for gpa= in extended logs:\n"
"                        x86_64 (default: region 0 at 0, next ones from 4 GiB),\n"
"                        aarch64 (from 2 GiB), flat (contiguous from 0)\n"
"  --region-gpa A[,B..]  explicit guest-physical start of each region\n"
"  --force, --replace    replace an existing socket at SOCKET\n"
"  --accept-timeout S    give up (exit 9) if nobody connects within S seconds\n"
"  --handshake-timeout S wait at most S seconds for the handshake (default 10)\n"
"  --populate            map the memory file's data into the page tables before\n"
"                        accepting (MADV_POPULATE_READ): faster copies later\n"
"  --busy-poll US        spin up to US microseconds for the next event before\n"
"                        sleeping in poll() (lower latency, burns CPU)\n"
"  --threads N           serve with N threads reading the same userfaultfd\n"
"                        (default 1); concurrent faults are served in parallel\n"
"  --quiet               no summary on stderr\n"
"  -h, --help\n"
"Exit codes: 0 peer went away, 1 usage, 2 socket, 3 memory file, 4 no fd in\n"
"handshake, 5 malformed JSON, 6 regions do not fit, 7 userfaultfd error,\n"
"8 prefetch file, 9 no peer / no handshake, 10 signal, 11 log file.\n");
}

/* ---------- page state helpers ---------- */

static struct region *find_region(uint64_t addr)
{
	for (int i = 0; i < H.nregions; i++) {
		struct region *r = &H.regions[i];
		if (addr >= r->base && addr - r->base < r->size)
			return r;
	}
	return NULL;
}

static struct region *find_region_by_offset(uint64_t off)
{
	for (int i = 0; i < H.nregions; i++) {
		struct region *r = &H.regions[i];
		if (off >= r->offset && off - r->offset < r->size)
			return r;
	}
	return NULL;
}

static bool is_removed(const struct region *r, uint64_t page)
{
	uint64_t idx = (page - r->base) / H.psz;
	return (atomic_load_explicit(&r->removed[idx / 64], memory_order_acquire) >> (idx % 64)) & 1;
}

static void mark_removed(uint64_t start, uint64_t end)
{
	for (int i = 0; i < H.nregions; i++) {
		struct region *r = &H.regions[i];
		uint64_t s = start > r->base ? start : r->base;
		uint64_t e = end < r->base + r->size ? end : r->base + r->size;
		if (s >= e)
			continue;
		/* whole pages only: partly removed pages are not dropped by the kernel */
		uint64_t first = (s - r->base + H.psz - 1) / H.psz;
		uint64_t last = (e - r->base) / H.psz; /* exclusive */
		for (uint64_t p = first; p < last; p++)
			atomic_fetch_or_explicit(&r->removed[p / 64], 1ULL << (p % 64), memory_order_release);
	}
}

static uint64_t ts_rel(void)
{
	return now_ns() - H.t0;
}

/* With --threads > 1 the other serving threads may be asleep in epoll_wait()
 * when one learns that serving must stop: wake them all. */
static void wake_servers(void)
{
	if (H.sig_pipe[1] >= 0 && write(H.sig_pipe[1], "g", 1) < 0)
		(void)0; /* pipe full: the reader has a wake-up pending anyway */
}

/* ---------- userfaultfd operations ---------- */

enum op_result { OP_DONE, OP_EXISTS, OP_AGAIN, OP_GONE };

static enum op_result fail_op(const char *what, uint64_t page, uint64_t len)
{
	int e = errno;
	if (e == EEXIST)
		return OP_EXISTS;
	if (e == EAGAIN)
		return OP_AGAIN;
	if (e == ESRCH || e == ENOENT || e == EFAULT) {
		/* ESRCH: the target mm is gone; ENOENT/EFAULT: the range was unmapped */
		if (e == ESRCH)
			return OP_GONE;
		err("%s at %#" PRIx64 " (+%#" PRIx64 ") failed: %s (range no longer mapped by the peer)",
		    what, page, len, strerror(e));
		return OP_GONE;
	}
	err("ioctl(%s) at %#" PRIx64 " (+%#" PRIx64 ") failed: %s%s", what, page, len, strerror(e),
	    e == EINVAL && len < 2 * MIB ? " (is the guest memory on hugetlbfs? the handshake gave no page size: "
					    "pass --page-size 2M)" : "");
	die(EX_UFFD);
}

static enum op_result do_copy(uint64_t page, const void *src, uint64_t len)
{
	struct uffdio_copy c = {.dst = page, .src = (uint64_t)(uintptr_t)src, .len = len, .mode = 0};
	if (ioctl(H.uffd, UFFDIO_COPY, &c) == 0)
		return OP_DONE;
	if (errno == EAGAIN && c.copy > 0 && (uint64_t)c.copy < len) {
		/* partial copy: treat like EAGAIN, the rest is retried later */
		return OP_AGAIN;
	}
	return fail_op("UFFDIO_COPY", page, len);
}

static enum op_result do_zero(uint64_t page, uint64_t len)
{
	if (!atomic_load_explicit(&H.zeropage_unsupported, memory_order_relaxed)) {
		struct uffdio_zeropage z = {.range = {.start = page, .len = len}, .mode = 0};
		if (ioctl(H.uffd, UFFDIO_ZEROPAGE, &z) == 0)
			return OP_DONE;
		if (errno != EINVAL)
			return fail_op("UFFDIO_ZEROPAGE", page, len);
		/* hugetlbfs has no UFFDIO_ZEROPAGE: copy from a zero page instead */
		atomic_store_explicit(&H.zeropage_unsupported, true, memory_order_relaxed);
	}
	return do_copy(page, H.zero_buf, len);
}

static void do_wake(uint64_t page, uint64_t len)
{
	struct uffdio_range r = {.start = page, .len = len};
	if (ioctl(H.uffd, UFFDIO_WAKE, &r) < 0 && errno != ESRCH && errno != ENOENT)
		err("ioctl(UFFDIO_WAKE) at %#" PRIx64 ": %s", page, strerror(errno));
}

/* ---------- log lines ---------- */

static void log_fault(uint64_t addr, uint64_t page, uint64_t flags, uint32_t tid, bool load,
		      uint64_t off, uint64_t gpa, uint64_t t)
{
	char rw = (flags & UFFD_PAGEFAULT_FLAG_WRITE) ? 'w' : 'r';
	const char *act = load ? "Loading" : "Zeroing";
	if (!H.extended)
		fprintf(H.log, "UFFD_EVENT_PAGEFAULT (%c): %#018" PRIx64 " %#018" PRIx64 "  %s: %#018" PRIx64
			" - %#018" PRIx64 "\n", rw, addr, page, act, off, off + H.psz);
	else
		fprintf(H.log, "UFFD_EVENT_PAGEFAULT (%c): %" PRIu32 " %#018" PRIx64 " %#018" PRIx64 " %s: %#018" PRIx64
			" - %#018" PRIx64 " t=%" PRIu64 " gpa=%#018" PRIx64 "\n",
			rw, tid, addr, page, act, off, off + H.psz, t, gpa);
}

/* Prefetched pages: a page-fault line with the action "Prefetching:" (read
 * fault, thread 0 in the extended format; " zero" at the end of extended
 * lines when the page was a hole and got zero-filled). */
static void log_prefetch(uint64_t page, bool load, uint64_t off, uint64_t gpa, uint64_t t)
{
	if (!H.extended)
		fprintf(H.log, "UFFD_EVENT_PAGEFAULT (r): %#018" PRIx64 " %#018" PRIx64 "  Prefetching: %#018" PRIx64
			" - %#018" PRIx64 "\n", page, page, off, off + H.psz);
	else
		fprintf(H.log, "UFFD_EVENT_PAGEFAULT (r): 0 %#018" PRIx64 " %#018" PRIx64 " Prefetching: %#018" PRIx64
			" - %#018" PRIx64 " t=%" PRIu64 " gpa=%#018" PRIx64 "%s\n",
			page, page, off, off + H.psz, t, gpa, load ? "" : " zero");
}

/* ---------- serving ---------- */

static void defer(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid)
{
	if (w->ndeferred == w->deferred_cap) {
		size_t nc = w->deferred_cap ? w->deferred_cap * 2 : 64;
		struct deferred *nd = realloc(w->deferred, nc * sizeof(*nd));
		if (!nd) {
			err("realloc: %s", strerror(errno));
			die(EX_UFFD);
		}
		w->deferred = nd;
		w->deferred_cap = nc;
	}
	w->deferred[w->ndeferred++] = (struct deferred){addr, flags, tid};
}

/* Serves one demand fault, counting it in w's stats. The removed-page check
 * is made here, when serving, not when the message was read: a REMOVE read
 * in between (by any thread) already turns the fault into a zero-fill.
 * Returns false if the fault must be retried later (EAGAIN). */
static bool serve_fault(struct worker *w, uint64_t addr, uint64_t flags, uint32_t tid)
{
	uint64_t t_start = now_ns();
	uint64_t page = addr & ~(H.psz - 1);
	struct region *r = find_region(page);
	if (!r) {
		err("page fault at %#" PRIx64 " lies outside every region of the handshake", addr);
		die(EX_UFFD);
	}
	uint64_t off = r->offset + (page - r->base);
	uint64_t gpa = r->gpa + (page - r->base);
	bool load = !is_removed(r, page) && !extmap_is_hole(&H.data, off, H.psz);
	enum op_result res = load ? do_copy(page, H.mem + off, H.psz) : do_zero(page, H.psz);

	switch (res) {
	case OP_DONE: {
		uint64_t t_end = now_ns();
		w->st.faults++;
		if (load)
			w->st.loaded++;
		else
			w->st.zeroed++;
		if (lat_add(&w->st.lat, t_end - t_start)) {
			err("out of memory for latency samples");
			die(EX_UFFD);
		}
		log_fault(addr, page, flags, tid, load, off, gpa, t_start - H.t0);
		pf_note_demand(off);
		return true;
	}
	case OP_EXISTS:
		/* another fault on the same page (or the prefetcher) was first */
		w->st.present++;
		do_wake(page, H.psz);
		return true;
	case OP_AGAIN:
		w->st.eagain++;
		return false;
	case OP_GONE:
		atomic_store(&H.peer_gone, true);
		wake_servers();
		return true;
	}
	return true;
}

static uint32_t fault_tid(const struct uffd_msg *m)
{
	return H.features_known && (H.features & UFFD_FEATURE_THREAD_ID) ? m->arg.pagefault.feat.ptid : 0;
}

/* Every event but a page fault: REMOVE marks its pages removed and is
 * logged, the rest only logged. With several serving threads this runs with
 * read_lock held, right after the read() that returned the event. */
static void handle_event(const struct uffd_msg *m)
{
	switch (m->event) {
	case UFFD_EVENT_REMOVE: {
		uint64_t s = m->arg.remove.start, e = m->arg.remove.end;
		mark_removed(s, e);
		H.removes++;
		H.removed_bytes += e - s;
		if (!H.extended)
			fprintf(H.log, "UFFD_EVENT_REMOVE: %#018" PRIx64 " - %#018" PRIx64 "\n", s, e);
		else
			fprintf(H.log, "UFFD_EVENT_REMOVE: %#018" PRIx64 " - %#018" PRIx64 " t=%" PRIu64 "\n", s, e, ts_rel());
		break;
	}
	case UFFD_EVENT_UNMAP:
		fprintf(H.log, "# UFFD_EVENT_UNMAP: %#018" PRIx64 " - %#018" PRIx64 "\n",
			(uint64_t)m->arg.remove.start, (uint64_t)m->arg.remove.end);
		break;
	default:
		fprintf(H.log, "# unexpected userfaultfd event %#x\n", m->event);
		err("ignoring unexpected userfaultfd event %#x", m->event);
		break;
	}
}

/* Single-threaded path: a message is handled (a fault served) as it is read. */
static void handle_msg(struct worker *w, const struct uffd_msg *m)
{
	if (m->event != UFFD_EVENT_PAGEFAULT) {
		handle_event(m);
		return;
	}
	uint32_t tid = fault_tid(m);
	if (!serve_fault(w, m->arg.pagefault.address, m->arg.pagefault.flags, tid))
		defer(w, m->arg.pagefault.address, m->arg.pagefault.flags, tid);
}

static void retry_deferred(struct worker *w)
{
	size_t n = w->ndeferred;
	struct deferred tmp[EV_BATCH];
	while (n && !atomic_load(&H.peer_gone)) {
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

/* Reads and handles whatever is pending (single-threaded path and
 * --prefetch-mode before); returns the number of messages. */
static long drain_nonblocking(struct worker *w)
{
	struct uffd_msg msgs[EV_BATCH];
	long total = 0;
	for (;;) {
		ssize_t n = read(H.uffd, msgs, sizeof(msgs));
		if (n < 0) {
			if (errno == EAGAIN)
				return total;
			if (errno == EINTR) {
				if (got_signal)
					return total;
				continue;
			}
			err("read(userfaultfd): %s", strerror(errno));
			die(EX_UFFD);
		}
		if (n == 0) {
			atomic_store(&H.peer_gone, true);
			return total;
		}
		if (n % sizeof(struct uffd_msg)) {
			err("read(userfaultfd) returned %zd bytes, not a multiple of %zu", n, sizeof(struct uffd_msg));
			die(EX_UFFD);
		}
		for (size_t i = 0; i < (size_t)n / sizeof(struct uffd_msg); i++)
			handle_msg(w, &msgs[i]);
		total += n / (long)sizeof(struct uffd_msg);
		if (atomic_load(&H.peer_gone))
			return total;
	}
}

/* ---------- prefetch ---------- */

static size_t pf_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

static void pf_index_build(void)
{
	size_t cap = 16;
	while (cap < H.nprefetch * 2)
		cap <<= 1;
	H.pf_keys = calloc(cap, sizeof(*H.pf_keys));
	H.pf_vals = calloc(cap, sizeof(*H.pf_vals));
	if (!H.pf_keys || !H.pf_vals) {
		err("calloc(prefetch index): %s", strerror(errno));
		die(EX_PREFETCH);
	}
	H.pf_mask = cap - 1;
	for (size_t i = 0; i < H.nprefetch; i++) {
		uint64_t k = H.prefetch_offs[i] + 1;
		size_t h = pf_hash(k) & H.pf_mask;
		while (H.pf_keys[h] && H.pf_keys[h] != k)
			h = (h + 1) & H.pf_mask;
		if (!H.pf_keys[h]) {
			H.pf_keys[h] = k;
			H.pf_vals[h] = (uint32_t)i;
		}
	}
	atomic_store(&H.demand_pos, -1);
}

/* A demand fault served page OFF: let the prefetcher skip ahead of it. */
static void pf_note_demand(uint64_t off)
{
	if (!H.pf_keys)
		return;
	uint64_t k = off + 1;
	size_t h = pf_hash(k) & H.pf_mask;
	while (H.pf_keys[h]) {
		if (H.pf_keys[h] == k) {
			int64_t idx = H.pf_vals[h], cur = atomic_load_explicit(&H.demand_pos, memory_order_relaxed);
			while (idx > cur && !atomic_compare_exchange_weak(&H.demand_pos, &cur, idx))
				;
			return;
		}
		h = (h + 1) & H.pf_mask;
	}
}

static void prefetch_one(uint64_t off)
{
	struct region *r = find_region_by_offset(off);
	if (!r) {
		atomic_fetch_add(&H.prefetch_skipped, 1);
		return;
	}
	uint64_t page = r->base + (off - r->offset);
	for (int attempt = 0;; attempt++) {
		if (is_removed(r, page)) {
			atomic_fetch_add(&H.prefetch_skipped, 1);
			return;
		}
		bool load = !extmap_is_hole(&H.data, off, H.psz);
		uint64_t t = ts_rel();
		enum op_result res = load ? do_copy(page, H.mem + off, H.psz) : do_zero(page, H.psz);
		if (res == OP_DONE) {
			atomic_fetch_add(load ? &H.prefetched : &H.prefetch_zeroed, 1);
			log_prefetch(page, load, off, r->gpa + (page - r->base), t);
			return;
		}
		if (res == OP_EXISTS) {
			atomic_fetch_add(&H.prefetch_present, 1);
			return;
		}
		if (res == OP_GONE) {
			atomic_store(&H.stop_prefetch, true);
			return;
		}
		/* OP_AGAIN: a non-cooperative event (REMOVE) is pending */
		if (!H.prefetch_parallel)
			drain_nonblocking(&H.workers[0]); /* 'before' runs on the main thread */
		else
			usleep(50);
		if (attempt > 100000 || atomic_load(&H.stop_prefetch) || got_signal) {
			atomic_fetch_add(&H.prefetch_skipped, 1);
			return;
		}
	}
}

static void *prefetch_main(void *arg)
{
	(void)arg;
	uint64_t t = now_ns();
	bool skipped = false;
	/* In order; when a demand fault shows that the VMM is already further
	 * along the working set, jump ahead of it (the pages in between were
	 * most likely faulted in on demand), and sweep the list once more at
	 * the end for whatever the jumps left out. */
	for (size_t i = 0; i < H.nprefetch && !atomic_load(&H.stop_prefetch) && !got_signal; i++) {
		int64_t d = atomic_load_explicit(&H.demand_pos, memory_order_relaxed);
		if (H.prefetch_parallel && d >= 0 && (size_t)d >= i) {
			i = (size_t)d + 1;
			skipped = true;
			if (i >= H.nprefetch)
				break;
		}
		prefetch_one(H.prefetch_offs[i]);
	}
	if (skipped) {
		for (size_t i = 0; i < H.nprefetch && !atomic_load(&H.stop_prefetch) && !got_signal; i++)
			prefetch_one(H.prefetch_offs[i]);
	}
	H.prefetch_ns = now_ns() - t;
	return NULL;
}

static void load_prefetch_file(void)
{
	pid_t zpid;
	FILE *f = open_maybe_gz(H.prefetch_path, &zpid);
	if (!f) {
		err("cannot open prefetch file %s: %s", H.prefetch_path, strerror(errno));
		die(EX_PREFETCH);
	}
	char *line = NULL;
	size_t cap = 0, cnt = 0, lineno = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		char *e = s + strlen(s);
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			*--e = 0;
		if (!*s || *s == '#')
			continue;
		uint64_t v;
		if (parse_u64(s, &v, 0)) {
			err("%s:%zu: not an offset (0x-hex or decimal): '%s'", H.prefetch_path, lineno, s);
			free(line);
			close_maybe_gz(f, zpid);
			die(EX_PREFETCH);
		}
		if (cnt == H.nprefetch) {
			size_t nc = cnt ? cnt * 2 : 1024;
			uint64_t *n = realloc(H.prefetch_offs, nc * sizeof(*n));
			if (!n) {
				err("realloc: %s", strerror(errno));
				die(EX_PREFETCH);
			}
			H.prefetch_offs = n;
			/* capacity tracked implicitly */
			H.nprefetch = nc;
		}
		H.prefetch_offs[cnt++] = v;
	}
	free(line);
	if (close_maybe_gz(f, zpid)) {
		err("error reading prefetch file %s", H.prefetch_path);
		die(EX_PREFETCH);
	}
	H.nprefetch = cnt;
}

static void check_prefetch_offsets(void)
{
	for (size_t i = 0; i < H.nprefetch; i++) {
		uint64_t off = H.prefetch_offs[i] & ~(H.psz - 1);
		if (off >= H.mem_size) {
			err("prefetch entry %zu: offset %#" PRIx64 " is beyond the memory file (%" PRIu64 " bytes)",
			    i + 1, H.prefetch_offs[i], H.mem_size);
			die(EX_PREFETCH);
		}
		H.prefetch_offs[i] = off;
	}
}

/* ---------- setup ---------- */

static void open_memory_file(void)
{
	struct stat st;
	const char *what;

	H.mem_fd = open(H.mem_path, O_RDONLY | O_CLOEXEC);
	if (H.mem_fd < 0) {
		err("open(%s): %s", H.mem_path, strerror(errno));
		die(EX_MEMFILE);
	}
	if (fstat(H.mem_fd, &st) < 0) {
		err("fstat(%s): %s", H.mem_path, strerror(errno));
		die(EX_MEMFILE);
	}
	if (!S_ISREG(st.st_mode)) {
		err("memory file %s is not a regular file", H.mem_path);
		die(EX_MEMFILE);
	}
	if (st.st_size == 0) {
		err("memory file %s is empty", H.mem_path);
		die(EX_MEMFILE);
	}
	H.mem_size = (uint64_t)st.st_size;
	void *p = mmap(NULL, H.mem_size, PROT_READ, MAP_SHARED | MAP_NORESERVE, H.mem_fd, 0);
	if (p == MAP_FAILED) {
		err("mmap(%s, %" PRIu64 " bytes, PROT_READ): %s", H.mem_path, H.mem_size, strerror(errno));
		die(EX_MEMFILE);
	}
	H.mem = p;
	if (extmap_build(H.mem_fd, H.mem_size, &H.data, &what) < 0) {
		err("%s on %s: %s", what, H.mem_path, strerror(errno));
		die(EX_MEMFILE);
	}
	if (H.populate) {
		/* map the data extents now, before the VMM connects, so that
		 * UFFDIO_COPY does not take a page fault on its source */
		for (size_t i = 0; i < H.data.n; i++) {
			if (madvise((void *)(H.mem + H.data.start[i]), H.data.end[i] - H.data.start[i], MADV_POPULATE_READ) < 0) {
				err("madvise(MADV_POPULATE_READ) on %s: %s (continuing without)", H.mem_path, strerror(errno));
				break;
			}
		}
	}
}

static void create_socket(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct stat st;

	if (strlen(H.sock_path) >= sizeof(sa.sun_path)) {
		err("socket path %s is too long (max %zu bytes)", H.sock_path, sizeof(sa.sun_path) - 1);
		die(EX_SOCKET);
	}
	strcpy(sa.sun_path, H.sock_path);
	if (lstat(H.sock_path, &st) == 0) {
		if (!H.force) {
			err("socket path %s already exists; refusing to reuse it (pass --force to replace it)", H.sock_path);
			die(EX_SOCKET);
		}
		if (!S_ISSOCK(st.st_mode)) {
			err("--force given, but %s is not a socket; refusing to delete it", H.sock_path);
			die(EX_SOCKET);
		}
		if (unlink(H.sock_path) < 0) {
			err("unlink(%s): %s", H.sock_path, strerror(errno));
			die(EX_SOCKET);
		}
	} else if (errno != ENOENT) {
		err("lstat(%s): %s", H.sock_path, strerror(errno));
		die(EX_SOCKET);
	}
	H.listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (H.listen_fd < 0) {
		err("socket(AF_UNIX): %s", strerror(errno));
		die(EX_SOCKET);
	}
	mode_t old = umask(0177);
	int rc = bind(H.listen_fd, (struct sockaddr *)&sa, sizeof(sa));
	int e = errno;
	umask(old);
	if (rc < 0) {
		err("bind(%s): %s", H.sock_path, strerror(e));
		die(EX_SOCKET);
	}
	H.sock_created = true;
	if (chmod(H.sock_path, 0600) < 0) {
		err("chmod(%s, 0600): %s", H.sock_path, strerror(errno));
		die(EX_SOCKET);
	}
	if (listen(H.listen_fd, 1) < 0) {
		err("listen(%s): %s", H.sock_path, strerror(errno));
		die(EX_SOCKET);
	}
}

static void accept_peer(void)
{
	struct pollfd p = {.fd = H.listen_fd, .events = POLLIN};
	int tmo = H.accept_timeout_ms > 0 ? H.accept_timeout_ms : -1;
	for (;;) {
		int n = poll(&p, 1, tmo);
		if (n < 0 && errno == EINTR) {
			if (got_signal) {
				err("stopped by signal %d while waiting for a connection", (int)got_signal);
				die(EX_SIGNAL);
			}
			continue;
		}
		if (n < 0) {
			err("poll(listening socket): %s", strerror(errno));
			die(EX_SOCKET);
		}
		if (n == 0) {
			err("nobody connected to %s within %d ms", H.sock_path, H.accept_timeout_ms);
			die(EX_NOPEER);
		}
		break;
	}
	H.conn = accept4(H.listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (H.conn < 0) {
		err("accept(%s): %s", H.sock_path, strerror(errno));
		die(EX_SOCKET);
	}
	H.t0 = now_ns();
	/* Firecracker connects once: the listening socket and its path are done. */
	cleanup_socket();

	struct ucred cr;
	socklen_t cl = sizeof(cr);
	if (getsockopt(H.conn, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0) {
		err("getsockopt(SO_PEERCRED): %s (peer PID unknown)", strerror(errno));
		H.peer_pid = 0;
	} else {
		H.peer_pid = cr.pid;
	}
}

static bool wait_readable(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	uint64_t deadline = now_ns() + (uint64_t)ms * 1000000ULL;
	for (;;) {
		uint64_t now = now_ns();
		int left = now >= deadline ? 0 : (int)((deadline - now) / 1000000ULL);
		int n = poll(&p, 1, left);
		if (n < 0 && errno == EINTR) {
			if (got_signal) {
				err("stopped by signal %d during the handshake", (int)got_signal);
				die(EX_SIGNAL);
			}
			continue;
		}
		if (n < 0) {
			err("poll(connection): %s", strerror(errno));
			die(EX_SOCKET);
		}
		return n > 0;
	}
}

static const char *json_type_label(json_object *o)
{
	return json_type_to_name(json_object_get_type(o));
}

/* Reads a required (or optional) non-negative integer field. */
static bool get_uint_field(json_object *obj, int idx, const char *key, bool required, uint64_t *out)
{
	json_object *v;
	if (!json_object_object_get_ex(obj, key, &v)) {
		if (required) {
			err("handshake: region %d has no \"%s\" field (every region needs base_host_virt_addr, size and offset)",
			    idx, key);
			die(EX_JSON);
		}
		return false;
	}
	if (!json_object_is_type(v, json_type_int)) {
		err("handshake: region %d: \"%s\" must be a non-negative integer, got %s %s", idx, key,
		    json_type_label(v), json_object_to_json_string(v));
		die(EX_JSON);
	}
	errno = 0;
	int64_t sv = json_object_get_int64(v);
	if (sv < 0) {
		err("handshake: region %d: \"%s\" is negative (%" PRId64 ")", idx, key, sv);
		die(EX_JSON);
	}
	uint64_t uv = json_object_get_uint64(v);
	*out = uv;
	return true;
}

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static void receive_handshake(void)
{
	char *buf = malloc(HANDSHAKE_MAX + 1);
	size_t have = 0;
	int fds[8];
	int nfds = 0;
	json_tokener *tok = json_tokener_new();
	json_object *root = NULL;
	enum json_tokener_error jerr = json_tokener_continue;

	if (!buf || !tok) {
		err("out of memory");
		die(EX_USAGE);
	}
	if (!wait_readable(H.conn, H.handshake_timeout_ms)) {
		err("handshake: the peer sent nothing within %d ms", H.handshake_timeout_ms);
		die(EX_NOPEER);
	}
	for (int first = 1;; first = 0) {
		union {
			struct cmsghdr h;
			char b[CMSG_SPACE(sizeof(int) * 8)];
		} cbuf;
		struct iovec iov = {.iov_base = buf + have, .iov_len = HANDSHAKE_MAX - have};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf.b,
				    .msg_controllen = sizeof(cbuf.b)};
		ssize_t n = recvmsg(H.conn, &mh, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err("recvmsg(handshake): %s", strerror(errno));
			die(EX_SOCKET);
		}
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
				continue;
			int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			int *p = (int *)CMSG_DATA(c);
			for (int i = 0; i < k; i++) {
				if (nfds < 8)
					fds[nfds++] = p[i];
				else
					close(p[i]);
			}
		}
		if (mh.msg_flags & MSG_CTRUNC) {
			err("handshake: control message truncated (more file descriptors than expected)");
			die(EX_NOFD);
		}
		if (n == 0) {
			if (first) {
				err("handshake: the peer closed the connection without sending anything");
				die(EX_NOPEER);
			}
			break;
		}
		if (first && nfds == 0) {
			err("handshake: message carried no file descriptor (expected the userfaultfd as SCM_RIGHTS "
			    "ancillary data together with the JSON)");
			die(EX_NOFD);
		}
		root = json_tokener_parse_ex(tok, buf + have, (int)n);
		jerr = json_tokener_get_error(tok);
		have += (size_t)n;
		if (jerr != json_tokener_continue)
			break;
		if (have >= HANDSHAKE_MAX) {
			err("handshake: JSON longer than %d bytes", HANDSHAKE_MAX);
			die(EX_JSON);
		}
		if (!wait_readable(H.conn, 2000)) {
			buf[have] = 0;
			err("handshake: incomplete JSON (no more data within 2 s): '%.200s'", buf);
			die(EX_JSON);
		}
	}
	buf[have] = 0;
	if (nfds > 1) {
		err("handshake: %d file descriptors received, using the first, closing the rest", nfds);
		for (int i = 1; i < nfds; i++)
			close(fds[i]);
	}
	H.uffd = fds[0];

	/* is it really a userfaultfd? */
	char link[64], target[256];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", H.uffd);
	ssize_t tl = readlink(link, target, sizeof(target) - 1);
	if (tl < 0) {
		err("readlink(%s): %s", link, strerror(errno));
		die(EX_NOFD);
	}
	target[tl] = 0;
	if (!strstr(target, "userfaultfd")) {
		err("handshake: the file descriptor received is not a userfaultfd but '%s'", target);
		die(EX_NOFD);
	}

	if (jerr != json_tokener_success || !root) {
		if (jerr == json_tokener_continue)
			err("handshake: JSON ends early (the peer closed the connection): '%.200s'", buf);
		else
			err("handshake: malformed JSON at byte %zu: %s; message was '%.200s'",
			    json_tokener_get_parse_end(tok), json_tokener_error_desc(jerr), buf);
		die(EX_JSON);
	}
	size_t end = json_tokener_get_parse_end(tok);
	for (size_t i = end; i < have; i++) {
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != 0) {
			err("handshake: unexpected data after the JSON at byte %zu: '%.60s'", i, buf + i);
			die(EX_JSON);
		}
	}
	if (!json_object_is_type(root, json_type_array)) {
		err("handshake: expected a JSON array of regions, got %s: '%.200s'", json_type_label(root), buf);
		die(EX_JSON);
	}
	size_t nr = json_object_array_length(root);
	if (nr == 0) {
		err("handshake: the region list is empty");
		die(EX_JSON);
	}
	if (nr > MAX_REGIONS) {
		err("handshake: %zu regions, at most %d supported", nr, MAX_REGIONS);
		die(EX_REGIONS);
	}

	uint64_t psz = 0;
	const char *psz_src = NULL;
	for (size_t i = 0; i < nr; i++) {
		json_object *o = json_object_array_get_idx(root, i);
		if (!json_object_is_type(o, json_type_object)) {
			err("handshake: region %zu is not a JSON object but %s", i, json_type_label(o));
			die(EX_JSON);
		}
		struct region *r = &H.regions[i];
		get_uint_field(o, (int)i, "base_host_virt_addr", true, &r->base);
		get_uint_field(o, (int)i, "size", true, &r->size);
		get_uint_field(o, (int)i, "offset", true, &r->offset);
		uint64_t ps = 0, pk = 0;
		bool has_ps = get_uint_field(o, (int)i, "page_size", false, &ps);
		bool has_pk = get_uint_field(o, (int)i, "page_size_kib", false, &pk);
		if (has_ps && has_pk && ps != pk) {
			err("handshake: region %zu: page_size (%" PRIu64 ") and page_size_kib (%" PRIu64
			    ", bytes despite its name) disagree", i, ps, pk);
			die(EX_REGIONS);
		}
		uint64_t this_ps = has_ps ? ps : has_pk ? pk : 0;
		if (this_ps) {
			if (!is_pow2(this_ps) || this_ps < 4096) {
				err("handshake: region %zu: page size %" PRIu64 " is not a power of two >= 4096", i, this_ps);
				die(EX_REGIONS);
			}
			if (psz && psz != this_ps) {
				err("handshake: regions use different page sizes (%" PRIu64 " and %" PRIu64 ")", psz, this_ps);
				die(EX_REGIONS);
			}
			psz = this_ps;
			psz_src = has_ps ? "page_size" : "page_size_kib";
		}
	}
	H.nregions = (int)nr;
	if (psz && H.page_size_opt && psz != H.page_size_opt) {
		err("handshake says page size %" PRIu64 " (%s) but --page-size is %" PRIu64, psz, psz_src, H.page_size_opt);
		die(EX_REGIONS);
	}
	H.psz = psz ? psz : H.page_size_opt ? H.page_size_opt : (uint64_t)sysconf(_SC_PAGESIZE);

	/* validate the regions against the memory file and each other */
	uint64_t total = 0;
	for (int i = 0; i < H.nregions; i++) {
		struct region *r = &H.regions[i];
		if (r->size == 0) {
			err("handshake: region %d has size 0", i);
			die(EX_REGIONS);
		}
		if (r->base % H.psz || r->size % H.psz || r->offset % H.psz) {
			err("handshake: region %d (base_host_virt_addr %#" PRIx64 ", size %#" PRIx64 ", offset %#" PRIx64
			    ") is not aligned to the page size %#" PRIx64, i, r->base, r->size, r->offset, H.psz);
			die(EX_REGIONS);
		}
		if (r->offset > H.mem_size || r->size > H.mem_size - r->offset) {
			uint64_t end = r->offset + r->size;
			err("handshake: region %d does not fit the memory file: offset %#" PRIx64 " + size %#" PRIx64
			    " = %#" PRIx64 " (%" PRIu64 " bytes), but %s has %" PRIu64 " bytes (%#" PRIx64
			    "); %" PRIu64 " bytes missing",
			    i, r->offset, r->size, end, end, H.mem_path, H.mem_size, H.mem_size, end - H.mem_size);
			die(EX_REGIONS);
		}
		if (r->base + r->size < r->base) {
			err("handshake: region %d wraps around the address space", i);
			die(EX_REGIONS);
		}
		for (int j = 0; j < i; j++) {
			struct region *q = &H.regions[j];
			if (r->base < q->base + q->size && q->base < r->base + r->size) {
				err("handshake: regions %d and %d overlap in host addresses", j, i);
				die(EX_REGIONS);
			}
			if (r->offset < q->offset + q->size && q->offset < r->offset + r->size) {
				err("handshake: regions %d and %d overlap in the memory file", j, i);
				die(EX_REGIONS);
			}
		}
		total += r->size;
		r->npages = r->size / H.psz;
		r->removed = calloc((r->npages + 63) / 64, sizeof(uint64_t));
		if (!r->removed) {
			err("calloc: %s", strerror(errno));
			die(EX_REGIONS);
		}
	}
	if (total != H.mem_size)
		err("warning: the regions cover %" PRIu64 " bytes, the memory file %s has %" PRIu64
		    " (%" PRIu64 " bytes of it never served)", total, H.mem_path, H.mem_size, H.mem_size - total);

	/* guest-physical addresses (for the extended log) */
	uint64_t sizes[MAX_REGIONS], gpas[MAX_REGIONS];
	for (int i = 0; i < H.nregions; i++)
		sizes[i] = H.regions[i].size;
	layout_gpas(H.layout, sizes, H.nregions, gpas);
	if (H.nregion_gpa_opt && H.nregion_gpa_opt != H.nregions) {
		err("--region-gpa lists %d addresses, the handshake has %d regions", H.nregion_gpa_opt, H.nregions);
		die(EX_REGIONS);
	}
	for (int i = 0; i < H.nregions; i++)
		H.regions[i].gpa = H.nregion_gpa_opt ? H.region_gpa_opt[i] : gpas[i];

	json_object_put(root);
	json_tokener_free(tok);
	free(buf);
}

static void read_uffd_features(void)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", H.uffd);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long api, ioctls;
		unsigned int feat;
		if (sscanf(line, "API:\t%llx:%x:%llx", &api, &feat, &ioctls) == 3) {
			H.features = feat;
			H.features_known = true;
		}
	}
	fclose(f);
}

static void write_header(void)
{
	if (H.extended) {
		fprintf(H.log, "# uffd-handler log-format=extended version=1 page_size=%" PRIu64
			" thread_id=%d t=ns-since-connect\n", H.psz,
			H.features_known && (H.features & UFFD_FEATURE_THREAD_ID) ? 1 : 0);
	}
	fprintf(H.log, "Mapping memory file %s to address %#" PRIx64 "-%#" PRIx64 ", size = %" PRIu64 "\n",
		H.mem_path, (uint64_t)(uintptr_t)H.mem, (uint64_t)(uintptr_t)H.mem + H.mem_size, H.mem_size);
	for (int i = 0; i < H.nregions; i++) {
		struct region *r = &H.regions[i];
		fprintf(H.log, "Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: %" PRIu64
			", size: %" PRIu64 ", offset: %" PRIu64 " }\n", r->base, r->size, r->offset);
		if (H.extended)
			fprintf(H.log, "# region %d: host=%#018" PRIx64 " size=%#" PRIx64 " offset=%#018" PRIx64
				" gpa=%#018" PRIx64 " page_size=%" PRIu64 "\n", i, r->base, r->size, r->offset, r->gpa, H.psz);
	}
	fprintf(H.log, "Connected to PID %d\n", (int)H.peer_pid);
	if (H.extended)
		fprintf(H.log, "# memory file: %" PRIu64 " bytes, %" PRIu64 " bytes of data in %zu extents%s\n",
			H.mem_size, extmap_data_bytes(&H.data), H.data.n,
			H.data.sparse_supported ? "" : " (file system without SEEK_DATA: no holes known)");
}

/* Adds every worker's counters and latency samples into H.total; called once,
 * after all serving threads have been joined (so nothing is read racily). */
static void merge_stats(void)
{
	for (int i = 0; i < H.nthreads; i++) {
		const struct stats *w = &H.workers[i].st;
		H.total.faults += w->faults;
		H.total.loaded += w->loaded;
		H.total.zeroed += w->zeroed;
		H.total.present += w->present;
		H.total.eagain += w->eagain;
		if (lat_merge(&H.total.lat, &w->lat))
			err("out of memory merging latency samples (percentiles incomplete)");
	}
}

static void print_summary(const char *why)
{
	const struct stats *t = &H.total;
	struct lat_summary s = lat_summarize(&H.total.lat);
	uint64_t pf = atomic_load(&H.prefetched), pz = atomic_load(&H.prefetch_zeroed);
	uint64_t pp = atomic_load(&H.prefetch_present), pskip = atomic_load(&H.prefetch_skipped);

	if (H.log) {
		fprintf(H.log, "# summary: faults=%" PRIu64 " loaded=%" PRIu64 " zeroed=%" PRIu64 " already_present=%" PRIu64
			" prefetched=%" PRIu64 " prefetch_zeroed=%" PRIu64 " prefetch_already_present=%" PRIu64
			" remove_events=%" PRIu64 " removed_bytes=%" PRIu64 " eagain_retries=%" PRIu64 "\n",
			t->faults, t->loaded, t->zeroed, t->present, pf, pz, pp, H.removes, H.removed_bytes, t->eagain);
		fprintf(H.log, "# latency_ns: n=%zu mean=%.0f p50=%" PRIu64 " p99=%" PRIu64 " max=%" PRIu64 "\n",
			s.n, s.mean, s.p50, s.p99, s.max);
		fflush(H.log);
	}
	if (H.quiet)
		return;
	fprintf(stderr, PROG ": %s\n", why);
	fprintf(stderr, PROG ": faults served %" PRIu64 " (loaded %" PRIu64 ", zeroed %" PRIu64 "), already present %" PRIu64
		", prefetched %" PRIu64 " (+%" PRIu64 " zeroed, %" PRIu64 " already present, %" PRIu64 " skipped)"
		", remove events %" PRIu64 " (%" PRIu64 " bytes), EAGAIN retries %" PRIu64 "\n",
		t->faults, t->loaded, t->zeroed, t->present, pf, pz, pp, pskip, H.removes, H.removed_bytes, t->eagain);
	fprintf(stderr, PROG ": service latency per fault: n=%zu mean=%.2f us p50=%.2f us p99=%.2f us max=%.2f us\n",
		s.n, s.mean / 1000.0, s.p50 / 1000.0, s.p99 / 1000.0, s.max / 1000.0);
	if (H.nprefetch && H.prefetch_ns)
		fprintf(stderr, PROG ": prefetch of %zu pages took %.3f ms\n", H.nprefetch, H.prefetch_ns / 1e6);
}

/* ---------- main loop ---------- */

/* The single-threaded loop (--threads 1, the default): reads batches of up to
 * EV_BATCH messages and handles each in order as it is read. */
static void check_socket(void);

static int serve(struct worker *w)
{
	struct pollfd p[2] = {{.fd = H.uffd, .events = POLLIN}, {.fd = H.conn, .events = POLLIN | POLLRDHUP}};
	int fl = fcntl(H.uffd, F_GETFL);
	if (fl < 0 || fcntl(H.uffd, F_SETFL, fl | O_NONBLOCK) < 0) {
		err("fcntl(userfaultfd, O_NONBLOCK): %s", strerror(errno));
		die(EX_UFFD);
	}
	for (;;) {
		long got = drain_nonblocking(w);
		if (!got && H.busy_poll_ns && !atomic_load(&H.peer_gone) && !got_signal) {
			/* spin a little before sleeping: saves the wake-up of this
			 * thread (an IPI, expensive in a VM) when faults come in bursts */
			uint64_t until = now_ns() + H.busy_poll_ns;
			while (!got && now_ns() < until && !atomic_load(&H.peer_gone) && !got_signal)
				got = drain_nonblocking(w);
		}
		if (w->ndeferred && !atomic_load(&H.peer_gone)) {
			retry_deferred(w);
			if (w->ndeferred) {
				/* still EAGAIN: a REMOVE is in flight, its event comes next */
				struct pollfd q = {.fd = H.uffd, .events = POLLIN};
				if (poll(&q, 1, 1) < 0 && errno != EINTR) {
					err("poll(userfaultfd): %s", strerror(errno));
					die(EX_UFFD);
				}
			}
		}
		if (atomic_load(&H.peer_gone))
			return EX_OK;
		if (got_signal)
			return EX_SIGNAL;
		if (w->ndeferred)
			continue;
		int n = poll(p, 2, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err("poll: %s", strerror(errno));
			die(EX_UFFD);
		}
		if (p[0].revents & (POLLERR | POLLNVAL)) {
			err("userfaultfd reported %s", p[0].revents & POLLNVAL ? "POLLNVAL" : "POLLERR");
			return EX_UFFD;
		}
		if (p[0].revents & POLLIN)
			continue; /* serve first, look at the socket when idle */
		if (p[1].revents & (POLLHUP | POLLRDHUP | POLLERR)) {
			atomic_store(&H.peer_gone, true);
			continue;
		}
		if (p[1].revents & POLLIN)
			check_socket();
	}
}

/* ---------- several serving threads (--threads N > 1) ---------- */

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
 * whose ioctl the kernel accepts after madvise's zap. It exists with one
 * thread too (a fault earlier in the same batch), and for the prefetcher.
 */

enum rd { RD_FAULT, RD_NONE, RD_STOP };

static atomic_bool uffd_failed; /* EPOLLERR on the userfaultfd */

static bool stopping(void)
{
	return atomic_load(&H.peer_gone) || got_signal || atomic_load(&uffd_failed);
}

/* The peer's socket became readable: data means nothing to us, end of file
 * or an error means the peer went away. */
static void check_socket(void)
{
	char b[512];
	ssize_t r = recv(H.conn, b, sizeof(b), MSG_DONTWAIT);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
		atomic_store(&H.peer_gone, true);
	else if (r > 0)
		err("ignoring %zd unexpected bytes from the peer", r);
}

static void epoll_add(int ep, int fd, uint32_t events)
{
	struct epoll_event e = {.events = events, .data.fd = fd};
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) {
		err("epoll_ctl(ADD fd %d): %s", fd, strerror(errno));
		die(EX_UFFD);
	}
}

/* One epoll instance per serving thread: the userfaultfd exclusively (one
 * idle thread woken per message), the socket and the signal pipe for all. */
static int make_epoll(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0) {
		err("epoll_create1: %s", strerror(errno));
		die(EX_UFFD);
	}
	epoll_add(ep, H.uffd, EPOLLIN | EPOLLEXCLUSIVE);
	epoll_add(ep, H.conn, EPOLLIN | EPOLLRDHUP);
	epoll_add(ep, H.sig_pipe[0], EPOLLIN);
	return ep;
}

/* Sleeps until something may be readable (or ms pass, -1 = no limit); notes
 * the peer going away. The signal pipe is never drained: got_signal is set
 * before it is written, and a drained byte could be a wake-up another
 * thread still needs. */
static void wait_for_message(struct worker *w, int ms)
{
	struct epoll_event ev[3];
	int n = epoll_wait(w->epfd, ev, 3, ms);
	if (n < 0 && errno != EINTR) {
		err("epoll_wait: %s", strerror(errno));
		die(EX_UFFD);
	}
	for (int i = 0; i < n; i++) {
		if (ev[i].data.fd == H.uffd && (ev[i].events & EPOLLERR)) {
			err("userfaultfd reported EPOLLERR");
			atomic_store(&uffd_failed, true);
		} else if (ev[i].data.fd == H.conn) {
			if (ev[i].events & (EPOLLHUP | EPOLLRDHUP | EPOLLERR))
				atomic_store(&H.peer_gone, true);
			else if (ev[i].events & EPOLLIN)
				check_socket();
		}
	}
}

/* Takes read_lock and reads messages one at a time until a page fault
 * (RD_FAULT, left in *m to be served after the lock is released) or until
 * nothing is pending (RD_NONE). Every other event is handled here, under the
 * lock: that is what orders a REMOVE before every later fault. */
static enum rd read_one(struct uffd_msg *m)
{
	enum rd r = RD_STOP;
	pthread_mutex_lock(&H.read_lock);
	while (!stopping()) {
		ssize_t n = read(H.uffd, m, sizeof(*m));
		if (n == (ssize_t)sizeof(*m)) {
			if (m->event == UFFD_EVENT_PAGEFAULT) {
				r = RD_FAULT;
				break;
			}
			handle_event(m);
			continue;
		}
		if (n == 0) {
			atomic_store(&H.peer_gone, true);
			break;
		}
		if (n > 0) {
			err("read(userfaultfd) returned %zd bytes, not %zu", n, sizeof(*m));
			die(EX_UFFD);
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN) {
			err("read(userfaultfd): %s", strerror(errno));
			die(EX_UFFD);
		}
		r = RD_NONE;
		break;
	}
	pthread_mutex_unlock(&H.read_lock);
	return r;
}

/* --busy-poll: read again for up to busy_poll_ns before sleeping. */
static enum rd read_spinning(struct uffd_msg *m)
{
	uint64_t until = now_ns() + H.busy_poll_ns;
	enum rd r;
	do
		r = read_one(m);
	while (r == RD_NONE && now_ns() < until);
	return r;
}

static void *serve_worker(void *arg)
{
	struct worker *w = arg;
	struct uffd_msg m;
	while (!stopping()) {
		/* faults that got EAGAIN first, so that a stream of new faults
		 * cannot starve them */
		if (w->ndeferred)
			retry_deferred(w);
		enum rd r = H.busy_poll_ns && !w->ndeferred ? read_spinning(&m) : read_one(&m);
		if (r == RD_STOP)
			break;
		if (r == RD_FAULT) {
			uint32_t tid = fault_tid(&m);
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

/* Starts the N serving threads with SIGINT/SIGTERM blocked, so that a signal
 * is taken by the main thread, which only waits in pthread_join(); the
 * handler then wakes the sleeping threads through the pipe. */
static int start_workers(void)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int started = 0;
	for (int i = 0; i < H.nthreads; i++) {
		H.workers[i].epfd = make_epoll();
		int e = pthread_create(&H.workers[i].thread, NULL, serve_worker, &H.workers[i]);
		if (e) {
			err("pthread_create(serving thread %d): %s", i, strerror(e));
			break;
		}
		H.workers[i].started = true;
		started++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

static int serve_threaded(void)
{
	int fl = fcntl(H.uffd, F_GETFL);
	if (fl < 0 || fcntl(H.uffd, F_SETFL, fl | O_NONBLOCK) < 0) {
		err("fcntl(userfaultfd, O_NONBLOCK): %s", strerror(errno));
		die(EX_UFFD);
	}
	int started = start_workers();
	if (started < H.nthreads)
		err("serving with %d of %d threads", started ? started : 1, H.nthreads);
	if (!started)
		serve_worker(&H.workers[0]); /* not even one thread: serve on this one */
	for (int i = 0; i < H.nthreads; i++) {
		if (H.workers[i].started)
			pthread_join(H.workers[i].thread, NULL);
		H.workers[i].started = false;
		if (H.workers[i].epfd > 0)
			close(H.workers[i].epfd);
		H.workers[i].epfd = -1;
	}
	if (atomic_load(&uffd_failed))
		return EX_UFFD;
	return atomic_load(&H.peer_gone) ? EX_OK : EX_SIGNAL;
}

static void parse_region_gpas(const char *s)
{
	char *copy = strdup(s), *save = NULL;
	if (!copy) {
		err("strdup: %s", strerror(errno));
		exit(EX_USAGE);
	}
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (H.nregion_gpa_opt == MAX_REGIONS || parse_u64(t, &H.region_gpa_opt[H.nregion_gpa_opt], 1)) {
			err("--region-gpa: bad address '%s'", t);
			exit(EX_USAGE);
		}
		H.nregion_gpa_opt++;
	}
	free(copy);
}

static int parse_seconds_ms(const char *opt, const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || v < 0 || v > 86400) {
		err("%s: bad number of seconds '%s'", opt, s);
		exit(EX_USAGE);
	}
	return (int)(v * 1000);
}

int main(int argc, char **argv)
{
	enum { O_LOG = 256, O_FMT, O_PREFETCH, O_PMODE, O_PSZ, O_LAYOUT, O_RGPA, O_ATMO, O_HTMO, O_POP, O_BUSY, O_THREADS };
	static const struct option opts[] = {
		{"log", required_argument, 0, O_LOG},
		{"log-format", required_argument, 0, O_FMT},
		{"prefetch", required_argument, 0, O_PREFETCH},
		{"prefetch-mode", required_argument, 0, O_PMODE},
		{"page-size", required_argument, 0, O_PSZ},
		{"layout", required_argument, 0, O_LAYOUT},
		{"region-gpa", required_argument, 0, O_RGPA},
		{"force", no_argument, 0, 'f'},
		{"replace", no_argument, 0, 'f'},
		{"accept-timeout", required_argument, 0, O_ATMO},
		{"handshake-timeout", required_argument, 0, O_HTMO},
		{"quiet", no_argument, 0, 'q'},
		{"populate", no_argument, 0, O_POP},
		{"busy-poll", required_argument, 0, O_BUSY},
		{"threads", required_argument, 0, O_THREADS},
		{"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "fqh", opts, NULL)) != -1) {
		switch (c) {
		case O_LOG: H.log_path = optarg; break;
		case O_FMT:
			if (!strcmp(optarg, "default") || !strcmp(optarg, "original"))
				H.extended = false;
			else if (!strcmp(optarg, "extended"))
				H.extended = true;
			else {
				err("--log-format must be 'default' or 'extended', not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_PREFETCH: H.prefetch_path = optarg; break;
		case O_PMODE:
			if (!strcmp(optarg, "parallel"))
				H.prefetch_parallel = true;
			else if (!strcmp(optarg, "before"))
				H.prefetch_parallel = false;
			else {
				err("--prefetch-mode must be 'parallel' or 'before', not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_PSZ:
			if (parse_u64(optarg, &H.page_size_opt, 1) || !is_pow2(H.page_size_opt) || H.page_size_opt < 4096) {
				err("--page-size: '%s' is not a power of two >= 4096", optarg);
				return EX_USAGE;
			}
			break;
		case O_LAYOUT:
			if (parse_layout(optarg, &H.layout)) {
				err("--layout must be x86_64, aarch64 or flat, not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_RGPA: parse_region_gpas(optarg); break;
		case 'f': H.force = true; break;
		case O_ATMO: H.accept_timeout_ms = parse_seconds_ms("--accept-timeout", optarg); break;
		case O_HTMO: H.handshake_timeout_ms = parse_seconds_ms("--handshake-timeout", optarg); break;
		case 'q': H.quiet = true; break;
		case O_POP: H.populate = true; break;
		case O_BUSY: {
			uint64_t us;
			if (parse_u64(optarg, &us, 0) || us > 10000000) {
				err("--busy-poll: microseconds, 0..10000000");
				return EX_USAGE;
			}
			H.busy_poll_ns = us * 1000;
			break;
		}
		case O_THREADS: {
			uint64_t n;
			if (parse_u64(optarg, &n, 0) || n < 1 || n > MAX_THREADS) {
				err("--threads: a number of serving threads, 1..%d, not '%s'", MAX_THREADS, optarg);
				return EX_USAGE;
			}
			H.nthreads = (int)n;
			break;
		}
		case 'h': usage(stdout); return EX_OK;
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return EX_USAGE;
	}
	H.sock_path = argv[optind];
	H.mem_path = argv[optind + 1];

	if (H.nthreads > 1 && pipe2(H.sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		err("pipe2: %s", strerror(errno));
		return EX_USAGE;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0) {
		err("sigaction: %s", strerror(errno));
		return EX_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);

	if (!H.log_path || !strcmp(H.log_path, "-")) {
		H.log = stdout;
	} else {
		int fd = open(H.log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			err("open(%s) for the log: %s", H.log_path, strerror(errno));
			return EX_LOG;
		}
		H.log = fdopen(fd, "w");
		if (!H.log) {
			err("fdopen(%s): %s", H.log_path, strerror(errno));
			close(fd);
			return EX_LOG;
		}
	}
	static char logbuf[1 << 20];
	setvbuf(H.log, logbuf, _IOFBF, sizeof(logbuf));

	if (H.prefetch_path)
		load_prefetch_file();
	open_memory_file();
	create_socket();
	accept_peer();
	receive_handshake();
	read_uffd_features();
	if (H.prefetch_path) {
		check_prefetch_offsets();
		if (H.prefetch_parallel && H.nprefetch)
			pf_index_build();
	}

	H.zero_buf = mmap(NULL, H.psz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (H.zero_buf == MAP_FAILED) {
		err("mmap(zero page of %" PRIu64 " bytes): %s", H.psz, strerror(errno));
		die(EX_UFFD);
	}
	write_header();

	if (H.nprefetch) {
		if (H.prefetch_parallel) {
			int e = pthread_create(&H.prefetch_thread, NULL, prefetch_main, NULL);
			if (e) {
				err("pthread_create(prefetch): %s", strerror(e));
				die(EX_PREFETCH);
			}
			H.prefetch_started = true;
		} else {
			int fl = fcntl(H.uffd, F_GETFL);
			if (fl < 0 || fcntl(H.uffd, F_SETFL, fl | O_NONBLOCK) < 0) {
				err("fcntl(userfaultfd, O_NONBLOCK): %s", strerror(errno));
				die(EX_UFFD);
			}
			prefetch_main(NULL);
		}
	}

	int rc = H.nthreads > 1 ? serve_threaded() : serve(&H.workers[0]);
	if (H.prefetch_started) {
		atomic_store(&H.stop_prefetch, true);
		pthread_join(H.prefetch_thread, NULL);
		H.prefetch_started = false;
	}
	merge_stats();
	print_summary(rc == EX_SIGNAL ? "stopped by a signal" : rc == EX_OK ? "peer went away; exiting" : "exiting after an error");
	if (H.log != stdout && fclose(H.log) != 0) {
		err("writing the log %s: %s", H.log_path, strerror(errno));
		rc = rc ? rc : EX_LOG;
	} else if (H.log == stdout && fflush(stdout) != 0) {
		err("writing the log to stdout: %s", strerror(errno));
		rc = rc ? rc : EX_LOG;
	}
	H.log = NULL;
	close(H.uffd);
	close(H.conn);
	munmap((void *)H.mem, H.mem_size);
	close(H.mem_fd);
	munmap(H.zero_buf, H.psz);
	for (int i = 0; i < H.nregions; i++)
		free((void *)H.regions[i].removed);
	extmap_free(&H.data);
	lat_free(&H.total.lat);
	for (int i = 0; i < H.nthreads; i++) {
		lat_free(&H.workers[i].st.lat);
		free(H.workers[i].deferred);
	}
	free(H.prefetch_offs);
	free(H.pf_keys);
	free(H.pf_vals);
	for (int i = 0; i < 2; i++)
		if (H.sig_pipe[i] >= 0)
			close(H.sig_pipe[i]);
	return rc;
}
