#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# QMAP mux links over BAM-DMUX against the simulated modem, as userspace
# would run them: dynamic MTU negotiated in the OPEN, QMAP links created
# beside the channel's raw link, the modem switched with data_format and
# bind_mux (WDA Set Data Format, WDS Bind Mux Data Port), then traffic per
# mux session with every packet accounted for on both sides:
#
#   host qmapN -> MAP in DMUX frames -> sim -> bdsim0mN (netns qpN) -> back
#
# Also: aggregated downlink from the modem's generator, uplink aggregation
# on and off, MAP flow control (a disabled mux sends nothing until enabled),
# checksum offload on links created as QMAPv5 and QMAPv4, malformed
# aggregates, the raw link while the channel carries QMAP, back to raw IP,
# RX sizes set with ethtool -G reaching the modem's OPEN, and every refusal
# with its extack text.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

PINGS=5
FLOOD=3000
# Small enough that what waits in the qdisc while the flow is disabled
# stays within the sender's socket buffer (the sender would block).
UL_COUNT=120
PORT=6100

ktap_header
require_root
require_cmd ping
require_cmd ethtool
require_udp_flood
[ -x "$DIR/ethtool_aggr" ] || ktap_skip_all "ethtool_aggr not built (make -C $DIR ethtool_aggr)"
require_module bam_dmux_sim
ktap_plan 33

TMP=$(mktemp -d)
ERR=$TMP/err
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

declare -A e0=() e1=() s0=() s1=()

# state NAME: a line of the simulator's state file.
state() {
	sim_kv "$SIM_DBG/state" "$1"
}

not_host_open() {
	! sim_host_open "$1"
}

# restarted_offering SIZE: the modem came back from its restart and its
# OPENs offer SIZE (0: no dynamic MTU).
restarted_offering() {
	[ "$(state restart)" = none ] && [ "$(state ul_offer)" = "$1" ]
}

# maxmtu IFACE: the max_mtu ip -d reports; maxmtu_is IFACE N: it is N.
maxmtu() {
	local out

	out=$(ip -d link show "$1")
	[[ "$out" =~ maxmtu\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

maxmtu_is() {
	[ "$(maxmtu "$1")" = "$2" ]
}

# restarted_without_offer: the modem came back from its restart and its
# OPENs offer no dynamic MTU.
restarted_without_offer() {
	[ "$(state restart)" = none ] && [ "$(state ul_offer)" = 0 ] &&
		sim_host_open 0
}

# expect_eth_reject DESC MSG ARGS...: ethtool ARGS fails and says MSG.
expect_eth_reject() {
	local desc=$1 msg=$2

	shift 2
	if ethtool "$@" 2>"$ERR" >/dev/null; then
		ktap_fail "$desc: accepted"
	elif [[ "$(<"$ERR")" != *"$msg"* ]]; then
		ktap_info "stderr: $(<"$ERR")"
		ktap_fail "$desc: no message '$msg'"
	else
		ktap_ok "$desc"
	fi
}

qmap_add() {
	ip link add "qmap$1" parentdev "$WWAN" type wwan linkid "$1"
}

# mux_setup MUX: bind the mux in the modem, move its peer to netns qpMUX
# with 10.98.MUX.2/30, and give qmapMUX 10.98.MUX.1/30; both up.
mux_setup() {
	local m=$1

	sim_ctl bind_mux "0 $m" || return 1
	wait_for test -e "/sys/class/net/bdsim0m$m" || return 1
	netns_new "qp$m" || return 1
	echo 1 >"/proc/sys/net/ipv6/conf/qmap$m/disable_ipv6" || return 1
	ip -batch - <<-EOF || return 1
		addr add 10.98.$m.1/30 dev qmap$m
		link set qmap$m up
		link set bdsim0m$m netns qp$m
	EOF
	ip -n "qp$m" -batch - <<-EOF || return 1
		addr add 10.98.$m.2/30 dev bdsim0m$m
		link set bdsim0m$m up
	EOF
	wait_for carrier_on "qmap$m"
}

# mux_ping MUX: ping the peer of a mux; the link sent and received exactly
# what ping did, the peer saw as many each way, and nothing dropped.
mux_ping() {
	local m=$1 l=qmap$1 f v ok=1
	local -A c0=() c1=() p0=() p1=()

	for f in tx_packets rx_packets tx_dropped rx_dropped rx_errors; do
		readf "c0[$f]" "/sys/class/net/$l/statistics/$f"
	done
	for f in tx_packets rx_packets; do
		p0[$f]=$(dev_stat "bdsim0m$m" "$f" "qp$m")
	done
	ping_run "$PINGS" "10.98.$m.2" || ok=0
	wait_for stat_ge "$l" rx_packets $((c0[rx_packets] + PING_SENT)) || ok=0
	for f in tx_packets rx_packets tx_dropped rx_dropped rx_errors; do
		readf v "/sys/class/net/$l/statistics/$f"
		c1[$f]=$((v - c0[$f]))
	done
	for f in tx_packets rx_packets; do
		p1[$f]=$(($(dev_stat "bdsim0m$m" "$f" "qp$m") - p0[$f]))
	done
	[ "${c1[tx_packets]}" = "$PING_SENT" ] && [ "${c1[rx_packets]}" = "$PING_SENT" ] &&
		[ "${p1[rx_packets]}" = "$PING_SENT" ] && [ "${p1[tx_packets]}" = "$PING_SENT" ] &&
		[ $((c1[tx_dropped] + c1[rx_dropped] + c1[rx_errors])) = 0 ] || ok=0
	[ "$ok" = 1 ] && return 0
	ktap_info "mux $m: ping $PING_SENT sent $PING_RECV replies; $l tx +${c1[tx_packets]}" \
		"rx +${c1[rx_packets]}" \
		"drops +$((c1[tx_dropped] + c1[rx_dropped] + c1[rx_errors]));" \
		"peer rx +${p1[rx_packets]} tx +${p1[tx_packets]}"
	return 1
}

# 1. The modem offered dynamic MTU; the driver's OPEN answers with its
# defaults: pool 32 (code 0), 16 KiB (code 3): signal 0x02 | 3 << 6.
ok=1
ip link set "$DEF_LINK" up || ok=0
wait_for sim_host_open 0 || ok=0
sig=$(state host_signal_ch0)
[ "$((sig))" = $((0xc2)) ] || { ktap_info "OPEN signal $sig"; ok=0; }
[ "$(state dl_size_ch0)" = 16384 ] && [ "$(state dl_pool_ch0)" = 32 ] || ok=0
ring=$(ethtool -g "$DEF_LINK")
[[ "$ring" == *"RX:"*"32"* && "$ring" == *"RX Buf Len:"*"16384"* ]] || ok=0
ktap_result "OPEN negotiates dynamic MTU: pool 32, 16 KiB buffers (ethtool -g)" test $ok = 1

# 2. Refusals, each with its message, nothing changed.
expect_link_reject "QMAP link while the raw link is up" \
	"carries raw IP: set it down first" \
	qmap1 parentdev "$WWAN" type wwan linkid 1
expect_eth_reject "ethtool -G while a link is up" \
	"set every link of this modem down first" -G "$DEF_LINK" rx 64
expect_eth_reject "ethtool -G rx 48" "rx must be 32, 64, 128 or 256" \
	-G "$DEF_LINK" rx 48
ip link set "$DEF_LINK" down
ok=1
port=
qmap_add 1 || ok=0
qmap_add 2 || ok=0
readf port /sys/class/net/qmap1/dev_port
[ "$port" = 0 ] || ok=0
[[ "$(ip -d link show qmap2)" == *"wwan linkid 2 "* ]] || ok=0
[[ $'\n'"$(ethtool -i qmap1)"$'\n' == *$'\n'"driver: bam-dmux"$'\n'* ]] || ok=0
ktap_result "QMAP links for mux 1 and 2 on channel 0 (dev_port 0)" test $ok = 1
expect_link_reject "duplicate mux id" "channel 0 already has a link for mux-id 1" \
	dup parentdev "$WWAN" type wwan linkid 1
# The MAP format is the channel's, fixed by its first QMAP link.
expect_link_reject "QMAPv4 link beside plain QMAP links" \
	"channel 0 carries qmap, not qmapv4" \
	qmap3 parentdev "$WWAN" type wwan linkid $((4 << 16 | 3))
expect_link_reject "raw-IP link id with a checksum field" \
	"link id 0x40000 is not (csum << 16 | channel << 8 | mux-id)" \
	raw4 parentdev "$WWAN" type wwan linkid $((4 << 16))
# Checksum offload exists on QMAPv4 and QMAPv5 links only.
ok=1
if ethtool -K qmap1 rx on >/dev/null 2>"$ERR"; then
	ktap_info "ethtool -K qmap1 rx on: accepted"
	ok=0
fi
grep -q "Could not change any device features" "$ERR" ||
	{ ktap_info "stderr: $(<"$ERR")"; ok=0; }
feat=$'\n'$(ethtool -k qmap1)$'\n'
# Sub-features are indented with a tab.
feat=${feat//$'\t'/}
fixed=1
for f in rx-checksumming tx-checksum-ipv4 tx-checksum-ipv6; do
	[[ "$feat" == *$'\n'"$f: off [fixed]"$'\n'* ]] || fixed=0
done
[ "$fixed" = 1 ] ||
	{ ktap_info "ethtool -k qmap1: $(grep checksum <<<"$feat" | tr '\n' ' ')"; ok=0; }
ktap_result "ethtool -K rx on refused on a plain QMAP link: checksumming fixed off" \
	test $ok = 1

# 3. The modem switches to QMAP and binds the muxes; ping each session.
ok=1
mux_setup 1 || ok=0
mux_setup 2 || ok=0
sim_ctl data_format "0 qmap" || ok=0
ktap_result "modem in QMAP on channel 0, muxes 1 and 2 bound" test $ok = 1
eth_snap e0 qmap1
sim_snap s0
ok=1
mux_ping 1 || ok=0
mux_ping 2 || ok=0
eth_snap e1 qmap1
sim_snap s1
# The modem asked for large buffers once, and never got a small one.
[ "$(eth_delta e0 e1 dmux_rx_large_bufs_on)" -le 1 ] &&
	[ "${e1[dmux_rx_large_bufs_on]}" = 1 ] || ok=0
[ "${s1[dl_small_buf]}" = 0 ] || { ktap_info "dl_small_buf ${s1[dl_small_buf]}"; ok=0; }
changed=$(eth_drops_changed e0 e1)
[ -z "$changed" ] || { ktap_info "drops: $changed"; ok=0; }
ktap_result "ping on both muxes, exact counts both ways, large RX buffers" test $ok = 1

# 3b. Raw IP on another channel meanwhile: the large-buffer request is the
# A2's, for the one RX pool of all channels, so it stays on.
ok=1
netns_new peer1 && chan_setup 1 peer1 || ok=0
eth_snap e0 qmap1
sim_snap s0
ping_link 1 "$PINGS" || ok=0
eth_snap e1 qmap1
sim_snap s1
[ "$(eth_delta e0 e1 dmux_rx_large_bufs_off)" = 0 ] &&
	[ "${s1[dl_large_off]}" = "${s0[dl_large_off]}" ] || ok=0
# Down again: the RX sizes below can only change with every link down.
ip link set "$(chan_link 1)" down || ok=0
ktap_result "raw IP on channel 1 beside QMAP on channel 0: large buffers stay" test $ok = 1

# 4. Aggregated downlink: every packet of the modem's generator reaches
# qmap1, none is dropped anywhere, in fewer frames than packets.
ok=1
eth_snap e0 qmap1
sim_snap s0
for size in 64 1400; do
	f0=$(sim_stat flood_frames)
	sim_ctl dl_flood "0 $FLOOD $size 1" || ok=0
	wait_for -t 600 sim_stat_ge flood_frames $((f0 + FLOOD)) || ok=0
done
wait_for stat_ge qmap1 rx_packets $((e0[rx_packets] + 2 * FLOOD)) || ok=0
eth_snap e1 qmap1
sim_snap s1
rx=$(eth_delta e0 e1 rx_packets)
frames=$((s1[dl_qmap_frames] - s0[dl_qmap_frames]))
[ "$rx" = $((2 * FLOOD)) ] || ok=0
[ "$frames" -lt "$rx" ] || ok=0
# Well past a pool of buffers since the modem asked for large ones: the
# driver queues 16 KiB buffers, or the modem counts the small ones.
[ "${s1[dl_small_buf]}" = 0 ] || { ktap_info "dl_small_buf ${s1[dl_small_buf]}"; ok=0; }
changed=$(eth_drops_changed e0 e1)
[ -z "$changed" ] || ok=0
ktap_info "downlink: $((2 * FLOOD)) sent, qmap1 rx +$rx in $frames aggregates${changed:+,}" \
	"${changed:+drops: $changed}"
ktap_result "aggregated downlink: every packet delivered, none dropped" test $ok = 1

# ul_burst MUX N: N datagrams from the host to the mux's peer, sent while
# the modem has the mux's flow disabled (so they wait in the qdisc), then
# released at once by FLOW_ENABLE; every one reaches the peer's socket or
# is dropped there by reason. Sets UL_FRAMES (DMUX frames the modem parsed
# as MAP, the ACK of FLOW_ENABLE included) and UL_PKTS (MAP data packets
# it handed to the peer).
ul_burst() {
	local m=$1 n=$2 a0 out recv drop ok=1
	local -A s0=() s1=()

	rm -f "$TMP/ready" "$TMP/recv"
	in_netns "qp$m" "$DIR/udp_flood" recv $PORT "$TMP/ready" "$TMP/recv" &
	wait_for test -e "$TMP/ready" || ok=0
	a0=$(sim_stat flow_acks)
	sim_ctl flow "0 $m disable" || ok=0
	wait_for sim_stat_ge flow_acks $((a0 + 1)) || ok=0
	sim_snap s0
	out=$("$DIR/udp_flood" send "10.98.$m.2" $PORT "$n" 64)
	[ "$out" = "sent $n failed 0" ] || { ktap_info "udp_flood: $out"; ok=0; }
	sim_ctl flow "0 $m enable" || ok=0
	wait_for sim_stat_ge flow_acks $((a0 + 2)) || ok=0
	wait || true
	sim_snap s1
	read -r _ recv <"$TMP/recv"
	drop=$(sed -n 's/^dropped //p' "$TMP/recv")
	UL_PKTS=$((s1[ul_qmap_packets] - s0[ul_qmap_packets]))
	UL_FRAMES=$((s1[ul_qmap_frames] - s0[ul_qmap_frames]))
	[ "$UL_PKTS" = "$n" ] || ok=0
	# The socket's drops would also count datagrams with a bad checksum:
	# a burst this small must all arrive.
	[ "$recv" = "$n" ] && [ "$drop" = 0 ] || ok=0
	[ "${s1[drop_ul_map_flow_off]}" = "${s0[drop_ul_map_flow_off]}" ] || ok=0
	ktap_info "uplink burst of $n: modem took $UL_PKTS in $UL_FRAMES frames," \
		"peer socket $recv (+$drop dropped)"
	[ "$ok" = 1 ]
}

# 5. Flow control and uplink aggregation. Off: one packet per frame.
ok=1
ul_burst 1 "$UL_COUNT" || ok=0
[ "$UL_FRAMES" = $((UL_COUNT + 1)) ] || ok=0
ktap_result "flow disable/enable acked; aggregation off: one packet per frame" test $ok = 1

# ethtool_aggr stands in for ethtool -C tx-aggr-*, which the ethtool of
# Debian 12 does not know yet.
ok=1
"$DIR/ethtool_aggr" qmap1 16 8192 100000 || ok=0
coal=$("$DIR/ethtool_aggr" qmap2)
[ "$coal" = $'tx-aggr-max-bytes 8192\ntx-aggr-max-frames 16\ntx-aggr-time-usecs 100000' ] ||
	{ ktap_info "qmap2 coalesce: $coal"; ok=0; }
ul_burst 1 "$UL_COUNT" || ok=0
# A burst released at once fills aggregates of 16 (the first packet after
# an idle link goes alone): far fewer frames than packets.
[ "$UL_FRAMES" -le $((UL_COUNT / 4)) ] || ok=0
"$DIR/ethtool_aggr" qmap1 1 8192 100000 || ok=0
ktap_result "uplink aggregation: every packet delivered, 16 to a frame" test $ok = 1
if "$DIR/ethtool_aggr" qmap1 65 8192 100 2>"$ERR"; then
	ktap_fail "tx-aggr-max-frames 65: accepted"
else
	grep -q "tx-aggr-max-frames must be 1-64" "$ERR" ||
		ktap_info "stderr: $(<"$ERR")"
	ktap_result "tx-aggr-max-frames 65 refused with its message" \
		grep -q "tx-aggr-max-frames must be 1-64" "$ERR"
fi

# qmap_links CSUM: delete qmap1 and qmap2 and create them again as QMAP
# links of the MAP format CSUM (the csum field of the link id: 0 plain,
# 4 QMAPv4, 5 QMAPv5) with their addresses, up, carrier on. The modem's
# bind_mux peers stay; switching its data format is the caller's, first.
qmap_links() {
	local csum=$1 m id

	for m in 1 2; do
		ip link del "qmap$m" || return 1
	done
	for m in 1 2; do
		id=$((csum << 16 | m))
		ip link add "qmap$m" parentdev "$WWAN" type wwan linkid "$id" || return 1
		echo 1 >"/proc/sys/net/ipv6/conf/qmap$m/disable_ipv6" || return 1
		ip -batch - <<-EOF || return 1
			addr add 10.98.$m.1/30 dev qmap$m
			link set qmap$m up
		EOF
		wait_for carrier_on "qmap$m" || return 1
		[[ "$(ip -d link show "qmap$m")" == *"wwan linkid $id "* ]] || return 1
	done
}

# csum_ul FRAMES: 50 UDP datagrams of 300 bytes from qmap1 to a socket of
# its peer, with UL aggregation of FRAMES. Sets UL_OUT (what udp_flood
# says), UL_DONE (checksums the modem computed), UL_RECV and UL_DROP (the
# peer socket's count and drops).
csum_ul() {
	local ok=1
	local -A s0=() s1=()

	"$DIR/ethtool_aggr" qmap1 "$1" 8192 100000 || ok=0
	sim_snap s0
	rm -f "$TMP/ready" "$TMP/recv"
	in_netns qp1 "$DIR/udp_flood" recv $PORT "$TMP/ready" "$TMP/recv" &
	wait_for test -e "$TMP/ready" || ok=0
	UL_OUT=$("$DIR/udp_flood" send 10.98.1.2 $PORT 50 300)
	wait || true
	read -r _ UL_RECV <"$TMP/recv"
	UL_DROP=$(sed -n 's/^dropped //p' "$TMP/recv")
	sim_snap s1
	UL_DONE=$((s1[ul_qmap_csum_done] - s0[ul_qmap_csum_done]))
	UL_FRAMES=$((s1[ul_qmap_frames] - s0[ul_qmap_frames]))
	[ "$ok" = 1 ]
}

# csum_ul_exact FRAMES DONE TAG: csum_ul FRAMES, and every datagram reached
# the socket (a bad checksum would be a socket drop), DONE of them with
# the checksum the modem computed.
csum_ul_exact() {
	local ok=1

	csum_ul "$1" || ok=0
	[ "$UL_OUT" = "sent 50 failed 0" ] && [ "$UL_DONE" = "$2" ] &&
		[ "$UL_RECV" = 50 ] && [ "$UL_DROP" = 0 ] || ok=0
	# With aggregation on, packets went through an aggregate (the copy
	# whose checksum field is prepared there), not each alone.
	[ "$1" = 1 ] || [ "$UL_FRAMES" -lt 50 ] || ok=0
	ktap_info "$3 UL, aggregation $1: $UL_OUT in $UL_FRAMES frames, modem computed" \
		"$UL_DONE checksums, peer socket $UL_RECV (+$UL_DROP dropped)"
	[ "$ok" = 1 ]
}

# csum_dl RX TAG: with rx-checksumming RX (on, off), 500 UDP datagrams of
# 300 bytes from the modem's generator to mux 1 all reach qmap1, and the
# modem's verdict is taken for all of them with rx on, for none with it
# off (rx_csum_unnecessary).
csum_dl() {
	local f0 csum rx want=0 ok=1
	local -A e0=() e1=()

	[ "$1" = on ] && want=500
	ethtool -K qmap1 rx "$1" >/dev/null || ok=0
	eth_snap e0 qmap1 || ok=0
	f0=$(sim_stat flood_frames)
	sim_ctl dl_flood "0 500 300 1" || ok=0
	wait_for -t 600 sim_stat_ge flood_frames $((f0 + 500)) || ok=0
	wait_for stat_ge qmap1 rx_packets $((e0[rx_packets] + 500)) || ok=0
	eth_snap e1 qmap1 || ok=0
	rx=$(eth_delta e0 e1 rx_packets)
	csum=$(eth_delta e0 e1 rx_csum_unnecessary)
	[ "$rx" = 500 ] && [ "$csum" = "$want" ] || ok=0
	ktap_info "$2 DL rx-checksumming $1: 500 sent, rx +$rx, rx_csum_unnecessary +$csum"
	[ "$ok" = 1 ]
}

# 5b. MAPv5 checksum offload. The format is the channel's, fixed when its
# first QMAP link is created: the modem switches first (WDA Set Data
# Format), then the links are created again as QMAPv5 links. The modem
# fills in the UDP checksums the stack left to it, and its verdict on
# downlink ones is taken (rx_csum_unnecessary) only with rx-checksumming on.
ok=1
sim_ctl data_format "0 qmapv5" || ok=0
qmap_links 5 || ok=0
ethtool -K qmap1 rx on tx on >/dev/null || ok=0
ethtool -K qmap2 tx on >/dev/null || ok=0
mux_ping 1 || ok=0
mux_ping 2 || ok=0
# Checksums the stack left to the modem, one packet per frame, then
# through the aggregation copy.
for frames in 1 16; do
	csum_ul_exact "$frames" 50 MAPv5 || ok=0
done
"$DIR/ethtool_aggr" qmap1 1 8192 100000 || ok=0
sim_snap s0
csum_dl on MAPv5 || ok=0
csum_dl off MAPv5 || ok=0
sim_snap s1
[ $((s1[dl_qmap_csum_valid] - s0[dl_qmap_csum_valid])) = 1000 ] || ok=0
ktap_result "MAPv5 checksum offload both ways (ethtool -K), exact counts" test $ok = 1

# 5c. MAPv4 checksum offload, on links created as QMAPv4 links: every UL
# data packet carries the 4-byte checksum header (enabled for the
# checksums the stack left to the modem only), every DL record, MAP
# commands included, the 8-byte trailer; the ACKs carry neither.
ok=1
sim_ctl data_format "0 qmapv4" || ok=0
qmap_links 4 || ok=0
ethtool -K qmap1 rx on tx on >/dev/null || ok=0
ethtool -K qmap2 tx on >/dev/null || ok=0
sim_snap s0
mux_ping 1 || ok=0
mux_ping 2 || ok=0
ul_burst 1 "$UL_COUNT" || ok=0
sim_snap s1
changed=$(sim_changed s0 s1 drop_ul_)
[ -z "$changed" ] || { ktap_info "modem drops: $changed"; ok=0; }
ktap_result "QMAPv4 links: ping on both muxes, flow commands acked, no modem drop" \
	test $ok = 1

ok=1
sim_snap s0
for frames in 1 16; do
	csum_ul_exact "$frames" 50 MAPv4 || ok=0
done
# TX offload off: the stack computes, the header asks nothing of the modem.
ethtool -K qmap1 tx off >/dev/null || ok=0
csum_ul_exact 1 0 MAPv4 || ok=0
ethtool -K qmap1 tx on >/dev/null || ok=0
sim_snap s1
changed=$(sim_changed s0 s1 drop_ul_)
[ -z "$changed" ] || { ktap_info "modem drops: $changed"; ok=0; }
ktap_result "MAPv4 UL: every checksum left to the modem computed by it, exact counts" \
	test $ok = 1

ok=1
"$DIR/ethtool_aggr" qmap1 1 8192 100000 || ok=0
sim_snap s0
csum_dl on MAPv4 || ok=0
csum_dl off MAPv4 || ok=0
sim_snap s1
valid=$((s1[dl_qmap_csum_valid] - s0[dl_qmap_csum_valid]))
ktap_info "MAPv4 DL: the modem marked $valid of 1000 valid"
[ "$valid" = 1000 ] || ok=0
ktap_result "MAPv4 DL: trailer verdicts taken with rx-checksumming on only, exact counts" \
	test $ok = 1

# eth_counter_is IFACE NAME VALUE: the ethtool -S counter NAME of IFACE is
# VALUE (ETH_STATS keeps the snapshot that said so).
eth_counter_is() {
	eth_stats "$1" && [ "${ETH_STATS[$2]:-}" = "$3" ]
}

# map_fault FAULT REASON RX: the modem injects the malformed QMAP frame
# FAULT on channel 0; the driver parses it as one frame, counts it once in
# dmux_rx_qmap_drop_REASON and in no other drop counter, and passes RX of
# its packets up qmap1. One KTAP result.
map_fault() {
	local fault=$1 cnt=dmux_rx_qmap_drop_$2 want=$3 others rx frames ok=1
	# shellcheck disable=SC2034 # used through namerefs
	local -A b=() a=()

	eth_snap b qmap1
	if [ -z "${b[$cnt]:-}" ] || ! sim_ctl inject "$fault"; then
		ktap_fail "$fault: cannot inject or no counter $cnt"
		return
	fi
	if ! wait_for eth_counter_is qmap1 "$cnt" $((b[$cnt] + 1)); then
		ktap_fail "$fault: counted once in $cnt"
		return
	fi
	eth_keep a
	others="$(sim_changed b a dmux_rx_qmap_drop_ "$cnt") $(eth_drops_changed b a)"
	others=${others# }
	others=${others% }
	rx=$(eth_delta b a rx_packets)
	frames=$(eth_delta b a dmux_rx_frames)
	ktap_info "$fault: $cnt +1, qmap1 rx +$rx," \
		"dmux_rx_frames +$frames${others:+, also: $others}"
	[ -z "$others" ] && [ "$rx" = "$want" ] && [ "$frames" = 1 ] || ok=0
	ktap_result "$fault: dropped and counted once in $cnt, $want packet(s) up" \
		test $ok = 1
}

# A MAPv4 record whose trailer the aggregate cuts off: past the buffer.
map_fault map_v4_cut past_buf 0

# 5d. Plain QMAP links again for what follows, and the malformed
# aggregates of plain MAP: pad = pkt_len, a good packet then one cut
# short (the good one goes up), pkt_len 0 (the rest is lost), an unknown
# command.
ok=1
sim_ctl data_format "0 qmap" || ok=0
qmap_links 0 || ok=0
mux_ping 1 || ok=0
mux_ping 2 || ok=0
ktap_result "plain QMAP links again: ping on both muxes" test $ok = 1
map_fault map_bad_pad bad_pad 0
map_fault map_truncated past_buf 1
map_fault map_len0 zero_len 0
map_fault map_bad_cmd unknown_cmd 0

# 6. The raw link stays, but carries no IP while the channel is QMAP.
ok=1
ip -batch - <<-EOF || ok=0
	addr add 10.97.0.1/30 dev $DEF_LINK
	link set $DEF_LINK up
EOF
d0=$(eth_stat "$DEF_LINK" tx_drop_qmap_mode)
out=$("$DIR/udp_flood" send 10.97.0.2 $PORT 10 100)
d1=$(eth_stat "$DEF_LINK" tx_drop_qmap_mode)
[ $((d1 - d0)) = 10 ] || { ktap_info "tx_drop_qmap_mode +$((d1 - d0)), $out"; ok=0; }
ip -batch - <<-EOF || ok=0
	link set $DEF_LINK down
	addr del 10.97.0.1/30 dev $DEF_LINK
EOF
ktap_result "raw link in QMAP mode: every packet dropped as tx_drop_qmap_mode" test $ok = 1

# 7. Back to raw IP: the QMAP links go, the modem switches back, the raw
# link works as before.
ok=1
ip link del qmap1 || ok=0
ip link del qmap2 || ok=0
sim_ctl data_format "0 raw-ip" || ok=0
netns_new peer0 && chan_setup 0 peer0 || ok=0
ping_link 0 "$PINGS" || ok=0
ktap_result "last QMAP link gone: channel 0 raw IP again, exact ping" test $ok = 1

# 7b. rmnet on top of the raw link, as on mainline: the raw link hands the
# MAP frames up as ETH_P_MAP and sends what rmnet framed.
ok=1
modprobe rmnet || ok=0
ip link add rmnet3 link "$DEF_LINK" type rmnet mux_id 3 || ok=0
sim_ctl bind_mux "0 3" || ok=0
wait_for test -e /sys/class/net/bdsim0m3 || ok=0
netns_new qp3 || ok=0
echo 1 >/proc/sys/net/ipv6/conf/rmnet3/disable_ipv6 || ok=0
ip -batch - <<-EOF2 || ok=0
	addr add 10.98.3.1/30 dev rmnet3
	link set rmnet3 up
	link set bdsim0m3 netns qp3
EOF2
ip -n qp3 -batch - <<-EOF2 || ok=0
	addr add 10.98.3.2/30 dev bdsim0m3
	link set bdsim0m3 up
EOF2
sim_ctl data_format "0 qmap" || ok=0
eth_snap e0 "$DEF_LINK"
r0=$(dev_stat rmnet3 rx_packets)
t0=$(dev_stat rmnet3 tx_packets)
pr0=$(dev_stat bdsim0m3 rx_packets qp3)
ping_run "$PINGS" 10.98.3.2 || ok=0
wait_for stat_ge rmnet3 rx_packets $((r0 + PING_SENT)) || ok=0
eth_snap e1 "$DEF_LINK"
rx=$(($(dev_stat rmnet3 rx_packets) - r0))
tx=$(($(dev_stat rmnet3 tx_packets) - t0))
prx=$(($(dev_stat bdsim0m3 rx_packets qp3) - pr0))
lrx=$(eth_delta e0 e1 rx_packets)
ltx=$(eth_delta e0 e1 tx_packets)
changed=$(eth_drops_changed e0 e1)
[ "$rx" = "$PING_SENT" ] && [ "$tx" = "$PING_SENT" ] && [ "$prx" = "$PING_SENT" ] &&
	[ "$ltx" = "$PING_SENT" ] && [ "$lrx" -ge 1 ] && [ "$lrx" -le "$PING_SENT" ] &&
	[ -z "$changed" ] || ok=0
ktap_info "rmnet3: ping $PING_SENT, rmnet3 rx +$rx tx +$tx, $DEF_LINK rx +$lrx tx +$ltx," \
	"peer rx +$prx${changed:+, drops: $changed}"
sim_ctl data_format "0 raw-ip" || ok=0
ip link del rmnet3 || ok=0
ktap_result "rmnet on the raw link: MAP up as ETH_P_MAP, exact ping" test $ok = 1

# 8. New RX sizes reach the modem with the next OPEN.
ok=1
ip link set "$DEF_LINK" down
wait_for not_host_open 0 || ok=0
ethtool -G "$DEF_LINK" rx 64 rx-buf-len 8192 || ok=0
ip link set "$DEF_LINK" up
wait_for sim_host_open 0 || ok=0
sig=$(state host_signal_ch0)
[ "$((sig))" = $((0x02 | 1 << 4 | 2 << 6)) ] || { ktap_info "OPEN signal $sig"; ok=0; }
[ "$(state dl_size_ch0)" = 8192 ] && [ "$(state dl_pool_ch0)" = 64 ] || ok=0
ktap_result "ethtool -G rx 64 rx-buf-len 8192: the next OPEN carries them" test $ok = 1

# 8b. A modem restarted with another UL limit: the QMAP links follow.
ok=1
ip link set "$DEF_LINK" down || ok=0
qmap_add 9 || ok=0
# min(UL limit, DL size) less the DMUX header, MAP header and 8 bytes of
# checksum room, to a multiple of 4: 16384 and 8192 now, 4096 after.
maxmtu_is qmap9 $(((8192 - 20) & ~3)) || ok=0
sim_ctl ul_mtu 4096 || ok=0
sim_ctl restart 1 || ok=0
wait_for -t 300 restarted_offering 4096 || ok=0
wait_for maxmtu_is qmap9 $(((4096 - 20) & ~3)) ||
	{ ktap_info "qmap9 maxmtu: $(maxmtu qmap9)"; ok=0; }
ip link del qmap9 || ok=0
ip link set "$DEF_LINK" up || ok=0
wait_for sim_host_open 0 || ok=0
ktap_result "modem restarted with a 4 KiB UL limit: QMAP max_mtu follows" test $ok = 1

# 9. A modem that does not negotiate cannot carry QMAP; raw IP still works.
ok=1
sim_ctl ul_mtu 0 || ok=0
sim_ctl restart 1 || ok=0
wait_for -t 300 restarted_without_offer || ok=0
[ "$(state host_signal_ch0)" = 0x0 ] || [ "$(($(state host_signal_ch0)))" = 0 ] || ok=0
ping_link 0 "$PINGS" || ok=0
ip link set "$DEF_LINK" down
ktap_result "modem restarted without dynamic MTU: OPEN offers nothing, raw IP works" test $ok = 1
expect_link_reject "QMAP link, modem without dynamic MTU" \
	"the modem does not negotiate the MTU" qmap1 parentdev "$WWAN" type wwan linkid 1

ktap_finish
