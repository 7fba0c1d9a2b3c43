# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for tests that run the driver against the simulated modem.
# Sourced after lib.sh. After sim_start:
#   SIM_DBG   debugfs directory of the simulated modem
#   WWAN      its WWAN device (wwanN)
#   DEF_LINK  the default link (channel 0)

SIM_DBG=
WWAN=
DEF_LINK=

# The WWAN device of the simulated modem, once the modem announced its
# channels and the driver registered its links.
sim_find_wwan() {
	local d

	for d in /sys/bus/platform/devices/bam_dmux_sim*/wwan/wwan*; do
		[ -d "$d" ] || continue
		WWAN=${d##*/}
		return 0
	done
	return 1
}

# wwan_links ARRAY: the netdevs whose parent is the WWAN device, into ARRAY.
wwan_links() {
	local -n _wl=$1
	local d

	_wl=()
	for d in "/sys/class/wwan/$WWAN/net/"*; do
		[ -e "$d" ] && _wl+=("${d##*/}")
	done
	return 0
}

sim_find_default_link() {
	local l port
	local -a links

	wwan_links links
	for l in "${links[@]}"; do
		readf port "/sys/class/net/$l/dev_port"
		[ "$port" = 0 ] || continue
		DEF_LINK=$l
		return 0
	done
	return 1
}

# require_udp_flood: skip the script unless the UDP helper (TEST_GEN_FILES)
# was built next to it ($DIR, where the test found this file).
require_udp_flood() {
	[ -x "$DIR/udp_flood" ] || ktap_skip_all "udp_flood not built (make -C $DIR udp_flood)"
}

# sim_attach: wait for the loaded simulated modem's WWAN device and default
# link, and set SIM_DBG, WWAN and DEF_LINK.
sim_attach() {
	local d

	wait_for sim_find_wwan || return 1
	wait_for sim_find_default_link || return 1
	SIM_DBG=
	for d in /sys/kernel/debug/bam_dmux_sim/*/; do
		[ -d "$d" ] && SIM_DBG=${d%/} && break
	done
	[ -n "$SIM_DBG" ]
}

# sim_start: load a fresh simulated modem (and with it the driver) and wait
# for the default link.
sim_start() {
	sim_stop || return 1
	modprobe bam_dmux_sim || return 1
	sim_attach
}

# sim_stop: unload the simulated modem and the core; true when both are gone.
sim_stop() {
	module_unload bam_dmux_sim && module_unload bam_dmux_core
}

# sim_ctl FILE VALUE: write a simulator control.
sim_ctl() {
	echo "$2" > "$SIM_DBG/$1"
}

# sim_kv FILE NAME: the value of a "name value" line of FILE, or
# "missing"; a bash loop, as a process per lookup is slow under TCG.
sim_kv() {
	local k v

	while read -r k v; do
		if [ "$k" = "$2" ]; then
			echo "$v"
			return 0
		fi
	done <"$1"
	echo missing
}

# sim_stat NAME: one counter of the simulator's stats file.
sim_stat() {
	sim_kv "$SIM_DBG/stats" "$1"
}

# split_lines ARRAY TEXT: the non-empty lines of TEXT into ARRAY. For a
# command's output, $(...) and this rather than a read loop on a pipe:
# bash's read makes a system call per byte there, which costs seconds in
# the test VM.
split_lines() {
	local -n _sl=$1
	local - IFS=$'\n'

	set -f
	# shellcheck disable=SC2206 # split on newlines, globbing off
	_sl=($2)
}

# eth_stats IFACE [NETNS]: every ethtool -S counter of IFACE into the
# associative array ETH_STATS (name -> value), with one process.
declare -gA ETH_STATS=()
eth_stats() {
	local out line k
	local -a cmd=(ethtool -S "$1") lines

	[ -n "${2:-}" ] && cmd=(ip netns exec "$2" "${cmd[@]}")
	ETH_STATS=()
	out=$("${cmd[@]}" 2>/dev/null) || return 1
	split_lines lines "$out"
	for line in "${lines[@]}"; do
		[[ "$line" == *": "* ]] || continue
		k=${line%%:*}
		ETH_STATS[${k//[[:space:]]/}]=${line##*: }
	done
	[ "${#ETH_STATS[@]}" -gt 0 ]
}

# eth_stat IFACE NAME [NETNS]: one ethtool -S counter, or "missing".
eth_stat() {
	eth_stats "$1" "${3:-}"
	echo "${ETH_STATS[$2]:-missing}"
}

# eth_sum PREFIX: the sum of the ETH_STATS counters named PREFIX*.
eth_sum() {
	local k s=0

	for k in "${!ETH_STATS[@]}"; do
		[[ "$k" == "$1"* ]] && s=$((s + ETH_STATS[$k]))
	done
	echo "$s"
}

# link_tx_drops IFACE: TX packets the driver dropped, all reasons (the
# netdev's tx_dropped also counts what the core dropped before the driver).
link_tx_drops() {
	eth_stats "$1"
	eth_sum tx_drop_
}

# dev_stat IFACE FIELD [NETNS]: a netdev counter (statistics/FIELD).
dev_stat() {
	local v

	if [ -n "${3:-}" ]; then
		ip netns exec "$3" cat "/sys/class/net/$1/statistics/$2"
	else
		readf v "/sys/class/net/$1/statistics/$2" && echo "$v"
	fi
}

# link_add NAME CHANNEL: a raw-IP link for CHANNEL.
link_add() {
	ip link add "$1" parentdev "$WWAN" type wwan linkid $(($2 << 8))
}

# chan_link CH: the host link used for channel CH by chan_setup.
chan_link() {
	if [ "$1" = 0 ]; then
		echo "$DEF_LINK"
	else
		echo "bd$1"
	fi
}

# chan_setup CH NETNS: a link for channel CH (the default link for 0;
# created unless it exists) with 10.99.CH.1/30, and the modem-side peer
# bdsimCH moved to NETNS with 10.99.CH.2/30; both up, IPv6 off so that
# only the tests' own packets cross the link and counters can be compared
# exactly.
chan_setup() {
	local ch=$1 ns=$2 l

	l=$(chan_link "$ch")
	if [ ! -e "/sys/class/net/$l" ]; then
		link_add "$l" "$ch" || return 1
	fi
	echo 1 >"/proc/sys/net/ipv6/conf/$l/disable_ipv6" || return 1
	# One ip per side: a process costs the better part of a second under
	# TCG. netns_new turned IPv6 off for what moves into NETNS.
	ip -batch - <<-EOF || return 1
		addr add 10.99.$ch.1/30 dev $l
		link set $l up
		link set bdsim$ch netns $ns
	EOF
	ip -n "$ns" -batch - <<-EOF || return 1
		addr add 10.99.$ch.2/30 dev bdsim$ch
		link set bdsim$ch up
	EOF
	wait_for carrier_on "$l"
}

carrier_on() {
	local c

	readf c "/sys/class/net/$1/carrier" && [ "$c" = 1 ]
}

carrier_off() {
	local c

	readf c "/sys/class/net/$1/carrier" && [ "$c" = 0 ]
}

# ping_ok CH [COUNT]: ping the peer of channel CH; all replies must come.
ping_ok() {
	ping -q -c "${2:-3}" -i 0.2 -W 5 "10.99.$1.2" >/dev/null
}

# sim_stat_ge NAME VALUE: true once the simulator counter reached VALUE.
sim_stat_ge() {
	local v

	v=$(sim_stat "$1")
	[ "$v" != missing ] && [ "$v" -ge "$2" ]
}

# qdisc_stats IFACE: QDISC_SENT, the packets the qdisc dequeued for the
# driver, and QDISC_REQUEUES, those of them it took back because the
# driver's queue had stopped by the time they got there. A carrier flap
# resets the qdisc and frees what it held without counting it anywhere, so
# a test that flaps the carrier accounts from here, the driver's boundary:
# everything sent reached the driver, except requeued packets the reset
# freed.
QDISC_SENT=0
QDISC_REQUEUES=0
qdisc_stats() {
	local - r line
	local -a f lines

	QDISC_SENT=0
	QDISC_REQUEUES=0
	# " Sent B bytes P pkt (dropped D, overlimits O requeues R) "
	split_lines lines "$(tc -s qdisc show dev "$1")"
	set -f
	for line in "${lines[@]}"; do
		# shellcheck disable=SC2206 # words of the line, globbing off
		f=($line)
		[ "${f[0]:-}" = Sent ] && [ "${f[9]:-}" = requeues ] || continue
		QDISC_SENT=$((QDISC_SENT + f[3]))
		r=${f[10]%")"}
		QDISC_REQUEUES=$((QDISC_REQUEUES + r))
	done
}

# sim_pm FILE: a runtime-PM attribute of the simulated modem's device
# (runtime_status, autosuspend_delay_ms).
sim_pm_file() {
	echo "/sys/class/wwan/$WWAN/device/power/$1"
}

# sim_host_open CH: the modem has seen the host's OPEN for channel CH.
sim_host_open() {
	local mask

	mask=$(sim_kv "$SIM_DBG/state" host_open)
	[ "$mask" != missing ] && (((mask >> $1) & 1))
}

# modem_idle: the AP withdrew its vote and the modem powered the A2 down.
modem_idle() {
	local st

	readf st "$(sim_pm_file runtime_status)" && [ "$st" = suspended ] &&
		[ "$(sim_kv "$SIM_DBG/state" pc_state)" = down ]
}
