/*
 * pread-walker - benchmark baseline for virt2phys: walks a process the way
 * the original fireCRaCer walker did, with one 8-byte pread() of
 * /proc/PID/pagemap per virtual page and one printf() per output line.
 * Output is the process section of FORMATS.md section 1, the same text as
 * `virt2phys PID` (names kept whole here too, so the two can be diffed).
 * Not for captures: use virt2phys. Only `pread-walker PID`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc != 2) {
        fputs("usage: pread-walker PID\n", stderr);
        return 2;
    }
    char *endp;
    long pid = strtol(argv[1], &endp, 10);
    if (*endp != '\0' || endp == argv[1] || pid <= 0) {
        fprintf(stderr, "pread-walker: bad PID '%s'\n", argv[1]);
        return 2;
    }
    uint64_t page_size = (uint64_t)sysconf(_SC_PAGESIZE);

    char path[64], exe[PATH_MAX];
    snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
    ssize_t n = readlink(path, exe, sizeof(exe) - 1);
    exe[n >= 0 ? n : 0] = '\0';

    snprintf(path, sizeof(path), "/proc/%ld/maps", pid);
    FILE *maps = fopen(path, "r");
    if (!maps) {
        fprintf(stderr, "pread-walker: %s: %s\n", path, strerror(errno));
        return 1;
    }
    snprintf(path, sizeof(path), "/proc/%ld/pagemap", pid);
    int pagemap = open(path, O_RDONLY);
    if (pagemap < 0) {
        fprintf(stderr, "pread-walker: %s: %s\n", path, strerror(errno));
        return 1;
    }

    printf("= %ld %s\n", pid, exe);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, maps) != -1) {
        uint64_t start, end;
        int name_at = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %*s %*s %*s %n", &start, &end, &name_at) < 2)
            continue;
        char *name = line + name_at;
        name[strcspn(name, "\n")] = '\0';
        printf("v %#018" PRIx64 " %#018" PRIx64 " %s\n", start, end, name);
        for (uint64_t va = start; va < end; va += page_size) {
            uint64_t e;
            if (pread(pagemap, &e, sizeof(e), (off_t)(va / page_size * sizeof(e))) != sizeof(e))
                break;
            if (e >> 63)
                printf("p %#018" PRIx64 " %#018" PRIx64 " %d %d\n", va,
                       (e & ((UINT64_C(1) << 55) - 1)) * page_size,
                       (int)((e >> 56) & 1), (int)((e >> 61) & 1));
        }
    }
    free(line);
    return 0;
}
