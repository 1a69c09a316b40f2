/*
 * udpcli.c - a textbook UDP client, for udpsrv (or any UDP echo server).
 *
 * usage: udpcli HOST PORT message...
 *
 * Looks HOST and PORT up with getaddrinfo (HOST may be a name, from
 * /etc/hosts or DNS, or an address), connects a UDP socket to the first
 * address that works, sends each message as one datagram and prints
 * the reply, waiting at most 2 seconds for each (select): a datagram or
 * its reply may be lost, and then the client says so and fails.
 *
 * Written as a POSIX textbook program: it compiles unchanged on Linux.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <netdb.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE 512

int main(int argc, char *argv[]) {
  struct addrinfo hints, *result, *rp;
  char buf[BUF_SIZE];
  struct timeval tv;
  fd_set rfds;
  size_t len;
  ssize_t n;
  int sfd, s, i, status = EXIT_SUCCESS;

  if (argc < 4) {
    fprintf(stderr, "usage: %s HOST PORT message...\n", argv[0]);
    exit(EXIT_FAILURE);
  }

  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;    /* whatever HOST has */
  hints.ai_socktype = SOCK_DGRAM; /* UDP */

  s = getaddrinfo(argv[1], argv[2], &hints, &result);
  if (s != 0) {
    fprintf(stderr, "udpcli: %s: %s\n", argv[1], gai_strerror(s));
    exit(EXIT_FAILURE);
  }

  /* A connected UDP socket: send() needs no address, and only the
     server's datagrams are received. */
  for (rp = result; rp != NULL; rp = rp->ai_next) {
    sfd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);
    if (sfd == -1)
      continue;
    if (connect(sfd, rp->ai_addr, rp->ai_addrlen) != -1)
      break;
    close(sfd);
  }
  freeaddrinfo(result);
  if (rp == NULL) {
    fprintf(stderr, "udpcli: could not connect to %s\n", argv[1]);
    exit(EXIT_FAILURE);
  }

  for (i = 3; i < argc; i++) {
    len = strlen(argv[i]);
    if (len > BUF_SIZE) {
      fprintf(stderr, "udpcli: message %d too long\n", i - 2);
      continue;
    }
    if (send(sfd, argv[i], len, 0) != (ssize_t)len) {
      perror("send");
      exit(EXIT_FAILURE);
    }

    FD_ZERO(&rfds);
    FD_SET(sfd, &rfds);
    tv.tv_sec = 2;
    tv.tv_usec = 0;
    s = select(sfd + 1, &rfds, NULL, NULL, &tv);
    if (s == -1) {
      perror("select");
      exit(EXIT_FAILURE);
    }
    if (s == 0) {
      fprintf(stderr, "udpcli: no reply to \"%s\"\n", argv[i]);
      status = EXIT_FAILURE;
      break;
    }
    n = recv(sfd, buf, BUF_SIZE, 0);
    if (n == -1) {
      perror("recv"); /* ECONNREFUSED: nobody at that port */
      exit(EXIT_FAILURE);
    }
    printf("reply %d: %.*s\n", i - 2, (int)n, buf);
  }

  close(sfd);
  exit(status);
}
