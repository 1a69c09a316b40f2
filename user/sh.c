// user/sh.c: the shell.
//
//   sh            read commands from standard input, prompting "$ " on fd 2
//   sh FILE       read commands from FILE, no prompt
//   sh -c LINE    run one command line
//
// A line is parsed into a tree by recursive descent with one token of
// look-ahead:
//
//   list     := pipeline { (';' | '&') pipeline } [';' | '&']
//   pipeline := command { '|' command }
//   command  := '(' list ')' { redir }  |  { word | redir }+
//   redir    := [N] '<' word | [N] '>' word | [N] '>>' word | [N] '>&' M
//
// (N and M single digits.) Quoting: '...' keeps every byte as is, "..."
// keeps all but \" and \\, and outside quotes a backslash keeps the next
// byte. A '#' at the start of a word begins a comment.
//
// The shell process itself runs ';' lists, starts '&' jobs and runs the
// built-ins cd and exit; everything else runs in a forked child (runcmd)
// that never returns. A background job is a grandchild whose parent
// exits at once, so init reaps it and the shell never holds zombies.
// The shell opens no files itself, so no descriptor leaks into commands
// (a script file is closed in every child).
//
// Job control, when reading commands from the console: the shell leads
// a process group of its own; each foreground command runs in a new
// group that gets the console (tcsetpgrp), so the console's SIGINT (^C)
// and SIGQUIT go to it, and the shell takes the console back when it
// ends. A background job gets a group of its own and never the console.
// At the prompt, SIGINT and SIGQUIT drop the line and give a new
// prompt. Without job control (scripts, sh -c) background jobs ignore
// SIGINT and SIGQUIT.

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 1024
#define MAXNODES 128
#define MAXWORDS 256
#define MAXREDIRS 32
#define MAXDEPTH 16 // nested parentheses
#define DUP (-1)    // redir.flags of N>&M

enum { T_END, T_WORD, T_PIPE, T_SEMI, T_AMP, T_LP, T_RP, T_REDIR, T_ERR };
enum { N_EXEC, N_PIPE, N_LIST, N_BACK, N_SUB };

struct redir {
  int fd;    // the descriptor to set up
  int flags; // open() flags for file, or DUP
  int from;  // DUP: the descriptor to copy
  char *file;
  struct redir *next;
};

struct node {
  int type;
  struct node *left;    // PIPE, LIST: first part; BACK, SUB: the body
  struct node *right;   // PIPE, LIST: the rest
  char **argv;          // EXEC: NULL-terminated, possibly empty
  struct redir *redirs; // EXEC, SUB
};

// The parser's state, reset for every line. Words, nodes and
// redirections live in these arrays, so a line needs no malloc.
static struct {
  const char *p;     // next input byte
  int tok;           // the current token
  char *word;        // its text, for T_WORD
  struct redir rtok; // its meaning, for T_REDIR
  const char *err;   // the first error, NULL if none
  int depth;         // parentheses open
  char text[2 * MAXLINE];
  int ntext;
  char *words[MAXWORDS];
  int nwords;
  struct node nodes[MAXNODES];
  int nnodes;
  struct redir redirs[MAXREDIRS];
  int nredirs;
} ps;

static int interactive; // prompting on standard input
static int input;       // the descriptor commands come from
static int status;      // exit status of the last command
static int jobctl;      // job control: commands get groups and the console
static int shpgrp;      // the shell's own process group

// ---- lexer ----

static void fail(const char *msg) {
  if (!ps.err)
    ps.err = msg;
}

static int special(char c) { return c != '\0' && strchr("|;&()<>", c) != NULL; }

// word scans a word starting at p, removing quotes into ps.text.
static const char *word(const char *p) {
  char *o = ps.text + ps.ntext;
  char *end = ps.text + sizeof(ps.text) - 1; // room for the NUL
  ps.word = o;
  ps.tok = T_WORD;
  while (*p && !isspace((unsigned char)*p) && !special(*p)) {
    char q = *p;
    if (q == '\'' || q == '"') {
      for (p++; *p && *p != q && o < end; p++) {
        if (q == '"' && p[0] == '\\' && (p[1] == '"' || p[1] == '\\'))
          p++;
        *o++ = *p;
      }
      if (*p != q) {
        fail(o < end ? "unterminated quote" : "line too long");
        ps.tok = T_ERR;
        return p;
      }
      p++;
      continue;
    }
    if (o == end) {
      fail("line too long");
      ps.tok = T_ERR;
      return p;
    }
    if (q == '\\' && p[1])
      p++;
    *o++ = *p++;
  }
  *o++ = '\0';
  ps.ntext = o - ps.text;
  return p;
}

// next reads the next token into ps.tok (and ps.word or ps.rtok).
static void next(void) {
  const char *p = ps.p;
  while (isspace((unsigned char)*p))
    p++;
  if (*p == '#')
    p += strlen(p);
  ps.word = NULL;

  struct redir *r = &ps.rtok;
  r->fd = -1;
  r->flags = 0;
  r->from = -1;
  r->file = NULL;
  r->next = NULL;
  if (isdigit((unsigned char)p[0]) && (p[1] == '<' || p[1] == '>'))
    r->fd = *p++ - '0';

  switch (*p) {
  case '\0':
    ps.tok = T_END;
    break;
  case '|':
    ps.tok = T_PIPE;
    p++;
    break;
  case ';':
    ps.tok = T_SEMI;
    p++;
    break;
  case '&':
    ps.tok = T_AMP;
    p++;
    break;
  case '(':
    ps.tok = T_LP;
    p++;
    break;
  case ')':
    ps.tok = T_RP;
    p++;
    break;
  case '<':
    ps.tok = T_REDIR;
    p++;
    if (r->fd < 0)
      r->fd = 0;
    r->flags = O_RDONLY;
    break;
  case '>':
    ps.tok = T_REDIR;
    p++;
    if (r->fd < 0)
      r->fd = 1;
    r->flags = O_WRONLY | O_CREAT | O_TRUNC;
    if (*p == '>') {
      p++;
      r->flags = O_WRONLY | O_CREAT | O_APPEND;
    } else if (*p == '&') {
      p++;
      if (!isdigit((unsigned char)*p)) {
        fail("syntax error: >& needs a descriptor number");
        ps.tok = T_ERR;
        break;
      }
      r->flags = DUP;
      r->from = *p++ - '0';
    }
    break;
  default:
    p = word(p);
    break;
  }
  ps.p = p;
}

// ---- parser ----

// syntax records an error naming the current token.
static void syntax(void) {
  static char msg[64];
  const char *t;
  switch (ps.tok) {
  case T_END:
    t = "end of line";
    break;
  case T_WORD:
    t = ps.word;
    break;
  case T_PIPE:
    t = "|";
    break;
  case T_SEMI:
    t = ";";
    break;
  case T_AMP:
    t = "&";
    break;
  case T_LP:
    t = "(";
    break;
  case T_RP:
    t = ")";
    break;
  case T_REDIR:
    t = ps.rtok.flags == O_RDONLY ? "<" : ">";
    break;
  default:
    return; // the lexer has said what is wrong
  }
  snprintf(msg, sizeof(msg), "syntax error near '%s'", t);
  fail(msg);
}

static struct node *mknode(int type, struct node *left) {
  if (ps.nnodes == MAXNODES) {
    fail("line too complex");
    return NULL;
  }
  struct node *n = &ps.nodes[ps.nnodes++];
  memset(n, 0, sizeof(*n));
  n->type = type;
  n->left = left;
  return n;
}

// redir parses the current T_REDIR token (and its file name) and
// appends it to *list; 0 or -1.
static int redir(struct redir **list) {
  if (ps.nredirs == MAXREDIRS) {
    fail("too many redirections");
    return -1;
  }
  struct redir *r = &ps.redirs[ps.nredirs++];
  *r = ps.rtok;
  next();
  if (r->flags != DUP) {
    if (ps.tok != T_WORD) {
      syntax();
      return -1;
    }
    r->file = ps.word;
    next();
  }
  while (*list)
    list = &(*list)->next;
  *list = r;
  return 0;
}

static struct node *list(void);

static struct node *command(void) {
  struct node *n;
  if (ps.tok == T_LP) {
    if (++ps.depth > MAXDEPTH) {
      fail("parentheses nested too deeply");
      return NULL;
    }
    next();
    struct node *body = list();
    if (!body)
      return NULL;
    if (ps.tok != T_RP) {
      syntax();
      return NULL;
    }
    ps.depth--;
    next();
    if (!(n = mknode(N_SUB, body)))
      return NULL;
    while (ps.tok == T_REDIR)
      if (redir(&n->redirs) < 0)
        return NULL;
    if (ps.tok == T_WORD || ps.tok == T_LP) {
      syntax();
      return NULL;
    }
    return n;
  }

  if (!(n = mknode(N_EXEC, NULL)))
    return NULL;
  n->argv = &ps.words[ps.nwords]; // the words below are consecutive
  int argc = 0;
  for (;;) {
    if (ps.tok == T_WORD) {
      if (argc == MAXARG || ps.nwords + 1 >= MAXWORDS) {
        fail("too many arguments");
        return NULL;
      }
      ps.words[ps.nwords++] = ps.word;
      argc++;
      next();
    } else if (ps.tok == T_REDIR) {
      if (redir(&n->redirs) < 0)
        return NULL;
    } else {
      break;
    }
  }
  ps.words[ps.nwords++] = NULL; // room was kept above
  if (argc == 0 && !n->redirs) {
    syntax();
    return NULL;
  }
  return n;
}

static struct node *pipeline(void) {
  struct node *head = NULL, **hole = &head;
  for (;;) {
    struct node *c = command();
    if (!c)
      return NULL;
    if (ps.tok != T_PIPE) {
      *hole = c;
      return head;
    }
    next();
    struct node *p = mknode(N_PIPE, c);
    if (!p)
      return NULL;
    *hole = p;
    hole = &p->right;
  }
}

static struct node *list(void) {
  struct node *head = NULL, **hole = &head;
  for (;;) {
    struct node *n = pipeline();
    if (!n)
      return NULL;
    int sep = ps.tok == T_SEMI || ps.tok == T_AMP;
    if (ps.tok == T_AMP && !(n = mknode(N_BACK, n)))
      return NULL;
    if (sep)
      next();
    if (!sep || ps.tok == T_END || ps.tok == T_RP) {
      *hole = n;
      return head;
    }
    struct node *l = mknode(N_LIST, n);
    if (!l)
      return NULL;
    *hole = l;
    hole = &l->right;
  }
}

// parse parses a line: its tree, or NULL for an empty line or an error
// (then ps.err says which).
static struct node *parse(const char *line) {
  memset(&ps, 0, sizeof(ps));
  ps.p = line;
  next();
  if (ps.tok == T_END)
    return NULL;
  struct node *n = list();
  if (n && ps.tok != T_END)
    syntax();
  return ps.err ? NULL : n;
}

// ---- execution ----

static int run(struct node *n);

static int fork1(void) {
  int pid = fork();
  if (pid < 0)
    fprintf(stderr, "sh: fork: %s\n", strerror(errno));
  else if (pid == 0 && input > 2) { // commands must not see the script
    close(input);
    input = -1; // and its number may be reused
  }
  return pid;
}

// exitstatus turns a wait() status into a shell status.
static int exitstatus(int st) {
  return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

// reap waits until children a and b (either may be -1 for none) have
// ended and returns the shell status of b, or of a if b is -1.
static int reap(int a, int b) {
  int sa = 1, sb = 1, wantb = b > 0;
  while (a > 0 || b > 0) {
    int st, w = wait(&st);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      break;
    if (w == a) {
      a = -1;
      sa = exitstatus(st);
    } else if (w == b) {
      b = -1;
      sb = exitstatus(st);
    }
  }
  return wantb ? sb : sa;
}

// moveto makes target a copy of descriptor fd and closes fd; 0 or -1.
// It relies on dup returning the lowest free descriptor.
static int moveto(int fd, int target) {
  if (fd == target)
    return 0;
  int extra[10], n = 0, d;
  close(target);
  while ((d = dup(fd)) >= 0 && d < target && n < 10)
    extra[n++] = d;
  while (n > 0)
    close(extra[--n]);
  close(fd);
  if (d == target)
    return 0;
  if (d >= 0)
    close(d);
  fprintf(stderr, "sh: cannot set up descriptor %d\n", target);
  return -1;
}

static int redirect(struct redir *r) {
  for (; r; r = r->next) {
    int fd;
    if (r->flags == DUP) {
      if ((fd = dup(r->from)) < 0) {
        fprintf(stderr, "sh: %d: %s\n", r->from, strerror(errno));
        return -1;
      }
    } else if ((fd = open(r->file, r->flags, 0666)) < 0) {
      fprintf(stderr, "sh: %s: %s\n", r->file, strerror(errno));
      return -1;
    }
    if (moveto(fd, r->fd) < 0)
      return -1;
  }
  return 0;
}

// builtin runs argv if it names a built-in: 1 and *st set, else 0.
static int builtin(char **argv, int *st) {
  if (!argv[0])
    return 0;
  if (strcmp(argv[0], "cd") == 0) {
    const char *dir = argv[1] ? argv[1] : "/";
    *st = 0;
    if (chdir(dir) < 0) {
      fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
      *st = 1;
    }
    return 1;
  }
  if (strcmp(argv[0], "exit") == 0)
    exit(argv[1] ? atoi(argv[1]) : status);
  return 0;
}

// execute runs the program argv[0]: as named, then from "/".
static void execute(char **argv) __attribute__((noreturn));
static void execute(char **argv) {
  exec(argv[0], argv);
  int err = errno;
  if (!strchr(argv[0], '/') && strlen(argv[0]) + 2 <= PATH_MAX) {
    char path[PATH_MAX];
    path[0] = '/';
    strcpy(path + 1, argv[0]);
    exec(path, argv);
    if (err == ENOENT)
      err = errno;
  }
  if (err == ENOENT) {
    fprintf(stderr, "sh: %s: not found\n", argv[0]);
    exit(127);
  }
  fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
  exit(126);
}

// runcmd runs n in this (child) process and exits with its status.
static void runcmd(struct node *n) __attribute__((noreturn));
static void runcmd(struct node *n) {
  int p[2], st;
  switch (n->type) {
  case N_EXEC:
    if (redirect(n->redirs) < 0)
      exit(1);
    if (!n->argv[0])
      exit(0);
    if (builtin(n->argv, &st))
      exit(st);
    execute(n->argv);
  case N_SUB:
    if (redirect(n->redirs) < 0)
      exit(1);
    exit(run(n->left));
  case N_PIPE: {
    if (pipe(p) < 0) {
      fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
      exit(1);
    }
    int left = fork1();
    if (left == 0) {
      close(p[0]);
      if (moveto(p[1], 1) < 0)
        exit(1);
      runcmd(n->left);
    }
    int right = left < 0 ? -1 : fork1();
    if (right == 0) {
      close(p[1]);
      if (moveto(p[0], 0) < 0)
        exit(1);
      runcmd(n->right);
    }
    close(p[0]);
    close(p[1]);
    st = reap(left, right);
    exit(left < 0 || right < 0 ? 1 : st);
  }
  default:
    exit(run(n));
  }
}

static void onintr(int sig) { (void)sig; }

// catch sets what SIGINT and SIGQUIT do: h, without SA_RESTART (a read
// at the prompt ends with EINTR).
static void catch (sighandler_t h) {
  struct sigaction a;
  memset(&a, 0, sizeof(a));
  a.sa_handler = h;
  sigaction(SIGINT, &a, NULL);
  sigaction(SIGQUIT, &a, NULL);
}

// jobstart sets up a forked child as a job: with job control, a group
// of its own, and the console if it runs in the foreground (fg); the
// shell's own ^C handling goes. Without, a background job ignores ^C.
static void jobstart(int fg) {
  if (jobctl) {
    setpgid(0, 0);
    if (fg)
      tcsetpgrp(0, getpid());
    catch (SIG_DFL);
    jobctl = 0;
  } else if (!fg) {
    catch (SIG_IGN);
  }
}

// background starts n as a job that init will reap.
static void background(struct node *n) {
  int pid = fork1();
  if (pid == 0) {
    int job = fork1();
    if (job == 0) {
      jobstart(0);
      runcmd(n);
    }
    if (job > 0 && interactive)
      fprintf(stderr, "[%d]\n", job);
    exit(job < 0);
  }
  if (pid > 0)
    reap(pid, -1);
}

// run runs n from the shell process; returns (and records) its status.
static int run(struct node *n) {
  for (; n->type == N_LIST; n = n->right)
    run(n->left);
  if (n->type == N_BACK) {
    background(n->left);
    return status = 0;
  }
  int st;
  if (n->type == N_EXEC && !n->redirs && builtin(n->argv, &st))
    return status = st;
  int pid = fork1();
  if (pid < 0)
    return status = 1;
  if (pid == 0) {
    jobstart(1);
    runcmd(n);
  }
  if (jobctl) { // as the child does: whichever comes first
    setpgid(pid, pid);
    tcsetpgrp(0, pid);
  }
  status = reap(pid, -1);
  if (jobctl)
    tcsetpgrp(0, shpgrp);
  return status;
}

static void runline(const char *line) {
  struct node *n = parse(line);
  if (ps.err) {
    fprintf(stderr, "sh: %s\n", ps.err);
    status = 2;
  } else if (n) {
    run(n);
  }
}

// readline reads a line from input into buf without its newline: 1, 0
// at end of input, -1 if it was too long (it is then skipped), -2 if a
// signal came (^C: the line is dropped). It reads a byte at a time so
// that commands can read what follows the line.
static int readline(char *buf, int size) {
  int n = 0, toolong = 0;
  char c;
  for (;;) {
    int r = read(input, &c, 1);
    if (r < 0 && errno == EINTR)
      return -2;
    if (r != 1) {
      if (n == 0 && !toolong)
        return 0;
      break;
    }
    if (c == '\n')
      break;
    if (n < size - 1)
      buf[n++] = c;
    else
      toolong = 1;
  }
  buf[n] = '\0';
  return toolong ? -1 : 1;
}

int main(int argc, char *argv[]) {
  static char line[MAXLINE];

  // Make sure descriptors 0, 1 and 2 are open.
  int fd;
  while ((fd = open("/dev/console", O_RDWR)) >= 0) {
    if (fd > 2) {
      close(fd);
      break;
    }
  }

  if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
    if (strlen(argv[2]) >= MAXLINE) {
      fprintf(stderr, "sh: line too long\n");
      exit(2);
    }
    runline(argv[2]);
    exit(status);
  }
  if (argc >= 2) {
    if ((input = open(argv[1], O_RDONLY)) < 0) {
      fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
      exit(127);
    }
  } else {
    interactive = 1;
    // Job control if standard input is the console (and we may use it).
    if (tcgetpgrp(0) > 0) {
      setpgid(0, 0);
      shpgrp = getpgrp();
      jobctl = tcsetpgrp(0, shpgrp) == 0;
    }
    if (jobctl)
      catch (onintr);
  }

  for (;;) {
    if (interactive)
      write(2, "$ ", 2);
    int r = readline(line, sizeof(line));
    if (r == 0)
      break;
    if (r == -2) {
      status = 130; // as for a command that SIGINT ended
      continue;
    }
    if (r < 0) {
      fprintf(stderr, "sh: line too long\n");
      status = 2;
      continue;
    }
    runline(line);
  }
  exit(status);
}
