// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX power control.
 *
 * Two independent handshakes share one ack line in each direction:
 *
 * - The modem is the master of the A2 power: it raises or drops its power
 *   level whenever it likes, and the AP answers each change with an ack
 *   toggle once its RX pipe is up (buffers queued) or down.
 * - The AP asks for the A2 to stay up for uplink with its vote; the modem
 *   acks each vote change. The vote follows runtime PM of the transport's
 *   device: resume votes and waits for the ack and for the modem's power,
 *   suspend withdraws the vote without waiting.
 *
 * Every wait is bounded; a modem that does not answer costs the frames
 * that waited for it (counted), never a hung task.
 */
#include <linux/jiffies.h>
#include <linux/pm_runtime.h>

#include "bam_dmux.h"

#define BAM_DMUX_REMOTE_TIMEOUT	msecs_to_jiffies(BAM_DMUX_REMOTE_TIMEOUT_MS)

/**
 * bam_dmux_power_init() - initialise the power-control state
 * @dmux: the instance
 */
void bam_dmux_power_init(struct bam_dmux *dmux)
{
	mutex_init(&dmux->pc_lock);
	init_completion(&dmux->ack);
	init_waitqueue_head(&dmux->power_wq);
}

/* Change the AP vote; the modem's ack completes dmux->ack. */
static void bam_dmux_set_vote(struct bam_dmux *dmux, bool on)
{
	reinit_completion(&dmux->ack);
	WRITE_ONCE(dmux->ack_pending, true);
	mutex_lock(&dmux->pc_lock);
	dmux->vote = on;
	mutex_unlock(&dmux->pc_lock);
	dmux->ops->set_vote(dmux->tp, on);
}

/* Completions that arrived while NAPI was disabled scheduled nothing. */
static void bam_dmux_napi_kick(struct bam_dmux *dmux)
{
	local_bh_disable();
	napi_schedule(&dmux->napi);
	local_bh_enable();
}

static void bam_dmux_rx_power_up(struct bam_dmux *dmux)
{
	int ret;

	lockdep_assert_held(&dmux->pc_lock);

	ret = dmux->ops->rx_start(dmux->tp);
	if (ret) {
		/* Without an ack the modem retries the power-up. */
		dev_err(dmux->dev, "RX pipe did not start: %d\n", ret);
		return;
	}
	/* NAPI owns the RX ring while the pipe runs; keep it off until the
	 * ring is filled and rx_powered says so.
	 */
	napi_disable(&dmux->napi);
	bam_dmux_rx_fill(dmux, GFP_KERNEL);
	WRITE_ONCE(dmux->rx_powered, true);
	napi_enable(&dmux->napi);
	bam_dmux_napi_kick(dmux);
	wake_up_all(&dmux->power_wq);
	bam_dmux_count(dmux, BAM_DMUX_PC_UP);
	dmux->ops->toggle_ack(dmux->tp);
}

/* Stop the RX pipe, deliver what had arrived, free the buffers. */
static void bam_dmux_rx_power_down(struct bam_dmux *dmux, bool deliver)
{
	lockdep_assert_held(&dmux->pc_lock);

	napi_disable(&dmux->napi);
	dmux->ops->rx_stop(dmux->tp);
	if (deliver) {
		local_bh_disable();
		bam_dmux_rx_process(dmux, INT_MAX, false);
		local_bh_enable();
	}
	bam_dmux_rx_free(dmux);
	WRITE_ONCE(dmux->rx_powered, false);
	dmux->pc_down_pending = false;
	bam_dmux_count(dmux, BAM_DMUX_PC_DOWN);
	if (!READ_ONCE(dmux->dying)) {
		napi_enable(&dmux->napi);
		bam_dmux_napi_kick(dmux);
	}
}

/**
 * bam_dmux_modem_pc() - the modem changed its power level
 * @dmux: the instance
 * @on: the new level
 *
 * Process context: the transport calls it from a threaded IRQ or a work
 * item. A power-down while the AP still votes is held back until the vote
 * goes: the modem must not lose the DMA engine under frames the AP is
 * about to send.
 */
void bam_dmux_modem_pc(struct bam_dmux *dmux, bool on)
{
	mutex_lock(&dmux->pc_lock);
	if (READ_ONCE(dmux->dying))
		goto out;
	if (on == dmux->modem_pc) {
		bam_dmux_count(dmux, BAM_DMUX_PC_SPURIOUS);
		goto out;
	}
	dmux->modem_pc = on;

	if (on) {
		if (dmux->pc_down_pending) {
			/* Down and up again before we let go: the pipe
			 * never stopped; answer both changes.
			 */
			dmux->pc_down_pending = false;
			dmux->ops->toggle_ack(dmux->tp);
			dmux->ops->toggle_ack(dmux->tp);
		} else {
			bam_dmux_rx_power_up(dmux);
		}
	} else if (dmux->vote) {
		dmux->pc_down_pending = true;
		bam_dmux_count(dmux, BAM_DMUX_PC_DOWN_DEFERRED);
	} else if (dmux->rx_powered) {
		bam_dmux_rx_power_down(dmux, true);
		dmux->ops->toggle_ack(dmux->tp);
	} else {
		/* The power-up failed earlier; still answer. */
		dmux->ops->toggle_ack(dmux->tp);
	}
out:
	mutex_unlock(&dmux->pc_lock);
}
EXPORT_SYMBOL_GPL(bam_dmux_modem_pc);

/**
 * bam_dmux_modem_ack() - the modem toggled its power-control ack
 * @dmux: the instance
 *
 * Any context.
 */
void bam_dmux_modem_ack(struct bam_dmux *dmux)
{
	if (READ_ONCE(dmux->dying))
		return;
	if (!READ_ONCE(dmux->ack_pending)) {
		bam_dmux_count(dmux, BAM_DMUX_ACK_UNEXPECTED);
		return;
	}
	complete(&dmux->ack);
}
EXPORT_SYMBOL_GPL(bam_dmux_modem_ack);

/**
 * bam_dmux_runtime_resume() - vote for the A2 and start the TX pipe
 * @dmux: the instance
 *
 * For the transport's runtime_resume callback.
 *
 * Return: 0, or -ETIMEDOUT if the modem did not answer (the vote is
 * withdrawn again).
 */
int bam_dmux_runtime_resume(struct bam_dmux *dmux)
{
	int ret;

	if (READ_ONCE(dmux->dying))
		return -ENODEV;

	/* The ack of the last withdrawal may still be on its way; a lost
	 * one must not block every later vote, so go on after the timeout.
	 */
	if (READ_ONCE(dmux->ack_pending) &&
	    !wait_for_completion_timeout(&dmux->ack, BAM_DMUX_REMOTE_TIMEOUT))
		bam_dmux_count(dmux, BAM_DMUX_ACK_TIMEOUT);

	bam_dmux_set_vote(dmux, true);
	if (!wait_for_completion_timeout(&dmux->ack, BAM_DMUX_REMOTE_TIMEOUT)) {
		bam_dmux_count(dmux, BAM_DMUX_ACK_TIMEOUT);
		dev_warn(dmux->dev, "modem did not ack the power vote\n");
		ret = -ETIMEDOUT;
		goto withdraw;
	}
	WRITE_ONCE(dmux->ack_pending, false);

	if (!wait_event_timeout(dmux->power_wq, READ_ONCE(dmux->rx_powered),
				BAM_DMUX_REMOTE_TIMEOUT)) {
		bam_dmux_count(dmux, BAM_DMUX_PC_TIMEOUT);
		dev_warn(dmux->dev, "modem did not power up after the vote\n");
		ret = -ETIMEDOUT;
		goto withdraw;
	}

	ret = dmux->ops->tx_start(dmux->tp);
	if (ret) {
		dev_err(dmux->dev, "TX pipe did not start: %d\n", ret);
		goto withdraw;
	}
	dmux->tx_running = true;

	spin_lock_bh(&dmux->tx_lock);
	dmux->tx_ready = true;
	spin_unlock_bh(&dmux->tx_lock);
	bam_dmux_tx_kick(dmux);
	return 0;

withdraw:
	bam_dmux_set_vote(dmux, false);
	return ret;
}
EXPORT_SYMBOL_GPL(bam_dmux_runtime_resume);

/**
 * bam_dmux_runtime_suspend() - stop the TX pipe and withdraw the vote
 * @dmux: the instance
 *
 * For the transport's runtime_suspend callback. Does not wait for the
 * modem's ack: the next resume does.
 *
 * Return: 0, or -EBUSY if frames are still queued.
 */
int bam_dmux_runtime_suspend(struct bam_dmux *dmux)
{
	if (!bam_dmux_tx_idle(dmux))
		return -EBUSY;

	if (dmux->tx_running) {
		dmux->ops->tx_stop(dmux->tp);
		dmux->tx_running = false;
	}
	bam_dmux_set_vote(dmux, false);

	mutex_lock(&dmux->pc_lock);
	if (dmux->pc_down_pending && !READ_ONCE(dmux->dying)) {
		bam_dmux_rx_power_down(dmux, true);
		dmux->ops->toggle_ack(dmux->tp);
	}
	mutex_unlock(&dmux->pc_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(bam_dmux_runtime_suspend);

/**
 * bam_dmux_power_shutdown() - stop both pipes for good
 * @dmux: the instance, already marked dying, runtime PM disabled
 *
 * Frames and buffers still queued are counted as aborted. Leaves the vote
 * withdrawn and answers a power-down the modem is waiting for, so that a
 * driver loaded later finds the handshake in a known state.
 */
void bam_dmux_power_shutdown(struct bam_dmux *dmux)
{
	bool pending;

	spin_lock_bh(&dmux->tx_lock);
	dmux->tx_ready = false;
	spin_unlock_bh(&dmux->tx_lock);

	if (dmux->tx_running) {
		dmux->ops->tx_stop(dmux->tp);
		dmux->tx_running = false;
	}
	bam_dmux_tx_abort(dmux, true);
	if (dmux->vote)
		bam_dmux_set_vote(dmux, false);

	mutex_lock(&dmux->pc_lock);
	pending = dmux->pc_down_pending;
	if (dmux->rx_powered)
		bam_dmux_rx_power_down(dmux, false);
	else
		napi_disable(&dmux->napi);
	if (pending)
		dmux->ops->toggle_ack(dmux->tp);
	mutex_unlock(&dmux->pc_lock);
}
