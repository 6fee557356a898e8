/* Shared helpers of uffd-handler and fake-vmm (UffdVisualizer guest-tools). */
#ifndef UFFD_COMMON_H
#define UFFD_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define KIB 1024ULL
#define MIB (1024ULL * 1024ULL)
#define GIB (1024ULL * 1024ULL * 1024ULL)

/* x86_64 Firecracker guests: RAM below 3 GiB, then from 4 GiB on. */
#define X86_GAP_START (3ULL * GIB)
#define X86_HIGH_START (4ULL * GIB)
#define AARCH64_RAM_START 0x80000000ULL

enum gpa_layout { LAYOUT_X86_64, LAYOUT_AARCH64, LAYOUT_FLAT };

uint64_t now_ns(void);

/* The program's name; each program defines it. */
extern const char *const uffd_prog;
/* Prints "PROG: message" and a newline to stderr. */
__attribute__((format(printf, 1, 2))) void err(const char *fmt, ...);

/* Parses "0x1f", "31", optionally with a K/M/G suffix (binary units) when
 * allow_suffix. Returns 0 on success, -1 on junk or overflow. */
int parse_u64(const char *s, uint64_t *out, int allow_suffix);

/* Growable array of latencies in nanoseconds. */
struct lat {
	uint64_t *v;
	size_t n, cap;
};
int lat_add(struct lat *l, uint64_t ns);
int lat_merge(struct lat *dst, const struct lat *src);
struct lat_summary {
	size_t n;
	double mean;
	uint64_t p50, p99, max;
};
/* Sorts l->v in place. */
struct lat_summary lat_summarize(struct lat *l);
void lat_free(struct lat *l);

/* Data extents of a (possibly sparse) file, from SEEK_DATA/SEEK_HOLE. */
struct extmap {
	uint64_t *start, *end; /* sorted, disjoint, [start, end) */
	size_t n, cap;
	int sparse_supported;
};
/* Returns 0, or -1 with errno set and *what naming the failed call. */
int extmap_build(int fd, uint64_t size, struct extmap *m, const char **what);
/* Index of the first extent ending after OFF (m->n: none). */
size_t extmap_first_after(const struct extmap *m, uint64_t off);
/* 1 when [off, off+len) holds no data extent (reads as zeros). */
int extmap_is_hole(const struct extmap *m, uint64_t off, uint64_t len);
uint64_t extmap_data_bytes(const struct extmap *m);
void extmap_free(struct extmap *m);

/* Guest-physical address of each region, from the layout rule:
 * x86_64: region 0 at 0, every further region at max(end of previous, 4 GiB);
 * aarch64: region 0 at 2 GiB, further regions contiguous; flat: contiguous
 * from 0. */
void layout_gpas(enum gpa_layout layout, const uint64_t *sizes, int n, uint64_t *gpas);
int parse_layout(const char *s, enum gpa_layout *out);

/* Opens FILE for reading, through "gzip -dc" when the name ends in .gz.
 * *pid is set to the child (or -1). Close with close_maybe_gz. */
FILE *open_maybe_gz(const char *path, pid_t *pid);
/* Returns 0 when the file (and the decompressor) finished cleanly. */
int close_maybe_gz(FILE *f, pid_t pid);

#endif
