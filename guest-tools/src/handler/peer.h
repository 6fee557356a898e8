/* uffd-handler's side of the connection: the listening socket, the one
 * peer, the handshake message and the userfaultfd it carries
 * (UffdVisualizer guest-tools). Setup runs on the main thread and exits on
 * failure; peer_check_socket() runs on serving threads. */
#ifndef PEER_H
#define PEER_H

#include "handler.h"

void peer_create_socket(struct handler *h);
/* Removes the listening socket and its path (idempotent). */
void peer_remove_socket(struct handler *h);
void peer_accept(struct handler *h);
/* Receives the handshake, checks the fd is a userfaultfd, parses and checks
 * the regions into h->hs, and reads the userfaultfd's features. */
void peer_handshake(struct handler *h);
/* The peer's socket became readable: data means nothing to us (reported
 * once), end of file or an error means the peer went away. */
void peer_check_socket(struct handler *h);

#endif
