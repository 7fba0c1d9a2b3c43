// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the QMAP codec against byte vectors written by hand
 * (qmap_vectors.h and below): every DL status, MAPv4 trailers and MAPv5
 * checksum headers, commands inside aggregates, command replies, the UL
 * headers' exact bytes and the UL aggregation bookkeeping.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "qmap.h"
#include "qmap_vectors.h"

static void qmap_golden_desc(const struct qmap_golden *g, char *desc)
{
	strscpy(desc, g->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(qmap_golden, qmap_golden, qmap_golden_desc);

/*
 * Parse a golden buffer from an exactly sized heap copy (KASAN sees any
 * read past it) and compare every record with what was written down.
 */
static void qmap_test_golden(struct kunit *test)
{
	const struct qmap_golden *g = test->param_value;
	struct qmap_rx_record rec;
	u32 off = 0, k = 0;
	u8 *buf;

	buf = kunit_kmalloc(test, g->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, g->buf, g->len);

	while (off < g->len) {
		const struct qmap_golden_rec *w;

		KUNIT_ASSERT_LT_MSG(test, k, g->nr_recs, "more records than expected");
		w = &g->recs[k];
		off = qmap_rx_next(buf, g->len, off, g->fmt, &rec);
		KUNIT_EXPECT_EQ_MSG(test, rec.status, w->status, "record %u: %s", k,
				    qmap_rx_status_name(rec.status));
		KUNIT_EXPECT_EQ_MSG(test, rec.mux_id, w->mux_id, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.frame, w->frame, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.frame_len, w->frame_len, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.data, w->data, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.data_len, w->data_len, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.csum, w->csum, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, rec.cmd_name, w->cmd_name, "record %u", k);
		KUNIT_EXPECT_EQ_MSG(test, off, rec.frame + rec.frame_len, "record %u", k);
		k++;
	}
	KUNIT_EXPECT_EQ(test, k, g->nr_recs);
	KUNIT_EXPECT_EQ(test, off, g->len);
}

/* The golden vectors reach every status: none is dead code. */
static void qmap_test_every_status(struct kunit *test)
{
	bool seen[QMAP_RX_NR_STATUS] = {};
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(qmap_golden); i++)
		for (k = 0; k < qmap_golden[i].nr_recs; k++)
			seen[qmap_golden[i].recs[k].status] = true;
	for (i = 0; i < QMAP_RX_NR_STATUS; i++)
		KUNIT_EXPECT_TRUE_MSG(test, seen[i], "no vector for %s",
				      qmap_rx_status_name(i));
	KUNIT_EXPECT_STREQ(test, qmap_rx_status_name(QMAP_RX_DATA), "data");
	KUNIT_EXPECT_STREQ(test, qmap_rx_status_name(QMAP_RX_CMD_NOT_REQUEST),
			   "cmd_not_request");
	KUNIT_EXPECT_STREQ(test, qmap_rx_status_name(QMAP_RX_NR_STATUS), "unknown");
}

/*
 * Every prefix of every golden buffer, each in a heap block of exactly
 * that size: the parser stays inside it and always moves forward.
 */
static void qmap_test_prefixes(struct kunit *test)
{
	struct qmap_rx_record rec;
	unsigned int i;
	u32 len, off, next;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(qmap_golden); i++) {
		const struct qmap_golden *g = &qmap_golden[i];

		for (len = 1; len <= g->len; len++) {
			buf = kmemdup(g->buf, len, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, buf);
			for (off = 0; off < len; off = next) {
				next = qmap_rx_next(buf, len, off, g->fmt, &rec);
				KUNIT_EXPECT_GT(test, next, off);
				KUNIT_EXPECT_LE(test, next, len);
				if (next <= off || next > len)
					break;
			}
			kfree(buf);
		}
	}
}

static void qmap_test_short(struct kunit *test)
{
	static const u8 hdr[] = { 0x00, 0x01, 0x00, 0x1d };
	struct qmap_rx_record rec;
	u32 len;

	for (len = 1; len < QMAP_HDR_LEN; len++) {
		KUNIT_EXPECT_EQ(test, qmap_rx_next(hdr, len, 0, QMAP_FORMAT_PLAIN, &rec),
				len);
		KUNIT_EXPECT_EQ(test, rec.status, QMAP_RX_TRUNCATED_HDR);
		KUNIT_EXPECT_EQ(test, rec.frame_len, len);
	}
	/* A whole header announcing more than there is. */
	KUNIT_EXPECT_EQ(test, qmap_rx_next(hdr, 4, 0, QMAP_FORMAT_PLAIN, &rec), 4U);
	KUNIT_EXPECT_EQ(test, rec.status, QMAP_RX_PAST_BUF);
	KUNIT_EXPECT_EQ(test, rec.frame_len, 4U);
	/* Misuse, off at or past the end: nothing read, the end returned. */
	KUNIT_EXPECT_EQ(test, qmap_rx_next(hdr, 4, 4, QMAP_FORMAT_V4, &rec), 4U);
	KUNIT_EXPECT_EQ(test, rec.status, QMAP_RX_TRUNCATED_HDR);
	KUNIT_EXPECT_EQ(test, qmap_rx_next(hdr, 4, 9, QMAP_FORMAT_V5, &rec), 4U);
	KUNIT_EXPECT_EQ(test, rec.status, QMAP_RX_TRUNCATED_HDR);
}

/* FLOW_DISABLE request, mux 1, transaction 42, then a MAPv4 trailer. */
static const u8 qmap_req_v4[] = {
	0x80, 0x01, 0x00, 0x10,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Its ACK: type 1, no trailer. */
static const u8 qmap_ack[] = {
	0x80, 0x01, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07,
};

/* FLOW_ENABLE, pad 2, reserved bits set beside the type. */
static const u8 qmap_req_pad[] = {
	0x82, 0x07, 0x00, 0x12,
	0x02, 0xfc, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x01,
	0xee, 0xee,
};

/* Its UNSUPPORTED reply: the reserved bits kept, the pad copied. */
static const u8 qmap_unsupported_pad[] = {
	0x82, 0x07, 0x00, 0x12,
	0x02, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x01,
	0xee, 0xee,
};

static void qmap_test_reply(struct kunit *test)
{
	u8 out[40], inplace[sizeof(qmap_req_pad)];
	struct qmap_rx_record rec;

	/* As the driver would: the record as qmap_rx_next() found it. */
	KUNIT_ASSERT_EQ(test, qmap_rx_next(qmap_req_v4, sizeof(qmap_req_v4), 0,
					   QMAP_FORMAT_V4, &rec), 28U);
	KUNIT_ASSERT_EQ(test, rec.status, QMAP_RX_CMD);
	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out),
						   qmap_req_v4 + rec.frame,
						   rec.frame_len, QMAP_CMD_ACK),
			20U);
	KUNIT_EXPECT_MEMEQ(test, out, qmap_ack, sizeof(qmap_ack));
	KUNIT_EXPECT_EQ(test, out[20], 0xa5);

	/* Exactly enough room; one byte less is no reply, nothing written. */
	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, 20, qmap_req_v4, 28,
						   QMAP_CMD_ACK), 20U);
	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, 19, qmap_req_v4, 28,
						   QMAP_CMD_ACK), 0U);
	KUNIT_EXPECT_EQ(test, out[0], 0xa5);

	/* In place, with pad and reserved bits. */
	memcpy(inplace, qmap_req_pad, sizeof(inplace));
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(inplace, sizeof(inplace), inplace,
						   sizeof(inplace),
						   QMAP_CMD_UNSUPPORTED), 22U);
	KUNIT_EXPECT_MEMEQ(test, inplace, qmap_unsupported_pad, sizeof(inplace));

	/* INVALID is type 3. */
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out), qmap_req_v4, 28,
						   QMAP_CMD_INVALID), 20U);
	KUNIT_EXPECT_EQ(test, out[5], 0x03);

	/* Types that are no reply. */
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out), qmap_req_v4, 28,
						   QMAP_CMD_REQUEST), 0U);
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out), qmap_req_v4, 28,
						   4), 0U);
	/* Request cut short: the body, then the header. */
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out), qmap_req_v4, 19,
						   QMAP_CMD_ACK), 0U);
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out), qmap_req_v4, 3,
						   QMAP_CMD_ACK), 0U);
	/* Not a command: the UDP/IPv4 data record of the plain vector. */
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out),
						   qmap_vec_plain_agg, 36,
						   QMAP_CMD_ACK), 0U);
	/* A command whose body is shorter than QMAP_CMD_LEN. */
	KUNIT_EXPECT_EQ(test, qmap_cmd_build_reply(out, sizeof(out),
						   qmap_vec_plain_drops + 40, 12,
						   QMAP_CMD_ACK), 0U);
}

static void qmap_test_ul_hdr(struct kunit *test)
{
	static const u8 plain[] = { 0x00, 0x05, 0x00, 0x1d };
	static const u8 v4_tcp6[] = { 0x00, 0x01, 0x00, 0x3c, 0x00, 0x28, 0x80, 0x10 };
	static const u8 v4_udp4[] = { 0x00, 0x01, 0x00, 0x1d, 0x00, 0x14, 0xc0, 0x06 };
	static const u8 v4_none[] = { 0x00, 0xfe, 0x00, 0x1d, 0x00, 0x00, 0x00, 0x00 };
	static const u8 v5_csum[] = { 0x40, 0x01, 0xff, 0xff, 0x04, 0x80, 0x00, 0x00 };
	static const u8 v5_none[] = { 0x40, 0x01, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00 };
	const struct qmap_ul_csum tcp6 = { .start = 40, .offset = 16 };
	const struct qmap_ul_csum udp4 = { .start = 20, .offset = 6, .udp = true };
	const struct qmap_ul_csum far = { .start = 20, .offset = 8 };
	const struct qmap_ul_csum huge = { .start = 0, .offset = 0x4000 };
	u8 h[12];

	KUNIT_EXPECT_EQ(test, qmap_ul_hdr_len(QMAP_FORMAT_PLAIN), 4U);
	KUNIT_EXPECT_EQ(test, qmap_ul_hdr_len(QMAP_FORMAT_V4), 8U);
	KUNIT_EXPECT_EQ(test, qmap_ul_hdr_len(QMAP_FORMAT_V5), 8U);
	KUNIT_EXPECT_EQ(test, qmap_ul_hdr_len((enum qmap_format)3), 0U);

	memset(h, 0xa5, sizeof(h));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 5, 29, QMAP_FORMAT_PLAIN, NULL), 4U);
	KUNIT_EXPECT_MEMEQ(test, h, plain, sizeof(plain));
	KUNIT_EXPECT_EQ(test, h[4], 0xa5);

	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 60, QMAP_FORMAT_V4, &tcp6), 8U);
	KUNIT_EXPECT_MEMEQ(test, h, v4_tcp6, sizeof(v4_tcp6));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 29, QMAP_FORMAT_V4, &udp4), 8U);
	KUNIT_EXPECT_MEMEQ(test, h, v4_udp4, sizeof(v4_udp4));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 254, 29, QMAP_FORMAT_V4, NULL), 8U);
	KUNIT_EXPECT_MEMEQ(test, h, v4_none, sizeof(v4_none));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 65535, QMAP_FORMAT_V5, &udp4), 8U);
	KUNIT_EXPECT_MEMEQ(test, h, v5_csum, sizeof(v5_csum));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 1, QMAP_FORMAT_V5, NULL), 8U);
	KUNIT_EXPECT_MEMEQ(test, h, v5_none, sizeof(v5_none));

	/* Refused, with nothing written. */
	memset(h, 0xa5, sizeof(h));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 0, 29, QMAP_FORMAT_PLAIN, NULL), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 255, 29, QMAP_FORMAT_V5, NULL), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 0, QMAP_FORMAT_PLAIN, NULL), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 65536, QMAP_FORMAT_V4, NULL), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 29, (enum qmap_format)3, NULL), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 29, QMAP_FORMAT_PLAIN, &udp4), 0U);
	/* checksum field at 28..29, one byte past a 29-byte packet */
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 29, QMAP_FORMAT_V4, &far), 0U);
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 30, QMAP_FORMAT_V4, &far), 8U);
	memset(h, 0xa5, sizeof(h));
	KUNIT_EXPECT_EQ(test, qmap_ul_build_hdr(h, 1, 65535, QMAP_FORMAT_V4, &huge), 0U);
	KUNIT_EXPECT_EQ(test, h[0], 0xa5);
}

/* A MAPv4 request leaves the complement of the stack's field. */
static void qmap_test_v4_field(struct kunit *test)
{
	/* IPv4 (20 bytes) + UDP: the checksum field at 20 + 6. */
	u8 ip[28] = { 0x45, [26] = 0x12, [27] = 0x34 };
	struct qmap_ul_csum csum = { .start = 20, .offset = 6, .udp = true };
	u8 want[28] = { 0x45, [26] = 0xed, [27] = 0xcb };

	KUNIT_EXPECT_TRUE(test, qmap_v4_ul_prep_field(ip, sizeof(ip), &csum));
	KUNIT_EXPECT_MEMEQ(test, ip, want, sizeof(ip));
	/* The field must lie inside the packet: nothing is written. */
	csum.offset = 7;
	KUNIT_EXPECT_FALSE(test, qmap_v4_ul_prep_field(ip, sizeof(ip), &csum));
	KUNIT_EXPECT_MEMEQ(test, ip, want, sizeof(ip));
}

static void qmap_test_agg(struct kunit *test)
{
	struct qmap_agg agg = { .max_bytes = 100, .max_frames = 3 };

	/* Full when fewer than QMAP_AGG_MIN_FRAME (24) bytes are left. */
	KUNIT_EXPECT_TRUE(test, qmap_agg_fits(&agg, 40));
	KUNIT_EXPECT_FALSE(test, qmap_agg_add(&agg, 40));
	KUNIT_EXPECT_TRUE(test, qmap_agg_fits(&agg, 36));
	KUNIT_EXPECT_FALSE(test, qmap_agg_add(&agg, 36));	/* 24 left */
	KUNIT_EXPECT_EQ(test, agg.len, 76U);
	KUNIT_EXPECT_EQ(test, agg.frames, 2U);
	KUNIT_EXPECT_TRUE(test, qmap_agg_fits(&agg, 24));
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 25));
	qmap_agg_reset(&agg);
	KUNIT_EXPECT_EQ(test, agg.len, 0U);
	KUNIT_EXPECT_EQ(test, agg.frames, 0U);
	KUNIT_EXPECT_EQ(test, agg.max_bytes, 100U);
	KUNIT_EXPECT_FALSE(test, qmap_agg_add(&agg, 40));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 37));	/* 23 left */

	/* Full at max_frames. */
	agg = (struct qmap_agg){ .max_bytes = 1000, .max_frames = 2 };
	KUNIT_EXPECT_FALSE(test, qmap_agg_add(&agg, 30));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 30));
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 30));

	/* Full at max_bytes exactly. */
	agg = (struct qmap_agg){ .max_bytes = 100, .max_frames = 10 };
	KUNIT_EXPECT_FALSE(test, qmap_agg_add(&agg, 60));
	KUNIT_EXPECT_TRUE(test, qmap_agg_fits(&agg, 40));
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 41));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 40));

	/* Aggregation off: every frame alone. */
	agg = (struct qmap_agg){ .max_bytes = 4096, .max_frames = 1 };
	KUNIT_EXPECT_TRUE(test, qmap_agg_fits(&agg, 1500));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 1500));
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 24));

	/* Larger than any aggregate: does not fit, goes alone. */
	agg = (struct qmap_agg){ .max_bytes = 100, .max_frames = 10 };
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 101));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 101));
	KUNIT_EXPECT_EQ(test, agg.len, 101U);
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 1));

	/* No frame of 0 bytes; no aggregate of 0 frames. */
	agg = (struct qmap_agg){ .max_bytes = 100, .max_frames = 10 };
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 0));
	agg.max_frames = 0;
	KUNIT_EXPECT_FALSE(test, qmap_agg_fits(&agg, 24));
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 24));

	/* The byte count saturates. */
	agg = (struct qmap_agg){ .max_bytes = U32_MAX, .max_frames = 10,
				 .len = U32_MAX - 5 };
	KUNIT_EXPECT_TRUE(test, qmap_agg_add(&agg, 10));
	KUNIT_EXPECT_EQ(test, agg.len, U32_MAX);
}

static struct kunit_case qmap_test_cases[] = {
	KUNIT_CASE_PARAM(qmap_test_golden, qmap_golden_gen_params),
	KUNIT_CASE(qmap_test_every_status),
	KUNIT_CASE(qmap_test_prefixes),
	KUNIT_CASE(qmap_test_short),
	KUNIT_CASE(qmap_test_reply),
	KUNIT_CASE(qmap_test_ul_hdr),
	KUNIT_CASE(qmap_test_v4_field),
	KUNIT_CASE(qmap_test_agg),
	{}
};

static struct kunit_suite qmap_test_suite = {
	.name = "rmnet_qmap",
	.test_cases = qmap_test_cases,
};

kunit_test_suite(qmap_test_suite);

MODULE_DESCRIPTION("KUnit tests for the QMAP (rmnet MAP) codec");
MODULE_LICENSE("GPL");
