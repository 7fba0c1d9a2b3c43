# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the tests of WWAN link attributes: what `ip -d`, `ip -j -d`,
# `wwanlink list` and `wwanlink -j list` report about a link, and requests
# refused by the kernel through both ip and wwanlink. Sourced after lib.sh;
# the caller sets WWAN (the WWAN device) and ERR (a scratch file).
#
# Facts are normalised to "dev=WWANDEV linkid=N[ channel=N protocol=P
# mux_id=N]", in the order the tools print them.

# facts_words OUT WORDS...: the leading "key value" pairs of WORDS whose
# key is one of FACT_KEYS, as key=value (parentdev as dev, mux-id as
# mux_id) into OUT.
FACT_KEYS=" dev parentdev linkid channel protocol mux-id "
facts_words() {
	local -n _fw=$1
	local k

	shift
	_fw=
	while [ $# -ge 2 ]; do
		k=$1
		[[ "$FACT_KEYS" == *" $k "* ]] || break
		[ "$k" = parentdev ] && k=dev
		_fw+=" ${k//-/_}=$2"
		shift 2
	done
	_fw=${_fw# }
}

# json_facts OUT TEXT: a JSON object's members ("k":v,"k":"s") as k=v.
json_facts() {
	local -n _jf=$1
	local t=$2

	t=${t//\"/}
	t=${t//:/=}
	_jf=${t//,/ }
}

# facts_ip NAME: `ip -d link show NAME`: the words after "wwan", with
# parentdev in front.
facts_ip() {
	local - out f dev=
	local -a w
	local i

	out=$(ip -d link show "$1") || return 1
	set -f
	# shellcheck disable=SC2206 # the words of ip's output
	w=($out)
	for i in "${!w[@]}"; do
		[ "${w[$i]}" = parentdev ] && dev=${w[$((i + 1))]:-}
	done
	for i in "${!w[@]}"; do
		[ "${w[$i]}" = wwan ] && [ "${w[$((i + 1))]:-}" = linkid ] || continue
		facts_words f "${w[@]:$((i + 1))}"
		echo "dev=$dev $f"
		return 0
	done
	return 1
}

# facts_ipj NAME: `ip -j -d link show NAME`: linkinfo.info_data, with
# parentdev in front.
facts_ipj() {
	local out f dev=

	out=$(ip -j -d link show "$1") || return 1
	[[ "$out" =~ \"parentdev\":\"([^\"]*)\" ]] && dev=${BASH_REMATCH[1]}
	[[ "$out" =~ \"info_kind\":\"wwan\",\"info_data\":\{([^\}]*)\} ]] || return 1
	json_facts f "${BASH_REMATCH[1]}"
	echo "dev=$dev $f"
}

# facts_wl NAME: NAME's line of `wwanlink list WWAN`, which must be the
# only one.
facts_wl() {
	local - out line f n=0 res=
	local -a lines w

	out=$(wwanlink list "$WWAN") || return 1
	mapfile -t lines <<<"$out"
	set -f
	for line in "${lines[@]}"; do
		# shellcheck disable=SC2206 # the words of the line
		w=($line)
		[ "${w[0]:-}" = "$1" ] || continue
		n=$((n + 1))
		facts_words f "${w[@]:1}"
		res=$f
	done
	[ "$n" = 1 ] && echo "$res"
}

# facts_wlj NAME: NAME's object in `wwanlink -j list WWAN`.
facts_wlj() {
	local out f

	out=$(wwanlink -j list "$WWAN") || return 1
	[[ "$out" =~ \{\"ifname\":\""$1"\",([^\}]*)\} ]] || return 1
	json_facts f "${BASH_REMATCH[1]}"
	echo "$f"
}

# check_facts DESC NAME WANT: one case: all four reports of link NAME are
# WANT ("linkid=N ...", dev=$WWAN in front added here).
check_facts() {
	local desc=$1 name=$2 want="dev=$WWAN $3" how got ok=1

	for how in ip ipj wl wlj; do
		got=$("facts_$how" "$name")
		[ "$got" = "$want" ] && continue
		ktap_info "$name: $how reports '$got', want '$want'"
		ok=0
	done
	ktap_result "$desc" test $ok = 1
}

# link_count WWANDEV: how many links WWANDEV has.
link_count() {
	local d n=0

	for d in "/sys/class/wwan/$1/net/"*; do
		[ -e "$d" ] && n=$((n + 1))
	done
	echo "$n"
}

# refused_ip DESC MSG DEV ARGS...: `ip link add bad [parentdev DEV] type
# wwan ARGS` fails, saying exactly "Error: MSG.", and adds no link.
refused_ip() {
	local desc=$1 msg=$2 dev=$3 before
	local -a parent=()

	shift 3
	[ -n "$dev" ] && parent=(parentdev "$dev")
	before=$(link_count "$WWAN")
	if ip link add bad "${parent[@]}" type wwan "$@" 2>"$ERR"; then
		ip link del bad
		ktap_fail "$desc: accepted"
	elif [ "$(<"$ERR")" != "Error: $msg." ]; then
		ktap_info "stderr: $(<"$ERR")"
		ktap_fail "$desc: not 'Error: $msg.'"
	elif [ "$(link_count "$WWAN")" != "$before" ] || [ -e /sys/class/net/bad ]; then
		ktap_fail "$desc: links changed"
	else
		ktap_ok "$desc"
	fi
}

# refused_wl DESC MSG ERRNO DEV ARGS...: `wwanlink add bad [dev DEV] ARGS`
# exits 2, saying exactly "wwanlink: MSG (ERRNO)", and adds no link.
refused_wl() {
	local desc=$1 msg=$2 errno=$3 dev=$4 before rc=0
	local -a parent=()

	shift 4
	[ -n "$dev" ] && parent=(dev "$dev")
	before=$(link_count "$WWAN")
	wwanlink add bad "${parent[@]}" "$@" 2>"$ERR" || rc=$?
	if [ "$rc" = 0 ]; then
		ip link del bad
		ktap_fail "$desc: accepted"
	elif [ "$rc" != 2 ] || [ "$(<"$ERR")" != "wwanlink: $msg ($errno)" ]; then
		ktap_info "exit $rc, stderr: $(<"$ERR")"
		ktap_fail "$desc: not exit 2 with 'wwanlink: $msg ($errno)'"
	elif [ "$(link_count "$WWAN")" != "$before" ] || [ -e /sys/class/net/bad ]; then
		ktap_fail "$desc: links changed"
	else
		ktap_ok "$desc"
	fi
}
