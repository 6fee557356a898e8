/* --prefetch (see prefetch.h). */
#define _GNU_SOURCE
#include "prefetch.h"
#include "log.h"
#include "pages.h"
#include "serve.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 'parallel' installs at most this much per ioctl, so that it looks at the
 * demand faults often enough to jump ahead of them, and holds read_lock
 * (see install) for no longer than one such copy */
#define PARALLEL_CHUNK (256 * KIB)

/* 'before' with several threads: each takes this much of the working set at
 * a time (one ioctl per run within it): large enough that taking the next
 * piece costs nothing next to the copy, small enough that the threads end
 * together */
#define BEFORE_PIECE (4 * MIB)
/* more installing threads than this gain nothing: memory bandwidth is the limit */
#define BEFORE_THREADS_DEFAULT_MAX 8

static bool stop_requested(struct handler *h)
{
	return atomic_load(&h->pf.stop) || atomic_load(&h->signal);
}

/* Start of the first region above OFF, UINT64_MAX if none. */
static uint64_t next_region_offset(struct handler *h, uint64_t off)
{
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < h->hs.nregions; i++)
		if (h->hs.regions[i].offset > off && h->hs.regions[i].offset < best)
			best = h->hs.regions[i].offset;
	return best;
}

/* End of the run of whole pages from OFF (page aligned, below END) that are
 * all data or all hole in the memory file; *hole says which. As when
 * serving, a page is a hole only if no byte of it is data (a huge page with
 * a little data is copied). */
static uint64_t same_kind_end(const struct extmap *m, uint64_t psz, uint64_t off, uint64_t end, bool *hole)
{
	size_t lo = extmap_first_after(m, off);
	uint64_t to;
	if (lo < m->n && m->start[lo] < off + psz) {
		*hole = false;
		to = (m->end[lo] + psz - 1) & ~(psz - 1);
	} else {
		*hole = true;
		to = lo < m->n ? m->start[lo] & ~(psz - 1) : UINT64_MAX;
	}
	return to < end ? to : end;
}

/* A pending event made the ioctl fail with EAGAIN: let it be read. 'before'
 * runs on the main thread, which reads it itself (a REMOVE marks its pages);
 * 'parallel' leaves it to the serving threads. */
static void await_event(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	if (h->o.prefetch_parallel) {
		usleep(50);
	} else if (pf->nthreads > 1) {
		/* one reader at a time (worker 0's state), and no install between
		 * another thread's removed-bit look and its ioctl */
		pthread_rwlock_wrlock(&pf->install_lock);
		drain_nonblocking(&h->workers[0]);
		pthread_rwlock_unlock(&pf->install_lock);
	} else {
		drain_nonblocking(&h->workers[0]);
	}
}

/* Held around a removed-bit look and the ioctl that follows it (see install). */
static void lock_install(struct handler *h)
{
	if (h->o.prefetch_parallel)
		pthread_mutex_lock(&h->read_lock);
	else if (h->pf.nthreads > 1)
		pthread_rwlock_rdlock(&h->pf.install_lock);
}

static void unlock_install(struct handler *h)
{
	if (h->o.prefetch_parallel)
		pthread_mutex_unlock(&h->read_lock);
	else if (h->pf.nthreads > 1)
		pthread_rwlock_unlock(&h->pf.install_lock);
}

/* Installs the pages of [off, end) of the memory file that are not present
 * yet: one ioctl per run of pages of one region that are all data (COPY) or
 * all hole (ZEROPAGE) and not removed. EEXIST (a demand fault won the race
 * for the first page of the run) goes on after that page; a partial copy
 * goes on where the kernel stopped.
 *
 * REMOVE: once a REMOVE has been read, nothing is installed into its range.
 * The removed bits are looked at before every ioctl, and in 'parallel' the
 * look and the ioctl are made with read_lock held, the lock under which the
 * serving threads read events and mark a REMOVE's pages ('before' with
 * several threads: install_lock, shared between the installers, exclusive
 * for the one that reads events). So the REMOVE is
 * either read after the ioctl (the guest's madvise() zaps after that read,
 * so the page is dropped again) or marked before the look; while it is
 * pending unread the kernel fails the ioctl with EAGAIN, and the look is
 * made again once it has been read. ('before' with one thread runs on the
 * only thread that reads the userfaultfd.) In 'parallel' the lock is held
 * for one ioctl of at most PARALLEL_CHUNK: that is what a demand fault may
 * wait for. False: the prefetcher must stop. */
static bool install(struct handler *h, uint64_t off, uint64_t end, bool marked_zero)
{
	struct prefetch *pf = &h->pf;
	uint64_t psz = h->hs.psz;
	int attempts = 0;
	while (off < end) {
		if (stop_requested(h))
			return false;
		struct region *r = find_region_by_offset(h, off);
		if (!r) {
			uint64_t next = next_region_offset(h, off);
			next = next < end ? next : end;
			atomic_fetch_add(&pf->skipped, (next - off) / psz);
			off = next;
			continue;
		}
		uint64_t page = r->base + (off - r->offset);
		lock_install(h);
		if (is_removed(h, r, page)) {
			unlock_install(h);
			atomic_fetch_add(&pf->skipped, 1);
			off += psz;
			continue;
		}
		uint64_t rend = r->offset + r->size < end ? r->offset + r->size : end;
		bool hole;
		uint64_t kend = same_kind_end(&h->data, psz, off, rend, &hole), run = off + psz;
		while (run < kend && !is_removed(h, r, r->base + (run - r->offset)))
			run += psz;
		uint64_t t = now_ns() - h->t0, done;
		enum op_result res = hole ? zero_range(h, page, run - off, &done)
					  : copy_file_range_to(h, page, off, run - off, &done);
		/* logged under the lock: a REMOVE read after the ioctl is logged
		 * after these lines, also when another thread reads it */
		if (res == OP_DONE)
			log_prefetch_run(h, page, done / psz, !hole, off, r->gpa + (page - r->base), t);
		unlock_install(h);
		atomic_fetch_add_explicit(&pf->ioctls, 1, memory_order_relaxed);
		switch (res) {
		case OP_DONE: {
			uint64_t n = done / psz;
			atomic_fetch_add(hole ? &pf->zeroed : &pf->loaded, n);
			if (!hole && marked_zero)
				atomic_fetch_add(&pf->marked_zero_data, n);
			off += done;
			attempts = 0;
			break;
		}
		case OP_EXISTS:
			atomic_fetch_add(&pf->present, 1);
			off += psz;
			attempts = 0;
			break;
		case OP_AGAIN:
			/* a non-cooperative event (REMOVE) is pending */
			await_event(h);
			if (++attempts > 100000) {
				atomic_fetch_add(&pf->skipped, 1);
				off += psz;
				attempts = 0;
			}
			break;
		case OP_GONE:
		case OP_FATAL:
			atomic_store(&pf->stop, true);
			return false;
		}
	}
	return true;
}

/* ---- 'parallel': jump ahead of the demand faults ----
 * The working set is one sequence of pages, entry after entry. A demand
 * fault at position d shows that the VMM is already there: the prefetcher
 * jumps to d + 1 (the pages in between were most likely faulted in on
 * demand), notes the positions it left out, and installs those at the end. */

/* The entry holding position P (pos[] ascends). */
static size_t entry_at(const struct prefetch *pf, uint64_t p)
{
	size_t lo = 0, hi = pf->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pf->pos[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_by_off(const void *a, const void *b, void *arg)
{
	const struct pf_entry *e = arg;
	uint64_t x = e[*(const size_t *)a].off, y = e[*(const size_t *)b].off;
	return x < y ? -1 : x > y;
}

void prefetch_note_demand(struct handler *h, uint64_t off)
{
	struct prefetch *pf = &h->pf;
	if (!pf->by_off)
		return;
	/* the last entry starting at or below off */
	size_t lo = 0, hi = pf->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pf->ents[pf->by_off[mid]].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return;
	size_t i = pf->by_off[lo - 1];
	const struct pf_entry *e = &pf->ents[i];
	if (off >= e->off + e->len)
		return;
	int64_t p = (int64_t)(pf->pos[i] + (off - e->off) / h->hs.psz);
	int64_t cur = atomic_load_explicit(&pf->demand_pos, memory_order_relaxed);
	while (p > cur && !atomic_compare_exchange_weak(&pf->demand_pos, &cur, p))
		;
}

/* Notes [from, to) as left out; false (then no jump is made) when out of memory. */
static bool gap_add(struct prefetch *pf, uint64_t from, uint64_t to)
{
	if (pf->ngaps + 2 > pf->gaps_cap) {
		size_t nc = pf->gaps_cap ? pf->gaps_cap * 2 : 64;
		uint64_t *g = realloc(pf->gaps, nc * sizeof(*g));
		if (!g)
			return false;
		pf->gaps = g;
		pf->gaps_cap = nc;
	}
	pf->gaps[pf->ngaps++] = from;
	pf->gaps[pf->ngaps++] = to;
	return true;
}

/* Installs positions [from, to), at most CHUNK pages per call of install();
 * with CHECK_DEMAND, jumps ahead of the demand faults. */
static bool install_positions(struct handler *h, uint64_t from, uint64_t to, uint64_t chunk, bool check_demand)
{
	struct prefetch *pf = &h->pf;
	uint64_t psz = h->hs.psz;
	uint64_t p = from;
	while (p < to) {
		int64_t d = atomic_load_explicit(&pf->demand_pos, memory_order_relaxed);
		if (check_demand && d >= 0 && (uint64_t)d >= p && gap_add(pf, p, (uint64_t)d + 1 < to ? (uint64_t)d + 1 : to)) {
			p = (uint64_t)d + 1;
			continue;
		}
		size_t i = entry_at(pf, p);
		const struct pf_entry *e = &pf->ents[i];
		uint64_t in = p - pf->pos[i], left = e->len / psz - in;
		uint64_t n = left < chunk ? left : chunk;
		if (n > to - p)
			n = to - p;
		if (!install(h, e->off + in * psz, e->off + (in + n) * psz, e->zero))
			return false;
		p += n;
	}
	return true;
}

/* Pages (of the handler's size, so huge pages stay whole) per piece / per ioctl. */
static uint64_t pages_in(const struct handler *h, uint64_t bytes)
{
	return bytes > h->hs.psz ? bytes / h->hs.psz : 1;
}

/* 'before' with several threads: takes the next piece of positions until
 * none is left; the pieces are disjoint, so each page is installed by one
 * thread. */
static void *install_pieces(void *arg)
{
	struct handler *h = arg;
	struct prefetch *pf = &h->pf;
	uint64_t piece = pages_in(h, BEFORE_PIECE);
	for (;;) {
		uint64_t p = atomic_fetch_add(&pf->next_pos, piece);
		if (p >= pf->npages)
			break;
		if (!install_positions(h, p, p + piece < pf->npages ? p + piece : pf->npages, piece, false))
			break;
	}
	return NULL;
}

/* 'before' on nthreads threads: the calling one and nthreads - 1 started
 * here (fewer if they cannot be started). */
static void install_before_threaded(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	pthread_t t[MAX_THREADS];
	int started = 0;
	while (started < pf->nthreads - 1) {
		int e = pthread_create(&t[started], NULL, install_pieces, h);
		if (e) {
			err("pthread_create(prefetch): %s; installing with %d threads", strerror(e), started + 1);
			break;
		}
		started++;
	}
	install_pieces(h);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}

static void *prefetch_main(void *arg)
{
	struct handler *h = arg;
	struct prefetch *pf = &h->pf;
	uint64_t t = now_ns();
	if (!h->o.prefetch_parallel && pf->nthreads > 1) {
		install_before_threaded(h);
	} else if (!h->o.prefetch_parallel) {
		/* 'before' on one thread: each entry in one go */
		for (size_t i = 0; i < pf->n; i++)
			if (!install(h, pf->ents[i].off, pf->ents[i].off + pf->ents[i].len, pf->ents[i].zero))
				break;
	} else if (install_positions(h, 0, pf->npages, pages_in(h, PARALLEL_CHUNK), true)) {
		/* what the jumps left out; gaps only grow while the loop above runs */
		for (size_t g = 0; g < pf->ngaps; g += 2)
			if (!install_positions(h, pf->gaps[g], pf->gaps[g + 1], pages_in(h, PARALLEL_CHUNK), false))
				break;
	}
	pf->ns = now_ns() - t;
	return NULL;
}

/* ---- the file ---- */

static const char *const FORMAT_HINT = "expected OFFSET [LENGTH] [zero] (0x-hex or decimal; LENGTH a multiple of 4096)";

/* One line of the file (comment cut off): 1 an entry in *e, 0 blank, -1
 * junk with the message printed. */
static int parse_line(const struct handler *h, char *s, const char *path, size_t lineno, struct pf_entry *e)
{
	char *hash = strchr(s, '#');
	if (hash)
		*hash = 0;
	char *save = NULL, *tok[4];
	int nt = 0;
	for (char *t = strtok_r(s, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save))
		if (nt < 4)
			tok[nt++] = t;
		else
			nt = 5;
	if (!nt)
		return 0;
	*e = (struct pf_entry){0};
	int k = 1;
	if (parse_u64(tok[0], &e->off, 0)) {
		err("%s:%zu: not an offset: '%s'; %s", path, lineno, tok[0], FORMAT_HINT);
		return -1;
	}
	if (k < nt && strcmp(tok[k], "zero")) {
		if (parse_u64(tok[k], &e->len, 0) || !e->len || e->len % 4096) {
			err("%s:%zu: not a length (a positive multiple of 4096): '%s'; %s", path, lineno, tok[k], FORMAT_HINT);
			return -1;
		}
		k++;
	}
	if (k < nt && !strcmp(tok[k], "zero")) {
		e->zero = true;
		k++;
	}
	if (k < nt) {
		err("%s:%zu: unexpected '%s' after the %s; %s", path, lineno, nt > 4 ? tok[3] : tok[k],
		    e->zero ? "'zero'" : e->len ? "length" : "offset", FORMAT_HINT);
		return -1;
	}
	/* a bare offset (format 1) may point anywhere into its page */
	if ((e->len || e->zero) && e->off % 4096) {
		err("%s:%zu: offset %#" PRIx64 " is not a multiple of 4096", path, lineno, e->off);
		return -1;
	}
	if (e->off >= h->mem_size) {
		err("%s:%zu: offset %#" PRIx64 " is beyond the memory file (%" PRIu64 " bytes)", path, lineno, e->off,
		    h->mem_size);
		return -1;
	}
	if (e->len > h->mem_size - e->off) {
		err("%s:%zu: extent %#" PRIx64 " + %#" PRIx64 " ends beyond the memory file (%" PRIu64 " bytes)", path,
		    lineno, e->off, e->len, h->mem_size);
		return -1;
	}
	return 1;
}

void prefetch_load(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	const char *path = h->o.prefetch_path;
	pid_t zpid;
	FILE *f = open_maybe_gz(path, &zpid);
	if (!f) {
		err("cannot open prefetch file %s: %s", path, strerror(errno));
		handler_die(h, EX_PREFETCH);
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	int code = 0;
	while (!code && getline(&line, &cap, f) >= 0) {
		lineno++;
		struct pf_entry e;
		int k = parse_line(h, line, path, lineno, &e);
		if (k < 0)
			code = EX_PREFETCH;
		if (k <= 0)
			continue;
		if (pf->n == pf->cap) {
			size_t nc = pf->cap ? pf->cap * 2 : 1024;
			struct pf_entry *n = realloc(pf->ents, nc * sizeof(*n));
			if (!n) {
				handler_oom("the prefetch list", nc * sizeof(*n));
				code = EX_NOMEM;
				continue;
			}
			pf->ents = n;
			pf->cap = nc;
		}
		pf->ents[pf->n++] = e;
	}
	free(line);
	if (close_maybe_gz(f, zpid) && !code) {
		err("error reading prefetch file %s", path);
		code = EX_PREFETCH;
	}
	if (code)
		handler_die(h, code);
}

void prefetch_prepare(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	uint64_t psz = h->hs.psz;
	size_t n = 0;
	pf->npages = 0;
	for (size_t i = 0; i < pf->n; i++) {
		struct pf_entry e = pf->ents[i];
		/* whole pages of the handler's size (huge pages: the huge pages
		 * the extent touches), inside the file */
		uint64_t end = e.len ? e.off + e.len : (e.off & ~(psz - 1)) + psz;
		e.off &= ~(psz - 1);
		end = (end + psz - 1) & ~(psz - 1);
		if (end > h->mem_size)
			end = h->mem_size & ~(psz - 1);
		if (end <= e.off)
			continue; /* only a partial page at the end of the file */
		e.len = end - e.off;
		/* consecutive lines within one huge page become one entry */
		struct pf_entry *prev = n ? &pf->ents[n - 1] : NULL;
		if (prev && e.off >= prev->off && e.off < prev->off + prev->len) {
			if (end > prev->off + prev->len) {
				pf->npages += (end - (prev->off + prev->len)) / psz;
				prev->len = end - prev->off;
			}
			prev->zero = prev->zero && e.zero;
			continue;
		}
		pf->ents[n++] = e;
		pf->npages += e.len / psz;
	}
	pf->n = n;
	if (!h->o.prefetch_parallel) {
		/* 'before': as many threads as there are pieces, up to the option */
		uint64_t pieces = (pf->npages + pages_in(h, BEFORE_PIECE) - 1) / pages_in(h, BEFORE_PIECE);
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		int want = h->o.prefetch_threads ? h->o.prefetch_threads
			   : cpus < 1 ? 1 : cpus > BEFORE_THREADS_DEFAULT_MAX ? BEFORE_THREADS_DEFAULT_MAX : (int)cpus;
		pf->nthreads = (uint64_t)want < pieces ? want : (int)pieces;
		if (pf->nthreads < 2)
			return;
		int e = pthread_rwlock_init(&pf->install_lock, NULL);
		if (e) {
			err("pthread_rwlock_init: %s", strerror(e));
			handler_die(h, EX_NOMEM);
		}
	}
	if (!n)
		return;
	pf->pos = malloc(n * sizeof(*pf->pos));
	pf->by_off = h->o.prefetch_parallel ? malloc(n * sizeof(*pf->by_off)) : NULL;
	if (!pf->pos || (h->o.prefetch_parallel && !pf->by_off)) {
		handler_oom("the prefetch index", n * (sizeof(*pf->pos) + sizeof(*pf->by_off)));
		handler_die(h, EX_NOMEM);
	}
	uint64_t p = 0;
	for (size_t i = 0; i < n; i++) {
		pf->pos[i] = p;
		p += pf->ents[i].len / psz;
	}
	if (!pf->by_off)
		return; /* 'before': no demand faults to jump ahead of */
	for (size_t i = 0; i < n; i++)
		pf->by_off[i] = i;
	qsort_r(pf->by_off, n, sizeof(*pf->by_off), cmp_by_off, pf->ents);
	atomic_store(&pf->demand_pos, -1);
}

void prefetch_start(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	if (!pf->n)
		return;
	if (h->o.prefetch_parallel) {
		int e = pthread_create(&pf->thread, NULL, prefetch_main, h);
		if (e) {
			err("pthread_create(prefetch): %s", strerror(e));
			handler_die(h, e == EAGAIN ? EX_NOMEM : EX_PREFETCH);
		}
		pf->started = true;
	} else if (serve_set_nonblocking(h)) {
		prefetch_main(h);
	}
}

void prefetch_stop(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	if (pf->started && !pthread_equal(pthread_self(), pf->thread)) {
		atomic_store(&pf->stop, true);
		pthread_join(pf->thread, NULL);
		pf->started = false;
	}
}

void prefetch_free(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	free(pf->ents);
	free(pf->pos);
	free(pf->by_off);
	free(pf->gaps);
	pf->ents = NULL;
	pf->pos = NULL;
	pf->by_off = NULL;
	pf->gaps = NULL;
}
