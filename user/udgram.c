/*
 * udgram.c - a textbook AF_UNIX datagram pair: an upper-casing server
 * and its client, one process each.
 *
 * usage: udgram PATH message...
 *
 * The parent binds PATH and answers each datagram with the same text
 * in upper case, sent back to the sender's address (giving up after 5
 * seconds without one: SO_RCVTIMEO). The child binds a
 * name of its own (PATH.<pid>), sends each message, waits for the reply
 * with select() (2 seconds at most) and prints it. Both names are
 * removed at the end.
 *
 * Written as a POSIX textbook program: it compiles unchanged on Linux.
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define BUF_SIZE 256

static void die(const char *what) {
  perror(what);
  exit(EXIT_FAILURE);
}

static void set_addr(struct sockaddr_un *a, const char *path) {
  memset(a, 0, sizeof(*a));
  a->sun_family = AF_UNIX;
  strncpy(a->sun_path, path, sizeof(a->sun_path) - 1);
}

static int client(const char *server_path, int nmsg, char *msg[]) {
  struct sockaddr_un svaddr, claddr;
  char path[sizeof(claddr.sun_path)], buf[BUF_SIZE];
  fd_set rfds;
  struct timeval tv;
  ssize_t n;
  int sfd, i, status = EXIT_SUCCESS;

  sfd = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (sfd == -1)
    die("client socket");

  /* Replies need an address to come back to. */
  snprintf(path, sizeof(path), "%s.%ld", server_path, (long)getpid());
  set_addr(&claddr, path);
  if (bind(sfd, (struct sockaddr *)&claddr, sizeof(claddr)) == -1)
    die("client bind");

  set_addr(&svaddr, server_path);
  for (i = 0; i < nmsg; i++) {
    size_t len = strlen(msg[i]);
    if (sendto(sfd, msg[i], len, 0, (struct sockaddr *)&svaddr,
               sizeof(svaddr)) != (ssize_t)len)
      die("sendto");

    FD_ZERO(&rfds);
    FD_SET(sfd, &rfds);
    tv.tv_sec = 2;
    tv.tv_usec = 0;
    n = select(sfd + 1, &rfds, NULL, NULL, &tv);
    if (n == -1)
      die("select");
    if (n == 0) {
      fprintf(stderr, "udgram: no reply to \"%s\"\n", msg[i]);
      status = EXIT_FAILURE;
      break;
    }
    n = recvfrom(sfd, buf, BUF_SIZE, 0, NULL, NULL);
    if (n == -1)
      die("recvfrom");
    printf("reply %d: %.*s\n", i + 1, (int)n, buf);
  }

  close(sfd);
  unlink(path);
  return status;
}

int main(int argc, char *argv[]) {
  struct sockaddr_un svaddr, claddr;
  struct timeval tv;
  socklen_t len;
  ssize_t n, i;
  char buf[BUF_SIZE];
  int sfd, msg, status;
  pid_t pid;

  if (argc < 3 || strlen(argv[1]) + 12 >= sizeof(svaddr.sun_path)) {
    fprintf(stderr, "usage: %s PATH message...\n", argv[0]);
    exit(EXIT_FAILURE);
  }

  sfd = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (sfd == -1)
    die("socket");
  if (unlink(argv[1]) == -1 && errno != ENOENT)
    die("unlink");
  set_addr(&svaddr, argv[1]);
  if (bind(sfd, (struct sockaddr *)&svaddr, sizeof(svaddr)) == -1)
    die("bind");

  pid = fork();
  if (pid == -1)
    die("fork");
  if (pid == 0) {
    close(sfd);
    exit(client(argv[1], argc - 2, argv + 2));
  }

  /* The server: one reply per message the client will send, waiting
     at most 5 seconds for each (in case the client has died). */
  tv.tv_sec = 5;
  tv.tv_usec = 0;
  if (setsockopt(sfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1)
    die("setsockopt");
  for (msg = 0; msg < argc - 2; msg++) {
    len = sizeof(claddr);
    n = recvfrom(sfd, buf, BUF_SIZE, 0, (struct sockaddr *)&claddr, &len);
    if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      fprintf(stderr, "udgram: no message from the client\n");
      break;
    }
    if (n == -1)
      die("recvfrom");
    for (i = 0; i < n; i++)
      buf[i] = toupper((unsigned char)buf[i]);
    if (sendto(sfd, buf, n, 0, (struct sockaddr *)&claddr, len) != n)
      perror("sendto");
  }

  if (wait(&status) == -1)
    die("wait");
  close(sfd);
  unlink(argv[1]);
  exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE);
}
