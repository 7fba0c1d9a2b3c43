#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# End-to-end traffic through bam-dmux and the simulated modem: ping, then
# UDP floods in both directions on three channels at once, with counters on
# every hop proving that each packet sent was received or counted as a
# drop with a reason:
#
#   host socket -> link (bd*) -> DMUX frames -> sim -> peer (bdsim*) -> socket
#
# and back. Loss is allowed (the floods outrun the stack); unaccounted
# loss is not.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

CHANNELS="0 1 2"
COUNT=1000
SIZE=1200
PORT=5000

ktap_header
require_root
require_cmd ping
require_udp_flood
require_module bam_dmux_sim
ktap_plan 9

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
for ch in $CHANNELS; do
	chan_setup "$ch" peer || ok=0
done
ktap_result "channels $CHANNELS set up with peers in a netns" test $ok = 1

ok=1
for ch in $CHANNELS; do
	ping_ok "$ch" 5 || { ktap_info "ping on channel $ch failed"; ok=0; }
done
ktap_result "ping on every channel" test $ok = 1

# The largest packet a 2 KiB frame carries: 2040 bytes of IP.
ok=1
host_cmds=
peer_cmds=
for ch in $CHANNELS; do
	host_cmds+="link set $(chan_link "$ch") mtu 2040"$'\n'
	peer_cmds+="link set bdsim$ch mtu 2040"$'\n'
done
ip -batch - <<<"$host_cmds" || ok=0
ip -n peer -batch - <<<"$peer_cmds" || ok=0
for ch in $CHANNELS; do
	ping -q -c 3 -s 2012 -M "do" -W 5 "10.99.$ch.2" >/dev/null || ok=0
done
ktap_result "ping with 2040-byte packets (largest raw-IP frame)" test $ok = 1

# Snapshot of every counter involved, per channel, into the associative
# array SNAP_<tag>: L<ch>.<field> for the host links, P<ch>.<field> for
# the peers, and the UDP receive buffer overflows of both ends. Few
# processes: each costs the better part of a second under TCG.
FIELDS="tx_packets tx_dropped rx_packets rx_dropped rx_errors"
declare -A SNAP_before=() SNAP_after=()
snap() {
	local -n m=SNAP_$1
	local ch l f v path line
	local -a peer_files=() host_udp=() peer_udp=() lines

	for ch in $CHANNELS; do
		l=$(chan_link "$ch")
		for f in $FIELDS; do
			readf v "/sys/class/net/$l/statistics/$f"
			m[L$ch.$f]=$v
			peer_files+=("/sys/class/net/bdsim$ch/statistics/$f")
		done
	done
	# The peers live in the netns: one grep there reads them all, and
	# the netns' UDP counters with them.
	split_lines lines "$(in_netns peer grep -H . "${peer_files[@]}" /proc/net/snmp)"
	for line in "${lines[@]}"; do
		path=${line%%:*}
		v=${line#*:}
		case "$path" in
		/proc/net/snmp)
			[[ "$v" == Udp:* ]] && peer_udp+=("$v")
			;;
		*)
			ch=${path#/sys/class/net/bdsim}
			m[P${ch%%/*}.${path##*/}]=$v
			;;
		esac
	done
	while IFS= read -r line; do
		[[ "$line" == Udp:* ]] && host_udp+=("$line")
	done </proc/net/snmp
	m["host_rcvbuf"]=$(rcvbuf_errors "${host_udp[@]}")
	m["peer_rcvbuf"]=$(rcvbuf_errors "${peer_udp[@]}")
	eth_stats "$DEF_LINK"
	m["dmux_rx_drops"]=$(eth_sum dmux_rx_drop_)
}

# rcvbuf_errors NAMES VALUES: RcvbufErrors from the two "Udp:" lines of
# /proc/net/snmp (counter names, then their values).
rcvbuf_errors() {
	local -a names vals
	local i

	read -r -a names <<<"${1:-}"
	read -r -a vals <<<"${2:-}"
	for i in "${!names[@]}"; do
		[ "${names[$i]}" = RcvbufErrors ] && echo "${vals[$i]}" && return 0
	done
	echo missing
}

delta() {
	echo $((SNAP_after[$1] - SNAP_before[$1]))
}

snap before

# Receivers first, on both sides, one port per channel and direction. The
# peer's three start from one shell in the netns: an ip netns exec each
# would cost seconds.
peer_cmds=
for ch in $CHANNELS; do
	peer_cmds+="'$DIR/udp_flood' recv $((PORT + ch)) '$TMP/ready.ul$ch' '$TMP/recv.ul$ch' & "
	"$DIR/udp_flood" recv $((PORT + 100 + ch)) \
		"$TMP/ready.dl$ch" "$TMP/recv.dl$ch" &
done
in_netns peer bash -c "$peer_cmds wait" &
for ch in $CHANNELS; do
	wait_for test -e "$TMP/ready.ul$ch"
	wait_for test -e "$TMP/ready.dl$ch"
done

senders=()
peer_cmds=
for ch in $CHANNELS; do
	"$DIR/udp_flood" send "10.99.$ch.2" $((PORT + ch)) \
		"$COUNT" "$SIZE" > "$TMP/sent.ul$ch" &
	senders+=($!)
	peer_cmds+="'$DIR/udp_flood' send 10.99.$ch.1 $((PORT + 100 + ch)) $COUNT $SIZE > '$TMP/sent.dl$ch' & "
done
in_netns peer bash -c "$peer_cmds wait" &
senders+=($!)
wait "${senders[@]}"
wait
snap after

# "sent N failed M" and "received N" from the helpers' files.
sent() {
	local n=missing

	read -r _ n _ <"$TMP/sent.$1"
	echo "$n"
}

recvd() {
	local n=0

	read -r _ n <"$TMP/recv.$1" 2>/dev/null
	echo "$n"
}

# 1. Every datagram a socket sent is on the link: sent or dropped.
ok=1
for ch in $CHANNELS; do
	s=$(sent "ul$ch")
	l=$(($(delta "L$ch.tx_packets") + $(delta "L$ch.tx_dropped")))
	ktap_info "ch$ch UL: socket sent $s, link tx+drop $l"
	[ "$s" = "$l" ] || ok=0
	s=$(sent "dl$ch")
	p=$(($(delta "P$ch.tx_packets") + $(delta "P$ch.tx_dropped")))
	ktap_info "ch$ch DL: socket sent $s, peer tx+drop $p"
	[ "$s" = "$p" ] || ok=0
done
ktap_result "sockets to links: every datagram accounted" test $ok = 1

# 2. UL: what the link sent arrived at the peer or was dropped there.
ok=1
for ch in $CHANNELS; do
	l=$(delta "L$ch.tx_packets")
	p=$(($(delta "P$ch.rx_packets") + $(delta "P$ch.rx_dropped")))
	ktap_info "ch$ch UL: link tx $l, peer rx+drop $p"
	[ "$l" = "$p" ] || ok=0
done
ktap_result "UL: link to modem peer, every frame accounted" test $ok = 1

# 3. DL: what the peers sent reached the links or was counted as dropped
# by the driver (malformed frames would land in dmux_rx_drop_*).
pt=0
lt=0
for ch in $CHANNELS; do
	pt=$((pt + $(delta "P$ch.tx_packets")))
	lt=$((lt + $(delta "L$ch.rx_packets") + $(delta "L$ch.rx_dropped") + \
		$(delta "L$ch.rx_errors")))
done
dd=$(delta dmux_rx_drops)
ktap_info "DL: peers tx $pt, links rx+drop $lt, instance drops $dd"
ktap_result "DL: modem peer to link, every frame accounted" test "$pt" = $((lt + dd))

# 4. Sockets at both ends: delivered packets were read or overflowed the
# receive buffer (counted by UDP).
ul_rx=0
ul_recv=0
dl_rx=0
dl_recv=0
for ch in $CHANNELS; do
	ul_rx=$((ul_rx + $(delta "P$ch.rx_packets")))
	ul_recv=$((ul_recv + $(recvd "ul$ch")))
	dl_rx=$((dl_rx + $(delta "L$ch.rx_packets")))
	dl_recv=$((dl_recv + $(recvd "dl$ch")))
done
ul_over=$(delta peer_rcvbuf)
dl_over=$(delta host_rcvbuf)
ktap_info "UL: peer rx $ul_rx, read $ul_recv, rcvbuf overflow $ul_over"
ktap_info "DL: link rx $dl_rx, read $dl_recv, rcvbuf overflow $dl_over"
ktap_result "UL: peer to socket, every packet accounted" \
	test "$ul_rx" = $((ul_recv + ul_over))
ktap_result "DL: link to socket, every packet accounted" \
	test "$dl_rx" = $((dl_recv + dl_over))

ktap_result "traffic flowed both ways on all channels" \
	test "$ul_recv" -gt 0 -a "$dl_recv" -gt 0

ktap_finish
