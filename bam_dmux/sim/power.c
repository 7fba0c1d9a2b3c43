// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A2 power-control handshake, modem side.
 *
 * Two signals go each way (SMSM bits 1 and 11 on the hardware). The modem
 * drives its power level pc, reported with bam_dmux_modem_pc(), and toggles
 * its ack once for every change of the host's vote, reported with
 * bam_dmux_modem_ack(). The host drives its vote (set_vote) and toggles its
 * ack once for every change of pc (toggle_ack).
 *
 * pc_state:
 *
 *   DOWN --(host vote, or DL to send)--> UP_WAIT_ACK --(host ack)--> UP
 *   UP --(no vote, no traffic for idle_ms)--> DOWN_WAIT_ACK --(host ack)--> DOWN
 *
 * DL frames are written in UP only; the host must have acked a power-up
 * before it sees data, and until it acked a power-down the A2 is not
 * considered down (DL is held, no new power-up starts).
 *
 * Three more ways down, all from UP (or, for a crash, UP_WAIT_ACK) to
 * DOWN_WAIT_ACK:
 *
 * - collapse_ms: every collapse_ms the modem drops pc on its own, whether
 *   the host votes or not, as newer firmware may. A host that votes holds
 *   its ack back until the vote goes; the TX pipe keeps moving meanwhile.
 *   After the ack the usual rules power the A2 up again.
 * - a crash (modem.c): pc drops at once and the modem reboots; the TX pipe
 *   stands still until the modem powered up again.
 * - none after OPEN_NO_A2_PC: the A2 then stays up, neither idle_ms nor
 *   collapse_ms drops it, and the modem stops listening to the vote line
 *   (vote changes are counted, not acked) until it restarts or crashes.
 *
 * Every pc change is made by power_work on the ordered pm_wq, so the changes
 * reach the core one at a time, in order, from process context, as
 * bam_dmux_modem_pc() needs. Vote acks go through data_wq instead: on the
 * hardware the two signals have independent interrupts, and the core may
 * well wait for a vote ack while it holds a lock that its handling of a pc
 * change also needs.
 */

#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "sim.h"

/**
 * bdsim_power_a2_on() - may the TX pipe move?
 * @sim: the modem
 *
 * Only while the A2 keeps its DMA engine powered: from the moment pc rises
 * until the host acks pc falling, as a host that still votes holds the
 * power-down back and must be able to drain its TX frames meanwhile. Not
 * after a crash until the modem powered up again, and not while the
 * ul_stall control holds the uplink. Call with &bdsim.lock held.
 *
 * Return: true if the UL worker may take TX frames.
 */
bool bdsim_power_a2_on(const struct bdsim *sim)
{
	return sim->pc_state != BDSIM_PC_DOWN && !sim->crashed &&
	       !sim->ul_stall;
}

/**
 * bdsim_power_kick() - have the power state machine look at the state
 * @sim: the modem
 *
 * Any context. Whoever changes something the state machine depends on
 * (vote, host ack, DL to send, restart) calls this.
 */
void bdsim_power_kick(struct bdsim *sim)
{
	queue_work(sim->pm_wq, &sim->power_work);
}

/*
 * May the A2 power collapse now? If not yet, re-arm the idle check for the
 * moment it may. Called with the lock held, in state UP.
 */
static bool bdsim_power_idle(struct bdsim *sim)
{
	u32 idle_ms = READ_ONCE(sim->idle_ms);
	unsigned long deadline, now = jiffies;

	if (!idle_ms || sim->vote || sim->no_pc ||
	    sim->restart != BDSIM_RESTART_NONE)
		return false;

	/* Frames still queued in either direction are traffic too. */
	if (bdsim_dl_pending(sim) || sim->ul_busy ||
	    !kfifo_is_empty(&sim->tx_ring))
		WRITE_ONCE(sim->last_activity, now);

	deadline = READ_ONCE(sim->last_activity) + msecs_to_jiffies(idle_ms);
	if (time_before(now, deadline)) {
		mod_delayed_work(sim->pm_wq, &sim->idle_work, deadline - now);
		return false;
	}
	return true;
}

/*
 * May collapse_ms drop pc now? Lock held, in state UP. A restart runs its
 * own power-down, and OPEN_NO_A2_PC keeps the A2 up.
 */
static bool bdsim_power_may_force(const struct bdsim *sim)
{
	return READ_ONCE(sim->collapse_ms) && !sim->no_pc &&
	       sim->restart == BDSIM_RESTART_NONE;
}

/*
 * @force: collapse_ms ran out. A tick that finds pc anywhere but UP (down
 * already, or a handshake in progress) is skipped.
 */
static void bdsim_power_eval(struct bdsim *sim, bool force)
{
	bool up = false, down = false, forced = false;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active)
		goto unlock;

	if (sim->crash_drop) {
		/*
		 * A crashed modem's SMSM bits reset: pc falls whatever the
		 * handshake was doing. The host answers the fall; an ack it
		 * still owed for a rise is forgotten with the firmware.
		 */
		sim->crash_drop = false;
		if (sim->pc_state == BDSIM_PC_UP ||
		    sim->pc_state == BDSIM_PC_UP_WAIT_ACK) {
			sim->pc_state = BDSIM_PC_DOWN_WAIT_ACK;
			down = true;
		}
		goto unlock;
	}

	switch (sim->pc_state) {
	case BDSIM_PC_DOWN:
		if (sim->restart == BDSIM_RESTART_CLOSING &&
		    kfifo_is_empty(&sim->ctrl)) {
			/* Restart with nothing (left) to close: reboot now. */
			bdsim_modem_restart_down(sim);
			break;
		}
		/* A rebooting modem ignores votes and has nothing to send. */
		if (sim->restart == BDSIM_RESTART_POWERDOWN ||
		    sim->restart == BDSIM_RESTART_DELAY)
			break;
		if (sim->vote || bdsim_dl_pending(sim)) {
			sim->pc_state = BDSIM_PC_UP_WAIT_ACK;
			/* A crashed modem is back once it powers up. */
			sim->crashed = false;
			up = true;
		}
		break;
	case BDSIM_PC_UP:
		if (sim->restart == BDSIM_RESTART_CLOSING) {
			/* Power down once every CLOSE reached the host. */
			if (kfifo_is_empty(&sim->ctrl) && !sim->dl_busy) {
				sim->restart = BDSIM_RESTART_POWERDOWN;
				down = true;
			}
		} else if (force && bdsim_power_may_force(sim)) {
			down = true;
			forced = true;
		} else {
			down = bdsim_power_idle(sim);
		}
		if (down)
			sim->pc_state = BDSIM_PC_DOWN_WAIT_ACK;
		break;
	default:
		/* Waiting for the host's ack: toggle_ack() kicks us again. */
		break;
	}
unlock:
	spin_unlock_irqrestore(&sim->lock, flags);

	if (up) {
		bdsim_count(sim, BDSIM_CTR_POWER_UPS);
		bam_dmux_modem_pc(sim->dmux, true);
		/* The DMA engine is back: held TX frames may move. */
		bdsim_ul_kick(sim);
	} else if (down) {
		bdsim_count(sim, BDSIM_CTR_POWER_DOWNS);
		if (forced)
			bdsim_count(sim, BDSIM_CTR_FORCED_COLLAPSES);
		bam_dmux_modem_pc(sim->dmux, false);
	}
}

static void bdsim_power_work(struct work_struct *work)
{
	bdsim_power_eval(container_of(work, struct bdsim, power_work), false);
}

static void bdsim_power_idle_work(struct work_struct *work)
{
	bdsim_power_eval(container_of(to_delayed_work(work), struct bdsim,
				      idle_work), false);
}

/* Runs on pm_wq, so in order with every other pc change. */
static void bdsim_power_collapse_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(to_delayed_work(work), struct bdsim,
					 collapse_work);
	u32 ms = READ_ONCE(sim->collapse_ms);

	if (!ms)
		return;
	bdsim_power_eval(sim, true);
	queue_delayed_work(sim->pm_wq, &sim->collapse_work,
			   msecs_to_jiffies(ms));
}

/**
 * bdsim_power_set_collapse() - set the forced-collapse period
 * @sim: the modem
 * @ms: period in ms, 0 to stop
 *
 * Process context (debugfs). On return no collapse of the old setting is
 * queued or running: after setting 0 the count of forced collapses stays.
 */
void bdsim_power_set_collapse(struct bdsim *sim, u32 ms)
{
	WRITE_ONCE(sim->collapse_ms, ms);
	cancel_delayed_work_sync(&sim->collapse_work);
	if (ms)
		queue_delayed_work(sim->pm_wq, &sim->collapse_work,
				   msecs_to_jiffies(ms));
}

/**
 * bdsim_power_set_ul_stall() - hold or release the uplink
 * @sim: the modem
 * @stall: true to stop taking TX frames, false to resume
 *
 * Process context (debugfs). Frames stay queued in the sim while held; a
 * frame the UL worker had taken already still completes.
 */
void bdsim_power_set_ul_stall(struct bdsim *sim, bool stall)
{
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	sim->ul_stall = stall;
	spin_unlock_irqrestore(&sim->lock, flags);
	if (!stall)
		bdsim_ul_kick(sim);
}

/* Schedule the ack of a vote change, unless a fault swallows or delays it. */
static void bdsim_power_queue_ack(struct bdsim *sim)
{
	unsigned long delay;

	if (sim->lose_ack_armed) {
		sim->lose_ack_armed--;
		bdsim_count(sim, BDSIM_CTR_ACKS_LOST);
		return;
	}
	if (sim->late_ack_armed) {
		sim->late_ack_armed--;
		sim->late_acks_due++;
		bdsim_count(sim, BDSIM_CTR_ACKS_LATE);
		queue_delayed_work(sim->data_wq, &sim->late_ack_work,
				   msecs_to_jiffies(BDSIM_LATE_ACK_MS));
		return;
	}
	sim->acks_due++;
	delay = msecs_to_jiffies(READ_ONCE(sim->ack_delay_ms));
	queue_delayed_work(sim->data_wq, &sim->ack_work, delay);
}

static void bdsim_power_send_acks(struct bdsim *sim, unsigned int *due)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&sim->lock, flags);
	n = *due;
	*due = 0;
	spin_unlock_irqrestore(&sim->lock, flags);

	while (n--) {
		bam_dmux_modem_ack(sim->dmux);
		bdsim_count(sim, BDSIM_CTR_ACKS_SENT);
	}
}

static void bdsim_power_ack_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(to_delayed_work(work), struct bdsim,
					 ack_work);

	bdsim_power_send_acks(sim, &sim->acks_due);
}

static void bdsim_power_late_ack_work(struct work_struct *work)
{
	struct bdsim *sim = container_of(to_delayed_work(work), struct bdsim,
					 late_ack_work);

	bdsim_power_send_acks(sim, &sim->late_acks_due);
}

/**
 * bdsim_power_set_vote() - transport op: the host sets its power vote
 * @tp: the &struct bdsim
 * @on: the new vote
 *
 * Process context. A change is acked after ack_delay_ms; a vote for power
 * wakes the A2. Setting the level it already has is no edge on the
 * hardware, so it is counted and not acked. After OPEN_NO_A2_PC nothing
 * is acked: the host should not vote any more.
 */
void bdsim_power_set_vote(void *tp, bool on)
{
	struct bdsim *sim = tp;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->no_pc) {
		/*
		 * The line still changes, and a modem that listens again after
		 * a restart sees its level, but nobody answers it now.
		 */
		sim->vote = on;
		spin_unlock_irqrestore(&sim->lock, flags);
		bdsim_count(sim, BDSIM_CTR_VOTES_AFTER_NO_PC);
		return;
	}
	if (sim->vote == on) {
		spin_unlock_irqrestore(&sim->lock, flags);
		bdsim_count(sim, BDSIM_CTR_VOTES_UNCHANGED);
		return;
	}
	sim->vote = on;
	/* The idle time runs from the moment the host lets go. */
	WRITE_ONCE(sim->last_activity, jiffies);
	bdsim_power_queue_ack(sim);
	spin_unlock_irqrestore(&sim->lock, flags);

	bdsim_count(sim, on ? BDSIM_CTR_VOTES_ON : BDSIM_CTR_VOTES_OFF);
	bdsim_power_kick(sim);
}

/**
 * bdsim_power_toggle_ack() - transport op: the host acks a pc change
 * @tp: the &struct bdsim
 *
 * Process context. Completes the handshake the sim is waiting for; an ack
 * nobody waits for is counted and ignored.
 */
void bdsim_power_toggle_ack(void *tp)
{
	struct bdsim *sim = tp;
	bool powered_up = false, expected = true;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	switch (sim->pc_state) {
	case BDSIM_PC_UP_WAIT_ACK:
		sim->pc_state = BDSIM_PC_UP;
		/* A fresh power-up gets a full idle period. */
		WRITE_ONCE(sim->last_activity, jiffies);
		powered_up = true;
		break;
	case BDSIM_PC_DOWN_WAIT_ACK:
		sim->pc_state = BDSIM_PC_DOWN;
		if (sim->restart == BDSIM_RESTART_POWERDOWN)
			bdsim_modem_restart_down(sim);
		break;
	default:
		expected = false;
		break;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (!expected) {
		bdsim_count(sim, BDSIM_CTR_UNEXPECTED_ACKS);
		return;
	}
	bdsim_count(sim, BDSIM_CTR_PC_ACKS);
	if (powered_up) {
		bdsim_dl_kick(sim);
		bdsim_ul_kick(sim);
	}
	/* Arms the idle check after a power-up, or wakes again after a down. */
	bdsim_power_kick(sim);
}

/**
 * bdsim_power_init() - set up the power state machine
 * @sim: the modem, not yet started
 *
 * The A2 starts powered down, like a modem that is still booting.
 */
void bdsim_power_init(struct bdsim *sim)
{
	sim->pc_state = BDSIM_PC_DOWN;
	sim->idle_ms = BDSIM_IDLE_MS_DEFAULT;
	sim->ack_delay_ms = BDSIM_ACK_DELAY_MS_DEFAULT;
	sim->last_activity = jiffies;
	INIT_WORK(&sim->power_work, bdsim_power_work);
	INIT_DELAYED_WORK(&sim->idle_work, bdsim_power_idle_work);
	INIT_DELAYED_WORK(&sim->ack_work, bdsim_power_ack_work);
	INIT_DELAYED_WORK(&sim->late_ack_work, bdsim_power_late_ack_work);
	INIT_DELAYED_WORK(&sim->collapse_work, bdsim_power_collapse_work);
}

/**
 * bdsim_power_cancel() - cancel all power work for good
 * @sim: the modem, with &bdsim.active clear and the core calling no op
 */
void bdsim_power_cancel(struct bdsim *sim)
{
	cancel_work_sync(&sim->power_work);
	cancel_delayed_work_sync(&sim->idle_work);
	cancel_delayed_work_sync(&sim->ack_work);
	cancel_delayed_work_sync(&sim->late_ack_work);
	cancel_delayed_work_sync(&sim->collapse_work);
}
