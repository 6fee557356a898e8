/*
 * uffd-handler: an external userfaultfd page-fault handler that speaks
 * Firecracker's snapshot-restore protocol (UffdVisualizer guest-tools).
 *
 *   uffd-handler [options] SOCKET MEMORY_FILE
 *
 * Creates the Unix socket SOCKET, accepts one connection, receives the
 * userfaultfd (SCM_RIGHTS) and the JSON list of guest memory regions, and
 * serves page faults from MEMORY_FILE (mapped read-only) until the peer goes
 * away. See docs/uffd-handler.md for the log format, the exit codes and
 * which file of src/handler/ does what; this one reads the options, takes
 * the signals and runs the steps in order.
 */
#define _GNU_SOURCE
#include "handler/handler.h"
#include "handler/log.h"
#include "handler/memfile.h"
#include "handler/pages.h"
#include "handler/peer.h"
#include "handler/prefetch.h"
#include "handler/serve.h"
#include "handler/stats.h"
#include "handler/threads.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Named in every message err() prints (uffd-common.h). */
const char *const uffd_prog = PROG;

/* The only state a signal handler can reach is a global: the handler the
 * signal stops. */
static struct handler *signal_target;

static void on_signal(int sig)
{
	int saved = errno;
	atomic_store(&signal_target->signal, sig);
	/* the signal may land on a thread other than the one asleep in poll()
	 * or epoll_wait() (with --threads > 1 always the main thread, which only
	 * waits in pthread_join()): wake the serving threads through the pipe */
	handler_wake(signal_target);
	errno = saved;
}

static void take_signals(struct handler *h)
{
	signal_target = h;
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGHUP, &sa, NULL) < 0) {
		err("sigaction: %s", strerror(errno));
		exit(EX_USAGE);
	}
	signal(SIGPIPE, SIG_IGN);
	/* a log beyond RLIMIT_FSIZE: a failed write (exit 11), not a core dump */
	signal(SIGXFSZ, SIG_IGN);
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [options] SOCKET MEMORY_FILE\n"
"Serves the userfaultfd that a Firecracker (or fake-vmm) sends over SOCKET with\n"
"pages of MEMORY_FILE (a snapshot memory file, mapped read-only).\n"
"  --log FILE            write the fault log to FILE (default: stdout)\n"
"  --log-format F        'default' (the original handler's lines) or 'extended'\n"
"                        (thread id, ns since connect, guest-physical address)\n"
"  --prefetch FILE       copy the pages at these memory-file offsets (one per\n"
"                        line, 0x-hex or decimal, in order) proactively\n"
"  --prefetch-mode M     'parallel' (second thread, default) or 'before'\n"
"                        (all prefetching done before serving demand faults)\n"
"  --prefetch-threads N  'before' installs with N threads, each taking the next\n"
"                        4 MiB of the working set (default: online CPUs, at most 8)\n"
"  --page-size N         page size when the handshake does not carry one\n"
"                        (4096 or 2M); must agree with the handshake otherwise\n"
"  --layout L            guest-physical layout for gpa= in extended logs:\n"
"                        x86_64 (default: region 0 at 0, next ones from 4 GiB),\n"
"                        aarch64 (from 2 GiB), flat (contiguous from 0)\n"
"  --region-gpa A[,B..]  explicit guest-physical start of each region\n"
"  --force, --replace    replace an existing socket at SOCKET\n"
"  --accept-timeout S    give up (exit 9) if nobody connects within S seconds\n"
"  --handshake-timeout S wait at most S seconds for the handshake (default 10)\n"
"  --populate            map the memory file's data into the page tables before\n"
"                        accepting (MADV_POPULATE_READ): faster copies later\n"
"  --busy-poll US        spin up to US microseconds for the next event before\n"
"                        sleeping in poll() (lower latency, burns CPU)\n"
"  --threads N           serve with N threads reading the same userfaultfd\n"
"                        (default 1); concurrent faults are served in parallel\n"
"  --quiet               no summary on stderr\n"
"  -h, --help\n"
"Exit codes: 0 peer went away, 1 usage, 2 socket, 3 memory file, 4 no fd in\n"
"handshake, 5 malformed JSON, 6 regions do not fit, 7 userfaultfd error,\n"
"8 prefetch file, 9 no peer / no handshake, 10 signal, 11 log file,\n"
"12 out of memory, 13 memory file shrank while serving.\n");
}

static void parse_region_gpas(struct handler *h, const char *s)
{
	char *copy = strdup(s), *save = NULL;
	if (!copy) {
		handler_oom("--region-gpa", strlen(s) + 1);
		exit(EX_NOMEM);
	}
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (h->o.nregion_gpa == MAX_REGIONS || parse_u64(t, &h->o.region_gpa[h->o.nregion_gpa], 1)) {
			err("--region-gpa: bad address '%s'", t);
			exit(EX_USAGE);
		}
		h->o.nregion_gpa++;
	}
	free(copy);
}

static int parse_seconds_ms(const char *opt, const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || v < 0 || v > 86400) {
		err("%s: bad number of seconds '%s'", opt, s);
		exit(EX_USAGE);
	}
	return (int)(v * 1000);
}

/* OPT's value S, 1..MAX_THREADS, into *n; -1 with a message naming OPT. */
static int parse_thread_count(const char *opt, const char *what, const char *s, int *n)
{
	uint64_t v;
	if (parse_u64(s, &v, 0) || v < 1 || v > MAX_THREADS) {
		err("%s: a number of %s threads, 1..%d, not '%s'", opt, what, MAX_THREADS, s);
		return -1;
	}
	*n = (int)v;
	return 0;
}

/* Reads the options into h->o; returns -1 to go on, or the exit code. */
static int parse_options(struct handler *h, int argc, char **argv)
{
	enum { O_LOG = 256, O_FMT, O_PREFETCH, O_PMODE, O_PSZ, O_LAYOUT, O_RGPA, O_ATMO, O_HTMO, O_POP, O_BUSY, O_THREADS, O_PTHREADS };
	static const struct option opts[] = {
		{"log", required_argument, 0, O_LOG},
		{"log-format", required_argument, 0, O_FMT},
		{"prefetch", required_argument, 0, O_PREFETCH},
		{"prefetch-mode", required_argument, 0, O_PMODE},
		{"page-size", required_argument, 0, O_PSZ},
		{"layout", required_argument, 0, O_LAYOUT},
		{"region-gpa", required_argument, 0, O_RGPA},
		{"force", no_argument, 0, 'f'},
		{"replace", no_argument, 0, 'f'},
		{"accept-timeout", required_argument, 0, O_ATMO},
		{"handshake-timeout", required_argument, 0, O_HTMO},
		{"quiet", no_argument, 0, 'q'},
		{"populate", no_argument, 0, O_POP},
		{"busy-poll", required_argument, 0, O_BUSY},
		{"threads", required_argument, 0, O_THREADS},
		{"prefetch-threads", required_argument, 0, O_PTHREADS},
		{"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "fqh", opts, NULL)) != -1) {
		switch (c) {
		case O_LOG: h->o.log_path = optarg; break;
		case O_FMT:
			if (!strcmp(optarg, "default") || !strcmp(optarg, "original"))
				h->o.extended = false;
			else if (!strcmp(optarg, "extended"))
				h->o.extended = true;
			else {
				err("--log-format must be 'default' or 'extended', not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_PREFETCH: h->o.prefetch_path = optarg; break;
		case O_PMODE:
			if (!strcmp(optarg, "parallel"))
				h->o.prefetch_parallel = true;
			else if (!strcmp(optarg, "before"))
				h->o.prefetch_parallel = false;
			else {
				err("--prefetch-mode must be 'parallel' or 'before', not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_PSZ:
			if (parse_u64(optarg, &h->o.page_size_opt, 1) || !is_pow2(h->o.page_size_opt) || h->o.page_size_opt < 4096) {
				err("--page-size: '%s' is not a power of two >= 4096", optarg);
				return EX_USAGE;
			}
			break;
		case O_LAYOUT:
			if (parse_layout(optarg, &h->o.layout)) {
				err("--layout must be x86_64, aarch64 or flat, not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case O_RGPA: parse_region_gpas(h, optarg); break;
		case 'f': h->o.force = true; break;
		case O_ATMO: h->o.accept_timeout_ms = parse_seconds_ms("--accept-timeout", optarg); break;
		case O_HTMO: h->o.handshake_timeout_ms = parse_seconds_ms("--handshake-timeout", optarg); break;
		case 'q': h->o.quiet = true; break;
		case O_POP: h->o.populate = true; break;
		case O_BUSY: {
			uint64_t us;
			if (parse_u64(optarg, &us, 0) || us > 10000000) {
				err("--busy-poll: microseconds, 0..10000000");
				return EX_USAGE;
			}
			h->o.busy_poll_ns = us * 1000;
			break;
		}
		case O_THREADS:
			if (parse_thread_count("--threads", "serving", optarg, &h->o.nthreads))
				return EX_USAGE;
			break;
		case O_PTHREADS:
			if (parse_thread_count("--prefetch-threads", "installing", optarg, &h->o.prefetch_threads))
				return EX_USAGE;
			break;
		case 'h': usage(stdout); return EX_OK;
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return EX_USAGE;
	}
	h->o.sock_path = argv[optind];
	h->o.mem_path = argv[optind + 1];
	return -1;
}

static void release(struct handler *h)
{
	close(h->uffd);
	close(h->conn);
	memfile_close(h);
	pages_free(h);
	stats_free(h);
	prefetch_free(h);
	for (int i = 0; i < 2; i++)
		if (h->wake_pipe[i] >= 0)
			close(h->wake_pipe[i]);
	pthread_mutex_destroy(&h->read_lock);
}

int main(int argc, char **argv)
{
	static struct handler handler;
	struct handler *h = &handler;
	handler_init(h);
	int rc = parse_options(h, argc, argv);
	if (rc >= 0)
		return rc;

	if (pipe2(h->wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		err("pipe2: %s", strerror(errno));
		return EX_USAGE;
	}
	take_signals(h);

	/* the memory file first: the log is then checked not to be it */
	memfile_open(h);
	log_open(h);
	if (h->o.prefetch_path)
		prefetch_load(h);
	memfile_map(h);
	peer_create_socket(h);
	peer_accept(h);
	peer_handshake(h);
	prefetch_prepare(h);
	pages_init(h);
	log_header(h);

	prefetch_start(h);
	if (h->o.nthreads > 1)
		serve_threaded(h);
	else
		serve_single(&h->workers[0]);
	prefetch_stop(h);
	stats_merge(h);
	rc = handler_result(h);
	stats_print_summary(h, rc == EX_SIGNAL ? "stopped by a signal" : rc == EX_OK ? "peer went away; exiting"
											: "exiting after an error");
	int log_rc = log_close(h);
	rc = handler_result(h);
	if (!rc || rc == EX_SIGNAL)
		rc = log_rc ? log_rc : rc;
	release(h);
	return rc;
}
