// kernel/net/wire.c: the names of the wire parsers' refusal codes.
#include "wire.h"

static const char *const names[WIRE_NERR] = {
    [WIRE_OK] = "ok",           [WIRE_SHORT] = "short",
    [WIRE_LONG] = "long",       [WIRE_TYPE] = "type",
    [WIRE_VERSION] = "version", [WIRE_HDRLEN] = "hdrlen",
    [WIRE_LENGTH] = "length",   [WIRE_CKSUM] = "cksum",
    [WIRE_FRAG] = "frag",       [WIRE_ADDR] = "addr",
    [WIRE_FORMAT] = "format",   [WIRE_MISMATCH] = "mismatch",
};

const char *wire_errname(int err) {
  unsigned e = err < 0 ? 0u - (unsigned)err : (unsigned)err;
  if (e >= WIRE_NERR)
    return "?";
  return names[e];
}
