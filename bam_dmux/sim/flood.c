// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel DL generator for benchmarks: IPv4/UDP packets written straight
 * into the host's RX buffers by the DL worker, as fast as the host gives
 * buffers back, with no userspace sender and no skb per packet on the
 * modem side. It has the lowest priority of the DL sources and stops when
 * its channel closes.
 */

#include <linux/ip.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/udp.h>

#include "sim.h"

#define BDSIM_FLOOD_MIN_SIZE	(sizeof(struct iphdr) + sizeof(struct udphdr))

static void bdsim_flood_stop(struct bdsim *sim)
{
	unsigned long flags;
	bool stopped;

	spin_lock_irqsave(&sim->lock, flags);
	stopped = sim->flood.left;
	sim->flood.left = 0;
	spin_unlock_irqrestore(&sim->lock, flags);

	if (stopped)
		bdsim_count(sim, BDSIM_CTR_FLOOD_ABORTED);
}

/**
 * bdsim_flood_write() - handle a write to the ``dl_flood`` file
 * @sim: the modem
 * @cmd: "CH COUNT SIZE", or "stop"
 *
 * Process context. Starts sending COUNT packets of SIZE bytes (IPv4 total
 * length, 28..2040) on channel CH, which must be open on both sides.
 *
 * Return: 0; -EINVAL on a malformed command; -ENODEV if the modem is not
 * running; -EBUSY if a run is in progress; -ENOTCONN if the channel is not
 * open.
 */
int bdsim_flood_write(struct bdsim *sim, char *cmd)
{
	unsigned int ch, count, size;
	unsigned long flags;
	char extra;
	int err = 0;

	if (sysfs_streq(cmd, "stop")) {
		bdsim_flood_stop(sim);
		return 0;
	}

	if (sscanf(cmd, "%u %u %u %c", &ch, &count, &size, &extra) != 3 ||
	    ch >= BDSIM_NUM_CH || !count ||
	    size < BDSIM_FLOOD_MIN_SIZE || size > BDSIM_MAX_PAYLOAD)
		return -EINVAL;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		err = -ENODEV;
	} else if (sim->flood.left) {
		err = -EBUSY;
	} else if (!bdsim_ch_usable(sim, ch)) {
		err = -ENOTCONN;
	} else {
		sim->flood.ch = ch;
		sim->flood.size = size;
		sim->flood.left = count;
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	if (err)
		return err;

	bdsim_dl_kick(sim);
	bdsim_power_kick(sim);
	return 0;
}
