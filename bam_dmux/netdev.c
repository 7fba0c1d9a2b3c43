// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX network device: one per link, raw IP on a DMUX channel or a
 * QMAP session on it.
 */
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/wwan.h>

#include "bam_dmux.h"

static struct bam_dmux_link *bam_dmux_link_of(struct net_device *ndev)
{
	return wwan_netdev_drvpriv(ndev);
}

/**
 * bam_dmux_link_rx() - count a packet delivered to the stack
 * @link: the link
 * @len: its length
 * @csum_ok: it went up with the checksum the modem verified
 *
 * Bottom halves disabled, as for every counter of a link.
 */
void bam_dmux_link_rx(struct bam_dmux_link *link, unsigned int len,
		      bool csum_ok)
{
	struct bam_dmux_link_stats *stats = this_cpu_ptr(link->stats);

	u64_stats_update_begin(&stats->syncp);
	u64_stats_inc(&stats->rx_packets);
	u64_stats_add(&stats->rx_bytes, len);
	if (csum_ok)
		u64_stats_inc(&stats->rx_csum_ok);
	u64_stats_update_end(&stats->syncp);
}

/**
 * bam_dmux_link_tx() - count packets the modem took
 * @link: the link
 * @packets: how many (an aggregate holds several)
 * @len: their IP length
 */
void bam_dmux_link_tx(struct bam_dmux_link *link, unsigned int packets,
		      unsigned int len)
{
	struct bam_dmux_link_stats *stats = this_cpu_ptr(link->stats);

	u64_stats_update_begin(&stats->syncp);
	u64_stats_add(&stats->tx_packets, packets);
	u64_stats_add(&stats->tx_bytes, len);
	u64_stats_update_end(&stats->syncp);
}

/**
 * bam_dmux_link_drop_n() - count packets of the link dropped for @reason
 * @link: the link
 * @reason: why
 * @packets: how many
 */
void bam_dmux_link_drop_n(struct bam_dmux_link *link,
			  enum bam_dmux_link_drop reason, unsigned int packets)
{
	struct bam_dmux_link_stats *stats = this_cpu_ptr(link->stats);

	u64_stats_update_begin(&stats->syncp);
	u64_stats_add(&stats->drops[reason], packets);
	u64_stats_update_end(&stats->syncp);
}

/**
 * bam_dmux_link_drop() - count a packet of the link dropped for @reason
 * @link: the link
 * @reason: why
 */
void bam_dmux_link_drop(struct bam_dmux_link *link,
			enum bam_dmux_link_drop reason)
{
	bam_dmux_link_drop_n(link, reason, 1);
}

/**
 * bam_dmux_link_read_stats() - sum a link's counters over all CPUs
 * @link: the link
 * @sum: filled in; its syncp is not used
 */
void bam_dmux_link_read_stats(struct bam_dmux_link *link,
			      struct bam_dmux_link_sum *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct bam_dmux_link_stats *stats =
			per_cpu_ptr(link->stats, cpu);
		struct bam_dmux_link_sum one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&stats->syncp);
			one.rx_packets = u64_stats_read(&stats->rx_packets);
			one.rx_bytes = u64_stats_read(&stats->rx_bytes);
			one.rx_csum_ok = u64_stats_read(&stats->rx_csum_ok);
			one.tx_packets = u64_stats_read(&stats->tx_packets);
			one.tx_bytes = u64_stats_read(&stats->tx_bytes);
			for (i = 0; i < BAM_DMUX_NR_LINK_DROPS; i++)
				one.drops[i] = u64_stats_read(&stats->drops[i]);
		} while (u64_stats_fetch_retry(&stats->syncp, start));

		sum->rx_packets += one.rx_packets;
		sum->rx_bytes += one.rx_bytes;
		sum->rx_csum_ok += one.rx_csum_ok;
		sum->tx_packets += one.tx_packets;
		sum->tx_bytes += one.tx_bytes;
		for (i = 0; i < BAM_DMUX_NR_LINK_DROPS; i++)
			sum->drops[i] += one.drops[i];
	}
}

static int bam_dmux_ndo_init(struct net_device *ndev)
{
	struct bam_dmux_link *link = bam_dmux_link_of(ndev);

	link->stats = netdev_alloc_pcpu_stats(struct bam_dmux_link_stats);
	return link->stats ? 0 : -ENOMEM;
}

static void bam_dmux_ndo_uninit(struct net_device *ndev)
{
	struct bam_dmux_link *link = bam_dmux_link_of(ndev);
	struct bam_dmux *dmux = link->dmux;

	/* The link is unpublished and a grace period passed, but the one
	 * NAPI context all links share may still hold its packets in GRO:
	 * disabling NAPI completes it, which flushes them. pc_lock keeps the
	 * power paths, the only other users of napi_disable(), out. What
	 * completed meanwhile is polled at once.
	 */
	mutex_lock(&dmux->pc_lock);
	if (!READ_ONCE(dmux->dying)) {
		napi_disable(&dmux->napi);
		napi_enable(&dmux->napi);
		bam_dmux_napi_kick(dmux);
	}
	mutex_unlock(&dmux->pc_lock);
	free_percpu(link->stats);
}

static int bam_dmux_ndo_open(struct net_device *ndev)
{
	struct bam_dmux_link *link = bam_dmux_link_of(ndev);

	netdev_reset_queue(ndev);
	bam_dmux_link_open(link);
	/* A new session: whatever flow state the modem left is stale. */
	spin_lock_bh(&link->dmux->tx_lock);
	WRITE_ONCE(link->flow_off, false);
	netif_start_queue(ndev);
	spin_unlock_bh(&link->dmux->tx_lock);
	return 0;
}

static int bam_dmux_ndo_stop(struct net_device *ndev)
{
	struct bam_dmux_link *link = bam_dmux_link_of(ndev);

	/* The stack stopped calling xmit before ndo_stop: nothing new can
	 * reference the link once its queued frames forgot it.
	 */
	netif_stop_queue(ndev);
	if (link->mux_id)
		bam_dmux_agg_stop(link);
	bam_dmux_tx_forget_link(link->dmux, link);
	netdev_reset_queue(ndev);
	bam_dmux_link_close(link);
	return 0;
}

static netdev_tx_t bam_dmux_ndo_start_xmit(struct sk_buff *skb,
					   struct net_device *ndev)
{
	return bam_dmux_tx_xmit(bam_dmux_link_of(ndev), skb);
}

static void bam_dmux_ndo_get_stats64(struct net_device *ndev,
				     struct rtnl_link_stats64 *s)
{
	struct bam_dmux_link *link = bam_dmux_link_of(ndev);
	struct bam_dmux_link_sum sum;
	int i;

	bam_dmux_link_read_stats(link, &sum);
	s->rx_packets = sum.rx_packets;
	s->rx_bytes = sum.rx_bytes;
	s->tx_packets = sum.tx_packets;
	s->tx_bytes = sum.tx_bytes;

	s->rx_length_errors = sum.drops[BAM_DMUX_DROP_RX_BAD_LEN] +
			      sum.drops[BAM_DMUX_DROP_RX_LEN_UNKNOWN];
	s->rx_errors = s->rx_length_errors;
	s->rx_dropped = sum.drops[BAM_DMUX_DROP_RX_NOMEM];

	for (i = BAM_DMUX_DROP_TX_FIRST; i < BAM_DMUX_NR_LINK_DROPS; i++)
		s->tx_dropped += sum.drops[i];
	s->tx_errors = sum.drops[BAM_DMUX_DROP_TX_DMA_ERROR];
	s->tx_aborted_errors = sum.drops[BAM_DMUX_DROP_TX_ABORTED];
	s->tx_carrier_errors = sum.drops[BAM_DMUX_DROP_TX_CLOSED];
}

static const struct net_device_ops bam_dmux_netdev_ops = {
	.ndo_init = bam_dmux_ndo_init,
	.ndo_uninit = bam_dmux_ndo_uninit,
	.ndo_open = bam_dmux_ndo_open,
	.ndo_stop = bam_dmux_ndo_stop,
	.ndo_start_xmit = bam_dmux_ndo_start_xmit,
	.ndo_get_stats64 = bam_dmux_ndo_get_stats64,
};

/**
 * bam_dmux_netdev_setup() - &wwan_ops.setup for every BAM-DMUX link
 * @ndev: the new network device
 */
void bam_dmux_netdev_setup(struct net_device *ndev)
{
	ndev->netdev_ops = &bam_dmux_netdev_ops;
	ndev->ethtool_ops = &bam_dmux_ethtool_ops;
	ndev->needs_free_netdev = true;

	ndev->type = ARPHRD_RAWIP;
	ndev->flags = IFF_POINTOPOINT | IFF_NOARP;
	ndev->hard_header_len = 0;
	ndev->addr_len = 0;
	ndev->mtu = ETH_DATA_LEN;
	ndev->min_mtu = BAM_DMUX_MIN_MTU;
	ndev->max_mtu = BAM_DMUX_MAX_DATA_SIZE;
	ndev->needed_headroom = sizeof(struct bam_dmux_hdr);
	ndev->needed_tailroom = 3;
	ndev->tx_queue_len = 1000;
}
