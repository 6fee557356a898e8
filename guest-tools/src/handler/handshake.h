/*
 * The handshake's JSON region list (Firecracker's three shapes, FORMATS.md
 * section 4), parsed and checked against the memory file. No I/O, no exit:
 * peer.c receives the bytes, the fuzz harness (fuzz/handshake-fuzz.c) feeds
 * it anything.
 */
#ifndef HANDSHAKE_H
#define HANDSHAKE_H

#include "../uffd-common.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_REGIONS 64
#define HANDSHAKE_MAX (256 * 1024)

struct region {
	uint64_t base, size, offset, gpa;
	uint64_t npages;
	_Atomic uint64_t *removed; /* one bit per page: removed by UFFD_EVENT_REMOVE (serve.c) */
};

/* What the regions are checked against. */
struct handshake_config {
	uint64_t mem_size;
	const char *mem_name;      /* named in messages */
	uint64_t page_size_opt;    /* --page-size, 0: not given */
	uint64_t host_page_size;   /* when neither the handshake nor --page-size gives one */
	enum gpa_layout layout;
	const uint64_t *region_gpa; /* --region-gpa, nregion_gpa entries */
	int nregion_gpa;
};

struct handshake {
	struct region regions[MAX_REGIONS];
	int nregions;
	uint64_t psz;
	uint64_t covered; /* bytes of the memory file the regions cover */
};

static inline bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

enum handshake_state { HS_COMPLETE, HS_PREFIX };

/* Tells, as the chunks of a message arrive, whether what came so far is a
 * whole message (valid or not) or may still be the start of a region list
 * split over several reads. */
struct handshake_reader;
struct handshake_reader *handshake_reader_new(void);
/* CHUNK[0..n) are the bytes that just arrived. */
enum handshake_state handshake_reader_feed(struct handshake_reader *r, const char *chunk, size_t n);
void handshake_reader_free(struct handshake_reader *r);

/* Parses BUF[0..len) (need not be NUL-terminated; may contain any byte) into
 * *out. Returns 0, or the exit code (EX_JSON, EX_REGIONS, EX_NOMEM of
 * handler.h) with one line (no newline) in msg saying what is wrong. */
int handshake_parse(const char *buf, size_t len, const struct handshake_config *c, struct handshake *out,
		    char *msg, size_t msgcap);

/* Writes at most max bytes of BUF[0..len) into out, quoted, with every byte
 * that is not printable ASCII as \xNN, and "... (N bytes)" when cut. */
void quote_bytes(const char *buf, size_t len, size_t max, char *out, size_t outcap);

#endif
