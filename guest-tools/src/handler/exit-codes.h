/* uffd-handler's exit codes (UffdVisualizer guest-tools); the table in
 * docs/uffd-handler.md says what each means to a user. */
#ifndef EXIT_CODES_H
#define EXIT_CODES_H

enum {
	EX_OK = 0,
	EX_USAGE = 1,
	EX_SOCKET = 2,     /* socket path exists / bind / accept failed */
	EX_MEMFILE = 3,    /* memory file cannot be opened, is not a regular file, or cannot be mapped */
	EX_NOFD = 4,       /* handshake carried no (userfault) fd */
	EX_JSON = 5,       /* handshake JSON malformed or missing fields */
	EX_REGIONS = 6,    /* regions do not fit the memory file / invalid */
	EX_UFFD = 7,       /* userfaultfd operation failed while serving */
	EX_PREFETCH = 8,   /* prefetch file unreadable or invalid */
	EX_NOPEER = 9,     /* no connection / no handshake before timeout, or peer closed first */
	EX_SIGNAL = 10,    /* stopped by SIGINT/SIGTERM/SIGHUP (summary still printed) */
	EX_LOG = 11,       /* log file refused or cannot be written */
	EX_NOMEM = 12,     /* out of memory */
	EX_MEMFILE_SHRANK = 13, /* the memory file became shorter while serving */
};

#endif
