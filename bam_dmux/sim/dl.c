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
 * On a channel in QMAP mode the packets of its mux peers (or of the
 * generator) are aggregated: as many MAP packets as fit go back to back
 * into one DATA frame with len 0xffff, up to the smallest of the buffer,
 * the negotiated DL size and data_format's dl-max-size, and at most
 * dl-max-datagrams of them. While any channel is in QMAP mode every DATA
 * frame, whatever its channel, carries signal bit 1 ("use large DL
 * buffers"): the host has one pool of RX buffers for all channels, so the
 * request can only be the A2's, not a channel's. From the first frame with
 * the bit on, the host may still use up
 * the pool of old buffers it had queued; each buffer smaller than the
 * negotiated DL size after that is counted (dl_small_buf).
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
 * @skbs: the packets, for %BDSIM_DL_SRC_SKB: one for raw IP, the
 *	aggregate's for QMAP
 * @ch: the channel of a DATA frame
 * @fmt: its channel's data format
 * @signal: its signal byte
 * @data: a DATA frame of the peers or the generator: part of the signal
 *	sequence
 * @mux: mux id, for %BDSIM_DL_SRC_FLOOD in QMAP mode
 * @size: packet size, for %BDSIM_DL_SRC_FLOOD
 * @id: IPv4 id of the first packet, for %BDSIM_DL_SRC_FLOOD
 * @count: packets, for %BDSIM_DL_SRC_FLOOD
 */
struct bdsim_dl_job {
	enum bdsim_dl_src src;
	struct bam_dmux_buf *buf;
	struct bdsim_ctrl ctrl;
	struct sk_buff_head skbs;
	u8 ch;
	u8 fmt;
	u8 signal;
	bool data;
	u8 mux;
	u16 size;
	u16 id;
	u16 count;
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
 * bdsim_dl_drop_peer() - drop what an unbound peer left queued
 * @sim: the modem
 * @peer: the peer, off its list and marked gone
 *
 * Process context. On return the DL worker holds none of its packets.
 */
void bdsim_dl_drop_peer(struct bdsim *sim, struct bdsim_peer *peer)
{
	struct sk_buff *skb, *tmp;
	struct sk_buff_head list;
	unsigned long flags;

	__skb_queue_head_init(&list);
	spin_lock_irqsave(&sim->lock, flags);
	skb_queue_walk_safe(&sim->dlq, skb, tmp) {
		if (bdsim_dl_cb(skb)->peer != peer)
			continue;
		__skb_unlink(skb, &sim->dlq);
		bdsim_dl_cb(skb)->why = BDSIM_DROP_DL_UNBOUND;
		__skb_queue_tail(&list, skb);
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	bdsim_dl_drop_list(sim, &list);
	flush_work(&sim->dl_work);
}

/*
 * Can a peer's packet go to its channel as it is now? The plain peer
 * speaks raw IP, a mux peer QMAP. Lock held.
 */
static enum bdsim_drop bdsim_dl_check(const struct bdsim *sim,
				      const struct bdsim_peer *peer)
{
	u8 fmt = sim->ch[peer->ch].fmt;

	if (!bdsim_ch_usable(sim, peer->ch))
		return BDSIM_DROP_DL_CH_CLOSED;
	if (peer->gone)
		return BDSIM_DROP_DL_UNBOUND;
	if (!peer->mux_id && fmt != BDSIM_FMT_RAW_IP)
		return BDSIM_DROP_DL_RAW_IN_QMAP;
	if (peer->mux_id && fmt == BDSIM_FMT_RAW_IP)
		return BDSIM_DROP_DL_MUX_NOT_QMAP;
	return BDSIM_DROP_NUM;
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
	struct bdsim *sim = peer->sim;
	bool stop = false, wake_a2 = false;
	unsigned long flags;
	enum bdsim_drop why;

	spin_lock_irqsave(&sim->lock, flags);
	why = sim->active ? bdsim_dl_check(sim, peer) : BDSIM_DROP_DL_NO_MODEM;
	if (why == BDSIM_DROP_NUM && skb_queue_len(&sim->dlq) >= BDSIM_DLQ_MAX)
		why = BDSIM_DROP_DL_QUEUE_FULL;
	if (why == BDSIM_DROP_NUM) {
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
 * The most a QMAP frame on @ch may take of @buf: the buffer, the DL size
 * the host negotiated and data_format's dl-max-size. Lock held.
 */
static unsigned int bdsim_dl_limit(const struct bdsim *sim, unsigned int ch,
				   const struct bam_dmux_buf *buf)
{
	unsigned int limit = min(buf->size, bdsim_ch_dl_size(sim, ch));

	if (sim->ch[ch].dl_max_size)
		limit = min(limit, sim->ch[ch].dl_max_size);
	return limit;
}

/*
 * Add more packets of channel @ch to the aggregate of @job, in queue
 * order, while they fit in @room bytes and @n datagrams. Packets of the
 * channel that can no longer be sent move to @drops; the first that does
 * not fit ends the aggregate, so that a channel's packets keep their
 * order. Lock held.
 */
static void bdsim_dl_gather(struct bdsim *sim, struct bdsim_dl_job *job,
			    unsigned int room, unsigned int n,
			    struct sk_buff_head *drops)
{
	struct sk_buff *skb, *tmp;
	unsigned int rec;

	skb_queue_walk_safe(&sim->dlq, skb, tmp) {
		struct bdsim_dl_cb *cb = bdsim_dl_cb(skb);

		if (!n)
			break;
		if (cb->peer->ch != job->ch)
			continue;
		cb->why = bdsim_dl_check(sim, cb->peer);
		if (cb->why != BDSIM_DROP_NUM) {
			__skb_unlink(skb, &sim->dlq);
			__skb_queue_tail(drops, skb);
			continue;
		}
		rec = bdsim_map_rec_len(skb->len, job->fmt);
		if (rec > room)
			break;
		__skb_unlink(skb, &sim->dlq);
		__skb_queue_tail(&job->skbs, skb);
		room -= rec;
		n--;
	}
}

/*
 * The next peer packet, or aggregate of them, that fits @buf. Packets that
 * can no longer be sent move to @drops. Lock held.
 */
static bool bdsim_dl_next_skb(struct bdsim *sim, struct bdsim_dl_job *job,
			      const struct bam_dmux_buf *buf,
			      struct sk_buff_head *drops)
{
	unsigned int limit, rec;
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sim->dlq))) {
		struct bdsim_dl_cb *cb = bdsim_dl_cb(skb);

		cb->why = bdsim_dl_check(sim, cb->peer);
		if (cb->why != BDSIM_DROP_NUM) {
			__skb_queue_tail(drops, skb);
			continue;
		}
		job->ch = cb->peer->ch;
		job->fmt = sim->ch[job->ch].fmt;
		if (job->fmt == BDSIM_FMT_RAW_IP) {
			if (bdsim_dl_frame_len(skb->len) <= buf->size) {
				__skb_queue_tail(&job->skbs, skb);
				return true;
			}
		} else {
			limit = bdsim_dl_limit(sim, job->ch, buf);
			rec = bdsim_map_rec_len(skb->len, job->fmt);
			if (BDSIM_HDR_LEN + rec <= limit) {
				__skb_queue_tail(&job->skbs, skb);
				bdsim_dl_gather(sim, job,
						limit - BDSIM_HDR_LEN - rec,
						sim->ch[job->ch].dl_max_dgrams - 1,
						drops);
				return true;
			}
		}
		cb->why = BDSIM_DROP_DL_TOO_BIG;
		__skb_queue_tail(drops, skb);
	}
	return false;
}

/* Stop the generator. Lock held. */
static void bdsim_dl_flood_abort(struct bdsim *sim)
{
	sim->flood.left = 0;
	bdsim_count(sim, BDSIM_CTR_FLOOD_ABORTED);
}

/*
 * The generator's next frame for @buf: one packet in raw-IP mode, as many
 * as fit in QMAP mode. It stops when its channel closed, changed its
 * format, or the packet does not fit. Lock held.
 */
static bool bdsim_dl_next_flood(struct bdsim *sim, struct bdsim_dl_job *job,
				const struct bam_dmux_buf *buf)
{
	struct bdsim_flood *fl = &sim->flood;
	unsigned int n, rec, limit;
	u8 fmt;

	if (!fl->left)
		return false;
	fmt = sim->ch[fl->ch].fmt;
	/* Raw IP without a mux id, QMAP with one. */
	if (!bdsim_ch_usable(sim, fl->ch) ||
	    !!fl->mux != bdsim_fmt_qmap(fmt)) {
		bdsim_dl_flood_abort(sim);
		return false;
	}
	if (fmt == BDSIM_FMT_RAW_IP) {
		if (bdsim_dl_frame_len(fl->size) > buf->size) {
			bdsim_dl_flood_abort(sim);
			return false;
		}
		n = 1;
	} else {
		limit = bdsim_dl_limit(sim, fl->ch, buf);
		rec = bdsim_map_rec_len(fl->size, fmt);
		n = min3(fl->left, sim->ch[fl->ch].dl_max_dgrams,
			 (limit - BDSIM_HDR_LEN) / rec);
		if (!n) {
			bdsim_dl_flood_abort(sim);
			return false;
		}
	}
	job->ch = fl->ch;
	job->fmt = fmt;
	job->mux = fl->mux;
	job->size = fl->size;
	job->id = fl->id;
	job->count = n;
	fl->id += n;
	fl->left -= n;
	return true;
}

/*
 * The signal sequence the host sees on DATA frames, and the buffers it
 * gives meanwhile. Lock held, when @job takes @buf.
 */
static void bdsim_dl_signal_seq(struct bdsim *sim,
				const struct bdsim_dl_job *job,
				const struct bam_dmux_buf *buf)
{
	bool large = job->signal & BDSIM_SIG_DYN_MTU;

	if (job->data && large && !sim->dl_large) {
		sim->dl_large = true;
		sim->dl_large_used = 0;
		sim->dl_large_size = bdsim_ch_dl_size(sim, job->ch);
		sim->dl_large_pool = bdsim_ch_pool(sim, job->ch);
		bdsim_count(sim, BDSIM_CTR_DL_LARGE_ON);
	} else if (job->data && !large && sim->dl_large) {
		sim->dl_large = false;
		bdsim_count(sim, BDSIM_CTR_DL_LARGE_OFF);
	}
	if (!sim->dl_large)
		return;
	/* The pool of old buffers may still be used up, no more. */
	if (++sim->dl_large_used > sim->dl_large_pool &&
	    buf->size < sim->dl_large_size)
		bdsim_count(sim, BDSIM_CTR_DL_SMALL_BUF);
}

/*
 * Signal bit 1 of DL DATA frames: on while any channel speaks QMAP (and
 * on MAP commands, which only a QMAP channel carries). Lock held.
 */
static bool bdsim_dl_large_wanted(const struct bdsim *sim)
{
	unsigned int ch;

	for (ch = 0; ch < BDSIM_NUM_CH; ch++)
		if (bdsim_fmt_qmap(sim->ch[ch].fmt))
			return true;
	return false;
}

/*
 * Pick the next frame and the RX buffer it goes to, with the lock held.
 * Packets that can no longer be sent move to @drops.
 */
static bool bdsim_dl_next(struct bdsim *sim, struct bdsim_dl_job *job,
			  struct sk_buff_head *drops)
{
	struct bam_dmux_buf *buf;

	sim->dl_busy = false;
	if (sim->pc_state != BDSIM_PC_UP || !sim->rx_running ||
	    !sim->rx_issued || !kfifo_peek(&sim->rx_ring, &buf))
		return false;

	while (kfifo_get(&sim->ctrl, &job->ctrl)) {
		job->src = BDSIM_DL_SRC_CTRL;
		if (job->ctrl.kind == BDSIM_CTRL_MAP_FLOW) {
			job->ch = job->ctrl.ch;
			/* A MAP command needs the QMAP session it was for. */
			if (!bdsim_ch_usable(sim, job->ch) ||
			    sim->ch[job->ch].fmt == BDSIM_FMT_RAW_IP) {
				bdsim_count(sim, BDSIM_CTR_FLOW_CMDS_DROPPED);
				continue;
			}
			/* In MAPv4 the command has a trailer too. */
			job->fmt = sim->ch[job->ch].fmt;
			job->ctrl.signal = BDSIM_SIG_DYN_MTU;
			job->signal = BDSIM_SIG_DYN_MTU;
			job->data = true;
		}
		bdsim_modem_ctrl_sent(sim, &job->ctrl);
		goto take;
	}

	if (bdsim_dl_next_skb(sim, job, buf, drops)) {
		job->src = BDSIM_DL_SRC_SKB;
		goto data;
	}
	if (bdsim_dl_next_flood(sim, job, buf)) {
		job->src = BDSIM_DL_SRC_FLOOD;
		goto data;
	}
	return false;

data:
	job->data = true;
	job->signal = bdsim_dl_large_wanted(sim) ? BDSIM_SIG_DYN_MTU : 0;
take:
	kfifo_skip(&sim->rx_ring);
	sim->rx_issued--;
	job->buf = buf;
	sim->dl_busy = true;
	bdsim_dl_signal_seq(sim, job, buf);
	return true;
}

/* Count a DL MAP packet sealed in an aggregate. */
static void bdsim_dl_count_map(struct bdsim *sim, unsigned int ch,
			       unsigned int len, bool csum_valid)
{
	bdsim_count_ch(sim, ch, len, false);
	bdsim_count(sim, BDSIM_CTR_DL_QMAP_PACKETS);
	if (csum_valid)
		bdsim_count(sim, BDSIM_CTR_DL_QMAP_CSUM_VALID);
}

/* Write the aggregate of peer packets of @job. Return: transfer length. */
static unsigned int bdsim_dl_write_qmap(struct bdsim *sim,
					struct bdsim_dl_job *job, u8 *data)
{
	unsigned int off = BDSIM_HDR_LEN;
	struct sk_buff *skb;
	bool valid;

	bdsim_qmap_dmux_hdr(data, job->ch, job->signal);
	skb_queue_walk(&job->skbs, skb) {
		skb_copy_bits(skb, 0, data + off + bdsim_map_ip_off(job->fmt),
			      skb->len);
		off += bdsim_qmap_seal(data + off,
				       bdsim_dl_cb(skb)->peer->mux_id,
				       skb->len, job->fmt, &valid);
		bdsim_dl_count_map(sim, job->ch, skb->len, valid);
	}
	bdsim_count(sim, BDSIM_CTR_DL_QMAP_FRAMES);
	return off;
}

/* Write the generator's frame of @job. Return: transfer length. */
static unsigned int bdsim_dl_write_flood(struct bdsim *sim,
					 struct bdsim_dl_job *job, u8 *data)
{
	unsigned int off = BDSIM_HDR_LEN, i, len;
	bool valid;

	atomic64_add(job->count, &sim->stats.ctr[BDSIM_CTR_FLOOD_FRAMES]);
	if (job->fmt == BDSIM_FMT_RAW_IP) {
		bdsim_frame_udp4(data + BDSIM_HDR_LEN, job->size, job->id);
		bdsim_count_ch(sim, job->ch, job->size, false);
		len = bdsim_frame_data_hdr(data, job->ch, job->size);
		/* A raw frame carries the A2's large-buffer request too. */
		data[BDSIM_OFF_SIGNAL] = job->signal;
		return len;
	}

	bdsim_qmap_dmux_hdr(data, job->ch, job->signal);
	for (i = 0; i < job->count; i++) {
		bdsim_frame_udp4(data + off + bdsim_map_ip_off(job->fmt),
				 job->size, (u16)(job->id + i));
		off += bdsim_qmap_seal(data + off, job->mux, job->size,
				       job->fmt, &valid);
		bdsim_dl_count_map(sim, job->ch, job->size, valid);
	}
	bdsim_count(sim, BDSIM_CTR_DL_QMAP_FRAMES);
	return off;
}

/* Write the frame of @job and complete its buffer. No lock held. */
static void bdsim_dl_run(struct bdsim *sim, struct bdsim_dl_job *job)
{
	u8 *data = bdsim_dma_va(sim, job->buf);
	unsigned int len = 0, payload;
	struct sk_buff *skb;
	int err = 0;

	switch (job->src) {
	case BDSIM_DL_SRC_CTRL:
		if (job->ctrl.kind == BDSIM_CTRL_DMA_ERROR) {
			err = -EIO;
			bdsim_count(sim, BDSIM_CTR_RX_DMA_ERRORS);
			break;
		}
		if (job->ctrl.kind == BDSIM_CTRL_MAP_FLOW)
			len = bdsim_qmap_flow_frame(data, job->ch,
						    job->ctrl.signal,
						    job->ctrl.mux,
						    job->ctrl.name,
						    job->ctrl.txid, job->fmt);
		else
			len = bdsim_fault_frame(data, job->buf->size,
						&job->ctrl);
		break;
	case BDSIM_DL_SRC_SKB:
		if (job->fmt != BDSIM_FMT_RAW_IP) {
			len = bdsim_dl_write_qmap(sim, job, data);
			break;
		}
		skb = skb_peek(&job->skbs);
		payload = skb->len;
		len = bdsim_frame_data_hdr(data, job->ch, payload);
		/* A raw frame carries the A2's large-buffer request too. */
		data[BDSIM_OFF_SIGNAL] = job->signal;
		skb_copy_bits(skb, 0, data + BDSIM_HDR_LEN, payload);
		bdsim_count_ch(sim, job->ch, payload, false);
		break;
	case BDSIM_DL_SRC_FLOOD:
		len = bdsim_dl_write_flood(sim, job, data);
		break;
	}
	WRITE_ONCE(sim->last_activity, jiffies);
	if (!err)
		len = bdsim_fault_rx_len(sim, data, job->buf->size, len);

	local_bh_disable();
	skb_queue_walk(&job->skbs, skb)
		dev_dstats_tx_add(bdsim_dl_cb(skb)->peer->ndev, skb->len);
	bam_dmux_rx_done(sim->dmux, job->buf, len, err);
	local_bh_enable();
	bdsim_count(sim, BDSIM_CTR_RX_COMPLETED);

	while ((skb = __skb_dequeue(&job->skbs)))
		consume_skb(skb);
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
		__skb_queue_head_init(&job.skbs);
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
