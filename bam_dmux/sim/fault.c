// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection: the keywords of the ``inject`` file.
 *
 * Malformed and unusual DL frames are queued as control frames and take the
 * next free RX buffer (waking the A2 first if needed). DMA errors and ack
 * faults are armed and hit the next RX buffer, TX frame or vote ack. Every
 * accepted keyword is counted in the stats as inject_<keyword>.
 *
 * The map_* keywords write malformed QMAP frames (len 0xffff, signal bit
 * 1, MAP packets for mux 1) on any channel, QMAP mode or not, as a
 * confused firmware would; see bdsim_qmap_fault_frame().
 *
 * Also here: the "length unknown" mode of the RX pipe (rx_len_known 0),
 * where a completion reports the whole buffer as written, as 6.12's
 * bam_dma does, and the two frames that only that mode makes dangerous:
 * len 0xffff ("take the length from the transfer", which then is the
 * buffer) and a len past the buffer's data area.
 */

#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/ip.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/udp.h>

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
	[BDSIM_FAULT_LEN_FFFF]		= "len_ffff",
	[BDSIM_FAULT_LEN_PAST_BUF]	= "len_past_buf",
	[BDSIM_FAULT_MAP_BAD_PAD]	= "map_bad_pad",
	[BDSIM_FAULT_MAP_TRUNCATED]	= "map_truncated",
	[BDSIM_FAULT_MAP_LEN0]		= "map_len0",
	[BDSIM_FAULT_MAP_BAD_CMD]	= "map_bad_cmd",
	[BDSIM_FAULT_MAP_V4_CUT]	= "map_v4_cut",
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
	[BDSIM_FAULT_LEN_FFFF]		= BDSIM_CTRL_LEN_FFFF,
	[BDSIM_FAULT_LEN_PAST_BUF]	= BDSIM_CTRL_LEN_PAST_BUF,
	[BDSIM_FAULT_MAP_BAD_PAD]	= BDSIM_CTRL_MAP_BAD_PAD,
	[BDSIM_FAULT_MAP_TRUNCATED]	= BDSIM_CTRL_MAP_TRUNCATED,
	[BDSIM_FAULT_MAP_LEN0]		= BDSIM_CTRL_MAP_LEN0,
	[BDSIM_FAULT_MAP_BAD_CMD]	= BDSIM_CTRL_MAP_BAD_CMD,
	[BDSIM_FAULT_MAP_V4_CUT]	= BDSIM_CTRL_MAP_V4_CUT,
};

/* Payload of the length faults: a minimal UDP datagram, like frame.c's. */
#define BDSIM_LEN_FAULT_PAYLOAD	(sizeof(struct iphdr) + sizeof(struct udphdr))
/* DMUX len that means "as long as the transfer" (QMAP firmware). */
#define BDSIM_LEN_FROM_XFER	0xffff
/* What the bytes of an RX buffer past the frame read in length-unknown mode. */
#define BDSIM_RX_POISON		0xa5

/**
 * bdsim_fault_frame() - write a control or fault frame into an RX buffer
 * @data: start of the buffer, as the A2 sees it
 * @size: bytes the buffer has, at least %BDSIM_RX_MIN_SIZE
 * @ctrl: what to write
 *
 * The length faults need the buffer size and are written here; everything
 * else by bdsim_frame_ctrl(). Called by the DL worker.
 *
 * Return: the transfer length: the bytes really written.
 */
unsigned int bdsim_fault_frame(u8 *data, unsigned int size,
			       const struct bdsim_ctrl *ctrl)
{
	unsigned int len, hdr_len;

	switch (ctrl->kind) {
	case BDSIM_CTRL_LEN_FFFF:
	case BDSIM_CTRL_LEN_PAST_BUF:
		bdsim_frame_udp4(data + BDSIM_HDR_LEN, BDSIM_LEN_FAULT_PAYLOAD,
				 0);
		len = bdsim_frame_data_hdr(data, ctrl->ch,
					   BDSIM_LEN_FAULT_PAYLOAD);
		/* len_past_buf: one byte more than fits behind the header. */
		hdr_len = ctrl->kind == BDSIM_CTRL_LEN_FFFF ?
			  BDSIM_LEN_FROM_XFER : size - BDSIM_HDR_LEN + 1;
		put_unaligned_le16(hdr_len, data + BDSIM_OFF_LEN);
		return len;
	case BDSIM_CTRL_MAP_BAD_PAD:
	case BDSIM_CTRL_MAP_TRUNCATED:
	case BDSIM_CTRL_MAP_LEN0:
	case BDSIM_CTRL_MAP_BAD_CMD:
	case BDSIM_CTRL_MAP_V4_CUT:
		return bdsim_qmap_fault_frame(data, ctrl);
	default:
		return bdsim_frame_ctrl(data, ctrl);
	}
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_fault_frame);

/**
 * bdsim_fault_rx_len() - the length an RX completion reports
 * @sim: the modem
 * @data: start of the RX buffer, as the A2 sees it
 * @size: bytes the buffer has
 * @len: bytes the frame really took
 *
 * Called by the DL worker before it completes a buffer without error. In
 * length-unknown mode the rest of the buffer is poisoned with
 * %BDSIM_RX_POISON, so that bytes a host reads past the frame are
 * recognisable, and the whole buffer is reported.
 *
 * Return: @len, or @size in length-unknown mode.
 */
unsigned int bdsim_fault_rx_len(struct bdsim *sim, u8 *data,
				unsigned int size, unsigned int len)
{
	if (READ_ONCE(sim->rx_len_known) || len >= size)
		return len;
	memset(data + len, BDSIM_RX_POISON, size - len);
	return size;
}

/* Parse an optional channel argument; @arg is NULL when there is none. */
static int bdsim_fault_channel(const char *arg, bool required,
			       unsigned int *ch)
{
	if (!arg)
		return required ? -EINVAL : 0;
	if (kstrtouint(arg, 0, ch) || *ch >= BDSIM_NUM_CH)
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
