// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX ethtool: driver info, ring sizes, and every counter by reason.
 *
 * `ethtool -S` on a link lists the link's own counters first, then those
 * of the BAM-DMUX instance it belongs to (prefixed "dmux_"), which count
 * what no single link can own: malformed frames, power control, aborts.
 */
#include <linux/ethtool.h>
#include <linux/log2.h>
#include <linux/netdevice.h>
#include <linux/wwan.h>

#include "bam_dmux.h"

const char * const bam_dmux_link_drop_names[BAM_DMUX_NR_LINK_DROPS] = {
	[BAM_DMUX_DROP_RX_BAD_LEN] = "rx_drop_bad_len",
	[BAM_DMUX_DROP_RX_LEN_UNKNOWN] = "rx_drop_len_unknown",
	[BAM_DMUX_DROP_RX_NOMEM] = "rx_drop_nomem",
	[BAM_DMUX_DROP_TX_CLOSED] = "tx_drop_channel_closed",
	[BAM_DMUX_DROP_TX_TOO_BIG] = "tx_drop_too_big",
	[BAM_DMUX_DROP_TX_NOMEM] = "tx_drop_nomem",
	[BAM_DMUX_DROP_TX_POWER] = "tx_drop_power_timeout",
	[BAM_DMUX_DROP_TX_ABORTED] = "tx_drop_aborted",
	[BAM_DMUX_DROP_TX_DMA_ERROR] = "tx_drop_dma_error",
	[BAM_DMUX_DROP_TX_QMAP_MODE] = "tx_drop_qmap_mode",
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
	[BAM_DMUX_RX_LARGE_ON] = "dmux_rx_large_bufs_on",
	[BAM_DMUX_RX_LARGE_OFF] = "dmux_rx_large_bufs_off",
	[BAM_DMUX_RX_SIGNAL_UNEXPECTED] = "dmux_rx_signal_unexpected",
	[BAM_DMUX_RX_MTU_CONFLICT] = "dmux_rx_mtu_conflict",
	[BAM_DMUX_RX_QMAP_TRUNCATED_HDR] = "dmux_rx_qmap_drop_truncated_hdr",
	[BAM_DMUX_RX_QMAP_ZERO_LEN] = "dmux_rx_qmap_drop_zero_len",
	[BAM_DMUX_RX_QMAP_PAST_BUF] = "dmux_rx_qmap_drop_past_buf",
	[BAM_DMUX_RX_QMAP_BAD_PAD] = "dmux_rx_qmap_drop_bad_pad",
	[BAM_DMUX_RX_QMAP_BAD_MUX] = "dmux_rx_qmap_drop_bad_mux",
	[BAM_DMUX_RX_QMAP_BAD_IP] = "dmux_rx_qmap_drop_bad_ip",
	[BAM_DMUX_RX_QMAP_NO_NEXT_HDR] = "dmux_rx_qmap_drop_no_next_hdr",
	[BAM_DMUX_RX_QMAP_BAD_NEXT_HDR] = "dmux_rx_qmap_drop_bad_next_hdr",
	[BAM_DMUX_RX_QMAP_BAD_CMD_LEN] = "dmux_rx_qmap_drop_bad_cmd_len",
	[BAM_DMUX_RX_QMAP_UNKNOWN_CMD] = "dmux_rx_qmap_drop_unknown_cmd",
	[BAM_DMUX_RX_QMAP_CMD_NOT_REQUEST] = "dmux_rx_qmap_drop_not_request",
	[BAM_DMUX_RX_QMAP_NO_LINK] = "dmux_rx_qmap_drop_no_link",
	[BAM_DMUX_RX_QMAP_CMD_NO_LINK] = "dmux_rx_qmap_cmd_no_link",
	[BAM_DMUX_RX_QMAP_FLOW_DISABLE] = "dmux_rx_qmap_flow_disable",
	[BAM_DMUX_RX_QMAP_FLOW_ENABLE] = "dmux_rx_qmap_flow_enable",
	[BAM_DMUX_TX_QMAP_ACK] = "dmux_tx_qmap_ack",
	[BAM_DMUX_TX_QMAP_ACK_DROP] = "dmux_tx_qmap_ack_drop",
	[BAM_DMUX_TX_AGG_NOMEM] = "dmux_tx_agg_nomem",
};

/* Link counters shown by ethtool -S besides the drop reasons. */
enum {
	BAM_DMUX_ETH_RX_PACKETS,
	BAM_DMUX_ETH_RX_BYTES,
	BAM_DMUX_ETH_RX_CSUM_OK,
	BAM_DMUX_ETH_TX_PACKETS,
	BAM_DMUX_ETH_TX_BYTES,
	BAM_DMUX_ETH_NR_BASIC,
};

static const char * const bam_dmux_basic_names[BAM_DMUX_ETH_NR_BASIC] = {
	"rx_packets", "rx_bytes", "rx_csum_unnecessary", "tx_packets",
	"tx_bytes",
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
	*data++ = sum.rx_csum_ok;
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

	ring->rx_max_pending = BAM_DMUX_RX_POOL_MAX;
	ring->rx_pending = READ_ONCE(link->dmux->rx_pool);
	ring->tx_max_pending = BAM_DMUX_TX_RING;
	ring->tx_pending = BAM_DMUX_TX_RING;
	kring->rx_buf_len = READ_ONCE(link->dmux->dl_size);
}

/* Sizes the dynamic-MTU signal can encode: 2 bits, powers of two. */
static bool bam_dmux_ring_encodable(u32 val, u32 min, u32 max)
{
	return val >= min && val <= max && is_power_of_2(val);
}

/*
 * Ring sizes and aggregation limits are the modem's, shared by all its
 * links: a link moved to another namespace does not make its owner the
 * modem's (see wwan_netdev_capable()).
 */
static bool bam_dmux_ethtool_capable(struct net_device *ndev,
				     struct netlink_ext_ack *extack)
{
	if (wwan_netdev_capable(ndev))
		return true;
	NL_SET_ERR_MSG_MOD(extack,
			   "the modem's settings need CAP_NET_ADMIN where the modem is");
	return false;
}

/*
 * The RX pool and the large buffer size are what our OPEN tells the
 * modem. A modem that was told other values could write past a buffer,
 * so they only change while no channel is open: the next OPEN (a link
 * going up) carries them.
 */
static int bam_dmux_set_ringparam(struct net_device *ndev,
				  struct ethtool_ringparam *ring,
				  struct kernel_ethtool_ringparam *kring,
				  struct netlink_ext_ack *extack)
{
	struct bam_dmux *dmux = bam_dmux_ethtool_link(ndev)->dmux;
	u32 buf_len = kring->rx_buf_len ?: READ_ONCE(dmux->dl_size);

	if (!bam_dmux_ethtool_capable(ndev, extack))
		return -EPERM;

	if (ring->tx_pending != BAM_DMUX_TX_RING) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "the TX ring has %u entries",
				       BAM_DMUX_TX_RING);
		return -EINVAL;
	}
	if (!bam_dmux_ring_encodable(ring->rx_pending, BAM_DMUX_RX_POOL_MIN,
				     BAM_DMUX_RX_POOL_MAX)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "rx must be %u, %u, %u or %u buffers",
				       BAM_DMUX_RX_POOL_MIN,
				       BAM_DMUX_RX_POOL_MIN * 2,
				       BAM_DMUX_RX_POOL_MIN * 4,
				       BAM_DMUX_RX_POOL_MAX);
		return -EINVAL;
	}
	if (!bam_dmux_ring_encodable(buf_len, BAM_DMUX_BUF_SIZE_DEFAULT,
				     BAM_DMUX_BUF_SIZE_MAX)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "rx-buf-len must be %u, %u, %u or %u bytes",
				       BAM_DMUX_BUF_SIZE_DEFAULT,
				       BAM_DMUX_BUF_SIZE_DEFAULT * 2,
				       BAM_DMUX_BUF_SIZE_DEFAULT * 4,
				       BAM_DMUX_BUF_SIZE_MAX);
		return -EINVAL;
	}
	if (ring->rx_pending == READ_ONCE(dmux->rx_pool) &&
	    buf_len == READ_ONCE(dmux->dl_size))
		return 0;
	if (bam_dmux_any_channel_open(dmux)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the modem was told the current sizes: set every link of this modem down first");
		return -EBUSY;
	}

	WRITE_ONCE(dmux->dl_size, buf_len);
	WRITE_ONCE(dmux->rx_pool, ring->rx_pending);
	bam_dmux_link_update_max_mtu(dmux);
	/* A running RX pipe grows or shrinks its pool in the next poll. */
	local_bh_disable();
	napi_schedule(&dmux->napi);
	local_bh_enable();
	return 0;
}

static int bam_dmux_get_coalesce(struct net_device *ndev,
				 struct ethtool_coalesce *ec,
				 struct kernel_ethtool_coalesce *kec,
				 struct netlink_ext_ack *extack)
{
	struct bam_dmux *dmux = bam_dmux_ethtool_link(ndev)->dmux;

	kec->tx_aggr_max_bytes = READ_ONCE(dmux->agg_bytes);
	kec->tx_aggr_max_frames = READ_ONCE(dmux->agg_frames);
	kec->tx_aggr_time_usecs = READ_ONCE(dmux->agg_time_us);
	return 0;
}

/*
 * UL aggregation limits, one set for every QMAP link of the modem (the
 * rmnet precedent); raw links send one packet per frame regardless. The
 * byte limit is also capped by the modem's UL limit when a frame is built.
 */
static int bam_dmux_set_coalesce(struct net_device *ndev,
				 struct ethtool_coalesce *ec,
				 struct kernel_ethtool_coalesce *kec,
				 struct netlink_ext_ack *extack)
{
	struct bam_dmux *dmux = bam_dmux_ethtool_link(ndev)->dmux;
	u32 min_bytes = QMAP_HDR_LEN + BAM_DMUX_MIN_MTU;

	if (!bam_dmux_ethtool_capable(ndev, extack))
		return -EPERM;

	if (kec->tx_aggr_max_frames < 1 ||
	    kec->tx_aggr_max_frames > BAM_DMUX_AGG_FRAMES_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "tx-aggr-max-frames must be 1-%u (1: off)",
				       BAM_DMUX_AGG_FRAMES_MAX);
		return -EINVAL;
	}
	if (kec->tx_aggr_max_bytes < min_bytes ||
	    kec->tx_aggr_max_bytes > BAM_DMUX_AGG_BYTES_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "tx-aggr-max-bytes must be %u-%u",
				       min_bytes, BAM_DMUX_AGG_BYTES_MAX);
		return -EINVAL;
	}
	if ((kec->tx_aggr_max_frames > 1 && !kec->tx_aggr_time_usecs) ||
	    kec->tx_aggr_time_usecs > BAM_DMUX_AGG_TIME_US_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "tx-aggr-time-usecs must be 1-%u with aggregation on",
				       BAM_DMUX_AGG_TIME_US_MAX);
		return -EINVAL;
	}
	WRITE_ONCE(dmux->agg_bytes, kec->tx_aggr_max_bytes);
	WRITE_ONCE(dmux->agg_time_us, kec->tx_aggr_time_usecs);
	WRITE_ONCE(dmux->agg_frames, kec->tx_aggr_max_frames);
	return 0;
}

const struct ethtool_ops bam_dmux_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_TX_AGGR,
	.supported_ring_params = ETHTOOL_RING_USE_RX_BUF_LEN,
	.get_drvinfo = bam_dmux_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = bam_dmux_get_sset_count,
	.get_strings = bam_dmux_get_strings,
	.get_ethtool_stats = bam_dmux_get_ethtool_stats,
	.get_ringparam = bam_dmux_get_ringparam,
	.set_ringparam = bam_dmux_set_ringparam,
	.get_coalesce = bam_dmux_get_coalesce,
	.set_coalesce = bam_dmux_set_coalesce,
};
