// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel UL source for benchmarks, the host side's counterpart of the
 * DL generator: IPv4/UDP packets built one by one, as pktgen builds them,
 * and queued on a network device the way a socket's packets are: through
 * its qdisc, charged to a socket of the writer's, %BDSIM_ULGEN_IN_FLIGHT of
 * them in flight, the writer sleeping until one is freed. pktgen only
 * drives Ethernet devices; this drives the raw-IP ones it refuses (the
 * driver's links, rmnet's), and any other device too.
 *
 * Sleeping rather than spinning on a stopped queue matters here: the
 * simulated modem that takes the packets runs on the same CPU. And the
 * send buffer spares a device that never stops its queue (rmnet's) the
 * drops of a qdisc overrun that a free-running source would cause.
 *
 * Lifetimes. The packets are the socket's: their destructor is the core's
 * sock_wfree(), so one the driver frees late, even after this module is
 * gone, touches no code of ours. The device is looked up by index for each
 * packet, under RCU, never held: deleting it while a run sleeps does not
 * wait for the run. And a run in progress is cancelled when its debugfs
 * file goes away, so that unbinding the modem does not wait for the rest
 * of it. (The module itself cannot go during a run: the open file holds
 * it.)
 *
 * It is no part of the modem: it lives here because the simulator's
 * debugfs is where the benchmarks already drive the modem from.
 */

#include <linux/debugfs.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <linux/wait.h>
#include <net/sock.h>

#include "sim.h"

#define BDSIM_ULGEN_MIN_SIZE	(sizeof(struct iphdr) + sizeof(struct udphdr))
#define BDSIM_ULGEN_MAX_SIZE	16384
/* Packets in flight: half the send buffer. */
#define BDSIM_ULGEN_IN_FLIGHT	128
/* A run whose packets are not freed for this long ends. */
#define BDSIM_ULGEN_STALL	(5 * HZ)

/* One run at a time. */
static DEFINE_MUTEX(bdsim_ulgen_lock);

/**
 * struct bdsim_ulgen - one run of the UL source
 * @sock: the writer's socket the packets are charged to
 * @ifindex: the device, in the socket's network namespace
 * @type: its type (ARPHRD_*), to tell it from a device that took the
 *	index after it was deleted
 * @headroom: link-layer room reserved in each packet
 * @size: IPv4 total length of each packet
 * @truesize: memory each packet charges to the socket
 * @stop: set when the debugfs file goes away; the run ends
 * @cancel: how debugfs tells the run so
 */
struct bdsim_ulgen {
	struct socket *sock;
	int ifindex;
	unsigned short type;
	unsigned int headroom;
	unsigned int size;
	unsigned int truesize;
	bool stop;
	struct debugfs_cancellation cancel;
};

/* Whether @dev, found or not, can take a packet of the run now. */
static int bdsim_ulgen_dev_ok(const struct bdsim_ulgen *gen,
			      const struct net_device *dev)
{
	if (!dev || dev->type != gen->type)
		return -ENODEV;
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		return -ENETDOWN;
	if (gen->size > READ_ONCE(dev->mtu))
		return -EMSGSIZE;
	return 0;
}

/*
 * The socket's wakeups are interruptible ones (sock_def_write_space()),
 * but the writer sleeps killable: an ordinary signal, such as the SIGCHLD
 * of the shell that writes, must not end a run that cannot be resumed.
 * Wake it whatever the mode.
 */
static int bdsim_ulgen_wake(struct wait_queue_entry *wait, unsigned int mode,
			    int wake_flags, void *key)
{
	return default_wake_function(wait, TASK_NORMAL, wake_flags, key);
}

/*
 * What the writer waits for: room for more packets, as the socket's
 * wakeup tells it (sock_writeable()), or, at the end, every packet freed.
 * sock_wfree() wakes the writer before it gives back the last byte of a
 * packet's charge, with no wakeup after: a packet whose charge is down to
 * that byte is done with.
 */
static bool bdsim_ulgen_done(const struct bdsim_ulgen *gen, bool drain)
{
	const struct sock *sk = gen->sock->sk;

	if (drain)
		return sk_wmem_alloc_get(sk) < gen->truesize;
	return sock_writeable(sk);
}

/*
 * Sleep until there is room for a packet or, with @drain, until every
 * packet is freed. Return: 0; -ESHUTDOWN if the run is cancelled, -EINTR
 * if the writer is killed, -ETIMEDOUT if no packet was freed for
 * %BDSIM_ULGEN_STALL.
 */
static int bdsim_ulgen_wait(struct bdsim_ulgen *gen, bool drain)
{
	DEFINE_WAIT_FUNC(wait, bdsim_ulgen_wake);
	struct sock *sk = gen->sock->sk;
	long left = BDSIM_ULGEN_STALL;
	int seen = sk_wmem_alloc_get(sk);
	int err = 0;

	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (bdsim_ulgen_done(gen, drain))
			break;
		if (READ_ONCE(gen->stop)) {
			err = -ESHUTDOWN;
			break;
		}
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		if (sk_wmem_alloc_get(sk) < seen) {
			seen = sk_wmem_alloc_get(sk);
			left = BDSIM_ULGEN_STALL;
		} else if (!left) {
			err = -ETIMEDOUT;
			break;
		}
		left = schedule_timeout(left);
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(sk_sleep(sk), &wait);
	return err;
}

/* debugfs removes the file: end the run, from whatever it is waiting for. */
static void bdsim_ulgen_cancel(struct dentry *dentry, void *data)
{
	struct bdsim_ulgen *gen = data;

	WRITE_ONCE(gen->stop, true);
	wake_up_all(sk_sleep(gen->sock->sk));
}

/*
 * One packet of the run's size, behind room for a link-layer header,
 * charged to the socket. The UDP checksum is left 0 and the payload
 * zeroed, as pktgen does; and, as pktgen takes them, from the
 * page-fragment cache without sleeping (a sleeping allocation is never
 * served from it), so that the rows that compare with pktgen's ceiling
 * do not pay for a kmalloc()ed head pktgen does not pay for.
 */
static struct sk_buff *bdsim_ulgen_skb(struct bdsim_ulgen *gen, u16 id)
{
	struct sk_buff *skb;

	skb = __netdev_alloc_skb(NULL, gen->headroom + gen->size,
				 GFP_NOWAIT | __GFP_NOWARN);
	if (!skb)
		return NULL;
	skb_reserve(skb, gen->headroom);
	skb_reset_network_header(skb);
	/* 198.51.100.1:9 -> .2:9, the reverse of the DL generator's. */
	bdsim_frame_udp4_nocsum(skb_put(skb, gen->size), gen->size, id, true);
	skb_set_transport_header(skb, sizeof(struct iphdr));
	skb->protocol = htons(ETH_P_IP);
	skb_set_owner_w(skb, gen->sock->sk);
	return skb;
}

/*
 * Hand @skb to the device, which must still be there and up. A device
 * created with an explicit index may have taken the one of a deleted
 * device: one of another type is refused, one of the same type may need
 * more headroom. Consumes @skb.
 */
static int bdsim_ulgen_xmit(struct bdsim_ulgen *gen, struct sk_buff *skb)
{
	struct net_device *dev;
	int err;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(sock_net(gen->sock->sk), gen->ifindex);
	err = bdsim_ulgen_dev_ok(gen, dev);
	if (!err && skb_cow_head(skb, LL_RESERVED_SPACE(dev)))
		err = -ENOMEM;
	if (!err) {
		skb->dev = dev;
		if (dev_hard_header(skb, dev, ETH_P_IP, dev->broadcast, NULL,
				    gen->size) < 0)
			err = -EOPNOTSUPP;
	}
	/* Whatever the qdisc or the driver does with it is theirs to
	 * count; a drop frees it like a transmission.
	 */
	if (!err)
		dev_queue_xmit(skb);
	rcu_read_unlock();

	if (err)
		kfree_skb(skb);
	return err;
}

/* Queue @count packets, then wait until the device freed them. */
static int bdsim_ulgen_run(struct bdsim_ulgen *gen, unsigned int count)
{
	struct sock *sk = gen->sock->sk;
	struct sk_buff *skb;
	unsigned int sent;
	int err;

	for (sent = 0; sent < count; sent++) {
		if (!sock_writeable(sk)) {
			err = bdsim_ulgen_wait(gen, false);
			if (err)
				return err;
		}
		if (READ_ONCE(gen->stop))
			return -ESHUTDOWN;
		if (fatal_signal_pending(current))
			return -EINTR;

		skb = bdsim_ulgen_skb(gen, sent);
		if (!skb)
			return -ENOMEM;
		/*
		 * The send buffer, once the first packet tells the size of
		 * one: twice the packets in flight, so that each packet
		 * freed below that many wakes the writer for the next
		 * (sock_def_write_space() wakes while sock_writeable(), half
		 * the buffer), as the stack's source kept it busy before.
		 * Nobody else has the socket: no lock_sock() needed.
		 */
		if (!sent) {
			gen->truesize = skb->truesize;
			WRITE_ONCE(sk->sk_sndbuf,
				   2 * BDSIM_ULGEN_IN_FLIGHT * skb->truesize);
		}
		/* The drained test counts in packets of that size. */
		WARN_ON_ONCE(skb->truesize != gen->truesize);
		err = bdsim_ulgen_xmit(gen, skb);
		if (err)
			return err;
		cond_resched();
	}
	return bdsim_ulgen_wait(gen, true);
}

/* Find the device by name and take what a run needs to know of it. */
static int bdsim_ulgen_find(struct bdsim_ulgen *gen, const char *name)
{
	struct net_device *dev;
	int err;

	rcu_read_lock();
	dev = dev_get_by_name_rcu(sock_net(gen->sock->sk), name);
	if (dev)
		gen->type = dev->type;
	err = bdsim_ulgen_dev_ok(gen, dev);
	if (!err) {
		gen->ifindex = dev->ifindex;
		gen->headroom = LL_RESERVED_SPACE(dev);
	}
	rcu_read_unlock();
	return err;
}

/**
 * bdsim_ulgen_write() - handle a write to the ``ul_flood`` file
 * @file: the file written, whose removal cancels the run
 * @cmd: "IFNAME COUNT SIZE"
 *
 * Process context; returns once the device freed every packet. IFNAME is
 * a device of the writer's network namespace, SIZE the IPv4 total length
 * (28 to 16384, at most the device's MTU).
 *
 * Return: 0 once COUNT packets went to the device and were freed (the
 * device may be gone by then); -EINVAL on a malformed command; -ENODEV if
 * there is no such device or it goes away, -EMSGSIZE if SIZE exceeds its
 * MTU, -ENETDOWN if it is or goes down (or loses its carrier): each while
 * packets remain to be sent; -EOPNOTSUPP if its link-layer header cannot be
 * built; -EBUSY while another run is in progress; -ETIMEDOUT if no packet
 * was freed for 5 s; -ESHUTDOWN if the file is removed meanwhile (the
 * modem is unbound); -EINTR if the writer is killed; -ENOMEM; an error of
 * socket creation (the writer's security policy applies).
 */
int bdsim_ulgen_write(struct file *file, char *cmd)
{
	struct bdsim_ulgen gen = {
		.cancel.cancel		= bdsim_ulgen_cancel,
		.cancel.cancel_data	= &gen,
	};
	char name[IFNAMSIZ + 1];
	unsigned int count;
	char extra;
	int err;

	if (sscanf(cmd, "%16s %u %u %c", name, &count, &gen.size,
		   &extra) != 3 ||
	    strlen(name) >= IFNAMSIZ || !count ||
	    gen.size < BDSIM_ULGEN_MIN_SIZE || gen.size > BDSIM_ULGEN_MAX_SIZE)
		return -EINVAL;

	if (!mutex_trylock(&bdsim_ulgen_lock))
		return -EBUSY;
	/* A socket of the writer's, in its namespace, as if it opened one. */
	err = sock_create(PF_INET, SOCK_DGRAM, IPPROTO_UDP, &gen.sock);
	if (err)
		goto out_unlock;
	err = bdsim_ulgen_find(&gen, name);
	if (err)
		goto out_release;

	debugfs_enter_cancellation(file, &gen.cancel);
	err = bdsim_ulgen_run(&gen, count);
	debugfs_leave_cancellation(file, &gen.cancel);

out_release:
	/* Packets still in flight keep the socket's memory until freed. */
	sock_release(gen.sock);
out_unlock:
	mutex_unlock(&bdsim_ulgen_lock);
	return err;
}
