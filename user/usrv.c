/*
 * usrv.c - a textbook AF_UNIX stream echo server.
 *
 * usage: usrv PATH [nclients]
 *
 * Binds PATH, then serves clients one at a time: whatever a client
 * sends comes straight back, until the client closes. Stops after
 * nclients clients (default: never), removing PATH.
 *
 * Written as a POSIX textbook program: it compiles unchanged on Linux.
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define BACKLOG 5
#define BUF_SIZE 512

int main(int argc, char *argv[]) {
  struct sockaddr_un addr;
  int sfd, cfd, nclients, served;
  ssize_t n;
  char buf[BUF_SIZE];

  if (argc < 2 || argc > 3 || strlen(argv[1]) >= sizeof(addr.sun_path)) {
    fprintf(stderr, "usage: %s PATH [nclients]\n", argv[0]);
    exit(EXIT_FAILURE);
  }
  nclients = argc > 2 ? atoi(argv[2]) : -1;

  sfd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sfd == -1) {
    perror("socket");
    exit(EXIT_FAILURE);
  }

  /* Remove a name left over from an earlier run. */
  if (unlink(argv[1]) == -1 && errno != ENOENT) {
    perror("unlink");
    exit(EXIT_FAILURE);
  }

  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  strncpy(addr.sun_path, argv[1], sizeof(addr.sun_path) - 1);

  if (bind(sfd, (struct sockaddr *)&addr, sizeof(addr)) == -1) {
    perror("bind");
    exit(EXIT_FAILURE);
  }
  if (listen(sfd, BACKLOG) == -1) {
    perror("listen");
    exit(EXIT_FAILURE);
  }

  for (served = 0; nclients < 0 || served < nclients; served++) {
    cfd = accept(sfd, NULL, NULL);
    if (cfd == -1) {
      perror("accept");
      exit(EXIT_FAILURE);
    }

    while ((n = read(cfd, buf, BUF_SIZE)) > 0) {
      char *p = buf;
      while (n > 0) {
        ssize_t w = write(cfd, p, n);
        if (w == -1) {
          perror("write");
          break;
        }
        p += w;
        n -= w;
      }
    }
    if (n == -1)
      perror("read");

    if (close(cfd) == -1)
      perror("close");
  }

  close(sfd);
  unlink(argv[1]);
  printf("usrv: served %d clients\n", served);
  exit(EXIT_SUCCESS);
}
