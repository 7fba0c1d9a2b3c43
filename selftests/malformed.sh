#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Malformed and unexpected frames from the modem: the simulated modem
# injects each kind; the driver must drop it, count it once under its own
# reason (and no other, on the link or the instance), pass nothing of it
# up, and keep the link working.
#
# A frame a link owns (DATA on the channel of a running link) is counted by
# that link only: rx_drop_bad_len for a length past the transfer. What no
# link owns (a header that cannot be trusted, a command, DATA for a channel
# without a running link, a failed transfer) is counted by the instance
# only, in dmux_rx_*.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

# fault keyword -> the counter of ethtool -S that must grow by exactly one
FAULTS=(
	"bad_magic dmux_rx_drop_bad_magic"
	"bad_len rx_drop_bad_len"
	"bad_channel dmux_rx_drop_bad_channel"
	"bad_cmd dmux_rx_drop_bad_cmd"
	"short dmux_rx_drop_short"
	"data_closed dmux_rx_drop_no_link"
	"status dmux_rx_status_ignored"
	"open_no_pc dmux_rx_open_no_a2_pc"
	"dma_error_rx dmux_rx_drop_dma_error"
)

ktap_header
require_root
require_cmd ping
require_module bam_dmux_sim
ktap_plan $((${#FAULTS[@]} + 4))

cleanup() {
	netns_cleanup
	sim_stop
}
trap cleanup EXIT

if ! sim_start; then
	ktap_fail "simulated modem loads"
	ktap_finish
fi
if netns_new peer0 && chan_setup 0 peer0 && ping_link 0; then
	ktap_ok "channel 0 passes traffic"
else
	ktap_fail "channel 0 passes traffic"
fi

# counter_is NAME VALUE: the link's counter NAME is VALUE (ETH_STATS
# keeps the snapshot that said so).
counter_is() {
	eth_stats "$DEF_LINK" && [ "${ETH_STATS[$1]:-}" = "$2" ]
}

# shellcheck disable=SC2034 # used through namerefs
declare -A START=() END=() B=() A=()
declare -A EXPECT=()
eth_snap START "$DEF_LINK" || ktap_info "ethtool -S $DEF_LINK failed"

for f in "${FAULTS[@]}"; do
	read -r fault counter <<<"$f"
	eth_snap B "$DEF_LINK"
	before=${B[$counter]:-}
	if [ -z "$before" ] || ! sim_ctl inject "$fault"; then
		ktap_fail "$fault: cannot inject or no counter $counter"
		continue
	fi
	[[ "$counter" == *drop* ]] && EXPECT[$counter]=1
	if ! wait_for counter_is "$counter" $((before + 1)); then
		ktap_info "$counter: $before -> ${ETH_STATS[$counter]:-missing}"
		ktap_fail "$fault: counted once in $counter"
		continue
	fi
	eth_keep A
	why=
	others=$(eth_drops_changed B A "$counter")
	[ -z "$others" ] || why+=" also counted:$others;"
	for k in rx_packets tx_packets; do
		[ "$(eth_delta B A $k)" = 0 ] || why+=" $k +$(eth_delta B A $k);"
	done
	# Every frame but a failed transfer went through the parser once.
	frames=$(eth_delta B A dmux_rx_frames)
	[ "$fault" = dma_error_rx ] || [ "$frames" = 1 ] ||
		why+=" dmux_rx_frames +$frames;"
	if [ -n "$why" ]; then
		ktap_info "$fault:$why"
		ktap_fail "$fault: counted once in $counter, and nowhere else"
	else
		ktap_ok "$fault: dropped and counted once in $counter, and nowhere else"
	fi
done

# A failed UL transfer: the next frame, the first echo request, is lost
# and counted on its link only; ping sends another in its place.
ok=1
eth_snap B "$DEF_LINK"
# shellcheck disable=SC2034 # used through namerefs
declare -A SB=() SA=()
sim_snap SB
sim_ctl inject dma_error_tx || ok=0
EXPECT[tx_drop_dma_error]=1
ping_run 3 10.99.0.2 || ok=0
lost=$((PING_SENT - 1))
wait_for counter_is tx_drop_dma_error $((B[tx_drop_dma_error] + 1)) ||
	{ ktap_info "tx_drop_dma_error did not grow by one"; ok=0; }
wait_for stat_ge "$DEF_LINK" rx_packets $((B[rx_packets] + lost)) ||
	{ ktap_info "not every ping reply came back"; ok=0; }
eth_snap A "$DEF_LINK"
sim_snap SA
others=$(eth_drops_changed B A tx_drop_dma_error)
ul=$((SA[ul_packets_ch0] - SB[ul_packets_ch0]))
uldma=$((SA[drop_ul_dma_error] - SB[drop_ul_dma_error]))
ktap_info "dma_error_tx: ping sent $PING_SENT; link tx +$(eth_delta B A tx_packets)," \
	"rx +$(eth_delta B A rx_packets), tx_drop_dma_error" \
	"+$(eth_delta B A tx_drop_dma_error); other drops: ${others:-none};" \
	"modem ch0 ul +$ul, drop_ul_dma_error +$uldma"
[ "$(eth_delta B A tx_drop_dma_error)" = 1 ] && [ -z "$others" ] &&
	[ "$(eth_delta B A tx_packets)" = "$lost" ] &&
	[ "$(eth_delta B A rx_packets)" = "$lost" ] &&
	[ "$ul" = "$lost" ] && [ "$uldma" = 1 ] || ok=0
ktap_result "dma_error_tx: the frame dropped and counted once, in tx_drop_dma_error" \
	test $ok = 1

ktap_result "channel 0 still passes traffic" ping_link 0

# All of it together, in case a second count came after a case looked:
# every drop counter moved by exactly what was injected for it.
ok=1
eth_snap END "$DEF_LINK" || ok=0
got=$(eth_drops_changed START END)
for k in "${!EXPECT[@]}"; do
	[[ " $got " == *" $k +${EXPECT[$k]} "* ]] || ok=0
done
n=0
for w in $got; do
	[[ "$w" == +* ]] && n=$((n + 1))
done
[ "$n" = "${#EXPECT[@]}" ] || ok=0
[ "$ok" = 1 ] || ktap_info "drop counters moved: $got"
ktap_result "in all, every drop counter moved by exactly the faults injected for it" \
	test $ok = 1

ktap_finish
