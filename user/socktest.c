// socktest: the xv6 socket face's demonstration. It forks; the server
// listens on a port, the client connects to it, reads lines from its
// standard input, sends each to the server and prints what comes back:
// the server echoes every line with " OK" appended. The line "exit" (or
// the end of the input) ends both. Errors print their name and value.
//
//   socktest [port]          (default port 10)
//   echo hello | socktest
//
// Written as a course program would be: xv6 headers, xv6 calls.
#include "types.h"
#include "user.h"
#include "signalcodes.h"

#define MSG 128

static const char *codename(int code) {
  switch (code) {
  case E_NOTFOUND:
    return "E_NOTFOUND";
  case E_ACCESS_DENIED:
    return "E_ACCESS_DENIED";
  case E_WRONG_STATE:
    return "E_WRONG_STATE";
  case E_FAIL:
    return "E_FAIL";
  case E_INVALID_ARG:
    return "E_INVALID_ARG";
  case E_CONNECTION_RESET_BY_REMOTE:
    return "E_CONNECTION_RESET_BY_REMOTE";
  }
  return "unknown error";
}

static int check(const char *who, const char *call, int r) {
  if (r < 0)
    printf(2, "%s>> %s failed: %s (%d)\n", who, call, codename(r), r);
  return r;
}

static void server(int port) {
  char buf[MSG + 4];
  printf(1, "Server>> listening on port %d\n", port);
  if (check("Server", "listen", listen(port)) < 0)
    return;
  printf(1, "Server>> a client connected\n");
  for (;;) {
    memset(buf, 0, sizeof(buf));
    if (check("Server", "recv", recv(port, buf, MSG)) < 0)
      break;
    buf[MSG - 1] = 0;
    printf(1, "Server>> received \"%s\"\n", buf);
    if (strcmp(buf, "exit") == 0) {
      check("Server", "disconnect", disconnect(port));
      break;
    }
    strcpy(buf + strlen(buf), " OK");
    if (check("Server", "send", send(port, buf, strlen(buf) + 1)) < 0)
      break;
  }
  printf(1, "Server>> done\n");
}

static void client(int port) {
  char buf[MSG + 4];
  // The server may not be listening yet: try again for up to 5 seconds.
  int local = E_NOTFOUND;
  for (int i = 0; i < 500 && local == E_NOTFOUND; i++) {
    local = connect(port, "localhost");
    if (local == E_NOTFOUND)
      sleep(1);
  }
  if (check("Client", "connect", local) < 0)
    return;
  printf(1, "Client>> connected from local port %d\n", local);
  for (;;) {
    printf(1, "Client>> enter text to send: ");
    memset(buf, 0, sizeof(buf));
    gets(buf, MSG);
    int len = strlen(buf);
    if (len == 0) {
      strcpy(buf, "exit"); // end of input
      printf(1, "\n");
    } else if (buf[len - 1] == '\n') {
      buf[len - 1] = 0;
    }
    if (check("Client", "send", send(local, buf, strlen(buf) + 1)) < 0)
      break;
    if (strcmp(buf, "exit") == 0) {
      check("Client", "disconnect", disconnect(local));
      break;
    }
    memset(buf, 0, sizeof(buf));
    if (check("Client", "recv", recv(local, buf, MSG)) < 0)
      break;
    buf[MSG - 1] = 0;
    printf(1, "Client>> received \"%s\"\n", buf);
  }
  printf(1, "Client>> done\n");
}

int main(int argc, char *argv[]) {
  int port = argc > 1 ? atoi(argv[1]) : 10;
  int pid = fork();
  if (pid < 0) {
    printf(2, "socktest: fork failed\n");
    exit(1);
  }
  if (pid == 0) {
    client(port);
    exit();
  }
  server(port);
  wait();
  exit();
}
