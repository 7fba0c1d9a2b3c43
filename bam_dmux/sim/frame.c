// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building DL frames in an RX buffer: DATA headers, bare commands, the
 * deliberately malformed frames of fault injection, and the IPv4/UDP
 * packets of the generator. Headers are written byte by byte through
 * wire.h, never through the driver's definitions.
 */

#include <kunit/visibility.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/string.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "sim.h"

/* Generated traffic: 198.51.100.2:9 -> 198.51.100.1:9 (TEST-NET-2). */
#define BDSIM_UDP_SADDR		0xc6336402
#define BDSIM_UDP_DADDR		0xc6336401
#define BDSIM_UDP_PORT		9

/* Payload of the fault frames that carry one: a minimal UDP datagram. */
#define BDSIM_FAULT_PAYLOAD	(sizeof(struct iphdr) + sizeof(struct udphdr))
/* A len that runs this far past the transfer. */
#define BDSIM_BAD_LEN_EXTRA	64
#define BDSIM_BAD_MAGIC		0xdead
#define BDSIM_BAD_CHANNEL	200
#define BDSIM_BAD_CMD		9
/* Bytes of a "short" transfer: less than a header. */
#define BDSIM_SHORT_LEN		3

/* Write a header. */
static void bdsim_frame_hdr(u8 *frame, u8 signal, u8 cmd, unsigned int ch,
			    unsigned int len, unsigned int pad)
{
	struct bdsim_hdr hdr = {
		.magic = BDSIM_MAGIC,
		.signal = signal,
		.cmd = cmd,
		.pad = pad,
		.ch = ch,
		.len = len,
	};

	bdsim_hdr_put(frame, &hdr);
}

/**
 * bdsim_frame_data_hdr() - write a DATA header and the padding
 * @data: start of the RX buffer
 * @ch: channel
 * @len: payload length; the caller writes the payload after the header
 *
 * Return: the frame length: header, payload and 0..3 bytes of padding.
 */
unsigned int bdsim_frame_data_hdr(void *data, unsigned int ch,
				  unsigned int len)
{
	unsigned int pad = bdsim_dl_pad(len);
	u8 *frame = data;

	bdsim_frame_hdr(frame, 0, BDSIM_CMD_DATA, ch, len, pad);
	memset(frame + BDSIM_HDR_LEN + len, 0, pad);

	return BDSIM_HDR_LEN + len + pad;
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_frame_data_hdr);

/* A bare command: header only, len 0, pad 0. */
static unsigned int bdsim_frame_cmd(u8 *frame, u8 signal, u8 cmd,
				    unsigned int ch)
{
	bdsim_frame_hdr(frame, signal, cmd, ch, 0, 0);

	return BDSIM_HDR_LEN;
}

/**
 * bdsim_frame_udp4_nocsum() - write an IPv4/UDP packet, UDP checksum 0
 * @data: where the packet goes
 * @size: total IPv4 packet length, at least 28
 * @id: IPv4 identification
 * @uplink: the host's direction (198.51.100.1 -> .2), else the modem's
 *
 * A valid IP checksum, a zeroed payload, no UDP checksum (as pktgen
 * sends them).
 */
void bdsim_frame_udp4_nocsum(void *data, unsigned int size, u16 id,
			     bool uplink)
{
	unsigned int ulen = size - sizeof(struct iphdr);
	struct iphdr *iph = data;
	struct udphdr *uh = (struct udphdr *)(iph + 1);

	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = 0;
	iph->tot_len = htons(size);
	iph->id = htons(id);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = htonl(uplink ? BDSIM_UDP_DADDR : BDSIM_UDP_SADDR);
	iph->daddr = htonl(uplink ? BDSIM_UDP_SADDR : BDSIM_UDP_DADDR);
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);

	uh->source = htons(BDSIM_UDP_PORT);
	uh->dest = htons(BDSIM_UDP_PORT);
	uh->len = htons(ulen);
	uh->check = 0;
	memset(uh + 1, 0, ulen - sizeof(*uh));
}

/**
 * bdsim_frame_udp4() - write an IPv4/UDP packet
 * @data: where the packet goes
 * @size: total IPv4 packet length, at least 28
 * @id: IPv4 identification
 *
 * Valid IP and UDP checksums, so that a host that receives it into a
 * socket sees a real datagram.
 *
 * Return: @size.
 */
unsigned int bdsim_frame_udp4(void *data, unsigned int size, u16 id)
{
	unsigned int ulen = size - sizeof(struct iphdr);
	struct iphdr *iph = data;
	struct udphdr *uh = (struct udphdr *)(iph + 1);

	bdsim_frame_udp4_nocsum(data, size, id, false);
	uh->check = csum_tcpudp_magic(iph->saddr, iph->daddr, ulen,
				      IPPROTO_UDP, csum_partial(uh, ulen, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;

	return size;
}

/* A DATA frame with a small valid packet, for the faults to spoil. */
static unsigned int bdsim_frame_fault_data(u8 *frame, unsigned int ch)
{
	bdsim_frame_udp4(frame + BDSIM_HDR_LEN, BDSIM_FAULT_PAYLOAD, 0);
	return bdsim_frame_data_hdr(frame, ch, BDSIM_FAULT_PAYLOAD);
}

/**
 * bdsim_frame_ctrl() - write a control or fault frame
 * @data: start of the RX buffer, at least %BDSIM_RX_MIN_SIZE bytes
 * @ctrl: what to write
 *
 * Return: the transfer length to report to the host; 0 for a kind that
 * writes nothing (%BDSIM_CTRL_DMA_ERROR).
 */
unsigned int bdsim_frame_ctrl(void *data, const struct bdsim_ctrl *ctrl)
{
	u8 *frame = data;
	unsigned int len;

	switch (ctrl->kind) {
	case BDSIM_CTRL_OPEN:
		return bdsim_frame_cmd(frame, ctrl->signal, BDSIM_CMD_OPEN,
				       ctrl->ch);
	case BDSIM_CTRL_CLOSE:
		return bdsim_frame_cmd(frame, 0, BDSIM_CMD_CLOSE, ctrl->ch);
	case BDSIM_CTRL_OPEN_NO_PC:
		return bdsim_frame_cmd(frame, 0, BDSIM_CMD_OPEN_NO_A2_PC,
				       ctrl->ch);
	case BDSIM_CTRL_STATUS:
		return bdsim_frame_cmd(frame, 0, BDSIM_CMD_STATUS, ctrl->ch);
	case BDSIM_CTRL_BAD_CMD:
		return bdsim_frame_cmd(frame, 0, BDSIM_BAD_CMD, ctrl->ch);
	case BDSIM_CTRL_SHORT:
		/* The first bytes of an OPEN, cut short. */
		bdsim_frame_cmd(frame, 0, BDSIM_CMD_OPEN, ctrl->ch);
		return BDSIM_SHORT_LEN;
	case BDSIM_CTRL_BAD_MAGIC:
		len = bdsim_frame_fault_data(frame, ctrl->ch);
		put_unaligned_le16(BDSIM_BAD_MAGIC, frame + BDSIM_OFF_MAGIC);
		return len;
	case BDSIM_CTRL_BAD_CHANNEL:
		return bdsim_frame_fault_data(frame, BDSIM_BAD_CHANNEL);
	case BDSIM_CTRL_BAD_LEN:
		len = bdsim_frame_fault_data(frame, ctrl->ch);
		put_unaligned_le16(BDSIM_FAULT_PAYLOAD + BDSIM_BAD_LEN_EXTRA,
				   frame + BDSIM_OFF_LEN);
		return len;
	case BDSIM_CTRL_DATA_CLOSED:
		return bdsim_frame_fault_data(frame, ctrl->ch);
	default:
		return 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_frame_ctrl);
