// SPDX-License-Identifier: GPL-2.0-only
/*
 * Downlink, modem to host: the RX pipe.
 *
 * The host queues empty RX buffers (rx_submit) and rings the doorbell
 * (flush); only flushed buffers are visible to the "DMA engine". The DL
 * worker writes one frame per buffer at the buffer's DMA address, as the
 * A2's bus master would (never through the host's skb), and completes the
 * buffers in submission order with bam_dmux_rx_done(), the way the BAM
 * reports a finished descriptor. Frames come from three
 * sources, in this order of priority: control and fault frames, packets the
 * peer netdevs transmitted, the in-kernel generator.
 *
 * The peers are backpressured rather than dropped: a peer stops its queue
 * when the backlog reaches the RX buffers on hand, and the worker wakes it
 * when buffers come back.
 *
 * The worker is the only writer to RX buffers, which is what keeps the
 * completions in order, and it runs the completions with bottom halves
 * disabled, as a DMA completion tasklet would.
 */

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>

#include "sim.h"

/**
 * enum bdsim_dl_src - where the frame of a &struct bdsim_dl_job comes from
 * @BDSIM_DL_SRC_CTRL: a queued control or fault frame
 * @BDSIM_DL_SRC_SKB: a packet from a peer
 * @BDSIM_DL_SRC_FLOOD: the DL generator
 */
enum bdsim_dl_src {
	BDSIM_DL_SRC_CTRL,
	BDSIM_DL_SRC_SKB,
	BDSIM_DL_SRC_FLOOD,
};

/**
 * struct bdsim_dl_job - one frame the DL worker committed to one RX buffer
 * @src: an &enum bdsim_dl_src
 * @buf: the RX buffer
 * @ctrl: the control frame, for %BDSIM_DL_SRC_CTRL
 * @skb: the packet, for %BDSIM_DL_SRC_SKB
 * @ch: the channel, for %BDSIM_DL_SRC_FLOOD
 * @size: packet size, for %BDSIM_DL_SRC_FLOOD
 * @id: IPv4 id, for %BDSIM_DL_SRC_FLOOD
 */
struct bdsim_dl_job {
	enum bdsim_dl_src src;
	struct bam_dmux_buf *buf;
	struct bdsim_ctrl ctrl;
	struct sk_buff *skb;
	u8 ch;
	u16 size;
	u16 id;
};

/**
 * bdsim_dl_kick() - run the DL worker
 * @sim: the modem
 *
 * Any context.
 */
void bdsim_dl_kick(struct bdsim *sim)
{
	queue_work(sim->data_wq, &sim->dl_work);
}

/**
 * bdsim_dl_pending() - has the modem something to send?
 * @sim: the modem
 *
 * Call with the lock held. Pending DL wakes a powered-down A2 and keeps a
 * powered one from collapsing.
 *
 * Return: true if a frame waits for an RX buffer or is being written.
 */
bool bdsim_dl_pending(const struct bdsim *sim)
{
	return sim->dl_busy || !kfifo_is_empty(&sim->ctrl) ||
	       !skb_queue_empty(&sim->dlq) || sim->flood.left;
}

/* Is there an RX buffer for one more packet? Lock held. */
static bool bdsim_dl_room(struct bdsim *sim)
{
	return sim->pc_state == BDSIM_PC_UP && sim->rx_running &&
	       skb_queue_len(&sim->dlq) + kfifo_len(&sim->ctrl) <
	       sim->rx_issued;
}

/* Drop packets whose reason is in their cb. Process context, no lock. */
static void bdsim_dl_drop_list(struct bdsim *sim, struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list))) {
		struct bdsim_dl_cb *cb = bdsim_dl_cb(skb);

		bdsim_count_drop(sim, cb->why);
		/* Per-CPU netdev stats: keep the xmit path off this CPU. */
		local_bh_disable();
		dev_dstats_tx_dropped(cb->peer->ndev);
		local_bh_enable();
		kfree_skb(skb);
	}
}

/**
 * bdsim_dl_drop_backlog() - drop every packet waiting for an RX buffer
 * @sim: the modem
 * @why: the reason to count
 *
 * Process context.
 */
void bdsim_dl_drop_backlog(struct bdsim *sim, enum bdsim_drop why)
{
	struct sk_buff_head list;
	struct sk_buff *skb;
	unsigned long flags;

	__skb_queue_head_init(&list);
	spin_lock_irqsave(&sim->lock, flags);
	skb_queue_splice_init(&sim->dlq, &list);
	spin_unlock_irqrestore(&sim->lock, flags);

	skb_queue_walk(&list, skb)
		bdsim_dl_cb(skb)->why = why;
	bdsim_dl_drop_list(sim, &list);
}

/**
 * bdsim_dl_xmit() - a peer transmits a packet towards the host
 * @peer: the peer
 * @skb: an IP packet
 *
 * Softirq context (ndo_start_xmit). The packet waits for an RX buffer; the
 * peer's queue stops when the backlog reaches the buffers on hand or the A2
 * is down, and the A2 is woken if needed.
 *
 * Return: %NETDEV_TX_OK; the packet is queued or counted as dropped.
 */
netdev_tx_t bdsim_dl_xmit(struct bdsim_peer *peer, struct sk_buff *skb)
{
	enum bdsim_drop why = BDSIM_DROP_NUM;
	struct bdsim *sim = peer->sim;
	bool stop = false, wake_a2 = false;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		why = BDSIM_DROP_DL_NO_MODEM;
	} else if (!bdsim_ch_usable(sim, peer->ch)) {
		why = BDSIM_DROP_DL_CH_CLOSED;
	} else if (skb_queue_len(&sim->dlq) >= BDSIM_DLQ_MAX) {
		why = BDSIM_DROP_DL_QUEUE_FULL;
	} else {
		bdsim_dl_cb(skb)->peer = peer;
		__skb_queue_tail(&sim->dlq, skb);
		if (!bdsim_dl_room(sim)) {
			/* Under the lock, so the worker's wake cannot slip in between. */
			set_bit(BDSIM_PEER_STOPPED, &peer->flags);
			netif_stop_queue(peer->ndev);
			stop = true;
		}
		wake_a2 = sim->pc_state != BDSIM_PC_UP;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (why != BDSIM_DROP_NUM) {
		bdsim_count_drop(sim, why);
		dev_dstats_tx_dropped(peer->ndev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (stop)
		bdsim_count(sim, BDSIM_CTR_PEER_STOPS);
	bdsim_dl_kick(sim);
	if (wake_a2)
		bdsim_power_kick(sim);
	return NETDEV_TX_OK;
}

/*
 * Pick the next frame and the RX buffer it goes to, with the lock held.
 * Packets that can no longer be sent move to @drops.
 */
static bool bdsim_dl_next(struct bdsim *sim, struct bdsim_dl_job *job,
			  struct sk_buff_head *drops)
{
	struct bam_dmux_buf *buf;
	struct sk_buff *skb;

	sim->dl_busy = false;
	if (sim->pc_state != BDSIM_PC_UP || !sim->rx_running ||
	    !sim->rx_issued || !kfifo_peek(&sim->rx_ring, &buf))
		return false;

	if (kfifo_get(&sim->ctrl, &job->ctrl)) {
		job->src = BDSIM_DL_SRC_CTRL;
		bdsim_modem_ctrl_sent(sim, &job->ctrl);
		goto take;
	}

	while ((skb = __skb_dequeue(&sim->dlq))) {
		struct bdsim_dl_cb *cb = bdsim_dl_cb(skb);

		if (!bdsim_ch_usable(sim, cb->peer->ch)) {
			cb->why = BDSIM_DROP_DL_CH_CLOSED;
		} else if (bdsim_dl_frame_len(skb->len) > buf->size) {
			cb->why = BDSIM_DROP_DL_TOO_BIG;
		} else {
			job->src = BDSIM_DL_SRC_SKB;
			job->skb = skb;
			goto take;
		}
		__skb_queue_tail(drops, skb);
	}

	if (sim->flood.left) {
		if (!bdsim_ch_usable(sim, sim->flood.ch) ||
		    bdsim_dl_frame_len(sim->flood.size) > buf->size) {
			sim->flood.left = 0;
			bdsim_count(sim, BDSIM_CTR_FLOOD_ABORTED);
			return false;
		}
		job->src = BDSIM_DL_SRC_FLOOD;
		job->ch = sim->flood.ch;
		job->size = sim->flood.size;
		job->id = sim->flood.id++;
		sim->flood.left--;
		goto take;
	}
	return false;

take:
	kfifo_skip(&sim->rx_ring);
	sim->rx_issued--;
	job->buf = buf;
	sim->dl_busy = true;
	return true;
}

/* Write the frame of @job and complete its buffer. No lock held. */
static void bdsim_dl_run(struct bdsim *sim, struct bdsim_dl_job *job)
{
	u8 *data = bdsim_dma_va(sim, job->buf);
	struct bdsim_peer *peer = NULL;
	unsigned int len = 0, payload;
	int err = 0;

	switch (job->src) {
	case BDSIM_DL_SRC_CTRL:
		if (job->ctrl.kind == BDSIM_CTRL_DMA_ERROR) {
			err = -EIO;
			bdsim_count(sim, BDSIM_CTR_RX_DMA_ERRORS);
			break;
		}
		len = bdsim_fault_frame(data, job->buf->size, &job->ctrl);
		break;
	case BDSIM_DL_SRC_SKB:
		peer = bdsim_dl_cb(job->skb)->peer;
		payload = job->skb->len;
		len = bdsim_frame_data_hdr(data, peer->ch, payload);
		skb_copy_bits(job->skb, 0, data + BDSIM_HDR_LEN, payload);
		bdsim_count_ch(sim, peer->ch, payload, false);
		break;
	case BDSIM_DL_SRC_FLOOD:
		len = bdsim_frame_data_hdr(data, job->ch, job->size);
		bdsim_frame_udp4(data + BDSIM_HDR_LEN, job->size, job->id);
		bdsim_count_ch(sim, job->ch, job->size, false);
		bdsim_count(sim, BDSIM_CTR_FLOOD_FRAMES);
		break;
	}
	WRITE_ONCE(sim->last_activity, jiffies);
	if (!err)
		len = bdsim_fault_rx_len(sim, data, job->buf->size, len);

	local_bh_disable();
	if (peer)
		dev_dstats_tx_add(peer->ndev, job->skb->len);
	bam_dmux_rx_done(sim->dmux, job->buf, len, err);
	local_bh_enable();
	bdsim_count(sim, BDSIM_CTR_RX_COMPLETED);

	if (job->skb)
		consume_skb(job->skb);
}

static void bdsim_dl_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(work, struct bdsim, dl_work);
	unsigned int budget = BDSIM_BUDGET;
	struct sk_buff_head drops;
	struct bdsim_dl_job job;
	bool more, room, closing;
	unsigned long flags;

	__skb_queue_head_init(&drops);
	do {
		memset(&job, 0, sizeof(job));
		spin_lock_irqsave(&sim->lock, flags);
		more = bdsim_dl_next(sim, &job, &drops);
		spin_unlock_irqrestore(&sim->lock, flags);
		if (!more)
			break;
		bdsim_dl_run(sim, &job);
	} while (--budget);

	spin_lock_irqsave(&sim->lock, flags);
	sim->dl_busy = false;
	room = bdsim_dl_room(sim);
	closing = sim->restart == BDSIM_RESTART_CLOSING;
	spin_unlock_irqrestore(&sim->lock, flags);

	bdsim_dl_drop_list(sim, &drops);
	if (room)
		bdsim_peers_wake(sim);
	if (!budget)
		bdsim_dl_kick(sim);
	/* A restart powers down once its CLOSE frames are out. */
	if (closing)
		bdsim_power_kick(sim);
}

/**
 * bdsim_dl_rx_start() - transport op: the host readies the RX pipe
 * @tp: the &struct bdsim
 *
 * Process context.
 *
 * Return: 0, or -EBUSY if the pipe is running already.
 */
int bdsim_dl_rx_start(void *tp)
{
	struct bdsim *sim = tp;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->rx_running)
		err = -EBUSY;
	else
		sim->rx_running = true;
	spin_unlock_irqrestore(&sim->lock, flags);

	if (err) {
		bdsim_count(sim, BDSIM_CTR_PIPE_ERRORS);
		dev_warn_ratelimited(sim->dev, "rx_start on a running pipe\n");
	}
	return err;
}

/**
 * bdsim_dl_rx_stop() - transport op: the host stops the RX pipe
 * @tp: the &struct bdsim
 *
 * Process context. The sim forgets the RX buffers it holds (the core takes
 * them back) and waits for a completion in progress, so none runs after
 * this returns.
 */
void bdsim_dl_rx_stop(void *tp)
{
	struct bdsim *sim = tp;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	sim->rx_running = false;
	kfifo_reset(&sim->rx_ring);
	sim->rx_issued = 0;
	spin_unlock_irqrestore(&sim->lock, flags);

	/*
	 * The worker may hold one buffer it took before the reset. Waiting
	 * for it from inside the worker itself (a core that stops the pipe
	 * from its completion handler) would deadlock; there, the buffer is
	 * already completed when the handler runs.
	 */
	if (current_work() != &sim->dl_work)
		cancel_work_sync(&sim->dl_work);
}

/**
 * bdsim_dl_rx_submit() - transport op: the host queues an empty RX buffer
 * @tp: the &struct bdsim
 * @buf: the buffer
 *
 * Any context. Refusals are counted.
 *
 * Return: 0; -ENODEV if the pipe is stopped; -EINVAL if the buffer is too
 * small or lies out of the A2's reach; -ENOSPC if the ring is full.
 */
int bdsim_dl_rx_submit(void *tp, struct bam_dmux_buf *buf)
{
	struct bdsim *sim = tp;
	unsigned long flags;
	int err = 0;

	if (buf->size < BDSIM_RX_MIN_SIZE || !bdsim_dma_reachable(sim, buf)) {
		err = -EINVAL;
		goto out;
	}

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->rx_running)
		err = -ENODEV;
	else if (!kfifo_put(&sim->rx_ring, buf))
		err = -ENOSPC;
	spin_unlock_irqrestore(&sim->lock, flags);
out:
	bdsim_count(sim, err ? BDSIM_CTR_RX_REFUSED : BDSIM_CTR_RX_SUBMITTED);
	return err;
}

/**
 * bdsim_dl_flush() - the doorbell: RX buffers submitted so far are usable
 * @sim: the modem
 *
 * Any context.
 */
void bdsim_dl_flush(struct bdsim *sim)
{
	unsigned long flags;
	bool kick = false;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->rx_running && sim->rx_issued != kfifo_len(&sim->rx_ring)) {
		sim->rx_issued = kfifo_len(&sim->rx_ring);
		kick = true;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (kick)
		bdsim_dl_kick(sim);
}

/**
 * bdsim_dl_init() - set up the DL path
 * @sim: the modem, not yet started
 */
void bdsim_dl_init(struct bdsim *sim)
{
	INIT_KFIFO(sim->rx_ring);
	__skb_queue_head_init(&sim->dlq);
	INIT_WORK(&sim->dl_work, bdsim_dl_work);
}
