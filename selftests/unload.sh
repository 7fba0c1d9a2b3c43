#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Unloading with links up and traffic in flight, in both directions, and
# loading again: everything must go away cleanly (the VM runner fails the
# run on any KASAN, lockdep or kmemleak report) and come back working.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ROUNDS=2

ktap_header
require_root
require_cmd ping
require_udp_flood
require_module bam_dmux_sim
ktap_plan $((ROUNDS * 2 + 1))

cleanup() {
	netns_cleanup
	sim_stop
}
trap cleanup EXIT

for ((r = 1; r <= ROUNDS; r++)); do
	ok=1
	sim_start || ok=0
	netns_new "peer$r" || ok=0
	for ch in 0 1 2; do
		chan_setup "$ch" "peer$r" || ok=0
	done
	ping_link 0 || ok=0
	ktap_result "round $r: load, three channels, ping" test $ok = 1

	# Floods in both directions, cut off by the unload. Niced: six
	# senders on the VM's one CPU would starve the unload itself.
	for ch in 0 1 2; do
		nice -n 10 "$DIR/udp_flood" send "10.99.$ch.2" 9 100000 1400 \
			>/dev/null 2>&1 &
		in_netns "peer$r" nice -n 10 "$DIR/udp_flood" send \
			"10.99.$ch.1" 9 100000 1400 >/dev/null 2>&1 &
	done
	nap 1
	ok=1
	sim_stop || ok=0
	# shellcheck disable=SC2046 # one PID per word
	kill $(jobs -p) 2>/dev/null
	wait
	for d in /sys/class/wwan/* /sys/class/net/bd[0-9]*; do
		[ -e "$d" ] && ok=0
	done
	ktap_result "round $r: unload under traffic removes everything" test $ok = 1
	netns_cleanup
done

ok=1
sim_start && netns_new final && chan_setup 0 final && ping_link 0 || ok=0
ktap_result "load again after the unloads: traffic passes" test $ok = 1

ktap_finish
