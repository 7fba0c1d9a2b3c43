# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for tests that run the driver against the simulated modem.
# Sourced after lib.sh. After sim_start:
#   SIM_DBG   debugfs directory of the simulated modem
#   WWAN      its WWAN device (wwanN)
#   DEF_LINK  the default link (channel 0)
#   CHAN_LINK the links of the WWAN device by channel (dev_port), read
#             when the modem booted: the default link of each channel

SIM_DBG=
WWAN=
DEF_LINK=
declare -A CHAN_LINK=()

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

# sim_find_default_links COUNT: CHAN_LINK and DEF_LINK from the links of
# the WWAN device; true once there are COUNT.
sim_find_default_links() {
	local l port
	local -a links

	CHAN_LINK=()
	wwan_links links
	for l in "${links[@]}"; do
		readf port "/sys/class/net/$l/dev_port"
		CHAN_LINK[$port]=$l
	done
	DEF_LINK=${CHAN_LINK[0]:-}
	[ "${#links[@]}" = "$1" ]
}

# popcount VALUE: the number of bits set in VALUE.
popcount() {
	local v=$(($1)) n=0

	while [ "$v" != 0 ]; do
		n=$((n + (v & 1)))
		v=$((v >> 1))
	done
	echo "$n"
}

# require_udp_flood: skip the script unless the UDP helper (TEST_GEN_FILES)
# was built next to it ($DIR, where the test found this file).
require_udp_flood() {
	[ -x "$DIR/udp_flood" ] || ktap_skip_all "udp_flood not built (make -C $DIR udp_flood)"
}

# sim_attach: wait for the loaded simulated modem's WWAN device and the
# default link of every channel it announces at boot, and set SIM_DBG,
# WWAN, DEF_LINK and CHAN_LINK.
sim_attach() {
	local d mask

	readf mask /sys/kernel/debug/bam_dmux_sim/boot_announce || return 1
	wait_for sim_find_wwan || return 1
	wait_for sim_find_default_links "$(popcount "$mask")" || return 1
	[ -n "$DEF_LINK" ] || return 1
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
	local k v text

	sim_read text "$1"
	while read -r k v; do
		if [ "$k" = "$2" ]; then
			echo "$v"
			return 0
		fi
	done <<<"$text"
	echo missing
}

# sim_read VAR FILE: the whole of a debugfs FILE into VAR, read straight
# through. A read loop on the file itself seeks back after every line,
# and each seek makes the seq_file print the counters anew: a counter that
# changed meanwhile shifts the text under the reader, which then gets
# half a line.
sim_read() {
	local -n _sr=$1

	_sr=$(<"$2")
}

# sim_stat NAME: one counter of the simulator's stats file.
sim_stat() {
	sim_kv "$SIM_DBG/stats" "$1"
}

# sim_snap ARRAY: every counter of the simulator's stats file into the
# associative ARRAY (name -> value), by bash alone.
sim_snap() {
	local -n _ss=$1
	local k v text

	_ss=()
	sim_read text "$SIM_DBG/stats"
	while read -r k v; do
		_ss["$k"]=$v
	done <<<"$text"
	[ "${#_ss[@]}" -gt 0 ]
}

# sim_changed BEFORE AFTER PREFIX [NAME...]: "name +delta" for each
# counter of two sim_snap snapshots named PREFIX* that changed, but NAMEs;
# empty when none did.
sim_changed() {
	local -n _b=$1 _a=$2
	local pfx=$3 k out=
	local -A skip=()

	shift 3
	for k in "$@"; do
		skip[$k]=1
	done
	for k in "${!_a[@]}"; do
		[[ "$k" == "$pfx"* ]] && [ -z "${skip[$k]:-}" ] || continue
		[ "${_a[$k]}" != "${_b[$k]:-0}" ] && out+=" $k +$((_a["$k"] - ${_b["$k"]:-0}))"
	done
	echo "${out# }"
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

# eth_snap ARRAY IFACE [NETNS]: eth_stats of IFACE copied into the
# associative ARRAY, with the sums of every drop reason added: link_rx_drops
# and link_tx_drops (rx_drop_* and tx_drop_*: packets of this link, the only
# place they are counted), dmux_rx_drops and dmux_tx_drops (dmux_rx_drop_*
# and dmux_tx_drop_*: frames of the instance no link owns).
eth_snap() {
	eth_stats "$2" "${3:-}" || return 1
	eth_keep "$1"
}

# eth_keep ARRAY: eth_snap of the counters eth_stats read last.
eth_keep() {
	local -n _es=$1
	local k

	_es=()
	for k in "${!ETH_STATS[@]}"; do
		_es["$k"]=${ETH_STATS[$k]}
	done
	_es["link_rx_drops"]=$(eth_sum rx_drop_)
	_es["link_tx_drops"]=$(eth_sum tx_drop_)
	_es["dmux_rx_drops"]=$(eth_sum dmux_rx_drop_)
	_es["dmux_tx_drops"]=$(eth_sum dmux_tx_drop_)
}

# eth_delta BEFORE AFTER NAME: how much counter NAME grew between two
# eth_snap snapshots.
eth_delta() {
	local -n _b=$1 _a=$2

	echo $((${_a[$3]:-0} - ${_b[$3]:-0}))
}

# eth_drops_changed BEFORE AFTER [NAME...]: "name +delta" for each drop
# counter (rx_drop_*, tx_drop_*, dmux_rx_drop_*, dmux_tx_drop_*) that
# changed between two eth_snap snapshots, but NAMEs; empty when none did.
eth_drops_changed() {
	local -n _b=$1 _a=$2
	local k out=
	local -A skip=()

	shift 2
	for k in "$@"; do
		skip[$k]=1
	done
	for k in "${!_a[@]}"; do
		case "$k" in
		rx_drop_* | tx_drop_* | dmux_rx_drop_* | dmux_tx_drop_*) ;;
		*) continue ;;
		esac
		[ -z "${skip[$k]:-}" ] || continue
		[ "${_a[$k]}" != "${_b[$k]:-0}" ] && out+=" $k +$((_a["$k"] - ${_b["$k"]:-0}))"
	done
	echo "${out# }"
}

# peer_snap ARRAY PREFIX CH NETNS: the counters of the peer bdsimCH in
# NETNS (rx/tx_packets, rx/tx_dropped) and the UDP counters of NETNS
# (Udp.<name>, e.g. Udp.RcvbufErrors) into the associative ARRAY, each
# name with PREFIX in front. One process.
peer_snap() {
	local -n _ps=$1
	local pfx=$2 ch=$3 line path v
	local -a lines udp=()

	split_lines lines "$(ip netns exec "$4" grep -H . \
		"/sys/class/net/bdsim$ch/statistics/"{rx,tx}_{packets,dropped} \
		/proc/net/snmp)"
	for line in "${lines[@]}"; do
		path=${line%%:*}
		v=${line#*:}
		case "$path" in
		/proc/net/snmp) [[ "$v" == Udp:* ]] && udp+=("$v") ;;
		*) _ps["$pfx${path##*/}"]=$v ;;
		esac
	done
	udp_fields "$1" "${pfx}Udp." "${udp[@]}"
}

# udp_snap ARRAY PREFIX: the UDP counters of this namespace into ARRAY, as
# PREFIX<name>, by bash alone.
udp_snap() {
	local line
	local -a udp=()

	while IFS= read -r line; do
		[[ "$line" == Udp:* ]] && udp+=("$line")
	done </proc/net/snmp
	udp_fields "$1" "$2" "${udp[@]}"
}

# udp_fields ARRAY PREFIX NAMES VALUES: the counters of the two "Udp:"
# lines of /proc/net/snmp (names, then values) into ARRAY as PREFIX<name>.
udp_fields() {
	local -n _u=$1
	local -a names vals
	local i

	read -r -a names <<<"${3:-}"
	read -r -a vals <<<"${4:-}"
	for i in "${!names[@]}"; do
		[ "$i" -gt 0 ] && _u["$2${names[$i]}"]=${vals[$i]:-missing}
	done
	return 0
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

# expect_link_reject DESC MSG NAME ARGS...: `ip link add NAME ARGS` fails
# with MSG in its extack (stderr to $ERR), and the WWAN device has as many
# links as before; a link that was created anyway is deleted again.
expect_link_reject() {
	local desc=$1 msg=$2 name=$3 before after
	local -a links

	shift 3
	wwan_links links
	before=${#links[@]}
	if ip link add "$name" "$@" 2>"$ERR"; then
		ip link del "$name"
		ktap_fail "$desc: accepted"
		return
	fi
	wwan_links links
	after=${#links[@]}
	if [[ "$(<"$ERR")" != *"$msg"* ]]; then
		ktap_info "stderr: $(<"$ERR")"
		ktap_fail "$desc: no extack message '$msg'"
	elif [ "$before" != "$after" ]; then
		ktap_fail "$desc: links changed ($before -> $after)"
	else
		ktap_ok "$desc"
	fi
}

# link_add NAME CHANNEL: a raw-IP link for CHANNEL.
link_add() {
	ip link add "$1" parentdev "$WWAN" type wwan linkid $(($2 << 8))
}

# chan_link CH: the host link used for channel CH by chan_setup: its
# default link, or bdCH where it had none.
chan_link() {
	echo "${CHAN_LINK[$1]:-bd$1}"
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

# ping_run [-s SIZE] COUNT DST [NETNS]: ping DST (from NETNS) until COUNT replies
# came, within a generous deadline; true when they all did. With both -c and
# -w, ping sends until it has COUNT replies, so a lost request is made up
# for by another one (and a reply slower than the interval brings one
# more): PING_SENT and PING_RECV, from its summary, say how many went and
# came, for tests that account for every packet on the link.
# -s SIZE: packets of SIZE bytes of payload, not fragmented (-M do).
PING_SENT=0
PING_RECV=0
ping_run() {
	local n out rc=0
	local -a opts=() cmd

	if [ "$1" = -s ]; then
		opts=(-s "$2" -M "do")
		shift 2
	fi
	n=$1
	cmd=(ping -q "${opts[@]}" -c "$n" -i 0.2 -w $((n + 30)) "$2")
	[ -n "${3:-}" ] && cmd=(ip netns exec "$3" "${cmd[@]}")
	out=$("${cmd[@]}" 2>&1) || rc=$?
	ping_summary "$out"
	[ "$rc" = 0 ] && [ "$PING_RECV" = "$n" ] && return 0
	ktap_info "ping $2${3:+ from $3}: $PING_SENT sent, $PING_RECV replies, $n wanted (exit $rc)"
	return 1
}

# ping_none COUNT DST: exactly COUNT requests to DST (no -w: no more are
# sent), none of which may be answered. For channels that must not pass
# traffic; the caller checks the counter that explains where they went.
ping_none() {
	local out

	out=$(ping -q -c "$1" -i 0.2 -W 1 "$2" 2>&1)
	ping_summary "$out"
	[ "$PING_SENT" = "$1" ] && [ "$PING_RECV" = 0 ] && return 0
	ktap_info "ping $2: $PING_SENT sent, $PING_RECV replies; wanted $1 sent, none answered"
	return 1
}

# ping_summary OUTPUT: PING_SENT and PING_RECV from ping's summary line
# "N packets transmitted, M received, ..." (0 if there is none).
ping_summary() {
	PING_SENT=0
	PING_RECV=0
	if [[ "$1" =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]]; then
		PING_SENT=${BASH_REMATCH[1]}
		PING_RECV=${BASH_REMATCH[2]}
	fi
}

# ping_ok CH [COUNT]: ping the peer of channel CH until COUNT (3) replies
# came. Safe while other traffic uses the channel; ping_link is the exact
# check for a quiet one.
ping_ok() {
	ping_run "${2:-3}" "10.99.$1.2"
}

# stat_ge IFACE FIELD VALUE: the netdev counter FIELD reached VALUE.
stat_ge() {
	local v

	readf v "/sys/class/net/$1/statistics/$2" && [ "$v" -ge "$3" ]
}

# ping_link CH [COUNT]: ping_ok on a channel nothing else uses, and check
# that the requests and replies crossed exactly this channel's link and
# nothing dropped any: the link sent PING_SENT packets and received as
# many (the replies to requests sent after the COUNTth arrive after ping
# exits: waited for), the modem took and wrote as many on this channel
# (ul/dl_packets_ch<CH>), and no drop counter of the link moved. A reply
# delivered to another link, or a request sent on another channel, fails
# here even though the host would have taken it.
ping_link() {
	local ch=$1 n=${2:-3} l f v ul0 dl0 ul dl ok=1
	local -A c0=() c1=()

	l=$(chan_link "$ch")
	for f in tx_packets rx_packets tx_dropped rx_dropped rx_errors; do
		readf "c0[$f]" "/sys/class/net/$l/statistics/$f"
	done
	ul0=$(sim_stat "ul_packets_ch$ch")
	dl0=$(sim_stat "dl_packets_ch$ch")
	ping_run "$n" "10.99.$ch.2" || ok=0
	wait_for stat_ge "$l" rx_packets $((c0[rx_packets] + PING_SENT)) || ok=0
	for f in tx_packets rx_packets tx_dropped rx_dropped rx_errors; do
		readf v "/sys/class/net/$l/statistics/$f"
		c1[$f]=$((v - c0[$f]))
	done
	ul=$(($(sim_stat "ul_packets_ch$ch") - ul0))
	dl=$(($(sim_stat "dl_packets_ch$ch") - dl0))
	[ "${c1[tx_packets]}" = "$PING_SENT" ] && [ "${c1[rx_packets]}" = "$PING_SENT" ] &&
		[ "$ul" = "$PING_SENT" ] && [ "$dl" = "$PING_SENT" ] &&
		[ $((c1[tx_dropped] + c1[rx_dropped] + c1[rx_errors])) = 0 ] || ok=0
	[ "$ok" = 1 ] && return 0
	ktap_info "ch$ch ping: $PING_SENT sent, $PING_RECV replies; $l tx +${c1[tx_packets]}" \
		"rx +${c1[rx_packets]} tx_dropped +${c1[tx_dropped]} rx_dropped" \
		"+${c1[rx_dropped]} rx_errors +${c1[rx_errors]}; modem ch$ch ul +$ul dl +$dl"
	return 1
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
