// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modem-side network devices ("peers"): bdsim<ch> is where the packets the
 * host sends on channel <ch> come out, and what it transmits goes to the
 * host as DL DATA on <ch>. Raw IP, like the host's link. bdsim<ch>m<mux>
 * is the same for QMAP mux <mux> of channel <ch>, from bind_mux to
 * unbind_mux.
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
#include <linux/rculist.h>
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
	struct bdsim_peer *peer = netdev_priv(ndev);

	/*
	 * The peers offer no checksum offload, so the stack completes
	 * checksums before it gets here; should a packet still come
	 * partial, the modem completes it, as its DL checksum check and
	 * the host must see the real one.
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		bdsim_count_drop(peer->sim, BDSIM_DROP_DL_CSUM);
		dev_dstats_tx_dropped(ndev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	return bdsim_dl_xmit(peer, skb);
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
 * @csum: compute and insert the TCP/UDP checksum first as MAPv4 or MAPv5
 *	checksum offload does, an &enum bdsim_ul_csum
 *
 * Called by the UL worker with bottom halves disabled and the RCU read
 * lock held. Drops are counted both on the peer and in the modem's stats.
 */
void bdsim_peer_rx(struct bdsim_peer *peer, const void *data,
		   unsigned int len, __be16 proto, u8 csum)
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
	if (csum == BDSIM_UL_CSUM_V4)
		bdsim_qmap_csum_v4(skb->data, len);
	else if (csum == BDSIM_UL_CSUM_V5)
		bdsim_qmap_csum(skb->data, len, true);
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
 * Any context, under rcu_read_lock() or &bdsim.cfg_lock.
 *
 * Return: the peer, or NULL.
 */
struct bdsim_peer *bdsim_peer_find(struct bdsim *sim, unsigned int ch,
				   u8 mux_id)
{
	struct bdsim_peer *peer;

	list_for_each_entry_rcu(peer, &sim->ch[ch].peers, node,
				lockdep_is_held(&sim->cfg_lock))
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
	rcu_read_lock();
	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		list_for_each_entry_rcu(peer, &sim->ch[ch].peers, node) {
			if (!test_and_clear_bit(BDSIM_PEER_STOPPED, &peer->flags))
				continue;
			if (netif_running(peer->ndev))
				netif_wake_queue(peer->ndev);
			bdsim_count(sim, BDSIM_CTR_PEER_WAKES);
		}
	}
	rcu_read_unlock();
	local_bh_enable();
}

/*
 * Create, register and list one peer. A mux peer's MTU may go up to what
 * a 16 KiB DL buffer holds in any QMAP format: behind the DMUX and MAP
 * headers, with a MAPv4 trailer.
 */
static int bdsim_peer_create(struct bdsim *sim, unsigned int ch, u8 mux_id)
{
	struct bdsim_peer *peer;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	unsigned long flags;
	int err;

	if (mux_id)
		snprintf(name, sizeof(name), "bdsim%um%u", ch, mux_id);
	else
		snprintf(name, sizeof(name), "bdsim%u", ch);
	ndev = alloc_netdev(sizeof(*peer), name, NET_NAME_PREDICTABLE,
			    bdsim_peer_setup);
	if (!ndev)
		return -ENOMEM;
	if (mux_id)
		ndev->max_mtu = BDSIM_DYN_MAX_SIZE - BDSIM_HDR_LEN -
				BDSIM_MAP_DL_MAX_OVERHEAD;

	peer = netdev_priv(ndev);
	peer->sim = sim;
	peer->ndev = ndev;
	peer->ch = ch;
	peer->mux_id = mux_id;

	err = register_netdev(ndev);
	if (err) {
		free_netdev(ndev);
		return err;
	}
	spin_lock_irqsave(&sim->lock, flags);
	list_add_tail_rcu(&peer->node, &sim->ch[ch].peers);
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/**
 * bdsim_peer_add_mux() - create the peer of a QMAP mux
 * @sim: the modem
 * @ch: channel, below %BDSIM_NUM_CH
 * @mux_id: mux id, 1..254
 *
 * Process context; takes RTNL.
 *
 * Return: 0, -EEXIST if the mux has a peer already, or a registration
 * error.
 */
int bdsim_peer_add_mux(struct bdsim *sim, unsigned int ch, u8 mux_id)
{
	int err;

	mutex_lock(&sim->cfg_lock);
	if (bdsim_peer_find(sim, ch, mux_id))
		err = -EEXIST;
	else
		err = bdsim_peer_create(sim, ch, mux_id);
	mutex_unlock(&sim->cfg_lock);
	return err;
}

/**
 * bdsim_peer_del_mux() - remove the peer of a QMAP mux
 * @sim: the modem
 * @ch: channel, below %BDSIM_NUM_CH
 * @mux_id: mux id, 1..254
 *
 * Process context; takes RTNL. The peer leaves its list first, so the UL
 * worker no longer finds it and its xmit queues nothing more; then what
 * it had queued is dropped and the DL worker has let go of it; only then
 * is it unregistered, as its per-CPU stats go with the registration.
 *
 * Return: 0, or -ENOENT if the mux has no peer.
 */
int bdsim_peer_del_mux(struct bdsim *sim, unsigned int ch, u8 mux_id)
{
	struct bdsim_peer *peer;
	unsigned long flags;

	mutex_lock(&sim->cfg_lock);
	peer = bdsim_peer_find(sim, ch, mux_id);
	if (!peer) {
		mutex_unlock(&sim->cfg_lock);
		return -ENOENT;
	}
	spin_lock_irqsave(&sim->lock, flags);
	list_del_rcu(&peer->node);
	peer->gone = true;
	spin_unlock_irqrestore(&sim->lock, flags);
	synchronize_rcu();

	bdsim_dl_drop_peer(sim, peer);
	unregister_netdev(peer->ndev);
	free_netdev(peer->ndev);
	mutex_unlock(&sim->cfg_lock);
	return 0;
}

/**
 * bdsim_peers_destroy() - unregister and free every peer
 * @sim: the modem, with its data paths stopped
 *
 * Process context, takes RTNL. Works whatever namespace a peer is in;
 * mux peers go too.
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
		err = bdsim_peer_create(sim, ch, 0);
		if (err)
			goto err_destroy;
	}
	return 0;

err_destroy:
	bdsim_peers_destroy(sim);
	return err;
}
