#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Power control: the modem powers the A2 down whenever it is idle and the
# driver must wake it for every packet, in both directions; a lost or late
# ack from the modem costs the packets that waited (counted) but never
# hangs the driver; and no runtime-PM reference is ever leaked.
#
# Nothing here depends on timing: each step waits (bounded) for the power
# state it needs before going on.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ROUNDS=5

ktap_header
require_root
require_cmd ping
require_udp_flood
require_module bam_dmux_sim
ktap_plan 11

TMP=$(mktemp -d)
cleanup() {
	netns_cleanup
	sim_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! sim_start || ! netns_new peer0 || ! chan_setup 0 peer0; then
	ktap_fail "simulated modem loads, channel 0 set up"
	ktap_finish
fi
# Collapse quickly so that the test goes through many power cycles.
sim_ctl idle_ms 20
echo 50 > "$(sim_pm_file autosuspend_delay_ms)"
ktap_ok "simulated modem loads, channel 0 set up"

ktap_result "idle: AP vote withdrawn and A2 powered down" wait_for -t 300 modem_idle

# shellcheck disable=SC2034 # used through namerefs
declare -A B=() A=() SB=() SA=()

# idle_or_say: wait until the modem is idle, or say that it never was.
idle_or_say() {
	wait_for -t 300 modem_idle && return 0
	ktap_info "the modem did not power down ($(sim_kv "$SIM_DBG/state" pc_state))"
	return 1
}

# wake_pings [NETNS]: ROUNDS single pings of the peer (from NETNS: of the
# host), each once the A2 is down. One request each (no -w): a request
# lost to the wake-up is not made up for by another one. The link must
# carry exactly the requests and their replies, with no drop.
wake_pings() {
	local ns=${1:-} dst=10.99.0.2 i out ok=1 rx tx drops
	local -a cmd

	[ -n "$ns" ] && dst=10.99.0.1
	cmd=(ping -q -c 1 -W 10 "$dst")
	[ -n "$ns" ] && cmd=(ip netns exec "$ns" "${cmd[@]}")
	eth_snap B "$DEF_LINK"
	for ((i = 0; i < ROUNDS; i++)); do
		idle_or_say || { ok=0; break; }
		out=$("${cmd[@]}" 2>&1)
		ping_summary "$out"
		[ "$PING_SENT/$PING_RECV" = 1/1 ] && continue
		ktap_info "round $i: ping $dst: $PING_SENT sent, $PING_RECV replies"
		ok=0
		break
	done
	eth_snap A "$DEF_LINK"
	tx=$(eth_delta B A tx_packets)
	rx=$(eth_delta B A rx_packets)
	drops=$(eth_drops_changed B A)
	ktap_info "link tx +$tx, rx +$rx; drops: ${drops:-none}"
	[ "$ok" = 1 ] && [ "$tx" = "$ROUNDS" ] && [ "$rx" = "$ROUNDS" ] && [ -z "$drops" ]
}

# Uplink wakes: each ping starts with the A2 down.
downs=$(sim_stat power_downs)
ktap_result "$ROUNDS pings, each waking the powered-down modem, none lost" wake_pings
ktap_result "the modem powered down between the pings" \
	sim_stat_ge power_downs $((downs + ROUNDS - 1))

# Downlink wakes: the peer sends while the A2 is down.
ktap_result "$ROUNDS pings from the modem side, each waking the A2, none lost" \
	wake_pings peer0

# A flood cut by power collapses: bursts with the modem down in between.
# Nothing may be lost on the way; at the receiving end only to the peer's
# backlog (drop_ul_backlog) or the socket's full buffer (RcvbufErrors).
# The receiver waits 10 s for more rather than 3: waiting for the modem to
# go idle between the bursts takes a while under TCG.
# shellcheck disable=SC2034 # used through namerefs
declare -A PB=() PA=() HB=() HA=()
BURST=300
ok=1
in_netns peer0 "$DIR/udp_flood" recv 7000 "$TMP/ready" "$TMP/recv" 10000 &
wait_for -t 300 test -e "$TMP/ready" ||
	{ ktap_info "the UDP receiver did not start"; ok=0; }
eth_snap B "$DEF_LINK"
sim_snap SB
peer_snap PB "" 0 peer0
udp_snap HB ""
sent=0
failed=0
for ((i = 0; i < ROUNDS; i++)); do
	idle_or_say || ok=0
	read -r _ n _ f < <("$DIR/udp_flood" send 10.99.0.2 7000 "$BURST" 1000)
	sent=$((sent + ${n:-0}))
	failed=$((failed + ${f:-0}))
done
wait
eth_snap A "$DEF_LINK"
sim_snap SA
peer_snap PA "" 0 peer0
udp_snap HA ""
READ=missing SOCKDROP=missing
{ read -r _ READ && read -r _ SOCKDROP; } 2>/dev/null <"$TMP/recv"
tx=$(eth_delta B A tx_packets)
drops=$(eth_drops_changed B A)
ul=$((SA[ul_packets_ch0] - SB[ul_packets_ch0]))
modem=$(sim_changed SB SA drop_ drop_ul_backlog)
pr=$((PA[rx_packets] - PB[rx_packets]))
pd=$((PA[rx_dropped] - PB[rx_dropped]))
rcvbuf=$((PA["Udp.RcvbufErrors"] - PB["Udp.RcvbufErrors"]))
inerr=$((PA["Udp.InErrors"] - PB["Udp.InErrors"]))
noport=$((PA["Udp.NoPorts"] - PB["Udp.NoPorts"]))
qdrop=$((HA[SndbufErrors] - HB[SndbufErrors]))
ktap_info "bursts: sent $sent (failed $failed, qdisc drops $qdrop), link tx $tx," \
	"drops: ${drops:-none}; modem ch0 $ul, drops: ${modem:-none};" \
	"peer rx $pr, dropped $pd; read $READ, socket drops $SOCKDROP" \
	"(RcvbufErrors $rcvbuf, InErrors $inerr, NoPorts $noport)"
[ "$sent" = $((ROUNDS * BURST)) ] && [ "$failed" = 0 ] && [ "$qdrop" = 0 ] &&
	[ -z "$drops" ] && [ "$sent" = "$tx" ] && [ "$tx" = "$ul" ] &&
	[ -z "$modem" ] && [ "$ul" = $((pr + pd)) ] &&
	[[ "$READ$SOCKDROP" =~ ^[0-9]+$ ]] && [ "$pr" = $((READ + SOCKDROP)) ] &&
	[ "$SOCKDROP" = "$rcvbuf" ] && [ "$inerr" = "$rcvbuf" ] &&
	[ "$noport" = 0 ] || ok=0
desc="UDP bursts across power collapses: every datagram read or dropped"
ktap_result "$desc by an allowed reason" test $ok = 1

# ack_fault FAULT: inject FAULT (lose_ack, late_ack) with the modem idle
# and send one ping: the driver must give up waiting for the ack once
# (dmux_pc_ack_timeout), drop the request that waited, counted on the link
# only (tx_drop_power_timeout), and nothing else; then traffic again.
ack_fault() {
	local ok=1 d0 bad

	idle_or_say || ok=0
	eth_snap B "$DEF_LINK"
	d0=$(dev_stat "$DEF_LINK" tx_dropped)
	sim_ctl inject "$1" || { ktap_info "cannot inject $1"; ok=0; }
	ping_none 1 10.99.0.2 || ok=0
	wait_for -t 200 stat_ge "$DEF_LINK" tx_dropped $((d0 + 1)) ||
		{ ktap_info "the request was not dropped"; ok=0; }
	eth_snap A "$DEF_LINK"
	bad=$(eth_drops_changed B A tx_drop_power_timeout)
	ktap_info "$1: dmux_pc_ack_timeout +$(eth_delta B A dmux_pc_ack_timeout)," \
		"tx_drop_power_timeout +$(eth_delta B A tx_drop_power_timeout)," \
		"link tx +$(eth_delta B A tx_packets); other drops: ${bad:-none}"
	[ "$(eth_delta B A dmux_pc_ack_timeout)" = 1 ] &&
		[ "$(eth_delta B A tx_drop_power_timeout)" = 1 ] &&
		[ "$(eth_delta B A tx_packets)" = 0 ] && [ -z "$bad" ] || ok=0
	[ "$ok" = 1 ]
}

# The modem swallows the ack of the next vote: the driver gives up after
# its timeout, drops what waited, and the next packet powers up normally.
ok=1
ack_fault lose_ack || ok=0
ping_link 0 || ok=0
ktap_result "lost ack: timeout counted, packet dropped, then traffic again" \
	test $ok = 1

# The ack comes, but after the driver's timeout.
ok=1
late=$(sim_stat acks_late)
ack_fault late_ack || ok=0
wait_for -t 100 sim_stat_ge acks_late $((late + 1)) ||
	{ ktap_info "the late ack never came"; ok=0; }
ping_link 0 || ok=0
ktap_result "late ack: timeout counted, packet dropped, then traffic again" \
	test $ok = 1

# The ack is lost while a channel opens: the packets that waited may go,
# but the OPEN must not, or the channel stays half open for good. The
# driver keeps it and powers up again, once.
ok=1
idle_or_say || ok=0
eth_snap B "$DEF_LINK"
sim_ctl inject lose_ack || { ktap_info "cannot inject lose_ack"; ok=0; }
{ netns_new peer3 && chan_setup 3 peer3; } || ok=0
wait_for -t 300 sim_host_open 3 ||
	{ ktap_info "the modem never saw the OPEN of channel 3"; ok=0; }
eth_snap A "$DEF_LINK"
bad=$(eth_drops_changed B A)
ktap_info "host_open $(sim_kv "$SIM_DBG/state" host_open)," \
	"ack timeouts +$(eth_delta B A dmux_pc_ack_timeout)," \
	"power retries +$(eth_delta B A dmux_tx_power_retry); drops: ${bad:-none}"
[ "$(eth_delta B A dmux_pc_ack_timeout)" = 1 ] &&
	[ "$(eth_delta B A dmux_tx_power_retry)" = 1 ] && [ -z "$bad" ] || ok=0
ping_link 3 || ok=0
ktap_result "lost ack during OPEN: OPEN retried, channel 3 carries traffic" \
	test $ok = 1

# pc_settled: no power-control handshake is waiting for the host.
pc_settled() {
	local st

	st=$(sim_kv "$SIM_DBG/state" pc_state)
	[ "$st" = up ] || [ "$st" = down ]
}

# The modem drops its power while the driver waits in vain for the ack of
# its vote: the power-down must still be answered when the driver gives
# up, not left until some later packet cycles the power (downlink would
# stall meanwhile). The A2 is kept up (idle_ms 0) with the host not
# voting, the next vote ack is lost, and forced collapses every 500 ms
# fall into the driver's 2 s wait.
ok=1
sim_ctl idle_ms 0 || ok=0
in_netns peer0 ping -q -c 1 -W 10 10.99.0.1 >/dev/null ||
	{ ktap_info "the peer's ping did not power the A2 up"; ok=0; }
host_off() {
	local st

	readf st "$(sim_pm_file runtime_status)" && [ "$st" = suspended ] &&
		[ "$(sim_kv "$SIM_DBG/state" pc_state)" = up ]
}
wait_for -t 300 host_off || { ktap_info "host never stopped voting with the A2 up"; ok=0; }
eth_snap B "$DEF_LINK"
sim_snap SB
sim_ctl inject lose_ack || ok=0
sim_ctl collapse_ms 500 || ok=0
# One request, no retry: it waits for the vote and is dropped with it.
ping -q -c 1 -W 6 10.99.0.2 >/dev/null && { ktap_info "the ping was answered"; ok=0; }
power_dropped() {
	eth_stats "$DEF_LINK" &&
		[ "${ETH_STATS[tx_drop_power_timeout]:-0}" -gt "${B[tx_drop_power_timeout]:-0}" ]
}
wait_for -t 300 power_dropped || { ktap_info "the request was not dropped"; ok=0; }
sim_ctl collapse_ms 0 || ok=0
wait_for -t 300 pc_settled || { ktap_info "the modem still waits for an ack"; ok=0; }
eth_snap A "$DEF_LINK"
sim_snap SA
changes=$((SA[power_ups] - SB[power_ups] + SA[power_downs] - SB[power_downs]))
acks=$((SA[pc_acks] - SB[pc_acks]))
ktap_info "forced collapses +$((SA[forced_collapses] - SB[forced_collapses])), pc changes" \
	"+$changes, host pc acks +$acks, ack timeouts +$(eth_delta B A dmux_pc_ack_timeout)," \
	"state $(sim_kv "$SIM_DBG/state" pc_state)"
[ $((SA[forced_collapses] - SB[forced_collapses])) -ge 1 ] || ok=0
[ "$changes" = "$acks" ] || ok=0
[ "$(eth_delta B A dmux_pc_ack_timeout)" = 1 ] || ok=0
sim_ctl idle_ms 20 || ok=0
ping_ok 0 || ok=0
ktap_result "power-down during an unanswered vote: acked, then traffic again" \
	test $ok = 1

# Every frame gave its runtime-PM reference back.
ok=1
idle_or_say || ok=0
usage=
status=
readf usage "$SIM_DBG/pm_usage"
readf status "$(sim_pm_file runtime_status)"
[ "$usage" = 0 ] || ok=0
ktap_info "pm_usage $usage, $status"
ktap_result "no runtime-PM reference leaked" test $ok = 1

ktap_finish
