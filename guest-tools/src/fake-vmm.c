/*
 * fake-vmm: plays Firecracker's side of a snapshot restore with an external
 * userfaultfd handler, with real kernel userfaultfd (UffdVisualizer guest-tools).
 *
 *   fake-vmm [options] SOCKET MEMORY_FILE
 *
 * Allocates guest memory of MEMORY_FILE's size (anonymous, or MAP_HUGETLB),
 * registers it with a new userfaultfd, connects to SOCKET and sends the fd plus
 * the JSON region list in one sendmsg, then touches pages in a given order
 * from 1..N threads, checks every byte against MEMORY_FILE and reports the
 * fault latency seen by the touching threads. See docs/uffd-handler.md.
 */
#define _GNU_SOURCE
#include "uffd-common.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << 26)
#endif
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

#define PROG "fake-vmm"

enum { EX_OK = 0, EX_MISMATCH = 1, EX_SETUP = 2, EX_HANDLER = 3, EX_USAGE = 64 };

enum shape { SHAPE_V16, SHAPE_KIB, SHAPE_PS, SHAPE_BOTH };
enum dist { DIST_INTERLEAVE, DIST_CHUNK, DIST_SAME };

struct region {
	uint8_t *host;
	uint64_t size, offset, gpa;
};

static struct {
	const char *sock_path, *mem_path;
	enum shape shape;
	int nregions;
	uint64_t split;
	bool hugetlb, thread_id, write, verify, no_fd, handshake_only, no_mincore;
	const char *json_override, *json_file, *send_after;
	uint64_t claim_size;
	const char *order_file, *order_mapping, *order_log;
	long pid_filter;
	int nthreads;
	enum dist dist;
	uint64_t dontneed_off, dontneed_len;
	bool dontneed, dontneed_first;
	enum gpa_layout layout;
	int wait_close_ms, linger_ms, connect_only_ms;
	bool connect_only, wrong_fd;
	uint64_t limit, think_ns, storm_iters;

	uint64_t psz, mem_size;
	int mem_fd, sock;
	const uint8_t *file;
	struct region regions[2];
	uint64_t *order;
	size_t norder;
	uint64_t features;
} V = {
	.shape = SHAPE_BOTH, .nregions = 1, .thread_id = true, .verify = true, .nthreads = 1,
	.pid_filter = -1, .wait_close_ms = 10000, .mem_fd = -1, .sock = -1,
};

/* Named in every message err() prints (uffd-common.h). */
const char *const uffd_prog = PROG;

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [options] SOCKET MEMORY_FILE\n"
"Stand-in for Firecracker restoring a snapshot with an external uffd handler.\n"
"Handshake:\n"
"  --shape S           v1.6 (base_host_virt_addr,size,offset), page_size_kib,\n"
"                      page_size, or both (page_size and page_size_kib; default)\n"
"  --regions 1|2       one region, or two (file split at --split; default 1)\n"
"  --split BYTES       size of the first region (default 3G if the file is\n"
"                      larger, else half the file, page aligned)\n"
"  --layout L          x86_64 (default), aarch64, flat: guest-physical layout\n"
"                      used to map mem_mapping PHYS addresses to file offsets\n"
"  --hugetlb           back guest memory with 2 MiB hugetlbfs pages\n"
"  --no-thread-id      do not request UFFD_FEATURE_THREAD_ID\n"
"  --json TEXT         send TEXT instead of the generated JSON (tests)\n"
"  --json-file FILE    send FILE's bytes (any, any size) instead of the JSON (tests)\n"
"  --send-after FILE   send FILE's bytes on the socket after the handshake (tests)\n"
"  --claim-size BYTES  claim this size for the last region in the JSON (tests)\n"
"  --no-fd             send the JSON without the userfaultfd (tests)\n"
"  --connect-only MS   connect, send nothing, close after MS ms (tests)\n"
"  --wrong-fd          send a pipe instead of the userfaultfd (tests)\n"
"  --handshake-only    send the handshake, touch nothing, wait for the handler\n"
"                      to close the connection (exit 0 when it does)\n"
"Touch order (default: every page, ascending):\n"
"  --order FILE        a working set (OFFSET [LENGTH] [zero] per line, 0x-hex\n"
"                      or decimal): the pages of each entry, entries in order\n"
"  --order-mapping F   a mem_mapping.txt[.gz]: replay the PHYS of process 'p'\n"
"                      lines in file order\n"
"  --pid N             with --order-mapping: only this process\n"
"  --order-log F       a uffd log[.gz]: replay its Loading/Zeroing offsets\n"
"  --limit N           touch at most N pages\n"
"Touching:\n"
"  --threads N         touching threads (default 1)\n"
"  --distribute D      interleave (page i to thread i%%N, default), chunk, or\n"
"                      same (every thread touches every page: concurrent faults)\n"
"  --write             write faults (atomic add of 0) instead of read faults\n"
"  --dontneed OFF:LEN  after touching, MADV_DONTNEED the memory-file range\n"
"                      [OFF, OFF+LEN), re-touch it and expect zeros\n"
"  --dontneed-first    with --dontneed: MADV_DONTNEED the range right after the\n"
"                      handshake, before touching (the REMOVE reaches the\n"
"                      handler while it installs a --prefetch set); the range\n"
"                      must then read as zeros\n"
"  --remove-storm N    with --dontneed: N rounds of MADV_DONTNEED on the range\n"
"                      while --threads threads keep reading it; every page\n"
"                      read must hold the file's data or zeros (races REMOVE\n"
"                      events against faults: EAGAIN in the handler)\n"
"  --think-ns N        spin N ns after each page (guest work between faults)\n"
"  --no-verify         skip the byte-by-byte check\n"
"  --no-mincore        do not classify pages as faulting/present (faster)\n"
"  --linger-ms MS      keep the connection open MS ms after the work\n"
"Exit: 0 ok, 1 content mismatch, 2 setup error, 3 handler failed/closed, 64 usage.\n");
}

/* ---------- order input ---------- */

static void order_push(uint64_t off)
{
	static size_t cap;
	if (V.norder == cap) {
		cap = cap ? cap * 2 : 4096;
		uint64_t *n = realloc(V.order, cap * sizeof(*n));
		if (!n) {
			err("realloc: %s", strerror(errno));
			exit(EX_SETUP);
		}
		V.order = n;
	}
	V.order[V.norder++] = off;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	return s;
}

/* One line of a working-set file (format 2: OFFSET [LENGTH] [zero], '#'
 * comments; format 1 is a bare OFFSET): 0 with the entry (len 0: one page),
 * 1 for a blank line; exits with file:line on anything else. */
static int parse_ws_line(char *s, const char *path, size_t lineno, uint64_t *off, uint64_t *len)
{
	char *hash = strchr(s, '#'), *save = NULL, *tok[4];
	int nt = 0;
	if (hash)
		*hash = 0;
	for (char *t = strtok_r(s, " \t", &save); t && nt < 4; t = strtok_r(NULL, " \t", &save))
		tok[nt++] = t;
	if (!nt)
		return 1;
	*len = 0;
	int k = 1;
	bool ok = !parse_u64(tok[0], off, 0);
	if (ok && k < nt && strcmp(tok[k], "zero"))
		ok = !parse_u64(tok[k++], len, 0) && *len && *len % 4096 == 0;
	if (ok && k < nt && !strcmp(tok[k], "zero"))
		k++;
	if (!ok || k < nt) {
		err("%s:%zu: expected OFFSET [LENGTH] [zero] (0x-hex or decimal, LENGTH a multiple of 4096)", path, lineno);
		exit(EX_SETUP);
	}
	return 0;
}

/* gpa -> memory-file offset through the regions; UINT64_MAX if none */
static uint64_t gpa_to_off(uint64_t gpa)
{
	for (int i = 0; i < V.nregions; i++) {
		struct region *r = &V.regions[i];
		if (gpa >= r->gpa && gpa - r->gpa < r->size)
			return r->offset + (gpa - r->gpa);
	}
	return UINT64_MAX;
}

static void read_order(void)
{
	const char *path = V.order_file ? V.order_file : V.order_mapping ? V.order_mapping : V.order_log;
	if (!path) {
		for (uint64_t off = 0; off < V.mem_size && (!V.limit || V.norder < V.limit); off += V.psz)
			order_push(off);
		return;
	}
	pid_t zpid;
	FILE *f = open_maybe_gz(path, &zpid);
	if (!f) {
		err("cannot open %s: %s", path, strerror(errno));
		exit(EX_SETUP);
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0, bad = 0, outside = 0;
	long cur_pid = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		char *s = trim(line);
		uint64_t v;
		if (V.order_file) {
			uint64_t len;
			if (parse_ws_line(s, path, lineno, &v, &len))
				continue;
			/* the pages of the entry in ascending order (a huge page once) */
			uint64_t end = v + (len ? len : V.psz);
			for (v &= ~(V.psz - 1); v < end && v < V.mem_size && (!V.limit || V.norder < V.limit); v += V.psz)
				order_push(v);
			if (end > V.mem_size)
				outside += (end - (v > V.mem_size ? v : V.mem_size) + V.psz - 1) / V.psz;
			if (V.limit && V.norder >= V.limit)
				break;
			continue;
		} else if (V.order_mapping) {
			if (s[0] == '=' && s[1] == ' ') {
				cur_pid = strtol(s + 2, NULL, 10);
				continue;
			}
			if (s[0] != 'p' || s[1] != ' ' || cur_pid <= 0)
				continue;
			if (V.pid_filter >= 0 && cur_pid != V.pid_filter)
				continue;
			char *virt = strtok(s + 2, " "), *phys = virt ? strtok(NULL, " ") : NULL;
			char tmp[32];
			if (!phys) {
				bad++;
				continue;
			}
			/* accept "0x..", bare hex and the 18-zero spelling of 0 */
			snprintf(tmp, sizeof(tmp), "%s%s", (phys[0] == '0' && (phys[1] == 'x' || phys[1] == 'X')) ? "" : "0x", phys);
			if (parse_u64(tmp, &v, 0)) {
				bad++;
				continue;
			}
			v = gpa_to_off(v);
			if (v == UINT64_MAX) {
				outside++;
				continue;
			}
		} else {
			if (strncmp(s, "UFFD_EVENT_PAGEFAULT", 20) || strstr(s, " Prefetching: "))
				continue; /* replay demand faults only */
			char *a = strstr(s, "Loading: ");
			if (!a)
				a = strstr(s, "Zeroing: ");
			if (!a) {
				bad++;
				continue;
			}
			a += 9;
			char *sp = strchr(a, ' ');
			if (sp)
				*sp = 0;
			char tmp[32];
			snprintf(tmp, sizeof(tmp), "%s%s", (a[0] == '0' && (a[1] == 'x' || a[1] == 'X')) ? "" : "0x", a);
			if (parse_u64(tmp, &v, 0)) {
				bad++;
				continue;
			}
		}
		v &= ~(V.psz - 1);
		if (v >= V.mem_size) {
			outside++;
			continue;
		}
		order_push(v);
		if (V.limit && V.norder >= V.limit)
			break;
	}
	free(line);
	close_maybe_gz(f, zpid);
	if (bad)
		err("warning: %s: %zu lines not understood", path, bad);
	if (outside)
		err("warning: %s: %zu pages outside the guest memory skipped", path, outside);
	if (!V.norder) {
		err("%s gives no page to touch", path);
		exit(EX_SETUP);
	}
}

/* ---------- userfaultfd setup ---------- */

static int new_uffd(void)
{
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0)
		return fd;
	int e = errno;
	int dev = open("/dev/userfaultfd", O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		err("userfaultfd(): %s; open(/dev/userfaultfd): %s", strerror(e), strerror(errno));
		exit(EX_SETUP);
	}
	fd = ioctl(dev, USERFAULTFD_IOC_NEW, O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		err("ioctl(/dev/userfaultfd, USERFAULTFD_IOC_NEW): %s", strerror(errno));
		exit(EX_SETUP);
	}
	close(dev);
	return fd;
}

static int setup_uffd(void)
{
	/* ask what the kernel supports, then open the real one with those features */
	int probe = new_uffd();
	struct uffdio_api api = {.api = UFFD_API, .features = 0};
	if (ioctl(probe, UFFDIO_API, &api) < 0) {
		err("ioctl(UFFDIO_API probe): %s", strerror(errno));
		exit(EX_SETUP);
	}
	close(probe);
	uint64_t supported = api.features;
	uint64_t want = UFFD_FEATURE_EVENT_REMOVE;
	if (!(supported & UFFD_FEATURE_EVENT_REMOVE)) {
		err("kernel lacks UFFD_FEATURE_EVENT_REMOVE");
		exit(EX_SETUP);
	}
	if (V.thread_id && (supported & UFFD_FEATURE_THREAD_ID))
		want |= UFFD_FEATURE_THREAD_ID;
	if (V.hugetlb) {
		if (!(supported & UFFD_FEATURE_MISSING_HUGETLBFS)) {
			err("kernel lacks UFFD_FEATURE_MISSING_HUGETLBFS");
			exit(EX_SETUP);
		}
		want |= UFFD_FEATURE_MISSING_HUGETLBFS;
	}
	int uffd = new_uffd();
	api = (struct uffdio_api){.api = UFFD_API, .features = want};
	if (ioctl(uffd, UFFDIO_API, &api) < 0) {
		err("ioctl(UFFDIO_API, features %#" PRIx64 "): %s", want, strerror(errno));
		exit(EX_SETUP);
	}
	V.features = want;
	for (int i = 0; i < V.nregions; i++) {
		struct uffdio_register reg = {
			.range = {.start = (uint64_t)(uintptr_t)V.regions[i].host, .len = V.regions[i].size},
			.mode = UFFDIO_REGISTER_MODE_MISSING,
		};
		if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0) {
			err("ioctl(UFFDIO_REGISTER, region %d at %p, %" PRIu64 " bytes): %s", i,
			    (void *)V.regions[i].host, V.regions[i].size, strerror(errno));
			exit(EX_SETUP);
		}
		if (!(reg.ioctls & (1ULL << _UFFDIO_COPY))) {
			err("UFFDIO_COPY not available on region %d", i);
			exit(EX_SETUP);
		}
	}
	return uffd;
}

static void alloc_guest_memory(void)
{
	uint64_t sizes[2], gpas[2];
	if (V.nregions == 2) {
		uint64_t split = V.split;
		if (!split)
			split = V.mem_size > X86_GAP_START ? X86_GAP_START : (V.mem_size / 2) & ~(V.psz - 1);
		if (split == 0 || split >= V.mem_size || split % V.psz) {
			err("--split %#" PRIx64 " must be a multiple of the page size (%#" PRIx64
			    ") strictly inside the memory file (%" PRIu64 " bytes)", split, V.psz, V.mem_size);
			exit(EX_USAGE);
		}
		sizes[0] = split;
		sizes[1] = V.mem_size - split;
	} else {
		sizes[0] = V.mem_size;
	}
	layout_gpas(V.layout, sizes, V.nregions, gpas);
	uint64_t off = 0;
	for (int i = 0; i < V.nregions; i++) {
		int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
		if (V.hugetlb)
			flags |= MAP_HUGETLB | MAP_HUGE_2MB;
		void *p = mmap(NULL, sizes[i], PROT_READ | PROT_WRITE, flags, -1, 0);
		if (p == MAP_FAILED) {
			err("mmap(guest memory region %d, %" PRIu64 " bytes%s): %s", i, sizes[i],
			    V.hugetlb ? ", MAP_HUGETLB" : "", strerror(errno));
			exit(EX_SETUP);
		}
		V.regions[i] = (struct region){.host = p, .size = sizes[i], .offset = off, .gpa = gpas[i]};
		off += sizes[i];
	}
}

/* The bytes of PATH, for --json-file and --send-after. */
static char *read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	if (!f) {
		err("%s: %s", path, strerror(errno));
		exit(EX_USAGE);
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, cap);
			if (!nb) {
				err("out of memory reading %s", path);
				exit(EX_SETUP);
			}
			buf = nb;
		}
		size_t k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		err("reading %s failed", path);
		exit(EX_USAGE);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void send_handshake(int uffd)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(V.sock_path) >= sizeof(sa.sun_path)) {
		err("socket path too long: %s", V.sock_path);
		exit(EX_USAGE);
	}
	strcpy(sa.sun_path, V.sock_path);
	V.sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (V.sock < 0) {
		err("socket(AF_UNIX): %s", strerror(errno));
		exit(EX_SETUP);
	}
	/* the handler may still be starting: retry for up to 5 s */
	for (int i = 0;; i++) {
		if (connect(V.sock, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		if ((errno != ENOENT && errno != ECONNREFUSED) || i >= 500) {
			err("connect(%s): %s", V.sock_path, strerror(errno));
			exit(EX_SETUP);
		}
		usleep(10000);
	}

	if (V.connect_only) {
		if (V.connect_only_ms > 0)
			usleep((useconds_t)V.connect_only_ms * 1000);
		close(V.sock);
		exit(EX_OK);
	}
	int pfd[2] = {-1, -1};
	if (V.wrong_fd) {
		if (pipe2(pfd, O_CLOEXEC) < 0) {
			err("pipe: %s", strerror(errno));
			exit(EX_SETUP);
		}
		uffd = pfd[0];
	}
	char json[2048];
	char *msg = json;
	size_t len = 0;
	if (V.json_file) {
		msg = read_whole_file(V.json_file, &len);
	} else if (V.json_override) {
		len = strlen(V.json_override);
		if (len >= sizeof(json)) {
			err("--json text too long");
			exit(EX_USAGE);
		}
		memcpy(json, V.json_override, len);
	} else {
		len += (size_t)snprintf(json + len, sizeof(json) - len, "[");
		for (int i = 0; i < V.nregions; i++) {
			struct region *r = &V.regions[i];
			uint64_t size = (V.claim_size && i == V.nregions - 1) ? V.claim_size : r->size;
			len += (size_t)snprintf(json + len, sizeof(json) - len,
						"%s{\"base_host_virt_addr\":%" PRIu64 ",\"size\":%" PRIu64 ",\"offset\":%" PRIu64,
						i ? "," : "", (uint64_t)(uintptr_t)r->host, size, r->offset);
			if (V.shape == SHAPE_PS || V.shape == SHAPE_BOTH)
				len += (size_t)snprintf(json + len, sizeof(json) - len, ",\"page_size\":%" PRIu64, V.psz);
			if (V.shape == SHAPE_KIB || V.shape == SHAPE_BOTH)
				len += (size_t)snprintf(json + len, sizeof(json) - len, ",\"page_size_kib\":%" PRIu64, V.psz);
			len += (size_t)snprintf(json + len, sizeof(json) - len, "}");
		}
		len += (size_t)snprintf(json + len, sizeof(json) - len, "]");
	}

	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} cbuf;
	memset(&cbuf, 0, sizeof(cbuf));
	struct iovec iov = {.iov_base = msg, .iov_len = len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	if (!V.no_fd) {
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &uffd, sizeof(int));
	}
	ssize_t n = sendmsg(V.sock, &mh, MSG_NOSIGNAL);
	if (n < 0 || (size_t)n != len) {
		err("sendmsg(handshake): %s", n < 0 ? strerror(errno) : "short write");
		exit(EX_HANDLER);
	}
	if (msg != json)
		free(msg);
	if (V.send_after) {
		char *extra = read_whole_file(V.send_after, &len);
		for (size_t done = 0; done < len;) {
			ssize_t w = send(V.sock, extra + done, len - done, MSG_NOSIGNAL);
			if (w < 0) {
				err("send(--send-after): %s", strerror(errno));
				exit(EX_HANDLER);
			}
			done += (size_t)w;
		}
		free(extra);
	}
	if (pfd[0] >= 0) {
		close(pfd[0]);
		close(pfd[1]);
	}
}

/* ---------- touching ---------- */

struct worker {
	pthread_t th;
	int idx;
	uint64_t *pages; /* memory-file offsets */
	size_t n;
	struct lat lat;      /* latencies of pages that were not present */
	uint64_t faults, present, elapsed_ns;
	uint64_t mismatches;
	int error;
};

static pthread_barrier_t barrier;
static volatile int handler_dead;

static uint8_t *off_to_host(uint64_t off)
{
	for (int i = 0; i < V.nregions; i++) {
		struct region *r = &V.regions[i];
		if (off >= r->offset && off - r->offset < r->size)
			return r->host + (off - r->offset);
	}
	return NULL;
}

static void touch(uint8_t *p)
{
	if (V.write)
		__atomic_fetch_add((uint64_t *)p, 0, __ATOMIC_RELAXED);
	else
		(void)*(volatile uint8_t *)p;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	pthread_barrier_wait(&barrier);
	uint64_t t_begin = now_ns();
	for (size_t i = 0; i < w->n; i++) {
		uint8_t *p = off_to_host(w->pages[i]);
		bool resident = false;
		if (!V.no_mincore) {
			unsigned char vec;
			if (mincore(p, 1, &vec) < 0) { /* first base page only */
				err("mincore(%p): %s", (void *)p, strerror(errno));
				w->error = 1;
				return NULL;
			}
			resident = vec & 1;
		}
		uint64_t t = now_ns();
		touch(p);
		uint64_t d = now_ns() - t;
		if (V.think_ns) {
			uint64_t until = now_ns() + V.think_ns;
			while (now_ns() < until)
				;
		}
		if (resident) {
			w->present++;
		} else {
			w->faults++;
			if (lat_add(&w->lat, d)) {
				w->error = 1;
				return NULL;
			}
		}
	}
	w->elapsed_ns = now_ns() - t_begin;
	return NULL;
}

/* The --dontneed range [*s, *e) of the memory file, whole pages. */
static void dontneed_bounds(uint64_t *s, uint64_t *e)
{
	*s = V.dontneed_off & ~(V.psz - 1);
	*e = (V.dontneed_off + V.dontneed_len + V.psz - 1) & ~(V.psz - 1);
	if (*e > V.mem_size)
		*e = V.mem_size;
}

/* MADV_DONTNEED of [s, e) of the memory file, per region piece: the number
 * of madvise() calls, -1 on error. */
static int dontneed_range(uint64_t s, uint64_t e)
{
	int calls = 0;
	for (int i = 0; i < V.nregions; i++) {
		struct region *r = &V.regions[i];
		uint64_t a = s > r->offset ? s : r->offset, b = e < r->offset + r->size ? e : r->offset + r->size;
		if (a >= b)
			continue;
		if (madvise(r->host + (a - r->offset), b - a, MADV_DONTNEED) < 0) {
			err("madvise(MADV_DONTNEED, %#" PRIx64 "+%#" PRIx64 "): %s", a, b - a, strerror(errno));
			return -1;
		}
		calls++;
	}
	return calls;
}

/* --dontneed-first: the page at OFF was removed before it was touched */
static bool removed_first(uint64_t off)
{
	uint64_t s, e;
	dontneed_bounds(&s, &e);
	return off >= s && off < e;
}

static uint64_t verify_pages(const uint64_t *pages, size_t n, bool expect_zero, size_t *reported)
{
	uint64_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *h = off_to_host(pages[i]);
		const uint8_t *f = V.file + pages[i];
		bool ok;
		if (expect_zero || (V.dontneed && V.dontneed_first && removed_first(pages[i]))) {
			ok = h[0] == 0 && !memcmp(h, h + 1, V.psz - 1);
		} else {
			ok = !memcmp(h, f, V.psz);
		}
		if (!ok) {
			bad++;
			if ((*reported)++ < 10) {
				size_t k = 0;
				while (k < V.psz && h[k] == (expect_zero ? 0 : f[k]))
					k++;
				err("MISMATCH at memory-file offset %#" PRIx64 " (+%#zx): guest has %#04x, expected %#04x%s",
				    pages[i], k, h[k], expect_zero ? 0 : f[k], expect_zero ? " (zero after MADV_DONTNEED)" : "");
			}
		}
	}
	return bad;
}

static int run_workers(const uint64_t *order, size_t norder, struct lat *all, uint64_t *faults,
		       uint64_t *present, uint64_t *elapsed)
{
	int nt = V.nthreads;
	struct worker *ws = calloc((size_t)nt, sizeof(*ws));
	if (!ws) {
		err("calloc: %s", strerror(errno));
		exit(EX_SETUP);
	}
	for (int t = 0; t < nt; t++) {
		struct worker *w = &ws[t];
		w->idx = t;
		w->pages = malloc((norder + 1) * sizeof(uint64_t));
		if (!w->pages) {
			err("malloc: %s", strerror(errno));
			exit(EX_SETUP);
		}
		for (size_t i = 0; i < norder; i++) {
			bool mine;
			switch (V.dist) {
			case DIST_SAME: mine = true; break;
			case DIST_CHUNK: mine = (size_t)t == i * (size_t)nt / norder; break;
			default: mine = (int)(i % (size_t)nt) == t; break;
			}
			if (mine)
				w->pages[w->n++] = order[i];
		}
	}
	int e = pthread_barrier_init(&barrier, NULL, (unsigned)nt);
	if (e) {
		err("pthread_barrier_init: %s", strerror(e));
		exit(EX_SETUP);
	}
	uint64_t t0 = now_ns();
	for (int t = 0; t < nt; t++) {
		e = pthread_create(&ws[t].th, NULL, worker_main, &ws[t]);
		if (e) {
			err("pthread_create: %s", strerror(e));
			exit(EX_SETUP);
		}
	}
	int rc = 0;
	for (int t = 0; t < nt; t++) {
		pthread_join(ws[t].th, NULL);
		if (ws[t].error)
			rc = -1;
		*faults += ws[t].faults;
		*present += ws[t].present;
		lat_merge(all, &ws[t].lat);
		lat_free(&ws[t].lat);
		free(ws[t].pages);
	}
	*elapsed = now_ns() - t0;
	pthread_barrier_destroy(&barrier);
	free(ws);
	return rc;
}

/* ---------- remove storm ---------- */

struct storm {
	uint64_t start, end; /* memory-file offsets */
	_Atomic int done;
	_Atomic uint64_t reads, bad, zero_pages, data_pages;
	uint64_t removes;
	int error;
};

static void *storm_reader(void *arg)
{
	struct storm *st = arg;
	pthread_barrier_wait(&barrier);
	while (!atomic_load(&st->done)) {
		for (uint64_t off = st->start; off < st->end; off += V.psz) {
			const uint8_t *h = off_to_host(off);
			(void)*(volatile const uint8_t *)h;
			/* the page may be removed again at any time: a page that
			 * changes under us is re-read; a stable page must be data or zeros */
			bool is_zero = h[0] == 0 && !memcmp(h, h + 1, V.psz - 1);
			bool is_data = !memcmp(h, V.file + off, V.psz);
			atomic_fetch_add(&st->reads, 1);
			if (is_zero)
				atomic_fetch_add(&st->zero_pages, 1);
			else if (is_data)
				atomic_fetch_add(&st->data_pages, 1);
			else {
				/* possibly zapped between the two compares: check once more */
				is_zero = h[0] == 0 && !memcmp(h, h + 1, V.psz - 1);
				if (!is_zero && memcmp(h, V.file + off, V.psz)) {
					atomic_fetch_add(&st->bad, 1);
					err("MISMATCH during remove storm at memory-file offset %#" PRIx64, off);
				}
			}
		}
	}
	return NULL;
}

static int remove_storm(uint64_t s, uint64_t e)
{
	struct storm st = {.start = s, .end = e};
	int nt = V.nthreads;
	pthread_t *th = calloc((size_t)nt, sizeof(*th));
	if (!th) {
		err("calloc: %s", strerror(errno));
		return -1;
	}
	int rc = pthread_barrier_init(&barrier, NULL, (unsigned)nt + 1);
	if (rc) {
		err("pthread_barrier_init: %s", strerror(rc));
		free(th);
		return -1;
	}
	for (int t = 0; t < nt; t++) {
		rc = pthread_create(&th[t], NULL, storm_reader, &st);
		if (rc) {
			err("pthread_create: %s", strerror(rc));
			exit(EX_SETUP);
		}
	}
	pthread_barrier_wait(&barrier);
	uint64_t t0 = now_ns();
	for (uint64_t i = 0; i < V.storm_iters; i++) {
		int calls = dontneed_range(s, e);
		if (calls < 0) {
			st.error = 1;
			break;
		}
		st.removes += (uint64_t)calls;
		usleep(200);
	}
	atomic_store(&st.done, 1);
	for (int t = 0; t < nt; t++)
		pthread_join(th[t], NULL);
	pthread_barrier_destroy(&barrier);
	free(th);
	/* the last word was a MADV_DONTNEED: now every page must read as zeros */
	uint64_t *pages = malloc(((e - s) / V.psz + 1) * sizeof(*pages));
	size_t np = 0, reported = 0;
	if (!pages) {
		err("malloc: %s", strerror(errno));
		return -1;
	}
	for (uint64_t off = s; off < e; off += V.psz)
		pages[np++] = off;
	uint64_t after = verify_pages(pages, np, true, &reported);
	free(pages);
	atomic_fetch_add(&st.bad, after);
	printf(PROG ": remove storm: after the last MADV_DONTNEED, %zu pages read as zeros: %" PRIu64 " mismatches\n",
	       np, after);
	printf(PROG ": remove storm: %" PRIu64 " MADV_DONTNEED calls on %#" PRIx64 " - %#" PRIx64 " in %.1f ms while %d"
	       " thread(s) read %" PRIu64 " pages (%" PRIu64 " data, %" PRIu64 " zero): %" PRIu64 " bad\n",
	       st.removes, s, e, (now_ns() - t0) / 1e6, nt, atomic_load(&st.reads), atomic_load(&st.data_pages),
	       atomic_load(&st.zero_pages), atomic_load(&st.bad));
	return st.error ? -1 : (int)atomic_load(&st.bad);
}

static bool handler_closed(int wait_ms)
{
	struct pollfd p = {.fd = V.sock, .events = POLLIN | POLLRDHUP};
	int n = poll(&p, 1, wait_ms);
	if (n < 0) {
		err("poll(socket): %s", strerror(errno));
		return false;
	}
	if (n == 0)
		return false;
	char b;
	ssize_t r = recv(V.sock, &b, 1, MSG_DONTWAIT | MSG_PEEK);
	return r == 0 || (r < 0 && errno != EAGAIN) || (p.revents & (POLLHUP | POLLRDHUP));
}

static void print_lat(const char *what, struct lat *l, uint64_t pages, uint64_t faults, uint64_t present,
		      uint64_t elapsed)
{
	struct lat_summary s = lat_summarize(l);
	printf(PROG ": %s: touched %" PRIu64 " pages (%" PRIu64 " faulted, %" PRIu64 " already present) in %.3f ms"
	       " = %.0f pages/s\n", what, pages, faults, present, elapsed / 1e6,
	       elapsed ? pages * 1e9 / (double)elapsed : 0.0);
	printf(PROG ": %s: fault latency (touching thread): n=%zu mean=%.2f us p50=%.2f us p99=%.2f us max=%.2f us\n",
	       what, s.n, s.mean / 1000.0, s.p50 / 1000.0, s.p99 / 1000.0, s.max / 1000.0);
	printf("fake-vmm-stats: phase=%s pages=%" PRIu64 " faults=%" PRIu64 " present=%" PRIu64 " elapsed_ns=%" PRIu64
	       " mean_ns=%.0f p50_ns=%" PRIu64 " p99_ns=%" PRIu64 " max_ns=%" PRIu64 "\n",
	       what, pages, faults, present, elapsed, s.mean, s.p50, s.p99, s.max);
}

int main(int argc, char **argv)
{
	enum { O_SHAPE = 256, O_REGIONS, O_SPLIT, O_LAYOUT, O_HUGE, O_NOTID, O_JSON, O_JSONFILE, O_SENDAFTER, O_CLAIM, O_NOFD, O_HSONLY,
	       O_ORDER, O_ORDMAP, O_PID, O_ORDLOG, O_LIMIT, O_THREADS, O_DIST, O_WRITE, O_DONTNEED, O_NOVERIFY,
	       O_NOMINCORE, O_LINGER, O_WAITCLOSE, O_CONNONLY, O_WRONGFD, O_THINK, O_STORM, O_DNFIRST };
	static const struct option opts[] = {
		{"shape", required_argument, 0, O_SHAPE},
		{"regions", required_argument, 0, O_REGIONS},
		{"split", required_argument, 0, O_SPLIT},
		{"layout", required_argument, 0, O_LAYOUT},
		{"hugetlb", no_argument, 0, O_HUGE},
		{"no-thread-id", no_argument, 0, O_NOTID},
		{"json", required_argument, 0, O_JSON},
		{"json-file", required_argument, 0, O_JSONFILE},
		{"send-after", required_argument, 0, O_SENDAFTER},
		{"claim-size", required_argument, 0, O_CLAIM},
		{"no-fd", no_argument, 0, O_NOFD},
		{"handshake-only", no_argument, 0, O_HSONLY},
		{"order", required_argument, 0, O_ORDER},
		{"order-mapping", required_argument, 0, O_ORDMAP},
		{"pid", required_argument, 0, O_PID},
		{"order-log", required_argument, 0, O_ORDLOG},
		{"limit", required_argument, 0, O_LIMIT},
		{"threads", required_argument, 0, O_THREADS},
		{"distribute", required_argument, 0, O_DIST},
		{"write", no_argument, 0, O_WRITE},
		{"dontneed", required_argument, 0, O_DONTNEED},
		{"no-verify", no_argument, 0, O_NOVERIFY},
		{"no-mincore", no_argument, 0, O_NOMINCORE},
		{"linger-ms", required_argument, 0, O_LINGER},
		{"wait-close-ms", required_argument, 0, O_WAITCLOSE},
		{"connect-only", required_argument, 0, O_CONNONLY},
		{"wrong-fd", no_argument, 0, O_WRONGFD},
		{"think-ns", required_argument, 0, O_THINK},
		{"remove-storm", required_argument, 0, O_STORM},
		{"dontneed-first", no_argument, 0, O_DNFIRST},
		{"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	uint64_t v;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_SHAPE:
			if (!strcmp(optarg, "v1.6") || !strcmp(optarg, "old"))
				V.shape = SHAPE_V16;
			else if (!strcmp(optarg, "page_size_kib") || !strcmp(optarg, "kib") || !strcmp(optarg, "v1.7"))
				V.shape = SHAPE_KIB;
			else if (!strcmp(optarg, "page_size"))
				V.shape = SHAPE_PS;
			else if (!strcmp(optarg, "both") || !strcmp(optarg, "v1.12"))
				V.shape = SHAPE_BOTH;
			else {
				err("--shape: v1.6, page_size_kib, page_size or both, not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_REGIONS:
			if (strcmp(optarg, "1") && strcmp(optarg, "2")) {
				err("--regions must be 1 or 2");
				return EX_USAGE;
			}
			V.nregions = atoi(optarg);
			break;
		case O_SPLIT:
			if (parse_u64(optarg, &V.split, 1)) {
				err("--split: bad size '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_LAYOUT:
			if (parse_layout(optarg, &V.layout)) {
				err("--layout: x86_64, aarch64 or flat");
				return EX_USAGE;
			}
			break;
		case O_HUGE: V.hugetlb = true; break;
		case O_NOTID: V.thread_id = false; break;
		case O_JSON: V.json_override = optarg; break;
		case O_JSONFILE: V.json_file = optarg; break;
		case O_SENDAFTER: V.send_after = optarg; break;
		case O_CLAIM:
			if (parse_u64(optarg, &V.claim_size, 1)) {
				err("--claim-size: bad size '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_NOFD: V.no_fd = true; break;
		case O_HSONLY: V.handshake_only = true; break;
		case O_ORDER: V.order_file = optarg; break;
		case O_ORDMAP: V.order_mapping = optarg; break;
		case O_PID: V.pid_filter = strtol(optarg, NULL, 10); break;
		case O_ORDLOG: V.order_log = optarg; break;
		case O_LIMIT:
			if (parse_u64(optarg, &V.limit, 0)) {
				err("--limit: bad number '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_THREADS:
			if (parse_u64(optarg, &v, 0) || v < 1 || v > 256) {
				err("--threads: 1..256");
				return EX_USAGE;
			}
			V.nthreads = (int)v;
			break;
		case O_DIST:
			if (!strcmp(optarg, "interleave"))
				V.dist = DIST_INTERLEAVE;
			else if (!strcmp(optarg, "chunk"))
				V.dist = DIST_CHUNK;
			else if (!strcmp(optarg, "same"))
				V.dist = DIST_SAME;
			else {
				err("--distribute: interleave, chunk or same");
				return EX_USAGE;
			}
			break;
		case O_WRITE: V.write = true; break;
		case O_DONTNEED: {
			char *colon = strchr(optarg, ':');
			if (!colon) {
				err("--dontneed OFF:LEN");
				return EX_USAGE;
			}
			*colon = 0;
			if (parse_u64(optarg, &V.dontneed_off, 1) || parse_u64(colon + 1, &V.dontneed_len, 1) ||
			    !V.dontneed_len) {
				err("--dontneed OFF:LEN: bad numbers");
				return EX_USAGE;
			}
			V.dontneed = true;
			break;
		}
		case O_DNFIRST: V.dontneed_first = true; break;
		case O_NOVERIFY: V.verify = false; break;
		case O_NOMINCORE: V.no_mincore = true; break;
		case O_LINGER: V.linger_ms = atoi(optarg); break;
		case O_WAITCLOSE: V.wait_close_ms = atoi(optarg); break;
		case O_CONNONLY: V.connect_only_ms = atoi(optarg); V.connect_only = true; break;
		case O_WRONGFD: V.wrong_fd = true; break;
		case O_STORM:
			if (parse_u64(optarg, &V.storm_iters, 0) || !V.storm_iters) {
				err("--remove-storm: a positive number of rounds");
				return EX_USAGE;
			}
			break;
		case O_THINK:
			if (parse_u64(optarg, &V.think_ns, 0)) {
				err("--think-ns: bad number '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case 'h': usage(stdout); return EX_OK;
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (!!V.order_file + !!V.order_mapping + !!V.order_log > 1) {
		err("give at most one of --order, --order-mapping, --order-log");
		return EX_USAGE;
	}
	V.sock_path = argv[optind];
	V.mem_path = argv[optind + 1];
	V.psz = V.hugetlb ? 2 * MIB : (uint64_t)sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);

	V.mem_fd = open(V.mem_path, O_RDONLY | O_CLOEXEC);
	if (V.mem_fd < 0) {
		err("open(%s): %s", V.mem_path, strerror(errno));
		return EX_SETUP;
	}
	struct stat st;
	if (fstat(V.mem_fd, &st) < 0) {
		err("fstat(%s): %s", V.mem_path, strerror(errno));
		return EX_SETUP;
	}
	V.mem_size = (uint64_t)st.st_size;
	if (V.mem_size == 0 || V.mem_size % V.psz) {
		err("memory file %s: size %" PRIu64 " is not a positive multiple of the page size %" PRIu64,
		    V.mem_path, V.mem_size, V.psz);
		return EX_SETUP;
	}
	void *fm = mmap(NULL, V.mem_size, PROT_READ, MAP_SHARED | MAP_NORESERVE, V.mem_fd, 0);
	if (fm == MAP_FAILED) {
		err("mmap(%s): %s", V.mem_path, strerror(errno));
		return EX_SETUP;
	}
	V.file = fm;

	alloc_guest_memory();
	if (!V.handshake_only)
		read_order();
	int uffd = setup_uffd();
	send_handshake(uffd);
	/* Only the handler keeps the userfaultfd: if it dies, faults fall back to
	 * zero pages (and fail verification) instead of hanging forever. */
	close(uffd);

	if (V.handshake_only) {
		if (handler_closed(V.wait_close_ms)) {
			printf(PROG ": the handler closed the connection\n");
			return EX_OK;
		}
		err("the handler kept the connection open for %d ms", V.wait_close_ms);
		return EX_HANDLER;
	}
	printf(PROG ": guest memory %" PRIu64 " bytes in %d region(s), page size %" PRIu64 ", %zu pages to touch"
	       " from %d thread(s), features %#" PRIx64 "\n", V.mem_size, V.nregions, V.psz, V.norder, V.nthreads,
	       V.features);

	if (V.dontneed && V.dontneed_first) {
		uint64_t s, e;
		dontneed_bounds(&s, &e);
		if (dontneed_range(s, e) < 0)
			return EX_SETUP;
		printf(PROG ": MADV_DONTNEED on memory-file range %#" PRIx64 " - %#" PRIx64 " before touching\n", s, e);
	}
	int rc = EX_OK;
	struct lat all = {0};
	uint64_t faults = 0, present = 0, elapsed = 0;
	if (run_workers(V.order, V.norder, &all, &faults, &present, &elapsed) < 0)
		rc = EX_SETUP;
	uint64_t touched = V.dist == DIST_SAME ? (uint64_t)V.norder * (uint64_t)V.nthreads : V.norder;
	print_lat("touch", &all, touched, faults, present, elapsed);
	lat_free(&all);

	size_t reported = 0;
	uint64_t bad = 0;
	if (V.verify) {
		bad += verify_pages(V.order, V.norder, false, &reported);
		printf(PROG ": verified %zu pages against %s: %" PRIu64 " mismatches\n", V.norder, V.mem_path, bad);
	}

	if (V.dontneed && V.dontneed_first) {
		/* done before touching */
	} else if (V.dontneed && V.storm_iters) {
		uint64_t s, e;
		dontneed_bounds(&s, &e);
		int r = remove_storm(s, e);
		if (r < 0)
			rc = EX_SETUP;
		else
			bad += (uint64_t)r;
	} else if (V.dontneed) {
		uint64_t s, e;
		dontneed_bounds(&s, &e);
		uint64_t *pages = NULL;
		size_t np = 0;
		for (uint64_t off = s; off < e; off += V.psz) {
			uint64_t *n = realloc(pages, (np + 1) * sizeof(*n));
			if (!n) {
				err("realloc: %s", strerror(errno));
				return EX_SETUP;
			}
			pages = n;
			pages[np++] = off;
		}
		if (dontneed_range(s, e) < 0)
			return EX_SETUP;
		printf(PROG ": MADV_DONTNEED on memory-file range %#" PRIx64 " - %#" PRIx64 " (%zu pages)\n", s, e, np);
		struct lat l2 = {0};
		uint64_t f2 = 0, p2 = 0, e2 = 0;
		int saved = V.nthreads;
		enum dist sd = V.dist;
		V.nthreads = 1;
		V.dist = DIST_INTERLEAVE;
		if (run_workers(pages, np, &l2, &f2, &p2, &e2) < 0)
			rc = EX_SETUP;
		V.nthreads = saved;
		V.dist = sd;
		print_lat("retouch-after-dontneed", &l2, np, f2, p2, e2);
		lat_free(&l2);
		if (V.verify) {
			uint64_t b2 = verify_pages(pages, np, true, &reported);
			printf(PROG ": verified %zu removed pages read as zeros: %" PRIu64 " mismatches\n", np, b2);
			bad += b2;
		}
		free(pages);
	}

	if (bad) {
		err("%" PRIu64 " pages differ from the memory file", bad);
		rc = EX_MISMATCH;
	}
	if (V.linger_ms > 0)
		usleep((useconds_t)V.linger_ms * 1000);
	if (rc == EX_OK && handler_closed(0)) {
		err("the handler closed the connection before the end");
		rc = EX_HANDLER;
	}
	close(V.sock);
	for (int i = 0; i < V.nregions; i++)
		munmap(V.regions[i].host, V.regions[i].size);
	munmap(fm, V.mem_size);
	close(V.mem_fd);
	free(V.order);
	return rc;
}
