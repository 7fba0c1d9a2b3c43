// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A2 firmware's view of the DMUX channels: which ones it announced
 * (remote_open), which ones the host opened (host_open), the OPEN/CLOSE
 * commands each side sends, and the modem restart.
 *
 * Commands to the host are queued as control frames and go out, ahead of
 * any data, when the DL worker has an RX buffer. remote_open changes when
 * the frame is written, so a channel never carries DATA before its OPEN
 * nor after its CLOSE.
 *
 * Restart (restart phase):
 *
 *   NONE --(restart)--> CLOSING: CLOSE queued for every open channel,
 *     host_open forgotten, DL backlog dropped
 *   CLOSING --(CLOSEs sent, pc dropped)--> POWERDOWN
 *   POWERDOWN --(host acks pc 0)--> DELAY
 *   DELAY --(restart_delay_ms)--> NONE: OPEN queued for every announced
 *     channel, which powers the A2 up again
 *
 * Crash (``echo crash > restart``), a firmware that dies rather than shuts
 * down:
 *
 *   NONE --(crash)--> DELAY at once: no CLOSE; the modem forgets every
 *     channel (remote_open, host_open, signals, no_pc), the DL backlog and
 *     queued frames; the RX buffers and TX frames it holds are abandoned,
 *     never completed (the host takes them back with rx_stop/tx_stop);
 *     pc is dropped without waiting for anything
 *   DELAY --(restart_delay_ms)--> NONE: OPEN queued for every announced
 *     channel, as at boot
 *
 * The crashed modem's pc drop is a pc change like any other: the host
 * acks it, and the modem does not raise pc again before that ack (pc_state
 * stays down_wait_ack), so the two never disagree about the level; the
 * host's AP side resets before the modem is back, as the AP's restart
 * notifier does on a real subsystem restart. Until the modem powered up
 * again its TX pipe does not move (crashed).
 *
 * Dynamic MTU: every announcement takes the ul_mtu control as the modem's
 * offer, which its OPENs carry in their signal byte (bit 1 and the size
 * code; nothing without an offer), and which is then the largest UL frame
 * it takes. The host's OPEN negotiates when it carries bit 1 and the modem
 * offered; its DL size and pool codes are kept per channel for the DL
 * side (dl.c) and QMAP (mux.c). A restart or crash forgets the
 * negotiation and the data formats.
 *
 * The pc transitions themselves belong to power.c.
 */

#include <linux/bitops.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "sim.h"

/**
 * bdsim_modem_push_ctrl() - queue a control frame as it is
 * @sim: the modem, lock held
 * @ctrl: the frame
 *
 * Return: 0, or -ENOSPC if too many frames are waiting already.
 */
int bdsim_modem_push_ctrl(struct bdsim *sim, const struct bdsim_ctrl *ctrl)
{
	return kfifo_put(&sim->ctrl, *ctrl) ? 0 : -ENOSPC;
}

/* Queue a control frame; an OPEN carries the offer. Lock held. */
static int bdsim_modem_push(struct bdsim *sim, enum bdsim_ctrl_kind kind,
			    unsigned int ch)
{
	struct bdsim_ctrl ctrl = { .kind = kind, .ch = ch };

	if (kind == BDSIM_CTRL_OPEN && sim->ul_offer)
		ctrl.signal = BDSIM_SIG_DYN_MTU |
			      bdsim_sig_size_code(sim->ul_offer);
	return bdsim_modem_push_ctrl(sim, &ctrl);
}

/*
 * Queue OPEN for every announced channel not open yet, with the offer of
 * the ul_mtu control as it is now. Lock held.
 */
static void bdsim_modem_announce_locked(struct bdsim *sim)
{
	unsigned long mask = sim->announced & ~sim->remote_open;
	bool reverse = READ_ONCE(bdsim_announce_reverse);
	unsigned int i, ch;

	WRITE_ONCE(sim->ul_offer, READ_ONCE(sim->ul_mtu));

	for (i = 0; i < BDSIM_NUM_CH; i++) {
		ch = reverse ? BDSIM_NUM_CH - 1 - i : i;
		if (test_bit(ch, &mask))
			bdsim_modem_push(sim, BDSIM_CTRL_OPEN, ch);
	}
}

/**
 * bdsim_modem_announce() - queue OPEN for every announced channel
 * @sim: the modem
 *
 * What the firmware does once it has booted. The caller kicks the workers.
 */
void bdsim_modem_announce(struct bdsim *sim)
{
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	bdsim_modem_announce_locked(sim);
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * bdsim_modem_queue_ctrl() - queue a control or fault frame for the host
 * @sim: the modem
 * @kind: an &enum bdsim_ctrl_kind
 * @ch: the channel
 *
 * Process context. Wakes the A2 if it is down.
 *
 * Return: 0, -ENODEV if the modem is not running, -ENOSPC if too many
 * frames are waiting already.
 */
int bdsim_modem_queue_ctrl(struct bdsim *sim, enum bdsim_ctrl_kind kind,
			   unsigned int ch)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&sim->lock, flags);
	err = sim->active ? bdsim_modem_push(sim, kind, ch) : -ENODEV;
	spin_unlock_irqrestore(&sim->lock, flags);
	if (err)
		return err;

	bdsim_dl_kick(sim);
	bdsim_power_kick(sim);
	return 0;
}

/**
 * bdsim_modem_ctrl_sent() - a control frame is being written to the host
 * @sim: the modem
 * @ctrl: the frame
 *
 * Called by the DL worker, with the lock held, when it commits @ctrl to an
 * RX buffer: from here on the host may see it.
 */
void bdsim_modem_ctrl_sent(struct bdsim *sim, const struct bdsim_ctrl *ctrl)
{
	switch (ctrl->kind) {
	case BDSIM_CTRL_OPEN_NO_PC:
		/* The firmware promises to stay up until it restarts. */
		sim->no_pc = true;
		fallthrough;
	case BDSIM_CTRL_OPEN:
		sim->remote_open |= BIT(ctrl->ch);
		bdsim_count(sim, BDSIM_CTR_MODEM_OPENS);
		break;
	case BDSIM_CTRL_CLOSE:
		/* A closed channel forgets the host's OPEN too. */
		sim->remote_open &= ~BIT(ctrl->ch);
		sim->host_open &= ~BIT(ctrl->ch);
		bdsim_count(sim, BDSIM_CTR_MODEM_CLOSES);
		break;
	case BDSIM_CTRL_DMA_ERROR:
		break;
	case BDSIM_CTRL_MAP_FLOW:
		bdsim_count(sim, BDSIM_CTR_FLOW_CMDS_SENT);
		break;
	default:
		bdsim_count(sim, BDSIM_CTR_FAULT_FRAMES);
		break;
	}
}

/**
 * bdsim_modem_host_cmd() - the host sent OPEN or CLOSE
 * @sim: the modem
 * @cmd: %BDSIM_CMD_OPEN or %BDSIM_CMD_CLOSE
 * @ch: the channel, already checked
 * @signal: the header's signal byte (dynamic MTU request on OPEN)
 *
 * Called by the UL worker. Odd sequences are counted, never refused: the
 * firmware tolerates them and the counters tell the tests. A dynamic-MTU
 * request the modem did not offer is counted and not taken.
 */
void bdsim_modem_host_cmd(struct bdsim *sim, u8 cmd, unsigned int ch,
			  u8 signal)
{
	bool was_open, announced, dyn = false, unoffered = false;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	was_open = sim->host_open & BIT(ch);
	announced = sim->remote_open & BIT(ch);
	if (cmd == BDSIM_CMD_OPEN) {
		sim->host_open |= BIT(ch);
		sim->host_signal[ch] = signal;
		if (signal & BDSIM_SIG_DYN_MTU) {
			dyn = sim->ul_offer;
			unoffered = !dyn;
		}
		sim->ch[ch].dyn_mtu = dyn;
	} else {
		sim->host_open &= ~BIT(ch);
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (cmd == BDSIM_CMD_OPEN) {
		bdsim_count(sim, BDSIM_CTR_HOST_OPENS);
		if (was_open)
			bdsim_count(sim, BDSIM_CTR_HOST_DUP_OPENS);
		if (!announced)
			bdsim_count(sim, BDSIM_CTR_HOST_OPEN_UNANNOUNCED);
		if (dyn)
			bdsim_count(sim, BDSIM_CTR_HOST_OPENS_DYN_MTU);
		if (unoffered)
			bdsim_count(sim, BDSIM_CTR_HOST_OPEN_DYN_UNOFFERED);
	} else {
		bdsim_count(sim, BDSIM_CTR_HOST_CLOSES);
		if (!was_open)
			bdsim_count(sim, BDSIM_CTR_HOST_CLOSE_NOT_OPEN);
	}
}

/*
 * What a restarting firmware forgets, politely or not: its queued control
 * frames, a running DL generator, the host's OPENs and their dynamic-MTU
 * requests, the data formats and flow state, and the promise of
 * OPEN_NO_A2_PC. Lock held.
 */
static void bdsim_modem_forget_locked(struct bdsim *sim)
{
	kfifo_reset(&sim->ctrl);
	if (sim->flood.left) {
		sim->flood.left = 0;
		bdsim_count(sim, BDSIM_CTR_FLOOD_ABORTED);
	}
	sim->host_open = 0;
	memset(sim->host_signal, 0, sizeof(sim->host_signal));
	bdsim_mux_forget_locked(sim);
	sim->no_pc = false;
}

/**
 * bdsim_modem_restart() - start a modem restart
 * @sim: the modem
 *
 * Process context (debugfs). What is in flight towards the host is lost, as
 * when the firmware restarts: the DL backlog, the queued control and fault
 * frames, a running DL generator.
 *
 * Return: 0, -ENODEV if the modem is not running, -EBUSY during a restart.
 */
int bdsim_modem_restart(struct bdsim *sim)
{
	unsigned long flags, open;
	unsigned int ch;
	int err = 0;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		err = -ENODEV;
	} else if (sim->restart != BDSIM_RESTART_NONE) {
		err = -EBUSY;
	} else {
		sim->restart = BDSIM_RESTART_CLOSING;
		bdsim_modem_forget_locked(sim);
		open = sim->remote_open;
		for_each_set_bit(ch, &open, BDSIM_NUM_CH)
			bdsim_modem_push(sim, BDSIM_CTRL_CLOSE, ch);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	if (err)
		return err;

	bdsim_count(sim, BDSIM_CTR_RESTARTS);
	bdsim_dl_drop_backlog(sim, BDSIM_DROP_DL_RESTART);
	bdsim_dl_kick(sim);
	bdsim_power_kick(sim);
	return 0;
}

/**
 * bdsim_modem_crash() - crash the modem firmware
 * @sim: the modem
 *
 * Process context (debugfs). See the top of this file. Peer packets are
 * dropped as in a restart (dl_restart).
 *
 * Return: 0, -ENODEV if the modem is not running, -EBUSY during a restart.
 */
int bdsim_modem_crash(struct bdsim *sim)
{
	unsigned int rx_lost = 0, tx_lost = 0;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		err = -ENODEV;
	} else if (sim->restart != BDSIM_RESTART_NONE) {
		err = -EBUSY;
	} else {
		sim->crashed = true;
		sim->crash_drop = true;
		bdsim_modem_forget_locked(sim);
		sim->remote_open = 0;
		/*
		 * The BAM pipes die with the firmware: what they hold is
		 * never completed. The host still owns it and gets it back
		 * when it stops the pipes.
		 */
		rx_lost = kfifo_len(&sim->rx_ring);
		kfifo_reset(&sim->rx_ring);
		sim->rx_issued = 0;
		tx_lost = kfifo_len(&sim->tx_ring);
		kfifo_reset(&sim->tx_ring);
		sim->tx_issued = 0;
		/* Straight to the reboot: nothing is closed or acked first. */
		bdsim_modem_restart_down(sim);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	if (err)
		return err;

	bdsim_count(sim, BDSIM_CTR_CRASHES);
	atomic64_add(rx_lost, &sim->stats.ctr[BDSIM_CTR_RX_ABANDONED]);
	atomic64_add(tx_lost, &sim->stats.ctr[BDSIM_CTR_TX_ABANDONED]);
	bdsim_dl_drop_backlog(sim, BDSIM_DROP_DL_RESTART);
	/* The power work drops pc, in order with every other pc change. */
	bdsim_power_kick(sim);
	return 0;
}

/**
 * bdsim_modem_restart_down() - the A2 is down during a restart
 * @sim: the modem
 *
 * Called with the lock held by the power state machine. Starts the reboot
 * delay; the restart work brings the modem back.
 */
void bdsim_modem_restart_down(struct bdsim *sim)
{
	sim->restart = BDSIM_RESTART_DELAY;
	queue_delayed_work(sim->pm_wq, &sim->restart_work,
			   msecs_to_jiffies(READ_ONCE(sim->restart_delay_ms)));
}

static void bdsim_modem_restart_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(to_delayed_work(work), struct bdsim,
					 restart_work);
	unsigned long flags;
	bool booted = false;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->active && sim->restart == BDSIM_RESTART_DELAY) {
		sim->restart = BDSIM_RESTART_NONE;
		bdsim_modem_announce_locked(sim);
		booted = true;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (booted)
		bdsim_power_kick(sim);
}

/**
 * bdsim_modem_init() - set up the channel state
 * @sim: the modem, not yet started
 *
 * Like MSM8916 firmware: all eight channels are announced, unless the
 * module-wide boot_announce says otherwise.
 */
void bdsim_modem_init(struct bdsim *sim)
{
	sim->announced = READ_ONCE(bdsim_boot_announce) & BDSIM_ALL_CHANNELS;
	sim->restart_delay_ms = BDSIM_RESTART_DELAY_MS_DEFAULT;
	sim->ul_mtu = BDSIM_UL_MTU_DEFAULT;
	/* Unlike 6.12's bam_dma, the sim reports what each transfer wrote. */
	sim->rx_len_known = true;
	INIT_KFIFO(sim->ctrl);
	INIT_DELAYED_WORK(&sim->restart_work, bdsim_modem_restart_work);
}

/**
 * bdsim_modem_cancel() - cancel a restart in progress for good
 * @sim: the modem, with &bdsim.active cleared
 */
void bdsim_modem_cancel(struct bdsim *sim)
{
	cancel_delayed_work_sync(&sim->restart_work);
}
