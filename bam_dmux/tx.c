// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX transmit path.
 *
 * Every frame, data or command, takes one runtime-PM reference when it is
 * queued and gives it back in bam_dmux_tx_finish(), the single exit of a
 * frame whether it completed, failed, was aborted or dropped. Frames wait
 * in @tx_deferred until the TX pipe runs (the modem acknowledged the AP
 * vote and is powered) and there is room in the TX ring; both are checked
 * under @tx_lock.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/netdevice.h>
#include <linux/pm_runtime.h>
#include <kunit/visibility.h>

#include "bam_dmux.h"
#include "qmap.h"

/**
 * bam_dmux_tx_in_flight() - TX frames the transport owns
 * @dmux: the instance
 *
 * Exact under tx_lock; a hint otherwise (the indexes are written with
 * WRITE_ONCE() under tx_lock).
 *
 * Return: the number of frames submitted and not yet reclaimed.
 */
unsigned int bam_dmux_tx_in_flight(struct bam_dmux *dmux)
{
	return READ_ONCE(dmux->tx_head) - READ_ONCE(dmux->tx_tail);
}

static unsigned int bam_dmux_tx_pending(struct bam_dmux *dmux)
{
	return bam_dmux_tx_in_flight(dmux) + skb_queue_len(&dmux->tx_deferred);
}

/*
 * The end of every frame: BQL, counters and the runtime-PM reference.
 * @reason is a link drop reason, or BAM_DMUX_NR_LINK_DROPS for success;
 * a dropped frame is counted once, under @reason on its link or, if it has
 * none (a command, or its link is gone), under @stat on the instance.
 * Called with tx_lock held.
 */
static void bam_dmux_tx_finish(struct bam_dmux *dmux, struct sk_buff *skb,
			       enum bam_dmux_link_drop reason,
			       enum bam_dmux_dev_stat stat)
{
	struct bam_dmux_tx_cb *cb = BAM_DMUX_TX_CB(skb);
	struct bam_dmux_link *link = cb->link;

	if (link) {
		netdev_tx_completed_queue(netdev_get_tx_queue(link->ndev, 0),
					  1, cb->bql_len);
		if (reason == BAM_DMUX_NR_LINK_DROPS)
			bam_dmux_link_tx(link, cb->packets, cb->ip_len);
		else
			bam_dmux_link_drop_n(link, reason, cb->packets);
	} else if (reason == BAM_DMUX_NR_LINK_DROPS) {
		if (cb->map_ack)
			bam_dmux_count(dmux, BAM_DMUX_TX_QMAP_ACK);
	} else {
		struct bam_dmux_hdr *hdr = (struct bam_dmux_hdr *)skb->data;

		bam_dmux_count(dmux, cb->map_ack ? BAM_DMUX_TX_QMAP_ACK_DROP :
						   stat);
		/* Our OPEN never reached the modem: DATA must not follow,
		 * and the channel is ours to open again.
		 */
		if (hdr->cmd == BAM_DMUX_CMD_OPEN) {
			clear_bit(BAM_DMUX_CH_TX_OPEN, &dmux->ch[hdr->ch].flags);
			clear_bit(BAM_DMUX_CH_OPEN_SENT,
				  &dmux->ch[hdr->ch].flags);
		}
	}

	if (reason == BAM_DMUX_NR_LINK_DROPS)
		dev_consume_skb_any(skb);
	else
		dev_kfree_skb_any(skb);

	pm_runtime_mark_last_busy(dmux->dev);
	pm_runtime_put_autosuspend(dmux->dev);
}

static void bam_dmux_tx_wake_links(struct bam_dmux *dmux)
{
	if (!dmux->tx_stopped ||
	    bam_dmux_tx_pending(dmux) > BAM_DMUX_TX_WAKE_FREE)
		return;

	dmux->tx_stopped = false;
	bam_dmux_link_wake_all(dmux);
}

/**
 * bam_dmux_tx_flow_reset() - forget the flow control of a channel's muxes
 * @dmux: the instance
 * @ch: a channel the modem closed or forgot (it restarted)
 *
 * A restarted modem never enables what its old firmware disabled. Any
 * context.
 */
void bam_dmux_tx_flow_reset(struct bam_dmux *dmux, u8 ch)
{
	struct bam_dmux_link *link;
	unsigned long mux;

	spin_lock_bh(&dmux->tx_lock);
	rcu_read_lock();
	xa_for_each(&dmux->ch[ch].muxes, mux, link) {
		if (!READ_ONCE(link->flow_off))
			continue;
		WRITE_ONCE(link->flow_off, false);
		if (!dmux->tx_stopped)
			netif_wake_queue(link->ndev);
	}
	rcu_read_unlock();
	spin_unlock_bh(&dmux->tx_lock);
}

/**
 * bam_dmux_tx_set_flow() - the modem stops or resumes a link's flow
 * @dmux: the instance
 * @link: the link of the mux id the modem named
 * @off: stop (QMAP FLOW_DISABLE) or resume (FLOW_ENABLE)
 *
 * A resumed link only wakes if the ring has room for it. Any context.
 */
void bam_dmux_tx_set_flow(struct bam_dmux *dmux, struct bam_dmux_link *link,
			  bool off)
{
	spin_lock_bh(&dmux->tx_lock);
	WRITE_ONCE(link->flow_off, off);
	if (off)
		netif_stop_queue(link->ndev);
	else if (!dmux->tx_stopped)
		netif_wake_queue(link->ndev);
	spin_unlock_bh(&dmux->tx_lock);
}

/* Move deferred frames into the ring while the pipe runs and has room. */
static void __bam_dmux_tx_kick(struct bam_dmux *dmux)
{
	bool submitted = false;
	struct sk_buff *skb;

	lockdep_assert_held(&dmux->tx_lock);

	while (dmux->tx_ready &&
	       bam_dmux_tx_in_flight(dmux) < BAM_DMUX_TX_RING &&
	       (skb = __skb_dequeue(&dmux->tx_deferred))) {
		struct bam_dmux_slot *slot =
			&dmux->tx[dmux->tx_head % BAM_DMUX_TX_RING];
		struct bam_dmux_buf *buf = &slot->buf;

		buf->skb = skb;
		buf->size = skb->len;
		if (dmux->dma_dev) {
			buf->dma = dma_map_single(dmux->dma_dev, skb->data,
						  skb->len, DMA_TO_DEVICE);
			if (dma_mapping_error(dmux->dma_dev, buf->dma))
				goto fail;
		}
		slot->done = false;
		if (dmux->ops->tx_submit(dmux->tp, buf)) {
			if (dmux->dma_dev)
				dma_unmap_single(dmux->dma_dev, buf->dma,
						 skb->len, DMA_TO_DEVICE);
			goto fail;
		}
		WRITE_ONCE(dmux->tx_head, dmux->tx_head + 1);
		submitted = true;
		continue;
fail:
		buf->skb = NULL;
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_DMA_ERROR,
				   BAM_DMUX_TX_SUBMIT_FAIL);
	}
	if (submitted)
		dmux->ops->flush(dmux->tp, true);
}

/**
 * bam_dmux_tx_kick() - submit deferred frames if the pipe can take them
 * @dmux: the instance
 */
void bam_dmux_tx_kick(struct bam_dmux *dmux)
{
	spin_lock_bh(&dmux->tx_lock);
	__bam_dmux_tx_kick(dmux);
	bam_dmux_tx_wake_links(dmux);
	spin_unlock_bh(&dmux->tx_lock);
}

/*
 * Queue a finished frame. A DATA frame is only queued behind our OPEN of
 * its channel: the test and the queueing of OPEN and CLOSE are under
 * tx_lock, so the modem never sees DATA on a channel before our OPEN.
 * Returns false when the frame was dropped (and freed).
 */
static bool bam_dmux_tx_queue(struct bam_dmux *dmux, struct sk_buff *skb)
{
	/* The frame may be gone once it was kicked: keep what we need. */
	struct bam_dmux_link *link = BAM_DMUX_TX_CB(skb)->link;
	struct bam_dmux_hdr *hdr = (struct bam_dmux_hdr *)skb->data;
	unsigned long *flags = &dmux->ch[hdr->ch].flags;
	bool data = hdr->cmd == BAM_DMUX_CMD_DATA;
	bool wake;

	pm_runtime_get_noresume(dmux->dev);

	spin_lock_bh(&dmux->tx_lock);
	/* Into BQL first: bam_dmux_tx_finish() completes it on every path. */
	if (link)
		netdev_tx_sent_queue(netdev_get_tx_queue(link->ndev, 0),
				     BAM_DMUX_TX_CB(skb)->bql_len);
	if (READ_ONCE(dmux->dying)) {
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_ABORTED,
				   BAM_DMUX_TX_ABORTED);
		spin_unlock_bh(&dmux->tx_lock);
		return false;
	}
	/* DATA without a link is a QMAP command answer: DATA all the same */
	if (data && !test_bit(BAM_DMUX_CH_TX_OPEN, flags)) {
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_CLOSED,
				   BAM_DMUX_TX_ABORTED);
		spin_unlock_bh(&dmux->tx_lock);
		return false;
	}
	if (hdr->cmd == BAM_DMUX_CMD_OPEN)
		set_bit(BAM_DMUX_CH_TX_OPEN, flags);
	else if (hdr->cmd == BAM_DMUX_CMD_CLOSE)
		clear_bit(BAM_DMUX_CH_TX_OPEN, flags);
	__skb_queue_tail(&dmux->tx_deferred, skb);
	wake = !dmux->tx_ready;
	__bam_dmux_tx_kick(dmux);

	if (link && bam_dmux_tx_pending(dmux) >= BAM_DMUX_TX_RING) {
		dmux->tx_stopped = true;
		netif_stop_queue(link->ndev);
	}
	spin_unlock_bh(&dmux->tx_lock);

	/* Powering the modem up sleeps: leave it to the work item. */
	if (wake)
		mod_delayed_work(system_wq, &dmux->tx_wake_work, 0);
	return true;
}

static void bam_dmux_tx_push_hdr(struct sk_buff *skb, u8 cmd, u8 ch,
				 unsigned int len, unsigned int pad)
{
	bam_dmux_hdr_init(skb_push(skb, sizeof(struct bam_dmux_hdr)), cmd, ch,
			  len, pad);
}

/**
 * bam_dmux_tx_build_data() - turn an IP packet into a DATA frame
 * @skb: the packet; becomes header, packet and 0..3 bytes of zero padding
 * @ch: the channel
 *
 * The padding is written behind the packet, into memory a clone (a packet
 * tap, a TCP retransmit queue) may share: the data is unshared first.
 *
 * Return: 0, or -ENOMEM (@skb is left to the caller).
 */
VISIBLE_IF_KUNIT int bam_dmux_tx_build_data(struct sk_buff *skb, u8 ch)
{
	unsigned int len = skb->len;
	unsigned int pad = bam_dmux_pad_len(len);

	/* One linear buffer with private room for the header in front and,
	 * if there is padding, private data behind: a clone shares both.
	 */
	if (skb_linearize(skb) || skb_cow_head(skb, sizeof(struct bam_dmux_hdr)))
		return -ENOMEM;
	if (pad && (skb_cloned(skb) || skb_tailroom(skb) < pad) &&
	    pskb_expand_head(skb, 0, pad, GFP_ATOMIC))
		return -ENOMEM;

	bam_dmux_tx_push_hdr(skb, BAM_DMUX_CMD_DATA, ch, len, pad);
	skb_put_zero(skb, pad);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_tx_build_data);

/**
 * bam_dmux_tx_build_cmd() - allocate a command frame
 * @ch: the channel
 * @cmd: an &enum bam_dmux_cmd without payload (OPEN, CLOSE)
 * @gfp: allocation flags
 *
 * Return: the frame, a bare header with len 0 and pad 0, or NULL.
 */
VISIBLE_IF_KUNIT struct sk_buff *bam_dmux_tx_build_cmd(u8 ch, u8 cmd, gfp_t gfp)
{
	struct sk_buff *skb;

	skb = alloc_skb(sizeof(struct bam_dmux_hdr), gfp);
	if (!skb)
		return NULL;
	skb_reserve(skb, sizeof(struct bam_dmux_hdr));
	bam_dmux_tx_push_hdr(skb, cmd, ch, 0, 0);
	memset(skb->cb, 0, sizeof(struct bam_dmux_tx_cb));
	return skb;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_tx_build_cmd);

/**
 * bam_dmux_tx_link_frame() - send a link's payload as one DATA frame
 * @link: the link
 * @skb: the payload: an IP packet, or MAP frames of a QMAP link
 * @ip_len: IP bytes in it
 * @packets: IP packets in it
 *
 * Consumes @skb; a frame that cannot be built is dropped and counted.
 */
void bam_dmux_tx_link_frame(struct bam_dmux_link *link, struct sk_buff *skb,
			    unsigned int ip_len, unsigned int packets)
{
	struct bam_dmux_tx_cb *cb;

	if (bam_dmux_tx_build_data(skb, link->ch)) {
		bam_dmux_link_drop_n(link, BAM_DMUX_DROP_TX_NOMEM, packets);
		dev_kfree_skb_any(skb);
		return;
	}
	cb = BAM_DMUX_TX_CB(skb);
	cb->link = link;
	cb->ip_len = ip_len;
	cb->packets = packets;
	cb->map_ack = false;
	cb->bql_len = skb->len;
	bam_dmux_tx_queue(link->dmux, skb);
}

/**
 * bam_dmux_tx_xmit() - send one IP packet on a link's channel
 * @link: the link
 * @skb: the packet
 *
 * Return: NETDEV_TX_OK; a packet that cannot be sent is dropped and
 * counted by reason.
 */
netdev_tx_t bam_dmux_tx_xmit(struct bam_dmux_link *link, struct sk_buff *skb)
{
	unsigned long *flags = &link->dmux->ch[link->ch].flags;
	struct bam_dmux *dmux = link->dmux;
	enum qmap_format fmt = QMAP_FORMAT_PLAIN;
	unsigned int len = skb->len;
	enum bam_dmux_link_drop reason;
	unsigned int frame;

	/* A hint only; bam_dmux_tx_queue() decides under tx_lock. */
	if (!test_bit(BAM_DMUX_CH_TX_OPEN, flags)) {
		reason = BAM_DMUX_DROP_TX_CLOSED;
		goto drop;
	}
	/* While QMAP links run, the modem takes nothing else there. */
	if (!link->mux_id && test_bit(BAM_DMUX_CH_QMAP, flags)) {
		reason = BAM_DMUX_DROP_TX_QMAP_MODE;
		goto drop;
	}
	frame = sizeof(struct bam_dmux_hdr) + len;
	if (link->mux_id) {
		fmt = bam_dmux_qmap_ul_format(link);
		frame += bam_dmux_qmap_ul_overhead(fmt);
	}
	if (frame + bam_dmux_pad_len(frame) > READ_ONCE(dmux->ul_mtu)) {
		reason = BAM_DMUX_DROP_TX_TOO_BIG;
		goto drop;
	}
	/* The stack leaves a checksum only to a link with the offload (its
	 * features); a format without one cannot carry the request, and the
	 * modem computes only what a request can describe.
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (fmt == QMAP_FORMAT_PLAIN || !bam_dmux_qmap_can_offload(skb)) &&
	    skb_checksum_help(skb)) {
		reason = BAM_DMUX_DROP_TX_NOMEM;
		goto drop;
	}
	/* Through the aggregate also right after aggregation was turned
	 * off, so that what it still holds leaves first.
	 */
	if (link->mux_id && (READ_ONCE(dmux->agg_frames) > 1 ||
			     READ_ONCE(link->agg.skb)))
		return bam_dmux_agg_xmit(link, skb, fmt);
	if (link->mux_id && bam_dmux_qmap_push_hdr(link, skb, fmt)) {
		reason = BAM_DMUX_DROP_TX_NOMEM;
		goto drop;
	}
	bam_dmux_tx_link_frame(link, skb, len, 1);
	return NETDEV_TX_OK;

drop:
	bam_dmux_link_drop(link, reason);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/**
 * bam_dmux_tx_open_signal() - the signal field of our OPEN
 * @dmux: the instance
 *
 * Return: 0 if the modem did not offer dynamic MTU; otherwise the
 * dynamic-MTU bit with our RX pool and large buffer size.
 */
VISIBLE_IF_KUNIT u8 bam_dmux_tx_open_signal(struct bam_dmux *dmux)
{
	if (!READ_ONCE(dmux->dyn_mtu))
		return 0;
	return BAM_DMUX_SIG_DYNAMIC_MTU |
	       FIELD_PREP(BAM_DMUX_SIG_POOL,
			  bam_dmux_pool_code(READ_ONCE(dmux->rx_pool))) |
	       FIELD_PREP(BAM_DMUX_SIG_SIZE,
			  bam_dmux_size_code(READ_ONCE(dmux->dl_size)));
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_tx_open_signal);

/**
 * bam_dmux_tx_cmd() - send an OPEN or CLOSE for a channel
 * @dmux: the instance
 * @ch: the channel
 * @cmd: %BAM_DMUX_CMD_OPEN or %BAM_DMUX_CMD_CLOSE
 *
 * Any context. A command that cannot be allocated is counted. DATA for
 * the channel is accepted from the moment an OPEN is queued until a CLOSE
 * is, the modem closes or forgets the channel (a duplicate OPEN), or the
 * OPEN is lost on its way.
 */
void bam_dmux_tx_cmd(struct bam_dmux *dmux, u8 ch, enum bam_dmux_cmd cmd)
{
	struct sk_buff *skb;

	skb = bam_dmux_tx_build_cmd(ch, cmd, GFP_ATOMIC);
	if (!skb) {
		bam_dmux_count(dmux, BAM_DMUX_TX_CMD_DROP);
		/* Either way the modem does not hear from us: no DATA. */
		bam_dmux_tx_chan_closed(dmux, ch);
		if (cmd == BAM_DMUX_CMD_OPEN)
			clear_bit(BAM_DMUX_CH_OPEN_SENT, &dmux->ch[ch].flags);
		return;
	}
	/* Dynamic MTU: a modem that offered it learns our RX pool and the
	 * size of the large buffers it may ask for.
	 */
	if (cmd == BAM_DMUX_CMD_OPEN)
		((struct bam_dmux_hdr *)skb->data)->signal =
			bam_dmux_tx_open_signal(dmux);
	bam_dmux_tx_queue(dmux, skb);
}

/**
 * bam_dmux_tx_map_cmd() - acknowledge a QMAP command of the modem
 * @dmux: the instance
 * @ch: the channel it came on
 * @frame: the command, MAP header included
 * @len: its length
 *
 * The answer is the same frame with its type set to ACK (without the
 * trailer a MAPv4 command has: the uplink has none), alone in a DATA
 * frame; it is counted when the modem took it. NAPI context.
 */
void bam_dmux_tx_map_cmd(struct bam_dmux *dmux, u8 ch, const void *frame,
			 unsigned int len)
{
	struct bam_dmux_tx_cb *cb;
	struct sk_buff *skb;
	u32 reply;

	/* The modem sized the command: its answer must still fit a frame. */
	if (sizeof(struct bam_dmux_hdr) + len + bam_dmux_pad_len(len) >
	    READ_ONCE(dmux->ul_mtu))
		goto drop;
	skb = alloc_skb(sizeof(struct bam_dmux_hdr) + len + 3, GFP_ATOMIC);
	if (!skb)
		goto drop;
	skb_reserve(skb, sizeof(struct bam_dmux_hdr));
	reply = qmap_cmd_build_reply(skb_tail_pointer(skb), len, frame, len,
				     QMAP_CMD_ACK);
	if (!reply) {
		kfree_skb(skb);
		goto drop;
	}
	skb_put(skb, reply);
	if (bam_dmux_tx_build_data(skb, ch)) {
		kfree_skb(skb);
		goto drop;
	}
	cb = BAM_DMUX_TX_CB(skb);
	memset(cb, 0, sizeof(*cb));
	cb->map_ack = true;
	bam_dmux_tx_queue(dmux, skb);
	return;

drop:
	bam_dmux_count(dmux, BAM_DMUX_TX_QMAP_ACK_DROP);
}

/**
 * bam_dmux_tx_chan_closed() - stop taking DATA for a channel
 * @dmux: the instance
 * @ch: the channel the modem closed (or forgot)
 *
 * DATA of the channel still waiting to be sent is dropped: it would reach
 * the modem after its CLOSE, or a restarted modem before our OPEN. Frames
 * already in the ring cannot be called back. Any context.
 */
void bam_dmux_tx_chan_closed(struct bam_dmux *dmux, u8 ch)
{
	struct bam_dmux_hdr *hdr;
	struct sk_buff *skb, *tmp;

	spin_lock_bh(&dmux->tx_lock);
	clear_bit(BAM_DMUX_CH_TX_OPEN, &dmux->ch[ch].flags);
	skb_queue_walk_safe(&dmux->tx_deferred, skb, tmp) {
		hdr = (struct bam_dmux_hdr *)skb->data;
		/* Packets of links and answers to QMAP commands */
		if (hdr->ch != ch || hdr->cmd != BAM_DMUX_CMD_DATA)
			continue;
		__skb_unlink(skb, &dmux->tx_deferred);
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_CLOSED,
				   BAM_DMUX_TX_ABORTED);
	}
	bam_dmux_tx_wake_links(dmux);
	spin_unlock_bh(&dmux->tx_lock);
}

/**
 * bam_dmux_tx_reclaim() - finish the frames the transport completed
 * @dmux: the instance
 *
 * NAPI context.
 */
void bam_dmux_tx_reclaim(struct bam_dmux *dmux)
{
	bool drained;

	spin_lock_bh(&dmux->tx_lock);
	while (dmux->tx_tail != dmux->tx_head) {
		struct bam_dmux_slot *slot =
			&dmux->tx[dmux->tx_tail % BAM_DMUX_TX_RING];
		struct sk_buff *skb = slot->buf.skb;

		/* Pairs with the release in bam_dmux_tx_done(). */
		if (!smp_load_acquire(&slot->done))
			break;
		WRITE_ONCE(dmux->tx_tail, dmux->tx_tail + 1);
		if (dmux->dma_dev)
			dma_unmap_single(dmux->dma_dev, slot->buf.dma,
					 slot->buf.size, DMA_TO_DEVICE);
		slot->buf.skb = NULL;
		if (slot->err) {
			bam_dmux_tx_finish(dmux, skb,
					   BAM_DMUX_DROP_TX_DMA_ERROR,
					   BAM_DMUX_TX_DMA_ERROR);
		} else {
			bam_dmux_count(dmux, BAM_DMUX_TX_FRAMES);
			bam_dmux_tx_finish(dmux, skb, BAM_DMUX_NR_LINK_DROPS,
					   BAM_DMUX_NR_DEV_STATS);
		}
	}
	__bam_dmux_tx_kick(dmux);
	bam_dmux_tx_wake_links(dmux);
	drained = !dmux->tx_ready && !bam_dmux_tx_in_flight(dmux);
	spin_unlock_bh(&dmux->tx_lock);

	/* A power-down waits for the frames in flight. */
	if (drained && READ_ONCE(dmux->pc_down_pending))
		bam_dmux_power_tx_drained(dmux);
}

static void bam_dmux_tx_drop_deferred(struct bam_dmux *dmux,
				      enum bam_dmux_dev_stat stat,
				      enum bam_dmux_link_drop reason)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&dmux->tx_deferred)))
		bam_dmux_tx_finish(dmux, skb, reason, stat);
}

/**
 * bam_dmux_tx_abort() - take back every frame after the TX pipe stopped
 * @dmux: the instance
 * @purge: drop the deferred frames too
 *
 * Process context, after &bam_dmux_transport_ops.tx_stop returned.
 */
void bam_dmux_tx_abort(struct bam_dmux *dmux, bool purge)
{
	spin_lock_bh(&dmux->tx_lock);
	while (dmux->tx_tail != dmux->tx_head) {
		struct bam_dmux_slot *slot =
			&dmux->tx[dmux->tx_tail % BAM_DMUX_TX_RING];

		WRITE_ONCE(dmux->tx_tail, dmux->tx_tail + 1);

		if (dmux->dma_dev)
			dma_unmap_single(dmux->dma_dev, slot->buf.dma,
					 slot->buf.size, DMA_TO_DEVICE);
		/* Completed before the pipe stopped, not reclaimed yet. */
		if (smp_load_acquire(&slot->done) && !slot->err) {
			bam_dmux_count(dmux, BAM_DMUX_TX_FRAMES);
			bam_dmux_tx_finish(dmux, slot->buf.skb,
					   BAM_DMUX_NR_LINK_DROPS,
					   BAM_DMUX_NR_DEV_STATS);
		} else {
			bam_dmux_tx_finish(dmux, slot->buf.skb,
					   BAM_DMUX_DROP_TX_ABORTED,
					   BAM_DMUX_TX_ABORTED);
		}
		slot->buf.skb = NULL;
	}
	if (purge)
		bam_dmux_tx_drop_deferred(dmux, BAM_DMUX_TX_ABORTED,
					  BAM_DMUX_DROP_TX_ABORTED);
	bam_dmux_tx_wake_links(dmux);
	spin_unlock_bh(&dmux->tx_lock);
}

/**
 * bam_dmux_tx_forget_link() - detach queued frames from a link going away
 * @dmux: the instance
 * @link: the link being deleted
 *
 * Frames still waiting are dropped; frames in the ring complete without
 * touching the link. RTNL held.
 */
void bam_dmux_tx_forget_link(struct bam_dmux *dmux,
			     struct bam_dmux_link *link)
{
	struct sk_buff *skb, *tmp;
	unsigned int i;

	spin_lock_bh(&dmux->tx_lock);
	skb_queue_walk_safe(&dmux->tx_deferred, skb, tmp) {
		if (BAM_DMUX_TX_CB(skb)->link != link)
			continue;
		__skb_unlink(skb, &dmux->tx_deferred);
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_ABORTED,
				   BAM_DMUX_TX_ABORTED);
	}
	for (i = dmux->tx_tail; i != dmux->tx_head; i++) {
		skb = dmux->tx[i % BAM_DMUX_TX_RING].buf.skb;
		if (BAM_DMUX_TX_CB(skb)->link == link)
			BAM_DMUX_TX_CB(skb)->link = NULL;
	}
	spin_unlock_bh(&dmux->tx_lock);
}

/**
 * bam_dmux_tx_idle() - stop taking frames if none is queued
 * @dmux: the instance
 *
 * Return: true if the TX side was idle and is now closed to the
 * transport; false if frames are pending (nothing changed).
 */
bool bam_dmux_tx_idle(struct bam_dmux *dmux)
{
	bool idle;

	spin_lock_bh(&dmux->tx_lock);
	idle = !bam_dmux_tx_pending(dmux);
	if (idle)
		dmux->tx_ready = false;
	spin_unlock_bh(&dmux->tx_lock);
	return idle;
}

/**
 * bam_dmux_tx_power_failed() - drop the data frames waiting for power
 * @dmux: the instance
 *
 * The modem did not power up: the data frames (QMAP command answers
 * included) are stale by the time it does, but OPEN and CLOSE stay:
 * losing one would leave the channel half open for good, as nothing sends
 * it again.
 *
 * Return: true if commands are still waiting.
 */
bool bam_dmux_tx_power_failed(struct bam_dmux *dmux)
{
	struct sk_buff *skb, *tmp;
	bool commands = false;

	spin_lock_bh(&dmux->tx_lock);
	skb_queue_walk_safe(&dmux->tx_deferred, skb, tmp) {
		if (((struct bam_dmux_hdr *)skb->data)->cmd !=
		    BAM_DMUX_CMD_DATA) {
			commands = true;
			continue;
		}
		__skb_unlink(skb, &dmux->tx_deferred);
		bam_dmux_tx_finish(dmux, skb, BAM_DMUX_DROP_TX_POWER,
				   BAM_DMUX_TX_POWER_FAIL);
	}
	bam_dmux_tx_wake_links(dmux);
	spin_unlock_bh(&dmux->tx_lock);
	return commands;
}

/**
 * bam_dmux_tx_wake_work() - power the modem up for deferred frames
 * @work: &bam_dmux.tx_wake_work
 *
 * If the modem does not come up, the waiting data frames are dropped and
 * counted, and runtime PM is reset so that the next frame tries again.
 * Commands stay queued and are retried after %BAM_DMUX_POWER_RETRY_MS,
 * or sooner if a new frame arrives.
 */
void bam_dmux_tx_wake_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(to_delayed_work(work),
					     struct bam_dmux, tx_wake_work);
	bool retry;
	int ret;

	ret = pm_runtime_resume(dmux->dev);
	if (ret >= 0) {
		bam_dmux_tx_kick(dmux);
		return;
	}

	dev_warn_ratelimited(dmux->dev, "modem did not power up: %d\n", ret);
	retry = bam_dmux_tx_power_failed(dmux);

	/* A failed resume leaves runtime_error set, which blocks every later
	 * resume; setting the (unchanged) status clears it.
	 */
	pm_runtime_set_suspended(dmux->dev);

	if (retry && !READ_ONCE(dmux->dying)) {
		bam_dmux_count(dmux, BAM_DMUX_TX_POWER_RETRY);
		queue_delayed_work(system_wq, &dmux->tx_wake_work,
				   msecs_to_jiffies(BAM_DMUX_POWER_RETRY_MS));
	}
}
