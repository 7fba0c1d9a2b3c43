/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Golden BAM-DMUX frames for the KUnit suites of the driver
 * (bam_dmux_kunit) and of the simulated modem (bam_dmux_sim_kunit).
 *
 * Every byte below was written by hand from the protocol as the mainline
 * and downstream Qualcomm drivers define it, not produced by either
 * implementation here (checksums were worked out by hand), so that a
 * misunderstanding the driver and the simulator share (field order, byte
 * order, magic, padding rule) makes both suites fail. The header is
 * 8 bytes, multi-byte fields little endian:
 *
 *   byte 0-1  magic 0x33fc: fc 33
 *   byte 2    signal
 *   byte 3    cmd: 0 DATA, 1 OPEN, 2 CLOSE, 3 STATUS, 4 OPEN_NO_A2_PC
 *   byte 4    pad: bytes of zero padding behind the payload
 *   byte 5    ch
 *   byte 6-7  len: payload bytes, header and padding not counted
 *
 * The host pads DATA to a multiple of 4 bytes, 0..3 bytes as downstream
 * does (the driver's rule) or 1..4 as mainline does; the modem takes both.
 * OPEN and CLOSE are a bare header. The modem pads as downstream does.
 *
 * This header includes neither side's definitions; each suite maps the
 * vectors to its own constants and counters.
 */
#ifndef _BAM_DMUX_WIRE_VECTORS_KUNIT_H
#define _BAM_DMUX_WIRE_VECTORS_KUNIT_H

#include <linux/array_size.h>
#include <linux/build_bug.h>
#include <linux/types.h>

/* Header bytes in front of every payload. */
#define BAM_DMUX_WV_HDR_LEN	8

/*
 * Host to modem. DATA on channels 0..3 with 20..23 payload bytes, so
 * that the padding takes each value 0..3 and the channel, pad and len
 * bytes all differ.
 */

/* ch 0, len 20, pad 0: 28 bytes. */
static const u8 bam_dmux_wv_tx_data_pad0[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00,
	0x45, 0x00, 0x00, 0x14, 0x10, 0x11, 0x12, 0x13,
	0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f,
};

/* ch 1, len 21, pad 3: 32 bytes. */
static const u8 bam_dmux_wv_tx_data_pad3[] = {
	0xfc, 0x33, 0x00, 0x00, 0x03, 0x01, 0x15, 0x00,
	0x45, 0x00, 0x00, 0x15, 0x20, 0x21, 0x22, 0x23,
	0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b,
	0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x00, 0x00, 0x00,
};

/* ch 2, len 22, pad 2: 32 bytes. */
static const u8 bam_dmux_wv_tx_data_pad2[] = {
	0xfc, 0x33, 0x00, 0x00, 0x02, 0x02, 0x16, 0x00,
	0x60, 0x00, 0x00, 0x16, 0x40, 0x41, 0x42, 0x43,
	0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b,
	0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x00, 0x00,
};

/* ch 3, len 23, pad 1: 32 bytes. */
static const u8 bam_dmux_wv_tx_data_pad1[] = {
	0xfc, 0x33, 0x00, 0x00, 0x01, 0x03, 0x17, 0x00,
	0x45, 0x00, 0x00, 0x17, 0x60, 0x61, 0x62, 0x63,
	0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b,
	0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x00,
};

/* ch 4, len 20, pad 4 (mainline's rule for an aligned length): 32 bytes. */
static const u8 bam_dmux_wv_tx_data_pad4[] = {
	0xfc, 0x33, 0x00, 0x00, 0x04, 0x04, 0x14, 0x00,
	0x45, 0x00, 0x00, 0x14, 0x10, 0x11, 0x12, 0x13,
	0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f, 0x00, 0x00, 0x00, 0x00,
};

/*
 * ch 7, len 261 = 0x0105 (wire bytes 05 01: catches a swapped len), pad 3:
 * 272 bytes, payload 0x45 then 260 times 0xa5.
 */
static const u8 bam_dmux_wv_data_long[] = {
	0xfc, 0x33, 0x00, 0x00, 0x03, 0x07, 0x05, 0x01,
	0x45, [9 ... 268] = 0xa5, 0x00, 0x00, 0x00,
};

/* OPEN ch 5. */
static const u8 bam_dmux_wv_tx_open[] = {
	0xfc, 0x33, 0x00, 0x01, 0x00, 0x05, 0x00, 0x00,
};

/* CLOSE ch 5. */
static const u8 bam_dmux_wv_tx_close[] = {
	0xfc, 0x33, 0x00, 0x02, 0x00, 0x05, 0x00, 0x00,
};

/*
 * OPEN ch 6 with a dynamic-MTU request: signal 0x92 = bit 1, pool code 1
 * (64 buffers) in bits 5:4, size code 2 (8 KiB) in bits 7:6.
 */
static const u8 bam_dmux_wv_tx_open_dyn[] = {
	0xfc, 0x33, 0x92, 0x01, 0x00, 0x06, 0x00, 0x00,
};

/* Host to modem, malformed: each breaks exactly one rule. */

/* DATA ch 0, len 21, pad 1: len + pad not a multiple of 4. 30 bytes. */
static const u8 bam_dmux_wv_ul_pad_odd[] = {
	0xfc, 0x33, 0x00, 0x00, 0x01, 0x00, 0x15, 0x00,
	0x45, 0x00, 0x00, 0x15, 0x20, 0x21, 0x22, 0x23,
	0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b,
	0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x00,
};

/* DATA ch 0, len 23, pad 5: aligned, but more padding than any host adds. */
static const u8 bam_dmux_wv_ul_pad5[] = {
	0xfc, 0x33, 0x00, 0x00, 0x05, 0x00, 0x17, 0x00,
	0x45, 0x00, 0x00, 0x17, 0x60, 0x61, 0x62, 0x63,
	0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b,
	0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* DATA ch 0, len 20, pad 0, then 4 bytes the header does not account for. */
static const u8 bam_dmux_wv_ul_trailing[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00,
	0x45, 0x00, 0x00, 0x14, 0x10, 0x11, 0x12, 0x13,
	0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f, 0x00, 0x00, 0x00, 0x00,
};

/* DATA ch 0 with len 0. */
static const u8 bam_dmux_wv_ul_data_empty[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* DATA ch 0, len 2041, pad 3: 2052 bytes, more than a 2 KiB buffer. */
static const u8 bam_dmux_wv_ul_too_big[] = {
	0xfc, 0x33, 0x00, 0x00, 0x03, 0x00, 0xf9, 0x07,
	0x45, [9 ... 2048] = 0xa5, 0x00, 0x00, 0x00,
};

/* OPEN ch 1 with len 4 and 4 payload bytes. */
static const u8 bam_dmux_wv_ul_open_len[] = {
	0xfc, 0x33, 0x00, 0x01, 0x00, 0x01, 0x04, 0x00,
	0x45, 0x00, 0x00, 0x04,
};

/* CLOSE ch 1 with pad 4 and 4 zero bytes. */
static const u8 bam_dmux_wv_ul_close_pad[] = {
	0xfc, 0x33, 0x00, 0x02, 0x04, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* OPEN ch 1, a bare header followed by 4 more bytes in the transfer. */
static const u8 bam_dmux_wv_ul_open_trailing[] = {
	0xfc, 0x33, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
	0xfc, 0x33, 0x00, 0x01,
};

/* DATA ch 0, len 20, pad 0, signal 0x02. */
static const u8 bam_dmux_wv_ul_data_signal[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x00, 0x14, 0x00,
	0x45, 0x00, 0x00, 0x14, 0x10, 0x11, 0x12, 0x13,
	0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f,
};

/* OPEN ch 1, signal 0x01: a bit no host sends. */
static const u8 bam_dmux_wv_ul_open_bit0[] = {
	0xfc, 0x33, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00,
};

/* OPEN ch 1, signal 0x90: pool and size codes without the dynamic bit. */
static const u8 bam_dmux_wv_ul_open_no_dyn[] = {
	0xfc, 0x33, 0x90, 0x01, 0x00, 0x01, 0x00, 0x00,
};

/* CLOSE ch 1, signal 0x02. */
static const u8 bam_dmux_wv_ul_close_signal[] = {
	0xfc, 0x33, 0x02, 0x02, 0x00, 0x01, 0x00, 0x00,
};

/*
 * Modem to host. The DATA frames carry the packet the simulator's fault
 * injection writes: IPv4 (version 4, IHL 5, total length 28, id 0, DF,
 * TTL 64, UDP, header checksum 0xe666) from 198.51.100.2 to 198.51.100.1,
 * then UDP from port 9 to port 9, length 8, checksum 0xab61, no data.
 */

/* DATA ch 2, len 28, pad 0: the fault-injection packet. 36 bytes. */
static const u8 bam_dmux_wv_rx_data[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0x02, 0x1c, 0x00,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x11, 0xe6, 0x66, 0xc6, 0x33, 0x64, 0x02,
	0xc6, 0x33, 0x64, 0x01, 0x00, 0x09, 0x00, 0x09,
	0x00, 0x08, 0xab, 0x61,
};

/* OPEN ch 6. */
static const u8 bam_dmux_wv_rx_open[] = {
	0xfc, 0x33, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
};

/* CLOSE ch 6. */
static const u8 bam_dmux_wv_rx_close[] = {
	0xfc, 0x33, 0x00, 0x02, 0x00, 0x06, 0x00, 0x00,
};

/* OPEN_NO_A2_PC ch 3. */
static const u8 bam_dmux_wv_rx_open_no_pc[] = {
	0xfc, 0x33, 0x00, 0x04, 0x00, 0x03, 0x00, 0x00,
};

/* STATUS ch 0. */
static const u8 bam_dmux_wv_rx_status[] = {
	0xfc, 0x33, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
};

/* DATA ch 1, magic 0xdead (wire bytes ad de). */
static const u8 bam_dmux_wv_rx_bad_magic[] = {
	0xad, 0xde, 0x00, 0x00, 0x00, 0x01, 0x1c, 0x00,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x11, 0xe6, 0x66, 0xc6, 0x33, 0x64, 0x02,
	0xc6, 0x33, 0x64, 0x01, 0x00, 0x09, 0x00, 0x09,
	0x00, 0x08, 0xab, 0x61,
};

/* DATA ch 1, len 92 = 28 + 64 in a 36-byte transfer. */
static const u8 bam_dmux_wv_rx_bad_len[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0x01, 0x5c, 0x00,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x11, 0xe6, 0x66, 0xc6, 0x33, 0x64, 0x02,
	0xc6, 0x33, 0x64, 0x01, 0x00, 0x09, 0x00, 0x09,
	0x00, 0x08, 0xab, 0x61,
};

/* DATA on channel 200 (0xc8). */
static const u8 bam_dmux_wv_rx_bad_channel[] = {
	0xfc, 0x33, 0x00, 0x00, 0x00, 0xc8, 0x1c, 0x00,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x11, 0xe6, 0x66, 0xc6, 0x33, 0x64, 0x02,
	0xc6, 0x33, 0x64, 0x01, 0x00, 0x09, 0x00, 0x09,
	0x00, 0x08, 0xab, 0x61,
};

/* Unknown command 9, ch 1. */
static const u8 bam_dmux_wv_rx_bad_cmd[] = {
	0xfc, 0x33, 0x00, 0x09, 0x00, 0x01, 0x00, 0x00,
};

/* A 3-byte transfer: the start of an OPEN. */
static const u8 bam_dmux_wv_rx_short[] = {
	0xfc, 0x33, 0x00,
};

/**
 * enum bam_dmux_wv_id - index of a vector in bam_dmux_wire_vectors[]
 * @BAM_DMUX_WV_TX_DATA_PAD0: host DATA, pad 0
 * @BAM_DMUX_WV_TX_DATA_PAD1: host DATA, pad 1
 * @BAM_DMUX_WV_TX_DATA_PAD2: host DATA, pad 2
 * @BAM_DMUX_WV_TX_DATA_PAD3: host DATA, pad 3
 * @BAM_DMUX_WV_TX_DATA_PAD4: host DATA, pad 4 (mainline's rule)
 * @BAM_DMUX_WV_DATA_LONG: DATA with a len above 255, either direction
 * @BAM_DMUX_WV_TX_OPEN: host OPEN
 * @BAM_DMUX_WV_TX_CLOSE: host CLOSE
 * @BAM_DMUX_WV_TX_OPEN_DYN: host OPEN with a dynamic-MTU request
 * @BAM_DMUX_WV_UL_PAD_ODD: len + pad not a multiple of 4
 * @BAM_DMUX_WV_UL_PAD5: pad 5
 * @BAM_DMUX_WV_UL_TRAILING: DATA with bytes behind its padding
 * @BAM_DMUX_WV_UL_DATA_EMPTY: DATA with len 0
 * @BAM_DMUX_WV_UL_TOO_BIG: 2052-byte transfer
 * @BAM_DMUX_WV_UL_OPEN_LEN: OPEN with a payload
 * @BAM_DMUX_WV_UL_CLOSE_PAD: CLOSE with padding
 * @BAM_DMUX_WV_UL_OPEN_TRAILING: OPEN with bytes behind its header
 * @BAM_DMUX_WV_UL_DATA_SIGNAL: DATA with signal bits
 * @BAM_DMUX_WV_UL_OPEN_BIT0: OPEN with signal bit 0
 * @BAM_DMUX_WV_UL_OPEN_NO_DYN: OPEN with MTU codes but no dynamic bit
 * @BAM_DMUX_WV_UL_CLOSE_SIGNAL: CLOSE with signal bits
 * @BAM_DMUX_WV_RX_DATA: modem DATA
 * @BAM_DMUX_WV_RX_OPEN: modem OPEN
 * @BAM_DMUX_WV_RX_CLOSE: modem CLOSE
 * @BAM_DMUX_WV_RX_OPEN_NO_PC: modem OPEN_NO_A2_PC
 * @BAM_DMUX_WV_RX_STATUS: modem STATUS
 * @BAM_DMUX_WV_RX_BAD_MAGIC: wrong magic
 * @BAM_DMUX_WV_RX_BAD_LEN: len past the transfer
 * @BAM_DMUX_WV_RX_BAD_CHANNEL: channel 200
 * @BAM_DMUX_WV_RX_BAD_CMD: command 9
 * @BAM_DMUX_WV_RX_SHORT: shorter than a header
 * @BAM_DMUX_WV_NUM: number of vectors
 */
enum bam_dmux_wv_id {
	BAM_DMUX_WV_TX_DATA_PAD0,
	BAM_DMUX_WV_TX_DATA_PAD1,
	BAM_DMUX_WV_TX_DATA_PAD2,
	BAM_DMUX_WV_TX_DATA_PAD3,
	BAM_DMUX_WV_TX_DATA_PAD4,
	BAM_DMUX_WV_DATA_LONG,
	BAM_DMUX_WV_TX_OPEN,
	BAM_DMUX_WV_TX_CLOSE,
	BAM_DMUX_WV_TX_OPEN_DYN,
	BAM_DMUX_WV_UL_PAD_ODD,
	BAM_DMUX_WV_UL_PAD5,
	BAM_DMUX_WV_UL_TRAILING,
	BAM_DMUX_WV_UL_DATA_EMPTY,
	BAM_DMUX_WV_UL_TOO_BIG,
	BAM_DMUX_WV_UL_OPEN_LEN,
	BAM_DMUX_WV_UL_CLOSE_PAD,
	BAM_DMUX_WV_UL_OPEN_TRAILING,
	BAM_DMUX_WV_UL_DATA_SIGNAL,
	BAM_DMUX_WV_UL_OPEN_BIT0,
	BAM_DMUX_WV_UL_OPEN_NO_DYN,
	BAM_DMUX_WV_UL_CLOSE_SIGNAL,
	BAM_DMUX_WV_RX_DATA,
	BAM_DMUX_WV_RX_OPEN,
	BAM_DMUX_WV_RX_CLOSE,
	BAM_DMUX_WV_RX_OPEN_NO_PC,
	BAM_DMUX_WV_RX_STATUS,
	BAM_DMUX_WV_RX_BAD_MAGIC,
	BAM_DMUX_WV_RX_BAD_LEN,
	BAM_DMUX_WV_RX_BAD_CHANNEL,
	BAM_DMUX_WV_RX_BAD_CMD,
	BAM_DMUX_WV_RX_SHORT,
	BAM_DMUX_WV_NUM
};

/**
 * struct bam_dmux_wire_vec - one golden transfer
 * @name: short description, used as the KUnit parameter name
 * @frame: every byte of the transfer
 * @size: the transfer length
 * @signal: the header's signal byte
 * @cmd: the header's command
 * @pad: the header's pad
 * @ch: the header's channel
 * @len: the header's len
 *
 * The header fields repeat, in numbers, what @frame says in bytes; they
 * are not meaningful for a transfer shorter than a header.
 */
struct bam_dmux_wire_vec {
	const char *name;
	const u8 *frame;
	unsigned int size;
	u8 signal;
	u8 cmd;
	u8 pad;
	u8 ch;
	u16 len;
};

#define BAM_DMUX_WV(_id, _bytes, _signal, _cmd, _pad, _ch, _len)	\
	[BAM_DMUX_WV_##_id] = {						\
		.name = #_bytes,					\
		.frame = bam_dmux_wv_##_bytes,				\
		.size = sizeof(bam_dmux_wv_##_bytes),			\
		.signal = _signal,					\
		.cmd = _cmd,						\
		.pad = _pad,						\
		.ch = _ch,						\
		.len = _len,						\
	}

static const struct bam_dmux_wire_vec bam_dmux_wire_vectors[] = {
	BAM_DMUX_WV(TX_DATA_PAD0, tx_data_pad0, 0, 0, 0, 0, 20),
	BAM_DMUX_WV(TX_DATA_PAD1, tx_data_pad1, 0, 0, 1, 3, 23),
	BAM_DMUX_WV(TX_DATA_PAD2, tx_data_pad2, 0, 0, 2, 2, 22),
	BAM_DMUX_WV(TX_DATA_PAD3, tx_data_pad3, 0, 0, 3, 1, 21),
	BAM_DMUX_WV(TX_DATA_PAD4, tx_data_pad4, 0, 0, 4, 4, 20),
	BAM_DMUX_WV(DATA_LONG, data_long, 0, 0, 3, 7, 261),
	BAM_DMUX_WV(TX_OPEN, tx_open, 0, 1, 0, 5, 0),
	BAM_DMUX_WV(TX_CLOSE, tx_close, 0, 2, 0, 5, 0),
	BAM_DMUX_WV(TX_OPEN_DYN, tx_open_dyn, 0x92, 1, 0, 6, 0),
	BAM_DMUX_WV(UL_PAD_ODD, ul_pad_odd, 0, 0, 1, 0, 21),
	BAM_DMUX_WV(UL_PAD5, ul_pad5, 0, 0, 5, 0, 23),
	BAM_DMUX_WV(UL_TRAILING, ul_trailing, 0, 0, 0, 0, 20),
	BAM_DMUX_WV(UL_DATA_EMPTY, ul_data_empty, 0, 0, 0, 0, 0),
	BAM_DMUX_WV(UL_TOO_BIG, ul_too_big, 0, 0, 3, 0, 2041),
	BAM_DMUX_WV(UL_OPEN_LEN, ul_open_len, 0, 1, 0, 1, 4),
	BAM_DMUX_WV(UL_CLOSE_PAD, ul_close_pad, 0, 2, 4, 1, 0),
	BAM_DMUX_WV(UL_OPEN_TRAILING, ul_open_trailing, 0, 1, 0, 1, 0),
	BAM_DMUX_WV(UL_DATA_SIGNAL, ul_data_signal, 0x02, 0, 0, 0, 20),
	BAM_DMUX_WV(UL_OPEN_BIT0, ul_open_bit0, 0x01, 1, 0, 1, 0),
	BAM_DMUX_WV(UL_OPEN_NO_DYN, ul_open_no_dyn, 0x90, 1, 0, 1, 0),
	BAM_DMUX_WV(UL_CLOSE_SIGNAL, ul_close_signal, 0x02, 2, 0, 1, 0),
	BAM_DMUX_WV(RX_DATA, rx_data, 0, 0, 0, 2, 28),
	BAM_DMUX_WV(RX_OPEN, rx_open, 0, 1, 0, 6, 0),
	BAM_DMUX_WV(RX_CLOSE, rx_close, 0, 2, 0, 6, 0),
	BAM_DMUX_WV(RX_OPEN_NO_PC, rx_open_no_pc, 0, 4, 0, 3, 0),
	BAM_DMUX_WV(RX_STATUS, rx_status, 0, 3, 0, 0, 0),
	BAM_DMUX_WV(RX_BAD_MAGIC, rx_bad_magic, 0, 0, 0, 1, 28),
	BAM_DMUX_WV(RX_BAD_LEN, rx_bad_len, 0, 0, 0, 1, 92),
	BAM_DMUX_WV(RX_BAD_CHANNEL, rx_bad_channel, 0, 0, 0, 200, 28),
	BAM_DMUX_WV(RX_BAD_CMD, rx_bad_cmd, 0, 9, 0, 1, 0),
	BAM_DMUX_WV(RX_SHORT, rx_short, 0, 0, 0, 0, 0),
};

static_assert(ARRAY_SIZE(bam_dmux_wire_vectors) == BAM_DMUX_WV_NUM);

/* The vector of @id. */
#define bam_dmux_wv(id)	(&bam_dmux_wire_vectors[BAM_DMUX_WV_##id])

#endif /* _BAM_DMUX_WIRE_VECTORS_KUNIT_H */
