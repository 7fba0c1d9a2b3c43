// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modem-side network devices ("peers"): bdsim<ch> is where the packets the
 * host sends on channel <ch> come out, and what it transmits goes to the
 * host as DL DATA on <ch>. Raw IP, like the host's link.
 *
 * The peers are created in init_net at probe; tests move them into another
 * namespace. They have no rtnl_link_ops, so when that namespace goes away
 * the stack moves them back to init_net rather than deleting them: a peer
 * lives exactly as long as the modem.
 *
 * They have no parent device on purpose: a netdev under the transport
 * device would look like a port of the modem to tools such as
 * ModemManager.
 */

#include <linux/if_arp.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/pkt_sched.h>

#include "sim.h"

static int bdsim_peer_open(struct net_device *ndev)
{
	netif_start_queue(ndev);
	return 0;
}

static int bdsim_peer_stop(struct net_device *ndev)
{
	struct bdsim_peer *peer = netdev_priv(ndev);

	netif_stop_queue(ndev);
	/* Reopening starts afresh; the DL worker need not wake it. */
	clear_bit(BDSIM_PEER_STOPPED, &peer->flags);
	return 0;
}

static netdev_tx_t bdsim_peer_start_xmit(struct sk_buff *skb,
					 struct net_device *ndev)
{
	return bdsim_dl_xmit(netdev_priv(ndev), skb);
}

static const struct net_device_ops bdsim_peer_netdev_ops = {
	.ndo_open	= bdsim_peer_open,
	.ndo_stop	= bdsim_peer_stop,
	.ndo_start_xmit	= bdsim_peer_start_xmit,
};

static void bdsim_peer_setup(struct net_device *ndev)
{
	ndev->netdev_ops = &bdsim_peer_netdev_ops;
	ndev->type = ARPHRD_RAWIP;
	ndev->flags = IFF_POINTOPOINT | IFF_NOARP;
	ndev->hard_header_len = 0;
	ndev->addr_len = 0;
	ndev->mtu = ETH_DATA_LEN;
	ndev->min_mtu = BDSIM_MIN_MTU;
	ndev->max_mtu = BDSIM_MAX_PAYLOAD;
	/* Non-zero: a real qdisc, so a stopped queue holds packets back. */
	ndev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	ndev->pcpu_stat_type = NETDEV_PCPU_STAT_DSTATS;
}

/**
 * bdsim_peer_rx() - a packet from the host comes out of a peer
 * @peer: the peer
 * @data: the IP packet
 * @len: its length
 * @proto: %ETH_P_IP or %ETH_P_IPV6, network order
 *
 * Called by the UL worker with bottom halves disabled. Drops are counted
 * both on the peer and in the modem's stats.
 */
void bdsim_peer_rx(struct bdsim_peer *peer, const void *data,
		   unsigned int len, __be16 proto)
{
	struct net_device *ndev = peer->ndev;
	struct sk_buff *skb;
	enum bdsim_drop why;

	if (!netif_running(ndev)) {
		why = BDSIM_DROP_UL_PEER_DOWN;
		goto drop;
	}
	skb = netdev_alloc_skb(ndev, len);
	if (!skb) {
		why = BDSIM_DROP_UL_NOMEM;
		goto drop;
	}
	skb_put_data(skb, data, len);
	skb->protocol = proto;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);

	if (netif_rx(skb) != NET_RX_SUCCESS) {
		why = BDSIM_DROP_UL_BACKLOG;
		goto drop;
	}
	dev_dstats_rx_add(ndev, len);
	return;

drop:
	dev_dstats_rx_dropped(ndev);
	bdsim_count_drop(peer->sim, why);
}

/**
 * bdsim_peer_find() - the peer of a channel and mux id
 * @sim: the modem
 * @ch: DMUX channel, below %BDSIM_NUM_CH
 * @mux_id: 0 for the raw-IP peer
 *
 * Any context; the lists do not change while the data paths run.
 *
 * Return: the peer, or NULL.
 */
struct bdsim_peer *bdsim_peer_find(struct bdsim *sim, unsigned int ch,
				   u8 mux_id)
{
	struct bdsim_peer *peer;

	list_for_each_entry(peer, &sim->ch[ch].peers, node)
		if (peer->mux_id == mux_id)
			return peer;
	return NULL;
}

/**
 * bdsim_peers_wake() - wake the peers stopped for lack of RX buffers
 * @sim: the modem
 *
 * Process context (DL worker).
 */
void bdsim_peers_wake(struct bdsim *sim)
{
	struct bdsim_peer *peer;
	unsigned int ch;

	/* Wake with BHs off so the qdisc runs when they come back on. */
	local_bh_disable();
	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		list_for_each_entry(peer, &sim->ch[ch].peers, node) {
			if (!test_and_clear_bit(BDSIM_PEER_STOPPED, &peer->flags))
				continue;
			if (netif_running(peer->ndev))
				netif_wake_queue(peer->ndev);
			bdsim_count(sim, BDSIM_CTR_PEER_WAKES);
		}
	}
	local_bh_enable();
}

static int bdsim_peer_create(struct bdsim *sim, unsigned int ch)
{
	struct bdsim_peer *peer;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	int err;

	snprintf(name, sizeof(name), "bdsim%u", ch);
	ndev = alloc_netdev(sizeof(*peer), name, NET_NAME_PREDICTABLE,
			    bdsim_peer_setup);
	if (!ndev)
		return -ENOMEM;

	peer = netdev_priv(ndev);
	peer->sim = sim;
	peer->ndev = ndev;
	peer->ch = ch;
	peer->mux_id = 0;

	err = register_netdev(ndev);
	if (err) {
		free_netdev(ndev);
		return err;
	}
	list_add_tail(&peer->node, &sim->ch[ch].peers);
	return 0;
}

/**
 * bdsim_peers_destroy() - unregister and free every peer
 * @sim: the modem, with its data paths stopped
 *
 * Process context, takes RTNL. Works whatever namespace a peer is in.
 */
void bdsim_peers_destroy(struct bdsim *sim)
{
	struct bdsim_peer *peer, *tmp;
	LIST_HEAD(unreg);
	unsigned int ch;

	/* One batch: a single RCU grace period for all of them. */
	rtnl_lock();
	for (ch = 0; ch < BDSIM_NUM_CH; ch++)
		list_for_each_entry(peer, &sim->ch[ch].peers, node)
			unregister_netdevice_queue(peer->ndev, &unreg);
	unregister_netdevice_many(&unreg);
	rtnl_unlock();

	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		list_for_each_entry_safe(peer, tmp, &sim->ch[ch].peers, node) {
			list_del(&peer->node);
			free_netdev(peer->ndev);
		}
	}
}

/**
 * bdsim_peers_create() - create the raw-IP peer of every channel
 * @sim: the modem, not yet started
 *
 * Process context.
 *
 * Return: 0, or a negative errno with no peer left behind.
 */
int bdsim_peers_create(struct bdsim *sim)
{
	unsigned int ch;
	int err;

	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		err = bdsim_peer_create(sim, ch);
		if (err)
			goto err_destroy;
	}
	return 0;

err_destroy:
	bdsim_peers_destroy(sim);
	return err;
}
