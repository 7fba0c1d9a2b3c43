// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX uplink aggregation for QMAP links.
 *
 * With aggregation on (ethtool -C tx-aggr-max-frames above 1), a QMAP link
 * packs its packets, each behind its MAP header and unpadded as rmnet
 * sends them, into one DATA frame. The aggregate leaves when it holds
 * tx-aggr-max-frames packets, when it reaches tx-aggr-max-bytes (never
 * more than the modem's UL limit allows), when the next packet does not
 * fit, or when its first packet has waited tx-aggr-time-usecs: a packet
 * never waits longer than that. A packet arriving after the link was
 * idle goes out alone at once, as rmnet does: nothing follows it to wait
 * for.
 *
 * Each link aggregates its own packets, so a frame still belongs to one
 * link and is counted there, packet by packet.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>

#include "bam_dmux.h"

/* Idle for this long, a packet is sent without waiting for company. */
#define BAM_DMUX_AGG_BYPASS_NS	(10 * NSEC_PER_MSEC)

/* Send the aggregate. Called with agg->lock held. */
static void bam_dmux_agg_flush(struct bam_dmux_link *link)
{
	struct bam_dmux_agg *agg = &link->agg;
	struct sk_buff *skb = agg->skb;

	lockdep_assert_held(&agg->lock);

	if (!skb)
		return;
	/* Queued under the lock: a later aggregate cannot overtake it. */
	if (agg->packets)
		bam_dmux_tx_link_frame(link, skb, agg->ip_bytes, agg->packets);
	else
		kfree_skb(skb);
	/* Read without the lock by the xmit path (see bam_dmux_tx_xmit()):
	 * cleared only once the aggregate is queued, so that a packet sent
	 * right after aggregation was turned off does not overtake it.
	 */
	WRITE_ONCE(agg->skb, NULL);
}

static enum hrtimer_restart bam_dmux_agg_timer(struct hrtimer *timer)
{
	struct bam_dmux_link *link = container_of(timer, struct bam_dmux_link,
						  agg.timer);
	struct bam_dmux_agg *agg = &link->agg;

	spin_lock(&agg->lock);
	/* Armed for an aggregate sent meanwhile: the newer one that waits
	 * armed the timer again when it started.
	 */
	if (!agg->skb || ktime_get_ns() >= agg->deadline_ns)
		bam_dmux_agg_flush(link);
	spin_unlock(&agg->lock);
	return HRTIMER_NORESTART;
}

/**
 * bam_dmux_agg_init() - set up the aggregation state of a new QMAP link
 * @link: the link
 */
void bam_dmux_agg_init(struct bam_dmux_link *link)
{
	spin_lock_init(&link->agg.lock);
	hrtimer_init(&link->agg.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	link->agg.timer.function = bam_dmux_agg_timer;
}

/* Start an aggregate. Called with agg->lock held. */
static bool bam_dmux_agg_start(struct bam_dmux_agg *agg, u32 max_bytes,
			       u32 max_frames, u64 now, u64 time_ns)
{
	struct sk_buff *skb;

	skb = alloc_skb(sizeof(struct bam_dmux_hdr) + max_bytes + 3,
			GFP_ATOMIC | __GFP_NOWARN);
	if (!skb)
		return false;
	skb_reserve(skb, sizeof(struct bam_dmux_hdr));
	WRITE_ONCE(agg->skb, skb);
	agg->acc.max_bytes = max_bytes;
	agg->acc.max_frames = max_frames;
	agg->acc.len = 0;
	agg->acc.frames = 0;
	agg->packets = 0;
	agg->ip_bytes = 0;
	agg->start_ns = now;
	agg->deadline_ns = now + time_ns;
	hrtimer_start(&agg->timer, ns_to_ktime(time_ns),
		      HRTIMER_MODE_REL_SOFT);
	return true;
}

/**
 * bam_dmux_agg_xmit() - send a packet of a QMAP link through its aggregate
 * @link: the QMAP link, aggregation on
 * @skb: the IP packet, its size checked against the modem's UL limit
 * @fmt: the link's UL format
 *
 * Return: NETDEV_TX_OK; @skb is consumed.
 */
netdev_tx_t bam_dmux_agg_xmit(struct bam_dmux_link *link, struct sk_buff *skb,
			      enum qmap_format fmt)
{
	struct bam_dmux *dmux = link->dmux;
	struct bam_dmux_agg *agg = &link->agg;
	u32 hlen = bam_dmux_qmap_ul_overhead(fmt);
	u32 ip_len = skb->len;
	u32 frame = hlen + ip_len;
	u32 max_bytes, max_frames, old_len;
	u64 now, time_ns;
	bool idle;

	max_bytes = min(READ_ONCE(dmux->agg_bytes),
			READ_ONCE(dmux->ul_mtu) -
			(u32)sizeof(struct bam_dmux_hdr));
	max_frames = READ_ONCE(dmux->agg_frames);
	time_ns = (u64)READ_ONCE(dmux->agg_time_us) * NSEC_PER_USEC;
	now = ktime_get_ns();

	spin_lock_bh(&agg->lock);
	if (agg->skb && (max_frames <= 1 || agg->acc.max_bytes > max_bytes ||
			 !qmap_agg_fits(&agg->acc, frame) ||
			 now - agg->start_ns >= time_ns))
		bam_dmux_agg_flush(link);
	idle = now - agg->last_ns > BAM_DMUX_AGG_BYPASS_NS;
	agg->last_ns = now;

	/* Aggregation just turned off: what is left went out above. */
	if (max_frames <= 1)
		goto alone;
	if (!agg->skb) {
		if (idle || frame > max_bytes)
			goto alone;
		if (!bam_dmux_agg_start(agg, max_bytes, max_frames, now,
					time_ns)) {
			bam_dmux_count(dmux, BAM_DMUX_TX_AGG_NOMEM);
			goto alone;
		}
	}

	old_len = agg->skb->len;
	if (bam_dmux_qmap_build_hdr(link, skb_put(agg->skb, hlen), skb, fmt) ||
	    WARN_ON_ONCE(skb_copy_bits(skb, 0, skb_put(agg->skb, ip_len),
				       ip_len))) {
		skb_trim(agg->skb, old_len);
		bam_dmux_link_drop(link, BAM_DMUX_DROP_TX_NOMEM);
		spin_unlock_bh(&agg->lock);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	bam_dmux_qmap_prep_csum(skb, agg->skb->data + old_len + hlen, fmt);
	agg->packets++;
	agg->ip_bytes += ip_len;
	if (qmap_agg_add(&agg->acc, frame))
		bam_dmux_agg_flush(link);
	spin_unlock_bh(&agg->lock);
	consume_skb(skb);
	return NETDEV_TX_OK;

alone:
	if (bam_dmux_qmap_push_hdr(link, skb, fmt)) {
		bam_dmux_link_drop(link, BAM_DMUX_DROP_TX_NOMEM);
		dev_kfree_skb_any(skb);
	} else {
		bam_dmux_tx_link_frame(link, skb, ip_len, 1);
	}
	spin_unlock_bh(&agg->lock);
	return NETDEV_TX_OK;
}

/**
 * bam_dmux_agg_stop() - drop what a link going down still aggregates
 * @link: the QMAP link; the stack no longer calls its xmit
 *
 * The packets are counted as aborted. Process context.
 */
void bam_dmux_agg_stop(struct bam_dmux_link *link)
{
	struct bam_dmux_agg *agg = &link->agg;

	hrtimer_cancel(&agg->timer);
	spin_lock_bh(&agg->lock);
	if (agg->skb) {
		bam_dmux_link_drop_n(link, BAM_DMUX_DROP_TX_ABORTED,
				     agg->packets);
		kfree_skb(agg->skb);
		WRITE_ONCE(agg->skb, NULL);
	}
	agg->last_ns = 0;
	spin_unlock_bh(&agg->lock);
}
