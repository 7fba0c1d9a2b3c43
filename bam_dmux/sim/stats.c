// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counter names and the ``stats`` file: one "name value" line per counter,
 * every counter always printed, so that tests can prove where each packet
 * went.
 */

#include <linux/seq_file.h>

#include "sim.h"

static const char * const bdsim_ctr_names[BDSIM_CTR_NUM] = {
	[BDSIM_CTR_VOTES_ON]			= "votes_on",
	[BDSIM_CTR_VOTES_OFF]			= "votes_off",
	[BDSIM_CTR_VOTES_UNCHANGED]		= "votes_unchanged",
	[BDSIM_CTR_ACKS_SENT]			= "acks_sent",
	[BDSIM_CTR_ACKS_LOST]			= "acks_lost",
	[BDSIM_CTR_ACKS_LATE]			= "acks_late",
	[BDSIM_CTR_POWER_UPS]			= "power_ups",
	[BDSIM_CTR_POWER_DOWNS]			= "power_downs",
	[BDSIM_CTR_PC_ACKS]			= "pc_acks",
	[BDSIM_CTR_UNEXPECTED_ACKS]		= "unexpected_acks",
	[BDSIM_CTR_RESTARTS]			= "restarts",
	[BDSIM_CTR_MODEM_OPENS]			= "modem_opens",
	[BDSIM_CTR_MODEM_CLOSES]		= "modem_closes",
	[BDSIM_CTR_HOST_OPENS]			= "host_opens",
	[BDSIM_CTR_HOST_CLOSES]			= "host_closes",
	[BDSIM_CTR_HOST_DUP_OPENS]		= "host_dup_opens",
	[BDSIM_CTR_HOST_CLOSE_NOT_OPEN]		= "host_close_not_open",
	[BDSIM_CTR_HOST_OPEN_UNANNOUNCED]	= "host_open_unannounced",
	[BDSIM_CTR_RX_SUBMITTED]		= "rx_submitted",
	[BDSIM_CTR_RX_COMPLETED]		= "rx_completed",
	[BDSIM_CTR_RX_REFUSED]			= "rx_refused",
	[BDSIM_CTR_RX_DMA_ERRORS]		= "rx_dma_errors",
	[BDSIM_CTR_TX_SUBMITTED]		= "tx_submitted",
	[BDSIM_CTR_TX_COMPLETED]		= "tx_completed",
	[BDSIM_CTR_TX_REFUSED]			= "tx_refused",
	[BDSIM_CTR_TX_DMA_ERRORS]		= "tx_dma_errors",
	[BDSIM_CTR_PIPE_ERRORS]			= "pipe_errors",
	[BDSIM_CTR_FAULT_FRAMES]		= "fault_frames",
	[BDSIM_CTR_FLOOD_FRAMES]		= "flood_frames",
	[BDSIM_CTR_FLOOD_ABORTED]		= "flood_aborted",
	[BDSIM_CTR_PEER_STOPS]			= "peer_stops",
	[BDSIM_CTR_PEER_WAKES]			= "peer_wakes",
	[BDSIM_CTR_CRASHES]			= "crashes",
	[BDSIM_CTR_RX_ABANDONED]		= "rx_abandoned",
	[BDSIM_CTR_TX_ABANDONED]		= "tx_abandoned",
	[BDSIM_CTR_FORCED_COLLAPSES]		= "forced_collapses",
	[BDSIM_CTR_VOTES_AFTER_NO_PC]		= "votes_after_no_pc",
	[BDSIM_CTR_HOST_OPENS_DYN_MTU]		= "host_opens_dyn_mtu",
	[BDSIM_CTR_HOST_OPEN_DYN_UNOFFERED]	= "host_open_dyn_unoffered",
	[BDSIM_CTR_DATA_FORMAT_SET]		= "data_format_set",
	[BDSIM_CTR_DATA_FORMAT_NO_DYN_MTU]	= "data_format_no_dyn_mtu",
	[BDSIM_CTR_DATA_FORMAT_CLOSED]		= "data_format_closed",
	[BDSIM_CTR_DATA_FORMAT_INVALID]		= "data_format_invalid",
	[BDSIM_CTR_MUX_BINDS]			= "mux_binds",
	[BDSIM_CTR_MUX_UNBINDS]			= "mux_unbinds",
	[BDSIM_CTR_DL_LARGE_ON]			= "dl_large_on",
	[BDSIM_CTR_DL_LARGE_OFF]		= "dl_large_off",
	[BDSIM_CTR_DL_SMALL_BUF]		= "dl_small_buf",
	[BDSIM_CTR_DL_QMAP_FRAMES]		= "dl_qmap_frames",
	[BDSIM_CTR_DL_QMAP_PACKETS]		= "dl_qmap_packets",
	[BDSIM_CTR_DL_QMAP_CSUM_VALID]		= "dl_qmap_csum_valid",
	[BDSIM_CTR_UL_QMAP_FRAMES]		= "ul_qmap_frames",
	[BDSIM_CTR_UL_QMAP_PACKETS]		= "ul_qmap_packets",
	[BDSIM_CTR_UL_QMAP_CSUM_DONE]		= "ul_qmap_csum_done",
	[BDSIM_CTR_FLOW_CMDS_SENT]		= "flow_cmds_sent",
	[BDSIM_CTR_FLOW_CMDS_DROPPED]		= "flow_cmds_dropped",
	[BDSIM_CTR_FLOW_ACKS]			= "flow_acks",
};

static const char * const bdsim_drop_names[BDSIM_DROP_NUM] = {
	[BDSIM_DROP_UL_SHORT]		= "ul_short",
	[BDSIM_DROP_UL_BAD_MAGIC]	= "ul_bad_magic",
	[BDSIM_DROP_UL_MODEM_CMD]	= "ul_modem_cmd",
	[BDSIM_DROP_UL_BAD_CMD]		= "ul_bad_cmd",
	[BDSIM_DROP_UL_BAD_CHANNEL]	= "ul_bad_channel",
	[BDSIM_DROP_UL_TOO_BIG]		= "ul_too_big",
	[BDSIM_DROP_UL_CMD_LEN]		= "ul_cmd_len",
	[BDSIM_DROP_UL_BAD_LEN]		= "ul_bad_len",
	[BDSIM_DROP_UL_BAD_PAD]		= "ul_bad_pad",
	[BDSIM_DROP_UL_LONG_XFER]	= "ul_long_xfer",
	[BDSIM_DROP_UL_DATA_SIGNAL]	= "ul_data_signal",
	[BDSIM_DROP_UL_OPEN_SIGNAL]	= "ul_open_signal",
	[BDSIM_DROP_UL_CLOSE_SIGNAL]	= "ul_close_signal",
	[BDSIM_DROP_UL_CH_CLOSED]	= "ul_ch_closed",
	[BDSIM_DROP_UL_NOT_IP]		= "ul_not_ip",
	[BDSIM_DROP_UL_NO_PEER]		= "ul_no_peer",
	[BDSIM_DROP_UL_PEER_DOWN]	= "ul_peer_down",
	[BDSIM_DROP_UL_NOMEM]		= "ul_nomem",
	[BDSIM_DROP_UL_BACKLOG]		= "ul_backlog",
	[BDSIM_DROP_UL_DMA_ERROR]	= "ul_dma_error",
	[BDSIM_DROP_UL_MAP_SHORT]	= "ul_map_short",
	[BDSIM_DROP_UL_MAP_BAD_LEN]	= "ul_map_bad_len",
	[BDSIM_DROP_UL_MAP_PAST_FRAME]	= "ul_map_past_frame",
	[BDSIM_DROP_UL_MAP_BAD_PAD]	= "ul_map_bad_pad",
	[BDSIM_DROP_UL_MAP_NEXT_HDR]	= "ul_map_next_hdr",
	[BDSIM_DROP_UL_MAP_V5_HDR]	= "ul_map_v5_hdr",
	[BDSIM_DROP_UL_MAP_V4_HDR]	= "ul_map_v4_hdr",
	[BDSIM_DROP_UL_MAP_NOT_IP]	= "ul_map_not_ip",
	[BDSIM_DROP_UL_MAP_IP_LEN]	= "ul_map_ip_len",
	[BDSIM_DROP_UL_MAP_CSUM_PROTO]	= "ul_map_csum_proto",
	[BDSIM_DROP_UL_MAP_UNBOUND]	= "ul_map_unbound",
	[BDSIM_DROP_UL_MAP_FLOW_OFF]	= "ul_map_flow_off",
	[BDSIM_DROP_UL_MAP_CMD_FORMAT]	= "ul_map_cmd_format",
	[BDSIM_DROP_UL_MAP_CMD_NAME]	= "ul_map_cmd_name",
	[BDSIM_DROP_UL_MAP_CMD_TYPE]	= "ul_map_cmd_type",
	[BDSIM_DROP_UL_MAP_ACK_UNMATCHED] = "ul_map_ack_unmatched",
	[BDSIM_DROP_DL_CH_CLOSED]	= "dl_ch_closed",
	[BDSIM_DROP_DL_TOO_BIG]		= "dl_too_big",
	[BDSIM_DROP_DL_QUEUE_FULL]	= "dl_queue_full",
	[BDSIM_DROP_DL_RESTART]		= "dl_restart",
	[BDSIM_DROP_DL_NO_MODEM]	= "dl_no_modem",
	[BDSIM_DROP_DL_RAW_IN_QMAP]	= "dl_raw_in_qmap",
	[BDSIM_DROP_DL_MUX_NOT_QMAP]	= "dl_mux_not_qmap",
	[BDSIM_DROP_DL_UNBOUND]		= "dl_unbound",
	[BDSIM_DROP_DL_CSUM]		= "dl_csum",
};

static const char * const bdsim_ch_ctr_names[BDSIM_CH_CTR_NUM] = {
	[BDSIM_CH_UL_PACKETS]	= "ul_packets",
	[BDSIM_CH_UL_BYTES]	= "ul_bytes",
	[BDSIM_CH_DL_PACKETS]	= "dl_packets",
	[BDSIM_CH_DL_BYTES]	= "dl_bytes",
};

static void bdsim_stats_print(struct seq_file *s, const char *prefix,
			      const char * const *names, atomic64_t *vals,
			      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		seq_printf(s, "%s%s %llu\n", prefix, names[i],
			   (u64)atomic64_read(&vals[i]));
}

/**
 * bdsim_stats_show() - print every counter
 * @s: the seq_file of the ``stats`` file
 * @sim: the modem
 *
 * Event counters by name, drops as drop_<reason>, injected faults as
 * inject_<keyword>, channel traffic as <counter>_ch<n>.
 */
void bdsim_stats_show(struct seq_file *s, struct bdsim *sim)
{
	struct bdsim_stats *st = &sim->stats;
	unsigned int ch, i;

	bdsim_stats_print(s, "", bdsim_ctr_names, st->ctr, BDSIM_CTR_NUM);
	bdsim_stats_print(s, "drop_", bdsim_drop_names, st->drop,
			  BDSIM_DROP_NUM);
	bdsim_stats_print(s, "inject_", bdsim_fault_names, st->fault,
			  BDSIM_FAULT_NUM);
	for (ch = 0; ch < BDSIM_NUM_CH; ch++)
		for (i = 0; i < BDSIM_CH_CTR_NUM; i++)
			seq_printf(s, "%s_ch%u %llu\n", bdsim_ch_ctr_names[i],
				   ch, (u64)atomic64_read(&st->ch[ch][i]));
}
