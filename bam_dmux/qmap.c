// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX QMAP framing. While a channel has QMAP links (mux ids 1-254),
 * each DATA frame the modem sends on it is an aggregate of MAP records,
 * parsed by the rmnet_qmap codec: every IP packet goes up on the link of
 * its mux id as a fragment of the RX buffer (no copy), every MAP flow
 * command stops or wakes that link's queue and is acknowledged, and
 * everything else is dropped and counted by the codec's reason. On the
 * way out, each packet of a QMAP link gets its MAP header in front of the
 * DMUX header.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/unaligned.h>
#include <net/ip.h>

#include "bam_dmux.h"
#include "qmap.h"

/* Codec drop reasons to the instance counters, in the codec's order. */
static const u8 bam_dmux_qmap_drop_stat[QMAP_RX_NR_STATUS] = {
	[QMAP_RX_TRUNCATED_HDR] = BAM_DMUX_RX_QMAP_TRUNCATED_HDR,
	[QMAP_RX_ZERO_LEN] = BAM_DMUX_RX_QMAP_ZERO_LEN,
	[QMAP_RX_PAST_BUF] = BAM_DMUX_RX_QMAP_PAST_BUF,
	[QMAP_RX_BAD_PAD] = BAM_DMUX_RX_QMAP_BAD_PAD,
	[QMAP_RX_BAD_MUX] = BAM_DMUX_RX_QMAP_BAD_MUX,
	[QMAP_RX_BAD_IP] = BAM_DMUX_RX_QMAP_BAD_IP,
	[QMAP_RX_NO_NEXT_HDR] = BAM_DMUX_RX_QMAP_NO_NEXT_HDR,
	[QMAP_RX_BAD_NEXT_HDR] = BAM_DMUX_RX_QMAP_BAD_NEXT_HDR,
	[QMAP_RX_BAD_CMD_LEN] = BAM_DMUX_RX_QMAP_BAD_CMD_LEN,
	[QMAP_RX_UNKNOWN_CMD] = BAM_DMUX_RX_QMAP_UNKNOWN_CMD,
	[QMAP_RX_CMD_NOT_REQUEST] = BAM_DMUX_RX_QMAP_CMD_NOT_REQUEST,
};

/*
 * Whether a packet goes up with the modem's checksum verdict: the link
 * takes it (rx-checksumming on), the modem marked the record valid, and
 * the packet is one whose whole transport checksum the modem can have
 * checked: TCP or UDP, not an IPv4 fragment, no IPv6 extension header.
 * Anything else is left to the stack.
 */
static bool bam_dmux_qmap_csum_ok(struct bam_dmux_link *link,
				  const struct qmap_rx_record *rec,
				  const u8 *ip)
{
	u8 proto;

	if (rec->csum != QMAP_CSUM_VALID ||
	    !(READ_ONCE(link->ndev->features) & NETIF_F_RXCSUM))
		return false;
	/* The codec checked the version nibble; the header must fit. */
	if ((ip[0] >> 4) == 4) {
		if (rec->data_len < sizeof(struct iphdr) ||
		    (get_unaligned_be16(ip + 6) & (IP_MF | IP_OFFSET)))
			return false;
		proto = ip[9];
	} else {
		if (rec->data_len < sizeof(struct ipv6hdr))
			return false;
		proto = ip[6];
	}
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP;
}

/* A flow command: obey it on the mux's link and acknowledge it. */
static void bam_dmux_qmap_cmd(struct bam_dmux *dmux, u8 ch, const u8 *data,
			      const struct qmap_rx_record *rec)
{
	struct bam_dmux_link *link;
	bool off;

	link = bam_dmux_link_lookup(dmux, ch, rec->mux_id);
	if (!link) {
		bam_dmux_count(dmux, BAM_DMUX_RX_QMAP_CMD_NO_LINK);
		return;
	}
	off = rec->cmd_name == QMAP_CMD_FLOW_DISABLE;
	bam_dmux_tx_set_flow(dmux, link, off);
	bam_dmux_count(dmux, off ? BAM_DMUX_RX_QMAP_FLOW_DISABLE :
				   BAM_DMUX_RX_QMAP_FLOW_ENABLE);
	bam_dmux_tx_map_cmd(dmux, ch, data + rec->frame, rec->frame_len);
}

/**
 * bam_dmux_qmap_rx() - deaggregate the payload of a QMAP DATA frame
 * @dmux: the instance
 * @ch: the channel, in QMAP framing
 * @data: the payload, inside the RX buffer
 * @len: its length
 * @size: size of the RX buffer, which every packet handed up pins
 *
 * A malformed record is not trusted to belong to the link its mux id
 * names: it is counted on the instance, by the codec's reason.
 *
 * NAPI context (or bottom halves disabled), under rcu_read_lock().
 *
 * Return: the number of records, at least 1.
 */
unsigned int bam_dmux_qmap_rx(struct bam_dmux *dmux, u8 ch, void *data,
			      unsigned int len, unsigned int size)
{
	/* The format the links of the channel were created with: the one
	 * userspace switched the modem to. A record is never trusted to say
	 * its own: the next-header bit of plain MAP is a reserved bit.
	 */
	enum qmap_format fmt = READ_ONCE(dmux->ch[ch].qmap_fmt);
	struct qmap_rx_record rec;
	struct bam_dmux_link *link;
	unsigned int records = 0;
	u32 off = 0, next;

	while (off < len) {
		next = qmap_rx_next(data, len, off, fmt, &rec);
		/* The codec always moves on; a bug there must not spin. */
		if (WARN_ON_ONCE(next <= off || next > len))
			break;
		off = next;
		records++;

		switch (rec.status) {
		case QMAP_RX_DATA:
			link = bam_dmux_link_lookup(dmux, ch, rec.mux_id);
			if (!link || !netif_running(link->ndev)) {
				bam_dmux_count(dmux, BAM_DMUX_RX_QMAP_NO_LINK);
				break;
			}
			/* Its share of the buffer: as much of it as the
			 * record is of the transfer, so that the packets of
			 * a buffer together account for all of it.
			 */
			bam_dmux_rx_deliver(dmux, link, data + rec.data,
					    rec.data_len,
					    DIV_ROUND_UP(rec.frame_len * size, len),
					    true,
					    bam_dmux_qmap_csum_ok(link, &rec,
								  data + rec.data));
			break;
		case QMAP_RX_CMD:
			bam_dmux_qmap_cmd(dmux, ch, data, &rec);
			break;
		default:
			/* Unmapped entries are 0, which is no drop counter. */
			if (rec.status < QMAP_RX_NR_STATUS &&
			    bam_dmux_qmap_drop_stat[rec.status])
				bam_dmux_count(dmux,
					       bam_dmux_qmap_drop_stat[rec.status]);
			else
				WARN_ON_ONCE(1);
			break;
		}
	}
	return records ?: 1;
}

/**
 * bam_dmux_qmap_ul_format() - the MAP format a QMAP link sends in
 * @link: a QMAP link
 *
 * That of its channel: with MAPv4 or MAPv5 every packet carries the
 * checksum header, which asks the modem to fill in the TCP or UDP
 * checksum only of a packet whose checksum the stack left to it (TX
 * checksum offload on, ethtool -K tx on).
 *
 * Return: the link's &enum qmap_format.
 */
enum qmap_format bam_dmux_qmap_ul_format(struct bam_dmux_link *link)
{
	return link->qmap_fmt;
}

/**
 * bam_dmux_qmap_can_offload() - whether the modem can fill in a checksum
 * @skb: an IP packet whose checksum the stack left (CHECKSUM_PARTIAL)
 *
 * The modem computes the TCP or UDP checksum of an IPv4 packet, or of an
 * IPv6 packet without extension headers, from the transport header; a
 * MAPv4 request names where it starts and goes. The stack promises only
 * an offset, and a packet socket may say anything: anything else gets
 * its checksum from the stack before it is sent.
 *
 * Return: true if the request describes the packet's TCP or UDP checksum.
 */
bool bam_dmux_qmap_can_offload(const struct sk_buff *skb)
{
	u8 buf[sizeof(struct ipv6hdr)];
	unsigned int l4;
	const u8 *ip;
	u8 proto;

	ip = skb_header_pointer(skb, 0, 1, buf);
	if (!ip)
		return false;
	if ((ip[0] >> 4) == 4) {
		ip = skb_header_pointer(skb, 0, sizeof(struct iphdr), buf);
		if (!ip)
			return false;
		l4 = (ip[0] & 0xf) * 4;
		proto = ip[9];
	} else if ((ip[0] >> 4) == 6) {
		ip = skb_header_pointer(skb, 0, sizeof(struct ipv6hdr), buf);
		if (!ip)
			return false;
		l4 = sizeof(struct ipv6hdr);
		proto = ip[6];
	} else {
		return false;
	}
	if (skb_checksum_start_offset(skb) != l4)
		return false;
	if (proto == IPPROTO_TCP)
		return skb->csum_offset == offsetof(struct tcphdr, check);
	if (proto == IPPROTO_UDP)
		return skb->csum_offset == offsetof(struct udphdr, check);
	return false;
}

/* The checksum the stack left to the modem, if the format can ask; the
 * request was checked with bam_dmux_qmap_can_offload().
 */
static bool bam_dmux_qmap_ul_req(const struct sk_buff *skb,
				 enum qmap_format fmt, struct qmap_ul_csum *csum)
{
	if (fmt == QMAP_FORMAT_PLAIN || skb->ip_summed != CHECKSUM_PARTIAL)
		return false;
	csum->start = skb_checksum_start_offset(skb);
	csum->offset = skb->csum_offset;
	csum->udp = skb->csum_offset == offsetof(struct udphdr, check);
	return true;
}

/**
 * bam_dmux_qmap_build_hdr() - write the MAP header of a packet
 * @link: a QMAP link
 * @hdr: bam_dmux_qmap_ul_overhead(@fmt) bytes in front of the packet
 * @skb: the IP packet
 * @fmt: from bam_dmux_qmap_ul_format()
 *
 * Return: 0, or -EINVAL if the codec refused (it never should: the mux id
 * and the length were checked).
 */
int bam_dmux_qmap_build_hdr(struct bam_dmux_link *link, void *hdr,
			    const struct sk_buff *skb, enum qmap_format fmt)
{
	struct qmap_ul_csum csum;
	bool req = bam_dmux_qmap_ul_req(skb, fmt, &csum);

	if (WARN_ON_ONCE(!qmap_ul_build_hdr(hdr, link->mux_id, skb->len, fmt,
					    req ? &csum : NULL)))
		return -EINVAL;
	return 0;
}

/**
 * bam_dmux_qmap_prep_csum() - the checksum field of a MAPv4 request
 * @skb: the IP packet the MAP header was built for
 * @ip: where its bytes are sent from (its own data or a copy), writable
 * @fmt: the link's UL format
 *
 * A MAPv4 modem takes the field as the complement of what the stack left
 * in it (see qmap_v4_ul_prep_field()); nothing to do for other formats or
 * a checksum done already. @ip holds the field: the push path made it
 * writable, the aggregation path copied the packet.
 */
void bam_dmux_qmap_prep_csum(const struct sk_buff *skb, void *ip,
			     enum qmap_format fmt)
{
	struct qmap_ul_csum csum;

	if (fmt == QMAP_FORMAT_V4 && bam_dmux_qmap_ul_req(skb, fmt, &csum))
		WARN_ON_ONCE(!qmap_v4_ul_prep_field(ip, skb->len, &csum));
}

/**
 * bam_dmux_qmap_push_hdr() - put the MAP header in front of a packet
 * @link: a QMAP link
 * @skb: the IP packet; room for the DMUX header is made too
 * @fmt: the link's UL format, from bam_dmux_qmap_ul_format()
 *
 * Return: 0, or -ENOMEM (@skb is left to the caller).
 */
int bam_dmux_qmap_push_hdr(struct bam_dmux_link *link, struct sk_buff *skb,
			   enum qmap_format fmt)
{
	u32 hlen = qmap_ul_hdr_len(fmt);
	struct qmap_ul_csum csum;
	int ret;

	if (skb_cow_head(skb, hlen + sizeof(struct bam_dmux_hdr)))
		return -ENOMEM;
	/* MAPv4 rewrites the checksum field: in the linear part, and ours. */
	if (fmt == QMAP_FORMAT_V4 && bam_dmux_qmap_ul_req(skb, fmt, &csum) &&
	    skb_ensure_writable(skb, csum.start + csum.offset + sizeof(__sum16)))
		return -ENOMEM;
	/* Built in front of the packet before it is pushed: skb still
	 * describes the IP packet (length, checksum state).
	 */
	ret = bam_dmux_qmap_build_hdr(link, skb->data - hlen, skb, fmt);
	if (ret)
		return ret;
	bam_dmux_qmap_prep_csum(skb, skb->data, fmt);
	skb_push(skb, hlen);
	/* The modem fills the checksum in: nothing left for the stack. */
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/**
 * bam_dmux_qmap_ul_overhead() - bytes a QMAP link adds to each packet
 * @fmt: the link's UL format
 *
 * Return: the MAP header and any checksum header.
 */
unsigned int bam_dmux_qmap_ul_overhead(enum qmap_format fmt)
{
	return qmap_ul_hdr_len(fmt);
}

/**
 * bam_dmux_qmap_max_mtu() - largest packet a QMAP link can carry
 * @dmux: the instance
 *
 * Bounded by the modem's UL limit and our DL buffer, each holding the
 * DMUX header, the MAP header and room for the larger of a checksum
 * header and trailer (for when checksum offload comes); a multiple of 4,
 * the DL alignment of the modem's records.
 *
 * Return: the MTU limit.
 */
unsigned int bam_dmux_qmap_max_mtu(struct bam_dmux *dmux)
{
	unsigned int frame = min(READ_ONCE(dmux->ul_mtu),
				 READ_ONCE(dmux->dl_size));

	return (frame - sizeof(struct bam_dmux_hdr) - QMAP_HDR_LEN -
		QMAP_V4_TRAILER_LEN) & ~3U;
}
