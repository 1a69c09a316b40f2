// kernel/fs/netfs_tree.c: the /net tree's nodes, lookups and listings
// (see netfs_tree.h).
#include <netv6/errno.h>
#include <netv6/fs.h>
#include "netfs_args.h"
#include "netfs_tree.h"

// node[0] is unused, so that no node (and no inode number) is 0.
static struct netfs_node node[NETFS_MAXNODES];
static int nnodes; // node[1..nnodes-1] are in use

// Are the strings a and b the same?
static int same(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

static int goodname(const char *s) {
  if (s == 0 || *s == 0 || (*s >= '0' && *s <= '9') || same(s, ".") ||
      same(s, ".."))
    return 0;
  int n = 0;
  for (; s[n]; n++)
    if (s[n] == '/' || n == DIRSIZ)
      return 0;
  return 1;
}

void netfs_tree_init(void) {
  for (int i = 0; i < NETFS_MAXNODES; i++)
    node[i] = (struct netfs_node){0};
  node[NETFS_ROOT] = (struct netfs_node){
      .name = "net", .kind = NETFS_DIR, .parent = NETFS_ROOT};
  nnodes = NETFS_ROOT + 1;
}

static const struct netfs_node *getnode(int n) {
  return n > 0 && n < nnodes ? &node[n] : 0;
}

// The child of directory dir named name (0: the numbered directory).
static int child(int dir, const char *name) {
  for (int i = NETFS_ROOT + 1; i < nnodes; i++) {
    if (node[i].parent != dir)
      continue;
    if (name == 0 ? node[i].name == 0
                  : node[i].name && same(node[i].name, name))
      return i;
  }
  return 0;
}

// Check that parent is a directory; 0 or -errno.
static int parentok(int parent) {
  const struct netfs_node *p = getnode(parent);
  if (p == 0)
    return -ENOENT;
  return p->kind == NETFS_DIR ? 0 : -ENOTDIR;
}

int netfs_tree_add(int parent, const char *name, int kind, const void *ops,
                   void *arg) {
  int err = parentok(parent);
  if (err < 0)
    return err;
  if (!goodname(name) || (kind != NETFS_DIR && kind != NETFS_FILE))
    return -EINVAL;
  if (child(parent, name))
    return -EEXIST;
  if (nnodes == NETFS_MAXNODES)
    return -ENOSPC;
  node[nnodes] = (struct netfs_node){.name = name,
                                     .kind = kind,
                                     .parent = parent,
                                     .numbered = node[parent].numbered,
                                     .ops = ops,
                                     .arg = arg};
  return nnodes++;
}

int netfs_tree_addnum(int parent, int max, int (*present)(int n)) {
  int err = parentok(parent);
  if (err < 0)
    return err;
  if (node[parent].numbered || max < 1 || max > NETFS_MAXINST + 1 ||
      present == 0)
    return -EINVAL;
  if (child(parent, 0))
    return -EEXIST;
  if (nnodes == NETFS_MAXNODES)
    return -ENOSPC;
  node[nnodes] = (struct netfs_node){.kind = NETFS_DIR,
                                     .parent = parent,
                                     .numbered = 1,
                                     .max = max,
                                     .present = present};
  return nnodes++;
}

// The numbered directory whose instances n's inode numbers carry.
static const struct netfs_node *template(const struct netfs_node *n) {
  while (n->name != 0)
    n = &node[n->parent];
  return n;
}

const struct netfs_node *netfs_tree_node(uint32_t ino) {
  const struct netfs_node *n = getnode(netfs_ino_node(ino));
  int inst = netfs_ino_inst(ino);
  if (n == 0 || (inst != NETFS_NOINST) != n->numbered)
    return 0;
  if (n->numbered && inst >= template(n)->max)
    return 0;
  return n;
}

// The inode number of node c reached from the directory dir.
static uint32_t inoof(int c, uint32_t dir) {
  return netfs_ino(c, node[c].numbered ? netfs_ino_inst(dir) : NETFS_NOINST);
}

uint32_t netfs_tree_parent(uint32_t dir) {
  int d = netfs_ino_node(dir);
  if (d == NETFS_ROOT)
    return 0;
  return inoof(node[d].parent, dir);
}

// Is name the number of a present instance of the numbered directory t?
static int instance(int t, const char *name) {
  unsigned v;
  if (t == 0 || netfs_uint(name, (unsigned)node[t].max - 1, &v) < 0)
    return -1;
  return node[t].present((int)v) ? (int)v : -1;
}

int netfs_tree_lookup(uint32_t dir, const char *name, uint32_t *ino) {
  const struct netfs_node *d = netfs_tree_node(dir);
  if (d == 0 || d->kind != NETFS_DIR)
    return -ENOTDIR;
  int dn = netfs_ino_node(dir);
  if (same(name, ".")) {
    *ino = dir;
    return 0;
  }
  if (same(name, "..")) {
    *ino = netfs_tree_parent(dir);
    return 0;
  }
  int c = child(dn, name);
  if (c) {
    *ino = inoof(c, dir);
    return 0;
  }
  int t = child(dn, 0);
  int inst = instance(t, name);
  if (inst < 0)
    return -ENOENT;
  *ino = netfs_ino(t, inst);
  return 0;
}

int netfs_tree_list(uint32_t dir, netfs_emit emit, void *arg) {
  const struct netfs_node *d = netfs_tree_node(dir);
  if (d == 0 || d->kind != NETFS_DIR)
    return -ENOTDIR;
  int dn = netfs_ino_node(dir), n = 2;
  emit(arg, ".", dir);
  emit(arg, "..", netfs_tree_parent(dir));
  int t = 0;
  for (int i = NETFS_ROOT + 1; i < nnodes; i++) {
    if (node[i].parent != dn)
      continue;
    if (node[i].name == 0) {
      t = i;
      continue;
    }
    emit(arg, node[i].name, inoof(i, dir));
    n++;
  }
  for (int i = 0; t && i < node[t].max; i++) {
    if (!node[t].present(i))
      continue;
    char name[12], *p = name + sizeof(name);
    *--p = 0;
    unsigned v = i;
    do {
      *--p = '0' + v % 10;
      v /= 10;
    } while (v);
    emit(arg, p, netfs_ino(t, i));
    n++;
  }
  return n;
}
