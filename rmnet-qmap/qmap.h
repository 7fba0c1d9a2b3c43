/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QMAP (rmnet MAP) codec: parse and build the frames a Qualcomm modem
 * multiplexes its data sessions with. It knows nothing of the transport
 * under it (BAM-DMUX, IPA, USB) and nothing of sk_buffs: every function
 * works on a plain buffer and its length, so that the same source builds
 * as a kernel module and as a userspace program for fuzzing.
 *
 * Wire format (all big endian):
 *
 *   MAP header, 4 bytes: flags (bit 7 command, bit 6 next header,
 *   bits 5:0 pad), mux id, pkt_len (payload + pad, not counting the MAP
 *   header, a checksum header or a checksum trailer).
 *
 *   MAPv4: DL records carry an 8-byte checksum trailer after payload and
 *   pad; UL packets a 4-byte checksum header between MAP header and IP.
 *   MAPv5: a 4-byte next header follows the MAP header when its next-header
 *   bit is set (type 2: checksum offload).
 *
 * Nothing from the wire is trusted: every record that cannot be used is
 * reported with its own reason, and the parser never reads outside
 * [buf, buf + len).
 */
#ifndef _RMNET_QMAP_H
#define _RMNET_QMAP_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "qmap_user.h"
#endif

#define QMAP_HDR_LEN		4
#define QMAP_CSUM_HDR_LEN	4	/* MAPv4 UL header, MAPv5 header */
#define QMAP_V4_TRAILER_LEN	8
#define QMAP_CMD_LEN		16	/* command body with flow-control payload */
#define QMAP_MUX_MIN		1
#define QMAP_MUX_MAX		254

/* MAP header, byte 0 */
#define QMAP_FLAG_CMD		0x80	/* cd: a command, not data */
#define QMAP_FLAG_NEXT_HDR	0x40	/* MAPv5: a next header follows */
#define QMAP_PAD_MASK		0x3f

/* MAPv4 DL trailer: u8 rsvd, u8 flags, be16 start, be16 len, sum16 value */
#define QMAP_V4_TRAILER_VALID	0x01	/* in the flags byte */

/* MAPv4 UL checksum header: be16 csum_start, be16 csum_info */
#define QMAP_V4_UL_ENABLED	0x8000	/* in csum_info */
#define QMAP_V4_UL_UDP		0x4000
#define QMAP_V4_UL_OFFSET_MASK	0x3fff

/* MAPv5 next header: u8 header_info, u8 csum_info, be16 rsvd */
#define QMAP_V5_NXT		0x01	/* header_info: another one follows */
#define QMAP_V5_TYPE_SHIFT	1	/* header_info bits 7:1 */
#define QMAP_V5_TYPE_CSUM	2
#define QMAP_V5_CSUM_VALID	0x80	/* csum_info: DL valid, UL request */

/* Smallest UL frame an aggregate must still have room for: MAP + IPv4. */
#define QMAP_AGG_MIN_FRAME	(QMAP_HDR_LEN + 20)

/**
 * enum qmap_format - checksum-offload flavour of a channel
 * @QMAP_FORMAT_PLAIN: MAP header only, no checksum offload
 * @QMAP_FORMAT_V4: MAPv4: DL trailer, UL checksum header
 * @QMAP_FORMAT_V5: MAPv5: checksum next header both ways
 */
enum qmap_format {
	QMAP_FORMAT_PLAIN,
	QMAP_FORMAT_V4,
	QMAP_FORMAT_V5,
};

/**
 * enum qmap_rx_status - what qmap_rx_next() found
 * @QMAP_RX_DATA: an IP packet, usable
 * @QMAP_RX_CMD: a MAP command request the receiver must act on
 * @QMAP_RX_TRUNCATED_HDR: 1..3 bytes left, too few for a MAP header;
 *	the rest of the buffer is dropped
 * @QMAP_RX_ZERO_LEN: pkt_len 0; the rest of the buffer is dropped (there
 *	is no way to find the next record)
 * @QMAP_RX_PAST_BUF: the record (with its headers and trailer) runs past
 *	the buffer; the rest of the buffer is dropped
 * @QMAP_RX_BAD_PAD: pad >= pkt_len; the record is skipped
 * @QMAP_RX_BAD_MUX: mux id 0 or 255; the record is skipped
 * @QMAP_RX_BAD_IP: data whose first nibble is neither 4 nor 6; skipped
 * @QMAP_RX_NO_NEXT_HDR: MAPv5 data without its next header; skipped
 * @QMAP_RX_BAD_NEXT_HDR: next-header chain that runs out of the record,
 *	or of a type this codec does not know; skipped
 * @QMAP_RX_BAD_CMD_LEN: command shorter than its body; skipped
 * @QMAP_RX_UNKNOWN_CMD: command name other than FLOW_DISABLE/FLOW_ENABLE
 *	(dropped without an answer, as rmnet does); skipped
 * @QMAP_RX_CMD_NOT_REQUEST: command of type ACK, UNSUPPORTED or INVALID
 *	from the modem, which only sends requests; skipped
 * @QMAP_RX_NR_STATUS: number of values
 *
 * Everything from @QMAP_RX_TRUNCATED_HDR on is a drop reason.
 */
enum qmap_rx_status {
	QMAP_RX_DATA,
	QMAP_RX_CMD,
	QMAP_RX_TRUNCATED_HDR,
	QMAP_RX_ZERO_LEN,
	QMAP_RX_PAST_BUF,
	QMAP_RX_BAD_PAD,
	QMAP_RX_BAD_MUX,
	QMAP_RX_BAD_IP,
	QMAP_RX_NO_NEXT_HDR,
	QMAP_RX_BAD_NEXT_HDR,
	QMAP_RX_BAD_CMD_LEN,
	QMAP_RX_UNKNOWN_CMD,
	QMAP_RX_CMD_NOT_REQUEST,
	QMAP_RX_NR_STATUS,
};

#define QMAP_RX_FIRST_DROP	QMAP_RX_TRUNCATED_HDR

/**
 * enum qmap_csum - receive checksum state of a data record
 * @QMAP_CSUM_NONE: the modem said nothing (no offload, or not TCP/UDP)
 * @QMAP_CSUM_VALID: the modem checked the TCP/UDP checksum: good
 * @QMAP_CSUM_INVALID: the modem checked it: bad, or the trailer does not
 *	match the packet
 */
enum qmap_csum {
	QMAP_CSUM_NONE,
	QMAP_CSUM_VALID,
	QMAP_CSUM_INVALID,
};

/* MAP command names and types */
#define QMAP_CMD_FLOW_DISABLE	1
#define QMAP_CMD_FLOW_ENABLE	2
#define QMAP_CMD_REQUEST	0
#define QMAP_CMD_ACK		1
#define QMAP_CMD_UNSUPPORTED	2
#define QMAP_CMD_INVALID	3

/**
 * struct qmap_rx_record - one DL record, as qmap_rx_next() found it
 * @status: an &enum qmap_rx_status
 * @mux_id: mux id of the record: set for @QMAP_RX_DATA, @QMAP_RX_CMD and
 *	every status from @QMAP_RX_BAD_PAD on (the skipped records), 0 for
 *	the three statuses that drop the rest of the buffer
 * @frame: offset of the MAP header in the buffer (the @off passed in;
 *	@len if @off was at or past the end)
 * @frame_len: bytes of the whole record, MAP header, MAPv5 next header,
 *	payload, pad and MAPv4 trailer included; for the statuses that drop
 *	the rest of the buffer, the bytes dropped (@len - @off). Either way
 *	@frame + @frame_len is the offset qmap_rx_next() returns and never
 *	exceeds the buffer's length.
 * @data: offset in the buffer of the IP packet (@QMAP_RX_DATA) or of the
 *	command body, the byte after the MAP header (@QMAP_RX_CMD); 0
 *	otherwise
 * @data_len: IP packet length, pkt_len - pad (@QMAP_RX_DATA), or command
 *	body length, pkt_len - pad, at least %QMAP_CMD_LEN (@QMAP_RX_CMD);
 *	0 otherwise. @data + @data_len never exceeds @frame + @frame_len.
 * @csum: an &enum qmap_csum for @QMAP_RX_DATA; %QMAP_CSUM_NONE otherwise
 * @cmd_name: command name for @QMAP_RX_CMD, @QMAP_RX_UNKNOWN_CMD and
 *	@QMAP_RX_CMD_NOT_REQUEST; 0 otherwise
 */
struct qmap_rx_record {
	enum qmap_rx_status status;
	u8 mux_id;
	u32 frame;
	u32 frame_len;
	u32 data;
	u32 data_len;
	enum qmap_csum csum;
	u8 cmd_name;
};

/**
 * qmap_rx_next() - parse one DL record
 * @buf: the DL buffer: MAP records back to back, data and commands mixed
 * @len: bytes in @buf
 * @off: offset of the record to parse; the caller starts at 0 and loops
 *	while @off < @len, passing back what the previous call returned
 * @fmt: checksum-offload format the channel was set up with: it cannot
 *	be guessed from the bytes (a MAPv5 MAP header, 0x40 | pad, looks
 *	like the first byte of an IPv4 header); a value outside the enum is
 *	read as %QMAP_FORMAT_PLAIN
 * @rec: filled in every field, whatever the outcome
 *
 * The record at @off is checked in this order, the first failing check
 * giving @rec->status:
 *
 * 1. fewer than %QMAP_HDR_LEN bytes left (or @off >= @len):
 *    %QMAP_RX_TRUNCATED_HDR; pkt_len 0: %QMAP_RX_ZERO_LEN; the record with
 *    its headers and trailer (4 + pkt_len, + 8 MAPv4 trailer for data and
 *    commands alike, + 4 MAPv5 next header for data with the next-header
 *    bit) longer than what is left: %QMAP_RX_PAST_BUF. These three return
 *    @len: with no trustworthy length there is no next record to find.
 * 2. pad >= pkt_len: %QMAP_RX_BAD_PAD; mux id 0 or 255: %QMAP_RX_BAD_MUX.
 * 3. commands (cd bit): a next-header bit (no format gives commands a
 *    next header): %QMAP_RX_BAD_NEXT_HDR; a body (pkt_len - pad) shorter
 *    than %QMAP_CMD_LEN: %QMAP_RX_BAD_CMD_LEN; a type other than
 *    %QMAP_CMD_REQUEST: %QMAP_RX_CMD_NOT_REQUEST; a name other than
 *    %QMAP_CMD_FLOW_DISABLE and %QMAP_CMD_FLOW_ENABLE: %QMAP_RX_UNKNOWN_CMD;
 *    else %QMAP_RX_CMD. A MAPv4 command's trailer is skipped, not read.
 * 4. data, %QMAP_FORMAT_PLAIN and %QMAP_FORMAT_V4: a next-header bit,
 *    which these formats do not define: %QMAP_RX_BAD_NEXT_HDR.
 *    %QMAP_FORMAT_V5: no next-header bit: %QMAP_RX_NO_NEXT_HDR; a next
 *    header whose type is not %QMAP_V5_TYPE_CSUM, or whose own next bit
 *    (%QMAP_V5_NXT) says the chain goes on past the one header the
 *    record's length accounts for: %QMAP_RX_BAD_NEXT_HDR.
 * 5. data whose first nibble is neither 4 nor 6: %QMAP_RX_BAD_IP.
 * 6. else %QMAP_RX_DATA, with @rec->csum:
 *
 *    - %QMAP_FORMAT_PLAIN: %QMAP_CSUM_NONE.
 *    - %QMAP_FORMAT_V5: %QMAP_CSUM_VALID when csum_info has
 *      %QMAP_V5_CSUM_VALID, else %QMAP_CSUM_NONE (rmnet's reading; the
 *      stack then verifies the checksum itself).
 *    - %QMAP_FORMAT_V4: %QMAP_CSUM_NONE when the trailer's VALID flag is
 *      clear or the packet is not one the trailer can vouch for: IPv4
 *      with an IHL below 5 or past the packet, a total length other than
 *      the record's IP length, or a fragment; IPv6 shorter than its
 *      header or whose 40 + payload length is not the record's IP length;
 *      a protocol (IPv6: the first next header) other than TCP or UDP; a
 *      transport part shorter than a TCP (20) or UDP (8) header; IPv4 UDP
 *      with a zero checksum field (RFC 768: no checksum). Otherwise the
 *      trailer's csum_value is taken, as rmnet does, as the complemented
 *      one's-complement sum of the whole IP packet: the IP header's sum
 *      is taken out of it, the TCP/UDP pseudo header's added, and the
 *      result must be negative zero, i.e. the transport checksum is
 *      right: %QMAP_CSUM_VALID, else %QMAP_CSUM_INVALID. The trailer's
 *      csum_start and csum_len are ignored (rmnet ignores them too). The
 *      IPv4 header checksum is left to the IP layer, which always checks
 *      it.
 *
 * Statuses 2 to 5 skip the record: the return value is the offset just
 * after it. Only @buf[@off, @len) is ever read, and nothing is written
 * but @rec.
 *
 * Return: offset of the next record, > @off and <= @len.
 */
u32 qmap_rx_next(const void *buf, u32 len, u32 off, enum qmap_format fmt,
		 struct qmap_rx_record *rec);

/**
 * qmap_cmd_build_reply() - answer a MAP command request
 * @out: where to write the reply; may be @req itself (answered in place)
 * @room: bytes available at @out
 * @req: the request's frame, e.g. @buf + @rec->frame
 * @req_len: bytes at @req, e.g. @rec->frame_len
 * @type: %QMAP_CMD_ACK, %QMAP_CMD_UNSUPPORTED or %QMAP_CMD_INVALID
 *
 * Copies the request's MAP header and its pkt_len bytes of body (pad
 * included) and sets the command type (the low two bits of the body's
 * second byte; the other bits are kept), as rmnet does. A MAPv4 trailer
 * after the body is not copied: the UL direction has no trailer. Nothing
 * is written unless the reply is returned.
 *
 * Return: bytes written, %QMAP_HDR_LEN + pkt_len; 0 when @req is not a
 * command with a body of at least %QMAP_CMD_LEN bytes (pkt_len - pad)
 * inside @req_len, when @type is not one of the three above, or when the
 * reply does not fit in @room.
 */
u32 qmap_cmd_build_reply(void *out, u32 room, const void *req, u32 req_len,
			 u8 type);

/**
 * struct qmap_ul_csum - UL checksum offload request for one packet
 * @start: offset of the first byte to checksum from the IP header
 *	(the transport header)
 * @offset: offset of the checksum field from @start
 * @udp: the packet is UDP (MAPv4 needs to know)
 */
struct qmap_ul_csum {
	u16 start;
	u16 offset;
	bool udp;
};

/**
 * qmap_v4_ul_prep_field() - the checksum field a MAPv4 request leaves
 * @ip: the IP packet, writable
 * @ip_len: its length
 * @csum: the request qmap_ul_build_hdr() took for it
 *
 * With a MAPv4 request the modem takes the TCP or UDP checksum field as
 * the one's complement of the pseudo-header sum the stack left there for
 * offload (CHECKSUM_PARTIAL), as rmnet sends it: complement the field.
 * MAPv5 takes the stack's field as it is.
 *
 * Return: true, or false (nothing written) if the field is not inside
 * the packet.
 */
bool qmap_v4_ul_prep_field(void *ip, u32 ip_len,
			   const struct qmap_ul_csum *csum);

/**
 * qmap_ul_hdr_len() - bytes qmap_ul_build_hdr() writes before an IP packet
 * @fmt: the channel's format
 *
 * Return: %QMAP_HDR_LEN for %QMAP_FORMAT_PLAIN, %QMAP_HDR_LEN +
 * %QMAP_CSUM_HDR_LEN for %QMAP_FORMAT_V4 and %QMAP_FORMAT_V5 (the
 * checksum header is always there, offload requested or not), 0 for an
 * unknown format.
 */
u32 qmap_ul_hdr_len(enum qmap_format fmt);

/**
 * qmap_ul_build_hdr() - write the headers of one UL packet
 * @hdr: where to write, qmap_ul_hdr_len(@fmt) bytes just before the packet
 * @mux_id: the session, %QMAP_MUX_MIN..%QMAP_MUX_MAX
 * @ip_len: IP packet length, 1..65535 (pkt_len: rmnet never pads UL, so
 *	the pad is 0 and pkt_len is @ip_len)
 * @fmt: the channel's format
 * @csum: checksum offload wanted for this packet, or NULL for none
 *
 * Writes the MAP header (cd 0, pad 0, next-header bit for MAPv5 only),
 * then for %QMAP_FORMAT_V4 the UL checksum header: csum_start = @start,
 * csum_info = %QMAP_V4_UL_ENABLED | (%QMAP_V4_UL_UDP if @udp) | @offset,
 * or both fields 0 when @csum is NULL; for %QMAP_FORMAT_V5 a checksum
 * next header: type %QMAP_V5_TYPE_CSUM, no further header, csum_info
 * %QMAP_V5_CSUM_VALID (request) when @csum is given, else 0 (MAPv5 has
 * no start or offset: the modem finds them itself).
 *
 * Return: bytes written, qmap_ul_hdr_len(@fmt); 0, with nothing written,
 * for a mux id or length out of range, an unknown format, @csum with
 * %QMAP_FORMAT_PLAIN (which cannot offload: the packet would leave
 * without its checksum), or a MAPv4 @csum whose @offset does not fit in
 * 14 bits or whose checksum field (@start + @offset, 2 bytes) is not
 * inside @ip_len.
 */
u32 qmap_ul_build_hdr(void *hdr, u8 mux_id, u32 ip_len, enum qmap_format fmt,
		      const struct qmap_ul_csum *csum);

/**
 * struct qmap_agg - limits and fill of one UL aggregate
 * @max_bytes: largest aggregate, MAP headers included
 * @max_frames: most packets in one aggregate (1: aggregation off)
 * @len: bytes in the aggregate now
 * @frames: packets in the aggregate now
 *
 * The owner sets the limits and zeroes @len and @frames (qmap_agg_reset())
 * whenever it sends the aggregate. Frames are whole UL frames as sent,
 * headers included, back to back and unpadded.
 */
struct qmap_agg {
	u32 max_bytes;
	u32 max_frames;
	u32 len;
	u32 frames;
};

/**
 * qmap_agg_reset() - start a new, empty aggregate with the same limits
 * @agg: the aggregate
 */
static inline void qmap_agg_reset(struct qmap_agg *agg)
{
	agg->len = 0;
	agg->frames = 0;
}

/**
 * qmap_agg_fits() - may a frame join the aggregate?
 * @agg: the aggregate
 * @frame_len: bytes of the frame, headers included
 *
 * Return: true when @frame_len is not 0, the aggregate holds fewer than
 * @max_frames frames and @len + @frame_len <= @max_bytes. False means:
 * send the aggregate first (if it is not empty), then add the frame to
 * the empty one; a frame that does not fit even an empty aggregate (larger
 * than @max_bytes) is then sent alone, qmap_agg_add() saying so.
 */
bool qmap_agg_fits(const struct qmap_agg *agg, u32 frame_len);

/**
 * qmap_agg_add() - account for a frame just put in the aggregate
 * @agg: the aggregate
 * @frame_len: bytes of the frame, headers included
 *
 * Counts the frame whether or not qmap_agg_fits() allowed it (the counts
 * say what the aggregate holds; @len saturates at U32_MAX).
 *
 * Return: true when the aggregate must be sent now: it holds @max_frames
 * frames or more, or @len >= @max_bytes (rmnet flushes at exactly
 * @max_bytes; more only happens with a frame that did not fit), or fewer
 * than %QMAP_AGG_MIN_FRAME bytes are left, too few for any further frame.
 */
bool qmap_agg_add(struct qmap_agg *agg, u32 frame_len);

/**
 * qmap_rx_status_name() - short name of a DL status, for counters
 * @status: an &enum qmap_rx_status
 *
 * Return: a lower-case name without spaces ("data", "cmd",
 * "truncated_hdr", "zero_len", "past_buf", "bad_pad", "bad_mux",
 * "bad_ip", "no_next_hdr", "bad_next_hdr", "bad_cmd_len", "unknown_cmd",
 * "cmd_not_request"), or "unknown" for a value out of range.
 */
const char *qmap_rx_status_name(enum qmap_rx_status status);

#endif /* _RMNET_QMAP_H */
