// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection: the keywords of the ``inject`` file.
 *
 * Malformed and unusual DL frames are queued as control frames and take the
 * next free RX buffer (waking the A2 first if needed). DMA errors and ack
 * faults are armed and hit the next RX buffer, TX frame or vote ack. Every
 * accepted keyword is counted in the stats as inject_<keyword>.
 */

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "sim.h"

const char * const bdsim_fault_names[BDSIM_FAULT_NUM] = {
	[BDSIM_FAULT_BAD_MAGIC]		= "bad_magic",
	[BDSIM_FAULT_BAD_LEN]		= "bad_len",
	[BDSIM_FAULT_BAD_CHANNEL]	= "bad_channel",
	[BDSIM_FAULT_BAD_CMD]		= "bad_cmd",
	[BDSIM_FAULT_DATA_CLOSED]	= "data_closed",
	[BDSIM_FAULT_STATUS]		= "status",
	[BDSIM_FAULT_OPEN_NO_PC]	= "open_no_pc",
	[BDSIM_FAULT_SHORT]		= "short",
	[BDSIM_FAULT_DMA_ERROR_RX]	= "dma_error_rx",
	[BDSIM_FAULT_DMA_ERROR_TX]	= "dma_error_tx",
	[BDSIM_FAULT_LOSE_ACK]		= "lose_ack",
	[BDSIM_FAULT_LATE_ACK]		= "late_ack",
	[BDSIM_FAULT_CLOSE]		= "close",
	[BDSIM_FAULT_OPEN]		= "open",
	[BDSIM_FAULT_ANNOUNCE]		= "announce",
};

/* The control frame each frame-type keyword queues. */
static const u8 bdsim_fault_ctrl[BDSIM_FAULT_NUM] = {
	[BDSIM_FAULT_BAD_MAGIC]		= BDSIM_CTRL_BAD_MAGIC,
	[BDSIM_FAULT_BAD_LEN]		= BDSIM_CTRL_BAD_LEN,
	[BDSIM_FAULT_BAD_CHANNEL]	= BDSIM_CTRL_BAD_CHANNEL,
	[BDSIM_FAULT_BAD_CMD]		= BDSIM_CTRL_BAD_CMD,
	[BDSIM_FAULT_DATA_CLOSED]	= BDSIM_CTRL_DATA_CLOSED,
	[BDSIM_FAULT_STATUS]		= BDSIM_CTRL_STATUS,
	[BDSIM_FAULT_OPEN_NO_PC]	= BDSIM_CTRL_OPEN_NO_PC,
	[BDSIM_FAULT_SHORT]		= BDSIM_CTRL_SHORT,
	[BDSIM_FAULT_DMA_ERROR_RX]	= BDSIM_CTRL_DMA_ERROR,
	[BDSIM_FAULT_CLOSE]		= BDSIM_CTRL_CLOSE,
	[BDSIM_FAULT_OPEN]		= BDSIM_CTRL_OPEN,
};

/* Parse an optional channel argument; @arg is NULL when there is none. */
static int bdsim_fault_channel(const char *arg, bool required,
			       unsigned int *ch)
{
	if (!arg)
		return required ? -EINVAL : 0;
	if (kstrtouint(arg, 0, ch) || *ch >= BAM_DMUX_NUM_CH)
		return -EINVAL;
	return 0;
}

/*
 * DATA on a channel that is not open: prefer an announced channel whose
 * link is down, the case the driver meets in the field.
 */
static int bdsim_fault_closed_channel(struct bdsim *sim, unsigned int *ch)
{
	unsigned long closed, candidates;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	closed = BDSIM_ALL_CHANNELS & ~(unsigned long)(sim->remote_open &
						       sim->host_open);
	candidates = closed & sim->remote_open;
	spin_unlock_irqrestore(&sim->lock, flags);

	if (!candidates)
		candidates = closed;
	if (!candidates)
		return -EBUSY;
	*ch = __ffs(candidates);
	return 0;
}

/* Arm a fault that hits the next TX frame or vote ack. */
static int bdsim_fault_arm(struct bdsim *sim, unsigned int *counter)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&sim->lock, flags);
	if (sim->active)
		(*counter)++;
	else
		err = -ENODEV;
	spin_unlock_irqrestore(&sim->lock, flags);
	return err;
}

static int bdsim_fault_announce(struct bdsim *sim, const char *arg)
{
	unsigned long flags;
	unsigned int mask;

	if (!arg || kstrtouint(arg, 0, &mask) || mask & ~BDSIM_ALL_CHANNELS)
		return -EINVAL;

	spin_lock_irqsave(&sim->lock, flags);
	sim->announced = mask;
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/**
 * bdsim_fault_inject() - handle a write to the ``inject`` file
 * @sim: the modem
 * @cmd: one keyword, with an argument for some; modified
 *
 * Process context.
 *
 * Return: 0, or a negative errno if the keyword or its argument is invalid
 * or the fault cannot be injected now.
 */
int bdsim_fault_inject(struct bdsim *sim, char *cmd)
{
	char *word = strsep(&cmd, " \t");
	char *arg = cmd ? skip_spaces(cmd) : NULL;
	unsigned int ch = 0;
	int fault, err;

	if (arg && !*arg)
		arg = NULL;
	/* At most one argument. */
	if (arg && strpbrk(arg, " \t"))
		return -EINVAL;

	fault = match_string(bdsim_fault_names, BDSIM_FAULT_NUM, word);
	if (fault < 0)
		return -EINVAL;

	switch (fault) {
	case BDSIM_FAULT_DMA_ERROR_TX:
	case BDSIM_FAULT_LOSE_ACK:
	case BDSIM_FAULT_LATE_ACK:
		if (arg)
			return -EINVAL;
		if (fault == BDSIM_FAULT_DMA_ERROR_TX)
			err = bdsim_fault_arm(sim, &sim->dma_err_tx_armed);
		else if (fault == BDSIM_FAULT_LOSE_ACK)
			err = bdsim_fault_arm(sim, &sim->lose_ack_armed);
		else
			err = bdsim_fault_arm(sim, &sim->late_ack_armed);
		break;
	case BDSIM_FAULT_ANNOUNCE:
		err = bdsim_fault_announce(sim, arg);
		break;
	case BDSIM_FAULT_DATA_CLOSED:
		err = arg ? -EINVAL : bdsim_fault_closed_channel(sim, &ch);
		if (!err)
			err = bdsim_modem_queue_ctrl(sim, BDSIM_CTRL_DATA_CLOSED,
						     ch);
		break;
	case BDSIM_FAULT_BAD_CHANNEL:
	case BDSIM_FAULT_DMA_ERROR_RX:
		err = arg ? -EINVAL :
		      bdsim_modem_queue_ctrl(sim, bdsim_fault_ctrl[fault], 0);
		break;
	default:
		/* Frame faults: close/open need a channel, others may take one. */
		err = bdsim_fault_channel(arg, fault == BDSIM_FAULT_CLOSE ||
					  fault == BDSIM_FAULT_OPEN, &ch);
		if (!err)
			err = bdsim_modem_queue_ctrl(sim, bdsim_fault_ctrl[fault],
						     ch);
		break;
	}
	if (err)
		return err;

	atomic64_inc(&sim->stats.fault[fault]);
	return 0;
}
