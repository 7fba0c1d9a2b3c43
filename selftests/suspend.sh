#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A system suspend cycle with uplink frames queued: the modem holds the
# uplink (ul_stall), a burst of UDP datagrams waits in the driver (and, as
# BQL holds the rest back, in its qdisc), and the system goes through
# freeze with pm_test "devices" (devices suspend and resume, no real
# sleep). The suspend must not fail because frames are queued, and once
# the modem takes the uplink again every datagram must be accounted:
# delivered to the peer or dropped with a reason.
#
# The test kernel carries a virtio-pci change (config/patches): without
# it a device suspend resets the VM's 9p root and the machine is lost
# after resume (the runner's timeout then fails the test).
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

BURST=20
SIZE=500
PORT=7100
PM_TEST=/sys/power/pm_test
PM_DELAY=/sys/module/suspend/parameters/pm_test_delay

ktap_header
require_root
require_cmd ping
require_udp_flood
require_module bam_dmux_sim
[ -w "$PM_TEST" ] || ktap_skip_all "no $PM_TEST (CONFIG_PM_DEBUG)"
state=
readf state /sys/power/state
[[ " $state " == *" freeze "* ]] || ktap_skip_all "no freeze in /sys/power/state"
ktap_plan 6

LEVEL=devices

TMP=$(mktemp -d)
OLD_DELAY=
cleanup() {
	[ -n "$OLD_DELAY" ] && echo "$OLD_DELAY" >"$PM_DELAY"
	echo none >"$PM_TEST" 2>/dev/null
	netns_cleanup
	sim_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! sim_start || ! netns_new peer || ! chan_setup 0 peer || ! ping_ok 0; then
	ktap_fail "simulated modem loads, channel 0 set up, ping"
	ktap_finish
fi
ktap_ok "simulated modem loads, channel 0 set up, ping"

sim_frames_held() {
	local n

	n=$(sim_kv "$SIM_DBG/state" tx_frames)
	[ "$n" != missing ] && [ "$n" -gt 0 ]
}

# tx_drops: the sum of the link's tx_drop_* counters in ETH_STATS into
# DROPS, the non-zero ones by name into DROPS_INFO.
DROPS=0
DROPS_INFO=
tx_drops() {
	local k

	DROPS=0
	DROPS_INFO=
	for k in "${!ETH_STATS[@]}"; do
		[[ "$k" == tx_drop_* ]] || continue
		DROPS=$((DROPS + ETH_STATS[$k]))
		[ "${ETH_STATS[$k]}" != 0 ] && DROPS_INFO+=" $k ${ETH_STATS[$k]}"
	done
	return 0
}

in_netns peer "$DIR/udp_flood" recv $PORT "$TMP/ready" "$TMP/recv" &
rcv_ready=1
if ! wait_for test -e "$TMP/ready"; then
	ktap_info "the UDP receiver in the peer namespace did not start"
	rcv_ready=0
fi

eth_stats "$DEF_LINK"
tx0=${ETH_STATS[tx_packets]:-0}
tx_drops
drop0=$DROPS
prx0=$(in_netns peer cat /sys/class/net/bdsim0/statistics/rx_packets)
pdrop0=$(in_netns peer cat /sys/class/net/bdsim0/statistics/rx_dropped)
ul0=$(sim_stat ul_packets_ch0)

sim_ctl ul_stall 1
read -r _ sent _ < <("$DIR/udp_flood" send 10.99.0.2 $PORT $BURST $SIZE)
ok=$rcv_ready
[ "$sent" = "$BURST" ] || ok=0
wait_for -t 300 sim_frames_held || ok=0
eth_stats "$DEF_LINK"
tx_drops
# Still nothing went through: the modem holds what the driver gave it.
[ "${ETH_STATS[tx_packets]:-0}" = "$tx0" ] && [ "$DROPS" = "$drop0" ] || ok=0
ktap_info "sent $sent, frames held by the modem" \
	"$(sim_kv "$SIM_DBG/state" tx_frames), runtime" \
	"$(cat "$(sim_pm_file runtime_status)"), pm_usage $(cat "$SIM_DBG/pm_usage")"
ktap_result "$BURST datagrams sent, frames queued in the driver, the modem holding them" \
	test $ok = 1

if [ -w "$PM_DELAY" ]; then
	readf OLD_DELAY "$PM_DELAY"
	echo 0 >"$PM_DELAY"
fi
ok=1
echo "$LEVEL" >"$PM_TEST" || ok=0
if ! echo freeze >/sys/power/state; then
	ktap_info "echo freeze > /sys/power/state failed"
	ok=0
fi
echo none >"$PM_TEST" || ok=0
ktap_result "system suspend cycle (freeze, pm_test $LEVEL) with frames queued" \
	test $ok = 1

sim_ctl ul_stall 0
accounted() {
	eth_stats "$DEF_LINK" && tx_drops &&
		[ $((ETH_STATS[tx_packets] - tx0 + DROPS - drop0)) = "$sent" ]
}
ok=1
wait_for -t 300 accounted || ok=0
eth_stats "$DEF_LINK"
tx_drops
tx=$((ETH_STATS[tx_packets] - tx0))
drop=$((DROPS - drop0))
ktap_info "socket sent $sent = link tx $tx + link drops $drop (${DROPS_INFO:-none})"
[ "$sent" = $((tx + drop)) ] || ok=0
ktap_result "every queued datagram sent or dropped by a named reason" \
	test $ok = 1

# What the link sent reached the peer, or the modem counted a drop.
wait
prx=$(($(in_netns peer cat /sys/class/net/bdsim0/statistics/rx_packets) - prx0))
pdrop=$(($(in_netns peer cat /sys/class/net/bdsim0/statistics/rx_dropped) - pdrop0))
ul=$(($(sim_stat ul_packets_ch0) - ul0))
recv=0
read -r _ recv <"$TMP/recv"
ktap_info "link tx $tx, modem took $ul, peer rx $prx + drops $pdrop, socket read $recv"
ktap_result "the link's frames reached the peer" \
	test "$tx" = "$ul" -a "$ul" = $((prx + pdrop))

ok=1
ping_ok 0 || ok=0
wait_for -t 300 modem_idle || ok=0
usage=
readf usage "$SIM_DBG/pm_usage"
ktap_info "pm_usage $usage, runtime $(cat "$(sim_pm_file runtime_status)")"
[ "$usage" = 0 ] || ok=0
ktap_result "traffic after the cycle, no runtime-PM reference left" test $ok = 1

ktap_finish
