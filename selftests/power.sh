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
ktap_plan 10

TMP=$(mktemp -d)
cleanup() {
	netns_cleanup
	sim_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! sim_start || ! netns_new peer || ! chan_setup 0 peer; then
	ktap_fail "simulated modem loads, channel 0 set up"
	ktap_finish
fi
# Collapse quickly so that the test goes through many power cycles.
sim_ctl idle_ms 20
echo 50 > "$(sim_pm_file autosuspend_delay_ms)"
ktap_ok "simulated modem loads, channel 0 set up"

ktap_result "idle: AP vote withdrawn and A2 powered down" wait_for -t 300 modem_idle

# Uplink wakes: each ping starts with the A2 down.
ok=1
downs=$(sim_stat power_downs)
for ((i = 0; i < ROUNDS; i++)); do
	wait_for -t 300 modem_idle || { ok=0; break; }
	ping -q -c 1 -W 10 10.99.0.2 >/dev/null || { ok=0; break; }
done
ktap_result "$ROUNDS pings, each waking the powered-down modem" test $ok = 1
ktap_result "the modem powered down between the pings" \
	sim_stat_ge power_downs $((downs + ROUNDS - 1))

# Downlink wakes: the peer sends while the A2 is down.
ok=1
for ((i = 0; i < ROUNDS; i++)); do
	wait_for -t 300 modem_idle || { ok=0; break; }
	in_netns peer ping -q -c 1 -W 10 10.99.0.1 >/dev/null || { ok=0; break; }
done
ktap_result "$ROUNDS pings from the modem side, each waking the A2" test $ok = 1

# A flood cut by power collapses: bursts with the modem down in between.
in_netns peer "$DIR/udp_flood" recv 7000 "$TMP/ready" "$TMP/recv" &
wait_for test -e "$TMP/ready"
tx0=$(dev_stat "$DEF_LINK" tx_packets)
drop0=$(dev_stat "$DEF_LINK" tx_dropped)
sent=0
for ((i = 0; i < ROUNDS; i++)); do
	wait_for -t 300 modem_idle
	read -r _ n _ < <("$DIR/udp_flood" send 10.99.0.2 7000 300 1000)
	sent=$((sent + n))
done
wait
tx=$(($(dev_stat "$DEF_LINK" tx_packets) - tx0))
drop=$(($(dev_stat "$DEF_LINK" tx_dropped) - drop0))
read -r _ recv <"$TMP/recv"
ktap_info "bursts: sent $sent, link tx $tx, link drops $drop, received $recv"
ktap_result "UDP bursts across power collapses: every datagram accounted" \
	test "$sent" = $((tx + drop)) -a "$recv" -gt 0

# The modem swallows the ack of the next vote: the driver gives up after
# its timeout, drops what waited, and the next packet powers up normally.
wait_for -t 300 modem_idle
eth_stats "$DEF_LINK"
timeouts=${ETH_STATS[dmux_pc_ack_timeout]:-missing}
sim_ctl inject lose_ack
ping -q -c 1 -W 5 10.99.0.2 >/dev/null 2>&1
ok=1
eth_stats "$DEF_LINK"
[ "${ETH_STATS[dmux_pc_ack_timeout]:-missing}" -gt "$timeouts" ] || ok=0
[ "${ETH_STATS[tx_drop_power_timeout]:-missing}" -gt 0 ] || ok=0
ping_ok 0 || ok=0
ktap_result "lost ack: timeout counted, packet dropped, then traffic again" \
	test $ok = 1

# The ack comes, but after the driver's timeout.
wait_for -t 300 modem_idle
eth_stats "$DEF_LINK"
timeouts=${ETH_STATS[dmux_pc_ack_timeout]:-missing}
sim_ctl inject late_ack
ping -q -c 1 -W 5 10.99.0.2 >/dev/null 2>&1
ok=1
eth_stats "$DEF_LINK"
[ "${ETH_STATS[dmux_pc_ack_timeout]:-missing}" -gt "$timeouts" ] || ok=0
wait_for -t 100 sim_stat_ge acks_late 1 || ok=0
ping_ok 0 || ok=0
ktap_result "late ack: timeout counted, then traffic again" test $ok = 1

# The ack is lost while a channel opens: the packets that waited may go,
# but the OPEN must not, or the channel stays half open for good. The
# driver keeps it and powers up again.
wait_for -t 300 modem_idle
eth_stats "$DEF_LINK"
retries=${ETH_STATS[dmux_tx_power_retry]:-missing}
sim_ctl inject lose_ack
ok=1
{ netns_new peer3 && chan_setup 3 peer3; } || ok=0
wait_for -t 300 sim_host_open 3 || ok=0
eth_stats "$DEF_LINK"
[ "${ETH_STATS[dmux_tx_power_retry]:-missing}" -gt "$retries" ] || ok=0
ping_ok 3 || ok=0
ktap_info "host_open $(sim_kv "$SIM_DBG/state" host_open)," \
	"power retries ${ETH_STATS[dmux_tx_power_retry]:-missing}"
ktap_result "lost ack during OPEN: OPEN retried, channel 3 carries traffic" \
	test $ok = 1

# Every frame gave its runtime-PM reference back.
ok=1
wait_for -t 300 modem_idle || ok=0
usage=
status=
readf usage "$SIM_DBG/pm_usage"
readf status "$(sim_pm_file runtime_status)"
[ "$usage" = 0 ] || ok=0
ktap_info "pm_usage $usage, $status"
ktap_result "no runtime-PM reference leaked" test $ok = 1

ktap_finish
