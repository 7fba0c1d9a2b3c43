#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# End-to-end traffic through bam-dmux and the simulated modem: ping, then
# UDP floods in both directions on three channels at once, with counters on
# every hop proving, per channel, that each packet sent was received or
# dropped for a reason this test allows:
#
#   host socket -> link (bd*) -> DMUX frames -> sim -> peer (bdsim*) -> socket
#
# and back. Each peer lives in a namespace of its own (peerCH) and each
# channel has its own sockets (one port per channel and direction), so a
# packet that crosses the wrong link shows up in the counters of both links
# rather than cancelling out in a sum.
#
# A frame of a link is counted only by that link (rx/tx_packets or one of
# its rx_drop_*/tx_drop_* reasons), the instance's dmux_*_drop_* counters
# only frames no link owns: none in this run. The only losses allowed are
# those of a flood outrunning a receiver: a full UDP receive buffer (the
# socket's drops, which must all be RcvbufErrors) and the peer's receive
# backlog (drop_ul_backlog of the modem, rx_dropped of the peer).
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

CHANNELS="0 1 2"
COUNT=1000
SIZE=1200
PORT=5000
PINGS=5
BIG_PINGS=3

ktap_header
require_root
require_cmd ping
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

ok=1
for ch in $CHANNELS; do
	{ netns_new "peer$ch" && chan_setup "$ch" "peer$ch"; } ||
		{ ktap_info "channel $ch: setup failed"; ok=0; }
done
ktap_result "channels $CHANNELS set up, each peer in its own netns" test $ok = 1

# Snapshot of every counter involved into the associative array SNAP_<tag>:
# L<ch>.<name> the link's ethtool -S counters (with the sums eth_snap adds;
# dmux_* are the instance's, the same on every link), P<ch>.<name> the
# peer's netdev counters and P<ch>.Udp.<name> the UDP counters of its
# namespace, H.Udp.<name> those of the host, S.<name> the simulator's.
# One process per link and per peer: each costs the better part of a
# second under TCG.
# shellcheck disable=SC2034 # used through namerefs
declare -A SNAP_a=() SNAP_b=() SNAP_c=() ES=() SS=()
snap() {
	local -n m=SNAP_$1
	local ch k

	m=()
	for ch in $CHANNELS; do
		eth_snap ES "$(chan_link "$ch")" || ktap_info "ethtool -S on channel $ch failed"
		for k in "${!ES[@]}"; do
			m["L$ch.$k"]=${ES[$k]}
		done
		peer_snap "SNAP_$1" "P$ch." "$ch" "peer$ch"
	done
	udp_snap "SNAP_$1" H.Udp.
	sim_snap SS
	for k in "${!SS[@]}"; do
		m["S.$k"]=${SS[$k]}
	done
}

# d FROM TO NAME: how much NAME grew between snapshots FROM and TO.
d() {
	local -n _f=SNAP_$1 _t=SNAP_$2

	echo $((${_t[$3]:-0} - ${_f[$3]:-0}))
}

# changed FROM TO PATTERN...: "name +delta" for every counter matching a
# glob PATTERN that changed between two snapshots.
changed() {
	local -n _f=SNAP_$1 _t=SNAP_$2
	local k p out=

	shift 2
	for k in "${!_t[@]}"; do
		for p in "$@"; do
			# shellcheck disable=SC2053 # p is a glob
			[[ "$k" == $p ]] || continue
			[ "${_t[$k]}" != "${_f[$k]:-0}" ] &&
				out+=" $k +$((_t["$k"] - ${_f["$k"]:-0}))"
			break
		done
	done
	echo "${out# }"
}

snap a

# Pings, per channel: how many requests each channel carried.
declare -A PSENT=()
ok=1
for ch in $CHANNELS; do
	ping_run "$PINGS" "10.99.$ch.2" || ok=0
	PSENT[$ch]=$PING_SENT
done
ktap_result "ping on every channel, $PINGS replies each" test $ok = 1

# The largest packet a 2 KiB frame carries: 2040 bytes of IP.
ok=1
host_cmds=
for ch in $CHANNELS; do
	host_cmds+="link set $(chan_link "$ch") mtu 2040"$'\n'
	in_netns "peer$ch" ip link set "bdsim$ch" mtu 2040 || ok=0
done
ip -batch - <<<"$host_cmds" || ok=0
for ch in $CHANNELS; do
	ping_run -s 2012 "$BIG_PINGS" "10.99.$ch.2" || ok=0
	PSENT[$ch]=$((PSENT[$ch] + PING_SENT))
done
ktap_result "ping with 2040-byte packets (largest raw-IP frame)" test $ok = 1

# Replies to requests sent after the last one ping waited for come later.
for ch in $CHANNELS; do
	want=$((SNAP_a["L$ch.rx_packets"] + PSENT[$ch]))
	wait_for stat_ge "$(chan_link "$ch")" rx_packets "$want" ||
		ktap_info "channel $ch: not every ping reply came back"
done
snap b

# Every request and reply crossed its own link, peer and modem channel.
ok=1
for ch in $CHANNELS; do
	n=${PSENT[$ch]}
	got="link tx $(d a b "L$ch.tx_packets") rx $(d a b "L$ch.rx_packets"),"
	got+=" modem ul $(d a b "S.ul_packets_ch$ch") dl $(d a b "S.dl_packets_ch$ch"),"
	got+=" peer rx $(d a b "P$ch.rx_packets") tx $(d a b "P$ch.tx_packets")"
	ktap_info "ch$ch ping: $n requests; $got"
	[ "$got" = "link tx $n rx $n, modem ul $n dl $n, peer rx $n tx $n" ] || ok=0
	drops=$(changed a b "L$ch.*_drop*" "P$ch.*_dropped")
	[ -z "$drops" ] || { ktap_info "ch$ch ping: drops: $drops"; ok=0; }
done
ktap_result "ping: every request and reply on its own link, modem channel and peer" \
	test $ok = 1

# Receivers first, on both sides, one port per channel and direction:
# UL to PORT+ch in peerCH, DL to PORT+100+ch on the host.
for ch in $CHANNELS; do
	in_netns "peer$ch" "$DIR/udp_flood" recv $((PORT + ch)) \
		"$TMP/ready.ul$ch" "$TMP/recv.ul$ch" &
	"$DIR/udp_flood" recv $((PORT + 100 + ch)) \
		"$TMP/ready.dl$ch" "$TMP/recv.dl$ch" &
done
ok=1
for ch in $CHANNELS; do
	for dir in ul dl; do
		wait_for -t 300 test -e "$TMP/ready.$dir$ch" ||
			{ ktap_info "the $dir receiver of channel $ch did not start"; ok=0; }
	done
done
ktap_result "UDP receivers bound, one per channel and direction" test $ok = 1

senders=()
for ch in $CHANNELS; do
	"$DIR/udp_flood" send "10.99.$ch.2" $((PORT + ch)) \
		"$COUNT" "$SIZE" >"$TMP/sent.ul$ch" &
	senders+=($!)
	in_netns "peer$ch" "$DIR/udp_flood" send "10.99.$ch.1" $((PORT + 100 + ch)) \
		"$COUNT" "$SIZE" >"$TMP/sent.dl$ch" &
	senders+=($!)
done
wait "${senders[@]}"
# The receivers end 3 s after their last datagram.
wait
snap c

# SENT/FAILED and READ/SOCKDROP from the helpers' files ("sent N failed
# M"; "received N" and "dropped D"), "missing" if a helper wrote nothing.
flood_result() {
	local _w

	SENT=missing FAILED=missing READ=missing SOCKDROP=missing
	read -r _w SENT _w FAILED 2>/dev/null <"$TMP/sent.$1"
	{ read -r _w READ && read -r _w SOCKDROP; } 2>/dev/null <"$TMP/recv.$1"
	return 0
}

# is_num VALUE...: every VALUE is a number (a helper that wrote nothing
# leaves "missing", which must fail the case rather than count as 0).
is_num() {
	local v

	for v in "$@"; do
		[[ "$v" =~ ^[0-9]+$ ]] || return 1
	done
}

# UL, per channel: socket -> link -> modem channel -> peer -> socket.
ok=1
for ch in $CHANNELS; do
	flood_result "ul$ch"
	lt=$(d b c "L$ch.tx_packets")
	ld=$(d b c "L$ch.link_tx_drops")
	mu=$(d b c "S.ul_packets_ch$ch")
	pr=$(d b c "P$ch.rx_packets")
	pd=$(d b c "P$ch.rx_dropped")
	rcvbuf=$(d b c "P$ch.Udp.RcvbufErrors")
	inerr=$(d b c "P$ch.Udp.InErrors")
	noport=$(d b c "P$ch.Udp.NoPorts")
	ktap_info "ch$ch UL: sent $SENT (failed $FAILED) -> link tx $lt, drops $ld" \
		"-> modem ch$ch $mu -> peer rx $pr, backlog drops $pd" \
		"-> read $READ, socket drops $SOCKDROP (RcvbufErrors $rcvbuf," \
		"InErrors $inerr, NoPorts $noport)"
	if ! is_num "$SENT" "$FAILED" "$READ" "$SOCKDROP"; then
		ktap_info "ch$ch UL: a UDP helper wrote no result"
		ok=0
		continue
	fi
	# Every hop exact; the only losses: the peer's backlog and the
	# receiving socket's buffer (and then nothing else in its netns).
	[ "$SENT" = "$COUNT" ] && [ "$FAILED" = 0 ] &&
		[ "$ld" = 0 ] && [ "$SENT" = "$lt" ] &&
		[ "$lt" = "$mu" ] && [ "$mu" = $((pr + pd)) ] &&
		[ "$pr" = $((READ + SOCKDROP)) ] &&
		[ "$SOCKDROP" = "$rcvbuf" ] && [ "$inerr" = "$rcvbuf" ] &&
		[ "$noport" = 0 ] || ok=0
	drops=$(changed b c "L$ch.tx_drop_*")
	[ -z "$drops" ] || ktap_info "ch$ch UL: link drops: $drops"
done
# What the host's qdiscs dropped was sent as far as the sockets knew.
qdrop=$(d b c H.Udp.SndbufErrors)
[ "$qdrop" = 0 ] || { ktap_info "host UDP: SndbufErrors (qdisc drops) $qdrop"; ok=0; }
ktap_result "UL: per channel, every datagram sent read or dropped by an allowed reason" \
	test $ok = 1

# DL, per channel: peer socket -> peer -> modem channel -> link -> socket.
ok=1
sockdrops=0
for ch in $CHANNELS; do
	flood_result "dl$ch"
	pt=$(d b c "P$ch.tx_packets")
	ptd=$(d b c "P$ch.tx_dropped")
	qdrop=$(d b c "P$ch.Udp.SndbufErrors")
	md=$(d b c "S.dl_packets_ch$ch")
	lr=$(d b c "L$ch.rx_packets")
	lrd=$(d b c "L$ch.link_rx_drops")
	ktap_info "ch$ch DL: sent $SENT (failed $FAILED, qdisc drops $qdrop) ->" \
		"peer tx $pt, drops $ptd -> modem ch$ch $md -> link rx $lr," \
		"drops $lrd -> read $READ, socket drops $SOCKDROP"
	if ! is_num "$SENT" "$FAILED" "$READ" "$SOCKDROP"; then
		ktap_info "ch$ch DL: a UDP helper wrote no result"
		ok=0
		continue
	fi
	sockdrops=$((sockdrops + SOCKDROP))
	[ "$SENT" = "$COUNT" ] && [ "$FAILED" = 0 ] && [ "$qdrop" = 0 ] &&
		[ "$ptd" = 0 ] && [ "$SENT" = "$pt" ] && [ "$pt" = "$md" ] &&
		[ "$lrd" = 0 ] && [ "$md" = "$lr" ] &&
		[ "$lr" = $((READ + SOCKDROP)) ] || ok=0
	drops=$(changed b c "L$ch.rx_drop_*")
	[ -z "$drops" ] || ktap_info "ch$ch DL: link drops: $drops"
done
# The host's sockets share a namespace: their drops together are its UDP
# receive buffer errors, and it had no other UDP error.
rcvbuf=$(d b c H.Udp.RcvbufErrors)
inerr=$(d b c H.Udp.InErrors)
noport=$(d b c H.Udp.NoPorts)
ktap_info "host UDP: socket drops $sockdrops, RcvbufErrors $rcvbuf, InErrors $inerr," \
	"NoPorts $noport"
[ "$sockdrops" = "$rcvbuf" ] && [ "$inerr" = "$rcvbuf" ] && [ "$noport" = 0 ] || ok=0
ktap_result "DL: per channel, every datagram sent read or dropped by an allowed reason" \
	test $ok = 1

# The instance, over the whole run: no frame it owns was dropped, every
# frame the modem completed was handled and every frame the driver sent
# completed; the modem dropped nothing but for the peers' backlogs.
ok=1
inst=$(changed a c "L0.dmux_*_drop_*")
modem=$(changed a c "S.drop_*")
rxf=$(d a c L0.dmux_rx_frames)
txf=$(d a c L0.dmux_tx_frames)
rxc=$(($(d a c S.rx_completed) - $(d a c S.rx_dma_errors)))
txc=$(($(d a c S.tx_completed) - $(d a c S.tx_dma_errors)))
backlog=0
for ch in $CHANNELS; do
	backlog=$((backlog + $(d a c "P$ch.rx_dropped")))
done
ktap_info "instance: rx frames $rxf (modem completed $rxc), tx frames $txf" \
	"(modem completed $txc); drops: ${inst:-none}; modem drops: ${modem:-none}"
[ -z "$inst" ] && [ "$rxf" = "$rxc" ] && [ "$txf" = "$txc" ] || ok=0
[ -z "$modem" ] || [ "$modem" = "S.drop_ul_backlog +$backlog" ] || ok=0
ktap_result "instance: no dmux drop, every frame handled; modem drops only backlog" \
	test $ok = 1

ktap_finish
