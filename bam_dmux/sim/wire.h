/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The BAM-DMUX wire format as the simulated A2 firmware reads and writes
 * it.
 *
 * This is the modem's own description of the wire, kept apart from the
 * driver's headers on purpose: if both sides shared one header, a mistake
 * in it (a field order, a byte order, the magic, the padding rule) would
 * pass every test. The header is therefore never overlaid with a C
 * structure; every field is read and written at its byte offset:
 *
 *   offset  size  field
 *   0       2     magic 0x33fc, little endian: wire bytes fc 33
 *   2       1     signal: command-specific bits (dynamic MTU)
 *   3       1     cmd
 *   4       1     pad: bytes of padding behind the payload
 *   5       1     ch: logical channel
 *   6       2     len: payload bytes, little endian, header and pad not
 *                 counted
 *
 * Dynamic MTU, in the signal byte: bit 1 says the sender negotiates; bits
 * 7:6 carry a size code (2, 4, 8 or 16 KiB: the largest UL frame the
 * modem takes in its OPEN, the host's DL buffer size in the host's) and,
 * in the host's OPEN, bits 5:4 a pool code (32, 64, 128 or 256 buffers).
 * In a modem DATA frame bit 1 means "use large DL buffers": the modem sets
 * it on every DATA frame of a channel in QMAP mode.
 */
#ifndef _BDSIM_WIRE_H
#define _BDSIM_WIRE_H

#include <linux/log2.h>
#include <linux/types.h>
#include <linux/unaligned.h>

/* Byte offsets of the header fields. */
#define BDSIM_OFF_MAGIC		0
#define BDSIM_OFF_SIGNAL	2
#define BDSIM_OFF_CMD		3
#define BDSIM_OFF_PAD		4
#define BDSIM_OFF_CH		5
#define BDSIM_OFF_LEN		6
#define BDSIM_HDR_LEN		8

#define BDSIM_MAGIC		0x33fc

/* Commands. STATUS and OPEN_NO_A2_PC only ever go from modem to host. */
#define BDSIM_CMD_DATA		0
#define BDSIM_CMD_OPEN		1
#define BDSIM_CMD_CLOSE		2
#define BDSIM_CMD_STATUS	3
#define BDSIM_CMD_OPEN_NO_A2_PC	4

/* Channels the A2 firmware of MSM8916/MSM8974 serves. */
#define BDSIM_NUM_CH		8
/* Buffer size every A2 firmware starts with, both directions. */
#define BDSIM_BUF_SIZE		2048
/* Largest payload that fits such a buffer behind a header. */
#define BDSIM_MAX_PAYLOAD	(BDSIM_BUF_SIZE - BDSIM_HDR_LEN)
/* Smallest IPv4 packet MTU; the peers carry IP. */
#define BDSIM_MIN_MTU		68
/* A padded frame ends on this boundary; the host pads by at most as much. */
#define BDSIM_ALIGN		4

/* Signal bits. */
#define BDSIM_SIG_DYN_MTU	0x02
#define BDSIM_SIG_POOL_SHIFT	4
#define BDSIM_SIG_POOL_MASK	0x30
#define BDSIM_SIG_SIZE_SHIFT	6
#define BDSIM_SIG_SIZE_MASK	0xc0

/**
 * struct bdsim_hdr - a frame header, decoded into host order
 * @magic: magic
 * @signal: signal bits
 * @cmd: command
 * @pad: padding bytes behind the payload
 * @ch: channel
 * @len: payload length
 *
 * Never laid over a buffer: bdsim_hdr_get() and bdsim_hdr_put() convert.
 */
struct bdsim_hdr {
	u16 magic;
	u8 signal;
	u8 cmd;
	u8 pad;
	u8 ch;
	u16 len;
};

/**
 * bdsim_hdr_get() - decode the first %BDSIM_HDR_LEN bytes of a frame
 * @frame: the frame, any alignment
 * @hdr: where the fields go
 */
static inline void bdsim_hdr_get(const u8 *frame, struct bdsim_hdr *hdr)
{
	hdr->magic = get_unaligned_le16(frame + BDSIM_OFF_MAGIC);
	hdr->signal = frame[BDSIM_OFF_SIGNAL];
	hdr->cmd = frame[BDSIM_OFF_CMD];
	hdr->pad = frame[BDSIM_OFF_PAD];
	hdr->ch = frame[BDSIM_OFF_CH];
	hdr->len = get_unaligned_le16(frame + BDSIM_OFF_LEN);
}

/**
 * bdsim_hdr_put() - encode a header into the first bytes of a frame
 * @frame: the frame, any alignment, at least %BDSIM_HDR_LEN bytes
 * @hdr: the fields
 */
static inline void bdsim_hdr_put(u8 *frame, const struct bdsim_hdr *hdr)
{
	put_unaligned_le16(hdr->magic, frame + BDSIM_OFF_MAGIC);
	frame[BDSIM_OFF_SIGNAL] = hdr->signal;
	frame[BDSIM_OFF_CMD] = hdr->cmd;
	frame[BDSIM_OFF_PAD] = hdr->pad;
	frame[BDSIM_OFF_CH] = hdr->ch;
	put_unaligned_le16(hdr->len, frame + BDSIM_OFF_LEN);
}

/* The modem pads what it sends to the next 4-byte boundary: 0..3 bytes. */
static inline unsigned int bdsim_dl_pad(unsigned int len)
{
	return (BDSIM_ALIGN - len % BDSIM_ALIGN) % BDSIM_ALIGN;
}

/* Bytes of a DL DATA frame with a payload of @len. */
static inline unsigned int bdsim_dl_frame_len(unsigned int len)
{
	return BDSIM_HDR_LEN + len + bdsim_dl_pad(len);
}

/* Buffer size of a dynamic-MTU size code: 2, 4, 8 or 16 KiB. */
static inline unsigned int bdsim_sig_size(u8 signal)
{
	return BDSIM_BUF_SIZE <<
	       ((signal & BDSIM_SIG_SIZE_MASK) >> BDSIM_SIG_SIZE_SHIFT);
}

/* Buffer count of a dynamic-MTU pool code: 32, 64, 128 or 256. */
static inline unsigned int bdsim_sig_pool(u8 signal)
{
	return 32U << ((signal & BDSIM_SIG_POOL_MASK) >> BDSIM_SIG_POOL_SHIFT);
}

/*
 * QMAP (MAP), inside the payload of a DMUX DATA frame on a channel whose
 * data format is QMAP. Big endian, unlike the DMUX header:
 *
 *   offset  size  field
 *   0       1     flags: bit 7 cd (command frame), bit 6 next header
 *                 (MAPv5), bits 5:0 pad: padding bytes at the end
 *   1       1     mux id
 *   2       2     pkt_len: payload + pad, big endian; neither this header
 *                 nor a MAPv5 next header (nor a MAPv4 checksum header or
 *                 trailer) is counted
 *
 * A MAPv5 next header (4 bytes) follows the MAP header when bit 6 is set:
 *
 *   0       1     header info: bit 0 another header follows, bits 7:1
 *                 type (2 = checksum offload)
 *   1       1     checksum info: bit 7 = DL "checksum valid", UL
 *                 "compute the checksum"
 *   2       2     reserved, 0
 *
 * MAPv4 checksum offload sets no flag: on a channel in that format every
 * DL MAP frame, command or data, is followed behind its pad by an 8-byte
 * trailer, and every UL data frame (not a command) has a 4-byte checksum
 * header between its MAP header and the IP packet. Neither is counted in
 * pkt_len. The DL trailer:
 *
 *   0       1     reserved, 0
 *   1       1     flags: bit 0 valid (the value below was computed)
 *   2       2     checksum start: offset into the IP packet, big endian
 *   4       2     checksum length: bytes covered from there, big endian
 *   6       2     checksum value: the one's complement of the one's
 *                 complement sum of the covered bytes (here the whole IP
 *                 packet), as an IP header checksum is written
 *
 * The UL checksum header:
 *
 *   0       2     checksum start: offset of the TCP or UDP header in the
 *                 IP packet, big endian
 *   2       2     checksum info, big endian: bit 15 enabled ("compute the
 *                 checksum"), bit 14 UDP, bits 13:0 insert offset: where
 *                 the checksum field is, from the checksum start
 *
 * With a request, the checksum field holds the complement of the
 * pseudo-header sum (rmnet complements what the stack left there).
 *
 * A command frame (cd) carries a 16-byte body:
 *
 *   0       1     command name: 1 FLOW_DISABLE, 2 FLOW_ENABLE
 *   1       1     bits 1:0 command type: 0 REQUEST, 1 ACK, 2 UNSUPPORTED,
 *                 3 INVALID; bits 7:2 reserved
 *   2       2     reserved
 *   4       4     transaction id, big endian
 *   8       8     flow-control payload: ip family and reserved bits (2
 *                 bytes), sequence number (2), QoS id (4)
 */
#define BDSIM_MAP_HDR_LEN	4
#define BDSIM_MAP_OFF_FLAGS	0
#define BDSIM_MAP_OFF_MUX	1
#define BDSIM_MAP_OFF_LEN	2
#define BDSIM_MAP_CD		0x80
#define BDSIM_MAP_NEXT_HDR	0x40
#define BDSIM_MAP_PAD_MASK	0x3f

#define BDSIM_MAP_V5_LEN	4
#define BDSIM_MAP_V5_NEXT	0x01
#define BDSIM_MAP_V5_TYPE_SHIFT	1
#define BDSIM_MAP_V5_TYPE_CSUM	2
#define BDSIM_MAP_V5_CSUM_VALID	0x80

#define BDSIM_MAP_V4_TRAILER_LEN	8
#define BDSIM_MAP_V4_TR_OFF_FLAGS	1
#define BDSIM_MAP_V4_TR_OFF_START	2
#define BDSIM_MAP_V4_TR_OFF_LEN		4
#define BDSIM_MAP_V4_TR_OFF_VALUE	6
#define BDSIM_MAP_V4_TR_VALID		0x01

#define BDSIM_MAP_V4_UL_LEN		4
#define BDSIM_MAP_V4_UL_OFF_START	0
#define BDSIM_MAP_V4_UL_OFF_INFO	2
#define BDSIM_MAP_V4_UL_ENABLED		0x8000
#define BDSIM_MAP_V4_UL_UDP		0x4000
#define BDSIM_MAP_V4_UL_OFFSET_MASK	0x3fff

#define BDSIM_MAP_CMD_LEN	16
#define BDSIM_MAP_CMD_OFF_NAME	0
#define BDSIM_MAP_CMD_OFF_TYPE	1
#define BDSIM_MAP_CMD_TYPE_MASK	0x03
#define BDSIM_MAP_CMD_OFF_TXID	4
#define BDSIM_MAP_FLOW_DISABLE	1
#define BDSIM_MAP_FLOW_ENABLE	2
#define BDSIM_MAP_CMD_REQUEST	0
#define BDSIM_MAP_CMD_ACK	1

/* Mux ids a session may use: 0 is "unbound" and 255 is reserved. */
#define BDSIM_MUX_MIN		1
#define BDSIM_MUX_MAX		254

/* DMUX len of a QMAP frame: "as long as the transfer". */
#define BDSIM_LEN_FROM_XFER	0xffff

/* The largest buffer dynamic MTU can negotiate: size code 3. */
#define BDSIM_DYN_MAX_SIZE	16384

/* The modem pads every DL MAP packet to a 4-byte multiple. */
static inline unsigned int bdsim_map_pad(unsigned int len)
{
	return (BDSIM_ALIGN - len % BDSIM_ALIGN) % BDSIM_ALIGN;
}

/* Size code (bits 7:6 of an OPEN signal) of a 2..16 KiB buffer size. */
static inline u8 bdsim_sig_size_code(unsigned int size)
{
	return ilog2(size / BDSIM_BUF_SIZE) << BDSIM_SIG_SIZE_SHIFT;
}

#endif /* _BDSIM_WIRE_H */
