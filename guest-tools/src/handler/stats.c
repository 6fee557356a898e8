/* uffd-handler's summary (see stats.h). */
#define _GNU_SOURCE
#include "stats.h"
#include "log.h"

#include <inttypes.h>
#include <stdlib.h>

void stats_merge(struct handler *h)
{
	for (int i = 0; i < h->o.nthreads; i++) {
		const struct stats *w = &h->workers[i].st;
		h->total.faults += w->faults;
		h->total.loaded += w->loaded;
		h->total.zeroed += w->zeroed;
		h->total.present += w->present;
		h->total.eagain += w->eagain;
		if (lat_merge(&h->total.lat, &w->lat))
			err("out of memory merging latency samples (percentiles incomplete)");
	}
}

void stats_print_summary(struct handler *h, const char *why)
{
	const struct stats *t = &h->total;
	const struct prefetch *pf = &h->pf;
	struct lat_summary s = lat_summarize(&h->total.lat);
	uint64_t pl = atomic_load(&pf->loaded), pz = atomic_load(&pf->zeroed);
	uint64_t pp = atomic_load(&pf->present), pskip = atomic_load(&pf->skipped);

	if (h->log) {
		log_printf(h, "# summary: faults=%" PRIu64 " loaded=%" PRIu64 " zeroed=%" PRIu64 " already_present=%" PRIu64
			   " prefetched=%" PRIu64 " prefetch_zeroed=%" PRIu64 " prefetch_already_present=%" PRIu64
			   " remove_events=%" PRIu64 " removed_bytes=%" PRIu64 " eagain_retries=%" PRIu64 "\n",
			   t->faults, t->loaded, t->zeroed, t->present, pl, pz, pp, h->removes, h->removed_bytes, t->eagain);
		log_printf(h, "# latency_ns: n=%zu mean=%.0f p50=%" PRIu64 " p99=%" PRIu64 " max=%" PRIu64 "\n", s.n, s.mean,
			   s.p50, s.p99, s.max);
	}
	if (h->o.quiet)
		return;
	fprintf(stderr, PROG ": %s\n", why);
	fprintf(stderr, PROG ": faults served %" PRIu64 " (loaded %" PRIu64 ", zeroed %" PRIu64 "), already present %" PRIu64
		", prefetched %" PRIu64 " (+%" PRIu64 " zeroed, %" PRIu64 " already present, %" PRIu64 " skipped)"
		", remove events %" PRIu64 " (%" PRIu64 " bytes), EAGAIN retries %" PRIu64 "\n",
		t->faults, t->loaded, t->zeroed, t->present, pl, pz, pp, pskip, h->removes, h->removed_bytes, t->eagain);
	fprintf(stderr, PROG ": service latency per fault: n=%zu mean=%.2f us p50=%.2f us p99=%.2f us max=%.2f us\n", s.n,
		s.mean / 1000.0, s.p50 / 1000.0, s.p99 / 1000.0, s.max / 1000.0);
	if (pf->n && pf->ns) {
		uint64_t bytes = (pl + pz) * h->hs.psz;
		fprintf(stderr, PROG ": prefetch of %" PRIu64 " pages in %zu extents (%d thread%s) took %.3f ms: %" PRIu64
			" bytes installed (%.3f GB/s) with %" PRIu64 " ioctls\n", pf->npages, pf->n, pf->nthreads > 1 ? pf->nthreads : 1,
			pf->nthreads > 1 ? "s" : "", pf->ns / 1e6, bytes, bytes / (double)pf->ns, atomic_load(&pf->ioctls));
	}
	uint64_t mzd = atomic_load(&pf->marked_zero_data);
	if (mzd)
		fprintf(stderr, PROG ": %" PRIu64 " prefetched pages marked 'zero' hold data in the memory file: copied\n", mzd);
	uint64_t extra = atomic_load(&h->peer_extra_bytes);
	if (extra)
		fprintf(stderr, PROG ": %" PRIu64 " unexpected bytes from the peer ignored\n", extra);
}

void stats_free(struct handler *h)
{
	lat_free(&h->total.lat);
	for (int i = 0; i < MAX_THREADS; i++) {
		lat_free(&h->workers[i].st.lat);
		free(h->workers[i].deferred);
		h->workers[i].deferred = NULL;
	}
}
