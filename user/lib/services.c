// user/lib/services.c: service names and port numbers (libc, internal;
// pure): a small built-in table in place of /etc/services, for
// getaddrinfo and getnameinfo. Interface in nettext.h.
#include "nettext.h"

#define T 1 // over TCP
#define U 2 // over UDP

static const struct service {
  const char *name;
  uint16_t port;
  uint8_t protos; // T, U
} services[] = {
    {"echo", 7, T | U}, {"discard", 9, T | U}, {"daytime", 13, T | U},
    {"ftp", 21, T},     {"ssh", 22, T},        {"telnet", 23, T},
    {"smtp", 25, T},    {"time", 37, T | U},   {"domain", 53, T | U},
    {"bootps", 67, U},  {"bootpc", 68, U},     {"tftp", 69, U},
    {"http", 80, T},    {"ntp", 123, U},       {"https", 443, T},
};

#define NSERVICES (int)(sizeof(services) / sizeof(services[0]))

// Does the service run over proto (0: any)?
static int over(const struct service *s, int proto) {
  return proto == 0 || (proto == NT_TCP && (s->protos & T)) ||
         (proto == NT_UDP && (s->protos & U));
}

static int streq(const char *a, const char *b) {
  while (*a != 0 && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

int svc_number(const char *s) {
  long v = 0;
  if (*s == 0)
    return -1;
  for (; *s != 0; s++) {
    if (*s < '0' || *s > '9')
      return -1;
    v = v * 10 + (*s - '0');
    if (v > 65535)
      return -1;
  }
  return (int)v;
}

int svc_port(const char *name, int proto) {
  for (int i = 0; i < NSERVICES; i++)
    if (streq(services[i].name, name) && over(&services[i], proto))
      return services[i].port;
  return -1;
}

const char *svc_name(int port, int proto) {
  for (int i = 0; i < NSERVICES; i++)
    if (services[i].port == port && over(&services[i], proto))
      return services[i].name;
  return 0;
}
