/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BAM-DMUX wire format, shared by the driver core and the simulated modem.
 *
 * Every frame on the BAM pipes starts with an 8-byte header in host
 * (little-endian) order. DATA frames carry one IP packet followed by 0..4
 * bytes of padding that keep the next frame 4-byte aligned; OPEN and CLOSE
 * are bare headers.
 */
#ifndef _BAM_DMUX_PROTO_H
#define _BAM_DMUX_PROTO_H

#include <asm/byteorder.h>
#include <linux/bits.h>
#include <linux/log2.h>
#include <linux/types.h>

/** define BAM_DMUX_MAGIC - value of &struct bam_dmux_hdr.magic, wire bytes fc 33 */
#define BAM_DMUX_MAGIC			0x33fc

/* Channel numbers: the A2 firmware of MSM8916/MSM8974 announces 0..7. */
#define BAM_DMUX_NUM_CH			8

/* Default RX buffer: 2 KiB, the size every A2 firmware starts with. */
#define BAM_DMUX_BUF_SIZE_DEFAULT	2048
/* Largest buffer dynamic MTU can negotiate (size code 3) */
#define BAM_DMUX_BUF_SIZE_MAX		16384
#define BAM_DMUX_MAX_DATA_SIZE		(BAM_DMUX_BUF_SIZE_DEFAULT - \
					 sizeof(struct bam_dmux_hdr))

/* Frames carry IP packets; the A2 never sends or accepts anything shorter. */
#define BAM_DMUX_MIN_MTU		68

/*
 * In QMAP mode the modem does not fill in the length: the payload is the
 * whole DMA transfer minus the header.
 */
#define BAM_DMUX_LEN_FROM_TRANSFER	0xffff

/**
 * enum bam_dmux_cmd - value of &struct bam_dmux_hdr.cmd
 * @BAM_DMUX_CMD_DATA: one packet for a channel
 * @BAM_DMUX_CMD_OPEN: the sender opens the channel
 * @BAM_DMUX_CMD_CLOSE: the sender closes the channel
 * @BAM_DMUX_CMD_STATUS: defined by the firmware, never used; ignored
 * @BAM_DMUX_CMD_OPEN_NO_A2_PC: open, and the modem will not power collapse
 */
enum bam_dmux_cmd {
	BAM_DMUX_CMD_DATA		= 0,
	BAM_DMUX_CMD_OPEN		= 1,
	BAM_DMUX_CMD_CLOSE		= 2,
	BAM_DMUX_CMD_STATUS		= 3,
	BAM_DMUX_CMD_OPEN_NO_A2_PC	= 4,
};

/*
 * Dynamic MTU negotiation bits in &struct bam_dmux_hdr.signal.
 * OPEN from the modem: DYNAMIC set, UL_SIZE = largest UL frame it accepts.
 * OPEN from the host:  DYNAMIC set, POOL = RX ring size, DL_SIZE = RX buffer.
 * DATA from the modem: DYNAMIC set = "queue large RX buffers from now on".
 */
#define BAM_DMUX_SIG_DYNAMIC_MTU	BIT(1)
#define BAM_DMUX_SIG_POOL		GENMASK(5, 4)
#define BAM_DMUX_SIG_SIZE		GENMASK(7, 6)

/**
 * struct bam_dmux_hdr - header in front of every BAM-DMUX frame
 * @magic: %BAM_DMUX_MAGIC
 * @signal: command specific bits (dynamic MTU negotiation)
 * @cmd: an &enum bam_dmux_cmd
 * @pad: padding bytes after the payload, not counted in @len
 * @ch: logical channel
 * @len: payload length, or %BAM_DMUX_LEN_FROM_TRANSFER
 *
 * The A2 uses host byte order; both supported SoC families are little
 * endian, and the fields are converted explicitly anyway.
 */
struct bam_dmux_hdr {
	__le16 magic;
	u8 signal;
	u8 cmd;
	u8 pad;
	u8 ch;
	__le16 len;
} __packed;

/* Size codes of the SIZE field: 2, 4, 8 or 16 KiB. */
static inline unsigned int bam_dmux_size_from_code(unsigned int code)
{
	return BAM_DMUX_BUF_SIZE_DEFAULT << (code & 3);
}

/* Pool codes of the POOL field: 32, 64, 128 or 256 buffers. */
static inline unsigned int bam_dmux_pool_from_code(unsigned int code)
{
	return 32U << (code & 3);
}

/* The codes of a size or pool that is one of the encodable values */
static inline unsigned int bam_dmux_size_code(unsigned int size)
{
	return ilog2(size / BAM_DMUX_BUF_SIZE_DEFAULT) & 3;
}

static inline unsigned int bam_dmux_pool_code(unsigned int pool)
{
	return ilog2(pool / 32) & 3;
}

/* Padding the host adds behind a payload of @len bytes (0..3). */
static inline unsigned int bam_dmux_pad_len(unsigned int len)
{
	return -len & 3;
}

/**
 * bam_dmux_hdr_init() - fill in a frame header, with no signal bits
 * @hdr: the header
 * @cmd: an &enum bam_dmux_cmd
 * @ch: logical channel
 * @len: payload length
 * @pad: padding bytes after the payload
 */
static inline void bam_dmux_hdr_init(struct bam_dmux_hdr *hdr, u8 cmd, u8 ch,
				     u16 len, u8 pad)
{
	hdr->magic = cpu_to_le16(BAM_DMUX_MAGIC);
	hdr->signal = 0;
	hdr->cmd = cmd;
	hdr->pad = pad;
	hdr->ch = ch;
	hdr->len = cpu_to_le16(len);
}

#endif /* _BAM_DMUX_PROTO_H */
