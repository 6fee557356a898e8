/*
 * libFuzzer harness for uffd-handler's handshake parser (src/handler/
 * handshake.c), built with ASan and UBSan by `make fuzz` (UffdVisualizer
 * guest-tools). Seeds: seeds/handshake/, real messages in Firecracker's three
 * shapes. Besides the sanitizers it checks what the handler promises:
 * - an accepted region list holds 1..64 regions, page aligned, inside the
 *   memory file, not overlapping, with a power-of-two page size >= 4096;
 * - a refused one gives exit code 5, 6 or 12 and ONE line of message;
 * - the reader that decides when a message is whole says so for every
 *   message the parser accepts, however it is split.
 */
#include "../src/handler/exit-codes.h"
#include "../src/handler/handshake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const uffd_prog = "handshake-fuzz";

static void broken(const char *what, const char *msg)
{
	fprintf(stderr, "handshake-fuzz: broken promise: %s (message: %s)\n", what, msg);
	abort();
}

static void check_accepted(const struct handshake_config *c, const struct handshake *hs, const char *msg)
{
	if (hs->nregions < 1 || hs->nregions > MAX_REGIONS)
		broken("region count out of 1..64", msg);
	if (!is_pow2(hs->psz) || hs->psz < 4096)
		broken("page size not a power of two >= 4096", msg);
	uint64_t covered = 0;
	for (int i = 0; i < hs->nregions; i++) {
		const struct region *r = &hs->regions[i];
		if (!r->size || r->base % hs->psz || r->size % hs->psz || r->offset % hs->psz)
			broken("empty or unaligned region", msg);
		if (r->offset > c->mem_size || r->size > c->mem_size - r->offset)
			broken("region beyond the memory file", msg);
		if (r->base + r->size < r->base)
			broken("region wraps around", msg);
		if (r->npages != r->size / hs->psz)
			broken("page count", msg);
		for (int j = 0; j < i; j++) {
			const struct region *q = &hs->regions[j];
			if ((r->base < q->base + q->size && q->base < r->base + r->size) ||
			    (r->offset < q->offset + q->size && q->offset < r->offset + r->size))
				broken("overlapping regions", msg);
		}
		covered += r->size;
	}
	if (covered != hs->covered)
		broken("covered bytes", msg);
}

static void check_refused(int rc, const char *msg, size_t cap)
{
	if (rc != EX_JSON && rc != EX_REGIONS && rc != EX_NOMEM)
		broken("exit code other than 5, 6 or 12", msg);
	size_t n = strlen(msg);
	if (n == 0 || n >= cap - 1)
		broken("empty or cut message", msg);
	if (strchr(msg, '\n') || strchr(msg, '\r'))
		broken("message of more than one line", msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t gpa[2] = {0, 1ULL << 32};
	/* a 16 MiB memory file as the tests use, and a 1 GiB one with
	 * --page-size 2M and --region-gpa for two regions */
	const struct handshake_config configs[2] = {
		{.mem_size = 16 * MIB, .mem_name = "mem", .host_page_size = 4096, .layout = LAYOUT_X86_64},
		{.mem_size = GIB, .mem_name = "mem", .page_size_opt = 2 * MIB, .host_page_size = 4096,
		 .layout = LAYOUT_AARCH64, .region_gpa = gpa, .nregion_gpa = 2},
	};
	const char *buf = (const char *)data;
	static struct handshake hs;
	char msg[1024];
	for (int k = 0; k < 2; k++) {
		int rc = handshake_parse(buf, size, &configs[k], &hs, msg, sizeof(msg));
		if (rc) {
			check_refused(rc, msg, sizeof(msg));
			continue;
		}
		if (msg[0])
			broken("message for an accepted handshake", msg);
		check_accepted(&configs[k], &hs, msg);
		/* the receiving side must see the whole message, split anywhere */
		size_t cut = size ? data[0] % (size + 1) : 0;
		struct handshake_reader *rd = handshake_reader_new();
		if (!rd)
			return 0;
		enum handshake_state st = handshake_reader_feed(rd, buf, cut);
		if (st != HS_COMPLETE)
			st = handshake_reader_feed(rd, buf + cut, size - cut);
		handshake_reader_free(rd);
		if (st != HS_COMPLETE)
			broken("an accepted message is not seen as whole by the reader", "");
	}
	return 0;
}
