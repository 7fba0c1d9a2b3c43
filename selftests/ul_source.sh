#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The simulator's in-kernel uplink source (ul_flood), which the benchmarks
# stand on: every packet of a run reaches the modem, it refuses by errno
# what it cannot send, an ordinary signal does not end a run and a kill
# does, and neither deleting its device nor unloading the modem waits for
# a run that the modem holds up (ul_stall).
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ktap_header
require_root
require_cmd ping
require_module bam_dmux_sim
ktap_plan 17

ERR=$(mktemp)
SIM_DRV=/sys/bus/platform/drivers/bam_dmux_sim
SIM_PDEV=bam_dmux_sim
# The UL source's send buffer, in packets.
SNDBUF_PKTS=128
cleanup() {
	[ -n "${ULGEN_PID:-}" ] && kill -9 "$ULGEN_PID" 2>/dev/null
	wait 2>/dev/null
	ip link del ulsrc0 2>/dev/null
	netns_cleanup
	sim_stop
	rm -f "$ERR"
}
trap cleanup EXIT

# ulgen CMD: one run in the foreground; true if the write succeeded, its
# error (bash's "write error: ...") in $ERR.
ulgen() {
	(echo "$1" >"$SIM_DBG/ul_flood") 2>"$ERR"
}

# ulgen_bg CMD: one run in the background, in a shell that catches SIGUSR1
# and goes on; ULGEN_PID, its error in $ERR.
ulgen_bg() {
	bash -c 'trap ": caught" USR1; echo "$1" >"$2"' _ \
		"$1" "$SIM_DBG/ul_flood" 2>"$ERR" &
	ULGEN_PID=$!
}

# ulgen_wait: the exit status of the background run.
ulgen_wait() {
	local rc=0

	wait "$ULGEN_PID" || rc=$?
	ULGEN_PID=
	return "$rc"
}

# expect_errno DESC TEXT CMD: the run CMD fails with TEXT (strerror) and
# nothing reaches the modem.
expect_errno() {
	local ul0

	ul0=$(sim_stat ul_packets_ch0)
	if ulgen "$3"; then
		ktap_fail "$1: accepted"
	elif [[ "$(<"$ERR")" != *"$2"* ]]; then
		ktap_info "stderr: $(<"$ERR")"
		ktap_fail "$1: not '$2'"
	elif [ "$(sim_stat ul_packets_ch0)" != "$ul0" ]; then
		ktap_fail "$1: packets reached the modem"
	else
		ktap_ok "$1"
	fi
}

# A channel's counters: the link's packets sent and dropped (all reasons),
# the modem's packets taken from the channel, and the peer's received.
declare -A C0=()
counters() {
	local -n _c=$1
	local l=$2 ch=$3

	eth_stats "$l" || return 1
	_c["tx"]=${ETH_STATS[tx_packets]}
	_c["drop"]=$(eth_sum tx_drop_)
	_c["modem"]=$(sim_stat "ul_packets_ch$ch")
	_c["peer"]=$(dev_stat "bdsim$ch" rx_packets peer)
}

# delivered N L CH: since C0, exactly N packets went from link L through
# the modem to the peer, none dropped.
delivered() {
	local -A c1=()

	counters c1 "$2" "$3" || return 1
	ktap_info "$2: tx +$((c1[tx] - C0[tx])), dropped +$((c1[drop] - C0[drop]))," \
		"modem +$((c1[modem] - C0[modem])), peer +$((c1[peer] - C0[peer]))"
	[ $((c1[tx] - C0[tx])) = "$1" ] && [ "${c1[drop]}" = "${C0[drop]}" ] &&
		[ $((c1[modem] - C0[modem])) = "$1" ] &&
		[ $((c1[peer] - C0[peer])) = "$1" ]
}

# held: the modem holds uplink frames (of a run in progress).
held() {
	local n

	n=$(sim_kv "$SIM_DBG/state" tx_frames)
	[ "$n" != missing ] && [ "$n" -gt 0 ]
}

ok=1
sim_start && netns_new peer && chan_setup 0 peer && chan_setup 1 peer || ok=0
L0=$(chan_link 0)
L1=$(chan_link 1)
readf MTU "/sys/class/net/$L0/mtu"
ktap_result "modem up, channels 0 and 1 to a peer" test $ok = 1

# --- Runs that complete ---
ok=1
counters C0 "$L0" 0 || ok=0
ulgen "$L0 1000 1400" || ok=0
delivered 1000 "$L0" 0 || ok=0
ktap_result "1000 packets of 1400 bytes: 1000 sent, 1000 to the modem and the peer" \
	test $ok = 1

ok=1
counters C0 "$L0" 0 || ok=0
ulgen "$L0 300 28" && ulgen "$L0 300 $MTU" || ok=0
delivered 600 "$L0" 0 || ok=0
ktap_result "300 of 28 bytes and 300 of the MTU: 600 to the modem and the peer" \
	test $ok = 1

# --- Refusals ---
expect_errno "a malformed command" "Invalid argument" "$L0 10"
expect_errno "a size below an IPv4/UDP header" "Invalid argument" "$L0 10 27"
expect_errno "a size beyond the link's MTU" "Message too long" \
	"$L0 10 $((MTU + 1))"
expect_errno "no such device" "No such device" "nosuch0 10 100"
ok=1
ip link set "$L1" down || ok=0
expect_errno "a link that is down" "Network is down" "$L1 10 100"
ip link set "$L1" up && wait_for carrier_on "$L1" || ok=0
ktap_result "link up again" test $ok = 1

# --- Runs the modem holds up ---
# The modem takes no uplink (ul_stall): a run fills its socket's send
# buffer, exactly SNDBUF_PKTS packets, and sleeps.

# sleeping: the background run sleeps in the UL source, its send buffer
# full or its last packets awaited.
sleeping() {
	local w

	readf w "/proc/$ULGEN_PID/wchan" && [[ "$w" == bdsim_ulgen_* ]]
}

# SIGUSR1, which the writing shell catches, does not end the run:
# released, all 1000 arrive.
ok=1
counters C0 "$L0" 0 || ok=0
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L0 1000 1400"
wait_for -t 300 sleeping || ok=0
kill -USR1 "$ULGEN_PID" || ok=0
nap 0.2
sleeping || { ok=0; ktap_info "the run did not sleep on after SIGUSR1"; }
sim_ctl ul_stall 0 || ok=0
ulgen_wait || { ok=0; ktap_info "stderr: $(<"$ERR")"; }
delivered 1000 "$L0" 0 || ok=0
ktap_result "a caught signal does not end a run: 1000 of 1000 delivered" \
	test $ok = 1

# A second run is refused while one sleeps. SIGKILL ends the sleeping
# one, with the modem still holding the packets; what it had queued, its
# send buffer exactly, then goes through, and the next run starts.
ok=1
counters C0 "$L0" 0 || ok=0
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L0 1000 1400"
wait_for -t 300 sleeping || ok=0
expect_errno "a second run while one sleeps" "Device or resource busy" \
	"$L0 10 100"
kill -9 "$ULGEN_PID" || ok=0
rc=0
ulgen_wait || rc=$?
[ "$rc" = 137 ] || { ok=0; ktap_info "writer exit $rc"; }
sim_ctl ul_stall 0 || ok=0
# queued: nothing left in the qdisc or the modem, and as many packets
# sent as the modem and the peer got.
queued() {
	local -A c1=()
	local q

	q=$(tc -s qdisc show dev "$L0") || return 1
	[[ "$q" =~ backlog\ [0-9]+b\ [1-9] ]] && return 1
	! held && counters c1 "$L0" 0 && [ "${c1[modem]}" != "${C0[modem]}" ] &&
		[ $((c1[tx] - C0[tx])) = $((c1[modem] - C0[modem])) ] &&
		[ $((c1[peer] - C0[peer])) = $((c1[modem] - C0[modem])) ]
}
wait_for -t 300 queued || ok=0
delivered "$SNDBUF_PKTS" "$L0" 0 || ok=0
counters C0 "$L0" 0 || ok=0
ulgen "$L0 10 100" && delivered 10 "$L0" 0 || ok=0
ktap_result "a kill ends a sleeping run; its $SNDBUF_PKTS queued go through, then 10 of a new run" \
	test $ok = 1

# Deleting the device of a held run with packets left to send: deleted,
# and the run ends with the device gone (or down, if it saw that first).
ok=1
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L1 1000 1400"
wait_for -t 300 sleeping || ok=0
ip link del "$L1" || ok=0
sim_ctl ul_stall 0 || ok=0
if ulgen_wait; then
	ok=0
elif [[ "$(<"$ERR")" != *"No such device"* &&
	"$(<"$ERR")" != *"Network is down"* ]]; then
	ok=0
fi
ktap_info "stderr: $(<"$ERR")"
ktap_result "deleting the device of a held run: the run ends with ENODEV or ENETDOWN" \
	test $ok = 1

# A run of 2 with the modem holding one and the qdisc the other: deleting
# the device flushes the qdisc and does not wait for the run, which still
# sleeps for the modem's packet afterwards (a run holding the device would
# block the deletion until it timed out), and completes once the modem
# lets that packet go.
ok=1
link_add "$L1" 1 &&
	echo 1 >"/proc/sys/net/ipv6/conf/$L1/disable_ipv6" &&
	ip link set "$L1" up && wait_for carrier_on "$L1" || ok=0
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L1 2 1400"
wait_for -t 300 sleeping || ok=0
n=$(sim_kv "$SIM_DBG/state" tx_frames)
[ "$n" = 1 ] || { ok=0; ktap_info "the modem holds $n frames, not 1"; }
ip link del "$L1" || ok=0
# Woken by the flush of the qdisc, the run sleeps again for the modem.
wait_for -t 20 sleeping ||
	{ ok=0; ktap_info "the run was over once the device was deleted"; }
sim_ctl ul_stall 0 || ok=0
ulgen_wait || { ok=0; ktap_info "stderr: $(<"$ERR")"; }
ktap_result "deleting the device does not wait for a run, which completes" \
	test $ok = 1

# Unbinding the modem with a run held up: the run is cancelled, not
# awaited (it would wait for 5 s of no progress), and the modem binds
# again. (The module cannot go meanwhile: the open file pins it.)
ok=1
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L0 1000 1400"
wait_for -t 300 held || ok=0
echo "$SIM_PDEV" >"$SIM_DRV/unbind" || ok=0
if ulgen_wait; then
	ok=0
elif [[ "$(<"$ERR")" != *"Cannot send after transport endpoint shutdown"* ]]; then
	ok=0
fi
ktap_info "stderr: $(<"$ERR")"
[ -e "/sys/class/net/$L0" ] && ok=0
netns_cleanup
echo "$SIM_PDEV" >"$SIM_DRV/bind" && sim_attach || ok=0
ktap_result "unbinding the modem cancels a held run with ESHUTDOWN; it binds again" \
	test $ok = 1

# A killed run whose packets the modem still holds at unload: they are
# the socket's, not the module's, and go with the driver's rings.
ok=1
netns_new peer2 && chan_setup 0 peer2 || ok=0
L0=$(chan_link 0)
sim_ctl ul_stall 1 || ok=0
ulgen_bg "$L0 1000 1400"
wait_for -t 300 sleeping || ok=0
kill -9 "$ULGEN_PID" || ok=0
ulgen_wait
held || ok=0
sim_stop || ok=0
netns_cleanup
sim_start || ok=0
ktap_result "unloading with a killed run's packets held: gone, and loaded again" \
	test $ok = 1

# Packets that outlive the module: 10 held by a plug qdisc on a veth while
# the modem's modules go, then released. They are charged to the run's
# socket, which lives on meanwhile (one socket more in the namespace) and
# goes with the last of them; a destructor of the module's would run
# after the module is gone, a module that waited for them would never go.
# sockets_used VAR: "sockets: used" of /proc/net/sockstat.
sockets_used() {
	local -n _su=$1
	local k1 k2 v

	_su=
	read -r k1 k2 v _ </proc/net/sockstat || return 1
	[ "$k1 $k2" = "sockets: used" ] && _su=$v
}
sockets_back() {
	local n

	sockets_used n && [ "$n" = "$SOCK0" ]
}
# sockets_settled VAR: the count, once two reads 0.5 s apart agree (the
# netlink sockets of ip and tc go an RCU grace period after they exit).
sockets_settled() {
	local -n _sst=$1
	local a

	sockets_used a && nap 0.5 && sockets_used _sst && [ "$a" = "$_sst" ]
}
ok=1
ip link add ulsrc0 type veth peer name ulsrc1 &&
	echo 1 >/proc/sys/net/ipv6/conf/ulsrc0/disable_ipv6 &&
	echo 1 >/proc/sys/net/ipv6/conf/ulsrc1/disable_ipv6 &&
	ip link set ulsrc1 up && ip link set ulsrc0 up &&
	tc qdisc add dev ulsrc0 root plug limit 100000 || ok=0
wait_for carrier_on ulsrc0 || ok=0
wait_for -t 50 sockets_settled SOCK0 || ok=0
rx0=$(dev_stat ulsrc1 rx_packets)
ulgen_bg "ulsrc0 10 100"
wait_for -t 300 sleeping || ok=0
kill -9 "$ULGEN_PID" || ok=0
ulgen_wait
sim_stop || ok=0
wait_for -t 50 sockets_settled n || ok=0
ktap_info "sockets in use: $SOCK0 before the run, $n with the modules gone"
[ "$n" = $((SOCK0 + 1)) ] || ok=0
tc qdisc change dev ulsrc0 root plug release_indefinite || ok=0
wait_for sockets_back || ok=0
[ $(($(dev_stat ulsrc1 rx_packets) - rx0)) = 10 ] || ok=0
ip link del ulsrc0 || ok=0
sim_start || ok=0
ktap_result "10 packets held past the unload are freed with their socket after it" \
	test $ok = 1

ktap_finish
