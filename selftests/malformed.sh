#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Malformed and unexpected frames from the modem: the simulated modem
# injects each kind; the driver must drop it, count it under its own reason
# (and no other), and keep the link working.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

# fault keyword -> counter of ethtool -S that must grow by exactly one
FAULTS=(
	"bad_magic dmux_rx_drop_bad_magic"
	"bad_len dmux_rx_drop_bad_len"
	"bad_channel dmux_rx_drop_bad_channel"
	"bad_cmd dmux_rx_drop_bad_cmd"
	"short dmux_rx_drop_short"
	"data_closed dmux_rx_drop_no_link"
	"status dmux_rx_status_ignored"
	"open_no_pc dmux_rx_open_no_a2_pc"
	"dma_error_rx dmux_rx_drop_dma_error"
)
DROPS="dmux_rx_drop_bad_magic dmux_rx_drop_bad_len dmux_rx_drop_bad_channel
dmux_rx_drop_bad_cmd dmux_rx_drop_short dmux_rx_drop_no_link
dmux_rx_drop_dma_error dmux_rx_drop_bad_transfer dmux_rx_drop_bad_proto"

ktap_header
require_root
require_module bam_dmux_sim
ktap_plan $((${#FAULTS[@]} + 3))

cleanup() {
	netns_cleanup
	sim_stop
}
trap cleanup EXIT

if ! sim_start; then
	ktap_fail "simulated modem loads"
	ktap_finish
fi
netns_new peer
if chan_setup 0 peer && ping_ok 0; then
	ktap_ok "channel 0 passes traffic"
else
	ktap_fail "channel 0 passes traffic"
fi

# counter_is NAME VALUE: the link's counter NAME is VALUE (ETH_STATS
# keeps the snapshot that said so).
counter_is() {
	eth_stats "$DEF_LINK" && [ "${ETH_STATS[$1]:-}" = "$2" ]
}

# other_drops NAME: the sum of the RX drop counters but NAME, in ETH_STATS.
other_drops() {
	local c s=0

	for c in $DROPS; do
		[ "$c" != "$1" ] && s=$((s + ${ETH_STATS[$c]:-0}))
	done
	echo "$s"
}

for f in "${FAULTS[@]}"; do
	read -r fault counter <<< "$f"
	eth_stats "$DEF_LINK"
	before=${ETH_STATS[$counter]:-}
	others=$(other_drops "$counter")
	if [ -z "$before" ] || ! sim_ctl inject "$fault"; then
		ktap_fail "$fault: cannot inject or no counter $counter"
		continue
	fi
	if ! wait_for counter_is "$counter" $((before + 1)); then
		ktap_info "$counter: $before -> ${ETH_STATS[$counter]:-missing}"
		ktap_fail "$fault: counted once in $counter"
		continue
	fi
	if [ "$(other_drops "$counter")" != "$others" ]; then
		ktap_fail "$fault: counted under another reason too"
	else
		ktap_ok "$fault: dropped and counted in $counter"
	fi
done

# A failed UL transfer: the next frame is lost and counted on its link.
before=$(eth_stat "$DEF_LINK" tx_drop_dma_error)
sim_ctl inject dma_error_tx
ping -q -c 3 -i 0.3 -W 2 10.99.0.2 >/dev/null
if wait_for counter_is tx_drop_dma_error $((before + 1)); then
	ktap_ok "dma_error_tx: frame dropped and counted in tx_drop_dma_error"
else
	ktap_fail "dma_error_tx: frame dropped and counted in tx_drop_dma_error"
fi

ktap_result "channel 0 still passes traffic" ping_ok 0

ktap_finish
