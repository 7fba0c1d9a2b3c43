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
# the raw link while the channel carries QMAP, back to raw IP, RX sizes set
# with ethtool -G reaching the modem's OPEN, and every refusal with its
# extack text.
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
ktap_plan 21

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

# 5b. MAPv5 checksum offload, once the modem speaks it: the modem fills in
# the UDP checksums the stack left to it, and its verdict on downlink ones
# is taken (rx_csum_unnecessary) only with rx-checksumming on.
ok=1
# The modem first (WDA Set Data Format), then the links of the channel.
sim_ctl data_format "0 qmapv5" || ok=0
ethtool -K qmap1 rx on tx on >/dev/null || ok=0
ethtool -K qmap2 tx on >/dev/null || ok=0
mux_ping 1 || ok=0
mux_ping 2 || ok=0
# Checksums the stack left to the modem, one packet per frame, then
# through the aggregation copy.
for frames in 1 16; do
	"$DIR/ethtool_aggr" qmap1 "$frames" 8192 100000 || ok=0
	sim_snap s0
	rm -f "$TMP/ready" "$TMP/recv"
	in_netns qp1 "$DIR/udp_flood" recv $PORT "$TMP/ready" "$TMP/recv" &
	wait_for test -e "$TMP/ready" || ok=0
	out=$("$DIR/udp_flood" send 10.98.1.2 $PORT 50 300)
	wait || true
	read -r _ recv <"$TMP/recv"
	drop=$(sed -n 's/^dropped //p' "$TMP/recv")
	sim_snap s1
	done_ul=$((s1[ul_qmap_csum_done] - s0[ul_qmap_csum_done]))
	# A bad checksum would be a socket drop: none allowed.
	[ "$out" = "sent 50 failed 0" ] && [ "$done_ul" = 50 ] &&
		[ "$recv" = 50 ] && [ "$drop" = 0 ] || ok=0
	ktap_info "UL, aggregation $frames: $out, modem computed $done_ul checksums," \
		"peer socket $recv (+$drop dropped)"
done
"$DIR/ethtool_aggr" qmap1 1 8192 100000 || ok=0
eth_snap e0 qmap1
sim_snap s0
for rx in on off; do
	ethtool -K qmap1 rx "$rx" >/dev/null || ok=0
	f0=$(sim_stat flood_frames)
	sim_ctl dl_flood "0 500 300 1" || ok=0
	wait_for -t 600 sim_stat_ge flood_frames $((f0 + 500)) || ok=0
	wait_for stat_ge qmap1 rx_packets $((e0[rx_packets] + 500)) || ok=0
	eth_snap e1 qmap1
	csum=$(eth_delta e0 e1 rx_csum_unnecessary)
	want=0
	[ "$rx" = on ] && want=500
	[ "$csum" = "$want" ] && [ "$(eth_delta e0 e1 rx_packets)" = 500 ] || ok=0
	ktap_info "DL rx-checksumming $rx: 500 sent, rx +$(eth_delta e0 e1 rx_packets)," \
		"rx_csum_unnecessary +$csum"
	eth_snap e0 qmap1
done
sim_snap s1
[ $((s1[dl_qmap_csum_valid] - s0[dl_qmap_csum_valid])) = 1000 ] || ok=0
ethtool -K qmap1 rx off tx off >/dev/null || ok=0
ethtool -K qmap2 tx off >/dev/null || ok=0
sim_ctl data_format "0 qmap" || ok=0
mux_ping 1 || ok=0
ktap_result "MAPv5 checksum offload both ways (ethtool -K), exact counts" test $ok = 1

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
