/*
 * udpsrv.c - a textbook UDP server: answers each datagram with the
 * same text in upper case, sent back to whoever sent it.
 *
 * usage: udpsrv PORT [count]
 *
 * Finds its address with getaddrinfo (AI_PASSIVE: any address of this
 * host), binds the first one that works, says "udpsrv: ready on port
 * PORT", and then serves datagrams, printing the sender of each (found
 * with getnameinfo, as numbers). Stops after count datagrams (default:
 * never).
 *
 * Written as a POSIX textbook program: it compiles unchanged on Linux.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netdb.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE 512
#define HOST_LEN 1025 /* NI_MAXHOST, which POSIX does not define */
#define SERV_LEN 32

int main(int argc, char *argv[]) {
  struct addrinfo hints, *result, *rp;
  struct sockaddr_storage peer;
  socklen_t peer_len;
  char buf[BUF_SIZE], host[HOST_LEN], service[SERV_LEN];
  ssize_t n, i;
  long count, served;
  int sfd, s;

  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s PORT [count]\n", argv[0]);
    exit(EXIT_FAILURE);
  }
  count = argc > 2 ? atol(argv[2]) : -1;

  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;      /* IPv4 */
  hints.ai_socktype = SOCK_DGRAM; /* UDP */
  hints.ai_flags = AI_PASSIVE;    /* any address of this host */

  s = getaddrinfo(NULL, argv[1], &hints, &result);
  if (s != 0) {
    fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(s));
    exit(EXIT_FAILURE);
  }

  /* Try each address until one binds. */
  for (rp = result; rp != NULL; rp = rp->ai_next) {
    sfd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);
    if (sfd == -1)
      continue;
    if (bind(sfd, rp->ai_addr, rp->ai_addrlen) == 0)
      break;
    close(sfd);
  }
  freeaddrinfo(result);
  if (rp == NULL) {
    fprintf(stderr, "udpsrv: could not bind port %s\n", argv[1]);
    exit(EXIT_FAILURE);
  }
  printf("udpsrv: ready on port %s\n", argv[1]);
  fflush(stdout);

  for (served = 0; count < 0 || served < count; served++) {
    peer_len = sizeof(peer);
    n = recvfrom(sfd, buf, BUF_SIZE, 0, (struct sockaddr *)&peer, &peer_len);
    if (n == -1) {
      perror("recvfrom");
      exit(EXIT_FAILURE);
    }
    s = getnameinfo((struct sockaddr *)&peer, peer_len, host, HOST_LEN, service,
                    SERV_LEN, NI_NUMERICHOST | NI_NUMERICSERV);
    if (s == 0)
      printf("udpsrv: %ld bytes from %s:%s\n", (long)n, host, service);
    else
      fprintf(stderr, "getnameinfo: %s\n", gai_strerror(s));
    fflush(stdout);

    for (i = 0; i < n; i++)
      buf[i] = toupper((unsigned char)buf[i]);
    if (sendto(sfd, buf, n, 0, (struct sockaddr *)&peer, peer_len) != n)
      perror("sendto");
  }

  close(sfd);
  exit(EXIT_SUCCESS);
}
