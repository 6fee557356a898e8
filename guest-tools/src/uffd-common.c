/* Shared helpers of uffd-handler and fake-vmm (UffdVisualizer guest-tools). */
#define _GNU_SOURCE
#include "uffd-common.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void err(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", uffd_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int parse_u64(const char *s, uint64_t *out, int allow_suffix)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		v = strtoull(s + 2, &end, 16);
	else
		v = strtoull(s, &end, 10);
	if (errno || end == s || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && end == s + 2))
		return -1;
	if (allow_suffix && *end) {
		uint64_t mul;
		switch (*end) {
		case 'k': case 'K': mul = KIB; break;
		case 'm': case 'M': mul = MIB; break;
		case 'g': case 'G': mul = GIB; break;
		default: return -1;
		}
		end++;
		if (*end == 'i' || *end == 'I')
			end++;
		if (*end == 'b' || *end == 'B')
			end++;
		if (v > UINT64_MAX / mul)
			return -1;
		v *= mul;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

int lat_add(struct lat *l, uint64_t ns)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 4096;
		uint64_t *nv = realloc(l->v, nc * sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = ns;
	return 0;
}

int lat_merge(struct lat *dst, const struct lat *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (lat_add(dst, src->v[i]))
			return -1;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t pct(const struct lat *l, double p)
{
	/* nearest-rank percentile */
	size_t rank = (size_t)(p / 100.0 * (double)l->n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > l->n)
		rank = l->n;
	return l->v[rank - 1];
}

struct lat_summary lat_summarize(struct lat *l)
{
	struct lat_summary s = {0};
	long double sum = 0;

	s.n = l->n;
	if (!l->n)
		return s;
	qsort(l->v, l->n, sizeof(*l->v), cmp_u64);
	for (size_t i = 0; i < l->n; i++)
		sum += l->v[i];
	s.mean = (double)(sum / l->n);
	s.p50 = pct(l, 50);
	s.p99 = pct(l, 99);
	s.max = l->v[l->n - 1];
	return s;
}

void lat_free(struct lat *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int ext_push(struct extmap *m, uint64_t s, uint64_t e)
{
	if (m->n && m->end[m->n - 1] == s) {
		m->end[m->n - 1] = e;
		return 0;
	}
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 64;
		uint64_t *ns = realloc(m->start, nc * sizeof(*ns));
		if (!ns)
			return -1;
		m->start = ns;
		uint64_t *ne = realloc(m->end, nc * sizeof(*ne));
		if (!ne)
			return -1;
		m->end = ne;
		m->cap = nc;
	}
	m->start[m->n] = s;
	m->end[m->n] = e;
	m->n++;
	return 0;
}

int extmap_build(int fd, uint64_t size, struct extmap *m, const char **what)
{
	uint64_t pos = 0;

	memset(m, 0, sizeof(*m));
	m->sparse_supported = 1;
	while (pos < size) {
		off_t d = lseek(fd, (off_t)pos, SEEK_DATA);
		if (d < 0) {
			if (errno == ENXIO)
				break; /* only a hole up to EOF */
			if (errno == EINVAL && pos == 0) {
				/* file system without SEEK_DATA: all data */
				m->sparse_supported = 0;
				if (ext_push(m, 0, size)) {
					*what = "realloc";
					return -1;
				}
				break;
			}
			*what = "lseek(SEEK_DATA)";
			return -1;
		}
		off_t h = lseek(fd, d, SEEK_HOLE);
		if (h < 0) {
			*what = "lseek(SEEK_HOLE)";
			return -1;
		}
		if ((uint64_t)h > size)
			h = (off_t)size;
		if (h > d && ext_push(m, (uint64_t)d, (uint64_t)h)) {
			*what = "realloc";
			errno = ENOMEM;
			return -1;
		}
		pos = (uint64_t)h;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		*what = "lseek(SEEK_SET)";
		return -1;
	}
	return 0;
}

size_t extmap_first_after(const struct extmap *m, uint64_t off)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->end[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int extmap_is_hole(const struct extmap *m, uint64_t off, uint64_t len)
{
	size_t lo = extmap_first_after(m, off);
	if (lo == m->n)
		return 1;
	return m->start[lo] >= off + len;
}

uint64_t extmap_data_bytes(const struct extmap *m)
{
	uint64_t t = 0;
	for (size_t i = 0; i < m->n; i++)
		t += m->end[i] - m->start[i];
	return t;
}

void extmap_free(struct extmap *m)
{
	free(m->start);
	free(m->end);
	memset(m, 0, sizeof(*m));
}

void layout_gpas(enum gpa_layout layout, const uint64_t *sizes, int n, uint64_t *gpas)
{
	uint64_t next = layout == LAYOUT_AARCH64 ? AARCH64_RAM_START : 0;
	for (int i = 0; i < n; i++) {
		if (layout == LAYOUT_X86_64 && i > 0 && next < X86_HIGH_START)
			next = X86_HIGH_START;
		gpas[i] = next;
		next += sizes[i];
	}
}

int parse_layout(const char *s, enum gpa_layout *out)
{
	if (!strcasecmp(s, "x86_64") || !strcasecmp(s, "x86-64") || !strcasecmp(s, "x86"))
		*out = LAYOUT_X86_64;
	else if (!strcasecmp(s, "aarch64") || !strcasecmp(s, "arm64"))
		*out = LAYOUT_AARCH64;
	else if (!strcasecmp(s, "flat"))
		*out = LAYOUT_FLAT;
	else
		return -1;
	return 0;
}

FILE *open_maybe_gz(const char *path, pid_t *pid)
{
	size_t len = strlen(path);
	*pid = -1;
	if (len < 3 || strcmp(path + len - 3, ".gz"))
		return fopen(path, "re");

	if (access(path, R_OK) < 0)
		return NULL;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return NULL;
	pid_t c = fork();
	if (c < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		errno = e;
		return NULL;
	}
	if (c == 0) {
		if (dup2(p[1], STDOUT_FILENO) < 0)
			_exit(127);
		execlp("gzip", "gzip", "-dc", "--", path, (char *)NULL);
		fprintf(stderr, "exec gzip: %s\n", strerror(errno));
		_exit(127);
	}
	close(p[1]);
	FILE *f = fdopen(p[0], "r");
	if (!f) {
		int e = errno;
		close(p[0]);
		waitpid(c, NULL, 0);
		errno = e;
		return NULL;
	}
	*pid = c;
	return f;
}

int close_maybe_gz(FILE *f, pid_t pid)
{
	int rc = fclose(f) ? -1 : 0;
	if (pid > 0) {
		int st;
		if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			rc = -1;
	}
	return rc;
}
