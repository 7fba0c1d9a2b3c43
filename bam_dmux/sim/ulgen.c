// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel UL source for benchmarks, the host side's counterpart of the
 * DL generator: IPv4/UDP packets built one by one, as pktgen builds them,
 * and queued on a network device the way a socket's packets are: through
 * its qdisc, with at most %BDSIM_ULGEN_IN_FLIGHT of them not yet freed by
 * the driver (a socket's send buffer), the writer sleeping meanwhile.
 * pktgen only drives Ethernet devices; this drives the raw-IP ones it
 * refuses (the driver's links, rmnet's), and any other device too.
 *
 * Sleeping rather than spinning on a stopped queue matters here: the
 * simulated modem that takes the packets runs on the same CPU. And the
 * send-buffer limit spares a device that never stops its queue (rmnet's)
 * the drops of a qdisc overrun that a free-running source would cause.
 *
 * It is no part of the modem: it lives here because the simulator's
 * debugfs is where the benchmarks already drive the modem from.
 */

#include <linux/atomic.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <linux/wait.h>
#include <net/ip.h>
#include <net/net_namespace.h>

#include "sim.h"

#define BDSIM_ULGEN_MIN_SIZE	(sizeof(struct iphdr) + sizeof(struct udphdr))
#define BDSIM_ULGEN_MAX_SIZE	16384
/* Packets handed to the device and not yet freed, at most. */
#define BDSIM_ULGEN_IN_FLIGHT	128
/* A run that makes no progress for this long ends. */
#define BDSIM_ULGEN_STALL	(5 * HZ)

/* One run at a time; its packets in flight, all runs' until freed. */
static DEFINE_MUTEX(bdsim_ulgen_lock);
static atomic_t bdsim_ulgen_in_flight = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(bdsim_ulgen_wq);

/* A packet is freed: by the driver, the qdisc or a drop, any context. */
static void bdsim_ulgen_destructor(struct sk_buff *skb)
{
	atomic_dec(&bdsim_ulgen_in_flight);
	wake_up(&bdsim_ulgen_wq);
}

/*
 * One packet of @size bytes (IPv4 total length), behind a broadcast
 * link-layer header on a device that has one. The UDP checksum is left 0
 * and the payload zeroed, as pktgen does.
 */
static struct sk_buff *bdsim_ulgen_skb(struct net_device *dev,
				       unsigned int size, u16 id)
{
	struct sk_buff *skb;

	skb = netdev_alloc_skb(dev, LL_RESERVED_SPACE(dev) + size);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	/* 198.51.100.1:9 -> .2:9, the reverse of the DL generator's. */
	bdsim_frame_udp4_nocsum(skb_put(skb, size), size, id, true);
	skb_set_transport_header(skb, sizeof(struct iphdr));

	skb->protocol = htons(ETH_P_IP);
	if (dev_hard_header(skb, dev, ETH_P_IP, dev->broadcast, NULL,
			    size) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	atomic_inc(&bdsim_ulgen_in_flight);
	skb->destructor = bdsim_ulgen_destructor;
	return skb;
}

static bool bdsim_ulgen_below(int n)
{
	return atomic_read(&bdsim_ulgen_in_flight) < n;
}

/*
 * Wait until fewer than @limit packets are in flight. Return: 0, -EINTR
 * if the writer is killed, -ETIMEDOUT if none was freed for 5 s.
 */
static int bdsim_ulgen_wait(int limit)
{
	long ret;
	int seen;

	while (!bdsim_ulgen_below(limit)) {
		seen = atomic_read(&bdsim_ulgen_in_flight);
		ret = wait_event_killable_timeout(bdsim_ulgen_wq,
						  bdsim_ulgen_below(seen),
						  BDSIM_ULGEN_STALL);
		if (ret < 0)
			return -EINTR;
		if (!ret)
			return -ETIMEDOUT;
	}
	return 0;
}

/* Queue @count packets on @dev, then wait until the driver freed them. */
static int bdsim_ulgen_run(struct net_device *dev, unsigned int count,
			   unsigned int size)
{
	struct sk_buff *skb;
	unsigned int sent;
	int err;

	for (sent = 0; sent < count; sent++) {
		err = bdsim_ulgen_wait(BDSIM_ULGEN_IN_FLIGHT);
		if (err)
			return err;
		if (!netif_running(dev) || !netif_carrier_ok(dev))
			return -ENETDOWN;
		skb = bdsim_ulgen_skb(dev, size, sent);
		if (!skb)
			return -ENOMEM;
		/* Whatever the qdisc or the driver does with it is theirs
		 * to count; a drop frees it like a transmission.
		 */
		dev_queue_xmit(skb);
		cond_resched();
	}
	return bdsim_ulgen_wait(1);
}

/**
 * bdsim_ulgen_write() - handle a write to the ``ul_flood`` file
 * @sim: the modem (unused: the source is the host's)
 * @cmd: "IFNAME COUNT SIZE"
 *
 * Process context; returns once the driver freed every packet. IFNAME is
 * a device of the writer's network namespace, SIZE the IPv4 total length
 * (28 to 16384).
 *
 * Return: 0 once COUNT packets went to the device and were freed;
 * -EINVAL on a malformed command; -ENODEV if there is no such device;
 * -EBUSY while another run is in progress; -ENETDOWN if the device is or
 * goes down (or loses its carrier); -ETIMEDOUT if no packet was freed
 * for 5 s; -EINTR if the writer is killed; -ENOMEM.
 */
int bdsim_ulgen_write(struct bdsim *sim, char *cmd)
{
	unsigned int count, size;
	char name[IFNAMSIZ + 1];
	netdevice_tracker tracker;
	struct net_device *dev;
	char extra;
	int err;

	if (sscanf(cmd, "%16s %u %u %c", name, &count, &size, &extra) != 3 ||
	    strlen(name) >= IFNAMSIZ || !count ||
	    size < BDSIM_ULGEN_MIN_SIZE || size > BDSIM_ULGEN_MAX_SIZE)
		return -EINVAL;

	dev = netdev_get_by_name(current->nsproxy->net_ns, name, &tracker,
				 GFP_KERNEL);
	if (!dev)
		return -ENODEV;
	if (!mutex_trylock(&bdsim_ulgen_lock)) {
		err = -EBUSY;
		goto out;
	}
	err = bdsim_ulgen_run(dev, count, size);
	mutex_unlock(&bdsim_ulgen_lock);
out:
	netdev_put(dev, &tracker);
	return err;
}

/**
 * bdsim_ulgen_exit() - wait for the last packets of the UL source
 * @void: nothing
 *
 * At module unload, once the modem and with it the driver's links are
 * gone: the destructor of a packet still in flight is this module's.
 */
void bdsim_ulgen_exit(void)
{
	wait_event(bdsim_ulgen_wq, !atomic_read(&bdsim_ulgen_in_flight));
}
