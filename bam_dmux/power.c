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
 * The TX pipe runs while runtime PM is active and the modem is powered.
 * The modem may drop its power at any time, also while the AP votes
 * (firmware does, and so does a crash): the A2 keeps its DMA engine up
 * until the drop is acked, so the frames in flight drain first, then the
 * pipes stop and the drop is acked. A modem that never completes them
 * (it crashed) gets %BAM_DMUX_REMOTE_TIMEOUT_MS; they are then taken back
 * and counted. If the AP still votes the modem powers up again at once,
 * and the TX pipe restarts with it.
 *
 * After OPEN_NO_A2_PC the modem keeps the A2 powered and no longer
 * listens to the vote, so the AP leaves its vote as it is (downstream
 * stops writing the SMSM vote bit then) until the modem drops its power
 * again, which it only does when it restarts.
 *
 * Every wait is bounded; a modem that does not answer costs the frames
 * that waited for it (counted), never a hung task. After a power-down the
 * AP still wanted, data frames wait %BAM_DMUX_REMOTE_TIMEOUT_MS for the
 * modem to come back (tx_watch_work), then are dropped and counted.
 */
#include <linux/jiffies.h>
#include <linux/pm_runtime.h>

#include "bam_dmux.h"

#define BAM_DMUX_REMOTE_TIMEOUT	msecs_to_jiffies(BAM_DMUX_REMOTE_TIMEOUT_MS)

static void bam_dmux_pc_down_work(struct work_struct *work);
static void bam_dmux_tx_watch_work(struct work_struct *work);

/**
 * bam_dmux_power_init() - initialise the power-control state
 * @dmux: the instance
 */
void bam_dmux_power_init(struct bam_dmux *dmux)
{
	mutex_init(&dmux->pc_lock);
	init_completion(&dmux->ack);
	init_waitqueue_head(&dmux->power_wq);
	INIT_DELAYED_WORK(&dmux->pc_down_work, bam_dmux_pc_down_work);
	INIT_DELAYED_WORK(&dmux->tx_watch_work, bam_dmux_tx_watch_work);
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

/**
 * bam_dmux_napi_kick() - poll once NAPI is enabled again
 * @dmux: the instance
 *
 * Completions that came while NAPI was disabled scheduled nothing.
 */
void bam_dmux_napi_kick(struct bam_dmux *dmux)
{
	local_bh_disable();
	napi_schedule(&dmux->napi);
	local_bh_enable();
}

/* Let frames into the TX ring, or hold them in the deferred queue. */
static void bam_dmux_tx_set_ready(struct bam_dmux *dmux, bool ready)
{
	spin_lock_bh(&dmux->tx_lock);
	dmux->tx_ready = ready;
	spin_unlock_bh(&dmux->tx_lock);
	if (ready)
		bam_dmux_tx_kick(dmux);
}

/* Stop the TX pipe; what the modem did not complete is counted aborted. */
static void bam_dmux_tx_pipe_stop(struct bam_dmux *dmux)
{
	lockdep_assert_held(&dmux->pc_lock);

	bam_dmux_tx_set_ready(dmux, false);
	if (dmux->tx_running) {
		dmux->ops->tx_stop(dmux->tp);
		dmux->tx_running = false;
	}
	bam_dmux_tx_abort(dmux, false);
}

/*
 * Start the TX pipe if runtime PM wants it and the modem is powered.
 * Returns 0 or the transport's error.
 */
static int bam_dmux_tx_pipe_sync(struct bam_dmux *dmux)
{
	int ret;

	lockdep_assert_held(&dmux->pc_lock);

	if (!dmux->tx_wanted || !dmux->rx_powered || dmux->pc_down_pending ||
	    READ_ONCE(dmux->dying))
		return 0;
	if (!dmux->tx_running) {
		ret = dmux->ops->tx_start(dmux->tp);
		if (ret) {
			dev_err(dmux->dev, "TX pipe did not start: %d\n", ret);
			/* Frames wait: try again, and drop them in time. */
			mod_delayed_work(system_wq, &dmux->tx_watch_work,
					 BAM_DMUX_REMOTE_TIMEOUT);
			return ret;
		}
		dmux->tx_running = true;
	}
	bam_dmux_tx_set_ready(dmux, true);
	return 0;
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
	if (!dmux->rx_queued)
		mod_timer(&dmux->rx_retry, jiffies + BAM_DMUX_RX_RETRY);
	napi_enable(&dmux->napi);
	bam_dmux_napi_kick(dmux);
	wake_up_all(&dmux->power_wq);
	bam_dmux_count(dmux, BAM_DMUX_PC_UP);
	dmux->ops->toggle_ack(dmux->tp);
	/* The AP may still vote: its frames go out again. */
	bam_dmux_tx_pipe_sync(dmux);
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
	bam_dmux_count(dmux, BAM_DMUX_PC_DOWN);
	if (!READ_ONCE(dmux->dying)) {
		napi_enable(&dmux->napi);
		bam_dmux_napi_kick(dmux);
	}
}

/* Complete a power-down the modem asked for: both pipes stop, then ack. */
static void bam_dmux_pc_down_finish(struct bam_dmux *dmux)
{
	lockdep_assert_held(&dmux->pc_lock);

	bam_dmux_tx_pipe_stop(dmux);
	if (dmux->rx_powered)
		bam_dmux_rx_power_down(dmux, true);
	WRITE_ONCE(dmux->pc_down_pending, false);
	dmux->ops->toggle_ack(dmux->tp);
	/* Frames that want out now wait for the modem's next power-up. */
	if (dmux->tx_wanted)
		mod_delayed_work(system_wq, &dmux->tx_watch_work,
				 BAM_DMUX_REMOTE_TIMEOUT);
}

static void bam_dmux_pc_down_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(to_delayed_work(work),
					     struct bam_dmux, pc_down_work);

	mutex_lock(&dmux->pc_lock);
	if (!dmux->pc_down_pending || READ_ONCE(dmux->dying))
		goto out;
	if (bam_dmux_tx_in_flight(dmux)) {
		/* A run queued for an earlier power-down that has since
		 * been cancelled: this one gets its full time.
		 */
		if (time_before(jiffies, dmux->pc_down_deadline)) {
			mod_delayed_work(system_wq, &dmux->pc_down_work,
					 dmux->pc_down_deadline - jiffies);
			goto out;
		}
		bam_dmux_count(dmux, BAM_DMUX_PC_DOWN_TX_TIMEOUT);
	}
	bam_dmux_pc_down_finish(dmux);
out:
	mutex_unlock(&dmux->pc_lock);
}

/*
 * Runtime PM wants the TX pipe but it has not run for
 * %BAM_DMUX_REMOTE_TIMEOUT_MS: the modem stays down after a power-down,
 * or the pipe did not start. Try the pipe again; if it still cannot run,
 * drop the data frames that waited (commands stay), vote if the modem
 * listens to the vote again but the vote is down (it was left so while the
 * modem had promised to stay powered), and look again later.
 */
static void bam_dmux_tx_watch_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(to_delayed_work(work),
					     struct bam_dmux, tx_watch_work);
	bool vote = false;

	mutex_lock(&dmux->pc_lock);
	if (!dmux->tx_wanted || dmux->tx_running || dmux->pc_down_pending ||
	    READ_ONCE(dmux->dying)) {
		mutex_unlock(&dmux->pc_lock);
		return;
	}
	if (!bam_dmux_tx_pipe_sync(dmux) && dmux->tx_running) {
		mutex_unlock(&dmux->pc_lock);
		return;
	}
	bam_dmux_count(dmux, BAM_DMUX_PC_TIMEOUT);
	bam_dmux_tx_power_failed(dmux);
	vote = !dmux->vote && !READ_ONCE(dmux->no_pc);
	mod_delayed_work(system_wq, &dmux->tx_watch_work,
			 BAM_DMUX_REMOTE_TIMEOUT);
	mutex_unlock(&dmux->pc_lock);

	if (vote)
		bam_dmux_set_vote(dmux, true);
}

/**
 * bam_dmux_power_tx_drained() - the TX frames in flight completed
 * @dmux: the instance, with a power-down pending
 *
 * NAPI context: the power-down itself sleeps, so the work does it.
 */
void bam_dmux_power_tx_drained(struct bam_dmux *dmux)
{
	mod_delayed_work(system_wq, &dmux->pc_down_work, 0);
}

/**
 * bam_dmux_modem_pc() - the modem changed its power level
 * @dmux: the instance
 * @on: the new level
 *
 * Process context: the transport calls it from a threaded IRQ or a work
 * item. A power-down waits for the TX frames in flight, which the A2
 * still moves until the power-down is acked.
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
			/* Down and up again before we let go: the pipes
			 * never stopped; answer both changes.
			 */
			cancel_delayed_work(&dmux->pc_down_work);
			WRITE_ONCE(dmux->pc_down_pending, false);
			dmux->ops->toggle_ack(dmux->tp);
			dmux->ops->toggle_ack(dmux->tp);
			bam_dmux_tx_pipe_sync(dmux);
		} else {
			bam_dmux_rx_power_up(dmux);
		}
		goto out;
	}

	/* Only a restart takes the power of a modem that promised to keep
	 * it; the new firmware listens to the vote again.
	 */
	WRITE_ONCE(dmux->no_pc, false);
	if (!dmux->rx_powered && !dmux->tx_running) {
		/* The power-up failed earlier; still answer. */
		dmux->ops->toggle_ack(dmux->tp);
		goto out;
	}
	bam_dmux_tx_set_ready(dmux, false);
	if (!bam_dmux_tx_in_flight(dmux)) {
		bam_dmux_pc_down_finish(dmux);
		goto out;
	}
	WRITE_ONCE(dmux->pc_down_pending, true);
	bam_dmux_count(dmux, BAM_DMUX_PC_DOWN_DEFERRED);
	dmux->pc_down_deadline = jiffies + BAM_DMUX_REMOTE_TIMEOUT;
	mod_delayed_work(system_wq, &dmux->pc_down_work,
			 BAM_DMUX_REMOTE_TIMEOUT);
	/* The last frame may have completed before pc_down_pending was
	 * set, with nobody left to notice.
	 */
	bam_dmux_napi_kick(dmux);
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

/*
 * Give the vote up (if the modem listens to it) and answer a power-down
 * that waited for the TX pipe. For runtime suspend and a failed resume.
 */
static void bam_dmux_release(struct bam_dmux *dmux)
{
	bool vote;

	mutex_lock(&dmux->pc_lock);
	dmux->tx_wanted = false;
	bam_dmux_tx_pipe_stop(dmux);
	vote = dmux->vote && !READ_ONCE(dmux->no_pc);
	mutex_unlock(&dmux->pc_lock);

	if (vote)
		bam_dmux_set_vote(dmux, false);

	mutex_lock(&dmux->pc_lock);
	if (dmux->pc_down_pending && !READ_ONCE(dmux->dying)) {
		cancel_delayed_work(&dmux->pc_down_work);
		bam_dmux_pc_down_finish(dmux);
	}
	mutex_unlock(&dmux->pc_lock);
}

/**
 * bam_dmux_runtime_resume() - vote for the A2 and start the TX pipe
 * @dmux: the instance
 *
 * For the transport's runtime_resume callback. No vote change after
 * OPEN_NO_A2_PC.
 *
 * Return: 0; -ENODEV while the instance goes away; -ETIMEDOUT if the
 * modem did not answer, or the transport's error if the TX pipe did not
 * start (the vote is then withdrawn again, unless OPEN_NO_A2_PC).
 */
int bam_dmux_runtime_resume(struct bam_dmux *dmux)
{
	int ret;

	if (READ_ONCE(dmux->dying))
		return -ENODEV;

	/* A modem that sent OPEN_NO_A2_PC does not listen to the vote, and
	 * a vote still up from before needs no new ack.
	 */
	if (!READ_ONCE(dmux->no_pc) && !dmux->vote) {
		/* The ack of the last withdrawal may still be on its way;
		 * a lost one must not block every later vote, so go on
		 * after the timeout.
		 */
		if (READ_ONCE(dmux->ack_pending) &&
		    !wait_for_completion_timeout(&dmux->ack,
						 BAM_DMUX_REMOTE_TIMEOUT))
			bam_dmux_count(dmux, BAM_DMUX_ACK_TIMEOUT);

		bam_dmux_set_vote(dmux, true);
		if (!wait_for_completion_timeout(&dmux->ack,
						 BAM_DMUX_REMOTE_TIMEOUT)) {
			bam_dmux_count(dmux, BAM_DMUX_ACK_TIMEOUT);
			dev_warn(dmux->dev, "modem did not ack the power vote\n");
			ret = -ETIMEDOUT;
			goto release;
		}
		WRITE_ONCE(dmux->ack_pending, false);
	}

	if (!wait_event_timeout(dmux->power_wq, READ_ONCE(dmux->rx_powered),
				BAM_DMUX_REMOTE_TIMEOUT)) {
		bam_dmux_count(dmux, BAM_DMUX_PC_TIMEOUT);
		dev_warn(dmux->dev, "modem did not power up after the vote\n");
		ret = -ETIMEDOUT;
		goto release;
	}

	/* If the modem dropped its power again meanwhile, the TX pipe
	 * starts with its next power-up.
	 */
	mutex_lock(&dmux->pc_lock);
	dmux->tx_wanted = true;
	ret = bam_dmux_tx_pipe_sync(dmux);
	mutex_unlock(&dmux->pc_lock);
	if (ret)
		goto release;
	return 0;

release:
	/* Also answers a power-down that came meanwhile: the modem must
	 * not wait for it until some later frame cycles the power.
	 */
	bam_dmux_release(dmux);
	return ret;
}
EXPORT_SYMBOL_GPL(bam_dmux_runtime_resume);

/**
 * bam_dmux_runtime_suspend() - stop the TX pipe and withdraw the vote
 * @dmux: the instance
 *
 * For the transport's runtime_suspend callback. Does not wait for the
 * modem's ack: the next resume does. The vote stays after OPEN_NO_A2_PC.
 *
 * Return: 0, or -EBUSY if frames are still queued.
 */
int bam_dmux_runtime_suspend(struct bam_dmux *dmux)
{
	/* Not wanted first, or a power-up meanwhile could start the pipe
	 * again and let in a frame that the release would then abort.
	 */
	mutex_lock(&dmux->pc_lock);
	dmux->tx_wanted = false;
	mutex_unlock(&dmux->pc_lock);

	if (!bam_dmux_tx_idle(dmux)) {
		mutex_lock(&dmux->pc_lock);
		dmux->tx_wanted = true;
		bam_dmux_tx_pipe_sync(dmux);
		mutex_unlock(&dmux->pc_lock);
		return -EBUSY;
	}

	bam_dmux_release(dmux);
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

	disable_delayed_work_sync(&dmux->pc_down_work);
	disable_delayed_work_sync(&dmux->tx_watch_work);

	mutex_lock(&dmux->pc_lock);
	dmux->tx_wanted = false;
	bam_dmux_tx_pipe_stop(dmux);
	mutex_unlock(&dmux->pc_lock);
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
