#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every announced channel gets its default raw-IP link, whatever order the
# modem announces them in: a modem that boots announcing channels 1 and 2
# only gets its WWAN device and their two links (wwan%d, dev_port 1 and
# 2, numbered in channel order), and no link for channel 0 can be made;
# once it announces channel 0 its default link appears, named wwan%d as
# userspace knows it, and carries traffic.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

DRV=/sys/bus/platform/drivers/bam_dmux_sim
BOOT_ANNOUNCE=/sys/kernel/debug/bam_dmux_sim/boot_announce
REVERSE=/sys/kernel/debug/bam_dmux_sim/announce_reverse

ktap_header
require_root
require_cmd ping
require_module bam_dmux_sim
ktap_plan 4

ERR=$(mktemp)
cleanup() {
	echo 0xff >"$BOOT_ANNOUNCE" 2>/dev/null
	echo N >"$REVERSE" 2>/dev/null
	netns_cleanup
	sim_stop
	rm -f "$ERR"
}
trap cleanup EXIT

# link_num NAME: the number of a wwan%d name.
link_num() {
	echo "${1#wwan}"
}

ok=1
sim_start || ok=0
# Boot the modem again, announcing channels 1 and 2 only, channel 2 first.
if [ $ok = 1 ]; then
	echo bam_dmux_sim >"$DRV/unbind" || ok=0
	echo 0x6 >"$BOOT_ANNOUNCE" || ok=0
	echo Y >"$REVERSE" || ok=0
	echo bam_dmux_sim >"$DRV/bind" || ok=0
	wait_for sim_find_wwan || { ktap_info "no WWAN device after bind"; ok=0; }
fi
# The driver saw channels 1 and 2 (their OPEN) before anything is judged.
wait_for test "$(sim_kv "$SIM_DBG/stats" modem_opens)" = 2 ||
	{ ktap_info "the modem did not announce two channels"; ok=0; }
wait_for sim_find_default_links 2 || { ktap_info "links: ${CHAN_LINK[*]}"; ok=0; }
[ -z "${CHAN_LINK[0]:-}" ] || { ktap_info "a link on channel 0"; ok=0; }
case "${CHAN_LINK[1]:-}:${CHAN_LINK[2]:-}" in
wwan*:wwan*)
	[ "$(link_num "${CHAN_LINK[1]}")" -lt "$(link_num "${CHAN_LINK[2]}")" ] ||
		{ ktap_info "names not in channel order"; ok=0; }
	;;
*)
	ktap_info "links: ${CHAN_LINK[*]}"
	ok=0
	;;
esac
if ip link add bad parentdev "$WWAN" type wwan linkid 0 2>"$ERR"; then
	ip link del bad
	ok=0
elif [[ "$(<"$ERR")" != *"channel 0 was not announced by the modem"* ]]; then
	ktap_info "stderr: $(<"$ERR")"
	ok=0
fi
desc="modem announcing channels 2 then 1: their default links in channel order,"
ktap_result "$desc channel 0 refused" test $ok = 1

ok=1
sim_ctl inject "open 0" || ok=0
DEF_LINK=
wait_for sim_find_default_link || { ktap_info "no link on channel 0"; ok=0; }
ktap_info "default link: ${DEF_LINK:-none}"
LATE=$DEF_LINK
case $DEF_LINK in wwan*) ;; *) ok=0 ;; esac
[ "$(sim_kv "$SIM_DBG/stats" modem_opens)" = 3 ] || ok=0
ktap_result "channel 0 announced later: the default link appears as wwan%d" \
	test $ok = 1

ok=1
sim_find_default_links 3 || { ktap_info "links: ${CHAN_LINK[*]}"; ok=0; }
chans=$(printf '%s\n' "${!CHAN_LINK[@]}" | sort | tr '\n' ' ')
[ "$chans" = "0 1 2 " ] || { ktap_info "channels: $chans"; ok=0; }
[ -n "$LATE" ] && [ "${CHAN_LINK[0]:-}" = "$LATE" ] || ok=0
for ch in 0 1 2; do
	[[ "$(ip -d link show "${CHAN_LINK[$ch]:-none}")" == *"wwan linkid $((ch << 8)) "* ]] ||
		{ ktap_info "channel $ch: not a raw link of its own"; ok=0; }
done
ktap_result "exactly three links, the raw link of each announced channel" test $ok = 1

ok=1
netns_new peer || ok=0
chan_setup 0 peer || ok=0
ping_ok 0 5 || ok=0
ktap_result "the late default link carries traffic (5 of 5 pings)" test $ok = 1

ktap_finish
