// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the simulated modem's own wire code against the golden
 * vectors of wire_vectors_kunit.h, which the driver's suite checks too:
 * the DL frame builder must write the modem-to-host vectors byte for byte,
 * and the UL parser must take the good host-to-modem vectors with the
 * right fields and refuse each malformed one for the right reason.
 */

#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/module.h>
#include <linux/string.h>

#include "sim.h"
#include "wire_vectors_kunit.h"

/* Poison for buffers the builder writes: padding must be written as 0. */
#define BDSIM_TEST_POISON	0xee
#define BDSIM_TEST_BUF_SIZE	512

static void bdsim_test_vec_desc(const enum bam_dmux_wv_id *id, char *desc)
{
	strscpy(desc, bam_dmux_wire_vectors[*id].name, KUNIT_PARAM_DESC_SIZE);
}

static const struct bam_dmux_wire_vec *bdsim_test_vec(struct kunit *test)
{
	const enum bam_dmux_wv_id *id = test->param_value;

	return &bam_dmux_wire_vectors[*id];
}

static u8 *bdsim_test_buf(struct kunit *test)
{
	u8 *buf = kunit_kmalloc(test, BDSIM_TEST_BUF_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, BDSIM_TEST_POISON, BDSIM_TEST_BUF_SIZE);
	return buf;
}

/* Frames a host may send and the modem must take. */
static const enum bam_dmux_wv_id bdsim_test_ul_good[] = {
	BAM_DMUX_WV_TX_DATA_PAD0,
	BAM_DMUX_WV_TX_DATA_PAD1,
	BAM_DMUX_WV_TX_DATA_PAD2,
	BAM_DMUX_WV_TX_DATA_PAD3,
	BAM_DMUX_WV_TX_DATA_PAD4,
	BAM_DMUX_WV_DATA_LONG,
	BAM_DMUX_WV_TX_OPEN,
	BAM_DMUX_WV_TX_CLOSE,
	BAM_DMUX_WV_TX_OPEN_DYN,
};

KUNIT_ARRAY_PARAM(bdsim_test_ul_good, bdsim_test_ul_good, bdsim_test_vec_desc);

static void bdsim_test_ul_accept(struct kunit *test)
{
	const struct bam_dmux_wire_vec *v = bdsim_test_vec(test);
	struct bdsim_hdr hdr;

	KUNIT_ASSERT_EQ(test, bdsim_ul_parse(v->frame, v->size, BDSIM_UL_MTU,
					     &hdr),
			BDSIM_DROP_NUM);
	KUNIT_EXPECT_EQ(test, hdr.magic, 0x33fc);
	KUNIT_EXPECT_EQ(test, hdr.signal, v->signal);
	KUNIT_EXPECT_EQ(test, hdr.cmd, v->cmd);
	KUNIT_EXPECT_EQ(test, hdr.pad, v->pad);
	KUNIT_EXPECT_EQ(test, hdr.ch, v->ch);
	KUNIT_EXPECT_EQ(test, hdr.len, v->len);
}

/* The modem's constants say what the facts say. */
static void bdsim_test_ul_commands(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, BDSIM_CMD_DATA, bam_dmux_wv(TX_DATA_PAD0)->cmd);
	KUNIT_EXPECT_EQ(test, BDSIM_CMD_OPEN, bam_dmux_wv(TX_OPEN)->cmd);
	KUNIT_EXPECT_EQ(test, BDSIM_CMD_CLOSE, bam_dmux_wv(TX_CLOSE)->cmd);
	KUNIT_EXPECT_EQ(test, BDSIM_CMD_STATUS, bam_dmux_wv(RX_STATUS)->cmd);
	KUNIT_EXPECT_EQ(test, BDSIM_CMD_OPEN_NO_A2_PC,
			bam_dmux_wv(RX_OPEN_NO_PC)->cmd);
}

/* The dynamic-MTU request: pool code 1 is 64 buffers, size code 2 8 KiB. */
static void bdsim_test_ul_open_dyn(struct kunit *test)
{
	const struct bam_dmux_wire_vec *v = bam_dmux_wv(TX_OPEN_DYN);
	struct bdsim_hdr hdr;

	KUNIT_ASSERT_EQ(test, bdsim_ul_parse(v->frame, v->size, BDSIM_UL_MTU,
					     &hdr),
			BDSIM_DROP_NUM);
	KUNIT_EXPECT_TRUE(test, hdr.signal & BDSIM_SIG_DYN_MTU);
	KUNIT_EXPECT_EQ(test, bdsim_sig_pool(hdr.signal), 64U);
	KUNIT_EXPECT_EQ(test, bdsim_sig_size(hdr.signal), 8192U);
}

/**
 * struct bdsim_test_reject - a frame the modem must refuse
 * @id: the vector
 * @why: the reason it must give
 */
struct bdsim_test_reject {
	enum bam_dmux_wv_id id;
	enum bdsim_drop why;
};

static const struct bdsim_test_reject bdsim_test_ul_bad[] = {
	{ BAM_DMUX_WV_RX_SHORT,		BDSIM_DROP_UL_SHORT },
	{ BAM_DMUX_WV_RX_BAD_MAGIC,	BDSIM_DROP_UL_BAD_MAGIC },
	{ BAM_DMUX_WV_RX_STATUS,	BDSIM_DROP_UL_MODEM_CMD },
	{ BAM_DMUX_WV_RX_OPEN_NO_PC,	BDSIM_DROP_UL_MODEM_CMD },
	{ BAM_DMUX_WV_RX_BAD_CMD,	BDSIM_DROP_UL_BAD_CMD },
	{ BAM_DMUX_WV_RX_BAD_CHANNEL,	BDSIM_DROP_UL_BAD_CHANNEL },
	{ BAM_DMUX_WV_UL_TOO_BIG,	BDSIM_DROP_UL_TOO_BIG },
	{ BAM_DMUX_WV_UL_OPEN_LEN,	BDSIM_DROP_UL_CMD_LEN },
	{ BAM_DMUX_WV_UL_CLOSE_PAD,	BDSIM_DROP_UL_CMD_LEN },
	{ BAM_DMUX_WV_UL_DATA_EMPTY,	BDSIM_DROP_UL_BAD_LEN },
	{ BAM_DMUX_WV_RX_BAD_LEN,	BDSIM_DROP_UL_BAD_LEN },
	{ BAM_DMUX_WV_UL_PAD_ODD,	BDSIM_DROP_UL_BAD_PAD },
	{ BAM_DMUX_WV_UL_PAD5,		BDSIM_DROP_UL_BAD_PAD },
	{ BAM_DMUX_WV_UL_TRAILING,	BDSIM_DROP_UL_LONG_XFER },
	{ BAM_DMUX_WV_UL_OPEN_TRAILING,	BDSIM_DROP_UL_LONG_XFER },
	{ BAM_DMUX_WV_UL_DATA_SIGNAL,	BDSIM_DROP_UL_DATA_SIGNAL },
	{ BAM_DMUX_WV_UL_OPEN_BIT0,	BDSIM_DROP_UL_OPEN_SIGNAL },
	{ BAM_DMUX_WV_UL_OPEN_NO_DYN,	BDSIM_DROP_UL_OPEN_SIGNAL },
	{ BAM_DMUX_WV_UL_CLOSE_SIGNAL,	BDSIM_DROP_UL_CLOSE_SIGNAL },
};

static void bdsim_test_reject_desc(const struct bdsim_test_reject *r,
				   char *desc)
{
	strscpy(desc, bam_dmux_wire_vectors[r->id].name,
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bdsim_test_ul_bad, bdsim_test_ul_bad,
		  bdsim_test_reject_desc);

static void bdsim_test_ul_reject(struct kunit *test)
{
	const struct bdsim_test_reject *r = test->param_value;
	const struct bam_dmux_wire_vec *v = &bam_dmux_wire_vectors[r->id];
	struct bdsim_hdr hdr;

	KUNIT_EXPECT_EQ(test, bdsim_ul_parse(v->frame, v->size, BDSIM_UL_MTU,
					     &hdr),
			r->why);
}

/* The 2052-byte transfer is fine for a modem that offered 4 KiB. */
static void bdsim_test_ul_dyn_mtu(struct kunit *test)
{
	const struct bam_dmux_wire_vec *v = bam_dmux_wv(UL_TOO_BIG);
	struct bdsim_hdr hdr;

	KUNIT_EXPECT_EQ(test, bdsim_ul_parse(v->frame, v->size, 4096, &hdr),
			BDSIM_DROP_NUM);
	KUNIT_EXPECT_EQ(test, bdsim_ul_parse(v->frame, v->size, 2048, &hdr),
			BDSIM_DROP_UL_TOO_BIG);
}

/* Every transfer length short of a header is "short", whatever it holds. */
static void bdsim_test_ul_short_lengths(struct kunit *test)
{
	const struct bam_dmux_wire_vec *v = bam_dmux_wv(TX_OPEN);
	struct bdsim_hdr hdr;
	unsigned int size;

	for (size = 0; size < v->size; size++)
		KUNIT_EXPECT_EQ(test, bdsim_ul_parse(v->frame, size,
						     BDSIM_UL_MTU, &hdr),
				BDSIM_DROP_UL_SHORT);
}

/**
 * struct bdsim_test_ctrl - a control or fault frame and its vector
 * @kind: what the modem is asked to write
 * @ch: for the channel
 * @id: the vector it must write
 */
struct bdsim_test_ctrl {
	enum bdsim_ctrl_kind kind;
	u8 ch;
	enum bam_dmux_wv_id id;
};

static const struct bdsim_test_ctrl bdsim_test_dl_ctrls[] = {
	{ BDSIM_CTRL_OPEN,		6, BAM_DMUX_WV_RX_OPEN },
	{ BDSIM_CTRL_CLOSE,		6, BAM_DMUX_WV_RX_CLOSE },
	{ BDSIM_CTRL_OPEN_NO_PC,	3, BAM_DMUX_WV_RX_OPEN_NO_PC },
	{ BDSIM_CTRL_STATUS,		0, BAM_DMUX_WV_RX_STATUS },
	{ BDSIM_CTRL_DATA_CLOSED,	2, BAM_DMUX_WV_RX_DATA },
	{ BDSIM_CTRL_BAD_MAGIC,		1, BAM_DMUX_WV_RX_BAD_MAGIC },
	{ BDSIM_CTRL_BAD_LEN,		1, BAM_DMUX_WV_RX_BAD_LEN },
	{ BDSIM_CTRL_BAD_CHANNEL,	0, BAM_DMUX_WV_RX_BAD_CHANNEL },
	{ BDSIM_CTRL_BAD_CMD,		1, BAM_DMUX_WV_RX_BAD_CMD },
	{ BDSIM_CTRL_SHORT,		0, BAM_DMUX_WV_RX_SHORT },
};

static void bdsim_test_ctrl_desc(const struct bdsim_test_ctrl *c, char *desc)
{
	strscpy(desc, bam_dmux_wire_vectors[c->id].name,
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bdsim_test_dl_ctrls, bdsim_test_dl_ctrls,
		  bdsim_test_ctrl_desc);

static void bdsim_test_dl_ctrl(struct kunit *test)
{
	const struct bdsim_test_ctrl *c = test->param_value;
	const struct bam_dmux_wire_vec *v = &bam_dmux_wire_vectors[c->id];
	struct bdsim_ctrl ctrl = { .kind = c->kind, .ch = c->ch };
	u8 *buf = bdsim_test_buf(test);

	KUNIT_ASSERT_EQ(test, bdsim_frame_ctrl(buf, &ctrl), v->size);
	KUNIT_EXPECT_MEMEQ(test, buf, v->frame, v->size);
}

/* The DMA error fault writes nothing and reports no length. */
static void bdsim_test_dl_dma_error(struct kunit *test)
{
	struct bdsim_ctrl ctrl = { .kind = BDSIM_CTRL_DMA_ERROR };
	u8 *buf = bdsim_test_buf(test);

	KUNIT_EXPECT_EQ(test, bdsim_frame_ctrl(buf, &ctrl), 0U);
	KUNIT_EXPECT_EQ(test, buf[0], BDSIM_TEST_POISON);
}

/* The modem's OPEN offers its UL size: bit 1 and the size code. */
static void bdsim_test_dl_open_offer(struct kunit *test)
{
	static const u8 golden[] = {
		0xfc, 0x33, 0xc2, 0x01, 0x00, 0x00, 0x00, 0x00,
	};
	struct bdsim_ctrl ctrl = {
		.kind = BDSIM_CTRL_OPEN,
		.ch = 0,
		.signal = BDSIM_SIG_DYN_MTU | bdsim_sig_size_code(16384),
	};
	u8 *buf = bdsim_test_buf(test);

	KUNIT_EXPECT_EQ(test, bdsim_sig_size_code(2048), 0x00);
	KUNIT_EXPECT_EQ(test, bdsim_sig_size_code(4096), 0x40);
	KUNIT_EXPECT_EQ(test, bdsim_sig_size_code(8192), 0x80);
	KUNIT_EXPECT_EQ(test, bdsim_sig_size_code(16384), 0xc0);
	KUNIT_ASSERT_EQ(test, bdsim_frame_ctrl(buf, &ctrl), sizeof(golden));
	KUNIT_EXPECT_MEMEQ(test, buf, golden, sizeof(golden));
	/* A host OPEN 0x72: pool code 3 is 256 buffers, size code 1 4 KiB. */
	KUNIT_EXPECT_EQ(test, bdsim_sig_pool(0x72), 256U);
	KUNIT_EXPECT_EQ(test, bdsim_sig_size(0x72), 4096U);
}

/* DATA frames padded as the modem pads (0..3 bytes). */
static const enum bam_dmux_wv_id bdsim_test_dl_data[] = {
	BAM_DMUX_WV_TX_DATA_PAD0,
	BAM_DMUX_WV_TX_DATA_PAD1,
	BAM_DMUX_WV_TX_DATA_PAD2,
	BAM_DMUX_WV_TX_DATA_PAD3,
	BAM_DMUX_WV_DATA_LONG,
	BAM_DMUX_WV_RX_DATA,
};

KUNIT_ARRAY_PARAM(bdsim_test_dl_data, bdsim_test_dl_data,
		  bdsim_test_vec_desc);

/* A peer's packet: the DL worker copies it, then writes header and pad. */
static void bdsim_test_dl_data_frame(struct kunit *test)
{
	const struct bam_dmux_wire_vec *v = bdsim_test_vec(test);
	u8 *buf = bdsim_test_buf(test);

	memcpy(buf + BDSIM_HDR_LEN, v->frame + BAM_DMUX_WV_HDR_LEN, v->len);
	KUNIT_ASSERT_EQ(test, bdsim_frame_data_hdr(buf, v->ch, v->len),
			v->size);
	KUNIT_EXPECT_MEMEQ(test, buf, v->frame, v->size);
	KUNIT_EXPECT_EQ(test, bdsim_dl_frame_len(v->len), v->size);
}

/*
 * QMAP golden vectors, written by hand from the MAP layout (wire.h): byte
 * 0 flags (cd 0x80, next header 0x40, pad in bits 5:0), byte 1 mux id,
 * bytes 2..3 pkt_len big endian (payload + pad); a MAPv5 checksum header
 * 04 (type 2) then 80 ("valid" / "compute it") or 00, then 00 00. MAPv4:
 * behind the pad of a DL frame the trailer 00, flags 01 ("valid") or 00,
 * checksum start 00 00, length (the IP length), value (the complement of
 * the one's complement sum of the IP packet); in front of the IP packet
 * of a UL data frame the checksum start (the transport header's offset)
 * and info (8000 "compute it" | 4000 UDP | the checksum field's offset).
 */

/* IPv4 192.0.2.1 -> 192.0.2.2, protocol 253, 22 bytes: no L4 checksum */
static const u8 bdsim_tv_ip22[] = {
	0x45, 0x00, 0x00, 0x16, 0x00, 0x01, 0x40, 0x00,
	0x40, 0xfd, 0xb5, 0xe6, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0xab, 0xcd,
};

/* IPv4/UDP 192.0.2.1:12345 -> 192.0.2.2:53, "abc", checksum 0x8703 */
static const u8 bdsim_tv_udp31[] = {
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* IPv6/TCP SYN 2001:db8::1 port 1234 -> 2001:db8::2 port 80, checksum 0x4f4b */
static const u8 bdsim_tv_tcp6[] = {
	0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0xff, 0xff,
	0x4f, 0x4b, 0x00, 0x00,
};

/* DMUX DATA, signal 0x02, ch 3, len 0xffff; then mux 5 (pad 2) and mux 6 (pad 1) */
static const u8 bdsim_tv_aggregate[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x03, 0xff, 0xff,
	0x02, 0x05, 0x00, 0x18, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x00, 0x00, 0x01, 0x06, 0x00, 0x20,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63, 0x00,
};

/* FLOW_DISABLE REQUEST, mux 9, txid 0x01020304, on channel 1 */
static const u8 bdsim_tv_flow[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x01, 0xff, 0xff,
	0x80, 0x09, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* the same in MAPv4: the command has a trailer, all zero */
static const u8 bdsim_tv_flow_v4[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x01, 0xff, 0xff,
	0x80, 0x09, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* a DMUX payload of three MAP frames: data, ACK, data */
static const u8 bdsim_tv_ul_walk[] = {
	0x00, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x80, 0x09, 0x00, 0x10, 0x01, 0x01,
	0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x06,
	0x00, 0x20, 0x45, 0x00, 0x00, 0x1f, 0x00, 0x02,
	0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00,
	0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, 0x30, 0x39,
	0x00, 0x35, 0x00, 0x0b, 0x87, 0x03, 0x61, 0x62,
	0x63, 0x00,
};

/* mux 5, 22-byte IPv4, pad 2 */
static const u8 bdsim_tv_dl_v1_pad2[] = {
	0x02, 0x05, 0x00, 0x18, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x00, 0x00,
};

/* mux 6, 31-byte IPv4/UDP, pad 1 */
static const u8 bdsim_tv_dl_v1_pad1[] = {
	0x01, 0x06, 0x00, 0x20, 0x45, 0x00, 0x00, 0x1f,
	0x00, 0x02, 0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x87, 0x03,
	0x61, 0x62, 0x63, 0x00,
};

/* mux 254, 60-byte IPv6/TCP, no pad */
static const u8 bdsim_tv_dl_v1_pad0[] = {
	0x00, 0xfe, 0x00, 0x3c, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x14, 0x06, 0x40, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x00, 0x50,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff, 0x4f, 0x4b, 0x00, 0x00,
};

/* MAPv5: right UDP checksum, valid */
static const u8 bdsim_tv_dl_v5_udp_valid[] = {
	0x41, 0x07, 0x00, 0x20, 0x04, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63, 0x00,
};

/* MAPv5: wrong UDP checksum 0x8704, not valid */
static const u8 bdsim_tv_dl_v5_udp_bad_csum[] = {
	0x41, 0x07, 0x00, 0x20, 0x04, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x04, 0x61, 0x62, 0x63, 0x00,
};

/* MAPv5: IPv4 UDP checksum 0 (none), not verified */
static const u8 bdsim_tv_dl_v5_udp_no_csum[] = {
	0x41, 0x07, 0x00, 0x20, 0x04, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63, 0x00,
};

/* MAPv5: right IPv6 TCP checksum, valid */
static const u8 bdsim_tv_dl_v5_tcp6_valid[] = {
	0x40, 0x03, 0x00, 0x3c, 0x04, 0x80, 0x00, 0x00,
	0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0xff, 0xff,
	0x4f, 0x4b, 0x00, 0x00,
};

/* MAPv5: no TCP/UDP, not valid */
static const u8 bdsim_tv_dl_v5_no_l4[] = {
	0x42, 0x05, 0x00, 0x18, 0x04, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x16, 0x00, 0x01, 0x40, 0x00,
	0x40, 0xfd, 0xb5, 0xe6, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0xab, 0xcd, 0x00, 0x00,
};

/*
 * MAPv4: right UDP checksum, valid. The IPv4 header sums to ffff, so the
 * packet sums to what the UDP datagram does: 3039 + 0035 + 000b + 8703 +
 * 6162 + 6300 = 7bdf, complemented 8420 (the pseudo header's sum, as it
 * must be for a right checksum).
 */
static const u8 bdsim_tv_dl_v4_udp_valid[] = {
	0x01, 0x07, 0x00, 0x20, 0x45, 0x00, 0x00, 0x1f,
	0x00, 0x02, 0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x87, 0x03,
	0x61, 0x62, 0x63, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x1f, 0x84, 0x20,
};

/* MAPv4: wrong UDP checksum 0x8704, trailer all zero */
static const u8 bdsim_tv_dl_v4_udp_bad_csum[] = {
	0x01, 0x07, 0x00, 0x20, 0x45, 0x00, 0x00, 0x1f,
	0x00, 0x02, 0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x87, 0x04,
	0x61, 0x62, 0x63, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* MAPv4: IPv4 UDP checksum 0 (none), not verified */
static const u8 bdsim_tv_dl_v4_udp_no_csum[] = {
	0x01, 0x07, 0x00, 0x20, 0x45, 0x00, 0x00, 0x1f,
	0x00, 0x02, 0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x00, 0x00,
	0x61, 0x62, 0x63, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/*
 * MAPv4: right IPv6 TCP checksum, valid. Header c1c9 + segment a470 =
 * 663a, complemented 99c5: the IPv6 header has no checksum of its own and
 * stays in the sum.
 */
static const u8 bdsim_tv_dl_v4_tcp6_valid[] = {
	0x00, 0x03, 0x00, 0x3c, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x14, 0x06, 0x40, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x00, 0x50,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff, 0x4f, 0x4b, 0x00, 0x00,
	0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x99, 0xc5,
};

/* MAPv4: no TCP/UDP, trailer all zero */
static const u8 bdsim_tv_dl_v4_no_l4[] = {
	0x02, 0x05, 0x00, 0x18, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* rmnet never pads: pad 0, pkt_len the IP length */
static const u8 bdsim_tv_ul_v1_ip4[] = {
	0x00, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* pad 2 */
static const u8 bdsim_tv_ul_v1_ip4_padded[] = {
	0x02, 0x05, 0x00, 0x18, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x00, 0x00,
};

/* IPv6 */
static const u8 bdsim_tv_ul_v1_ip6[] = {
	0x00, 0x01, 0x00, 0x3c, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x14, 0x06, 0x40, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x00, 0x50,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff, 0x4f, 0x4b, 0x00, 0x00,
};

/* more bytes behind it: only the first frame counts */
static const u8 bdsim_tv_ul_v1_then_more[] = {
	0x00, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd, 0x00, 0x06, 0x00,
};

/* MAPv5 channel, no next header */
static const u8 bdsim_tv_ul_v5_plain[] = {
	0x00, 0x07, 0x00, 0x1f, 0x45, 0x00, 0x00, 0x1f,
	0x00, 0x02, 0x40, 0x00, 0x40, 0x11, 0xb6, 0xc8,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x87, 0x03,
	0x61, 0x62, 0x63,
};

/* MAPv5 checksum request */
static const u8 bdsim_tv_ul_v5_csum_req[] = {
	0x40, 0x07, 0x00, 0x1f, 0x04, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv5 checksum header without the request */
static const u8 bdsim_tv_ul_v5_no_req[] = {
	0x40, 0x07, 0x00, 0x1f, 0x04, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* MAPv4 checksum header, disabled: all zero */
static const u8 bdsim_tv_ul_v4_plain[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x00, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/*
 * MAPv4 UDP request: start 20, enabled | UDP | offset 6; the field is the
 * complement of the pseudo-header sum, as rmnet sends it
 */
static const u8 bdsim_tv_ul_v4_csum_udp[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x14, 0xc0, 0x06,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x7b, 0xdf, 0x61, 0x62, 0x63,
};

/* MAPv4 TCP request over IPv6: start 40, enabled | offset 16 */
static const u8 bdsim_tv_ul_v4_csum_tcp6[] = {
	0x00, 0x01, 0x00, 0x3c, 0x00, 0x28, 0x80, 0x10,
	0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0xff, 0xff,
	0xa4, 0x70, 0x00, 0x00,
};

/* ACK of FLOW_DISABLE, txid 0x01020304 */
static const u8 bdsim_tv_ul_flow_ack[] = {
	0x80, 0x09, 0x00, 0x10, 0x01, 0x01, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* ACK of FLOW_ENABLE, reserved type bits set */
static const u8 bdsim_tv_ul_flow_ack_rsvd[] = {
	0x80, 0x09, 0x00, 0x10, 0x02, 0xfd, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* three bytes: no whole MAP header */
static const u8 bdsim_tv_ul_short[] = {
	0x00, 0x05, 0x00,
};

/* pkt_len 0 */
static const u8 bdsim_tv_ul_len0[] = {
	0x00, 0x05, 0x00, 0x00, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* pkt_len one byte past the payload */
static const u8 bdsim_tv_ul_past_frame[] = {
	0x00, 0x05, 0x00, 0x17, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* next header and packet past the payload */
static const u8 bdsim_tv_ul_v5_hdr_past_frame[] = {
	0x40, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* pad 22 = pkt_len */
static const u8 bdsim_tv_ul_pad_eq_len[] = {
	0x16, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* next header on a plain QMAP channel */
static const u8 bdsim_tv_ul_next_hdr_v1[] = {
	0x40, 0x07, 0x00, 0x1f, 0x04, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* next header of type 1 */
static const u8 bdsim_tv_ul_v5_type1[] = {
	0x40, 0x07, 0x00, 0x1f, 0x02, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* checksum header announcing another */
static const u8 bdsim_tv_ul_v5_chained[] = {
	0x40, 0x07, 0x00, 0x1f, 0x05, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* checksum info bit 0 */
static const u8 bdsim_tv_ul_v5_info_bits[] = {
	0x40, 0x07, 0x00, 0x1f, 0x04, 0x81, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* reserved byte set */
static const u8 bdsim_tv_ul_v5_rsvd[] = {
	0x40, 0x07, 0x00, 0x1f, 0x04, 0x80, 0x00, 0x01,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* IP version 5 */
static const u8 bdsim_tv_ul_not_ip[] = {
	0x00, 0x05, 0x00, 0x04, 0x50, 0x00, 0x00, 0x04,
};

/* pad 1 leaves 21 bytes of a 22-byte packet */
static const u8 bdsim_tv_ul_ip_len_pad[] = {
	0x01, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* 4-byte IPv4 packet */
static const u8 bdsim_tv_ul_ip4_too_short[] = {
	0x00, 0x05, 0x00, 0x04, 0x45, 0x00, 0x00, 0x04,
};

/* pad 4 leaves 56 bytes of a 60-byte packet */
static const u8 bdsim_tv_ul_ip6_len[] = {
	0x04, 0x01, 0x00, 0x3c, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x14, 0x06, 0x40, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x00, 0x50,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff, 0x4f, 0x4b, 0x00, 0x00,
};

/* checksum request on protocol 253 */
static const u8 bdsim_tv_ul_csum_no_l4[] = {
	0x40, 0x05, 0x00, 0x16, 0x04, 0x80, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x16, 0x00, 0x01, 0x40, 0x00,
	0x40, 0xfd, 0xb5, 0xe6, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0xab, 0xcd,
};

/* a plain MAP frame on a MAPv4 channel: the header eats into the packet */
static const u8 bdsim_tv_ul_v4_missing[] = {
	0x00, 0x05, 0x00, 0x16, 0x45, 0x00, 0x00, 0x16,
	0x00, 0x01, 0x40, 0x00, 0x40, 0xfd, 0xb5, 0xe6,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
	0xab, 0xcd,
};

/* MAPv4 frame with the next-header bit */
static const u8 bdsim_tv_ul_v4_next_hdr[] = {
	0x40, 0x07, 0x00, 0x1f, 0x00, 0x14, 0xc0, 0x06,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv4, disabled, with the start left in */
static const u8 bdsim_tv_ul_v4_off_start[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x14, 0x00, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* MAPv4, disabled, with the UDP bit */
static const u8 bdsim_tv_ul_v4_off_udp[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x00, 0x40, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x87, 0x03, 0x61, 0x62, 0x63,
};

/* MAPv4 UDP request without the UDP bit */
static const u8 bdsim_tv_ul_v4_udp_no_bit[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x14, 0x80, 0x06,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv4 TCP request with the UDP bit */
static const u8 bdsim_tv_ul_v4_tcp_udp_bit[] = {
	0x00, 0x01, 0x00, 0x3c, 0x00, 0x28, 0xc0, 0x10,
	0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00,
};

/* MAPv4 UDP request, start 16 offset 10: the right field, the wrong start */
static const u8 bdsim_tv_ul_v4_bad_start[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x10, 0xc0, 0x0a,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv4 UDP request, offset 4: the length field */
static const u8 bdsim_tv_ul_v4_bad_offset[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x14, 0xc0, 0x04,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv4 request, start 30: the field would end at 32, past 31 bytes */
static const u8 bdsim_tv_ul_v4_outside[] = {
	0x00, 0x07, 0x00, 0x1f, 0x00, 0x1e, 0xc0, 0x00,
	0x45, 0x00, 0x00, 0x1f, 0x00, 0x02, 0x40, 0x00,
	0x40, 0x11, 0xb6, 0xc8, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0x30, 0x39, 0x00, 0x35,
	0x00, 0x0b, 0x00, 0x00, 0x61, 0x62, 0x63,
};

/* MAPv4 request on protocol 253, start 20 offset 0: inside, but no L4 */
static const u8 bdsim_tv_ul_v4_no_l4[] = {
	0x00, 0x05, 0x00, 0x16, 0x00, 0x14, 0x80, 0x00,
	0x45, 0x00, 0x00, 0x16, 0x00, 0x01, 0x40, 0x00,
	0x40, 0xfd, 0xb5, 0xe6, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x02, 0xab, 0xcd,
};

/* command with a 12-byte body */
static const u8 bdsim_tv_ul_cmd_short_body[] = {
	0x80, 0x09, 0x00, 0x0c, 0x01, 0x01, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
};

/* command with pad 1 */
static const u8 bdsim_tv_ul_cmd_pad[] = {
	0x81, 0x09, 0x00, 0x10, 0x01, 0x01, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* command with a next header */
static const u8 bdsim_tv_ul_cmd_next_hdr[] = {
	0xc0, 0x09, 0x00, 0x10, 0x04, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* command name 3 */
static const u8 bdsim_tv_ul_cmd_name3[] = {
	0x80, 0x09, 0x00, 0x10, 0x03, 0x01, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* the REQUEST sent back */
static const u8 bdsim_tv_ul_cmd_request[] = {
	0x80, 0x09, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* type UNSUPPORTED */
static const u8 bdsim_tv_ul_cmd_unsupported[] = {
	0x80, 0x09, 0x00, 0x10, 0x02, 0x02, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/**
 * struct bdsim_test_map_dl - a DL MAP packet the modem must write
 * @name: description
 * @mux: mux id
 * @fmt: the channel's &enum bdsim_fmt
 * @ip_len: IP packet length: the first @ip_len bytes behind the headers
 * @valid: the checksum header's or trailer's valid bit
 * @bytes: the MAP packet, byte for byte
 * @size: its length
 */
struct bdsim_test_map_dl {
	const char *name;
	u8 mux;
	u8 fmt;
	unsigned int ip_len;
	bool valid;
	const u8 *bytes;
	unsigned int size;
};

#define BDSIM_TV_DL(_name, _mux, _fmt, _ip_len, _valid)		\
	{								\
		.name = #_name,						\
		.mux = _mux,						\
		.fmt = BDSIM_FMT_##_fmt,				\
		.ip_len = _ip_len,					\
		.valid = _valid,					\
		.bytes = bdsim_tv_dl_##_name,				\
		.size = sizeof(bdsim_tv_dl_##_name),			\
	}

static const struct bdsim_test_map_dl bdsim_test_map_dls[] = {
	BDSIM_TV_DL(v1_pad2, 5, QMAP, 22, false),
	BDSIM_TV_DL(v1_pad1, 6, QMAP, 31, false),
	BDSIM_TV_DL(v1_pad0, 254, QMAP, 60, false),
	BDSIM_TV_DL(v5_udp_valid, 7, QMAPV5, 31, true),
	BDSIM_TV_DL(v5_udp_bad_csum, 7, QMAPV5, 31, false),
	BDSIM_TV_DL(v5_udp_no_csum, 7, QMAPV5, 31, false),
	BDSIM_TV_DL(v5_tcp6_valid, 3, QMAPV5, 60, true),
	BDSIM_TV_DL(v5_no_l4, 5, QMAPV5, 22, false),
	BDSIM_TV_DL(v4_udp_valid, 7, QMAPV4, 31, true),
	BDSIM_TV_DL(v4_udp_bad_csum, 7, QMAPV4, 31, false),
	BDSIM_TV_DL(v4_udp_no_csum, 7, QMAPV4, 31, false),
	BDSIM_TV_DL(v4_tcp6_valid, 3, QMAPV4, 60, true),
	BDSIM_TV_DL(v4_no_l4, 5, QMAPV4, 22, false),
};

static void bdsim_test_map_dl_desc(const struct bdsim_test_map_dl *v,
				   char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bdsim_test_map_dls, bdsim_test_map_dls,
		  bdsim_test_map_dl_desc);

/* The DL worker copies the packet behind the headers, then seals it. */
static void bdsim_test_map_dl_seal(struct kunit *test)
{
	const struct bdsim_test_map_dl *v = test->param_value;
	unsigned int off = bdsim_map_ip_off(v->fmt);
	u8 *buf = bdsim_test_buf(test);
	bool valid;

	memcpy(buf + off, v->bytes + off, v->ip_len);
	KUNIT_ASSERT_EQ(test, bdsim_qmap_seal(buf, v->mux, v->ip_len, v->fmt,
					      &valid),
			v->size);
	KUNIT_EXPECT_MEMEQ(test, buf, v->bytes, v->size);
	KUNIT_EXPECT_EQ(test, valid, v->valid);
	KUNIT_EXPECT_EQ(test, bdsim_map_rec_len(v->ip_len, v->fmt), v->size);
	/* Nothing written past the packet. */
	KUNIT_EXPECT_EQ(test, buf[v->size], BDSIM_TEST_POISON);
}

/* Two packets aggregated behind one DMUX header with len 0xffff. */
static void bdsim_test_map_dl_aggregate(struct kunit *test)
{
	const u8 *golden = bdsim_tv_aggregate;
	const u8 *ip22 = bdsim_tv_ip22, *udp = bdsim_tv_udp31;
	unsigned int off = BDSIM_HDR_LEN;
	u8 *buf = bdsim_test_buf(test);
	bool valid;

	bdsim_qmap_dmux_hdr(buf, 3, BDSIM_SIG_DYN_MTU);
	memcpy(buf + off + BDSIM_MAP_HDR_LEN, ip22, sizeof(bdsim_tv_ip22));
	off += bdsim_qmap_seal(buf + off, 5, sizeof(bdsim_tv_ip22),
			       BDSIM_FMT_QMAP, &valid);
	memcpy(buf + off + BDSIM_MAP_HDR_LEN, udp, sizeof(bdsim_tv_udp31));
	off += bdsim_qmap_seal(buf + off, 6, sizeof(bdsim_tv_udp31),
			       BDSIM_FMT_QMAP, &valid);
	KUNIT_ASSERT_EQ(test, off, sizeof(bdsim_tv_aggregate));
	KUNIT_EXPECT_MEMEQ(test, buf, golden, sizeof(bdsim_tv_aggregate));
}

/*
 * FLOW_DISABLE request, mux 9, txid 0x01020304, on channel 1: the same in
 * plain MAP and MAPv5, with a trailer in MAPv4.
 */
static void bdsim_test_map_dl_flow(struct kunit *test)
{
	static const u8 fmts[] = { BDSIM_FMT_QMAP, BDSIM_FMT_QMAPV5 };
	u8 *buf = bdsim_test_buf(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fmts); i++) {
		memset(buf, BDSIM_TEST_POISON, BDSIM_TEST_BUF_SIZE);
		KUNIT_ASSERT_EQ(test,
				bdsim_qmap_flow_frame(buf, 1, BDSIM_SIG_DYN_MTU,
						      9, BDSIM_MAP_FLOW_DISABLE,
						      0x01020304, fmts[i]),
				sizeof(bdsim_tv_flow));
		KUNIT_EXPECT_MEMEQ(test, buf, bdsim_tv_flow,
				   sizeof(bdsim_tv_flow));
		KUNIT_EXPECT_EQ(test, buf[sizeof(bdsim_tv_flow)],
				BDSIM_TEST_POISON);
	}

	memset(buf, BDSIM_TEST_POISON, BDSIM_TEST_BUF_SIZE);
	KUNIT_ASSERT_EQ(test, bdsim_qmap_flow_frame(buf, 1, BDSIM_SIG_DYN_MTU,
						    9, BDSIM_MAP_FLOW_DISABLE,
						    0x01020304,
						    BDSIM_FMT_QMAPV4),
			sizeof(bdsim_tv_flow_v4));
	KUNIT_EXPECT_MEMEQ(test, buf, bdsim_tv_flow_v4,
			   sizeof(bdsim_tv_flow_v4));
	KUNIT_EXPECT_EQ(test, buf[sizeof(bdsim_tv_flow_v4)], BDSIM_TEST_POISON);
}

/**
 * struct bdsim_test_map_ul - a UL MAP frame and what the modem must find
 * @name: description
 * @fmt: the channel's &enum bdsim_fmt
 * @why: %BDSIM_DROP_NUM, or the reason it must give
 * @len: bytes the frame takes (unless the reason is fatal)
 * @mux: mux id (unless the reason is fatal)
 * @ip_len: IP packet (or command body) length, for good frames
 * @cmd: a command frame
 * @csum_req: a checksum request, for good frames
 * @bytes: the bytes from the MAP header to the end of the DMUX payload
 * @size: their length
 */
struct bdsim_test_map_ul {
	const char *name;
	u8 fmt;
	enum bdsim_drop why;
	unsigned int len;
	u8 mux;
	unsigned int ip_len;
	bool cmd;
	bool csum_req;
	const u8 *bytes;
	unsigned int size;
};

#define BDSIM_TV_UL(_name, _fmt, _why, _len, _mux, _ip_len, _cmd, _csum) \
	{								\
		.name = #_name,						\
		.fmt = BDSIM_FMT_##_fmt,				\
		.why = BDSIM_DROP_##_why,				\
		.len = _len,						\
		.mux = _mux,						\
		.ip_len = _ip_len,					\
		.cmd = _cmd,						\
		.csum_req = _csum,					\
		.bytes = bdsim_tv_ul_##_name,				\
		.size = sizeof(bdsim_tv_ul_##_name),			\
	}

/* Vectors read again on another channel format, under their own name. */
#define bdsim_tv_ul_v4_flow_ack	bdsim_tv_ul_flow_ack
#define bdsim_tv_ul_v4_on_qmap	bdsim_tv_ul_v4_csum_udp

static const struct bdsim_test_map_ul bdsim_test_map_uls[] = {
	BDSIM_TV_UL(v1_ip4, QMAP, NUM, 26, 5, 22, false, false),
	BDSIM_TV_UL(v1_ip4_padded, QMAP, NUM, 28, 5, 22, false, false),
	BDSIM_TV_UL(v1_ip6, QMAP, NUM, 64, 1, 60, false, false),
	BDSIM_TV_UL(v1_then_more, QMAP, NUM, 26, 5, 22, false, false),
	BDSIM_TV_UL(v5_plain, QMAPV5, NUM, 35, 7, 31, false, false),
	BDSIM_TV_UL(v5_csum_req, QMAPV5, NUM, 39, 7, 31, false, true),
	BDSIM_TV_UL(v5_no_req, QMAPV5, NUM, 39, 7, 31, false, false),
	BDSIM_TV_UL(flow_ack, QMAP, NUM, 20, 9, 16, true, false),
	BDSIM_TV_UL(flow_ack_rsvd, QMAPV5, NUM, 20, 9, 16, true, false),
	BDSIM_TV_UL(short, QMAP, UL_MAP_SHORT, 0, 0, 0, false, false),
	BDSIM_TV_UL(len0, QMAP, UL_MAP_BAD_LEN, 0, 0, 0, false, false),
	BDSIM_TV_UL(past_frame, QMAP, UL_MAP_PAST_FRAME,
		    0, 0, 0, false, false),
	BDSIM_TV_UL(v5_hdr_past_frame, QMAPV5, UL_MAP_PAST_FRAME,
		    0, 0, 0, false, false),
	BDSIM_TV_UL(pad_eq_len, QMAP, UL_MAP_BAD_PAD, 26, 5, 0, false, false),
	BDSIM_TV_UL(next_hdr_v1, QMAP, UL_MAP_NEXT_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v5_type1, QMAPV5, UL_MAP_V5_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(v5_chained, QMAPV5, UL_MAP_V5_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(v5_info_bits, QMAPV5, UL_MAP_V5_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(v5_rsvd, QMAPV5, UL_MAP_V5_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(not_ip, QMAP, UL_MAP_NOT_IP, 8, 5, 0, false, false),
	BDSIM_TV_UL(ip_len_pad, QMAP, UL_MAP_IP_LEN, 26, 5, 0, false, false),
	BDSIM_TV_UL(ip4_too_short, QMAP, UL_MAP_IP_LEN, 8, 5, 0, false, false),
	BDSIM_TV_UL(ip6_len, QMAP, UL_MAP_IP_LEN, 64, 1, 0, false, false),
	BDSIM_TV_UL(csum_no_l4, QMAPV5, UL_MAP_CSUM_PROTO,
		    30, 5, 0, false, false),
	BDSIM_TV_UL(cmd_short_body, QMAP, UL_MAP_CMD_FORMAT,
		    16, 9, 0, true, false),
	BDSIM_TV_UL(cmd_pad, QMAP, UL_MAP_CMD_FORMAT, 20, 9, 0, true, false),
	BDSIM_TV_UL(cmd_next_hdr, QMAPV5, UL_MAP_CMD_FORMAT,
		    24, 9, 0, true, false),
	BDSIM_TV_UL(cmd_name3, QMAP, UL_MAP_CMD_NAME, 20, 9, 0, true, false),
	BDSIM_TV_UL(cmd_request, QMAP, UL_MAP_CMD_TYPE, 20, 9, 0, true, false),
	BDSIM_TV_UL(cmd_unsupported, QMAP, UL_MAP_CMD_TYPE,
		    20, 9, 0, true, false),
	BDSIM_TV_UL(v4_plain, QMAPV4, NUM, 39, 7, 31, false, false),
	BDSIM_TV_UL(v4_csum_udp, QMAPV4, NUM, 39, 7, 31, false, true),
	BDSIM_TV_UL(v4_csum_tcp6, QMAPV4, NUM, 68, 1, 60, false, true),
	BDSIM_TV_UL(v4_flow_ack, QMAPV4, NUM, 20, 9, 16, true, false),
	BDSIM_TV_UL(v4_missing, QMAPV4, UL_MAP_PAST_FRAME,
		    0, 0, 0, false, false),
	BDSIM_TV_UL(v4_next_hdr, QMAPV4, UL_MAP_NEXT_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v4_on_qmap, QMAP, UL_MAP_NOT_IP, 35, 7, 0, false, false),
	BDSIM_TV_UL(v4_off_start, QMAPV4, UL_MAP_V4_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v4_off_udp, QMAPV4, UL_MAP_V4_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(v4_udp_no_bit, QMAPV4, UL_MAP_V4_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v4_tcp_udp_bit, QMAPV4, UL_MAP_V4_HDR,
		    68, 1, 0, false, false),
	BDSIM_TV_UL(v4_bad_start, QMAPV4, UL_MAP_V4_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v4_bad_offset, QMAPV4, UL_MAP_V4_HDR,
		    39, 7, 0, false, false),
	BDSIM_TV_UL(v4_outside, QMAPV4, UL_MAP_V4_HDR, 39, 7, 0, false, false),
	BDSIM_TV_UL(v4_no_l4, QMAPV4, UL_MAP_CSUM_PROTO,
		    30, 5, 0, false, false),
};

static void bdsim_test_map_ul_desc(const struct bdsim_test_map_ul *v,
				   char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bdsim_test_map_uls, bdsim_test_map_uls,
		  bdsim_test_map_ul_desc);

static void bdsim_test_map_ul_parse(struct kunit *test)
{
	const struct bdsim_test_map_ul *v = test->param_value;
	struct bdsim_map_rec rec;
	enum bdsim_drop why;

	why = bdsim_qmap_ul_rec(v->bytes, v->size, v->fmt, &rec);
	KUNIT_EXPECT_EQ(test, why, v->why);
	if (bdsim_qmap_ul_fatal(why))
		return;
	KUNIT_EXPECT_EQ(test, rec.len, v->len);
	KUNIT_EXPECT_EQ(test, rec.mux, v->mux);
	KUNIT_EXPECT_EQ(test, rec.cmd, v->cmd);
	if (why != BDSIM_DROP_NUM)
		return;
	KUNIT_EXPECT_EQ(test, rec.ip_len, v->ip_len);
	KUNIT_EXPECT_EQ(test, rec.csum,
			!v->csum_req ? BDSIM_UL_CSUM_NONE :
			v->fmt == BDSIM_FMT_QMAPV4 ? BDSIM_UL_CSUM_V4 :
			BDSIM_UL_CSUM_V5);
	/* Behind a MAPv5 next header, or a MAPv4 one (data only). */
	KUNIT_EXPECT_EQ(test, rec.ip_off,
			v->bytes[0] & BDSIM_MAP_NEXT_HDR ||
			(v->fmt == BDSIM_FMT_QMAPV4 && !v->cmd) ? 8U : 4U);
}

/* The checksum the modem inserts on a MAPv5 request, and its verdict. */
static void bdsim_test_map_csum(struct kunit *test)
{
	const u8 *udp = bdsim_tv_udp31, *tcp6 = bdsim_tv_tcp6;
	const unsigned int udp_len = sizeof(bdsim_tv_udp31);
	const unsigned int tcp6_len = sizeof(bdsim_tv_tcp6);
	const unsigned int ip22_len = sizeof(bdsim_tv_ip22);
	u8 *buf = bdsim_test_buf(test);

	/* Whatever the host left in the field (here 0x1234) is replaced. */
	memcpy(buf, udp, udp_len);
	buf[26] = 0x12;
	buf[27] = 0x34;
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum(buf, udp_len, false));
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum(buf, udp_len, true));
	KUNIT_EXPECT_MEMEQ(test, buf, udp, udp_len);
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum(buf, udp_len, false));

	memcpy(buf, tcp6, tcp6_len);
	buf[56] = 0;
	buf[57] = 0;
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum(buf, tcp6_len, false));
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum(buf, tcp6_len, true));
	KUNIT_EXPECT_MEMEQ(test, buf, tcp6, tcp6_len);

	/* Nothing to compute: the packet stays as it is. */
	memcpy(buf, bdsim_tv_ip22, ip22_len);
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum(buf, ip22_len, true));
	KUNIT_EXPECT_MEMEQ(test, buf, bdsim_tv_ip22, ip22_len);
	/* A length other than the IP header's: no checksum either. */
	memcpy(buf, udp, udp_len);
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum(buf, udp_len - 1,
						 false));
}

/*
 * The checksum the modem inserts on a MAPv4 request: it takes the field as
 * the complement of the pseudo-header sum. The stack leaves the sum there,
 * 8420 for the UDP datagram (c000 + 0201 + c000 + 0202 + 0011 + 000b) and
 * 5b8f for the TCP segment; the host sends it complemented, 7bdf and a470.
 * A field left as the stack wrote it makes a wrong checksum: the UDP
 * datagram without its checksum sums to f4db, and ~(f4db + 7bdf) is 8f44.
 */
static void bdsim_test_map_csum_v4(struct kunit *test)
{
	const u8 *udp = bdsim_tv_udp31, *tcp6 = bdsim_tv_tcp6;
	const unsigned int udp_len = sizeof(bdsim_tv_udp31);
	const unsigned int tcp6_len = sizeof(bdsim_tv_tcp6);
	const unsigned int ip22_len = sizeof(bdsim_tv_ip22);
	u8 *buf = bdsim_test_buf(test);

	memcpy(buf, udp, udp_len);
	buf[26] = 0x7b;
	buf[27] = 0xdf;
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum_v4(buf, udp_len));
	KUNIT_EXPECT_MEMEQ(test, buf, udp, udp_len);

	memcpy(buf, tcp6, tcp6_len);
	buf[56] = 0xa4;
	buf[57] = 0x70;
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum_v4(buf, tcp6_len));
	KUNIT_EXPECT_MEMEQ(test, buf, tcp6, tcp6_len);

	/* The stack's field, not complemented: a wrong checksum. */
	memcpy(buf, udp, udp_len);
	buf[26] = 0x84;
	buf[27] = 0x20;
	KUNIT_EXPECT_TRUE(test, bdsim_qmap_csum_v4(buf, udp_len));
	KUNIT_EXPECT_EQ(test, buf[26], 0x8f);
	KUNIT_EXPECT_EQ(test, buf[27], 0x44);
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum(buf, udp_len, false));

	/* Nothing to compute: the packet stays as it is. */
	memcpy(buf, bdsim_tv_ip22, ip22_len);
	KUNIT_EXPECT_FALSE(test, bdsim_qmap_csum_v4(buf, ip22_len));
	KUNIT_EXPECT_MEMEQ(test, buf, bdsim_tv_ip22, ip22_len);
}

/* A DMUX payload of three MAP frames back to back, walked as mux.c does. */
static void bdsim_test_map_ul_walk(struct kunit *test)
{
	const u8 *payload = bdsim_tv_ul_walk;
	static const unsigned int lens[] = { 26, 20, 36 };
	struct bdsim_map_rec rec;
	unsigned int off = 0, i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		KUNIT_ASSERT_EQ(test, bdsim_qmap_ul_rec(payload + off,
							sizeof(bdsim_tv_ul_walk) - off,
							BDSIM_FMT_QMAP, &rec),
				BDSIM_DROP_NUM);
		KUNIT_EXPECT_EQ(test, rec.len, lens[i]);
		off += rec.len;
	}
	KUNIT_EXPECT_EQ(test, off, sizeof(bdsim_tv_ul_walk));
}

/*
 * The same in MAPv4: a data frame with its checksum header, an ACK
 * without one, a data frame with a request; and where the walk ends when
 * the last one lacks a byte.
 */
static void bdsim_test_map_ul_walk_v4(struct kunit *test)
{
	static const struct {
		const u8 *bytes;
		unsigned int len;
		bool csum_req;
	} frames[] = {
		{ bdsim_tv_ul_v4_plain, sizeof(bdsim_tv_ul_v4_plain), false },
		{ bdsim_tv_ul_flow_ack, sizeof(bdsim_tv_ul_flow_ack), false },
		{ bdsim_tv_ul_v4_csum_udp, sizeof(bdsim_tv_ul_v4_csum_udp),
		  true },
	};
	u8 *buf = bdsim_test_buf(test);
	struct bdsim_map_rec rec;
	unsigned int len = 0, off = 0, i;

	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		memcpy(buf + len, frames[i].bytes, frames[i].len);
		len += frames[i].len;
	}
	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		KUNIT_ASSERT_EQ(test, bdsim_qmap_ul_rec(buf + off, len - off,
							BDSIM_FMT_QMAPV4,
							&rec),
				BDSIM_DROP_NUM);
		KUNIT_EXPECT_EQ(test, rec.len, frames[i].len);
		KUNIT_EXPECT_EQ(test, rec.csum,
				frames[i].csum_req ? BDSIM_UL_CSUM_V4 :
				BDSIM_UL_CSUM_NONE);
		off += rec.len;
	}
	KUNIT_EXPECT_EQ(test, off, len);
	KUNIT_EXPECT_EQ(test, bdsim_qmap_ul_rec(buf + off - frames[2].len,
						frames[2].len - 1,
						BDSIM_FMT_QMAPV4, &rec),
			BDSIM_DROP_UL_MAP_PAST_FRAME);
}

/*
 * What only the modem's state decides, on a modem with no device around
 * it: a mux without a peer, flow-control ACKs matched against the pending
 * commands, a flow violation, and the end of a walk at a frame whose
 * length is unusable. The only peer, mux 9, has no netdev: nothing may
 * reach it.
 */
static void bdsim_test_map_ul_state(struct kunit *test)
{
	/* Mux 9, a 22-byte IPv4 packet, unpadded. */
	static const u8 mux9[] = {
		0x00, 0x09, 0x00, 0x16,
		0x45, 0x00, 0x00, 0x16, 0x00, 0x01, 0x40, 0x00,
		0x40, 0xfd, 0xb5, 0xe6, 0xc0, 0x00, 0x02, 0x01,
		0xc0, 0x00, 0x02, 0x02, 0xab, 0xcd,
	};
	const u8 *ack = bdsim_tv_ul_flow_ack;
	const unsigned int ack_len = sizeof(bdsim_tv_ul_flow_ack);
	u8 *buf = bdsim_test_buf(test);
	struct bdsim_peer *peer;
	struct bdsim *sim;
	atomic64_t *drop;
	unsigned int ch;

	sim = kunit_kzalloc(test, sizeof(*sim), GFP_KERNEL);
	peer = kunit_kzalloc(test, sizeof(*peer), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sim);
	KUNIT_ASSERT_NOT_NULL(test, peer);
	spin_lock_init(&sim->lock);
	mutex_init(&sim->cfg_lock);
	for (ch = 0; ch < BDSIM_NUM_CH; ch++)
		INIT_LIST_HEAD(&sim->ch[ch].peers);
	peer->sim = sim;
	peer->ch = 2;
	peer->mux_id = 9;
	list_add_tail(&peer->node, &sim->ch[2].peers);
	drop = sim->stats.drop;

	/* Mux 5 has no peer on channel 2; mux 9 has none on channel 1. */
	bdsim_mux_ul(sim, 2, bdsim_tv_ul_v1_ip4,
		     sizeof(bdsim_tv_ul_v1_ip4), BDSIM_FMT_QMAP);
	bdsim_mux_ul(sim, 1, mux9, sizeof(mux9), BDSIM_FMT_QMAP);
	KUNIT_EXPECT_EQ(test, atomic64_read(&drop[BDSIM_DROP_UL_MAP_UNBOUND]),
			2);

	/* An ACK nobody asked for. */
	bdsim_mux_ul(sim, 2, ack, ack_len, BDSIM_FMT_QMAP);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&drop[BDSIM_DROP_UL_MAP_ACK_UNMATCHED]),
			1);

	/*
	 * The ACK of FLOW_DISABLE, txid 0x01020304, for mux 9 of channel 2:
	 * only the matching channel takes it, once.
	 */
	sim->flow[3] = (struct bdsim_flow_txn) {
		.used = true, .ch = 2, .mux = 9,
		.name = BDSIM_MAP_FLOW_DISABLE, .txid = 0x01020304,
	};
	bdsim_mux_ul(sim, 1, ack, ack_len, BDSIM_FMT_QMAP);
	bdsim_mux_ul(sim, 2, ack, ack_len, BDSIM_FMT_QMAP);
	bdsim_mux_ul(sim, 2, ack, ack_len, BDSIM_FMT_QMAP);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&sim->stats.ctr[BDSIM_CTR_FLOW_ACKS]), 1);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&drop[BDSIM_DROP_UL_MAP_ACK_UNMATCHED]),
			3);
	KUNIT_EXPECT_FALSE(test, sim->flow[3].used);
	KUNIT_EXPECT_TRUE(test, test_bit(9, sim->ch[2].flow_off));

	/* Data on mux 9 now is a flow violation, and never reaches the peer. */
	bdsim_mux_ul(sim, 2, mux9, sizeof(mux9), BDSIM_FMT_QMAP);
	KUNIT_EXPECT_EQ(test, atomic64_read(&drop[BDSIM_DROP_UL_MAP_FLOW_OFF]),
			1);

	/* Data, an ACK, then a frame cut one byte short: the walk ends. */
	bdsim_mux_ul(sim, 2, bdsim_tv_ul_walk, sizeof(bdsim_tv_ul_walk) - 1,
		     BDSIM_FMT_QMAP);
	KUNIT_EXPECT_EQ(test, atomic64_read(&drop[BDSIM_DROP_UL_MAP_UNBOUND]),
			3);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&drop[BDSIM_DROP_UL_MAP_ACK_UNMATCHED]),
			4);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&drop[BDSIM_DROP_UL_MAP_PAST_FRAME]), 1);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&sim->stats.ctr[BDSIM_CTR_UL_QMAP_FRAMES]),
			8);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&sim->stats.ctr[BDSIM_CTR_UL_QMAP_PACKETS]),
			0);

	/*
	 * MAPv4: a malformed checksum header is dropped by its reason and the
	 * walk goes on to the ACK behind it, which carries no such header.
	 */
	memcpy(buf, bdsim_tv_ul_v4_udp_no_bit, sizeof(bdsim_tv_ul_v4_udp_no_bit));
	memcpy(buf + sizeof(bdsim_tv_ul_v4_udp_no_bit), ack, ack_len);
	bdsim_mux_ul(sim, 2, buf, sizeof(bdsim_tv_ul_v4_udp_no_bit) + ack_len,
		     BDSIM_FMT_QMAPV4);
	KUNIT_EXPECT_EQ(test, atomic64_read(&drop[BDSIM_DROP_UL_MAP_V4_HDR]),
			1);
	KUNIT_EXPECT_EQ(test,
			atomic64_read(&drop[BDSIM_DROP_UL_MAP_ACK_UNMATCHED]),
			5);
	mutex_destroy(&sim->cfg_lock);
}

/**
 * struct bdsim_test_map_fault - a malformed QMAP frame of ``inject``
 * @name: description
 * @kind: the control frame
 * @ch: its channel
 * @bytes: the frame, byte for byte
 * @size: its length
 */
struct bdsim_test_map_fault {
	const char *name;
	enum bdsim_ctrl_kind kind;
	u8 ch;
	const u8 *bytes;
	unsigned int size;
};

#define BDSIM_TV_FAULT(_name, _kind, _ch)				\
	{								\
		.name = #_name,						\
		.kind = BDSIM_CTRL_##_kind,				\
		.ch = _ch,						\
		.bytes = bdsim_tv_fault_##_name,			\
		.size = sizeof(bdsim_tv_fault_##_name),			\
	}

/* channel 0, mux 1: pad 28 = pkt_len 28 */
static const u8 bdsim_tv_fault_bad_pad[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x00, 0xff, 0xff,
	0x1c, 0x01, 0x00, 0x1c, 0x45, 0x00, 0x00, 0x1c,
	0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xe6, 0x66,
	0xc6, 0x33, 0x64, 0x02, 0xc6, 0x33, 0x64, 0x01,
	0x00, 0x09, 0x00, 0x09, 0x00, 0x08, 0xab, 0x61,
};

/* channel 1: a good packet, then pkt_len 256 with 8 bytes left */
static const u8 bdsim_tv_fault_truncated[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x01, 0xff, 0xff,
	0x00, 0x01, 0x00, 0x1c, 0x45, 0x00, 0x00, 0x1c,
	0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xe6, 0x66,
	0xc6, 0x33, 0x64, 0x02, 0xc6, 0x33, 0x64, 0x01,
	0x00, 0x09, 0x00, 0x09, 0x00, 0x08, 0xab, 0x61,
	0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* channel 2: pkt_len 0, then a good packet */
static const u8 bdsim_tv_fault_len0[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x02, 0xff, 0xff,
	0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1c,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x11, 0xe6, 0x66, 0xc6, 0x33, 0x64, 0x02,
	0xc6, 0x33, 0x64, 0x01, 0x00, 0x09, 0x00, 0x09,
	0x00, 0x08, 0xab, 0x61,
};

/* channel 3: MAP command name 3, txid 0 */
static const u8 bdsim_tv_fault_bad_cmd[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x03, 0xff, 0xff,
	0x80, 0x01, 0x00, 0x10, 0x03, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* channel 4: a good MAPv4 packet with 4 of its 8 trailer bytes */
static const u8 bdsim_tv_fault_v4_cut[] = {
	0xfc, 0x33, 0x02, 0x00, 0x00, 0x04, 0xff, 0xff,
	0x00, 0x01, 0x00, 0x1c, 0x45, 0x00, 0x00, 0x1c,
	0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xe6, 0x66,
	0xc6, 0x33, 0x64, 0x02, 0xc6, 0x33, 0x64, 0x01,
	0x00, 0x09, 0x00, 0x09, 0x00, 0x08, 0xab, 0x61,
	0x00, 0x01, 0x00, 0x00,
};

static const struct bdsim_test_map_fault bdsim_test_map_faults[] = {
	BDSIM_TV_FAULT(bad_pad, MAP_BAD_PAD, 0),
	BDSIM_TV_FAULT(truncated, MAP_TRUNCATED, 1),
	BDSIM_TV_FAULT(len0, MAP_LEN0, 2),
	BDSIM_TV_FAULT(bad_cmd, MAP_BAD_CMD, 3),
	BDSIM_TV_FAULT(v4_cut, MAP_V4_CUT, 4),
};

static void bdsim_test_map_fault_desc(const struct bdsim_test_map_fault *v,
				      char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bdsim_test_map_faults, bdsim_test_map_faults,
		  bdsim_test_map_fault_desc);

/* The malformed QMAP frames the inject file's map_* keywords write. */
static void bdsim_test_map_fault(struct kunit *test)
{
	const struct bdsim_test_map_fault *v = test->param_value;
	struct bdsim_ctrl ctrl = { .kind = v->kind, .ch = v->ch };
	u8 *buf = bdsim_test_buf(test);

	KUNIT_ASSERT_EQ(test, bdsim_fault_frame(buf, BDSIM_RX_MIN_SIZE, &ctrl),
			v->size);
	KUNIT_EXPECT_MEMEQ(test, buf, v->bytes, v->size);
	KUNIT_EXPECT_EQ(test, buf[v->size], BDSIM_TEST_POISON);
}

static struct kunit_case bdsim_qmap_cases[] = {
	KUNIT_CASE_PARAM(bdsim_test_map_dl_seal, bdsim_test_map_dls_gen_params),
	KUNIT_CASE(bdsim_test_map_dl_aggregate),
	KUNIT_CASE(bdsim_test_map_dl_flow),
	KUNIT_CASE_PARAM(bdsim_test_map_ul_parse,
			 bdsim_test_map_uls_gen_params),
	KUNIT_CASE(bdsim_test_map_csum),
	KUNIT_CASE(bdsim_test_map_csum_v4),
	KUNIT_CASE(bdsim_test_map_ul_walk),
	KUNIT_CASE(bdsim_test_map_ul_walk_v4),
	KUNIT_CASE(bdsim_test_map_ul_state),
	KUNIT_CASE_PARAM(bdsim_test_map_fault, bdsim_test_map_faults_gen_params),
	{}
};

static struct kunit_suite bdsim_qmap_suite = {
	.name = "bam_dmux_sim_qmap",
	.test_cases = bdsim_qmap_cases,
};

static struct kunit_case bdsim_wire_cases[] = {
	KUNIT_CASE(bdsim_test_ul_commands),
	KUNIT_CASE_PARAM(bdsim_test_ul_accept, bdsim_test_ul_good_gen_params),
	KUNIT_CASE(bdsim_test_ul_open_dyn),
	KUNIT_CASE_PARAM(bdsim_test_ul_reject, bdsim_test_ul_bad_gen_params),
	KUNIT_CASE(bdsim_test_ul_dyn_mtu),
	KUNIT_CASE(bdsim_test_ul_short_lengths),
	KUNIT_CASE_PARAM(bdsim_test_dl_ctrl, bdsim_test_dl_ctrls_gen_params),
	KUNIT_CASE(bdsim_test_dl_dma_error),
	KUNIT_CASE(bdsim_test_dl_open_offer),
	KUNIT_CASE_PARAM(bdsim_test_dl_data_frame,
			 bdsim_test_dl_data_gen_params),
	{}
};

static struct kunit_suite bdsim_wire_suite = {
	.name = "bam_dmux_sim_wire",
	.test_cases = bdsim_wire_cases,
};

kunit_test_suites(&bdsim_wire_suite, &bdsim_qmap_suite);

MODULE_DESCRIPTION("KUnit tests of the simulated BAM-DMUX modem's wire code");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
