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

static size_t pf_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

static void index_build(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	size_t cap = 16;
	while (cap < pf->n * 2)
		cap <<= 1;
	pf->keys = calloc(cap, sizeof(*pf->keys));
	pf->vals = calloc(cap, sizeof(*pf->vals));
	if (!pf->keys || !pf->vals) {
		handler_oom("the prefetch index", cap * (sizeof(*pf->keys) + sizeof(*pf->vals)));
		handler_die(h, EX_NOMEM);
	}
	pf->mask = cap - 1;
	for (size_t i = 0; i < pf->n; i++) {
		uint64_t k = pf->offs[i] + 1;
		size_t j = pf_hash(k) & pf->mask;
		while (pf->keys[j] && pf->keys[j] != k)
			j = (j + 1) & pf->mask;
		if (!pf->keys[j]) {
			pf->keys[j] = k;
			pf->vals[j] = (uint32_t)i;
		}
	}
	atomic_store(&pf->demand_pos, -1);
}

void prefetch_note_demand(struct handler *h, uint64_t off)
{
	struct prefetch *pf = &h->pf;
	if (!pf->keys)
		return;
	uint64_t k = off + 1;
	size_t j = pf_hash(k) & pf->mask;
	while (pf->keys[j]) {
		if (pf->keys[j] == k) {
			int64_t idx = pf->vals[j], cur = atomic_load_explicit(&pf->demand_pos, memory_order_relaxed);
			while (idx > cur && !atomic_compare_exchange_weak(&pf->demand_pos, &cur, idx))
				;
			return;
		}
		j = (j + 1) & pf->mask;
	}
}

static bool stop_requested(struct handler *h)
{
	return atomic_load(&h->pf.stop) || atomic_load(&h->signal);
}

static void prefetch_one(struct handler *h, uint64_t off)
{
	struct prefetch *pf = &h->pf;
	struct region *r = find_region_by_offset(h, off);
	if (!r) {
		atomic_fetch_add(&pf->skipped, 1);
		return;
	}
	uint64_t page = r->base + (off - r->offset);
	for (int attempt = 0;; attempt++) {
		if (is_removed(h, r, page)) {
			atomic_fetch_add(&pf->skipped, 1);
			return;
		}
		bool load = !extmap_is_hole(&h->data, off, h->hs.psz);
		uint64_t t = now_ns() - h->t0;
		enum op_result res = load ? copy_file_page(h, page, off) : zero_page(h, page);
		if (res == OP_DONE) {
			atomic_fetch_add(load ? &pf->loaded : &pf->zeroed, 1);
			log_prefetch(h, page, load, off, r->gpa + (page - r->base), t);
			return;
		}
		if (res == OP_EXISTS) {
			atomic_fetch_add(&pf->present, 1);
			return;
		}
		if (res == OP_GONE || res == OP_FATAL) {
			atomic_store(&pf->stop, true);
			return;
		}
		/* OP_AGAIN: a non-cooperative event (REMOVE) is pending */
		if (!h->o.prefetch_parallel)
			drain_nonblocking(&h->workers[0]); /* 'before' runs on the main thread */
		else
			usleep(50);
		if (attempt > 100000 || stop_requested(h)) {
			atomic_fetch_add(&pf->skipped, 1);
			return;
		}
	}
}

static void *prefetch_main(void *arg)
{
	struct handler *h = arg;
	struct prefetch *pf = &h->pf;
	uint64_t t = now_ns();
	bool skipped = false;
	/* In order; when a demand fault shows that the VMM is already further
	 * along the working set, jump ahead of it (the pages in between were
	 * most likely faulted in on demand), and sweep the list once more at
	 * the end for whatever the jumps left out. */
	for (size_t i = 0; i < pf->n && !stop_requested(h); i++) {
		int64_t d = atomic_load_explicit(&pf->demand_pos, memory_order_relaxed);
		if (h->o.prefetch_parallel && d >= 0 && (size_t)d >= i) {
			i = (size_t)d + 1;
			skipped = true;
			if (i >= pf->n)
				break;
		}
		prefetch_one(h, pf->offs[i]);
	}
	if (skipped) {
		for (size_t i = 0; i < pf->n && !stop_requested(h); i++)
			prefetch_one(h, pf->offs[i]);
	}
	pf->ns = now_ns() - t;
	return NULL;
}

/* One line of the file: 1 an offset in *v, 0 blank or comment, -1 junk. */
static int parse_line(char *s, uint64_t *v)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	if (!*s || *s == '#')
		return 0;
	return parse_u64(s, v, 0) ? -1 : 1;
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
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		uint64_t v;
		int k = parse_line(line, &v);
		if (k == 0)
			continue;
		if (k < 0) {
			char *s = line + strspn(line, " \t");
			err("%s:%zu: not an offset (0x-hex or decimal): '%s'", path, lineno, s);
			free(line);
			close_maybe_gz(f, zpid);
			handler_die(h, EX_PREFETCH);
		}
		if (pf->n == pf->cap) {
			size_t nc = pf->cap ? pf->cap * 2 : 1024;
			uint64_t *n = realloc(pf->offs, nc * sizeof(*n));
			if (!n) {
				handler_oom("the prefetch list", nc * sizeof(*n));
				free(line);
				close_maybe_gz(f, zpid);
				handler_die(h, EX_NOMEM);
			}
			pf->offs = n;
			pf->cap = nc;
		}
		pf->offs[pf->n++] = v;
	}
	free(line);
	if (close_maybe_gz(f, zpid)) {
		err("error reading prefetch file %s", path);
		handler_die(h, EX_PREFETCH);
	}
}

void prefetch_prepare(struct handler *h)
{
	struct prefetch *pf = &h->pf;
	for (size_t i = 0; i < pf->n; i++) {
		uint64_t off = pf->offs[i] & ~(h->hs.psz - 1);
		if (off >= h->mem_size) {
			err("prefetch entry %zu: offset %#" PRIx64 " is beyond the memory file (%" PRIu64 " bytes)", i + 1,
			    pf->offs[i], h->mem_size);
			handler_die(h, EX_PREFETCH);
		}
		pf->offs[i] = off;
	}
	if (h->o.prefetch_parallel && pf->n)
		index_build(h);
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
	free(h->pf.offs);
	free(h->pf.keys);
	free(h->pf.vals);
	h->pf.offs = NULL;
	h->pf.keys = NULL;
	h->pf.vals = NULL;
}
