#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The modem is a resource of the host. A user who owns nothing but a user
# namespace of their own (unshare -Urn, which Debian allows) cannot create
# a link on the host's modem, cannot reach the host's links, and cannot
# reconfigure the modem through a link root handed to their namespace.
# Root can, and so can the owner of the namespace all the default links of
# the modem were moved to: that is where whoever manages the modem put
# them. Handing one of them over does not hand over the modem.
set -u
DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"
. "$DIR/sim_lib.sh"

ktap_header
require_root
require_cmd setpriv unshare nsenter ethtool
require_module bam_dmux_sim
[ -x "$DIR/ethtool_aggr" ] || ktap_skip_all "ethtool_aggr not built"
ktap_plan 10

NOBODY=65534
NOCAP="need CAP_NET_ADMIN where the modem is"
ETH_NOCAP="the modem's settings need CAP_NET_ADMIN where the modem is"
ERR=$(mktemp)
USER_PID=
cleanup() {
	if [ -n "$USER_PID" ]; then
		kill "$USER_PID" 2>/dev/null
		wait "$USER_PID" 2>/dev/null
	fi
	sim_stop
	rm -f "$ERR"
}
trap cleanup EXIT

# as_nobody CMD...: CMD as an unprivileged user in a user and network
# namespace of their own, made for it.
as_nobody() {
	setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups unshare -Urn "$@"
}

# in_userns CMD...: CMD in the long-lived namespaces of USER_PID, with all
# the capabilities of their owner there and none on the host.
in_userns() {
	nsenter -t "$USER_PID" -U -n "$@"
}

# refused DESC MSG CMD...: CMD fails, says MSG, and the modem's links are
# the same before and after.
refused() {
	local desc=$1 msg=$2 before after
	local -a links

	shift 2
	wwan_links links
	before="${links[*]}"
	if "$@" 2>"$ERR" >/dev/null; then
		ktap_fail "$desc: accepted"
		return
	fi
	wwan_links links
	after="${links[*]}"
	if [[ "$(<"$ERR")" != *"$msg"* ]]; then
		ktap_info "stderr: $(<"$ERR")"
		ktap_fail "$desc: no message '$msg'"
	elif [ "$before" != "$after" ]; then
		ktap_fail "$desc: links changed ($before -> $after)"
	else
		ktap_ok "$desc"
	fi
}

# ns_other PID: PID runs in a user namespace other than ours.
ns_other() {
	[ "$(readlink "/proc/$1/ns/user")" != "$(readlink /proc/self/ns/user)" ] &&
		[ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]
}

if ! sim_start; then
	ktap_fail "simulated modem loads"
	ktap_finish
fi

# 1. What the issue showed: a link on the host's modem, taken into a
# namespace the user made. A QMAP session and a raw channel alike.
refused "unprivileged user namespace: QMAP link on the host's modem refused" \
	"$NOCAP" as_nobody ip link add u1 parentdev "$WWAN" type wwan linkid 1
ip link del "${CHAN_LINK[3]}" || ktap_info "cannot delete ${CHAN_LINK[3]}"
refused "unprivileged user namespace: free channel 3 refused" \
	"$NOCAP" as_nobody ip link add u3 parentdev "$WWAN" type wwan linkid 0x300

# 2. The host's links are out of its sight.
refused "unprivileged user namespace: the host's default link cannot be deleted" \
	"Cannot find device" as_nobody ip link del "$DEF_LINK"

# 3. Root hands channel 2's link to a namespace of the user's; its owner
# may use the link, not reconfigure the modem through it.
ok=1
L2=${CHAN_LINK[2]}
setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups unshare -Urn sleep 600 &
USER_PID=$!
wait_for ns_other "$USER_PID" || { ktap_info "no namespaces for the user"; ok=0; }
ip link set "$L2" netns "$USER_PID" || ok=0
in_userns ip link set "$L2" up || { ktap_info "$L2 cannot be set up there"; ok=0; }
[[ "$(in_userns ip link show "$L2")" == *"state UP"* ]] ||
	{ ktap_info "$L2 is not up there"; ok=0; }
ktap_result "a link handed to the user's namespace is theirs to use" test $ok = 1
refused "through a handed link: ethtool -G refused" "$ETH_NOCAP" \
	in_userns ethtool -G "$L2" rx 64
refused "through a handed link: tx-aggr (ethtool -C) refused" "$ETH_NOCAP" \
	in_userns "$DIR/ethtool_aggr" "$L2" 1 8192 100

# 4. Root still manages the modem.
ok=1
in_userns ip link set "$L2" down || ok=0
ethtool -G "$DEF_LINK" rx 64 || ok=0
ethtool -G "$DEF_LINK" rx 32 || ok=0
ip link add bd3 parentdev "$WWAN" type wwan linkid 0x300 || ok=0
ip link del bd3 || ok=0
ktap_result "root still creates links and sets the modem's rings" test $ok = 1

# 5. With every default link of the modem in the user's namespace, its
# owner manages the modem: creates and deletes links, sets the rings.
ok=1
for ch in 0 1 4 5 6 7; do
	ip link set "${CHAN_LINK[$ch]}" netns "$USER_PID" || ok=0
done
in_userns ip link add u3 parentdev "$WWAN" type wwan linkid 0x300 || ok=0
in_userns ethtool -G u3 rx 64 || ok=0
in_userns ethtool -G u3 rx 32 || ok=0
in_userns ip link del u3 || ok=0
ktap_result "the owner of the default links' namespace manages the modem" test $ok = 1

# 6. Without any default link left, the modem is back in the initial
# namespace only: no rule passes for want of a link to check.
ok=1
for ch in 0 1 2 4 5 6 7; do
	in_userns ip link del "${CHAN_LINK[$ch]}" || ok=0
done
left=$(in_userns ip -o link show type wwan; ip -o link show type wwan)
[ -z "$left" ] || { ktap_info "links left: $left"; ok=0; }
ktap_result "every default link deleted" test $ok = 1
refused "no default link left: the namespace's owner refused" "$NOCAP" \
	in_userns ip link add u4 parentdev "$WWAN" type wwan linkid 0x400

ktap_finish
