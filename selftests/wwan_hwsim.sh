#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# wwan_hwsim, a driver that does not describe its links (no link_desc /
# link_id_from_desc), with the WWAN core's link descriptions: it works by
# link id as before, reports the link id alone through ip -d, ip -j -d and
# wwanlink, and a request that describes a link by channel is refused with
# the core's message.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/wwan_lib.sh"

ktap_header
require_root
require_cmd wwanlink
require_module wwan_hwsim
ktap_plan 10

ERR=$(mktemp)
WWAN=
cleanup() {
	rm -f "$ERR"
	module_unload wwan_hwsim
}
trap cleanup EXIT

# hwsim_find: the WWAN device of wwan_hwsim's device (its parent is
# hwsimN) into WWAN, once its default link is there.
hwsim_find() {
	local d

	for d in /sys/class/wwan/*; do
		[[ "$(readlink -f "$d")" == */hwsim*/* ]] || continue
		[ "$(link_count "${d##*/}")" = 1 ] || return 1
		WWAN=${d##*/}
		return 0
	done
	return 1
}

# hwsim_gone: no WWAN device of wwan_hwsim is left.
hwsim_gone() {
	local d

	for d in /sys/class/wwan/*; do
		[[ "$(readlink -f "$d")" == */hwsim*/* ]] && return 1
	done
	return 0
}

# 1. One simulated device: its WWAN device and default link (link id 1).
DEF_LINK=
ok=1
module_unload wwan_hwsim || ok=0
modprobe wwan_hwsim devices=1 || ok=0
wait_for hwsim_find || { ktap_info "no WWAN device of wwan_hwsim with one link"; ok=0; }
if [ $ok = 1 ]; then
	for d in "/sys/class/wwan/$WWAN/net/"*; do
		DEF_LINK=${d##*/}
	done
fi
ktap_result "wwan_hwsim: WWAN device ${WWAN:-?} with default link ${DEF_LINK:-?}" test $ok = 1
if [ $ok = 0 ]; then
	ktap_finish
fi

# 2-4. Links by link id, which is all they report.
check_facts "default link: linkid 1 only" "$DEF_LINK" "linkid=1"
ip link add hw5 parentdev "$WWAN" type wwan linkid 5 || ktap_info "ip link add hw5 failed"
check_facts "link by linkid 5 (ip): linkid 5 only" hw5 "linkid=5"
wwanlink add hw6 dev "$WWAN" linkid 6 || ktap_info "wwanlink add hw6 failed"
check_facts "link by linkid 6 (wwanlink): linkid 6 only" hw6 "linkid=6"

# 5-8. A description is refused, with or without a link id; what the core
# checks before asking the driver is as on any device.
msg="this WWAN device takes a link id, not a channel"
EOPNOTSUPP="Operation not supported"
refused_ip "ip: channel refused" "$msg" "$WWAN" channel 0
refused_wl "wwanlink: channel refused" "$msg" "$EOPNOTSUPP" "$WWAN" linkid 7 channel 0 mux-id 1
refused_ip "ip: mux-id without channel" "a WWAN protocol or mux ID needs a channel" \
	"$WWAN" linkid 7 mux-id 1
refused_wl "wwanlink: neither link id nor channel" "a WWAN link needs a link id or a channel" \
	"Invalid argument" "$WWAN"

# 9. Deleting by either tool.
ok=1
wwanlink del hw6 || ok=0
ip link del hw5 || ok=0
[ "$(link_count "$WWAN")" = 1 ] || ok=0
[ ! -e /sys/class/net/hw5 ] && [ ! -e /sys/class/net/hw6 ] || ok=0
ktap_result "links deleted by wwanlink and ip, the default link left" test $ok = 1

# 10. Unloading removes the device and its links.
ok=1
module_unload wwan_hwsim || ok=0
wait_for hwsim_gone || ok=0
[ ! -e "/sys/class/net/$DEF_LINK" ] || ok=0
ktap_result "unloading wwan_hwsim removes its WWAN device and links" test $ok = 1

ktap_finish
