#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A modem that does not play nice, each part on a freshly loaded modem with
# channels 0 and 1 and one peer netns per channel:
#
#   (a) it crashes (echo crash > restart) under UDP floods both ways on
#       both channels: no CLOSE, transfers abandoned, every channel
#       forgotten, OPEN again after the reboot;
#   (b) it power collapses on its own every 300 ms (collapse_ms), votes or
#       not, under the same floods;
#   (c) its RX transfers do not report their length (rx_len_known 0), and
#       it sends DATA frames with len 0xffff or a len past the buffer;
#   (d) it opens a channel with OPEN_NO_A2_PC and from then on keeps the
#       A2 powered and ignores the vote line.
#
# Every datagram is accounted per link, hop by hop:
#   UL  socket sent = link tx + link tx drops (by reason)
#       link tx = modem ul_packets_ch<n> + what the modem dropped
#       ul_packets_ch<n> = peer rx + peer rx drops
#   DL  socket sent + ICMP the peer netns sent = peer tx + peer tx drops
#       peer tx = link rx + link rx drops (by reason), no instance drops
# The modem's own drops (ul_ch_closed, ...) are counted per modem, not per
# channel: per link the difference link tx - ul_packets_ch<n> must be >= 0
# and the differences must add up to the modem's drops exactly.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

CHANNELS="0 1"
COUNT=800
SIZE=1000
PORT=5000
# Length faults injected per kind in (c).
NFAULT=3

ktap_header
require_root
require_cmd ping ethtool
require_udp_flood
require_module bam_dmux_sim
ktap_plan 17

TMP=$(mktemp -d)
cleanup() {
	netns_cleanup
	sim_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

# fresh_modem: reload the modem and set up channels 0 and 1, each with
# its peer in netns peer<ch>.
fresh_modem() {
	local ch

	netns_cleanup
	sim_start || return 1
	for ch in $CHANNELS; do
		netns_new "peer$ch" || return 1
		chan_setup "$ch" "peer$ch" || return 1
	done
}

# fail_cases N WHY: the remaining N cases of a part whose setup failed.
fail_cases() {
	local i

	for ((i = 0; i < $1; i++)); do
		ktap_fail "$2"
	done
}

# snmp_value NAMES VALUES FIELD: FIELD from a pair of /proc/net/snmp lines.
snmp_value() {
	local -a names vals
	local i

	read -r -a names <<<"$1"
	read -r -a vals <<<"$2"
	for i in "${!names[@]}"; do
		[ "${names[$i]}" = "$3" ] && echo "${vals[$i]}" && return 0
	done
	echo 0
}

# Modem drops of UL frames before they reach a peer; the peer's own drops
# (ul_peer_down, ul_nomem, ul_backlog) are in its rx_dropped, and frames
# failed with a DMA error are no link tx.
ul_pre_peer_drop() {
	case "$1" in
	drop_ul_peer_down | drop_ul_nomem | drop_ul_backlog | drop_ul_dma_error)
		return 1
		;;
	drop_ul_*)
		return 0
		;;
	esac
	return 1
}

# snap ARRAY: every counter the accounting needs, into ARRAY:
#   L<ch>.tx/.rx/.txdrop/.rxdrop  host link (ethtool -S, drops summed)
#   dmux.rxdrop, dmux.<name>      instance counters
#   P<ch>.<statistic>, P<ch>.icmp peer device, ICMP sent in its netns
#   host.icmp                     ICMP sent in the host netns
#   S.<name>, S.ul_pre_drop       the modem's stats
snap() {
	local -n m=$1
	local ch l k v path line icmp_names pre=0
	local -a lines
	local -a host_icmp=()

	m=()
	for ch in $CHANNELS; do
		l=$(chan_link "$ch")
		eth_stats "$l" || return 1
		m[L$ch.tx]=${ETH_STATS[tx_packets]:-0}
		m[L$ch.rx]=${ETH_STATS[rx_packets]:-0}
		m[L$ch.txdrop]=$(eth_sum tx_drop_)
		m[L$ch.rxdrop]=$(eth_sum rx_drop_)
	done
	m["dmux.rxdrop"]=$(eth_sum dmux_rx_drop_)
	for k in "${!ETH_STATS[@]}"; do
		[[ "$k" == dmux_* ]] && m["dmux.$k"]=${ETH_STATS[$k]}
	done
	for ch in $CHANNELS; do
		icmp_names=
		split_lines lines "$(in_netns "peer$ch" grep -H . \
			"/sys/class/net/bdsim$ch/statistics/tx_packets" \
			"/sys/class/net/bdsim$ch/statistics/tx_dropped" \
			"/sys/class/net/bdsim$ch/statistics/rx_packets" \
			"/sys/class/net/bdsim$ch/statistics/rx_dropped" \
			/proc/net/snmp)"
		for line in "${lines[@]}"; do
			path=${line%%:*}
			v=${line#*:}
			case "$path" in
			/proc/net/snmp)
				[[ "$v" == Icmp:* ]] || continue
				if [ -z "$icmp_names" ]; then
					icmp_names=$v
				else
					m[P$ch.icmp]=$(snmp_value "$icmp_names" "$v" OutMsgs)
				fi
				;;
			*)
				m[P$ch.${path##*/}]=$v
				;;
			esac
		done
	done
	while IFS= read -r line; do
		[[ "$line" == Icmp:* ]] && host_icmp+=("$line")
	done </proc/net/snmp
	m["host.icmp"]=$(snmp_value "${host_icmp[0]:-}" "${host_icmp[1]:-}" OutMsgs)
	while read -r k v; do
		m[S.$k]=$v
		if ul_pre_peer_drop "$k"; then
			pre=$((pre + v))
		fi
	done <<<"$(<"$SIM_DBG/stats")"
	m["S.ul_pre_drop"]=$pre
}

declare -A BEFORE=() AFTER=()
d() {
	echo $((${AFTER[$1]:-0} - ${BEFORE[$1]:-0}))
}

# "sent N failed M" of a sender's file; -1, which accounts for nothing,
# if there is none.
sent_n() {
	local n=-1

	read -r _ n _ <"$TMP/sent.$1" 2>/dev/null
	echo "$n"
}

# run_flood ACTION: UDP floods of COUNT datagrams both ways on every
# channel; ACTION (a function, or :) runs once the floods are under way.
# Returns once the senders and receivers are done (a receiver stops 3 s
# after its last datagram).
SENDERS=()
run_flood() {
	local ch

	rm -f "$TMP"/ready.* "$TMP"/recv.* "$TMP"/sent.*
	for ch in $CHANNELS; do
		in_netns "peer$ch" "$DIR/udp_flood" recv $((PORT + ch)) \
			"$TMP/ready.ul$ch" "$TMP/recv.ul$ch" &
		"$DIR/udp_flood" recv $((PORT + 100 + ch)) \
			"$TMP/ready.dl$ch" "$TMP/recv.dl$ch" &
	done
	for ch in $CHANNELS; do
		wait_for test -e "$TMP/ready.ul$ch" || return 1
		wait_for test -e "$TMP/ready.dl$ch" || return 1
	done
	flows_mark
	SENDERS=()
	# The peers' senders take longer to start (ip netns exec): they go
	# first, so that both directions run at once.
	for ch in $CHANNELS; do
		in_netns "peer$ch" "$DIR/udp_flood" send "10.99.$ch.1" \
			$((PORT + 100 + ch)) "$COUNT" "$SIZE" >"$TMP/sent.dl$ch" &
		SENDERS+=($!)
	done
	wait_for -t 300 dl_moved 20
	for ch in $CHANNELS; do
		"$DIR/udp_flood" send "10.99.$ch.2" $((PORT + ch)) \
			"$COUNT" "$SIZE" >"$TMP/sent.ul$ch" &
		SENDERS+=($!)
	done
	"$1"
	wait "${SENDERS[@]}"
	wait
}

# check_ul: the UL accounting of the last flood (BEFORE/AFTER), per link.
check_ul() {
	local ch s tx drop ul prx x xsum=0 ok=0

	for ch in $CHANNELS; do
		s=$(sent_n "ul$ch")
		tx=$(d "L$ch.tx")
		drop=$(d "L$ch.txdrop")
		ul=$(d "S.ul_packets_ch$ch")
		prx=$(($(d "P$ch.rx_packets") + $(d "P$ch.rx_dropped")))
		x=$((tx - ul))
		xsum=$((xsum + x))
		ktap_info "ch$ch UL: socket sent $s = link tx $tx + link drops $drop;" \
			"link tx = modem ul_packets $ul + modem drops $x;" \
			"ul_packets = peer rx+drop $prx"
		[ "$s" = $((tx + drop)) ] || ok=1
		[ "$ul" = "$prx" ] || ok=1
		[ "$x" -ge 0 ] || ok=1
	done
	ktap_info "UL: modem drops before the peers $(d S.ul_pre_drop)," \
		"by channel $xsum; ICMP the host sent $(d host.icmp)"
	[ "$xsum" = "$(d S.ul_pre_drop)" ] || ok=1
	# A receiver that ended early would have made the host send ICMP
	# errors, which no socket counts: the test is then void.
	[ "$(d host.icmp)" = 0 ] || ok=1
	return $ok
}

# check_dl: the DL accounting of the last flood, per link.
check_dl() {
	local ch s icmp ptx pdrop rx rxdrop ok=0

	for ch in $CHANNELS; do
		s=$(sent_n "dl$ch")
		icmp=$(d "P$ch.icmp")
		ptx=$(d "P$ch.tx_packets")
		pdrop=$(d "P$ch.tx_dropped")
		rx=$(d "L$ch.rx")
		rxdrop=$(d "L$ch.rxdrop")
		ktap_info "ch$ch DL: socket sent $s + ICMP $icmp =" \
			"peer tx $ptx + peer drops $pdrop;" \
			"peer tx = link rx $rx + link drops $rxdrop"
		[ "$((s + icmp))" = $((ptx + pdrop)) ] || ok=1
		[ "$ptx" = $((rx + rxdrop)) ] || ok=1
	done
	ktap_info "DL: instance drops (no link's) $(d dmux.rxdrop)"
	[ "$(d dmux.rxdrop)" = 0 ] || ok=1
	return $ok
}

# drops_info: the drop counters that moved since BEFORE.
drops_info() {
	local k info=

	for k in "${!AFTER[@]}"; do
		[[ "$k" == *drop* || "$k" == *abandoned* ]] || continue
		[ "$(d "$k")" != 0 ] && info+=" $k +$(d "$k")"
	done
	ktap_info "moved:${info:- nothing}"
}

# settle_snap: snapshot AFTER once both accountings hold, a few tries
# (frames may still be on their way); the last snapshot either way.
settle_snap() {
	local i

	for ((i = 0; i < 10; i++)); do
		snap AFTER || return 1
		check_ul >/dev/null && check_dl >/dev/null && return 0
		nap 1
	done
	return 0
}

both_ping() {
	local ch

	for ch in $CHANNELS; do
		ping -q -c 5 -i 0.2 -w 30 "10.99.$ch.2" >/dev/null || return 1
	done
}

no_pm_ref() {
	local usage status

	wait_for -t 300 modem_idle || return 1
	readf usage "$SIM_DBG/pm_usage"
	readf status "$(sim_pm_file runtime_status)"
	ktap_info "pm_usage $usage, runtime $status," \
		"pc_state $(sim_kv "$SIM_DBG/state" pc_state)"
	[ "$usage" = 0 ]
}

restart_done() {
	[ "$(sim_kv "$SIM_DBG/state" restart)" = none ]
}

both_host_open() {
	sim_host_open 0 && sim_host_open 1
}

# ---- (a) crash under traffic ----------------------------------------------

CRASH_ERR=0
DURING=0
declare -A FLOW0=()

# flows_moved N: the modem carried N more DATA frames each way on every
# channel than FLOW0 recorded (its stats are read without a process).
flows_moved() {
	local k v

	while read -r k v; do
		[ -n "${FLOW0[$k]:-}" ] || continue
		[ "$v" -ge $((FLOW0[$k] + $1)) ] || return 1
	done <<<"$(<"$SIM_DBG/stats")"
}

# flows_mark: the modem's per-channel DATA counters into FLOW0.
flows_mark() {
	local k v ch

	FLOW0=()
	while read -r k v; do
		for ch in $CHANNELS; do
			[ "$k" = "ul_packets_ch$ch" ] || [ "$k" = "dl_packets_ch$ch" ] &&
				FLOW0[$k]=$v
		done
	done <<<"$(<"$SIM_DBG/stats")"
}

# dl_moved N: N more DL DATA frames on every channel than FLOW0 says.
dl_moved() {
	local k v

	while read -r k v; do
		[[ "$k" == dl_packets_ch* ]] && [ -n "${FLOW0[$k]:-}" ] || continue
		[ "$v" -ge $((FLOW0[$k] + $1)) ] || return 1
	done <<<"$(<"$SIM_DBG/stats")"
}

# The crash hits once both floods are under way on both channels.
crash_mid_flood() {
	local pid

	DURING=0
	wait_for -t 600 flows_moved 100 || CRASH_ERR=1
	sim_ctl restart crash || CRASH_ERR=1
	for pid in "${SENDERS[@]}"; do
		kill -0 "$pid" 2>/dev/null && DURING=1
	done
	return 0
}

if fresh_modem && snap BEFORE; then
	run_flood crash_mid_flood
	ok=1
	[ "$CRASH_ERR" = 0 ] || ok=0
	[ "$DURING" = 1 ] || ok=0
	wait_for -t 300 restart_done || ok=0
	both_host_open_ok=1
	wait_for -t 300 both_host_open || both_host_open_ok=0
	settle_snap
	ktap_info "crashes +$(d S.crashes), restarts +$(d S.restarts)," \
		"modem CLOSEs +$(d S.modem_closes), modem OPENs +$(d S.modem_opens)," \
		"host OPENs +$(d S.host_opens), driver dup OPENs +$(d dmux.dmux_rx_dup_open)," \
		"RX abandoned +$(d S.rx_abandoned), TX abandoned +$(d S.tx_abandoned)"
	ktap_info "state: $(tr '\n' ' ' <"$SIM_DBG/state")"
	[ "$(d S.crashes)" = 1 ] && [ "$(d S.restarts)" = 0 ] &&
		[ "$(d S.modem_closes)" = 0 ] || ok=0
	ktap_result "crash: the modem crashed amid floods both ways, no CLOSE sent" \
		test $ok = 1
	ktap_info "host_open $(sim_kv "$SIM_DBG/state" host_open)"
	ktap_result "crash: the driver sent OPEN again for channels 0 and 1" \
		test $both_host_open_ok = 1
	drops_info
	ktap_result "crash: UL, every datagram accounted per link" check_ul
	ktap_result "crash: DL, every datagram accounted per link" check_dl
	ktap_result "crash: ping on both channels once the modem is back" both_ping
	ktap_result "crash: no runtime-PM reference left, modem idle" no_pm_ref
else
	fail_cases 6 "crash: modem and channels set up"
fi

# ---- (b) forced power collapse under traffic ------------------------------

# Down and not waiting for the host: no forced collapse pending.
collapse_settled() {
	local st pc

	readf st "$(sim_pm_file runtime_status)"
	pc=$(sim_kv "$SIM_DBG/state" pc_state)
	[ "$st" = suspended ] && [ "$pc" != down_wait_ack ] &&
		[ "$pc" != up_wait_ack ]
}

if fresh_modem && sim_ctl idle_ms 0 && wait_for -t 300 collapse_settled &&
	snap BEFORE; then
	# idle_ms 0: every power-down of this part is a forced one.
	sim_ctl collapse_ms 300
	run_flood :
	sim_ctl collapse_ms 0
	settle_snap
	drops_info
	ktap_result "collapse_ms: UL, every datagram accounted per link" check_ul
	ktap_result "collapse_ms: DL, every datagram accounted per link" check_dl
	ok=1
	wait_for -t 300 collapse_settled || ok=0
	snap AFTER || ok=0
	nforced=$(d S.forced_collapses)
	ktap_info "forced collapses $nforced, modem power-downs $(d S.power_downs)," \
		"driver pc-downs $(d dmux.dmux_pc_down)," \
		"deferred $(d dmux.dmux_pc_down_deferred)," \
		"pc_state $(sim_kv "$SIM_DBG/state" pc_state)"
	# No collapse pending any more: each one was acked by a driver pc-down.
	[ "$nforced" -gt 0 ] && [ "$nforced" = "$(d S.power_downs)" ] &&
		[ "$nforced" = "$(d dmux.dmux_pc_down)" ] || ok=0
	ktap_result "collapse_ms: forced collapses > 0, each one a driver pc-down" \
		test $ok = 1
	sim_ctl idle_ms 200
	ktap_result "collapse_ms: no runtime-PM reference left, modem idle" no_pm_ref
else
	fail_cases 4 "collapse_ms: modem and channels set up"
fi

# ---- (c) length unknown ----------------------------------------------------

# rx_frames_ge IFACE N: the driver has handled N RX frames in all.
rx_frames_ge() {
	eth_stats "$1" && [ "${ETH_STATS[dmux_rx_frames]:-0}" -ge "$2" ]
}

# inject_len KIND CH: inject NFAULT frames of KIND on channel CH and check
# that the driver dropped and counted each one, delivering none.
inject_len() {
	local kind=$1 ch=$2 i n l drops

	l=$(chan_link "$ch")
	snap BEFORE || return 1
	eth_stats "$l"
	n=${ETH_STATS[dmux_rx_frames]:-0}
	for ((i = 0; i < NFAULT; i++)); do
		sim_ctl inject "$kind $ch" || return 1
	done
	wait_for -t 100 rx_frames_ge "$l" $((n + NFAULT)) || return 1
	snap AFTER || return 1
	drops_info
	drops=$(($(d "L$ch.rxdrop") + $(d dmux.rxdrop)))
	ktap_info "$kind on ch$ch: injected $NFAULT, driver drops $drops" \
		"(link $(d "L$ch.rxdrop"), instance $(d dmux.rxdrop))," \
		"link rx +$(d "L$ch.rx"), fault frames +$(d S.fault_frames)"
	[ "$drops" = "$NFAULT" ] && [ "$(d "L$ch.rx")" = 0 ] &&
		[ "$(d S.fault_frames)" = "$NFAULT" ]
}

# Traffic went both ways on every channel in the last flood.
flowed() {
	local ch

	for ch in $CHANNELS; do
		[ "$(d "L$ch.rx")" -gt 0 ] && [ "$(d "P$ch.rx_packets")" -gt 0 ] ||
			return 1
	done
}

check_dl_flowed() {
	check_dl && flowed
}

if fresh_modem && sim_ctl rx_len_known 0 &&
	[ "$(sim_kv "$SIM_DBG/state" rx_len_known)" = 0 ] && snap BEFORE; then
	run_flood :
	settle_snap
	drops_info
	ktap_result "length unknown: UL, every datagram accounted per link" check_ul
	ktap_result "length unknown: DL, traffic flowed and every datagram accounted" \
		check_dl_flowed
	ktap_result "length unknown: len 0xffff frames dropped and counted, none delivered" \
		inject_len len_ffff 0
	ktap_result "length unknown: len past the buffer dropped and counted, none delivered" \
		inject_len len_past_buf 1
else
	fail_cases 4 "length unknown: modem and channels set up"
fi

# ---- (d) OPEN_NO_A2_PC ----------------------------------------------------

rt_suspended() {
	local st

	readf st "$(sim_pm_file runtime_status)" && [ "$st" = suspended ]
}

no_pc_on() {
	[ "$(sim_kv "$SIM_DBG/state" no_pc)" = 1 ]
}

if fresh_modem && sim_ctl inject "close 1" && wait_for carrier_off "$(chan_link 1)" &&
	echo 50 >"$(sim_pm_file autosuspend_delay_ms)"; then
	ok=1
	# Announce with the driver idle, no vote of its own in flight: any
	# vote the modem sees from here on was sent after OPEN_NO_A2_PC.
	wait_for -t 300 rt_suspended || ok=0
	sim_ctl inject "open_no_pc 1" || ok=0
	wait_for -t 300 no_pc_on || ok=0
	wait_for -t 300 carrier_on "$(chan_link 1)" || ok=0
	wait_for -t 300 sim_host_open 1 || ok=0
	# Eager collapse, both ways: the modem must not use either.
	sim_ctl idle_ms 20
	sim_ctl collapse_ms 300
	downs=$(sim_stat power_downs)
	votes=$(sim_stat votes_after_no_pc)
	# Several autosuspend periods (50 ms) between the bursts.
	for ((i = 0; i < 5; i++)); do
		ping -q -c 3 -i 0.2 -w 30 10.99.1.2 >/dev/null || ok=0
		ping -q -c 3 -i 0.2 -w 30 10.99.0.2 >/dev/null || ok=0
		nap 0.5
	done
	ktap_info "power-downs +$(($(sim_stat power_downs) - downs))," \
		"forced collapses $(sim_stat forced_collapses)," \
		"votes after OPEN_NO_A2_PC +$(($(sim_stat votes_after_no_pc) - votes))," \
		"driver OPEN_NO_A2_PC $(eth_stat "$(chan_link 1)" dmux_rx_open_no_a2_pc)," \
		"ack timeouts $(eth_stat "$(chan_link 1)" dmux_pc_ack_timeout)"
	ktap_result "OPEN_NO_A2_PC: channel 1 reopened by it, traffic on both channels" \
		test $ok = 1
	ktap_result "OPEN_NO_A2_PC: the A2 never collapsed (idle_ms 20, collapse_ms 300)" \
		test "$(sim_stat power_downs)" = "$downs" -a \
		"$(sim_stat forced_collapses)" = 0 -a \
		"$(sim_kv "$SIM_DBG/state" pc_state)" = up
	ktap_result "OPEN_NO_A2_PC: the driver no longer votes" \
		test "$(sim_stat votes_after_no_pc)" = "$votes" -a "$votes" = 0
	sim_ctl collapse_ms 0
else
	fail_cases 3 "OPEN_NO_A2_PC: modem and channels set up"
fi

ktap_finish
