// SPDX-License-Identifier: GPL-2.0-only
/*
 * QMAP (MAP) as the simulated A2 firmware writes and reads it: DL MAP
 * packets sealed in an aggregate, MAP flow-control commands, the strict
 * check of one UL MAP frame, and the TCP/UDP checksums of MAPv4 and MAPv5
 * offload.
 *
 * Like wire.h, this is the modem's own reading of the format: every field
 * is read and written at its byte offset (wire.h has the layout), never
 * through the driver's or rmnet's structures, and IP headers are read
 * byte by byte too, as UL MAP frames sit back to back unaligned.
 */

#include <kunit/visibility.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/string.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include "sim.h"

/* What the modem reads of IPv4 and IPv6 headers. */
#define BDSIM_IP4_MIN_LEN	20
#define BDSIM_IP4_OFF_TOT_LEN	2
#define BDSIM_IP4_OFF_FRAG	6
#define BDSIM_IP4_FRAG_MASK	0x3fff	/* MF and the fragment offset */
#define BDSIM_IP4_OFF_PROTO	9
#define BDSIM_IP4_OFF_SADDR	12
#define BDSIM_IP4_OFF_DADDR	16
#define BDSIM_IP6_LEN		40
#define BDSIM_IP6_OFF_PLEN	4
#define BDSIM_IP6_OFF_NEXT	6
#define BDSIM_IP6_OFF_SADDR	8
#define BDSIM_IP6_OFF_DADDR	24
/* Where the checksum sits in a TCP and a UDP header, and their sizes. */
#define BDSIM_TCP_OFF_CSUM	16
#define BDSIM_TCP_MIN_LEN	20
#define BDSIM_UDP_OFF_CSUM	6
#define BDSIM_UDP_MIN_LEN	8

/**
 * struct bdsim_l4 - where a packet's TCP or UDP checksum is
 * @v6: IPv6 (else IPv4)
 * @proto: %IPPROTO_TCP or %IPPROTO_UDP
 * @hlen: IP header length
 * @csum_off: offset of the checksum field in the transport header
 */
struct bdsim_l4 {
	bool v6;
	u8 proto;
	unsigned int hlen;
	unsigned int csum_off;
};

/*
 * Find the TCP or UDP checksum of an IP packet of exactly @len bytes.
 * False for anything else, fragments and IPv6 extension headers included:
 * the modem has no checksum to compute or verify there.
 */
static bool bdsim_qmap_l4(const u8 *ip, unsigned int len, struct bdsim_l4 *l4)
{
	unsigned int min;

	if (!len)
		return false;
	switch (ip[0] >> 4) {
	case 4:
		l4->v6 = false;
		l4->hlen = (ip[0] & 0xf) * 4;
		if (len < BDSIM_IP4_MIN_LEN || l4->hlen < BDSIM_IP4_MIN_LEN ||
		    l4->hlen > len ||
		    get_unaligned_be16(ip + BDSIM_IP4_OFF_TOT_LEN) != len ||
		    get_unaligned_be16(ip + BDSIM_IP4_OFF_FRAG) &
		    BDSIM_IP4_FRAG_MASK)
			return false;
		l4->proto = ip[BDSIM_IP4_OFF_PROTO];
		break;
	case 6:
		l4->v6 = true;
		l4->hlen = BDSIM_IP6_LEN;
		if (len < BDSIM_IP6_LEN ||
		    get_unaligned_be16(ip + BDSIM_IP6_OFF_PLEN) + BDSIM_IP6_LEN !=
		    len)
			return false;
		l4->proto = ip[BDSIM_IP6_OFF_NEXT];
		break;
	default:
		return false;
	}

	switch (l4->proto) {
	case IPPROTO_TCP:
		l4->csum_off = BDSIM_TCP_OFF_CSUM;
		min = BDSIM_TCP_MIN_LEN;
		break;
	case IPPROTO_UDP:
		l4->csum_off = BDSIM_UDP_OFF_CSUM;
		min = BDSIM_UDP_MIN_LEN;
		break;
	default:
		return false;
	}
	return len - l4->hlen >= min;
}

/**
 * bdsim_qmap_csum() - verify or compute a packet's TCP/UDP checksum
 * @ip: the IP packet, any alignment
 * @len: its length, which must be the IP header's length
 * @fix: compute the checksum and write it into the transport header;
 *	else only verify it
 *
 * What the A2 does for MAPv4 and MAPv5 checksum offload: it verifies DL
 * packets (the "valid" bit) and computes UL checksums on request. The
 * field's old content does not matter when computing (a host leaves the
 * pseudo-header sum there, or anything). An IPv4 UDP checksum of 0 means
 * "none": such a packet is not verified.
 *
 * Return: @fix: true if the packet has a TCP/UDP checksum, now written;
 * else true if it has one and it is right.
 */
bool bdsim_qmap_csum(u8 *ip, unsigned int len, bool fix)
{
	struct in6_addr s6, d6;
	struct bdsim_l4 l4;
	unsigned int l4len;
	__be32 s4, d4;
	__sum16 res;
	__wsum sum;
	u8 *th;

	if (!bdsim_qmap_l4(ip, len, &l4))
		return false;
	th = ip + l4.hlen;
	l4len = len - l4.hlen;

	if (fix)
		memset(th + l4.csum_off, 0, sizeof(res));
	else if (!l4.v6 && l4.proto == IPPROTO_UDP &&
		 !get_unaligned((u16 *)(th + l4.csum_off)))
		return false;

	sum = csum_partial(th, l4len, 0);
	if (l4.v6) {
		memcpy(&s6, ip + BDSIM_IP6_OFF_SADDR, sizeof(s6));
		memcpy(&d6, ip + BDSIM_IP6_OFF_DADDR, sizeof(d6));
		res = csum_ipv6_magic(&s6, &d6, l4len, l4.proto, sum);
	} else {
		memcpy(&s4, ip + BDSIM_IP4_OFF_SADDR, sizeof(s4));
		memcpy(&d4, ip + BDSIM_IP4_OFF_DADDR, sizeof(d4));
		res = csum_tcpudp_magic(s4, d4, l4len, l4.proto, sum);
	}
	if (!fix)
		return !res;

	/* UDP sends a computed 0 as all ones: 0 would mean "no checksum". */
	if (!res && l4.proto == IPPROTO_UDP)
		res = CSUM_MANGLED_0;
	memcpy(th + l4.csum_off, &res, sizeof(res));
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_csum);

/**
 * bdsim_qmap_csum_v4() - compute a packet's TCP/UDP checksum for MAPv4
 * @ip: the IP packet, any alignment
 * @len: its length, which must be the IP header's length
 *
 * What the A2 does on a MAPv4 request: unlike MAPv5, it takes the checksum
 * field as the complement of the pseudo-header sum, which is what rmnet
 * sends (it complements the pseudo-header sum the stack left there for
 * offload). The modem sums the transport header and payload with the
 * field complemented back in place of the pseudo header, and writes the
 * complement of that sum; UDP sends a computed 0 as all ones. A host that
 * leaves the field as the stack did gets a wrong checksum.
 *
 * Return: true if the packet has a TCP/UDP checksum, now written.
 */
bool bdsim_qmap_csum_v4(u8 *ip, unsigned int len)
{
	struct bdsim_l4 l4;
	__sum16 res;
	u8 *field;
	u16 v;

	if (!bdsim_qmap_l4(ip, len, &l4))
		return false;
	field = ip + l4.hlen + l4.csum_off;
	v = ~get_unaligned_be16(field);
	put_unaligned_be16(v, field);
	res = csum_fold(csum_partial(ip + l4.hlen, len - l4.hlen, 0));
	if (!res && l4.proto == IPPROTO_UDP)
		res = CSUM_MANGLED_0;
	memcpy(field, &res, sizeof(res));
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_csum_v4);

/*
 * Write the MAPv4 trailer of a DL MAP frame at @tr: for a packet whose
 * TCP/UDP checksum the modem verified (@ip, @ip_len), "valid" and the
 * checksum of the whole IP packet; else, and for a command (@ip NULL),
 * all zero.
 */
static void bdsim_qmap_v4_trailer(u8 *tr, const u8 *ip, unsigned int ip_len)
{
	__sum16 value;

	memset(tr, 0, BDSIM_MAP_V4_TRAILER_LEN);
	if (!ip)
		return;
	tr[BDSIM_MAP_V4_TR_OFF_FLAGS] = BDSIM_MAP_V4_TR_VALID;
	put_unaligned_be16(0, tr + BDSIM_MAP_V4_TR_OFF_START);
	put_unaligned_be16(ip_len, tr + BDSIM_MAP_V4_TR_OFF_LEN);
	/* csum_fold() complements: the value as an IP header has it. */
	value = csum_fold(csum_partial(ip, ip_len, 0));
	memcpy(tr + BDSIM_MAP_V4_TR_OFF_VALUE, &value, sizeof(value));
}

/**
 * bdsim_qmap_seal() - write the headers and the pad of one DL MAP packet
 * @rec: where the MAP packet starts in the aggregate
 * @mux: its mux id
 * @ip_len: length of the IP packet, already written at
 *	@rec + bdsim_map_ip_off(@fmt)
 * @fmt: the channel's &enum bdsim_fmt, a QMAP one. MAPv5: add a checksum
 *	header, "valid" if the modem verified the packet's TCP/UDP checksum;
 *	MAPv4: add a trailer, "valid" with the checksum of the whole packet
 *	on the same condition
 * @csum_valid: set to whether the valid bit was set
 *
 * The packet is padded to a 4-byte multiple with zeros, as modems do.
 *
 * Return: the bytes the MAP packet takes, bdsim_map_rec_len().
 */
unsigned int bdsim_qmap_seal(u8 *rec, u8 mux, unsigned int ip_len, u8 fmt,
			     bool *csum_valid)
{
	unsigned int pad = bdsim_map_pad(ip_len);
	unsigned int off = bdsim_map_ip_off(fmt);
	u8 *ip = rec + off;
	bool valid = false;

	rec[BDSIM_MAP_OFF_FLAGS] = pad;
	rec[BDSIM_MAP_OFF_MUX] = mux;
	put_unaligned_be16(ip_len + pad, rec + BDSIM_MAP_OFF_LEN);
	if (fmt == BDSIM_FMT_QMAPV4 || fmt == BDSIM_FMT_QMAPV5)
		valid = bdsim_qmap_csum(ip, ip_len, false);
	if (fmt == BDSIM_FMT_QMAPV5) {
		u8 *v5h = rec + BDSIM_MAP_HDR_LEN;

		rec[BDSIM_MAP_OFF_FLAGS] |= BDSIM_MAP_NEXT_HDR;
		v5h[0] = BDSIM_MAP_V5_TYPE_CSUM << BDSIM_MAP_V5_TYPE_SHIFT;
		v5h[1] = valid ? BDSIM_MAP_V5_CSUM_VALID : 0;
		v5h[2] = 0;
		v5h[3] = 0;
	}
	memset(ip + ip_len, 0, pad);
	if (fmt == BDSIM_FMT_QMAPV4)
		bdsim_qmap_v4_trailer(ip + ip_len + pad, valid ? ip : NULL,
				      ip_len);
	*csum_valid = valid;
	return off + ip_len + pad + bdsim_map_tail_len(fmt);
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_seal);

/**
 * bdsim_qmap_dmux_hdr() - write the DMUX header of a DL QMAP frame
 * @frame: start of the RX buffer
 * @ch: channel
 * @signal: signal bits (bit 1 on a QMAP channel)
 *
 * A QMAP DATA frame has len 0xffff, "as long as the transfer", and no
 * padding: its MAP packets are 4-byte multiples already.
 */
void bdsim_qmap_dmux_hdr(u8 *frame, unsigned int ch, u8 signal)
{
	struct bdsim_hdr hdr = {
		.magic = BDSIM_MAGIC,
		.signal = signal,
		.cmd = BDSIM_CMD_DATA,
		.ch = ch,
		.len = BDSIM_LEN_FROM_XFER,
	};

	bdsim_hdr_put(frame, &hdr);
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_dmux_hdr);

/**
 * bdsim_qmap_flow_frame() - write a DL frame holding one MAP flow command
 * @frame: start of the RX buffer, at least %BDSIM_RX_MIN_SIZE bytes
 * @ch: channel
 * @signal: DMUX signal bits
 * @mux: mux id the command is for
 * @name: %BDSIM_MAP_FLOW_DISABLE or %BDSIM_MAP_FLOW_ENABLE
 * @txid: transaction id
 * @fmt: the channel's &enum bdsim_fmt: in MAPv4 a command has a trailer
 *	too, all zero
 *
 * A REQUEST with an all-zero flow-control payload.
 *
 * Return: the transfer length.
 */
unsigned int bdsim_qmap_flow_frame(u8 *frame, unsigned int ch, u8 signal,
				   u8 mux, u8 name, u32 txid, u8 fmt)
{
	u8 *map = frame + BDSIM_HDR_LEN;
	u8 *body = map + BDSIM_MAP_HDR_LEN;

	bdsim_qmap_dmux_hdr(frame, ch, signal);
	map[BDSIM_MAP_OFF_FLAGS] = BDSIM_MAP_CD;
	map[BDSIM_MAP_OFF_MUX] = mux;
	put_unaligned_be16(BDSIM_MAP_CMD_LEN, map + BDSIM_MAP_OFF_LEN);
	memset(body, 0, BDSIM_MAP_CMD_LEN);
	body[BDSIM_MAP_CMD_OFF_NAME] = name;
	body[BDSIM_MAP_CMD_OFF_TYPE] = BDSIM_MAP_CMD_REQUEST;
	put_unaligned_be32(txid, body + BDSIM_MAP_CMD_OFF_TXID);
	if (fmt == BDSIM_FMT_QMAPV4)
		bdsim_qmap_v4_trailer(body + BDSIM_MAP_CMD_LEN, NULL, 0);

	return BDSIM_HDR_LEN + BDSIM_MAP_HDR_LEN + BDSIM_MAP_CMD_LEN +
	       bdsim_map_tail_len(fmt);
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_flow_frame);

/* Payload of the QMAP faults: a 28-byte IPv4/UDP packet, no MAP pad. */
#define BDSIM_MAP_FAULT_IP	28
/* Mux id of the QMAP faults. */
#define BDSIM_MAP_FAULT_MUX	1
/* pkt_len of the truncated packet: far past any fault frame. */
#define BDSIM_MAP_FAULT_LONG	256
/* What of it the truncated aggregate still holds. */
#define BDSIM_MAP_FAULT_CUT	8
/* Name of the unknown MAP command. */
#define BDSIM_MAP_FAULT_CMD	3
/* What of the MAPv4 trailer the cut frame still holds. */
#define BDSIM_MAP_FAULT_TRAILER	4

/* A good MAP packet of the QMAP faults. Return: its length. */
static unsigned int bdsim_qmap_fault_pkt(u8 *rec)
{
	bool valid;

	bdsim_frame_udp4(rec + BDSIM_MAP_HDR_LEN, BDSIM_MAP_FAULT_IP, 0);
	return bdsim_qmap_seal(rec, BDSIM_MAP_FAULT_MUX, BDSIM_MAP_FAULT_IP,
			       BDSIM_FMT_QMAP, &valid);
}

/**
 * bdsim_qmap_fault_frame() - write a malformed QMAP frame
 * @frame: start of the RX buffer, at least %BDSIM_RX_MIN_SIZE bytes
 * @ctrl: %BDSIM_CTRL_MAP_BAD_PAD, %BDSIM_CTRL_MAP_TRUNCATED,
 *	%BDSIM_CTRL_MAP_LEN0, %BDSIM_CTRL_MAP_BAD_CMD or
 *	%BDSIM_CTRL_MAP_V4_CUT, and the channel
 *
 * A DATA frame with len 0xffff and signal bit 1 holding, for mux 1:
 * one packet whose pad equals its pkt_len (bad_pad); a good packet, then
 * a MAP header with pkt_len 256 and only 8 bytes behind it (truncated); a
 * MAP header with pkt_len 0, then a good packet (len0); a command with
 * name 3 (bad_cmd); a good MAPv4 packet with only the first 4 bytes of
 * its trailer (v4_cut). The good packet is a 28-byte IPv4/UDP
 * datagram; its MAPv4 trailer says "valid".
 *
 * Return: the transfer length.
 */
unsigned int bdsim_qmap_fault_frame(u8 *frame, const struct bdsim_ctrl *ctrl)
{
	u8 *rec = frame + BDSIM_HDR_LEN;
	u8 trailer[BDSIM_MAP_V4_TRAILER_LEN];
	unsigned int off = 0;

	bdsim_qmap_dmux_hdr(frame, ctrl->ch, BDSIM_SIG_DYN_MTU);
	switch (ctrl->kind) {
	case BDSIM_CTRL_MAP_BAD_PAD:
		off = bdsim_qmap_fault_pkt(rec);
		rec[BDSIM_MAP_OFF_FLAGS] = BDSIM_MAP_FAULT_IP;
		break;
	case BDSIM_CTRL_MAP_TRUNCATED:
		off = bdsim_qmap_fault_pkt(rec);
		rec[off + BDSIM_MAP_OFF_FLAGS] = 0;
		rec[off + BDSIM_MAP_OFF_MUX] = BDSIM_MAP_FAULT_MUX;
		put_unaligned_be16(BDSIM_MAP_FAULT_LONG,
				   rec + off + BDSIM_MAP_OFF_LEN);
		off += BDSIM_MAP_HDR_LEN;
		memset(rec + off, 0, BDSIM_MAP_FAULT_CUT);
		off += BDSIM_MAP_FAULT_CUT;
		break;
	case BDSIM_CTRL_MAP_LEN0:
		memset(rec, 0, BDSIM_MAP_HDR_LEN);
		rec[BDSIM_MAP_OFF_MUX] = BDSIM_MAP_FAULT_MUX;
		off = BDSIM_MAP_HDR_LEN;
		off += bdsim_qmap_fault_pkt(rec + off);
		break;
	case BDSIM_CTRL_MAP_BAD_CMD:
		off = bdsim_qmap_flow_frame(frame, ctrl->ch, BDSIM_SIG_DYN_MTU,
					    BDSIM_MAP_FAULT_MUX,
					    BDSIM_MAP_FAULT_CMD, 0,
					    BDSIM_FMT_QMAP);
		return off;
	case BDSIM_CTRL_MAP_V4_CUT:
		/* The MAP header of MAPv4 is that of plain MAP. */
		off = bdsim_qmap_fault_pkt(rec);
		bdsim_qmap_v4_trailer(trailer, rec + BDSIM_MAP_HDR_LEN,
				      BDSIM_MAP_FAULT_IP);
		memcpy(rec + off, trailer, BDSIM_MAP_FAULT_TRAILER);
		off += BDSIM_MAP_FAULT_TRAILER;
		break;
	default:
		break;
	}
	return BDSIM_HDR_LEN + off;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_fault_frame);

/* The IP version and length of a MAP data packet's payload. */
static enum bdsim_drop bdsim_qmap_ul_ip(const u8 *ip, unsigned int len,
					__be16 *proto)
{
	switch (ip[0] >> 4) {
	case 4:
		*proto = htons(ETH_P_IP);
		if (len < BDSIM_IP4_MIN_LEN ||
		    get_unaligned_be16(ip + BDSIM_IP4_OFF_TOT_LEN) != len)
			return BDSIM_DROP_UL_MAP_IP_LEN;
		return BDSIM_DROP_NUM;
	case 6:
		*proto = htons(ETH_P_IPV6);
		if (len < BDSIM_IP6_LEN ||
		    get_unaligned_be16(ip + BDSIM_IP6_OFF_PLEN) + BDSIM_IP6_LEN !=
		    len)
			return BDSIM_DROP_UL_MAP_IP_LEN;
		return BDSIM_DROP_NUM;
	default:
		return BDSIM_DROP_UL_MAP_NOT_IP;
	}
}

/* A command frame from the host: only an ACK of a flow command is. */
static enum bdsim_drop bdsim_qmap_ul_cmd(const u8 *p, u8 flags,
					 unsigned int pkt_len,
					 struct bdsim_map_rec *rec)
{
	const u8 *body = p + BDSIM_MAP_HDR_LEN;

	rec->cmd = true;
	rec->ip_len = pkt_len;
	if ((flags & (BDSIM_MAP_NEXT_HDR | BDSIM_MAP_PAD_MASK)) ||
	    pkt_len != BDSIM_MAP_CMD_LEN)
		return BDSIM_DROP_UL_MAP_CMD_FORMAT;
	if (body[BDSIM_MAP_CMD_OFF_NAME] != BDSIM_MAP_FLOW_DISABLE &&
	    body[BDSIM_MAP_CMD_OFF_NAME] != BDSIM_MAP_FLOW_ENABLE)
		return BDSIM_DROP_UL_MAP_CMD_NAME;
	if ((body[BDSIM_MAP_CMD_OFF_TYPE] & BDSIM_MAP_CMD_TYPE_MASK) !=
	    BDSIM_MAP_CMD_ACK)
		return BDSIM_DROP_UL_MAP_CMD_TYPE;
	return BDSIM_DROP_NUM;
}

/*
 * The MAPv4 checksum header @h of a UL data frame whose IP packet @ip, of
 * @ip_len bytes, passed its checks. Disabled, it must be all zero (as
 * rmnet writes it); enabled, it must stay within the packet and name the
 * TCP or UDP checksum of a packet that has one: start at the transport
 * header, insert offset at its checksum field, the UDP bit for UDP only.
 */
static enum bdsim_drop bdsim_qmap_ul_v4(const u8 *h, const u8 *ip,
					unsigned int ip_len, u8 *csum)
{
	unsigned int start = get_unaligned_be16(h + BDSIM_MAP_V4_UL_OFF_START);
	unsigned int info = get_unaligned_be16(h + BDSIM_MAP_V4_UL_OFF_INFO);
	unsigned int ins = info & BDSIM_MAP_V4_UL_OFFSET_MASK;
	struct bdsim_l4 l4;
	bool udp;

	if (!(info & BDSIM_MAP_V4_UL_ENABLED))
		return start || info ? BDSIM_DROP_UL_MAP_V4_HDR : BDSIM_DROP_NUM;
	if (start + ins + sizeof(__sum16) > ip_len)
		return BDSIM_DROP_UL_MAP_V4_HDR;
	if (!bdsim_qmap_l4(ip, ip_len, &l4))
		return BDSIM_DROP_UL_MAP_CSUM_PROTO;
	/* The UDP bit is the modem's to send a computed 0 as ffff. */
	udp = l4.proto == IPPROTO_UDP;
	if (start != l4.hlen || ins != l4.csum_off ||
	    !(info & BDSIM_MAP_V4_UL_UDP) != !udp)
		return BDSIM_DROP_UL_MAP_V4_HDR;
	*csum = BDSIM_UL_CSUM_V4;
	return BDSIM_DROP_NUM;
}

/**
 * bdsim_qmap_ul_rec() - check one UL MAP frame as strictly as the firmware
 * @p: the MAP header, any alignment
 * @avail: bytes from @p to the end of the DMUX payload
 * @fmt: the channel's &enum bdsim_fmt, a QMAP one
 * @rec: what was found; @rec->len is valid unless the reason is fatal
 *	(bdsim_qmap_ul_fatal())
 *
 * The checks, in order, the first that fails naming the reason: a whole
 * MAP header, pkt_len not 0, the frame (and its next header, or in MAPv4
 * mode the checksum header every data frame has) within the payload; for
 * a command frame: no pad and no next header and a 16-byte body, a
 * flow-control name, type ACK; for a data frame: pad below pkt_len, a
 * next header only in MAPv5 mode and then a lone checksum header with no
 * bit but the request, an IPv4 or IPv6 packet whose own length is
 * pkt_len - pad, a MAPv4 checksum header that is all zero or names the
 * packet's TCP/UDP checksum, and a TCP/UDP checksum where one is
 * requested. Whether the mux is bound is the caller's to check.
 *
 * Return: %BDSIM_DROP_NUM if the frame is good, else why not.
 */
enum bdsim_drop bdsim_qmap_ul_rec(const u8 *p, unsigned int avail, u8 fmt,
				  struct bdsim_map_rec *rec)
{
	unsigned int pad, pkt_len, off;
	struct bdsim_l4 l4;
	enum bdsim_drop why;
	bool v4;
	u8 flags;

	memset(rec, 0, sizeof(*rec));
	if (avail < BDSIM_MAP_HDR_LEN)
		return BDSIM_DROP_UL_MAP_SHORT;

	flags = p[BDSIM_MAP_OFF_FLAGS];
	pad = flags & BDSIM_MAP_PAD_MASK;
	pkt_len = get_unaligned_be16(p + BDSIM_MAP_OFF_LEN);
	rec->mux = p[BDSIM_MAP_OFF_MUX];
	if (!pkt_len)
		return BDSIM_DROP_UL_MAP_BAD_LEN;
	/* MAPv4: a checksum header in every data frame, none in commands. */
	v4 = fmt == BDSIM_FMT_QMAPV4 && !(flags & BDSIM_MAP_CD);
	if (v4)
		off = BDSIM_MAP_HDR_LEN + BDSIM_MAP_V4_UL_LEN;
	else
		off = BDSIM_MAP_HDR_LEN +
		      (flags & BDSIM_MAP_NEXT_HDR ? BDSIM_MAP_V5_LEN : 0);
	if (off + pkt_len > avail)
		return BDSIM_DROP_UL_MAP_PAST_FRAME;
	rec->len = off + pkt_len;
	rec->ip_off = off;

	if (flags & BDSIM_MAP_CD)
		return bdsim_qmap_ul_cmd(p, flags, pkt_len, rec);

	if (pad >= pkt_len)
		return BDSIM_DROP_UL_MAP_BAD_PAD;
	if (flags & BDSIM_MAP_NEXT_HDR) {
		const u8 *v5h = p + BDSIM_MAP_HDR_LEN;

		if (fmt != BDSIM_FMT_QMAPV5)
			return BDSIM_DROP_UL_MAP_NEXT_HDR;
		if (v5h[0] != BDSIM_MAP_V5_TYPE_CSUM << BDSIM_MAP_V5_TYPE_SHIFT ||
		    v5h[1] & ~BDSIM_MAP_V5_CSUM_VALID || v5h[2] || v5h[3])
			return BDSIM_DROP_UL_MAP_V5_HDR;
		if (v5h[1] & BDSIM_MAP_V5_CSUM_VALID)
			rec->csum = BDSIM_UL_CSUM_V5;
	}

	rec->ip_len = pkt_len - pad;
	why = bdsim_qmap_ul_ip(p + off, rec->ip_len, &rec->proto);
	if (why != BDSIM_DROP_NUM)
		return why;
	if (v4)
		return bdsim_qmap_ul_v4(p + BDSIM_MAP_HDR_LEN, p + off,
					rec->ip_len, &rec->csum);
	if (rec->csum && !bdsim_qmap_l4(p + off, rec->ip_len, &l4))
		return BDSIM_DROP_UL_MAP_CSUM_PROTO;
	return BDSIM_DROP_NUM;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_ul_rec);

/**
 * bdsim_qmap_ul_fatal() - does a UL MAP rejection lose the rest of a frame?
 * @why: what bdsim_qmap_ul_rec() returned
 *
 * Without a usable length the next MAP header cannot be found.
 *
 * Return: true if the rest of the DMUX payload is dropped with the frame.
 */
bool bdsim_qmap_ul_fatal(enum bdsim_drop why)
{
	return why == BDSIM_DROP_UL_MAP_SHORT ||
	       why == BDSIM_DROP_UL_MAP_BAD_LEN ||
	       why == BDSIM_DROP_UL_MAP_PAST_FRAME;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_qmap_ul_fatal);
