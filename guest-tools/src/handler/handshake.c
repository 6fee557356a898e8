/* The handshake's JSON region list, parsed and checked (see handshake.h). */
#define _GNU_SOURCE
#include "handshake.h"
#include "exit-codes.h"

#include <inttypes.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void quote_bytes(const char *buf, size_t len, size_t max, char *out, size_t outcap)
{
	size_t o = 0;
	if (outcap == 0)
		return;
	for (size_t i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)buf[i];
		char tmp[5];
		int k = c >= 0x20 && c < 0x7f && c != '\\' ? snprintf(tmp, sizeof(tmp), "%c", c)
							   : snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		if (o + (size_t)k + 1 > outcap)
			break;
		memcpy(out + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	out[o] = 0;
	if (len > max)
		snprintf(out + o, outcap - o, "... (%zu bytes)", len);
}

/* The first line of a message; the rest of a parse is then abandoned. */
__attribute__((format(printf, 4, 5))) static int fail(char *msg, size_t cap, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
	return code;
}

/* json-c's tokener on a NUL-terminated copy, the terminator included so
 * that a value with no end of its own (a number, null) is complete. json-c
 * takes a NUL inside BUF for the end of the input too: after a whole value
 * the rest is checked as trailing data, inside one it is an error. */
static json_object *parse_whole(const char *buf, size_t len, json_tokener *tok, enum json_tokener_error *jerr,
				bool *oom)
{
	*oom = false;
	char *copy = malloc(len + 1);
	if (!copy) {
		*oom = true;
		return NULL;
	}
	memcpy(copy, buf, len);
	copy[len] = 0;
	json_object *root = json_tokener_parse_ex(tok, copy, (int)(len + 1));
	*jerr = json_tokener_get_error(tok);
	free(copy);
	return root;
}

struct handshake_reader {
	json_tokener *tok;
	int first; /* first byte that is not white space, -1: none yet */
	bool complete;
	char *seen; /* every byte fed so far, for whole_so_far() */
	size_t nseen, capseen;
};

/* Whether the bytes so far are a whole value as handshake_parse() reads them,
 * with the end of input after them: it ends a comment that runs to the end
 * ("[...] //"), where the tokener fed chunk by chunk still waits for more. */
static bool whole_so_far(const struct handshake_reader *r)
{
	json_tokener *tok = json_tokener_new();
	if (!tok)
		return false;
	enum json_tokener_error jerr;
	bool oom;
	json_object_put(parse_whole(r->seen, r->nseen, tok, &jerr, &oom));
	json_tokener_free(tok);
	return !oom && jerr == json_tokener_success;
}

struct handshake_reader *handshake_reader_new(void)
{
	struct handshake_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->tok = json_tokener_new();
	if (!r->tok) {
		free(r);
		return NULL;
	}
	r->first = -1;
	return r;
}

enum handshake_state handshake_reader_feed(struct handshake_reader *r, const char *chunk, size_t n)
{
	if (r->complete)
		return HS_COMPLETE;
	for (size_t i = 0; r->first < 0 && i < n; i++)
		if (chunk[i] != ' ' && chunk[i] != '\n' && chunk[i] != '\t' && chunk[i] != '\r')
			r->first = (unsigned char)chunk[i];
	/* A list of regions starts with '['; anything else (an object aside,
	 * which ends by itself) is wrong however it goes on: json-c cannot tell
	 * "null" or "12" from the start of "12345" before the input ends, so
	 * waiting for more would only delay the message. */
	if (r->first < 0)
		return HS_PREFIX;
	if (r->first != '[' && r->first != '{')
		return r->complete = true, HS_COMPLETE;
	if (r->nseen + n > r->capseen) {
		size_t cap = r->nseen + n > 2 * r->capseen ? r->nseen + n : 2 * r->capseen;
		char *grown = realloc(r->seen, cap);
		if (!grown) /* handshake_parse() says what is wrong: out of memory */
			return r->complete = true, HS_COMPLETE;
		r->seen = grown;
		r->capseen = cap;
	}
	memcpy(r->seen + r->nseen, chunk, n);
	r->nseen += n;
	/* the value itself is parsed again by handshake_parse(), whole */
	json_object_put(json_tokener_parse_ex(r->tok, chunk, (int)n));
	if (json_tokener_get_error(r->tok) != json_tokener_continue || whole_so_far(r))
		r->complete = true;
	return r->complete ? HS_COMPLETE : HS_PREFIX;
}

void handshake_reader_free(struct handshake_reader *r)
{
	if (!r)
		return;
	json_tokener_free(r->tok);
	free(r->seen);
	free(r);
}

static const char *type_label(json_object *o)
{
	return json_type_to_name(json_object_get_type(o));
}

/* A required (or optional) non-negative integer field: 1 read, 0 absent
 * (optional only), -1 error (message in msg). */
static int get_uint_field(json_object *obj, size_t idx, const char *key, bool required, uint64_t *out,
			  char *msg, size_t cap)
{
	json_object *v;
	if (!json_object_object_get_ex(obj, key, &v)) {
		if (!required)
			return 0;
		fail(msg, cap, EX_JSON,
		     "handshake: region %zu has no \"%s\" field (every region needs base_host_virt_addr, size and offset)",
		     idx, key);
		return -1;
	}
	if (!json_object_is_type(v, json_type_int)) {
		const char *text = json_object_to_json_string(v);
		char q[128];
		quote_bytes(text ? text : "", text ? strlen(text) : 0, 60, q, sizeof(q));
		fail(msg, cap, EX_JSON, "handshake: region %zu: \"%s\" must be a non-negative integer, got %s %s", idx,
		     key, type_label(v), q);
		return -1;
	}
	int64_t sv = json_object_get_int64(v);
	if (sv < 0) {
		fail(msg, cap, EX_JSON, "handshake: region %zu: \"%s\" is negative (%" PRId64 ")", idx, key, sv);
		return -1;
	}
	*out = json_object_get_uint64(v);
	return 1;
}

/* The fields of every region and the page size they agree on. */
static int read_regions(json_object *root, const struct handshake_config *c, struct handshake *out, char *msg,
			size_t cap)
{
	size_t nr = json_object_array_length(root);
	if (nr == 0)
		return fail(msg, cap, EX_JSON, "handshake: the region list is empty");
	if (nr > MAX_REGIONS)
		return fail(msg, cap, EX_REGIONS, "handshake: %zu regions, at most %d supported", nr, MAX_REGIONS);

	uint64_t psz = 0;
	const char *psz_src = NULL;
	for (size_t i = 0; i < nr; i++) {
		json_object *o = json_object_array_get_idx(root, i);
		if (!json_object_is_type(o, json_type_object))
			return fail(msg, cap, EX_JSON, "handshake: region %zu is not a JSON object but %s", i,
				    type_label(o));
		struct region *r = &out->regions[i];
		if (get_uint_field(o, i, "base_host_virt_addr", true, &r->base, msg, cap) < 0 ||
		    get_uint_field(o, i, "size", true, &r->size, msg, cap) < 0 ||
		    get_uint_field(o, i, "offset", true, &r->offset, msg, cap) < 0)
			return EX_JSON;
		uint64_t ps = 0, pk = 0;
		int has_ps = get_uint_field(o, i, "page_size", false, &ps, msg, cap);
		int has_pk = get_uint_field(o, i, "page_size_kib", false, &pk, msg, cap);
		if (has_ps < 0 || has_pk < 0)
			return EX_JSON;
		if (has_ps && has_pk && ps != pk)
			return fail(msg, cap, EX_REGIONS,
				    "handshake: region %zu: page_size (%" PRIu64 ") and page_size_kib (%" PRIu64
				    ", bytes despite its name) disagree", i, ps, pk);
		if (!has_ps && !has_pk)
			continue;
		uint64_t this_ps = has_ps ? ps : pk;
		if (!is_pow2(this_ps) || this_ps < 4096)
			return fail(msg, cap, EX_REGIONS,
				    "handshake: region %zu: page size %" PRIu64 " is not a power of two >= 4096", i, this_ps);
		if (psz && psz != this_ps)
			return fail(msg, cap, EX_REGIONS,
				    "handshake: regions use different page sizes (%" PRIu64 " and %" PRIu64 ")", psz, this_ps);
		psz = this_ps;
		psz_src = has_ps ? "page_size" : "page_size_kib";
	}
	out->nregions = (int)nr;
	if (psz && c->page_size_opt && psz != c->page_size_opt)
		return fail(msg, cap, EX_REGIONS, "handshake says page size %" PRIu64 " (%s) but --page-size is %" PRIu64,
			    psz, psz_src, c->page_size_opt);
	out->psz = psz ? psz : c->page_size_opt ? c->page_size_opt : c->host_page_size;
	return 0;
}

/* Every region against the memory file and the others; guest-physical bases. */
static int check_regions(const struct handshake_config *c, struct handshake *out, char *msg, size_t cap)
{
	uint64_t psz = out->psz;
	out->covered = 0;
	for (int i = 0; i < out->nregions; i++) {
		struct region *r = &out->regions[i];
		if (r->size == 0)
			return fail(msg, cap, EX_REGIONS, "handshake: region %d has size 0", i);
		if (r->base % psz || r->size % psz || r->offset % psz)
			return fail(msg, cap, EX_REGIONS,
				    "handshake: region %d (base_host_virt_addr %#" PRIx64 ", size %#" PRIx64
				    ", offset %#" PRIx64 ") is not aligned to the page size %#" PRIx64,
				    i, r->base, r->size, r->offset, psz);
		if (r->offset > c->mem_size || r->size > c->mem_size - r->offset) {
			uint64_t end = r->offset + r->size;
			if (end < r->offset)
				return fail(msg, cap, EX_REGIONS,
					    "handshake: region %d does not fit the memory file: offset %#" PRIx64
					    " + size %#" PRIx64 " is beyond 2^64 bytes, %s has %" PRIu64 " bytes",
					    i, r->offset, r->size, c->mem_name, c->mem_size);
			return fail(msg, cap, EX_REGIONS,
				    "handshake: region %d does not fit the memory file: offset %#" PRIx64 " + size %#" PRIx64
				    " = %#" PRIx64 " (%" PRIu64 " bytes), but %s has %" PRIu64 " bytes (%#" PRIx64
				    "); %" PRIu64 " bytes missing",
				    i, r->offset, r->size, end, end, c->mem_name, c->mem_size, c->mem_size, end - c->mem_size);
		}
		if (r->base + r->size < r->base)
			return fail(msg, cap, EX_REGIONS, "handshake: region %d wraps around the address space", i);
		for (int j = 0; j < i; j++) {
			const struct region *q = &out->regions[j];
			if (r->base < q->base + q->size && q->base < r->base + r->size)
				return fail(msg, cap, EX_REGIONS, "handshake: regions %d and %d overlap in host addresses", j, i);
			if (r->offset < q->offset + q->size && q->offset < r->offset + r->size)
				return fail(msg, cap, EX_REGIONS, "handshake: regions %d and %d overlap in the memory file", j, i);
		}
		out->covered += r->size;
		r->npages = r->size / psz;
		r->removed = NULL;
	}

	uint64_t sizes[MAX_REGIONS], gpas[MAX_REGIONS];
	for (int i = 0; i < out->nregions; i++)
		sizes[i] = out->regions[i].size;
	layout_gpas(c->layout, sizes, out->nregions, gpas);
	if (c->nregion_gpa && c->nregion_gpa != out->nregions)
		return fail(msg, cap, EX_REGIONS, "--region-gpa lists %d addresses, the handshake has %d regions",
			    c->nregion_gpa, out->nregions);
	for (int i = 0; i < out->nregions; i++)
		out->regions[i].gpa = c->nregion_gpa ? c->region_gpa[i] : gpas[i];
	return 0;
}

int handshake_parse(const char *buf, size_t len, const struct handshake_config *c, struct handshake *out,
		    char *msg, size_t cap)
{
	char q[256];
	memset(out, 0, sizeof(*out));
	msg[0] = 0;
	if (len > HANDSHAKE_MAX)
		return fail(msg, cap, EX_JSON, "handshake: JSON longer than %d bytes", HANDSHAKE_MAX);
	json_tokener *tok = json_tokener_new();
	if (!tok)
		return fail(msg, cap, EX_NOMEM, "out of memory for the JSON tokener");
	enum json_tokener_error jerr;
	bool oom;
	json_object *root = parse_whole(buf, len, tok, &jerr, &oom);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (oom)
		return fail(msg, cap, EX_NOMEM, "out of memory: %zu bytes for the handshake", len + 1);

	int rc = 0;
	if (jerr != json_tokener_success) {
		quote_bytes(buf, len, 120, q, sizeof(q));
		if (end < len && buf[end] == 0)
			/* json-c takes a NUL for the end of its input */
			rc = fail(msg, cap, EX_JSON, "handshake: malformed JSON at byte %zu: a NUL byte; message was '%s'", end,
				  q);
		else if (jerr == json_tokener_continue || jerr == json_tokener_error_parse_eof)
			rc = fail(msg, cap, EX_JSON, "handshake: JSON ends early (the peer closed the connection): '%s'", q);
		else
			rc = fail(msg, cap, EX_JSON, "handshake: malformed JSON at byte %zu: %s; message was '%s'",
				  end > len ? len : end, json_tokener_error_desc(jerr), q);
		goto out;
	}
	for (size_t i = end; i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != 0) {
			quote_bytes(buf + i, len - i, 60, q, sizeof(q));
			rc = fail(msg, cap, EX_JSON, "handshake: unexpected data after the JSON at byte %zu: '%s'", i, q);
			goto out;
		}
	}
	if (!json_object_is_type(root, json_type_array)) {
		quote_bytes(buf, len, 120, q, sizeof(q));
		rc = fail(msg, cap, EX_JSON, "handshake: expected a JSON array of regions, got %s: '%s'", type_label(root), q);
		goto out;
	}
	rc = read_regions(root, c, out, msg, cap);
	if (!rc)
		rc = check_regions(c, out, msg, cap);
out:
	json_object_put(root);
	return rc;
}
