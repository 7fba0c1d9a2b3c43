#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# WWAN link management of bam-dmux: the default link of every channel,
# deleting and adding channel links with rtnetlink, refusing bad requests with an extack
# message (and changing nothing), and removing every link on unload.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ktap_header
require_root
require_module bam_dmux_sim
ktap_plan 15

ERR=$(mktemp)
trap 'rm -f "$ERR"; sim_stop' EXIT

# expect_reject DESC MESSAGE LINKID: creation fails and says MESSAGE.
expect_reject() {
	expect_link_reject "$1" "$2" bad parentdev "$WWAN" type wwan linkid "$3"
}

if ! sim_start; then
	ktap_fail "simulated modem loads and the default link appears"
	ktap_finish
fi

ok=1
readf port "/sys/class/net/$DEF_LINK/dev_port"
[ "$port" = 0 ] || ok=0
case $DEF_LINK in wwan*) ;; *) ok=0 ;; esac
[[ $'\n'"$(ethtool -i "$DEF_LINK")"$'\n' == *$'\n'"driver: bam-dmux"$'\n'* ]] || ok=0
[[ "$(ip -d link show "$DEF_LINK")" == *"wwan linkid 0 "* ]] || ok=0
ktap_result "default link $DEF_LINK: channel 0, driver bam-dmux" test $ok = 1

# As mainline: a wwan%d link per announced channel at boot, dev_port =
# channel, numbered in channel order.
ok=1
prev=-1
for ch in 0 1 2 3 4 5 6 7; do
	l=${CHAN_LINK[$ch]:-}
	case $l in
	wwan*) ;;
	*) ktap_info "channel $ch: link '$l'"; ok=0; continue ;;
	esac
	[ "${l#wwan}" -gt "$prev" ] || { ktap_info "$l out of channel order"; ok=0; }
	prev=${l#wwan}
	[[ "$(ip -d link show "$l")" == *"wwan linkid $((ch << 8)) "* ]] || ok=0
done
ktap_result "default links for channels 0-7, wwan%d in channel order" test $ok = 1
wwan_links links
ktap_result "eight links under $WWAN" test "${#links[@]}" = 8

expect_reject "duplicate channel link" "channel 1 already has a raw-IP link" 0x100
expect_reject "duplicate default link" "channel 0 already has a raw-IP link" 0
expect_reject "channel 8" "channel 8 does not exist" 0x800
expect_reject "channel 255" "channel 255 does not exist" 0xff00
expect_reject "link id with checksum flavour 1" \
	"is not (csum << 16 | channel << 8 | mux-id)" 0x10001
expect_reject "raw link with a checksum flavour" \
	"is not (csum << 16 | channel << 8 | mux-id)" 0x50000
expect_reject "link id above 24 bits" \
	"is not (csum << 16 | channel << 8 | mux-id)" 0x1000000
expect_reject "QMAP mux id 255" "mux-id 255 is reserved" 0x1ff

# not_host_open CH: the modem saw the driver's CLOSE for channel CH.
not_host_open() {
	! sim_host_open "$1"
}

ok=1
l3=${CHAN_LINK[3]}
ip link set "$l3" up || ok=0
wait_for carrier_on "$l3" || { ktap_info "$l3: no carrier"; ok=0; }
wait_for sim_host_open 3 || { ktap_info "the modem never saw the OPEN of channel 3"; ok=0; }
ip link del "$l3" || ok=0
[ ! -e "/sys/class/net/$l3" ] || { ktap_info "$l3 is still there"; ok=0; }
wait_for not_host_open 3 || { ktap_info "the modem never saw the CLOSE of channel 3"; ok=0; }
link_add bd3 3 || ok=0
readf port /sys/class/net/bd3/dev_port
[ "$port" = 3 ] || ok=0
ktap_result "delete a link that is up (channel closed), and add it again" test $ok = 1

ok=1
ip link del "$DEF_LINK" || ok=0
link_add again0 0 || ok=0
readf port /sys/class/net/again0/dev_port
[ "$port" = 0 ] || ok=0
ktap_result "delete the default link, add channel 0 again" test $ok = 1

ok=1
wwan_links links
for l in "${links[@]}"; do
	ip link set "$l" up || ok=0
done
for l in "${links[@]}"; do
	wait_for carrier_on "$l" || { ktap_info "$l: no carrier"; ok=0; }
done
for ch in 0 1 2 3 4 5 6 7; do
	wait_for sim_host_open "$ch" ||
		{ ktap_info "the modem never saw the OPEN of channel $ch"; ok=0; }
done
ktap_result "all links up with carrier, every channel opened on both sides" test $ok = 1

ok=1
sim_stop || ok=0
for d in /sys/class/wwan/*; do
	[ -e "$d" ] && ok=0
done
for l in "${links[@]}"; do
	[ ! -e "/sys/class/net/$l" ] || ok=0
done
ktap_result "unloading removes every link and the WWAN device" test $ok = 1

ktap_finish
