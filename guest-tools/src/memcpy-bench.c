/*
 * memcpy-bench FILE [RUNS]: the memcpy bandwidth of this machine on FILE's
 * size, the limit for bin/bench-handler's working-set install figures (not
 * a capture tool). FILE is mapped and read into the page tables first, as
 * uffd-handler --populate does with the memory file. Prints, as medians of
 * RUNS (default 5) copies of the whole file:
 *   warm:  into a destination whose pages are already mapped (pure copy);
 *   fresh: into newly mapped anonymous memory (each page faulted, zeroed by
 *          the kernel, then copied: what a VMM touching fresh memory pays);
 *   uffdio_copy: one UFFDIO_COPY of the whole file into anonymous memory of
 *          this process registered with a userfaultfd: the kernel's own
 *          ceiling for an install by extents (page allocation, copy, mapping),
 *          no handler, no VMM, no log.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

/* GB/s of one UFFDIO_COPY of SIZE bytes from SRC; 0 if userfaultfd is unavailable. */
static double uffdio_copy_rate(const char *src, size_t size)
{
	int dev = open("/dev/userfaultfd", O_RDWR | O_CLOEXEC);
	int uffd = dev < 0 ? -1 : ioctl(dev, USERFAULTFD_IOC_NEW, O_CLOEXEC);
	if (dev >= 0)
		close(dev);
	struct uffdio_api api = {.api = UFFD_API};
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) < 0) {
		perror("userfaultfd");
		return 0;
	}
	char *dst = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct uffdio_register reg = {.range = {(uint64_t)(uintptr_t)dst, size}, .mode = UFFDIO_REGISTER_MODE_MISSING};
	double rate = 0;
	if (dst != MAP_FAILED && ioctl(uffd, UFFDIO_REGISTER, &reg) == 0) {
		struct uffdio_copy c = {.dst = (uint64_t)(uintptr_t)dst, .src = (uint64_t)(uintptr_t)src, .len = size};
		double t = now_s();
		if (ioctl(uffd, UFFDIO_COPY, &c) == 0)
			rate = size / (now_s() - t) / 1e9;
		else
			perror("UFFDIO_COPY");
	} else {
		perror("mmap/UFFDIO_REGISTER");
	}
	if (dst != MAP_FAILED)
		munmap(dst, size);
	close(uffd);
	return rate;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: memcpy-bench FILE [RUNS]\n");
		return 2;
	}
	int runs = argc == 3 ? atoi(argv[2]) : 5;
	if (runs < 1 || runs > 100) {
		fprintf(stderr, "memcpy-bench: RUNS must be 1..100\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0) {
		perror(argv[1]);
		return 2;
	}
	size_t size = (size_t)st.st_size;
	const char *src = mmap(NULL, size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	char *warm = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (src == MAP_FAILED || warm == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	double w[100], f[100], u[100];
	for (int i = 0; i < runs; i++) {
		double t = now_s();
		memcpy(warm, src, size);
		w[i] = size / (now_s() - t) / 1e9;
		char *fresh = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (fresh == MAP_FAILED) {
			perror("mmap");
			return 2;
		}
		t = now_s();
		memcpy(fresh, src, size);
		f[i] = size / (now_s() - t) / 1e9;
		munmap(fresh, size);
		u[i] = uffdio_copy_rate(src, size);
	}
	printf("memcpy-bench: %zu bytes, %d runs: warm GB/s=%.3f fresh GB/s=%.3f uffdio_copy GB/s=%.3f\n", size, runs,
	       median(w, runs), median(f, runs), median(u, runs));
	return 0;
}
