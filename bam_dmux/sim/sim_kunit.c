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

kunit_test_suite(bdsim_wire_suite);

MODULE_DESCRIPTION("KUnit tests of the simulated BAM-DMUX modem's wire code");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
