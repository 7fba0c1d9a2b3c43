// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX receive path: the RX buffer ring and the parsing of every frame
 * the modem sends. Nothing in a frame is trusted: each field is checked
 * before use and every rejected frame is counted by reason.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/if_ether.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <kunit/visibility.h>

#include "bam_dmux.h"

/*
 * RX buffers complete in the order they were submitted. The ring keeps
 * that order in a FIFO of slot numbers rather than in the slot index, so a
 * buffer the transport refused leaves no hole that would stall the ring:
 * it is simply submitted again on the next refill.
 *
 * The buffers are page fragments. A packet is handed up either copied
 * into a small skb of its own (up to BAM_DMUX_RX_COPYBREAK bytes) or as a
 * fragment pointing into the buffer, which stays alive as long as any of
 * its packets does: a buffer of an aggregated QMAP transfer holds many
 * packets and none of them is copied.
 */

/*
 * A 2 KiB buffer is half a page, from the page-fragment cache; a larger
 * one is a compound page of its own (the cache falls back to single
 * pages, which cannot hold it). Either way the size is a power of two of
 * at least 2 KiB, so buffers mapped for DMA never share a cache line, and
 * page_frag_free() releases both kinds.
 */
static void *bam_dmux_rx_alloc(struct bam_dmux *dmux, unsigned int size,
			       gfp_t gfp)
{
	struct page *page;

	gfp |= __GFP_NOWARN;
	if (size <= PAGE_SIZE)
		return page_frag_alloc(&dmux->rx_frag, size, gfp);
	page = alloc_pages(gfp | __GFP_COMP, get_order(size));
	return page ? page_address(page) : NULL;
}

static int bam_dmux_rx_submit(struct bam_dmux *dmux, unsigned int idx)
{
	struct bam_dmux_slot *slot = &dmux->rx[idx];
	struct bam_dmux_buf *buf = &slot->buf;
	int ret;

	if (dmux->dma_dev) {
		buf->dma = dma_map_single(dmux->dma_dev, buf->data, buf->size,
					  DMA_FROM_DEVICE);
		if (dma_mapping_error(dmux->dma_dev, buf->dma))
			return -ENOMEM;
	}

	slot->done = false;
	ret = dmux->ops->rx_submit(dmux->tp, buf);
	if (ret) {
		if (dmux->dma_dev)
			dma_unmap_single(dmux->dma_dev, buf->dma, buf->size,
					 DMA_FROM_DEVICE);
		return ret;
	}

	dmux->rx_fifo[dmux->rx_fifo_tail++ % BAM_DMUX_RX_POOL_MAX] = idx;
	dmux->rx_queued++;
	return 0;
}

/*
 * Give an idle slot a buffer of the current size. Without memory for a
 * new size a larger old buffer is queued again; a smaller one is not,
 * as the modem may fill a buffer to the size it asked for. A ring left
 * with nothing queued is tried again from a timer (bam_dmux_rx_process()).
 */
static bool bam_dmux_rx_slot_ready(struct bam_dmux *dmux,
				   struct bam_dmux_slot *slot, gfp_t gfp)
{
	struct bam_dmux_buf *buf = &slot->buf;
	void *data;

	if (buf->data && buf->size == dmux->rx_buf_size)
		return true;
	data = bam_dmux_rx_alloc(dmux, dmux->rx_buf_size, gfp);
	/* Never a buffer smaller than the modem was told to expect. */
	if (!data)
		return buf->data && buf->size >= dmux->rx_buf_size;
	if (buf->data)
		page_frag_free(buf->data);
	buf->data = data;
	buf->size = dmux->rx_buf_size;
	return true;
}

/**
 * bam_dmux_rx_fill() - queue buffers until the pool is queued
 * @dmux: the instance
 * @gfp: allocation flags for missing buffers
 *
 * Buffers of idle slots past the pool (it shrank) are freed: the memory
 * held for RX is the pool times the buffer size. Called from NAPI while
 * the RX pipe runs and, at power-up, from process context with NAPI
 * disabled: never both at once.
 *
 * Return: the number of buffers queued by this call.
 */
int bam_dmux_rx_fill(struct bam_dmux *dmux, gfp_t gfp)
{
	unsigned int pool = READ_ONCE(dmux->rx_pool);
	unsigned int idx;
	int queued = 0;

	for (idx = 0; idx < BAM_DMUX_RX_POOL_MAX; idx++) {
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		if (slot->queued)
			continue;
		if (dmux->rx_queued >= pool) {
			if (slot->buf.data) {
				page_frag_free(slot->buf.data);
				slot->buf.data = NULL;
			}
			continue;
		}
		if (!bam_dmux_rx_slot_ready(dmux, slot, gfp))
			break;
		if (bam_dmux_rx_submit(dmux, idx))
			break;
		slot->queued = true;
		queued++;
	}
	if (queued)
		dmux->ops->flush(dmux->tp, false);
	return queued;
}

/**
 * bam_dmux_rx_reset_mtu() - back to default-size RX buffers
 * @dmux: the instance
 *
 * The modem restarted: whatever it asked for is forgotten (NAPI context,
 * or NAPI disabled).
 */
void bam_dmux_rx_reset_mtu(struct bam_dmux *dmux)
{
	dmux->rx_large = false;
	dmux->mtu_latched = false;
	WRITE_ONCE(dmux->rx_buf_size, BAM_DMUX_BUF_SIZE_DEFAULT);
}

/*
 * The dynamic-MTU signal of a DATA frame is the modem's "queue large
 * buffers from now on" state; only its edges matter. Buffers already
 * queued keep their size: the modem fills them first.
 */
static void bam_dmux_rx_signal(struct bam_dmux *dmux, u8 signal)
{
	bool large = signal & BAM_DMUX_SIG_DYNAMIC_MTU;
	unsigned int size = large ? READ_ONCE(dmux->dl_size) :
				    BAM_DMUX_BUF_SIZE_DEFAULT;

	if (large && !READ_ONCE(dmux->dyn_mtu)) {
		bam_dmux_count(dmux, BAM_DMUX_RX_SIGNAL_UNEXPECTED);
		return;
	}
	if (large != dmux->rx_large)
		bam_dmux_count(dmux, large ? BAM_DMUX_RX_LARGE_ON :
					     BAM_DMUX_RX_LARGE_OFF);
	dmux->rx_large = large;
	/* Also the size our last OPEN offered, if it changed since. */
	if (size != dmux->rx_buf_size)
		WRITE_ONCE(dmux->rx_buf_size, size);
}

/*
 * The modem's OPEN tells whether it negotiates, and its UL limit. Its
 * first OPEN after a (re)start sets them for every channel, as downstream
 * has it; a later OPEN that disagrees is counted and ignored, so that one
 * channel cannot take back what another was promised.
 */
static void bam_dmux_rx_open_signal(struct bam_dmux *dmux, u8 ch, u8 signal)
{
	bool dyn = signal & BAM_DMUX_SIG_DYNAMIC_MTU;
	unsigned int ul_mtu = BAM_DMUX_BUF_SIZE_DEFAULT;

	/* An OPEN of an open channel: the modem crashed and restarted. */
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &dmux->ch[ch].flags))
		bam_dmux_rx_reset_mtu(dmux);
	if (dyn)
		ul_mtu = bam_dmux_size_from_code(FIELD_GET(BAM_DMUX_SIG_SIZE,
							   signal));
	if (dmux->mtu_latched) {
		if (dyn != READ_ONCE(dmux->dyn_mtu) ||
		    ul_mtu != READ_ONCE(dmux->ul_mtu))
			bam_dmux_count(dmux, BAM_DMUX_RX_MTU_CONFLICT);
		return;
	}
	dmux->mtu_latched = true;
	WRITE_ONCE(dmux->dyn_mtu, dyn);
	if (ul_mtu == READ_ONCE(dmux->ul_mtu))
		return;
	WRITE_ONCE(dmux->ul_mtu, ul_mtu);
	/* max_mtu of the QMAP links follows, under RTNL. */
	schedule_work(&dmux->mtu_work);
}

static __be16 bam_dmux_rx_ip_proto(const u8 *pkt)
{
	switch (pkt[0] & 0xf0) {
	case 0x40:
		return htons(ETH_P_IP);
	case 0x60:
		return htons(ETH_P_IPV6);
	default:
		return 0;
	}
}

/**
 * bam_dmux_rx_deliver() - hand one packet of an RX buffer to a link
 * @dmux: the instance
 * @link: the link, running
 * @pkt: the packet, inside the RX buffer being processed
 * @len: its length, not 0
 * @truesize: memory the packet pins: its share of the RX buffer
 * @csum_ok: the modem verified the TCP or UDP checksum, and the link
 *	takes its word for it (rx-checksumming on)
 * @ip_only: the packet was checked to be IP (QMAP); otherwise anything
 *	that is not IP goes up as ETH_P_MAP, as it always did on a raw
 *	link, so that rmnet can run on top
 *
 * NAPI context, under rcu_read_lock(). The RX buffer's own reference is
 * dropped by the caller after its last packet.
 *
 * Return: true if delivered; false if dropped and counted on the link.
 */
bool bam_dmux_rx_deliver(struct bam_dmux *dmux, struct bam_dmux_link *link,
			 const void *pkt, unsigned int len,
			 unsigned int truesize, bool ip_only, bool csum_ok)
{
	__be16 proto = bam_dmux_rx_ip_proto(pkt);
	struct sk_buff *skb;

	if (!proto)
		proto = ip_only ? htons(ETH_P_IP) : htons(ETH_P_MAP);

	if (len <= BAM_DMUX_RX_COPYBREAK) {
		skb = napi_alloc_skb(&dmux->napi, len);
		if (!skb)
			goto nomem;
		skb_put_data(skb, pkt, len);
	} else {
		struct page *page = virt_to_head_page(pkt);

		/* No data in the head: GRO reads the headers in place, and
		 * whatever the stack pulls lands in this room without a
		 * reallocation.
		 */
		skb = napi_alloc_skb(&dmux->napi, BAM_DMUX_RX_HEAD);
		if (!skb)
			goto nomem;
		get_page(page);
		skb_add_rx_frag(skb, 0, page, pkt - page_address(page), len,
				truesize);
	}

	skb->protocol = proto;
	if (csum_ok)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->dev = link->ndev;
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	bam_dmux_link_rx(link, len, csum_ok);
	/* GRO only inside the poll: the power-down path runs with NAPI
	 * disabled, where nothing would flush what GRO holds.
	 */
	if (dmux->rx_gro && proto != htons(ETH_P_MAP))
		napi_gro_receive(&dmux->napi, skb);
	else
		netif_receive_skb(skb);
	return true;

nomem:
	bam_dmux_link_drop(link, BAM_DMUX_DROP_RX_NOMEM);
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_rx_deliver);

/*
 * Count a dropped DATA frame once: on its link if it has one, otherwise
 * on the instance.
 */
static void bam_dmux_rx_drop(struct bam_dmux *dmux, struct bam_dmux_link *link,
			     enum bam_dmux_link_drop reason,
			     enum bam_dmux_dev_stat stat)
{
	if (link)
		bam_dmux_link_drop(link, reason);
	else
		bam_dmux_count(dmux, stat);
}

static unsigned int bam_dmux_rx_data(struct bam_dmux *dmux,
				     const struct bam_dmux_hdr *hdr,
				     unsigned int avail, unsigned int size)
{
	unsigned int packets = 1;
	/* Pairs with the barrier before set_bit() in newlink: a channel
	 * seen in QMAP framing has its format.
	 */
	bool qmap = test_bit_acquire(BAM_DMUX_CH_QMAP,
				     &dmux->ch[hdr->ch].flags);
	unsigned int len = le16_to_cpu(hdr->len);
	void *payload = (void *)(hdr + 1);
	struct bam_dmux_link *link = NULL;

	bam_dmux_rx_signal(dmux, hdr->signal);

	rcu_read_lock();
	/* While the channel carries QMAP its raw link owns no frame. */
	if (!qmap)
		link = rcu_dereference(dmux->ch[hdr->ch].raw);
	if (link && !netif_running(link->ndev))
		link = NULL;

	/* QMAP firmware leaves the length to the transfer size. Where the
	 * transport cannot tell that size, avail is the whole buffer: what
	 * lies past the frame is stale memory and must never go up.
	 */
	if (len == BAM_DMUX_LEN_FROM_TRANSFER) {
		if (!READ_ONCE(dmux->rx_len_known)) {
			bam_dmux_rx_drop(dmux, link, BAM_DMUX_DROP_RX_LEN_UNKNOWN,
					 BAM_DMUX_RX_LEN_UNKNOWN);
			goto out;
		}
		len = avail > hdr->pad ? avail - hdr->pad : 0;
	}

	if (!len || len + hdr->pad > avail) {
		bam_dmux_rx_drop(dmux, link, BAM_DMUX_DROP_RX_BAD_LEN,
				 BAM_DMUX_RX_BAD_LEN);
		goto out;
	}
	if (qmap)
		packets = bam_dmux_qmap_rx(dmux, hdr->ch, payload, len, size);
	else if (!link)
		bam_dmux_count(dmux, BAM_DMUX_RX_NO_LINK);
	else
		/* The one packet pins the whole buffer. */
		bam_dmux_rx_deliver(dmux, link, payload, len, size, false,
				    false);
out:
	rcu_read_unlock();
	return packets;
}

/**
 * bam_dmux_rx_handle() - parse one frame the modem sent
 * @dmux: the instance
 * @data: the frame, in an RX buffer; the caller keeps its reference
 * @len: the transfer length
 * @size: the size of the RX buffer
 *
 * Runs in NAPI context (or with bottom halves disabled).
 *
 * Return: the NAPI work it was: the records of a QMAP aggregate, else 1.
 */
unsigned int bam_dmux_rx_handle(struct bam_dmux *dmux, void *data,
				unsigned int len, unsigned int size)
{
	struct bam_dmux_hdr *hdr = data;
	enum bam_dmux_dev_stat reason;

	bam_dmux_count(dmux, BAM_DMUX_RX_FRAMES);
	if (len < sizeof(*hdr)) {
		reason = BAM_DMUX_RX_SHORT;
		goto drop;
	}
	if (le16_to_cpu(hdr->magic) != BAM_DMUX_MAGIC) {
		reason = BAM_DMUX_RX_BAD_MAGIC;
		goto drop;
	}
	if (hdr->ch >= BAM_DMUX_NUM_CH) {
		reason = BAM_DMUX_RX_BAD_CHANNEL;
		goto drop;
	}

	switch (hdr->cmd) {
	case BAM_DMUX_CMD_DATA:
		return bam_dmux_rx_data(dmux, hdr, len - sizeof(*hdr), size);
	case BAM_DMUX_CMD_OPEN_NO_A2_PC:
		/* An OPEN from a modem that keeps the A2 powered from now on
		 * and stops listening to the vote (as downstream, which then
		 * only votes for its own clocks), until it restarts.
		 */
		bam_dmux_count(dmux, BAM_DMUX_RX_OPEN_NO_PC);
		WRITE_ONCE(dmux->no_pc, true);
		fallthrough;
	case BAM_DMUX_CMD_OPEN:
		bam_dmux_rx_open_signal(dmux, hdr->ch, hdr->signal);
		bam_dmux_link_remote_open(dmux, hdr->ch);
		return 1;
	case BAM_DMUX_CMD_CLOSE:
		bam_dmux_link_remote_close(dmux, hdr->ch);
		return 1;
	case BAM_DMUX_CMD_STATUS:
		bam_dmux_count(dmux, BAM_DMUX_RX_STATUS);
		return 1;
	default:
		reason = BAM_DMUX_RX_BAD_CMD;
		goto drop;
	}

drop:
	bam_dmux_count(dmux, reason);
	return 1;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_rx_handle);

/*
 * Take one completed buffer off the ring and hand its frame on. Returns
 * the NAPI work it was.
 */
static unsigned int bam_dmux_rx_complete(struct bam_dmux *dmux,
					 struct bam_dmux_slot *slot,
					 bool refill)
{
	unsigned int work;

	struct bam_dmux_buf *buf = &slot->buf;
	void *data = buf->data;
	unsigned int size = buf->size;

	if (dmux->dma_dev)
		dma_unmap_single(dmux->dma_dev, buf->dma, size,
				 DMA_FROM_DEVICE);
	slot->queued = false;
	dmux->rx_queued--;

	if (slot->err) {
		bam_dmux_count(dmux, BAM_DMUX_RX_DMA_ERROR);
		return 1;
	}
	if (slot->len > size) {
		bam_dmux_count(dmux, BAM_DMUX_RX_BAD_XFER);
		return 1;
	}
	/* A transport that cannot tell reports the whole buffer. */
	if (!READ_ONCE(dmux->rx_len_known))
		slot->len = size;

	/* Without a replacement the ring would shrink: drop the frame and
	 * reuse its buffer instead.
	 */
	if (refill) {
		buf->data = bam_dmux_rx_alloc(dmux, dmux->rx_buf_size,
					      GFP_ATOMIC);
		if (!buf->data) {
			buf->data = data;
			bam_dmux_count(dmux, BAM_DMUX_RX_NOMEM);
			return 1;
		}
		buf->size = dmux->rx_buf_size;
	} else {
		buf->data = NULL;
		buf->size = 0;
	}

	work = bam_dmux_rx_handle(dmux, data, slot->len, size);
	page_frag_free(data);
	return work;
}

/**
 * bam_dmux_rx_process() - handle completed RX buffers in order
 * @dmux: the instance
 * @budget: NAPI work allowed: a buffer counts as the records of its
 *	QMAP aggregate, or as 1
 * @refill: give each handled slot a new buffer and queue it again
 *
 * Bottom halves must be disabled (NAPI, or the power-down path).
 *
 * Return: the work done, at most @budget.
 */
int bam_dmux_rx_process(struct bam_dmux *dmux, int budget, bool refill)
{
	unsigned int pool = READ_ONCE(dmux->rx_pool);
	/* rx_powered only changes while NAPI is disabled. */
	bool requeue = refill && dmux->rx_powered;
	bool queued = false, idle = false;
	int done = 0;

	dmux->rx_gro = refill;
	while (done < budget && dmux->rx_fifo_head != dmux->rx_fifo_tail) {
		unsigned int idx = dmux->rx_fifo[dmux->rx_fifo_head %
						 BAM_DMUX_RX_POOL_MAX];
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		/* Pairs with the release in bam_dmux_rx_done(). */
		if (!smp_load_acquire(&slot->done))
			break;
		dmux->rx_fifo_head++;
		done += bam_dmux_rx_complete(dmux, slot, refill);
		if (!requeue)
			continue;
		/* Back to the modem at once with the buffer the slot now
		 * has: a walk of the whole ring for the one slot that became
		 * idle was most of the cost of a raw-IP packet.
		 */
		if (dmux->rx_queued < pool &&
		    bam_dmux_rx_slot_ready(dmux, slot, GFP_ATOMIC) &&
		    !bam_dmux_rx_submit(dmux, idx)) {
			slot->queued = true;
			queued = true;
		} else {
			idle = true;
		}
	}
	if (queued)
		dmux->ops->flush(dmux->tp, false);
	/* A slot left idle, or the ring short: the walk of rx_fill(). */
	if (requeue && (idle || dmux->rx_queued != pool)) {
		bam_dmux_rx_fill(dmux, GFP_ATOMIC);
		/* Nothing queued, nothing will complete: try again later. */
		if (!dmux->rx_queued)
			mod_timer(&dmux->rx_retry, jiffies + BAM_DMUX_RX_RETRY);
	}
	return min(done, budget);
}

/**
 * bam_dmux_rx_free() - free every RX buffer after the pipe stopped
 * @dmux: the instance
 *
 * Buffers the transport still held are counted as reclaimed.
 */
void bam_dmux_rx_free(struct bam_dmux *dmux)
{
	unsigned int idx;

	for (idx = 0; idx < BAM_DMUX_RX_POOL_MAX; idx++) {
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		if (slot->queued) {
			if (dmux->dma_dev)
				dma_unmap_single(dmux->dma_dev, slot->buf.dma,
						 slot->buf.size,
						 DMA_FROM_DEVICE);
			bam_dmux_count(dmux, BAM_DMUX_RX_RECLAIMED);
			slot->queued = false;
		}
		if (slot->buf.data)
			page_frag_free(slot->buf.data);
		slot->buf.data = NULL;
		slot->buf.size = 0;
		slot->done = false;
	}
	dmux->rx_queued = 0;
	dmux->rx_fifo_head = 0;
	dmux->rx_fifo_tail = 0;
}
