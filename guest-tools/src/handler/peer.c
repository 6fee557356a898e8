/* uffd-handler's connection to the peer (see peer.h). */
#define _GNU_SOURCE
#include "peer.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

void peer_remove_socket(struct handler *h)
{
	if (h->listen_fd >= 0) {
		close(h->listen_fd);
		h->listen_fd = -1;
	}
	if (h->sock_created) {
		if (unlink(h->o.sock_path) < 0 && errno != ENOENT)
			err("unlink(%s): %s", h->o.sock_path, strerror(errno));
		h->sock_created = false;
	}
}

void peer_create_socket(struct handler *h)
{
	const char *path = h->o.sock_path;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct stat st;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		err("socket path %s is too long (max %zu bytes)", path, sizeof(sa.sun_path) - 1);
		handler_die(h, EX_SOCKET);
	}
	strcpy(sa.sun_path, path);
	if (lstat(path, &st) == 0) {
		if (!h->o.force) {
			err("socket path %s already exists; refusing to reuse it (pass --force to replace it)", path);
			handler_die(h, EX_SOCKET);
		}
		if (!S_ISSOCK(st.st_mode)) {
			err("--force given, but %s is not a socket; refusing to delete it", path);
			handler_die(h, EX_SOCKET);
		}
		if (unlink(path) < 0) {
			err("unlink(%s): %s", path, strerror(errno));
			handler_die(h, EX_SOCKET);
		}
	} else if (errno != ENOENT) {
		err("lstat(%s): %s", path, strerror(errno));
		handler_die(h, EX_SOCKET);
	}
	h->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (h->listen_fd < 0) {
		err("socket(AF_UNIX): %s", strerror(errno));
		handler_die(h, EX_SOCKET);
	}
	mode_t old = umask(0177);
	int rc = bind(h->listen_fd, (struct sockaddr *)&sa, sizeof(sa));
	int e = errno;
	umask(old);
	if (rc < 0) {
		err("bind(%s): %s", path, strerror(e));
		handler_die(h, EX_SOCKET);
	}
	h->sock_created = true;
	if (chmod(path, 0600) < 0) {
		err("chmod(%s, 0600): %s", path, strerror(errno));
		handler_die(h, EX_SOCKET);
	}
	if (listen(h->listen_fd, 1) < 0) {
		err("listen(%s): %s", path, strerror(errno));
		handler_die(h, EX_SOCKET);
	}
}

/* Waits until FD is readable: true, or false after MS ms (-1: no limit).
 * A signal ends the handler (exit 10), naming DURING. */
static bool wait_readable(struct handler *h, int fd, int ms, const char *during)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	uint64_t deadline = now_ns() + (uint64_t)(ms < 0 ? 0 : ms) * 1000000ULL;
	for (;;) {
		uint64_t now = now_ns();
		int left = ms < 0 ? -1 : now >= deadline ? 0 : (int)((deadline - now) / 1000000ULL);
		int n = poll(&p, 1, left);
		if (n < 0 && errno == EINTR) {
			if (atomic_load(&h->signal)) {
				err("stopped by signal %d %s", atomic_load(&h->signal), during);
				handler_die(h, EX_SIGNAL);
			}
			continue;
		}
		if (n < 0) {
			err("poll(%s): %s", fd == h->listen_fd ? "listening socket" : "connection", strerror(errno));
			handler_die(h, EX_SOCKET);
		}
		return n > 0;
	}
}

void peer_accept(struct handler *h)
{
	int tmo = h->o.accept_timeout_ms > 0 ? h->o.accept_timeout_ms : -1;
	if (!wait_readable(h, h->listen_fd, tmo, "while waiting for a connection")) {
		err("nobody connected to %s within %d ms", h->o.sock_path, h->o.accept_timeout_ms);
		handler_die(h, EX_NOPEER);
	}
	h->conn = accept4(h->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (h->conn < 0) {
		err("accept(%s): %s", h->o.sock_path, strerror(errno));
		handler_die(h, EX_SOCKET);
	}
	h->t0 = now_ns();
	/* Firecracker connects once: the listening socket and its path are done. */
	peer_remove_socket(h);

	struct ucred cr;
	socklen_t cl = sizeof(cr);
	if (getsockopt(h->conn, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0) {
		err("getsockopt(SO_PEERCRED): %s (peer PID unknown)", strerror(errno));
		h->peer_pid = 0;
	} else {
		h->peer_pid = cr.pid;
	}
}

/* Keeps the first file descriptor of the message in *fd (the others are
 * closed); returns how many came. */
static int take_fds(struct msghdr *mh, int *fd, int nfds)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		int p[8];
		memcpy(p, CMSG_DATA(c), (size_t)k * sizeof(int));
		for (int i = 0; i < k; i++) {
			if (nfds++ == 0)
				*fd = p[i];
			else
				close(p[i]);
		}
	}
	return nfds;
}

/* Reads the handshake message: the JSON (reassembled when split over several
 * reads) and the file descriptor sent with it (into h->uffd). */
static char *receive_message(struct handler *h, size_t *len)
{
	char *buf = malloc(HANDSHAKE_MAX + 1);
	struct handshake_reader *rd = handshake_reader_new();
	size_t have = 0;
	int nfds = 0;

	if (!buf || !rd) {
		handler_oom("the handshake", HANDSHAKE_MAX + 1);
		handler_die(h, EX_NOMEM);
	}
	if (!wait_readable(h, h->conn, h->o.handshake_timeout_ms, "during the handshake")) {
		err("handshake: the peer sent nothing within %d ms", h->o.handshake_timeout_ms);
		handler_die(h, EX_NOPEER);
	}
	for (int first = 1;; first = 0) {
		union {
			struct cmsghdr h;
			char b[CMSG_SPACE(sizeof(int) * 8)];
		} cbuf;
		struct iovec iov = {.iov_base = buf + have, .iov_len = HANDSHAKE_MAX - have};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf.b,
				    .msg_controllen = sizeof(cbuf.b)};
		ssize_t n = recvmsg(h->conn, &mh, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err("recvmsg(handshake): %s", strerror(errno));
			handler_die(h, EX_SOCKET);
		}
		int before = nfds;
		nfds = take_fds(&mh, &h->uffd, nfds);
		if (mh.msg_flags & MSG_CTRUNC) {
			err("handshake: control message truncated (more file descriptors than expected)");
			handler_die(h, EX_NOFD);
		}
		if (n == 0) {
			if (first) {
				err("handshake: the peer closed the connection without sending anything");
				handler_die(h, EX_NOPEER);
			}
			break;
		}
		if (first && nfds == 0) {
			err("handshake: message carried no file descriptor (expected the userfaultfd as SCM_RIGHTS "
			    "ancillary data together with the JSON)");
			handler_die(h, EX_NOFD);
		}
		if (nfds > 1 && before <= 1)
			err("handshake: %d file descriptors received, using the first, closing the rest", nfds);
		enum handshake_state st = handshake_reader_feed(rd, buf + have, (size_t)n);
		have += (size_t)n;
		if (st == HS_COMPLETE)
			break;
		if (have >= HANDSHAKE_MAX) {
			err("handshake: JSON longer than %d bytes", HANDSHAKE_MAX);
			handler_die(h, EX_JSON);
		}
		if (!wait_readable(h, h->conn, 2000, "during the handshake")) {
			char q[256];
			quote_bytes(buf, have, 120, q, sizeof(q));
			err("handshake: incomplete JSON (no more data within 2 s): '%s'", q);
			handler_die(h, EX_JSON);
		}
	}
	handshake_reader_free(rd);
	*len = have;
	return buf;
}

/* Is the descriptor received really a userfaultfd? */
static void check_uffd(struct handler *h)
{
	char link[64], target[256];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", h->uffd);
	ssize_t tl = readlink(link, target, sizeof(target) - 1);
	if (tl < 0) {
		err("readlink(%s): %s", link, strerror(errno));
		handler_die(h, EX_NOFD);
	}
	target[tl] = 0;
	if (!strstr(target, "userfaultfd")) {
		err("handshake: the file descriptor received is not a userfaultfd but '%s'", target);
		handler_die(h, EX_NOFD);
	}
}

static void read_uffd_features(struct handler *h)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", h->uffd);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long api, ioctls;
		unsigned int feat;
		if (sscanf(line, "API:\t%llx:%x:%llx", &api, &feat, &ioctls) == 3) {
			h->features = feat;
			h->features_known = true;
		}
	}
	fclose(f);
}

void peer_handshake(struct handler *h)
{
	size_t len;
	char *buf = receive_message(h, &len);
	check_uffd(h);

	struct handshake_config c = {
		.mem_size = h->mem_size,
		.mem_name = h->o.mem_path,
		.page_size_opt = h->o.page_size_opt,
		.host_page_size = (uint64_t)sysconf(_SC_PAGESIZE),
		.layout = h->o.layout,
		.region_gpa = h->o.region_gpa,
		.nregion_gpa = h->o.nregion_gpa,
	};
	char msg[1024];
	int rc = handshake_parse(buf, len, &c, &h->hs, msg, sizeof(msg));
	free(buf);
	if (rc) {
		err("%s", msg);
		handler_die(h, rc);
	}
	if (h->hs.covered != h->mem_size)
		err("warning: the regions cover %" PRIu64 " bytes, the memory file %s has %" PRIu64 " (%" PRIu64
		    " bytes of it never served)", h->hs.covered, h->o.mem_path, h->mem_size, h->mem_size - h->hs.covered);
	read_uffd_features(h);
}

void peer_check_socket(struct handler *h)
{
	char b[4096];
	ssize_t r = recv(h->conn, b, sizeof(b), MSG_DONTWAIT);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		atomic_store(&h->peer_gone, true);
	} else if (r > 0) {
		atomic_fetch_add(&h->peer_extra_bytes, (uint64_t)r);
		if (!atomic_exchange(&h->peer_talked, true))
			err("ignoring unexpected data from the peer after the handshake (%zd bytes so far; the total is in "
			    "the summary)", r);
	}
}
