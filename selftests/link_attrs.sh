#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# WWAN links described by channel, protocol and mux ID (IFLA_WWAN_CHANNEL,
# _PROTOCOL, _MUX_ID) on bam-dmux: the raw link of a channel and QMAP
# sessions (plain, MAPv4, MAPv5) created by link id and by description
# give the same link, and ip -d, ip -j -d, wwanlink list and wwanlink -j
# list report the same facts about it; requests the WWAN core refuses are
# refused through ip and wwanlink alike, each with the core's message.
#
# bam-dmux link ids: csum << 16 | channel << 8 | mux ID, csum 0 (raw IP or
# plain QMAP), 4 (MAPv4) or 5 (MAPv5).
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"
. "$DIR/wwan_lib.sh"

ktap_header
require_root
require_cmd wwanlink
require_module bam_dmux_sim
ktap_plan 28

ERR=$(mktemp)
trap 'rm -f "$ERR"; sim_stop' EXIT

if ! sim_start; then
	ktap_fail "simulated modem loads and the default link appears"
	ktap_finish
fi

RAW0="linkid=0 channel=0 protocol=none mux_id=0"
QMAP1="linkid=1 channel=0 protocol=qmap mux_id=1"
QMAP2="linkid=2 channel=0 protocol=qmap mux_id=2"
V5_5="linkid=$((0x50105)) channel=1 protocol=qmapv5 mux_id=5"
V5_6="linkid=$((0x50106)) channel=1 protocol=qmapv5 mux_id=6"
V4_1="linkid=$((0x40201)) channel=2 protocol=qmapv4 mux_id=1"

# add_ip NAME ARGS...: ip link add NAME on the modem, type wwan ARGS.
add_ip() {
	local name=$1

	shift
	ip link add "$name" parentdev "$WWAN" type wwan "$@" ||
		ktap_info "ip link add $name ... $* failed"
}

# add_wl NAME ARGS...: wwanlink add NAME on the modem with ARGS.
add_wl() {
	local name=$1

	shift
	wwanlink add "$name" dev "$WWAN" "$@" ||
		ktap_info "wwanlink add $name ... $* failed"
}

# 1-4. The raw link of a channel: the default links of channels 0 and 1,
# then channel 0's by channel (wwanlink) and by link id (ip).
check_facts "default link $DEF_LINK: linkid 0 is channel 0, raw IP" "$DEF_LINK" "$RAW0"
check_facts "default link ${CHAN_LINK[1]:-?}: linkid 256 is channel 1, raw IP" \
	"${CHAN_LINK[1]:-}" "linkid=256 channel=1 protocol=none mux_id=0"
wwanlink del "$DEF_LINK" || ktap_info "wwanlink del $DEF_LINK failed"
add_wl raw0 channel 0
check_facts "raw link by channel 0 (wwanlink): the default link's facts" raw0 "$RAW0"
ip link del raw0
add_ip raw0 linkid 0
check_facts "raw link by linkid 0 (ip): the same" raw0 "$RAW0"

# 5-7. QMAP sessions on channel 0, beside its raw link (down).
add_ip qmap1 linkid 1
check_facts "QMAP mux 1 by linkid 1 (ip): channel 0, qmap" qmap1 "$QMAP1"
wwanlink del qmap1 || ktap_info "wwanlink del qmap1 failed"
add_wl qmap1 channel 0 mux-id 1
check_facts "QMAP mux 1 by channel 0 mux-id 1 (wwanlink): the same" qmap1 "$QMAP1"
add_ip qmap2 linkid 2 channel 0 protocol qmap mux-id 2
check_facts "QMAP mux 2 by linkid and description agreeing (ip)" qmap2 "$QMAP2"

# 8-10. MAPv5 on channel 1; a mux ID without a protocol gets the
# channel's.
add_ip v5m5 linkid 0x50105
check_facts "QMAPv5 mux 5 by linkid 0x50105 (ip): channel 1, qmapv5" v5m5 "$V5_5"
ip link del v5m5
add_wl v5m5 channel 1 protocol qmapv5 mux-id 5
check_facts "QMAPv5 mux 5 by channel 1 protocol qmapv5 mux-id 5 (wwanlink)" v5m5 "$V5_5"
add_ip v5m6 channel 1 mux-id 6
check_facts "channel 1 mux-id 6 without protocol: the channel's qmapv5" v5m6 "$V5_6"

# 11-12. MAPv4 on channel 2.
add_ip v4m1 channel 2 protocol qmapv4 mux-id 1
check_facts "QMAPv4 mux 1 by channel 2 protocol qmapv4 mux-id 1 (ip)" v4m1 "$V4_1"
wwanlink del v4m1 || ktap_info "wwanlink del v4m1 failed"
add_wl v4m1 linkid 0x40201
check_facts "QMAPv4 mux 1 by linkid 0x40201 (wwanlink): the same" v4m1 "$V4_1"

# 13-22. The WWAN core's refusals, through ip and wwanlink.
EINVAL="Invalid argument"
ENODEV="No such device"
msg="link id 7 is not the described link (8)"
refused_ip "ip: link id and description disagree" "$msg" "$WWAN" \
	linkid 7 channel 0 mux-id 8
refused_wl "wwanlink: link id and description disagree" "$msg" "$EINVAL" "$WWAN" \
	linkid 7 channel 0 mux-id 8
msg="a WWAN protocol or mux ID needs a channel"
refused_ip "ip: protocol without channel" "$msg" "$WWAN" linkid 3 protocol qmap
refused_wl "wwanlink: mux-id without channel" "$msg" "$EINVAL" "$WWAN" linkid 3 mux-id 3
msg="a WWAN link needs its WWAN device as parentdev"
refused_ip "ip: no parentdev" "$msg" "" linkid 0x300
refused_wl "wwanlink: no dev" "$msg" "$EINVAL" "" linkid 0x300
msg="no WWAN device named wwan99"
refused_ip "ip: unknown parentdev" "$msg" wwan99 linkid 0x300
refused_wl "wwanlink: unknown dev" "$msg" "$ENODEV" wwan99 linkid 0x300
msg="a WWAN link needs a link id or a channel"
refused_ip "ip: neither link id nor channel" "$msg" "$WWAN"
refused_wl "wwanlink: neither link id nor channel" "$msg" "$EINVAL" "$WWAN"

# 23-27. bam-dmux's own refusals of descriptions, each with its text.
D=bam_dmux_core
refused_ip "ip: channel 9" "$D: channel 9 does not exist (0-7)" "$WWAN" channel 9
refused_ip "ip: protocol none with a mux id" "$D: a raw-IP link has no mux-id" \
	"$WWAN" channel 3 protocol none mux-id 3
refused_ip "ip: qmap with mux id 0" \
	"$D: QMAP mux-id 0 is reserved or out of range: 1-254" \
	"$WWAN" channel 3 protocol qmap mux-id 0
refused_ip "ip: mux id 300" \
	"$D: QMAP mux-id 300 is reserved or out of range: 1-254" \
	"$WWAN" channel 3 mux-id 300
refused_ip "ip: qmapv5 on a channel carrying qmap" \
	"$D: channel 0 carries qmap, not qmapv5" \
	"$WWAN" channel 0 protocol qmapv5 mux-id 9

# 28. wwanlink's other exit statuses: 1 for its usage errors, 3 for what
# it finds wrong before asking the kernel.
ok=1
for t in "1 add bad dev $WWAN protocol qmap6" "1 add bad dev $WWAN linkid -1" \
	"1 del" "3 del nosuchlink" "3 del lo" "3 list wwan99"; do
	rc=0
	# shellcheck disable=SC2086 # the words of the command
	wwanlink ${t#* } 2>"$ERR" || rc=$?
	[ "$rc" = "${t%% *}" ] && continue
	ktap_info "wwanlink ${t#* }: exit $rc, want ${t%% *}: $(<"$ERR")"
	ok=0
done
[ -e /sys/class/net/lo ] || ok=0
ktap_result "wwanlink exits 1 on usage errors, 3 on no such link or device" test $ok = 1

ktap_finish
