/*
 * ucli.c - a textbook AF_UNIX stream client.
 *
 * usage: ucli PATH [message...]
 *
 * Connects to the server at PATH, sends the messages (joined by
 * spaces, with a newline) or, if there are none, all of standard
 * input; then shuts down its sending side and copies everything the
 * server sends back to standard output until the server closes.
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

#define BUF_SIZE 512

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w == -1) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += w;
    n -= w;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  struct sockaddr_un addr;
  int sfd, i;
  ssize_t n;
  char buf[BUF_SIZE];

  if (argc < 2 || strlen(argv[1]) >= sizeof(addr.sun_path)) {
    fprintf(stderr, "usage: %s PATH [message...]\n", argv[0]);
    exit(EXIT_FAILURE);
  }

  sfd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sfd == -1) {
    perror("socket");
    exit(EXIT_FAILURE);
  }

  memset(&addr, 0, sizeof(struct sockaddr_un));
  addr.sun_family = AF_UNIX;
  strncpy(addr.sun_path, argv[1], sizeof(addr.sun_path) - 1);

  if (connect(sfd, (struct sockaddr *)&addr, sizeof(struct sockaddr_un)) ==
      -1) {
    perror("connect");
    exit(EXIT_FAILURE);
  }

  if (argc > 2) {
    for (i = 2; i < argc; i++) {
      if (write_all(sfd, argv[i], strlen(argv[i])) == -1 ||
          write_all(sfd, i + 1 < argc ? " " : "\n", 1) == -1) {
        perror("write");
        exit(EXIT_FAILURE);
      }
    }
  } else {
    while ((n = read(STDIN_FILENO, buf, BUF_SIZE)) > 0) {
      if (write_all(sfd, buf, n) == -1) {
        perror("write");
        exit(EXIT_FAILURE);
      }
    }
    if (n == -1) {
      perror("read");
      exit(EXIT_FAILURE);
    }
  }

  /* No more to send: the server sees end of file. */
  if (shutdown(sfd, SHUT_WR) == -1) {
    perror("shutdown");
    exit(EXIT_FAILURE);
  }

  while ((n = read(sfd, buf, BUF_SIZE)) > 0) {
    if (write_all(STDOUT_FILENO, buf, n) == -1) {
      perror("write");
      exit(EXIT_FAILURE);
    }
  }
  if (n == -1) {
    perror("read");
    exit(EXIT_FAILURE);
  }

  close(sfd);
  exit(EXIT_SUCCESS);
}
