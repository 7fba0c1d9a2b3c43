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
 * The modem reads a frame the way the A2's bus master does: buf->size
 * bytes at buf->dma, the address the host mapped for the transfer. It never
 * looks at the host's skb.
 *
 * On a channel in QMAP mode the payload of a DATA frame is one or more MAP
 * frames, handed to mux.c.
 *
 * Whatever the modem cannot use is counted by reason; the transfer itself
 * still succeeded, so the frame completes with 0 unless a DMA error was
 * injected.
 */

#include <kunit/visibility.h>
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

/* Hand a DATA payload to the peer of its channel, or to QMAP. */
static void bdsim_ul_data(struct bdsim *sim, unsigned int ch, const u8 *data,
			  unsigned int len)
{
	struct bdsim_peer *peer;
	unsigned long flags;
	__be16 proto;
	bool usable;
	u8 fmt;

	spin_lock_irqsave(&sim->lock, flags);
	usable = bdsim_ch_usable(sim, ch);
	fmt = sim->ch[ch].fmt;
	spin_unlock_irqrestore(&sim->lock, flags);
	if (!usable) {
		bdsim_count_drop(sim, BDSIM_DROP_UL_CH_CLOSED);
		return;
	}
	if (fmt != BDSIM_FMT_RAW_IP) {
		bdsim_mux_ul(sim, ch, data, len, fmt);
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

	rcu_read_lock();
	peer = bdsim_peer_find(sim, ch, 0);
	if (peer)
		bdsim_peer_rx(peer, data, len, proto, false);
	else
		bdsim_count_drop(sim, BDSIM_DROP_UL_NO_PEER);
	rcu_read_unlock();
}

/* Layout of a frame: header, len payload bytes, pad bytes, nothing more. */
static enum bdsim_drop bdsim_ul_layout(const struct bdsim_hdr *hdr,
				       unsigned int size)
{
	unsigned int frame = BDSIM_HDR_LEN + hdr->len + hdr->pad;

	if (hdr->cmd != BDSIM_CMD_DATA) {
		/* OPEN and CLOSE are a bare header. */
		if (hdr->len || hdr->pad)
			return BDSIM_DROP_UL_CMD_LEN;
	} else if (!hdr->len || frame > size) {
		/* Also len 0xffff: UL frames, QMAP too, carry their length. */
		return BDSIM_DROP_UL_BAD_LEN;
	} else if (hdr->pad > BDSIM_ALIGN ||
		   (hdr->len + hdr->pad) % BDSIM_ALIGN) {
		/*
		 * The firmware takes both hosts' rules: 0..3 bytes up to the
		 * next 4-byte boundary (downstream) or 1..4 (mainline, which
		 * pads an aligned packet by 4).
		 */
		return BDSIM_DROP_UL_BAD_PAD;
	}
	if (frame < size)
		return BDSIM_DROP_UL_LONG_XFER;
	return BDSIM_DROP_NUM;
}

/* The signal byte each command may carry. */
static enum bdsim_drop bdsim_ul_signal(const struct bdsim_hdr *hdr)
{
	const u8 dyn_mtu = BDSIM_SIG_DYN_MTU | BDSIM_SIG_POOL_MASK |
			   BDSIM_SIG_SIZE_MASK;

	switch (hdr->cmd) {
	case BDSIM_CMD_DATA:
		return hdr->signal ? BDSIM_DROP_UL_DATA_SIGNAL : BDSIM_DROP_NUM;
	case BDSIM_CMD_OPEN:
		/* Nothing, or a dynamic-MTU request with its pool and size. */
		if (!hdr->signal ||
		    ((hdr->signal & BDSIM_SIG_DYN_MTU) &&
		     !(hdr->signal & ~dyn_mtu)))
			return BDSIM_DROP_NUM;
		return BDSIM_DROP_UL_OPEN_SIGNAL;
	default:
		return hdr->signal ? BDSIM_DROP_UL_CLOSE_SIGNAL :
				     BDSIM_DROP_NUM;
	}
}

/**
 * bdsim_ul_parse() - check one UL transfer as strictly as the A2 firmware
 * @frame: the bytes the transfer carried
 * @size: the transfer length
 * @ul_mtu: the largest transfer the modem takes: 2 KiB, or the UL size
 *	its OPENs offered
 * @hdr: the decoded header; meaningful only if the frame is accepted
 *
 * The checks run in this order, and the first that fails names the
 * reason: length of the transfer, magic, command, channel, transfer size,
 * layout (len and pad against the transfer), signal bits.
 *
 * Return: %BDSIM_DROP_NUM if the modem takes the frame, else why not.
 */
VISIBLE_IF_KUNIT enum bdsim_drop bdsim_ul_parse(const u8 *frame,
						unsigned int size,
						unsigned int ul_mtu,
						struct bdsim_hdr *hdr)
{
	enum bdsim_drop why;

	if (size < BDSIM_HDR_LEN)
		return BDSIM_DROP_UL_SHORT;

	bdsim_hdr_get(frame, hdr);
	if (hdr->magic != BDSIM_MAGIC)
		return BDSIM_DROP_UL_BAD_MAGIC;
	switch (hdr->cmd) {
	case BDSIM_CMD_DATA:
	case BDSIM_CMD_OPEN:
	case BDSIM_CMD_CLOSE:
		break;
	case BDSIM_CMD_STATUS:
	case BDSIM_CMD_OPEN_NO_A2_PC:
		return BDSIM_DROP_UL_MODEM_CMD;
	default:
		return BDSIM_DROP_UL_BAD_CMD;
	}
	if (hdr->ch >= BDSIM_NUM_CH)
		return BDSIM_DROP_UL_BAD_CHANNEL;
	if (size > ul_mtu)
		return BDSIM_DROP_UL_TOO_BIG;

	why = bdsim_ul_layout(hdr, size);
	if (why != BDSIM_DROP_NUM)
		return why;
	return bdsim_ul_signal(hdr);
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_ul_parse);

/*
 * Act on one TX frame: deliver its payload or take the host's command.
 * The frame is read the way the A2's bus master reads it: at the DMA
 * address the host mapped, never through the host's skb.
 */
static void bdsim_ul_frame(struct bdsim *sim, const struct bam_dmux_buf *buf)
{
	const u8 *frame = bdsim_dma_va(sim, buf);
	struct bdsim_hdr hdr;
	enum bdsim_drop why;

	why = bdsim_ul_parse(frame, buf->size, bdsim_ul_limit(sim), &hdr);
	if (why != BDSIM_DROP_NUM) {
		bdsim_count_drop(sim, why);
		return;
	}

	if (hdr.cmd == BDSIM_CMD_DATA)
		bdsim_ul_data(sim, hdr.ch, frame + BDSIM_HDR_LEN, hdr.len);
	else
		bdsim_modem_host_cmd(sim, hdr.cmd, hdr.ch, hdr.signal);
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
 * Return: 0; -ENODEV if the pipe is stopped; -EINVAL if the frame is empty
 * or lies out of the A2's reach; -ENOSPC if the ring is full.
 */
int bdsim_ul_tx_submit(void *tp, struct bam_dmux_buf *buf)
{
	struct bdsim *sim = tp;
	unsigned long flags;
	int err = 0;

	if (!buf->size || !bdsim_dma_reachable(sim, buf)) {
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
