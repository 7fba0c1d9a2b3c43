// SPDX-License-Identifier: GPL-2.0-only
/*
 * QMAP (rmnet MAP) codec: DL deaggregation, command replies, UL headers
 * and UL aggregation bookkeeping. See qmap.h for the contract of each
 * function. Pure functions over (buffer, length): no sk_buff, no
 * allocation, no locking, so the same file builds in userspace
 * (qmap_user.h) for the fuzzer.
 */
#ifdef __KERNEL__
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#endif

#include "qmap.h"

#define QMAP_IPPROTO_TCP	6
#define QMAP_IPPROTO_UDP	17
#define QMAP_IPV4_MIN_HDR	20
#define QMAP_IPV6_HDR		40
#define QMAP_TCP_MIN_HDR	20
#define QMAP_UDP_HDR		8
#define QMAP_UDP_CSUM_OFF	6

/*
 * One's-complement arithmetic (RFC 1071), big-endian 16-bit words; an odd
 * last byte is the high half of a word padded with zero. Sums are kept
 * unfolded in 64 bits: a 64 KiB packet adds at most 2^32 or so.
 */
static u64 qmap_sum(u64 sum, const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i + 1 < n; i += 2)
		sum += get_unaligned_be16(p + i);
	if (n & 1)
		sum += (u32)p[n - 1] << 8;
	return sum;
}

static u16 qmap_fold(u64 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/*
 * What a MAPv4 DL trailer says about the TCP/UDP checksum of @ip (@ip_len
 * bytes, a whole IP packet whose first nibble is 4 or 6). The trailer
 * value T is ~S(packet); S(payload) = S(packet) - S(IP header), and the
 * transport checksum is right when S(payload) + S(pseudo header) is
 * negative zero, 0xffff. The pseudo header has a non-zero protocol, so
 * the folded sum is never positive zero and the comparison is exact.
 */
static enum qmap_csum qmap_v4_trailer_csum(const u8 *ip, u32 ip_len,
					   const u8 *trailer)
{
	u32 hdr_len, tlen;
	u64 sum;
	u8 proto;

	if (!(trailer[1] & QMAP_V4_TRAILER_VALID))
		return QMAP_CSUM_NONE;

	if ((ip[0] >> 4) == 4) {
		if (ip_len < QMAP_IPV4_MIN_HDR)
			return QMAP_CSUM_NONE;
		hdr_len = (ip[0] & 0x0f) * 4;
		if (hdr_len < QMAP_IPV4_MIN_HDR || hdr_len > ip_len)
			return QMAP_CSUM_NONE;
		if (get_unaligned_be16(ip + 2) != ip_len)
			return QMAP_CSUM_NONE;
		/* MF set or a non-zero fragment offset */
		if (get_unaligned_be16(ip + 6) & 0x3fff)
			return QMAP_CSUM_NONE;
		proto = ip[9];
		/* source and destination address */
		sum = qmap_sum(0, ip + 12, 8);
	} else {
		if (ip_len < QMAP_IPV6_HDR)
			return QMAP_CSUM_NONE;
		hdr_len = QMAP_IPV6_HDR;
		if (get_unaligned_be16(ip + 4) != ip_len - QMAP_IPV6_HDR)
			return QMAP_CSUM_NONE;
		proto = ip[6];
		sum = qmap_sum(0, ip + 8, 32);
	}

	tlen = ip_len - hdr_len;
	if (proto == QMAP_IPPROTO_TCP) {
		if (tlen < QMAP_TCP_MIN_HDR)
			return QMAP_CSUM_NONE;
	} else if (proto == QMAP_IPPROTO_UDP) {
		if (tlen < QMAP_UDP_HDR)
			return QMAP_CSUM_NONE;
		if ((ip[0] >> 4) == 4 &&
		    !get_unaligned_be16(ip + hdr_len + QMAP_UDP_CSUM_OFF))
			return QMAP_CSUM_NONE;
	} else {
		return QMAP_CSUM_NONE;
	}

	/* Rest of the pseudo header: protocol and upper-layer length. */
	sum += proto + (tlen >> 16) + (tlen & 0xffff);
	/* Minus the IP header: plus its complement. */
	sum += (u16)~qmap_fold(qmap_sum(0, ip, hdr_len));
	/* S(packet) is the complement of the trailer value. */
	sum += (u16)~get_unaligned_be16(trailer + 6);

	return qmap_fold(sum) == 0xffff ? QMAP_CSUM_VALID : QMAP_CSUM_INVALID;
}

/* The checks of a command record, past the MAP header ones. */
static enum qmap_rx_status qmap_rx_cmd(const u8 *map, u32 body_len,
				       struct qmap_rx_record *rec)
{
	const u8 *body = map + QMAP_HDR_LEN;

	if (map[0] & QMAP_FLAG_NEXT_HDR)
		return QMAP_RX_BAD_NEXT_HDR;
	if (body_len < QMAP_CMD_LEN)
		return QMAP_RX_BAD_CMD_LEN;
	rec->cmd_name = body[0];
	if ((body[1] & 0x03) != QMAP_CMD_REQUEST)
		return QMAP_RX_CMD_NOT_REQUEST;
	if (body[0] != QMAP_CMD_FLOW_DISABLE && body[0] != QMAP_CMD_FLOW_ENABLE)
		return QMAP_RX_UNKNOWN_CMD;
	rec->data = rec->frame + QMAP_HDR_LEN;
	rec->data_len = body_len;
	return QMAP_RX_CMD;
}

u32 qmap_rx_next(const void *buf, u32 len, u32 off, enum qmap_format fmt,
		 struct qmap_rx_record *rec)
{
	u32 pkt_len, pad, frame_len, hdrs, ip_len;
	const u8 *map, *ip;
	u8 flags;

	memset(rec, 0, sizeof(*rec));
	if (off >= len) {
		/* Misuse, but still no read and an offset within bounds. */
		rec->frame = len;
		rec->status = QMAP_RX_TRUNCATED_HDR;
		return len;
	}
	rec->frame = off;
	map = (const u8 *)buf + off;

	if (len - off < QMAP_HDR_LEN) {
		rec->status = QMAP_RX_TRUNCATED_HDR;
		goto drop_rest;
	}
	flags = map[0];
	pkt_len = get_unaligned_be16(map + 2);
	pad = flags & QMAP_PAD_MASK;
	if (!pkt_len) {
		rec->status = QMAP_RX_ZERO_LEN;
		goto drop_rest;
	}

	/* Headers outside pkt_len: MAP, MAPv5 next header, MAPv4 trailer. */
	hdrs = QMAP_HDR_LEN;
	frame_len = QMAP_HDR_LEN + pkt_len;
	if (fmt == QMAP_FORMAT_V4) {
		frame_len += QMAP_V4_TRAILER_LEN;
	} else if (fmt == QMAP_FORMAT_V5 && !(flags & QMAP_FLAG_CMD) &&
		   (flags & QMAP_FLAG_NEXT_HDR)) {
		hdrs += QMAP_CSUM_HDR_LEN;
		frame_len += QMAP_CSUM_HDR_LEN;
	}
	if (frame_len > len - off) {
		rec->status = QMAP_RX_PAST_BUF;
		goto drop_rest;
	}

	/* From here on the whole record is inside the buffer. */
	rec->frame_len = frame_len;
	rec->mux_id = map[1];
	if (pad >= pkt_len) {
		rec->status = QMAP_RX_BAD_PAD;
		goto skip;
	}
	if (map[1] < QMAP_MUX_MIN || map[1] > QMAP_MUX_MAX) {
		rec->status = QMAP_RX_BAD_MUX;
		goto skip;
	}
	ip_len = pkt_len - pad;

	if (flags & QMAP_FLAG_CMD) {
		rec->status = qmap_rx_cmd(map, ip_len, rec);
		goto skip;
	}

	if (fmt == QMAP_FORMAT_V5) {
		const u8 *nh = map + QMAP_HDR_LEN;

		if (!(flags & QMAP_FLAG_NEXT_HDR)) {
			rec->status = QMAP_RX_NO_NEXT_HDR;
			goto skip;
		}
		if ((nh[0] >> QMAP_V5_TYPE_SHIFT) != QMAP_V5_TYPE_CSUM ||
		    (nh[0] & QMAP_V5_NXT)) {
			rec->status = QMAP_RX_BAD_NEXT_HDR;
			goto skip;
		}
		if (nh[1] & QMAP_V5_CSUM_VALID)
			rec->csum = QMAP_CSUM_VALID;
	} else if (flags & QMAP_FLAG_NEXT_HDR) {
		rec->status = QMAP_RX_BAD_NEXT_HDR;
		goto skip;
	}

	ip = map + hdrs;
	if ((ip[0] >> 4) != 4 && (ip[0] >> 4) != 6) {
		rec->status = QMAP_RX_BAD_IP;
		rec->csum = QMAP_CSUM_NONE;
		goto skip;
	}
	if (fmt == QMAP_FORMAT_V4)
		rec->csum = qmap_v4_trailer_csum(ip, ip_len,
						 map + QMAP_HDR_LEN + pkt_len);
	rec->status = QMAP_RX_DATA;
	rec->data = off + hdrs;
	rec->data_len = ip_len;
skip:
	return off + frame_len;

drop_rest:
	rec->frame_len = len - off;
	return len;
}
EXPORT_SYMBOL_GPL(qmap_rx_next);

u32 qmap_cmd_build_reply(void *out, u32 room, const void *req, u32 req_len,
			 u8 type)
{
	const u8 *map = req;
	u32 pkt_len, pad, reply_len;
	u8 *o = out;

	if (type != QMAP_CMD_ACK && type != QMAP_CMD_UNSUPPORTED &&
	    type != QMAP_CMD_INVALID)
		return 0;
	if (req_len < QMAP_HDR_LEN || !(map[0] & QMAP_FLAG_CMD))
		return 0;
	pkt_len = get_unaligned_be16(map + 2);
	pad = map[0] & QMAP_PAD_MASK;
	reply_len = QMAP_HDR_LEN + pkt_len;
	if (pkt_len < pad + QMAP_CMD_LEN ||
	    reply_len > req_len || reply_len > room)
		return 0;
	/* In place or not: the reply is the request with another type. */
	memmove(o, map, reply_len);
	o[QMAP_HDR_LEN + 1] = (o[QMAP_HDR_LEN + 1] & ~0x03) | type;
	return reply_len;
}
EXPORT_SYMBOL_GPL(qmap_cmd_build_reply);

u32 qmap_ul_hdr_len(enum qmap_format fmt)
{
	switch (fmt) {
	case QMAP_FORMAT_PLAIN:
		return QMAP_HDR_LEN;
	case QMAP_FORMAT_V4:
	case QMAP_FORMAT_V5:
		return QMAP_HDR_LEN + QMAP_CSUM_HDR_LEN;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(qmap_ul_hdr_len);

u32 qmap_ul_build_hdr(void *hdr, u8 mux_id, u32 ip_len, enum qmap_format fmt,
		      const struct qmap_ul_csum *csum)
{
	u32 hdr_len = qmap_ul_hdr_len(fmt);
	u16 info = 0;
	u8 *h = hdr;

	if (!hdr_len || mux_id < QMAP_MUX_MIN || mux_id > QMAP_MUX_MAX ||
	    !ip_len || ip_len > U16_MAX)
		return 0;
	if (csum && fmt == QMAP_FORMAT_PLAIN)
		return 0;
	if (csum && fmt == QMAP_FORMAT_V4) {
		if (csum->offset > QMAP_V4_UL_OFFSET_MASK ||
		    (u32)csum->start + csum->offset + 2 > ip_len)
			return 0;
		info = QMAP_V4_UL_ENABLED | csum->offset;
		if (csum->udp)
			info |= QMAP_V4_UL_UDP;
	}

	/* rmnet never pads UL: pad 0, pkt_len is the IP length. */
	h[0] = fmt == QMAP_FORMAT_V5 ? QMAP_FLAG_NEXT_HDR : 0;
	h[1] = mux_id;
	put_unaligned_be16(ip_len, h + 2);
	if (fmt == QMAP_FORMAT_V4) {
		put_unaligned_be16(csum ? csum->start : 0, h + 4);
		put_unaligned_be16(info, h + 6);
	} else if (fmt == QMAP_FORMAT_V5) {
		h[4] = QMAP_V5_TYPE_CSUM << QMAP_V5_TYPE_SHIFT;
		h[5] = csum ? QMAP_V5_CSUM_VALID : 0;
		put_unaligned_be16(0, h + 6);
	}
	return hdr_len;
}
EXPORT_SYMBOL_GPL(qmap_ul_build_hdr);

bool qmap_v4_ul_prep_field(void *ip, u32 ip_len,
			   const struct qmap_ul_csum *csum)
{
	u8 *field;

	if ((u32)csum->start + csum->offset + 2 > ip_len)
		return false;
	field = (u8 *)ip + csum->start + csum->offset;
	/* Byte order does not matter to a complement. */
	put_unaligned_be16((u16)~get_unaligned_be16(field), field);
	return true;
}
EXPORT_SYMBOL_GPL(qmap_v4_ul_prep_field);

bool qmap_agg_fits(const struct qmap_agg *agg, u32 frame_len)
{
	return frame_len && agg->frames < agg->max_frames &&
	       agg->len <= agg->max_bytes &&
	       frame_len <= agg->max_bytes - agg->len;
}
EXPORT_SYMBOL_GPL(qmap_agg_fits);

bool qmap_agg_add(struct qmap_agg *agg, u32 frame_len)
{
	agg->len = frame_len > U32_MAX - agg->len ? U32_MAX :
		   agg->len + frame_len;
	if (agg->frames < U32_MAX)
		agg->frames++;
	return agg->frames >= agg->max_frames || agg->len >= agg->max_bytes ||
	       agg->max_bytes - agg->len < QMAP_AGG_MIN_FRAME;
}
EXPORT_SYMBOL_GPL(qmap_agg_add);

static const char *const qmap_rx_status_names[QMAP_RX_NR_STATUS] = {
	[QMAP_RX_DATA]			= "data",
	[QMAP_RX_CMD]			= "cmd",
	[QMAP_RX_TRUNCATED_HDR]		= "truncated_hdr",
	[QMAP_RX_ZERO_LEN]		= "zero_len",
	[QMAP_RX_PAST_BUF]		= "past_buf",
	[QMAP_RX_BAD_PAD]		= "bad_pad",
	[QMAP_RX_BAD_MUX]		= "bad_mux",
	[QMAP_RX_BAD_IP]		= "bad_ip",
	[QMAP_RX_NO_NEXT_HDR]		= "no_next_hdr",
	[QMAP_RX_BAD_NEXT_HDR]		= "bad_next_hdr",
	[QMAP_RX_BAD_CMD_LEN]		= "bad_cmd_len",
	[QMAP_RX_UNKNOWN_CMD]		= "unknown_cmd",
	[QMAP_RX_CMD_NOT_REQUEST]	= "cmd_not_request",
};

const char *qmap_rx_status_name(enum qmap_rx_status status)
{
	if ((unsigned int)status >= QMAP_RX_NR_STATUS)
		return "unknown";
	return qmap_rx_status_names[status];
}
EXPORT_SYMBOL_GPL(qmap_rx_status_name);

#ifdef __KERNEL__
MODULE_DESCRIPTION("QMAP (rmnet MAP) frame codec");
MODULE_LICENSE("GPL");
#endif
