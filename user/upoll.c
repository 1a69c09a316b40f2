/*
 * upoll.c - a textbook poll() server: one process, many clients, a
 * non-blocking listening socket.
 *
 * usage: upoll PATH [nclients]
 *
 * Every line a client sends comes back in upper case. The listening
 * socket is non-blocking, so when poll() reports it readable the server
 * accepts until accept() says EAGAIN. Clients are non-blocking too; one
 * that does not read its replies (a send that would block) is dropped
 * (echopoll shows how to buffer instead). Exits after nclients clients
 * have come and gone (default: never), removing PATH.
 *
 * Written as a POSIX textbook program: it compiles unchanged on Linux.
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <fcntl.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define MAX_FDS 16
#define BUF_SIZE 512

static int set_nonblocking(int fd) {
  int flags = fcntl(fd, F_GETFL, 0);
  if (flags == -1)
    return -1;
  return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int main(int argc, char *argv[]) {
  struct sockaddr_un addr;
  struct pollfd fds[MAX_FDS];
  int nfds, lfd, cfd, i, j, nclients, done = 0;
  ssize_t n;
  char buf[BUF_SIZE];

  if (argc < 2 || argc > 3 || strlen(argv[1]) >= sizeof(addr.sun_path)) {
    fprintf(stderr, "usage: %s PATH [nclients]\n", argv[0]);
    exit(EXIT_FAILURE);
  }
  nclients = argc > 2 ? atoi(argv[2]) : -1;

  lfd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (lfd == -1) {
    perror("socket");
    exit(EXIT_FAILURE);
  }
  if (unlink(argv[1]) == -1 && errno != ENOENT) {
    perror("unlink");
    exit(EXIT_FAILURE);
  }
  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  strncpy(addr.sun_path, argv[1], sizeof(addr.sun_path) - 1);
  if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == -1 ||
      listen(lfd, SOMAXCONN) == -1 || set_nonblocking(lfd) == -1) {
    perror("bind/listen");
    exit(EXIT_FAILURE);
  }

  fds[0].fd = lfd;
  fds[0].events = POLLIN;
  nfds = 1;

  while (nclients < 0 || done < nclients) {
    if (poll(fds, nfds, -1) == -1) {
      perror("poll");
      exit(EXIT_FAILURE);
    }

    /* New connections: take them all. */
    if (fds[0].revents & POLLIN) {
      for (;;) {
        cfd = accept(lfd, NULL, NULL);
        if (cfd == -1) {
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            perror("accept");
          break;
        }
        if (nfds == MAX_FDS || set_nonblocking(cfd) == -1) {
          fprintf(stderr, "upoll: too many clients\n");
          close(cfd);
          done++;
          continue;
        }
        fds[nfds].fd = cfd;
        fds[nfds].events = POLLIN;
        fds[nfds].revents = 0;
        nfds++;
      }
    }

    /* Clients: read what is there, answer, or close. */
    for (i = 1; i < nfds; i++) {
      if (fds[i].revents == 0)
        continue;
      n = read(fds[i].fd, buf, BUF_SIZE);
      if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
        continue;
      if (n > 0) {
        for (j = 0; j < n; j++)
          buf[j] = toupper((unsigned char)buf[j]);
        if (send(fds[i].fd, buf, n, MSG_NOSIGNAL) == n)
          continue;
        fprintf(stderr, "upoll: client too slow, dropped\n");
      } else if (n == -1) {
        perror("read");
      }
      /* End of file, or trouble: forget this client. */
      close(fds[i].fd);
      fds[i] = fds[nfds - 1];
      nfds--;
      i--;
      done++;
    }
  }

  close(lfd);
  unlink(argv[1]);
  printf("upoll: served %d clients\n", done);
  exit(EXIT_SUCCESS);
}
