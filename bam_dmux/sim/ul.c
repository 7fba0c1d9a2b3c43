// SPDX-License-Identifier: GPL-2.0-only
/*
 * Uplink, host to modem: the TX pipe.
 *
 * The host queues frames (tx_submit) and rings the doorbell (flush). The UL
 * worker takes the flushed frames in order, parses each one as a strict A2
 * would, hands the payload of DATA frames to the channel's peer netdev and
 * completes the frame with bam_dmux_tx_done(). Frames move only while the
 * A2 keeps its DMA engine powered (see bdsim_power_a2_on()), like a BAM
 * pipe whose far end is switched off.
 *
 * Whatever the modem cannot use is counted by reason; the transfer itself
 * still succeeded, so the frame completes with 0 unless a DMA error was
 * injected.
 */

#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>

#include "sim.h"

/**
 * bdsim_ul_kick() - run the UL worker
 * @sim: the modem
 *
 * Any context.
 */
void bdsim_ul_kick(struct bdsim *sim)
{
	queue_work(sim->data_wq, &sim->ul_work);
}

/* Hand a DATA payload to the peer of its channel. */
static void bdsim_ul_data(struct bdsim *sim, unsigned int ch, const u8 *data,
			  unsigned int len)
{
	struct bdsim_peer *peer;
	unsigned long flags;
	__be16 proto;
	bool usable;

	spin_lock_irqsave(&sim->lock, flags);
	usable = bdsim_ch_usable(sim, ch);
	spin_unlock_irqrestore(&sim->lock, flags);
	if (!usable) {
		bdsim_count_drop(sim, BDSIM_DROP_UL_CH_CLOSED);
		return;
	}
	bdsim_count_ch(sim, ch, len, true);

	/* The A2 routes raw IP; the version nibble tells which. */
	switch (data[0] >> 4) {
	case 4:
		proto = htons(ETH_P_IP);
		break;
	case 6:
		proto = htons(ETH_P_IPV6);
		break;
	default:
		bdsim_count_drop(sim, BDSIM_DROP_UL_NOT_IP);
		return;
	}

	peer = bdsim_peer_find(sim, ch, 0);
	if (!peer) {
		bdsim_count_drop(sim, BDSIM_DROP_UL_NO_PEER);
		return;
	}
	bdsim_peer_rx(peer, data, len, proto);
}

/*
 * Check one TX frame in the order a strict modem would. Returns true, with
 * the reason in @why, if the modem cannot use it.
 */
static bool bdsim_ul_bad(const struct bam_dmux_buf *buf, enum bdsim_drop *why)
{
	const struct sk_buff *skb = buf->skb;
	const struct bam_dmux_hdr *hdr;
	unsigned int size = buf->size;
	unsigned int len;

	if (size > skb_headlen(skb))
		*why = BDSIM_DROP_UL_BAD_BUFFER;
	else if (size < sizeof(*hdr))
		*why = BDSIM_DROP_UL_SHORT;
	else
		*why = BDSIM_DROP_NUM;
	if (*why != BDSIM_DROP_NUM)
		return true;

	hdr = (const struct bam_dmux_hdr *)skb->data;
	len = le16_to_cpu(hdr->len);
	if (le16_to_cpu(hdr->magic) != BAM_DMUX_MAGIC)
		*why = BDSIM_DROP_UL_BAD_MAGIC;
	else if (hdr->cmd != BAM_DMUX_CMD_DATA &&
		 hdr->cmd != BAM_DMUX_CMD_OPEN &&
		 hdr->cmd != BAM_DMUX_CMD_CLOSE)
		/* STATUS and OPEN_NO_A2_PC only ever go modem to host. */
		*why = BDSIM_DROP_UL_BAD_CMD;
	else if (hdr->ch >= BAM_DMUX_NUM_CH)
		*why = BDSIM_DROP_UL_BAD_CHANNEL;
	else if (size > BDSIM_UL_MTU)
		*why = BDSIM_DROP_UL_TOO_BIG;
	else if (sizeof(*hdr) + len + hdr->pad > size ||
		 (hdr->cmd == BAM_DMUX_CMD_DATA && !len))
		/* Also catches len 0xffff: no QMAP UL without negotiation. */
		*why = BDSIM_DROP_UL_BAD_LEN;

	return *why != BDSIM_DROP_NUM;
}

/* Act on one TX frame: deliver its payload or take the host's command. */
static void bdsim_ul_frame(struct bdsim *sim, const struct bam_dmux_buf *buf)
{
	const struct bam_dmux_hdr *hdr;
	enum bdsim_drop why;

	if (bdsim_ul_bad(buf, &why)) {
		bdsim_count_drop(sim, why);
		return;
	}

	hdr = (const struct bam_dmux_hdr *)buf->skb->data;
	if (hdr->cmd == BAM_DMUX_CMD_DATA)
		bdsim_ul_data(sim, hdr->ch, (const u8 *)(hdr + 1),
			      le16_to_cpu(hdr->len));
	else
		bdsim_modem_host_cmd(sim, hdr->cmd, hdr->ch, hdr->signal);
}

/* Take the next flushed TX frame, with the lock held. */
static bool bdsim_ul_next(struct bdsim *sim, struct bam_dmux_buf **buf,
			  bool *dma_err)
{
	sim->ul_busy = false;
	if (!sim->tx_running || !sim->tx_issued || !bdsim_power_a2_on(sim) ||
	    !kfifo_get(&sim->tx_ring, buf))
		return false;

	sim->tx_issued--;
	*dma_err = sim->dma_err_tx_armed;
	if (*dma_err)
		sim->dma_err_tx_armed--;
	sim->ul_busy = true;
	return true;
}

static void bdsim_ul_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(work, struct bdsim, ul_work);
	unsigned int budget = BDSIM_BUDGET;
	struct bam_dmux_buf *buf;
	unsigned long flags;
	bool more, dma_err;
	int err;

	do {
		spin_lock_irqsave(&sim->lock, flags);
		more = bdsim_ul_next(sim, &buf, &dma_err);
		spin_unlock_irqrestore(&sim->lock, flags);
		if (!more)
			break;

		/*
		 * Like a DMA completion tasklet; also keeps the peer's per-CPU
		 * stats and netif_rx() on one CPU.
		 */
		local_bh_disable();
		err = 0;
		if (dma_err) {
			err = -EIO;
			bdsim_count(sim, BDSIM_CTR_TX_DMA_ERRORS);
			bdsim_count_drop(sim, BDSIM_DROP_UL_DMA_ERROR);
		} else {
			bdsim_ul_frame(sim, buf);
		}
		WRITE_ONCE(sim->last_activity, jiffies);
		bam_dmux_tx_done(sim->dmux, buf, err);
		local_bh_enable();
		bdsim_count(sim, BDSIM_CTR_TX_COMPLETED);
	} while (--budget);

	spin_lock_irqsave(&sim->lock, flags);
	sim->ul_busy = false;
	spin_unlock_irqrestore(&sim->lock, flags);

	if (!budget)
		bdsim_ul_kick(sim);
}

/**
 * bdsim_ul_tx_start() - transport op: the host readies the TX pipe
 * @tp: the &struct bdsim
 *
 * Process context.
 *
 * Return: 0, or -EBUSY if the pipe is running already.
 */
int bdsim_ul_tx_start(void *tp)
{
	struct bdsim *sim = tp;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->tx_running)
		err = -EBUSY;
	else
		sim->tx_running = true;
	spin_unlock_irqrestore(&sim->lock, flags);

	if (err) {
		bdsim_count(sim, BDSIM_CTR_PIPE_ERRORS);
		dev_warn_ratelimited(sim->dev, "tx_start on a running pipe\n");
	}
	return err;
}

/**
 * bdsim_ul_tx_stop() - transport op: the host stops the TX pipe
 * @tp: the &struct bdsim
 *
 * Process context. The sim forgets the frames it has not taken yet (the
 * core takes them back) and waits for the frame in progress, so no
 * completion runs after this returns.
 */
void bdsim_ul_tx_stop(void *tp)
{
	struct bdsim *sim = tp;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	sim->tx_running = false;
	kfifo_reset(&sim->tx_ring);
	sim->tx_issued = 0;
	spin_unlock_irqrestore(&sim->lock, flags);

	/* See bdsim_dl_rx_stop() for why not from the worker itself. */
	if (current_work() != &sim->ul_work)
		cancel_work_sync(&sim->ul_work);
}

/**
 * bdsim_ul_tx_submit() - transport op: the host queues a TX frame
 * @tp: the &struct bdsim
 * @buf: the frame
 *
 * Any context. Refusals are counted.
 *
 * Return: 0; -ENODEV if the pipe is stopped; -EINVAL without an skb;
 * -ENOSPC if the ring is full.
 */
int bdsim_ul_tx_submit(void *tp, struct bam_dmux_buf *buf)
{
	struct bdsim *sim = tp;
	unsigned long flags;
	int err = 0;

	if (!buf->skb) {
		err = -EINVAL;
		goto out;
	}

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->tx_running)
		err = -ENODEV;
	else if (!kfifo_put(&sim->tx_ring, buf))
		err = -ENOSPC;
	spin_unlock_irqrestore(&sim->lock, flags);
out:
	bdsim_count(sim, err ? BDSIM_CTR_TX_REFUSED : BDSIM_CTR_TX_SUBMITTED);
	return err;
}

/**
 * bdsim_ul_flush() - the doorbell: TX frames submitted so far may move
 * @sim: the modem
 *
 * Any context.
 */
void bdsim_ul_flush(struct bdsim *sim)
{
	unsigned long flags;
	bool kick = false;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->tx_running && sim->tx_issued != kfifo_len(&sim->tx_ring)) {
		sim->tx_issued = kfifo_len(&sim->tx_ring);
		kick = true;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (kick)
		bdsim_ul_kick(sim);
}

/**
 * bdsim_ul_init() - set up the UL path
 * @sim: the modem, not yet started
 */
void bdsim_ul_init(struct bdsim *sim)
{
	INIT_KFIFO(sim->tx_ring);
	INIT_WORK(&sim->ul_work, bdsim_ul_work);
}
