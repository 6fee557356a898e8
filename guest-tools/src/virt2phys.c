/*
 * virt2phys - dump which guest-physical pages back a process, the kernel image
 * and the page cache, in the mem_mapping.txt format of UffdVisualizer
 * (FORMATS.md section 1).
 *
 *   virt2phys PID        one process section:  "= PID EXE", then for every
 *                        mapping of /proc/PID/maps "v START END NAME" followed
 *                        by "p VIRT PHYS EXCL FILE" for each present page
 *   virt2phys kernel     "= 0 kernel", the Kernel code/rodata/data/bss ranges
 *                        of /proc/iomem and the kpageflags word of each page
 *   virt2phys pagecache  "= -1 pagecache", one "v" line for all RAM and every
 *                        page with KPF_MAPPEDTODISK set and KPF_ANON clear
 *
 * Output is line-for-line compatible with the walker of the original
 * fireCRaCer tool (numbers as C "%#018lx", a trailing space after "v START
 * END" when a mapping has no name), with these deliberate differences:
 *   - mapping names containing spaces are kept whole ("/memfd:x (deleted)"),
 *     the original kept only the text after the last space;
 *   - the pagecache "v" line ends at the end of the highest System RAM range
 *     of /proc/iomem, and every System RAM page is examined; the original
 *     used sysconf(_SC_PHYS_PAGES) * page size, which is below the top of
 *     RAM whenever RAM has holes or reserved parts, so it missed pages;
 *   - pages whose pagemap entry cannot be read (e.g. [vsyscall], above the
 *     task size) are treated as not present instead of printing garbage.
 *
 * /proc/PID/pagemap and /proc/kpageflags are read in blocks of BLOCK_ENTRIES
 * entries, output goes through one large buffer, nothing is allocated per
 * page, and no regular file is read, so the walk neither grows the page cache
 * nor its own resident set noticeably.
 *
 * Exit status: 0 success, 1 error (permission, I/O, malformed /proc data),
 * 2 bad usage, 3 the process does not exist or exited during the walk (its
 * partial section may already be on stdout; callers should discard it).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <unistd.h>

#define EXIT_ERR 1
#define EXIT_USAGE 2
#define EXIT_GONE 3

/* /proc/PID/pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst) */
#define PM_PFN_MASK ((UINT64_C(1) << 55) - 1)
#define PM_EXCLUSIVE (UINT64_C(1) << 56)
#define PM_FILE_SHARED (UINT64_C(1) << 61)
#define PM_PRESENT (UINT64_C(1) << 63)

/* The PAGEMAP_SCAN ioctl of /proc/PID/pagemap (Linux 6.7+; the uapi
 * <linux/fs.h> of older distributions lacks it, the ABI is fixed): it reports
 * the ranges of present pages, so a walk reads pagemap only where pages are
 * and skips the holes of reserved but untouched address space, which
 * otherwise cost the kernel most of the walk (pagemap_pte_hole). */
#define PM_SCAN_PAGE_IS_PRESENT (UINT64_C(1) << 3)
struct pm_scan_region {
    uint64_t start, end, categories;
};
struct pm_scan_args {
    uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
    uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PM_SCAN_IOCTL _IOWR('f', 16, struct pm_scan_args)
#define SCAN_REGIONS 512

/* /proc/kpageflags bits */
#define KPF_ANON 12
#define KPF_MAPPEDTODISK 34

/* entries per pread: 8192 * 8 bytes = 64 KiB */
#define BLOCK_ENTRIES 8192
#define OUT_BUF_SIZE (256u << 10)
#define MAX_LINE_OUT 64 /* longest line without a name: "p " + 4 numbers */

static uint64_t entries[BLOCK_ENTRIES];
static char out_buf[OUT_BUF_SIZE];
static size_t out_len;
static uint64_t page_size;
static unsigned page_shift;

static void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void die(int status, const char *fmt, ...)
{
    va_list ap;
    fputs("virt2phys: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

static void usage(void)
{
    fputs("usage: virt2phys PID | kernel | pagecache\n"
          "  PID        dump the mappings and resident pages of a process\n"
          "  kernel     dump the kernel image pages with their kpageflags\n"
          "  pagecache  dump the page-cache pages with their kpageflags\n"
          "Writes FORMATS.md section 1 (mem_mapping.txt) to stdout; needs root.\n",
          stderr);
    exit(EXIT_USAGE);
}

/* ---- output ------------------------------------------------------------ */

static void out_flush(void)
{
    size_t done = 0;
    while (done < out_len) {
        ssize_t n = write(STDOUT_FILENO, out_buf + done, out_len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die(EXIT_ERR, "writing to stdout: %s", strerror(errno));
        }
        done += (size_t)n;
    }
    out_len = 0;
}

/* room for at least `need` more bytes */
static inline char *out_reserve(size_t need)
{
    if (OUT_BUF_SIZE - out_len < need)
        out_flush();
    return out_buf + out_len;
}

static void out_str(const char *s, size_t len)
{
    while (len > 0) {
        size_t room = OUT_BUF_SIZE - out_len;
        if (room == 0) {
            out_flush();
            room = OUT_BUF_SIZE;
        }
        size_t chunk = len < room ? len : room;
        memcpy(out_buf + out_len, s, chunk);
        out_len += chunk;
        s += chunk;
        len -= chunk;
    }
}

/* Eight lowercase hex digits of the low 32 bits of v, most significant first,
 * without a loop: the nibbles are spread to one per byte, turned into ASCII
 * all at once ('0' + n, plus 39 more where n > 9) and stored as one word. */
static inline void put_hex8(char *p, uint64_t v)
{
    uint64_t x = v & 0xffffffffu;
    x = ((x & UINT64_C(0xffff0000)) << 16) | (x & UINT64_C(0xffff));
    x = ((x & UINT64_C(0x0000ff000000ff00)) << 8) | (x & UINT64_C(0x000000ff000000ff));
    x = ((x & UINT64_C(0x00f000f000f000f0)) << 4) | (x & UINT64_C(0x000f000f000f000f));
    uint64_t letters = ((x + UINT64_C(0x0606060606060606)) >> 4) & UINT64_C(0x0101010101010101);
    x += UINT64_C(0x3030303030303030) + letters * 39;
    x = __builtin_bswap64(x); /* most significant digit at the lowest address */
    memcpy(p, &x, 8);
}

/* The same text as printf("%#018" PRIx64, v): zero is eighteen '0's (the '#'
 * flag adds no prefix to zero), anything else is "0x" and 16 hex digits. */
static inline char *put_hex18(char *p, uint64_t v)
{
    if (v == 0) {
        memset(p, '0', 18);
        return p + 18;
    }
    p[0] = '0';
    p[1] = 'x';
    put_hex8(p + 2, v >> 32);
    put_hex8(p + 10, v);
    return p + 18;
}

static void out_section(long id, const char *name)
{
    char head[32];
    int n = snprintf(head, sizeof(head), "= %ld ", id);
    out_str(head, (size_t)n);
    out_str(name, strlen(name));
    out_str("\n", 1);
}

static void out_range(uint64_t start, uint64_t end, const char *name, size_t name_len)
{
    char *p = out_reserve(MAX_LINE_OUT);
    *p++ = 'v';
    *p++ = ' ';
    p = put_hex18(p, start);
    *p++ = ' ';
    p = put_hex18(p, end);
    *p++ = ' ';
    out_len = (size_t)(p - out_buf);
    out_str(name, name_len);
    out_str("\n", 1);
}

static inline void out_proc_page(uint64_t virt, uint64_t phys, int excl, int file)
{
    char *p = out_reserve(MAX_LINE_OUT);
    *p++ = 'p';
    *p++ = ' ';
    p = put_hex18(p, virt);
    *p++ = ' ';
    p = put_hex18(p, phys);
    *p++ = ' ';
    *p++ = (char)('0' + excl);
    *p++ = ' ';
    *p++ = (char)('0' + file);
    *p++ = '\n';
    out_len = (size_t)(p - out_buf);
}

static inline void out_phys_page(uint64_t phys, uint64_t flags)
{
    char *p = out_reserve(MAX_LINE_OUT);
    *p++ = 'p';
    *p++ = ' ';
    p = put_hex18(p, phys);
    *p++ = ' ';
    p = put_hex18(p, flags);
    *p++ = '\n';
    out_len = (size_t)(p - out_buf);
}

/* ---- reading ----------------------------------------------------------- */

/* Read up to `count` 8-byte entries starting at entry `index`. Returns the
 * number read: fewer than asked at end of file (pagemap ends at the task
 * size, kpageflags at the highest PFN), 0 at/after the end, -1 with errno. */
static ssize_t read_entries(int fd, uint64_t index, size_t count)
{
    size_t want = count * sizeof(uint64_t), got = 0;
    if (index > (uint64_t)INT64_MAX / sizeof(uint64_t))
        return 0;
    off_t off = (off_t)(index * sizeof(uint64_t));
    while (got < want) {
        ssize_t n = pread(fd, (char *)entries + got, want - got, off + (off_t)got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)(got / sizeof(uint64_t));
}

/* ---- process ----------------------------------------------------------- */

/* Parse one /proc/PID/maps line: "START-END PERMS OFFSET DEV INODE [NAME]".
 * NAME is everything after the whitespace that follows INODE, so names with
 * spaces stay whole. Returns 0 on success. */
static int parse_maps_line(char *line, uint64_t *start, uint64_t *end,
                           char **name, size_t *name_len)
{
    char *p = line, *q;
    errno = 0;
    *start = strtoull(p, &q, 16);
    if (q == p || *q != '-' || errno)
        return -1;
    p = q + 1;
    *end = strtoull(p, &q, 16);
    if (q == p || errno || *end < *start)
        return -1;
    p = q;
    for (int field = 0; field < 4; field++) { /* perms offset dev inode */
        if (*p != ' ')
            return -1;
        while (*p == ' ')
            p++;
        if (*p == '\0' || *p == '\n')
            return -1;
        while (*p && *p != ' ' && *p != '\n')
            p++;
    }
    while (*p == ' ')
        p++;
    size_t len = strlen(p);
    if (len > 0 && p[len - 1] == '\n')
        p[--len] = '\0';
    *name = p;
    *name_len = len;
    return 0;
}

static int is_gone_errno(int e)
{
    return e == ESRCH || e == ENOENT;
}

/* Print the present pages among pagemap entries [first, last). Returns 1 if
 * pagemap ended before `last` (beyond the task size, as [vsyscall]). */
static int walk_pagemap(int pagemap, long pid, uint64_t first, uint64_t last,
                        uint64_t *present, uint64_t *zero_pfn)
{
    for (uint64_t idx = first; idx < last;) {
        uint64_t left = last - idx;
        size_t count = left < BLOCK_ENTRIES ? (size_t)left : BLOCK_ENTRIES;
        ssize_t got = read_entries(pagemap, idx, count);
        if (got < 0) {
            if (is_gone_errno(errno))
                die(EXIT_GONE, "process %ld exited during the walk", pid);
            die(EXIT_ERR, "reading /proc/%ld/pagemap: %s", pid, strerror(errno));
        }
        for (ssize_t i = 0; i < got; i++) {
            uint64_t e = entries[i];
            if (!(e & PM_PRESENT))
                continue;
            uint64_t pfn = e & PM_PFN_MASK;
            (*present)++;
            if (pfn == 0)
                (*zero_pfn)++;
            out_proc_page((idx + (uint64_t)i) << page_shift, pfn << page_shift,
                          (e & PM_EXCLUSIVE) != 0, (e & PM_FILE_SHARED) != 0);
        }
        if ((size_t)got < count)
            return 1;
        idx += count;
    }
    return 0;
}

static struct pm_scan_region scan_regions[SCAN_REGIONS];
static int scan_supported = 1;

/* Print the present pages of the pages [first, last) of one mapping: with
 * PAGEMAP_SCAN only the entries of the ranges it reports present are read;
 * where it is refused (a kernel without it, a range above the task size) the
 * whole rest is read. Either way each page's line comes from its pagemap
 * entry, so the output is the same. */
static void walk_mapping(int pagemap, long pid, uint64_t first, uint64_t last,
                         uint64_t *present, uint64_t *zero_pfn)
{
    uint64_t at = first << page_shift, end = last << page_shift;
    while (scan_supported && at < end) {
        struct pm_scan_args arg = {
            .size = sizeof(arg),
            .start = at,
            .end = end,
            .vec = (uint64_t)(uintptr_t)scan_regions,
            .vec_len = SCAN_REGIONS,
            .category_mask = PM_SCAN_PAGE_IS_PRESENT,
            .return_mask = PM_SCAN_PAGE_IS_PRESENT,
        };
        int n = ioctl(pagemap, PM_SCAN_IOCTL, &arg);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ENOTTY)
                scan_supported = 0;
            break;
        }
        uint64_t done = at;
        for (int i = 0; i < n; i++) {
            walk_pagemap(pagemap, pid, scan_regions[i].start >> page_shift,
                         scan_regions[i].end >> page_shift, present, zero_pfn);
            done = scan_regions[i].end;
        }
        if (arg.walk_end > done)
            done = arg.walk_end;
        if (done <= at)
            break; /* no progress: read the rest entry by entry */
        at = done;
    }
    if (at < end)
        walk_pagemap(pagemap, pid, at >> page_shift, last, present, zero_pfn);
}

static int walk_process(const char *arg)
{
    char *endp;
    errno = 0;
    long pid = strtol(arg, &endp, 10);
    if (errno || *endp != '\0' || endp == arg || pid <= 0 || pid > INT_MAX) {
        fprintf(stderr, "virt2phys: bad argument '%s': expected a PID, 'kernel' or 'pagecache'\n", arg);
        usage();
    }

    char path[64];
    snprintf(path, sizeof(path), "/proc/%ld", pid);
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        if (errno == ENOENT)
            die(EXIT_GONE, "no process with PID %ld", pid);
        die(EXIT_ERR, "cannot open %s: %s", path, strerror(errno));
    }

    int maps_fd = openat(dir, "maps", O_RDONLY | O_CLOEXEC);
    if (maps_fd < 0) {
        if (is_gone_errno(errno))
            die(EXIT_GONE, "process %ld exited, or has no address space (kernel thread)", pid);
        die(EXIT_ERR, "cannot open /proc/%ld/maps: %s", pid, strerror(errno));
    }
    int pagemap = openat(dir, "pagemap", O_RDONLY | O_CLOEXEC);
    if (pagemap < 0) {
        if (is_gone_errno(errno))
            die(EXIT_GONE, "process %ld exited, or has no address space (kernel thread)", pid);
        die(EXIT_ERR, "cannot open /proc/%ld/pagemap: %s%s", pid, strerror(errno),
            errno == EACCES || errno == EPERM ? " (run as root)" : "");
    }
    FILE *maps = fdopen(maps_fd, "r");
    if (!maps)
        die(EXIT_ERR, "fdopen: %s", strerror(errno));

    /* the executable, or "" (kernel threads, exited processes) */
    size_t exe_cap = PATH_MAX;
    char *exe = NULL;
    for (;;) {
        char *bigger = realloc(exe, exe_cap);
        if (!bigger)
            die(EXIT_ERR, "out of memory");
        exe = bigger;
        ssize_t n = readlinkat(dir, "exe", exe, exe_cap);
        if (n < 0) {
            exe[0] = '\0';
            break;
        }
        if ((size_t)n < exe_cap) {
            exe[n] = '\0';
            break;
        }
        exe_cap *= 2;
    }

    out_section(pid, exe);
    free(exe);

    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    uint64_t present = 0, zero_pfn = 0;
    errno = 0;
    while ((len = getline(&line, &cap, maps)) != -1) {
        uint64_t start, end;
        char *name;
        size_t name_len;
        lineno++;
        if (parse_maps_line(line, &start, &end, &name, &name_len) != 0)
            die(EXIT_ERR, "/proc/%ld/maps line %lu malformed: %s", pid, lineno, line);
        out_range(start, end, name, name_len);

        walk_mapping(pagemap, pid, start >> page_shift, end >> page_shift, &present, &zero_pfn);
        errno = 0;
    }
    if (ferror(maps)) {
        if (is_gone_errno(errno))
            die(EXIT_GONE, "process %ld exited during the walk", pid);
        die(EXIT_ERR, "reading /proc/%ld/maps: %s", pid, strerror(errno));
    }
    free(line);
    fclose(maps);

    /* An exited (or zombie) process has no mm any more: its pagemap then
     * reads as empty even at address 0, and its maps as empty. */
    if (read_entries(pagemap, 0, 1) != 1)
        die(EXIT_GONE, "process %ld exited during the walk, or has no address space "
            "(zombie, kernel thread)", pid);
    close(pagemap);
    close(dir);

    if (present > 0 && zero_pfn == present)
        fprintf(stderr, "virt2phys: warning: all %" PRIu64 " PFNs of process %ld read as 0 "
                "(reading real PFNs needs CAP_SYS_ADMIN)\n", present, pid);
    return 0;
}

/* ---- /proc/iomem ------------------------------------------------------- */

struct iomem_range {
    uint64_t start, end; /* inclusive, as printed */
    int depth;           /* leading spaces / 2 */
    char *name;
};

struct iomem {
    struct iomem_range *r;
    size_t n, cap;
};

static void read_iomem(struct iomem *io)
{
    FILE *f = fopen("/proc/iomem", "r");
    if (!f)
        die(EXIT_ERR, "cannot open /proc/iomem: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    int any_nonzero = 0;
    io->r = NULL;
    io->n = io->cap = 0;
    errno = 0;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        char *p = line, *q;
        int spaces = 0;
        while (*p == ' ') {
            p++;
            spaces++;
        }
        errno = 0;
        uint64_t start = strtoull(p, &q, 16);
        if (q == p || *q != '-' || errno)
            die(EXIT_ERR, "/proc/iomem line %lu malformed: %s", lineno, line);
        p = q + 1;
        uint64_t end = strtoull(p, &q, 16);
        if (q == p || errno || strncmp(q, " : ", 3) != 0)
            die(EXIT_ERR, "/proc/iomem line %lu malformed: %s", lineno, line);
        p = q + 3;
        size_t nlen = strlen(p);
        if (nlen > 0 && p[nlen - 1] == '\n')
            p[--nlen] = '\0';
        if (start != 0 || end != 0)
            any_nonzero = 1;
        if (io->n == io->cap) {
            size_t ncap = io->cap ? io->cap * 2 : 64;
            struct iomem_range *nr = realloc(io->r, ncap * sizeof(*nr));
            if (!nr)
                die(EXIT_ERR, "out of memory");
            io->r = nr;
            io->cap = ncap;
        }
        char *name = strdup(p);
        if (!name)
            die(EXIT_ERR, "out of memory");
        io->r[io->n++] = (struct iomem_range){start, end, spaces / 2, name};
        errno = 0;
    }
    if (ferror(f))
        die(EXIT_ERR, "reading /proc/iomem: %s", strerror(errno));
    free(line);
    fclose(f);
    if (io->n == 0)
        die(EXIT_ERR, "/proc/iomem is empty");
    if (!any_nonzero)
        die(EXIT_ERR, "/proc/iomem shows only zero addresses (run as root)");
}

static void free_iomem(struct iomem *io)
{
    for (size_t i = 0; i < io->n; i++)
        free(io->r[i].name);
    free(io->r);
    io->r = NULL;
    io->n = io->cap = 0;
}

static int open_kpageflags(void)
{
    int fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die(EXIT_ERR, "cannot open /proc/kpageflags: %s%s", strerror(errno),
            errno == EACCES || errno == EPERM ? " (run as root)" : "");
    return fd;
}

/* Walk kpageflags for PFNs [first, last); print every page, or with
 * `pagecache` only those with MAPPEDTODISK set and ANON clear (anonymous
 * pages reuse the MAPPEDTODISK bit, see tools/mm/page-types.c). */
static void walk_kpageflags(int fd, uint64_t first, uint64_t last, int pagecache)
{
    const uint64_t want_set = UINT64_C(1) << KPF_MAPPEDTODISK;
    const uint64_t mask = want_set | (UINT64_C(1) << KPF_ANON);
    for (uint64_t pfn = first; pfn < last;) {
        uint64_t left = last - pfn;
        size_t count = left < BLOCK_ENTRIES ? (size_t)left : BLOCK_ENTRIES;
        ssize_t got = read_entries(fd, pfn, count);
        if (got < 0)
            die(EXIT_ERR, "reading /proc/kpageflags: %s", strerror(errno));
        for (ssize_t i = 0; i < got; i++) {
            uint64_t f = entries[i];
            if (pagecache && (f & mask) != want_set)
                continue;
            out_phys_page((pfn + (uint64_t)i) << page_shift, f);
        }
        if ((size_t)got < count)
            break; /* past the highest PFN the kernel knows */
        pfn += count;
    }
}

static int walk_kernel(void)
{
    struct iomem io;
    int fd = open_kpageflags();
    read_iomem(&io);
    out_section(0, "kernel");
    int found = 0;
    for (size_t i = 0; i < io.n; i++) {
        const struct iomem_range *r = &io.r[i];
        /* "Kernel code", "Kernel rodata", "Kernel data", "Kernel bss" are
         * children of a System RAM range */
        if (r->depth == 0 || strncmp(r->name, "Kernel ", 7) != 0)
            continue;
        found++;
        out_range(r->start, r->end, r->name, strlen(r->name));
        /* END is inclusive: pages from the one holding START up to and
         * including the one holding END */
        walk_kpageflags(fd, r->start >> page_shift, (r->end >> page_shift) + 1, 0);
    }
    if (!found)
        die(EXIT_ERR, "no 'Kernel ...' ranges in /proc/iomem");
    free_iomem(&io);
    close(fd);
    return 0;
}

static int walk_pagecache(void)
{
    struct iomem io;
    int fd = open_kpageflags();
    read_iomem(&io);
    uint64_t top = 0;
    int found = 0;
    for (size_t i = 0; i < io.n; i++) {
        const struct iomem_range *r = &io.r[i];
        if (r->depth == 0 && strcmp(r->name, "System RAM") == 0 && r->end + 1 > top) {
            top = r->end + 1;
            found++;
        }
    }
    if (!found)
        die(EXIT_ERR, "no 'System RAM' range in /proc/iomem");
    out_section(-1, "pagecache");
    out_range(0, top, "/proc/kpageflags", strlen("/proc/kpageflags"));
    /* /proc/iomem lists top-level ranges in ascending order; pages outside
     * System RAM can hold no page cache */
    uint64_t done = 0; /* first PFN not yet walked, keeps output ascending */
    for (size_t i = 0; i < io.n; i++) {
        const struct iomem_range *r = &io.r[i];
        if (r->depth != 0 || strcmp(r->name, "System RAM") != 0)
            continue;
        uint64_t first = r->start >> page_shift, last = (r->end >> page_shift) + 1;
        if (first < done)
            first = done;
        if (first < last) {
            walk_kpageflags(fd, first, last, 1);
            done = last;
        }
    }
    free_iomem(&io);
    close(fd);
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc != 2 || argv[1][0] == '\0')
        usage();
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs("usage: virt2phys PID | kernel | pagecache\n", stdout);
        return 0;
    }
    long ps = sysconf(_SC_PAGESIZE);
    if (ps <= 0 || (ps & (ps - 1)) != 0)
        die(EXIT_ERR, "cannot determine the page size");
    page_size = (uint64_t)ps;
    while ((UINT64_C(1) << page_shift) < page_size)
        page_shift++;

    int rc;
    if (strcmp(argv[1], "kernel") == 0)
        rc = walk_kernel();
    else if (strcmp(argv[1], "pagecache") == 0)
        rc = walk_pagecache();
    else
        rc = walk_process(argv[1]);
    out_flush();
    return rc;
}
