// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX receive path: the RX buffer ring and the parsing of every frame
 * the modem sends. Nothing in a frame is trusted: each field is checked
 * before use and every rejected frame is counted by reason.
 */
#include <linux/dma-mapping.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <kunit/visibility.h>

#include "bam_dmux.h"

/*
 * RX buffers complete in the order they were submitted. The ring keeps
 * that order in a FIFO of slot numbers rather than in the slot index, so a
 * buffer the transport refused leaves no hole that would stall the ring:
 * it is simply submitted again on the next refill.
 */

static struct sk_buff *bam_dmux_rx_alloc(struct bam_dmux *dmux, gfp_t gfp)
{
	return __netdev_alloc_skb(NULL, dmux->rx_buf_size, gfp);
}

static int bam_dmux_rx_submit(struct bam_dmux *dmux, unsigned int idx)
{
	struct bam_dmux_slot *slot = &dmux->rx[idx];
	struct bam_dmux_buf *buf = &slot->buf;
	int ret;

	buf->size = skb_tailroom(buf->skb);
	if (buf->size > dmux->rx_buf_size)
		buf->size = dmux->rx_buf_size;
	if (dmux->dma_dev) {
		buf->dma = dma_map_single(dmux->dma_dev, buf->skb->data,
					  buf->size, DMA_FROM_DEVICE);
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

	dmux->rx_fifo[dmux->rx_fifo_tail++ % BAM_DMUX_RX_RING] = idx;
	dmux->rx_queued++;
	return 0;
}

/**
 * bam_dmux_rx_fill() - queue every RX slot that is not queued yet
 * @dmux: the instance
 * @gfp: allocation flags for missing buffers
 *
 * Called from NAPI while the RX pipe runs and, at power-up, from process
 * context with NAPI disabled: never both at once.
 *
 * Return: the number of buffers queued by this call.
 */
int bam_dmux_rx_fill(struct bam_dmux *dmux, gfp_t gfp)
{
	unsigned int idx;
	int queued = 0;

	for (idx = 0; idx < BAM_DMUX_RX_RING; idx++) {
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		if (dmux->rx_queued == BAM_DMUX_RX_RING)
			break;
		if (slot->queued)
			continue;
		if (!slot->buf.skb) {
			slot->buf.skb = bam_dmux_rx_alloc(dmux, gfp);
			if (!slot->buf.skb)
				break;
		}
		if (bam_dmux_rx_submit(dmux, idx))
			break;
		slot->queued = true;
		queued++;
	}
	if (queued)
		dmux->ops->flush(dmux->tp, false);
	return queued;
}

static bool bam_dmux_rx_ip_proto(struct sk_buff *skb)
{
	switch (skb->data[0] & 0xf0) {
	case 0x40:
		skb->protocol = htons(ETH_P_IP);
		return true;
	case 0x60:
		skb->protocol = htons(ETH_P_IPV6);
		return true;
	default:
		return false;
	}
}

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

static void bam_dmux_rx_data(struct bam_dmux *dmux, struct sk_buff *skb)
{
	struct bam_dmux_hdr *hdr = (struct bam_dmux_hdr *)skb->data;
	unsigned int avail = skb->len - sizeof(*hdr);
	unsigned int len = le16_to_cpu(hdr->len);
	struct bam_dmux_link *link;

	rcu_read_lock();
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
			goto drop;
		}
		len = avail > hdr->pad ? avail - hdr->pad : 0;
	}

	if (!len || len + hdr->pad > avail) {
		bam_dmux_rx_drop(dmux, link, BAM_DMUX_DROP_RX_BAD_LEN,
				 BAM_DMUX_RX_BAD_LEN);
		goto drop;
	}
	if (!link) {
		bam_dmux_count(dmux, BAM_DMUX_RX_NO_LINK);
		goto drop;
	}

	skb_pull(skb, sizeof(*hdr));
	skb_trim(skb, len);
	if (!bam_dmux_rx_ip_proto(skb)) {
		bam_dmux_link_drop(link, BAM_DMUX_DROP_RX_BAD_PROTO);
		goto drop;
	}

	skb->dev = link->ndev;
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	bam_dmux_link_rx(link, len);
	netif_receive_skb(skb);
	rcu_read_unlock();
	return;

drop:
	rcu_read_unlock();
	kfree_skb(skb);
}

/**
 * bam_dmux_rx_handle() - parse one frame the modem sent
 * @dmux: the instance
 * @skb: the frame, skb->len being the transfer length; consumed
 *
 * Runs in NAPI context (or with bottom halves disabled).
 */
void bam_dmux_rx_handle(struct bam_dmux *dmux, struct sk_buff *skb)
{
	struct bam_dmux_hdr *hdr = (struct bam_dmux_hdr *)skb->data;
	enum bam_dmux_dev_stat reason;

	bam_dmux_count(dmux, BAM_DMUX_RX_FRAMES);
	if (skb->len < sizeof(*hdr)) {
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
		bam_dmux_rx_data(dmux, skb);
		return;
	case BAM_DMUX_CMD_OPEN_NO_A2_PC:
		/* An OPEN from a modem that keeps the A2 powered from now on
		 * and stops listening to the vote (as downstream, which then
		 * only votes for its own clocks), until it restarts.
		 */
		bam_dmux_count(dmux, BAM_DMUX_RX_OPEN_NO_PC);
		WRITE_ONCE(dmux->no_pc, true);
		fallthrough;
	case BAM_DMUX_CMD_OPEN:
		bam_dmux_link_remote_open(dmux, hdr->ch);
		break;
	case BAM_DMUX_CMD_CLOSE:
		bam_dmux_link_remote_close(dmux, hdr->ch);
		break;
	case BAM_DMUX_CMD_STATUS:
		bam_dmux_count(dmux, BAM_DMUX_RX_STATUS);
		break;
	default:
		reason = BAM_DMUX_RX_BAD_CMD;
		goto drop;
	}
	consume_skb(skb);
	return;

drop:
	bam_dmux_count(dmux, reason);
	kfree_skb(skb);
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_rx_handle);

/* Take one completed buffer off the ring and hand its frame on. */
static void bam_dmux_rx_complete(struct bam_dmux *dmux,
				 struct bam_dmux_slot *slot, bool refill)
{
	struct bam_dmux_buf *buf = &slot->buf;
	struct sk_buff *skb = buf->skb;

	if (dmux->dma_dev)
		dma_unmap_single(dmux->dma_dev, buf->dma, buf->size,
				 DMA_FROM_DEVICE);
	slot->queued = false;
	dmux->rx_queued--;

	if (slot->err) {
		bam_dmux_count(dmux, BAM_DMUX_RX_DMA_ERROR);
		return;
	}
	if (slot->len > buf->size) {
		bam_dmux_count(dmux, BAM_DMUX_RX_BAD_XFER);
		return;
	}
	/* A transport that cannot tell reports the whole buffer. */
	if (!READ_ONCE(dmux->rx_len_known))
		slot->len = buf->size;

	/* Without a replacement the ring would shrink: drop the frame and
	 * reuse its buffer instead.
	 */
	if (refill) {
		buf->skb = bam_dmux_rx_alloc(dmux, GFP_ATOMIC);
		if (!buf->skb) {
			buf->skb = skb;
			bam_dmux_count(dmux, BAM_DMUX_RX_NOMEM);
			return;
		}
	} else {
		buf->skb = NULL;
	}

	skb_put(skb, slot->len);
	bam_dmux_rx_handle(dmux, skb);
}

/**
 * bam_dmux_rx_process() - handle completed RX buffers in order
 * @dmux: the instance
 * @budget: most buffers to handle
 * @refill: give each handled slot a new buffer and queue it again
 *
 * Bottom halves must be disabled (NAPI, or the power-down path).
 *
 * Return: the number of buffers handled.
 */
int bam_dmux_rx_process(struct bam_dmux *dmux, int budget, bool refill)
{
	int done = 0;

	while (done < budget && dmux->rx_fifo_head != dmux->rx_fifo_tail) {
		unsigned int idx = dmux->rx_fifo[dmux->rx_fifo_head %
						 BAM_DMUX_RX_RING];
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		/* Pairs with the release in bam_dmux_rx_done(). */
		if (!smp_load_acquire(&slot->done))
			break;
		dmux->rx_fifo_head++;
		bam_dmux_rx_complete(dmux, slot, refill);
		done++;
	}
	/* rx_powered only changes while NAPI is disabled. */
	if (refill && dmux->rx_powered && dmux->rx_queued < BAM_DMUX_RX_RING)
		bam_dmux_rx_fill(dmux, GFP_ATOMIC);
	return done;
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

	for (idx = 0; idx < BAM_DMUX_RX_RING; idx++) {
		struct bam_dmux_slot *slot = &dmux->rx[idx];

		if (slot->queued) {
			if (dmux->dma_dev)
				dma_unmap_single(dmux->dma_dev, slot->buf.dma,
						 slot->buf.size,
						 DMA_FROM_DEVICE);
			bam_dmux_count(dmux, BAM_DMUX_RX_RECLAIMED);
			slot->queued = false;
		}
		kfree_skb(slot->buf.skb);
		slot->buf.skb = NULL;
		slot->done = false;
	}
	dmux->rx_queued = 0;
	dmux->rx_fifo_head = 0;
	dmux->rx_fifo_tail = 0;
}
