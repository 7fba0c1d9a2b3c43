#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The modem closes and reopens a channel, then restarts (every channel
# CLOSE, then OPEN again) while traffic runs. Links must survive with the
# carrier following the modem, the driver must open the channels of links
# that are up again by itself, traffic must resume, and every datagram sent
# during the restart must be accounted for.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ktap_header
require_root
require_cmd ping tc
require_udp_flood
require_module bam_dmux_sim
ktap_plan 8

TMP=$(mktemp -d)
cleanup() {
	netns_cleanup
	sim_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! sim_start; then
	ktap_fail "simulated modem loads"
	ktap_finish
fi
ok=1
for ch in 0 1; do
	{ netns_new "peer$ch" && chan_setup "$ch" "peer$ch"; } || ok=0
done
ktap_result "channels 0 and 1 set up, each peer in its own netns" test $ok = 1
L1=$(chan_link 1)

# shellcheck disable=SC2034 # used through namerefs
declare -A B=() A=() SB=() SA=() PB=() PA=()

# The modem closes channel 1 only.
opens=$(sim_stat host_opens)
sim_ctl inject "close 1"
ok=1
wait_for carrier_off "$L1" || { ktap_info "$L1 kept its carrier"; ok=0; }
carrier_on "$DEF_LINK" || { ktap_info "$DEF_LINK lost its carrier"; ok=0; }
ktap_result "modem closes channel 1: its link loses carrier, channel 0 not" \
	test $ok = 1

# What is sent on the closed channel goes nowhere, and the counters say
# where it stopped: the driver's tx_drop_channel_closed, or the stack's
# noop qdisc (tx_dropped of the netdev but no driver reason) once the
# carrier change reached it.
ok=1
eth_snap B "$L1"
sim_snap SB
dropped0=$(dev_stat "$L1" tx_dropped)
ping_none 2 10.99.1.2 || ok=0
eth_snap A "$L1"
sim_snap SA
dropped=$(dev_stat "$L1" tx_dropped)
closed=$(eth_delta B A tx_drop_channel_closed)
stack=$((dropped - dropped0 - $(eth_delta B A link_tx_drops)))
others=$(eth_drops_changed B A tx_drop_channel_closed)
ul=$((SA[ul_packets_ch1] - SB[ul_packets_ch1]))
ktap_info "closed channel: $PING_SENT sent; tx_drop_channel_closed +$closed," \
	"dropped by the stack +$stack, link tx +$(eth_delta B A tx_packets)," \
	"modem ch1 ul +$ul; other drops: ${others:-none}"
[ $((closed + stack)) = "$PING_SENT" ] && [ -z "$others" ] &&
	[ "$(eth_delta B A tx_packets)" = 0 ] && [ "$ul" = 0 ] || ok=0
ktap_result "no traffic on the closed channel, every packet counted as dropped" \
	test $ok = 1

sim_ctl inject "open 1"
ok=1
wait_for carrier_on "$L1" || { ktap_info "$L1: no carrier after the OPEN"; ok=0; }
wait_for sim_stat_ge host_opens $((opens + 1)) ||
	{ ktap_info "the driver did not open channel 1 again"; ok=0; }
ping_link 1 || ok=0
ktap_result "modem reopens channel 1: carrier back, driver reopened, ping" \
	test $ok = 1

tx_above() {
	[ "$(dev_stat "$1" tx_packets)" -gt "$2" ]
}

# Restart under a UDP flood on channel 0 and pings on channel 1. The
# receiver waits 10 s for more rather than 3: the flood pauses while the
# modem is down.
in_netns peer0 "$DIR/udp_flood" recv 6000 "$TMP/ready" "$TMP/recv" 10000 &
ok=1
wait_for -t 300 test -e "$TMP/ready" ||
	{ ktap_info "the UDP receiver did not start"; ok=0; }
qdisc_stats "$DEF_LINK"
q0=$QDISC_SENT
rq0=$QDISC_REQUEUES
eth_snap B "$DEF_LINK"
bd1_tx0=$(dev_stat "$L1" tx_packets)
sim_snap SB
peer_snap PB "" 0 peer0
restarts=$(sim_stat restarts)
opens=$(sim_stat host_opens)
"$DIR/udp_flood" send 10.99.0.2 6000 8000 800 >"$TMP/sent" &
sender=$!
ping -q -c 20 -i 0.1 -W 1 10.99.1.2 >"$TMP/ping" 2>&1 &
pinger=$!
# Restart once the flood is well under way, not after some sleep.
wait_for -t 300 tx_above "$DEF_LINK" $((B[tx_packets] + 300)) ||
	{ ktap_info "the flood did not get going"; ok=0; }
sim_ctl restart 1 || { ktap_info "restart refused"; ok=0; }
during=0
kill -0 "$sender" 2>/dev/null && during=1
wait "$sender"
wait "$pinger"
wait

wait_for sim_stat_ge restarts $((restarts + 1)) ||
	{ ktap_info "the modem did not restart"; ok=0; }
[ "$during" = 1 ] || { ktap_info "the flood was over before the restart"; ok=0; }
ktap_result "modem restart ran while the flood was sending" test $ok = 1

ok=1
for l in "$DEF_LINK" "$L1"; do
	wait_for carrier_on "$l" || { ktap_info "$l: no carrier"; ok=0; }
	[ -e "/sys/class/net/$l" ] || { ktap_info "$l is gone"; ok=0; }
done
wait_for sim_stat_ge host_opens $((opens + 2)) ||
	{ ktap_info "the driver did not open both channels again"; ok=0; }
ktap_result "links kept, carrier back, both channels reopened by the driver" \
	test $ok = 1

# Before any other packet uses channel 0: the flood alone. At the host end
# a carrier flap resets the qdisc, which frees what it held without
# counting it anywhere, so the account starts at the driver's boundary:
# what the qdisc handed the driver (but requeued packets the reset freed)
# was sent or dropped by the driver, for a reason a restart explains
# (channel closed, taken back from the pipe). From there on it is exact:
# every frame the link sent reached the modem on channel 0 or was dropped
# there because the channel had closed (drop_ul_ch_closed, shared with
# the pings on channel 1), and every packet that reached the peer was read
# or dropped by the socket's full buffer.
read -r _ sent _ <"$TMP/sent"
qdisc_stats "$DEF_LINK"
q=$((QDISC_SENT - q0))
rq=$((QDISC_REQUEUES - rq0))
eth_snap A "$DEF_LINK"
sim_snap SA
peer_snap PA "" 0 peer0
ping_summary "$(<"$TMP/ping")"
pings=$PING_SENT
READ=missing SOCKDROP=missing
{ read -r _ READ && read -r _ SOCKDROP; } 2>/dev/null <"$TMP/recv"
l_tx=$(eth_delta B A tx_packets)
l_drop=$(eth_delta B A link_tx_drops)
took=$((l_tx + l_drop))
bad=$(eth_drops_changed B A tx_drop_channel_closed tx_drop_aborted)
ul0=$((SA[ul_packets_ch0] - SB[ul_packets_ch0]))
ul1=$((SA[ul_packets_ch1] - SB[ul_packets_ch1]))
bd1_tx=$(($(dev_stat "$L1" tx_packets) - bd1_tx0))
ulclosed=$((SA[drop_ul_ch_closed] - SB[drop_ul_ch_closed]))
modem=$(sim_changed SB SA drop_ul_ drop_ul_ch_closed drop_ul_backlog)
pr=$((PA[rx_packets] - PB[rx_packets]))
pd=$((PA[rx_dropped] - PB[rx_dropped]))
rcvbuf=$((PA["Udp.RcvbufErrors"] - PB["Udp.RcvbufErrors"]))
inerr=$((PA["Udp.InErrors"] - PB["Udp.InErrors"]))
noport=$((PA["Udp.NoPorts"] - PB["Udp.NoPorts"]))
ktap_info "flood during restart: socket sent $sent, qdisc to driver $q ($rq requeued)," \
	"driver took $took: link tx $l_tx, drops $l_drop" \
	"(channel_closed +$(eth_delta B A tx_drop_channel_closed)," \
	"aborted +$(eth_delta B A tx_drop_aborted); others: ${bad:-none})"
ktap_info "  modem ch0 $ul0, ch1 $ul1 ($L1 tx $bd1_tx, $pings pings)," \
	"drop_ul_ch_closed $ulclosed, other UL drops: ${modem:-none};" \
	"peer rx $pr, dropped $pd; read $READ, socket drops $SOCKDROP" \
	"(RcvbufErrors $rcvbuf, InErrors $inerr, NoPorts $noport)"
ok=1
[ "$q" -gt 0 ] && [ "$q" -le "$sent" ] && [ "$took" -le "$q" ] &&
	[ "$took" -ge $((q - rq)) ] && [ -z "$bad" ] || ok=0
[ "$l_tx" -ge "$ul0" ] && [ "$bd1_tx" -ge "$ul1" ] &&
	[ $((l_tx - ul0 + bd1_tx - ul1)) = "$ulclosed" ] && [ -z "$modem" ] || ok=0
[[ "$READ$SOCKDROP" =~ ^[0-9]+$ ]] && [ "$ul0" = $((pr + pd)) ] &&
	[ "$pr" = $((READ + SOCKDROP)) ] && [ "$SOCKDROP" = "$rcvbuf" ] &&
	[ "$inerr" = "$rcvbuf" ] && [ "$noport" = 0 ] || ok=0
ktap_result "every packet the driver took during the restart accounted, up to the socket" \
	test $ok = 1

both_ping() {
	ping_link 0 && ping_link 1
}
ktap_result "traffic resumes on both channels after the restart" both_ping

ktap_finish
