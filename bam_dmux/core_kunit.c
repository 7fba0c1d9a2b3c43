// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the BAM-DMUX core: wire-format helpers, link ids, and
 * the RX frame parser fed with every kind of malformed frame.
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/skbuff.h>
#include <linux/wwan.h>

#include "bam_dmux.h"
#include "wire_vectors_kunit.h"

static void bam_dmux_test_pad(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(0), 0U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(1), 3U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(2), 2U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(3), 1U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(4), 0U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pad_len(1501), 3U);
}

static void bam_dmux_test_codes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, bam_dmux_size_from_code(0), 2048U);
	KUNIT_EXPECT_EQ(test, bam_dmux_size_from_code(1), 4096U);
	KUNIT_EXPECT_EQ(test, bam_dmux_size_from_code(2), 8192U);
	KUNIT_EXPECT_EQ(test, bam_dmux_size_from_code(3), 16384U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pool_from_code(0), 32U);
	KUNIT_EXPECT_EQ(test, bam_dmux_pool_from_code(3), 256U);
	KUNIT_EXPECT_EQ(test, sizeof(struct bam_dmux_hdr), 8U);
}

static void bam_dmux_test_link_id(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_ID(0, 0), 0U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_ID(3, 0), 0x300U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_ID(7, 254), 0x7feU);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_CH(0x512U), 5U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_MUX(0x512U), 0x12U);
	/* The checksum flavour lives above the channel. */
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_CH(0x50512U), 5U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_MUX(0x50512U), 0x12U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_CSUM(0x50512U), 5U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_CSUM(0x40001U), 4U);
	KUNIT_EXPECT_EQ(test, BAM_DMUX_LINK_CSUM(0x7feU), 0U);
}

/* Descriptions and link ids map one to the other; bad ones are refused. */
static void bam_dmux_test_link_desc(struct kunit *test)
{
	static const struct {
		u32 ch, proto, mux, id;
	} good[] = {
		{ 0, WWAN_LINK_PROTO_NONE, 0, 0x0 },
		{ 7, WWAN_LINK_PROTO_NONE, 0, 0x700 },
		{ 0, WWAN_LINK_PROTO_QMAP, 1, 0x1 },
		{ 3, WWAN_LINK_PROTO_QMAPV4, 254, 0x403fe },
		{ 1, WWAN_LINK_PROTO_QMAPV5, 5, 0x50105 },
	};
	static const struct {
		u32 ch, proto, mux;
		int err;
	} bad[] = {
		{ 8, WWAN_LINK_PROTO_NONE, 0, -EINVAL },
		{ 0, WWAN_LINK_PROTO_NONE, 3, -EINVAL },
		{ 0, WWAN_LINK_PROTO_QMAP, 0, -EINVAL },
		{ 0, WWAN_LINK_PROTO_QMAPV5, 255, -EINVAL },
		{ 0, WWAN_LINK_PROTO_QMAP, 256, -EINVAL },
		{ 0, WWAN_LINK_PROTO_MAX + 1, 1, -EOPNOTSUPP },
	};
	struct bam_dmux *dmux = test->priv;
	struct wwan_link_desc d, back;
	unsigned int i;
	u32 id;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		d = (struct wwan_link_desc){ good[i].ch, good[i].proto,
					     good[i].mux };
		id = U32_MAX;
		KUNIT_EXPECT_EQ(test, bam_dmux_link_id_from_desc(dmux, &d, &id,
								 NULL), 0);
		KUNIT_EXPECT_EQ(test, id, good[i].id);
		KUNIT_EXPECT_EQ(test, bam_dmux_link_desc(dmux, id, &back), 0);
		KUNIT_EXPECT_EQ(test, back.channel, good[i].ch);
		KUNIT_EXPECT_EQ(test, back.protocol, good[i].proto);
		KUNIT_EXPECT_EQ(test, back.mux_id, good[i].mux);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		d = (struct wwan_link_desc){ bad[i].ch, bad[i].proto,
					     bad[i].mux };
		KUNIT_EXPECT_EQ(test, bam_dmux_link_id_from_desc(dmux, &d, &id,
								 NULL),
				bad[i].err);
	}

	/* No protocol: raw for mux 0, else the channel's QMAP format. */
	d = (struct wwan_link_desc){ 1, WWAN_LINK_PROTO_ANY, 0 };
	KUNIT_EXPECT_EQ(test, bam_dmux_link_id_from_desc(dmux, &d, &id, NULL),
			0);
	KUNIT_EXPECT_EQ(test, id, 0x100U);
	d.mux_id = 2;
	KUNIT_EXPECT_EQ(test, bam_dmux_link_id_from_desc(dmux, &d, &id, NULL),
			0);
	KUNIT_EXPECT_EQ(test, id, 0x102U);
	dmux->ch[1].qmap_links = 1;
	dmux->ch[1].qmap_fmt = QMAP_FORMAT_V4;
	KUNIT_EXPECT_EQ(test, bam_dmux_link_id_from_desc(dmux, &d, &id, NULL),
			0);
	KUNIT_EXPECT_EQ(test, id, 0x40102U);
	dmux->ch[1].qmap_links = 0;

	/* Link ids the driver never makes have no description. */
	KUNIT_EXPECT_EQ(test, bam_dmux_link_desc(dmux, 0x10001, &back),
			-EINVAL);
}

static void bam_dmux_test_noop_work(struct work_struct *work)
{
}

static int bam_dmux_test_init(struct kunit *test)
{
	struct bam_dmux *dmux;
	int i;

	dmux = kunit_kzalloc(test, sizeof(*dmux), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dmux);
	for (i = 0; i < BAM_DMUX_NR_DEV_STATS; i++)
		atomic64_set(&dmux->stats[i], 0);
	spin_lock_init(&dmux->tx_lock);
	spin_lock_init(&dmux->carrier_lock);
	for (i = 0; i < BAM_DMUX_NUM_CH; i++)
		xa_init_flags(&dmux->ch[i].muxes, XA_FLAGS_LOCK_BH);
	dmux->ul_mtu = BAM_DMUX_BUF_SIZE_DEFAULT;
	dmux->rx_buf_size = BAM_DMUX_BUF_SIZE_DEFAULT;
	dmux->dl_size = BAM_DMUX_DL_SIZE_DEFAULT;
	dmux->rx_pool = BAM_DMUX_RX_POOL_DEFAULT;
	/* The frames fed here are exactly as long as their transfer. */
	dmux->rx_len_known = true;
	skb_queue_head_init(&dmux->tx_deferred);
	/* Announcements schedule the link registration; not wanted here. */
	INIT_DELAYED_WORK(&dmux->register_work, bam_dmux_test_noop_work);
	INIT_WORK(&dmux->mtu_work, bam_dmux_test_noop_work);
	test->priv = dmux;
	return 0;
}

static void bam_dmux_test_exit(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;

	flush_delayed_work(&dmux->register_work);
	flush_work(&dmux->mtu_work);
}

/* Feed one frame: header fields as given, @payload bytes of data. */
static void bam_dmux_test_feed_sig(struct kunit *test, u16 magic, u8 cmd,
				   u8 ch, u16 len, u8 pad, unsigned int payload,
				   u8 signal)
{
	struct bam_dmux *dmux = test->priv;
	struct bam_dmux_hdr *hdr;

	hdr = kunit_kzalloc(test, sizeof(*hdr) + payload, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	bam_dmux_hdr_init(hdr, cmd, ch, len, pad);
	hdr->magic = cpu_to_le16(magic);
	hdr->signal = signal;
	/* An IPv4 version nibble, so only the checks under test can fail. */
	memset(hdr + 1, 0x45, payload);

	local_bh_disable();
	bam_dmux_rx_handle(dmux, hdr, sizeof(*hdr) + payload,
			   sizeof(*hdr) + payload);
	local_bh_enable();
}

static void bam_dmux_test_feed(struct kunit *test, u16 magic, u8 cmd, u8 ch,
			       u16 len, u8 pad, unsigned int payload)
{
	bam_dmux_test_feed_sig(test, magic, cmd, ch, len, pad, payload, 0);
}

static u64 bam_dmux_test_stat(struct kunit *test, enum bam_dmux_dev_stat s)
{
	struct bam_dmux *dmux = test->priv;

	return atomic64_read(&dmux->stats[s]);
}

static void bam_dmux_test_short(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;
	u8 frame[3] = { 0xfc, 0x33, 0x00 };

	local_bh_disable();
	bam_dmux_rx_handle(dmux, frame, sizeof(frame), sizeof(frame));
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_SHORT), 1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_FRAMES), 1);
}

static void bam_dmux_test_bad_magic(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;

	bam_dmux_test_feed(test, 0x33fd, BAM_DMUX_CMD_DATA, 0, 20, 0, 20);
	bam_dmux_test_feed(test, 0xfc33, BAM_DMUX_CMD_OPEN, 0, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_MAGIC),
			2);
	KUNIT_EXPECT_FALSE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN,
					  &dmux->ch[0].flags));
}

static void bam_dmux_test_bad_channel(struct kunit *test)
{
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN,
			   BAM_DMUX_NUM_CH, 0, 0, 0);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 200,
			   20, 0, 20);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 255,
			   0, 0, 0);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_CHANNEL), 3);
}

static void bam_dmux_test_bad_cmd(struct kunit *test)
{
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, 9, 0, 0, 0, 0);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, 0xff, 1, 20, 0, 20);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_CMD), 2);
}

static void bam_dmux_test_status(struct kunit *test)
{
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_STATUS, 0,
			   0, 0, 0);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_STATUS), 1);
}

static void bam_dmux_test_open_close(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;
	unsigned long *flags = &dmux->ch[3].flags;

	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 3,
			   0, 0, 0);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_CLOSE_NOT_OPEN),
			1);

	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 3,
			   0, 0, 0);
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN, flags));
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_ANNOUNCED, flags));

	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 3,
			   0, 0, 0);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_DUP_OPEN),
			1);

	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 3,
			   0, 0, 0);
	KUNIT_EXPECT_FALSE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN, flags));
	/* Announced stays: the links of a closed channel are kept. */
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_ANNOUNCED, flags));

	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN_NO_A2_PC,
			   4, 0, 0, 0);
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN,
					 &dmux->ch[4].flags));
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_OPEN_NO_PC),
			1);
}

static void bam_dmux_test_bad_len(struct kunit *test)
{
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 0,
			   0, 0, 0);
	/* Longer than the transfer. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			   100, 0, 60);
	/* Fits, but not with its padding. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			   60, 3, 60);
	/* Empty DATA. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			   0, 0, 20);
	/* Length from the transfer, but the padding eats it all. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			   BAM_DMUX_LEN_FROM_TRANSFER, 3, 2);
	/* Length near the u16 limit, transfer tiny. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			   0xfffe, 0, 40);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_LEN), 5);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_NO_LINK), 0);
}

static void bam_dmux_test_no_link(struct kunit *test)
{
	/* Well formed, but nobody listens on channel 5. */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 5,
			   40, 0, 40);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 5,
			   BAM_DMUX_LEN_FROM_TRANSFER, 0, 40);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_NO_LINK), 2);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_LEN), 0);
}

/*
 * TX padding goes behind the packet, into memory a clone shares (a packet
 * tap, a TCP retransmit queue): the frame must be built on private data.
 */
static void bam_dmux_test_tx_pad_clone(struct kunit *test)
{
	static const u8 tail[4] = { 0xa5, 0xa5, 0xa5, 0xa5 };
	struct sk_buff *skb, *clone;

	skb = alloc_skb(64 + sizeof(tail), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	memset(skb_put(skb, 21), 0x45, 21);
	/* What lies behind the packet in the shared buffer. */
	memcpy(skb_tail_pointer(skb), tail, sizeof(tail));
	/* As TCP's clones: the header is the clone's own, only the data is
	 * shared, so making room for the header copies nothing.
	 */
	__skb_header_release(skb);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);

	KUNIT_ASSERT_EQ(test, bam_dmux_tx_build_data(clone, 2), 0);
	KUNIT_EXPECT_EQ(test, clone->len, 8U + 21 + 3);
	KUNIT_EXPECT_FALSE(test, skb_cloned(clone));
	/* The original's buffer is untouched, behind its data too. */
	KUNIT_EXPECT_EQ(test, skb->len, 21U);
	KUNIT_EXPECT_MEMEQ(test, skb_tail_pointer(skb), tail, sizeof(tail));

	kfree_skb(clone);
	kfree_skb(skb);
}

/*
 * A transport that cannot tell transfer lengths reports the whole buffer:
 * 0xffff would send the stale bytes behind the frame up the stack.
 */
static void bam_dmux_test_len_unknown(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;

	dmux->rx_len_known = false;
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 5,
			   BAM_DMUX_LEN_FROM_TRANSFER, 0, 120);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_LEN_UNKNOWN), 1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_BAD_LEN), 0);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_NO_LINK), 0);

	/* A transport that knows takes the length from the transfer. */
	dmux->rx_len_known = true;
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 5,
			   BAM_DMUX_LEN_FROM_TRANSFER, 0, 120);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_LEN_UNKNOWN), 1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_NO_LINK), 1);
}

/*
 * Dynamic MTU: the modem's first OPEN after a (re)start offers it with its
 * UL limit, or not; our OPEN answers with pool and large buffer size; the
 * DATA signal switches the size of the buffers queued from then on.
 */
static void bam_dmux_test_dyn_mtu(struct kunit *test)
{
	struct bam_dmux *dmux = test->priv;

	/* A modem without the feature: UL limit 2 KiB, OPEN signal 0 */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 0, 0, 0, 0);
	KUNIT_EXPECT_FALSE(test, dmux->dyn_mtu);
	KUNIT_EXPECT_EQ(test, dmux->ul_mtu, 2048U);
	KUNIT_EXPECT_EQ(test, bam_dmux_tx_open_signal(dmux), 0);
	/* ... that asks for large buffers anyway: ignored, counted */
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 0,
			       40, 0, 40, 0x02);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 2048U);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_SIGNAL_UNEXPECTED),
			1);
	/* ... and whose next OPEN disagrees: the first one stands */
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 1,
			       0, 0, 0, 0x82);
	KUNIT_EXPECT_FALSE(test, dmux->dyn_mtu);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_MTU_CONFLICT), 1);

	/* Every channel closed: a restart, after which it offers 8 KiB */
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 0, 0, 0, 0);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 1, 0, 0, 0);
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 1,
			       0, 0, 0, 0x82);
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 0,
			       0, 0, 0, 0x82);
	KUNIT_EXPECT_TRUE(test, dmux->dyn_mtu);
	KUNIT_EXPECT_EQ(test, dmux->ul_mtu, 8192U);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_MTU_CONFLICT), 1);
	/* Our answer, by hand: 0x02 | pool code << 4 | size code << 6 */
	KUNIT_EXPECT_EQ(test, bam_dmux_tx_open_signal(dmux), 0xc2);
	dmux->rx_pool = 256;
	dmux->dl_size = 2048;
	KUNIT_EXPECT_EQ(test, bam_dmux_tx_open_signal(dmux), 0x32);
	dmux->rx_pool = 64;
	dmux->dl_size = 4096;
	KUNIT_EXPECT_EQ(test, bam_dmux_tx_open_signal(dmux), 0x52);

	/* Edges of the DATA signal */
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 1,
			       40, 0, 40, 0x02);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 4096U);
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 1,
			       40, 0, 40, 0x02);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_LARGE_ON),
			1);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 1,
			   40, 0, 40);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 2048U);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_LARGE_OFF),
			1);

	/* A restart forgets the large buffers */
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 1,
			       40, 0, 40, 0x02);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 4096U);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 0, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 4096U);
	bam_dmux_test_feed(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_CLOSE, 1, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 2048U);
	KUNIT_EXPECT_FALSE(test, dmux->rx_large);
	/* ... and so does a crash (an OPEN without a CLOSE), whose firmware
	 * may offer something else
	 */
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 1,
			       0, 0, 0, 0x82);
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_DATA, 1,
			       40, 0, 40, 0x02);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 4096U);
	bam_dmux_test_feed_sig(test, BAM_DMUX_MAGIC, BAM_DMUX_CMD_OPEN, 1,
			       0, 0, 0, 0xc2);
	KUNIT_EXPECT_EQ(test, dmux->rx_buf_size, 2048U);
	KUNIT_EXPECT_EQ(test, dmux->ul_mtu, 16384U);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_MTU_CONFLICT), 1);
}

/* Feed a DATA frame of channel 2 (in QMAP framing) holding @map. */
static void bam_dmux_test_feed_qmap(struct kunit *test, const u8 *map,
				    unsigned int len)
{
	struct bam_dmux *dmux = test->priv;
	struct bam_dmux_hdr *hdr;

	hdr = kunit_kzalloc(test, sizeof(*hdr) + len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	bam_dmux_hdr_init(hdr, BAM_DMUX_CMD_DATA, 2,
			  BAM_DMUX_LEN_FROM_TRANSFER, 0);
	memcpy(hdr + 1, map, len);
	local_bh_disable();
	bam_dmux_rx_handle(dmux, hdr, sizeof(*hdr) + len, sizeof(*hdr) + len);
	local_bh_enable();
}

/*
 * QMAP framing: every record of an aggregate is counted once, by the
 * codec's reason or, well formed, as data nobody listens to (no link).
 * The MAP bytes are written by hand: header (flags|pad, mux, be16 len).
 */
static void bam_dmux_test_qmap_rx(struct kunit *test)
{
	static const u8 agg[] = {
		/* mux 1, 20-byte IPv4 packet, no pad */
		0x00, 0x01, 0x00, 0x14,
		0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0,
		10, 0, 0, 1, 10, 0, 0, 2,
		/* mux 0: reserved */
		0x00, 0x00, 0x00, 0x04, 0x45, 0, 0, 0,
		/* pad 4 >= pkt_len 4 */
		0x04, 0x07, 0x00, 0x04, 0x45, 0, 0, 0,
		/* mux 9, 3-byte IPv6-looking packet with 1 byte pad */
		0x01, 0x09, 0x00, 0x04, 0x60, 0, 0, 0,
		/* not IP */
		0x00, 0x09, 0x00, 0x04, 0x11, 0, 0, 0,
		/* runs past the frame */
		0x00, 0x09, 0x00, 0x40, 0x45, 0, 0, 0,
	};
	static const u8 zero[] = {
		0x00, 0x03, 0x00, 0x00, 0x45, 0, 0, 0,
	};
	struct bam_dmux *dmux = test->priv;

	set_bit(BAM_DMUX_CH_QMAP, &dmux->ch[2].flags);
	bam_dmux_test_feed_qmap(test, agg, sizeof(agg));
	bam_dmux_test_feed_qmap(test, zero, sizeof(zero));
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_NO_LINK),
			2);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_BAD_MUX),
			1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_BAD_PAD),
			1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_BAD_IP),
			1);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_PAST_BUF), 1);
	KUNIT_EXPECT_EQ(test,
			bam_dmux_test_stat(test, BAM_DMUX_RX_QMAP_ZERO_LEN), 1);
	/* The raw path saw none of it. */
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_NO_LINK), 0);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_FRAMES), 2);
}

static struct kunit_case bam_dmux_core_cases[] = {
	KUNIT_CASE(bam_dmux_test_dyn_mtu),
	KUNIT_CASE(bam_dmux_test_qmap_rx),
	KUNIT_CASE(bam_dmux_test_pad),
	KUNIT_CASE(bam_dmux_test_codes),
	KUNIT_CASE(bam_dmux_test_link_id),
	KUNIT_CASE(bam_dmux_test_link_desc),
	KUNIT_CASE(bam_dmux_test_short),
	KUNIT_CASE(bam_dmux_test_bad_magic),
	KUNIT_CASE(bam_dmux_test_bad_channel),
	KUNIT_CASE(bam_dmux_test_bad_cmd),
	KUNIT_CASE(bam_dmux_test_status),
	KUNIT_CASE(bam_dmux_test_open_close),
	KUNIT_CASE(bam_dmux_test_bad_len),
	KUNIT_CASE(bam_dmux_test_no_link),
	KUNIT_CASE(bam_dmux_test_len_unknown),
	KUNIT_CASE(bam_dmux_test_tx_pad_clone),
	{}
};

static struct kunit_suite bam_dmux_core_suite = {
	.name = "bam_dmux_core",
	.init = bam_dmux_test_init,
	.exit = bam_dmux_test_exit,
	.test_cases = bam_dmux_core_cases,
};

/*
 * Golden vectors (wire_vectors_kunit.h): bytes written by hand from the
 * protocol, which the simulator's suite checks too. The driver must build
 * the host-to-modem ones byte for byte and parse the modem-to-host ones.
 */

/* Counters that moved in total: the frame itself plus its one outcome. */
static u64 bam_dmux_wire_stat_sum(struct kunit *test)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < BAM_DMUX_NR_DEV_STATS; i++)
		sum += bam_dmux_test_stat(test, i);
	return sum;
}

static void bam_dmux_wire_feed(struct kunit *test,
			       const struct bam_dmux_wire_vec *v)
{
	struct bam_dmux *dmux = test->priv;
	void *frame;

	frame = kunit_kmalloc(test, v->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, frame);
	memcpy(frame, v->frame, v->size);

	local_bh_disable();
	bam_dmux_rx_handle(dmux, frame, v->size, v->size);
	local_bh_enable();
}

/**
 * struct bam_dmux_wire_rx - a modem-to-host vector and its one outcome
 * @id: the vector
 * @stat: the counter it must bump, besides %BAM_DMUX_RX_FRAMES
 */
struct bam_dmux_wire_rx {
	enum bam_dmux_wv_id id;
	enum bam_dmux_dev_stat stat;
};

/* Well-formed DATA goes nowhere here: no link is up, so NO_LINK. */
static const struct bam_dmux_wire_rx bam_dmux_wire_rx_cases[] = {
	{ BAM_DMUX_WV_RX_DATA,		BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_TX_DATA_PAD0,	BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_TX_DATA_PAD1,	BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_TX_DATA_PAD2,	BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_TX_DATA_PAD3,	BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_DATA_LONG,	BAM_DMUX_RX_NO_LINK },
	{ BAM_DMUX_WV_RX_STATUS,	BAM_DMUX_RX_STATUS },
	{ BAM_DMUX_WV_RX_BAD_MAGIC,	BAM_DMUX_RX_BAD_MAGIC },
	{ BAM_DMUX_WV_RX_BAD_LEN,	BAM_DMUX_RX_BAD_LEN },
	{ BAM_DMUX_WV_RX_BAD_CHANNEL,	BAM_DMUX_RX_BAD_CHANNEL },
	{ BAM_DMUX_WV_RX_BAD_CMD,	BAM_DMUX_RX_BAD_CMD },
	{ BAM_DMUX_WV_RX_SHORT,		BAM_DMUX_RX_SHORT },
};

static void bam_dmux_wire_rx_desc(const struct bam_dmux_wire_rx *c,
				  char *desc)
{
	strscpy(desc, bam_dmux_wire_vectors[c->id].name,
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bam_dmux_wire_rx, bam_dmux_wire_rx_cases,
		  bam_dmux_wire_rx_desc);

static void bam_dmux_wire_test_rx(struct kunit *test)
{
	const struct bam_dmux_wire_rx *c = test->param_value;

	bam_dmux_wire_feed(test, &bam_dmux_wire_vectors[c->id]);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_FRAMES), 1);
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, c->stat), 1);
	KUNIT_EXPECT_EQ(test, bam_dmux_wire_stat_sum(test), 2);
}

/* OPEN, CLOSE and OPEN_NO_A2_PC change the channel state, nothing else. */
static void bam_dmux_wire_test_rx_cmds(struct kunit *test)
{
	const struct bam_dmux_wire_vec *no_pc = bam_dmux_wv(RX_OPEN_NO_PC);
	const struct bam_dmux_wire_vec *open = bam_dmux_wv(RX_OPEN);
	struct bam_dmux *dmux = test->priv;

	bam_dmux_wire_feed(test, open);
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN,
					 &dmux->ch[open->ch].flags));
	bam_dmux_wire_feed(test, bam_dmux_wv(RX_CLOSE));
	KUNIT_EXPECT_FALSE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN,
					  &dmux->ch[open->ch].flags));
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_FRAMES), 2);
	KUNIT_EXPECT_EQ(test, bam_dmux_wire_stat_sum(test), 2);

	bam_dmux_wire_feed(test, no_pc);
	KUNIT_EXPECT_TRUE(test, test_bit(BAM_DMUX_CH_REMOTE_OPEN,
					 &dmux->ch[no_pc->ch].flags));
	KUNIT_EXPECT_EQ(test, bam_dmux_test_stat(test, BAM_DMUX_RX_OPEN_NO_PC),
			1);
	KUNIT_EXPECT_EQ(test, bam_dmux_wire_stat_sum(test), 4);
}

/* DATA frames padded by the driver's rule, 0..3 bytes. */
static const enum bam_dmux_wv_id bam_dmux_wire_tx_data_cases[] = {
	BAM_DMUX_WV_TX_DATA_PAD0,
	BAM_DMUX_WV_TX_DATA_PAD1,
	BAM_DMUX_WV_TX_DATA_PAD2,
	BAM_DMUX_WV_TX_DATA_PAD3,
	BAM_DMUX_WV_DATA_LONG,
};

static void bam_dmux_wire_id_desc(const enum bam_dmux_wv_id *id, char *desc)
{
	strscpy(desc, bam_dmux_wire_vectors[*id].name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bam_dmux_wire_tx_data, bam_dmux_wire_tx_data_cases,
		  bam_dmux_wire_id_desc);

/* An IP packet in an skb with no head- or tailroom to spare. */
static void bam_dmux_wire_test_tx_data(struct kunit *test)
{
	const enum bam_dmux_wv_id *id = test->param_value;
	const struct bam_dmux_wire_vec *v = &bam_dmux_wire_vectors[*id];
	struct sk_buff *skb;

	skb = alloc_skb(v->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, v->frame + BAM_DMUX_WV_HDR_LEN, v->len);

	KUNIT_ASSERT_EQ(test, bam_dmux_tx_build_data(skb, v->ch), 0);
	KUNIT_EXPECT_EQ(test, skb->len, v->size);
	if (skb->len == v->size)
		KUNIT_EXPECT_MEMEQ(test, skb->data, v->frame, v->size);
	kfree_skb(skb);
}

static void bam_dmux_wire_test_tx_cmd(struct kunit *test)
{
	static const struct {
		enum bam_dmux_wv_id id;
		u8 cmd;
	} cmds[] = {
		{ BAM_DMUX_WV_TX_OPEN, BAM_DMUX_CMD_OPEN },
		{ BAM_DMUX_WV_TX_CLOSE, BAM_DMUX_CMD_CLOSE },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		const struct bam_dmux_wire_vec *v =
			&bam_dmux_wire_vectors[cmds[i].id];
		struct sk_buff *skb;

		skb = bam_dmux_tx_build_cmd(v->ch, cmds[i].cmd, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ_MSG(test, skb->len, v->size, "%s", v->name);
		if (skb->len == v->size)
			KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, v->frame,
					       v->size, "%s", v->name);
		kfree_skb(skb);
	}
}

static struct kunit_case bam_dmux_wire_cases[] = {
	KUNIT_CASE_PARAM(bam_dmux_wire_test_rx, bam_dmux_wire_rx_gen_params),
	KUNIT_CASE(bam_dmux_wire_test_rx_cmds),
	KUNIT_CASE_PARAM(bam_dmux_wire_test_tx_data,
			 bam_dmux_wire_tx_data_gen_params),
	KUNIT_CASE(bam_dmux_wire_test_tx_cmd),
	{}
};

static struct kunit_suite bam_dmux_wire_suite = {
	.name = "bam_dmux_wire",
	.init = bam_dmux_test_init,
	.exit = bam_dmux_test_exit,
	.test_cases = bam_dmux_wire_cases,
};

kunit_test_suites(&bam_dmux_core_suite, &bam_dmux_wire_suite);

MODULE_DESCRIPTION("KUnit tests for the BAM-DMUX core");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
