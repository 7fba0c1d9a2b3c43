// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX ethtool: driver info, ring sizes, and every counter by reason.
 *
 * `ethtool -S` on a link lists the link's own counters first, then those
 * of the BAM-DMUX instance it belongs to (prefixed "dmux_"), which count
 * what no single link can own: malformed frames, power control, aborts.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/wwan.h>

#include "bam_dmux.h"

const char * const bam_dmux_link_drop_names[BAM_DMUX_NR_LINK_DROPS] = {
	[BAM_DMUX_DROP_RX_BAD_LEN] = "rx_drop_bad_len",
	[BAM_DMUX_DROP_RX_LEN_UNKNOWN] = "rx_drop_len_unknown",
	[BAM_DMUX_DROP_RX_BAD_PROTO] = "rx_drop_bad_proto",
	[BAM_DMUX_DROP_TX_CLOSED] = "tx_drop_channel_closed",
	[BAM_DMUX_DROP_TX_TOO_BIG] = "tx_drop_too_big",
	[BAM_DMUX_DROP_TX_NOMEM] = "tx_drop_nomem",
	[BAM_DMUX_DROP_TX_POWER] = "tx_drop_power_timeout",
	[BAM_DMUX_DROP_TX_ABORTED] = "tx_drop_aborted",
	[BAM_DMUX_DROP_TX_DMA_ERROR] = "tx_drop_dma_error",
};

const char * const bam_dmux_dev_stat_names[BAM_DMUX_NR_DEV_STATS] = {
	[BAM_DMUX_RX_FRAMES] = "dmux_rx_frames",
	[BAM_DMUX_RX_SHORT] = "dmux_rx_drop_short",
	[BAM_DMUX_RX_BAD_MAGIC] = "dmux_rx_drop_bad_magic",
	[BAM_DMUX_RX_BAD_LEN] = "dmux_rx_drop_bad_len",
	[BAM_DMUX_RX_LEN_UNKNOWN] = "dmux_rx_drop_len_unknown",
	[BAM_DMUX_RX_BAD_XFER] = "dmux_rx_drop_bad_transfer",
	[BAM_DMUX_RX_BAD_CHANNEL] = "dmux_rx_drop_bad_channel",
	[BAM_DMUX_RX_BAD_CMD] = "dmux_rx_drop_bad_cmd",
	[BAM_DMUX_RX_NO_LINK] = "dmux_rx_drop_no_link",
	[BAM_DMUX_RX_DMA_ERROR] = "dmux_rx_drop_dma_error",
	[BAM_DMUX_RX_NOMEM] = "dmux_rx_drop_nomem",
	[BAM_DMUX_RX_RECLAIMED] = "dmux_rx_buf_reclaimed",
	[BAM_DMUX_RX_STATUS] = "dmux_rx_status_ignored",
	[BAM_DMUX_RX_DUP_OPEN] = "dmux_rx_dup_open",
	[BAM_DMUX_RX_CLOSE_NOT_OPEN] = "dmux_rx_close_not_open",
	[BAM_DMUX_RX_OPEN_NO_PC] = "dmux_rx_open_no_a2_pc",
	[BAM_DMUX_TX_FRAMES] = "dmux_tx_frames",
	[BAM_DMUX_TX_DMA_ERROR] = "dmux_tx_drop_dma_error",
	[BAM_DMUX_TX_ABORTED] = "dmux_tx_drop_aborted",
	[BAM_DMUX_TX_POWER_FAIL] = "dmux_tx_drop_power_timeout",
	[BAM_DMUX_TX_SUBMIT_FAIL] = "dmux_tx_drop_submit",
	[BAM_DMUX_TX_CMD_DROP] = "dmux_tx_drop_cmd",
	[BAM_DMUX_TX_POWER_RETRY] = "dmux_tx_power_retry",
	[BAM_DMUX_PC_UP] = "dmux_pc_up",
	[BAM_DMUX_PC_DOWN] = "dmux_pc_down",
	[BAM_DMUX_PC_DOWN_DEFERRED] = "dmux_pc_down_deferred",
	[BAM_DMUX_PC_SPURIOUS] = "dmux_pc_spurious",
	[BAM_DMUX_ACK_TIMEOUT] = "dmux_pc_ack_timeout",
	[BAM_DMUX_PC_TIMEOUT] = "dmux_pc_up_timeout",
	[BAM_DMUX_ACK_UNEXPECTED] = "dmux_pc_ack_unexpected",
	[BAM_DMUX_PC_DOWN_TX_TIMEOUT] = "dmux_pc_down_tx_timeout",
};

/* Link counters shown by ethtool -S besides the drop reasons. */
enum {
	BAM_DMUX_ETH_RX_PACKETS,
	BAM_DMUX_ETH_RX_BYTES,
	BAM_DMUX_ETH_TX_PACKETS,
	BAM_DMUX_ETH_TX_BYTES,
	BAM_DMUX_ETH_NR_BASIC,
};

static const char * const bam_dmux_basic_names[BAM_DMUX_ETH_NR_BASIC] = {
	"rx_packets", "rx_bytes", "tx_packets", "tx_bytes",
};

#define BAM_DMUX_ETH_NR_STATS	(BAM_DMUX_ETH_NR_BASIC + \
				 BAM_DMUX_NR_LINK_DROPS + \
				 BAM_DMUX_NR_DEV_STATS)

static struct bam_dmux_link *bam_dmux_ethtool_link(struct net_device *ndev)
{
	return wwan_netdev_drvpriv(ndev);
}

static void bam_dmux_get_drvinfo(struct net_device *ndev,
				 struct ethtool_drvinfo *info)
{
	struct bam_dmux_link *link = bam_dmux_ethtool_link(ndev);

	/* ModemManager recognises the data path by this name. */
	strscpy(info->driver, "bam-dmux", sizeof(info->driver));
	strscpy(info->bus_info, dev_name(link->dmux->dev),
		sizeof(info->bus_info));
}

static int bam_dmux_get_sset_count(struct net_device *ndev, int sset)
{
	return sset == ETH_SS_STATS ? BAM_DMUX_ETH_NR_STATS : -EOPNOTSUPP;
}

static void bam_dmux_get_strings(struct net_device *ndev, u32 sset, u8 *data)
{
	int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < BAM_DMUX_ETH_NR_BASIC; i++)
		ethtool_puts(&data, bam_dmux_basic_names[i]);
	for (i = 0; i < BAM_DMUX_NR_LINK_DROPS; i++)
		ethtool_puts(&data, bam_dmux_link_drop_names[i]);
	for (i = 0; i < BAM_DMUX_NR_DEV_STATS; i++)
		ethtool_puts(&data, bam_dmux_dev_stat_names[i]);
}

static void bam_dmux_get_ethtool_stats(struct net_device *ndev,
				       struct ethtool_stats *estats, u64 *data)
{
	struct bam_dmux_link *link = bam_dmux_ethtool_link(ndev);
	struct bam_dmux_link_sum sum;
	int i;

	bam_dmux_link_read_stats(link, &sum);
	*data++ = sum.rx_packets;
	*data++ = sum.rx_bytes;
	*data++ = sum.tx_packets;
	*data++ = sum.tx_bytes;
	for (i = 0; i < BAM_DMUX_NR_LINK_DROPS; i++)
		*data++ = sum.drops[i];
	for (i = 0; i < BAM_DMUX_NR_DEV_STATS; i++)
		*data++ = atomic64_read(&link->dmux->stats[i]);
}

static void bam_dmux_get_ringparam(struct net_device *ndev,
				   struct ethtool_ringparam *ring,
				   struct kernel_ethtool_ringparam *kring,
				   struct netlink_ext_ack *extack)
{
	struct bam_dmux_link *link = bam_dmux_ethtool_link(ndev);

	ring->rx_max_pending = BAM_DMUX_RX_RING;
	ring->rx_pending = BAM_DMUX_RX_RING;
	ring->tx_max_pending = BAM_DMUX_TX_RING;
	ring->tx_pending = BAM_DMUX_TX_RING;
	kring->rx_buf_len = READ_ONCE(link->dmux->rx_buf_size);
}

const struct ethtool_ops bam_dmux_ethtool_ops = {
	.supported_ring_params = ETHTOOL_RING_USE_RX_BUF_LEN,
	.get_drvinfo = bam_dmux_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = bam_dmux_get_sset_count,
	.get_strings = bam_dmux_get_strings,
	.get_ethtool_stats = bam_dmux_get_ethtool_stats,
	.get_ringparam = bam_dmux_get_ringparam,
};
