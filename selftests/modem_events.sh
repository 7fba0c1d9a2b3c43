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
netns_new peer
ok=1
for ch in 0 1; do
	chan_setup "$ch" peer || ok=0
done
ktap_result "channels 0 and 1 set up" test $ok = 1

# The modem closes channel 1 only.
opens=$(sim_stat host_opens)
sim_ctl inject "close 1"
ok=1
wait_for carrier_off bd1 || ok=0
carrier_on "$DEF_LINK" || ok=0
ktap_result "modem closes channel 1: its link loses carrier, channel 0 not" \
	test $ok = 1
ktap_result "no traffic on the closed channel" \
	test "$(ping -q -c 2 -W 1 10.99.1.2 >/dev/null 2>&1; echo $?)" != 0

sim_ctl inject "open 1"
ok=1
wait_for carrier_on bd1 || ok=0
wait_for sim_stat_ge host_opens $((opens + 1)) || ok=0
ping_ok 1 || ok=0
ktap_result "modem reopens channel 1: carrier back, driver reopened, ping" \
	test $ok = 1

tx_above() {
	[ "$(dev_stat "$1" tx_packets)" -gt "$2" ]
}

# Restart under a UDP flood on channel 0 and pings on channel 1.
in_netns peer "$DIR/udp_flood" recv 6000 "$TMP/ready" "$TMP/recv" &
wait_for test -e "$TMP/ready"
qdisc_stats "$DEF_LINK"
q0=$QDISC_SENT
rq0=$QDISC_REQUEUES
l_tx0=$(dev_stat "$DEF_LINK" tx_packets)
l_drop0=$(link_tx_drops "$DEF_LINK")
core0=$(dev_stat "$DEF_LINK" tx_dropped)
restarts=$(sim_stat restarts)
opens=$(sim_stat host_opens)
"$DIR/udp_flood" send 10.99.0.2 6000 8000 800 > "$TMP/sent" &
sender=$!
ping -q -c 20 -i 0.1 -W 1 10.99.1.2 >/dev/null 2>&1 &
pinger=$!
# Restart once the flood is well under way, not after some sleep.
wait_for -t 300 tx_above "$DEF_LINK" $((l_tx0 + 300))
sim_ctl restart 1
during=0
kill -0 "$sender" 2>/dev/null && during=1
wait "$sender"
wait "$pinger"
wait

ok=1
wait_for sim_stat_ge restarts $((restarts + 1)) || ok=0
[ "$during" = 1 ] || ok=0
ktap_result "modem restart ran while the flood was sending" test $ok = 1

ok=1
for l in "$DEF_LINK" bd1; do
	wait_for carrier_on "$l" || ok=0
	[ -e "/sys/class/net/$l" ] || ok=0
done
wait_for sim_stat_ge host_opens $((opens + 2)) || ok=0
ktap_result "links kept, carrier back, both channels reopened by the driver" \
	test $ok = 1

# Before any other packet uses channel 0: the flood alone.
read -r _ sent _ <"$TMP/sent"
qdisc_stats "$DEF_LINK"
q=$((QDISC_SENT - q0))
rq=$((QDISC_REQUEUES - rq0))
l_tx=$(($(dev_stat "$DEF_LINK" tx_packets) - l_tx0))
l_drop=$(($(link_tx_drops "$DEF_LINK") - l_drop0))
core=$(($(dev_stat "$DEF_LINK" tx_dropped) - core0 - l_drop))
ktap_info "flood during restart: socket sent $sent, qdisc to driver $q ($rq requeued),"
ktap_info "  link tx $l_tx, driver drops $l_drop, dropped before the driver $core"
eth_stats "$DEF_LINK"
info=
for k in "${!ETH_STATS[@]}"; do
	[[ "$k" == tx_drop* || "$k" == dmux_tx* ]] && info+=" $k: ${ETH_STATS[$k]}"
done
ktap_info "$info"
# What reached the driver was sent or dropped with a reason; only packets
# the qdisc took back (requeued) and then freed in the reset may be missing.
took=$((l_tx + l_drop))
ktap_result "every packet the driver took during the restart accounted" \
	test "$q" -gt 0 -a "$q" -le "$sent" -a "$took" -le "$q" -a "$took" -ge $((q - rq))

both_ping() {
	ping_ok 0 && ping_ok 1
}
ktap_result "traffic resumes on both channels after the restart" both_ping


ktap_finish
