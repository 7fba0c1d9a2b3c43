// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel DL generator for benchmarks: IPv4/UDP packets written straight
 * into the host's RX buffers by the DL worker, as fast as the host gives
 * buffers back, with no userspace sender and no skb per packet on the
 * modem side. It has the lowest priority of the DL sources and stops when
 * its channel closes.
 *
 * With a mux id it sends QMAP instead, to a channel in QMAP mode: the
 * packets are aggregated as peer packets are (dl.c), as many to an RX
 * buffer as the limits let through. It stops when the channel leaves the
 * mode it started in.
 */

#include <linux/ip.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/udp.h>

#include "sim.h"

#define BDSIM_FLOOD_MIN_SIZE	(sizeof(struct iphdr) + sizeof(struct udphdr))
/*
 * The largest packet a 16 KiB buffer holds in any QMAP format: behind the
 * DMUX and MAP headers, with a MAPv4 trailer.
 */
#define BDSIM_FLOOD_MAX_QMAP	(BDSIM_DYN_MAX_SIZE - BDSIM_HDR_LEN - \
				 BDSIM_MAP_DL_MAX_OVERHEAD)

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
 * @cmd: "CH COUNT SIZE [MUX]", or "stop"
 *
 * Process context. Starts sending COUNT packets of SIZE bytes (IPv4 total
 * length) on channel CH, which must be open on both sides: raw IP without
 * MUX (SIZE 28..2040; the channel must be raw-IP), QMAP aggregates for mux
 * MUX (1..254; SIZE 28..16364; the channel must be in QMAP mode).
 *
 * Return: 0; -EINVAL on a malformed command; -ENODEV if the modem is not
 * running; -EBUSY if a run is in progress; -ENOTCONN if the channel is not
 * open; -EPROTO if its data format is not the one asked for.
 */
int bdsim_flood_write(struct bdsim *sim, char *cmd)
{
	unsigned int ch, count, size, mux = 0;
	unsigned long flags;
	char extra;
	int err = 0, n;

	if (sysfs_streq(cmd, "stop")) {
		bdsim_flood_stop(sim);
		return 0;
	}

	n = sscanf(cmd, "%u %u %u %u %c", &ch, &count, &size, &mux, &extra);
	if ((n != 3 && n != 4) || ch >= BDSIM_NUM_CH || !count ||
	    size < BDSIM_FLOOD_MIN_SIZE)
		return -EINVAL;
	if (n == 3 && size > BDSIM_MAX_PAYLOAD)
		return -EINVAL;
	if (n == 4 && (mux < BDSIM_MUX_MIN || mux > BDSIM_MUX_MAX ||
		       size > BDSIM_FLOOD_MAX_QMAP))
		return -EINVAL;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		err = -ENODEV;
	} else if (sim->flood.left) {
		err = -EBUSY;
	} else if (!bdsim_ch_usable(sim, ch)) {
		err = -ENOTCONN;
	} else if (!!mux != bdsim_fmt_qmap(sim->ch[ch].fmt)) {
		err = -EPROTO;
	} else {
		sim->flood.ch = ch;
		sim->flood.mux = mux;
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
