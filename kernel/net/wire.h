// kernel/net/wire.h: why a wire parser refused its input.
//
// Every *_parse function in kernel/net/*_wire.c returns 0, or one of
// these negated (-WIRE_SHORT, ...): one code per reason, so the stack
// can count drops by reason (an array indexed by the code) and
// /net files and logs can name them (wire_errname).
//
// Host-compilable.
#ifndef KERNEL_NET_WIRE_H
#define KERNEL_NET_WIRE_H

enum wire_err {
  WIRE_OK = 0,
  WIRE_SHORT,    // fewer bytes than the header or a length field needs
  WIRE_LONG,     // more bytes than the format or the room allows (an
                 // oversized frame, a DNS name too long for the buffer)
  WIRE_TYPE,     // a type this stack does not handle (EtherType, ARP
                 // hardware, protocol or operation, DHCP message, a DNS
                 // message that is not a standard response)
  WIRE_VERSION,  // IP version not 4
  WIRE_HDRLEN,   // a header length field out of range (IP IHL)
  WIRE_LENGTH,   // a length field that disagrees with the bytes there
  WIRE_CKSUM,    // a checksum that does not verify
  WIRE_FRAG,     // fragment fields impossible (reserved flag, offset
                 // past 65535, a non-final fragment not a multiple of 8)
  WIRE_ADDR,     // an address that cannot be there (group MAC source)
  WIRE_FORMAT,   // a malformed body (options, names, pointers)
  WIRE_MISMATCH, // a well-formed reply to another question (DNS: ID,
                 // name, type)
  WIRE_NERR      // the number of codes, for counter arrays
};

// A short lower-case name of a code (positive or negated), e.g.
// "short"; "?" for a value that is not a code.
const char *wire_errname(int err);

#endif
