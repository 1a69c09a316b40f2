// kernel/net/dns_wire.h: DNS messages (RFC 1035) for a stub resolver:
// a query for one name is built, and the reply is checked against it
// and its IPv4 addresses taken out.
//
// Names are dotted text ("test.example", a trailing dot allowed) on the
// outside and length-prefixed labels on the wire; a reply may compress
// names with pointers (RFC 1035 4.1.4), which are followed only
// backwards, so a malicious loop cannot hang the reader. Comparisons
// ignore ASCII case (RFC 4343).
//
// Host-compilable; pure functions of their arguments (for the C
// library's resolver and anything in the kernel alike).
#ifndef KERNEL_NET_DNS_WIRE_H
#define KERNEL_NET_DNS_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

#define DNS_HLEN 12
#define DNS_MAXNAME 255 // on the wire; as text at most 253 characters
#define DNS_MAXMSG 512  // a reply over UDP without EDNS
#define DNS_MAXADDR 8   // addresses kept from one reply

#define DNS_TYPE_A 1
#define DNS_TYPE_CNAME 5
#define DNS_TYPE_AAAA 28
#define DNS_CLASS_IN 1

// Header flags.
#define DNS_QR 0x8000 // a response
#define DNS_TC 0x0200 // truncated
#define DNS_RD 0x0100 // recursion desired
#define DNS_RCODE(flags) ((flags)&0xf)
#define DNS_NOERROR 0
#define DNS_FORMERR 1
#define DNS_SERVFAIL 2
#define DNS_NXDOMAIN 3
#define DNS_REFUSED 5

// Write a standard query (recursion desired) with id for name and qtype
// (class IN) at p, cap bytes. Returns its length, or 0 if the name is
// not a valid host name for the wire (an empty label, a label over 63
// bytes, over 253 characters) or cap is too small.
size_t dns_query(uint8_t *p, size_t cap, uint16_t id, const char *name,
                 uint16_t qtype);

struct dns_reply {
  uint16_t flags;             // the header's: DNS_RCODE(flags), DNS_TC
  int rcode;                  // DNS_NOERROR, DNS_NXDOMAIN, ...
  ipaddr_t addr[DNS_MAXADDR]; // the A records for the name, in order
  int naddr;
  uint32_t ttl; // the smallest TTL of the records used
};

// Check the reply of len bytes at p against the query (id, name, qtype)
// and take out the addresses of A records whose owner is the name or,
// through CNAME records in the reply, an alias of it. A reply with an
// error rcode parses (out->rcode says it, with no addresses). Returns
// 0 or:
//   -WIRE_SHORT    len < 12, or a record or name runs past the end
//   -WIRE_TYPE     not a response (QR clear), or an opcode other than 0
//   -WIRE_MISMATCH another ID, not exactly one question, or a question
//                  for another name, type or class
//   -WIRE_FORMAT   a malformed name (label type, pointer forward or to
//                  itself, a name over 255 bytes)
int dns_parse_reply(const uint8_t *p, size_t len, uint16_t id, const char *name,
                    uint16_t qtype, struct dns_reply *out);

// Read the name at *off in the message (following compression
// pointers) as dotted text into out (cap bytes; DNS_MAXNAME + 1 always
// suffice; the root is ""), and move *off past it. Returns 0,
// -WIRE_SHORT, -WIRE_FORMAT, or -WIRE_LONG (the text does not fit).
int dns_name_read(const uint8_t *msg, size_t len, size_t *off, char *out,
                  size_t cap);

#endif
