# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for the bam-dmux selftests: KTAP output, network namespaces,
# modules and bounded waits. Sourced by each test script:
#
#   . "$(dirname "$0")/lib.sh"
#   ktap_header
#   ktap_plan 2
#   ...; ktap_ok "first case" (or ktap_fail / ktap_skip "why")
#   ktap_finish
#
# No timing assertions anywhere: the tests run under TCG with KASAN and
# lockdep, where everything is slow and nothing is regular.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

KTAP_NUM=0
KTAP_PASSED=0
KTAP_FAILED=0
KTAP_SKIPPED=0
KTAP_PLANNED=0
LIB_NETNS=()

ktap_header() {
	echo "TAP version 13"
}

ktap_plan() {
	KTAP_PLANNED=$1
	echo "1..$1"
}

# Diagnostics: anything for the reader of the log, never parsed.
ktap_info() {
	echo "# $*"
}

ktap_ok() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_PASSED=$((KTAP_PASSED + 1))
	echo "ok $KTAP_NUM $*"
}

ktap_fail() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_NUM $*"
}

ktap_skip() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_SKIPPED=$((KTAP_SKIPPED + 1))
	echo "ok $KTAP_NUM $* # SKIP"
}

# ktap_result DESC CMD...: one case from a command's exit status.
ktap_result() {
	local desc=$1

	shift
	if "$@"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
}

# Skip the whole script: plan and one skipped case, exit 4.
ktap_skip_all() {
	[ "$KTAP_PLANNED" -eq 0 ] && ktap_plan 1
	ktap_skip "$*"
	exit "$KSFT_SKIP"
}

# Close the script: cases missing from the plan count as failures; exit 1
# on any failure, 4 if everything was skipped, 0 otherwise.
ktap_finish() {
	if [ "$KTAP_PLANNED" -gt 0 ] && [ "$KTAP_NUM" -ne "$KTAP_PLANNED" ]; then
		ktap_info "planned $KTAP_PLANNED cases, ran $KTAP_NUM"
		KTAP_FAILED=$((KTAP_FAILED + 1))
	fi
	ktap_info "Totals: pass:$KTAP_PASSED fail:$KTAP_FAILED skip:$KTAP_SKIPPED"
	if [ "$KTAP_FAILED" -gt 0 ]; then
		exit "$KSFT_FAIL"
	fi
	if [ "$KTAP_PASSED" -eq 0 ] && [ "$KTAP_SKIPPED" -gt 0 ]; then
		exit "$KSFT_SKIP"
	fi
	exit "$KSFT_PASS"
}

# require_root / require_cmd / require_module: skip the script when the
# environment cannot run it, rather than failing.
require_root() {
	[ "$EUID" -eq 0 ] || ktap_skip_all "needs root"
}

require_cmd() {
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null || ktap_skip_all "$c not installed"
	done
}

# True when MODULE can be loaded (already loaded, built in, or on disk):
# looked up in modules.dep and modules.builtin by bash, as modprobe -n
# would, without the second it takes to start modprobe under TCG.
module_available() {
	local m=${1//-/_} krel f line name

	[ -d "/sys/module/$m" ] && return 0
	readf krel /proc/sys/kernel/osrelease
	for f in modules.dep modules.builtin; do
		[ -r "/lib/modules/$krel/$f" ] || continue
		while IFS= read -r line; do
			name=${line%%:*}
			name=${name##*/}
			name=${name%%.ko*}
			[ "${name//-/_}" = "$m" ] && return 0
		done <"/lib/modules/$krel/$f"
	done
	return 1
}

require_module() {
	module_available "$1" || ktap_skip_all "module $1 not built"
}

# Remove a module if loaded; true when it is gone.
module_unload() {
	local m=${1//-/_}

	[ -d "/sys/module/$m" ] || return 0
	rmmod "$m" 2>/dev/null || return 1
	[ ! -d "/sys/module/$m" ]
}

# nap SECS: sleep without starting a process. Under TCG with KASAN every
# exec costs the better part of a second, so sleep(1) in a polling loop
# would be most of the loop. read -t on a pipe that never has data, held
# open read-write so that it never reports EOF, is bash's own timer.
LIB_NAP_FD=
nap() {
	if [ -z "$LIB_NAP_FD" ]; then
		exec {LIB_NAP_FD}<> <(:) || { sleep "$1"; return 0; }
	fi
	read -r -t "$1" -u "$LIB_NAP_FD" || true
}

# readf VAR FILE: read the first line of FILE into VAR, without a process
# (empty if FILE cannot be read).
readf() {
	local -n _readf_var=$1

	_readf_var=
	IFS= read -r _readf_var 2>/dev/null <"$2" || [ -n "$_readf_var" ]
}

# wait_for [-t TRIES] CMD...: retry CMD every 0.1 s up to TRIES times
# (default 100). Bounded so a broken condition fails instead of hanging;
# the bound is generous because TCG is slow, and never a measurement.
wait_for() {
	local tries=100 i

	if [ "${1:-}" = -t ]; then
		tries=$2
		shift 2
	fi
	for ((i = 0; i < tries; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		nap 0.1
	done
	return 1
}

# wait_gone PATH: wait until a file or directory disappears.
wait_gone() {
	wait_for test ! -e "$1"
}

# netns_new NAME: create a namespace with lo up and IPv6 off, removed by
# netns_cleanup (installed as an EXIT trap by the first call).
netns_new() {
	ip netns add "$1" || return 1
	ip -n "$1" link set lo up || return 1
	# IPv4 only: IPv6 autoconfiguration would add packets of its own to
	# the counters the tests compare exactly. Devices moved in later
	# start from these defaults.
	ip netns exec "$1" sh -c 'for f in all default; do
		echo 1 > /proc/sys/net/ipv6/conf/$f/disable_ipv6; done' || return 1
	# Only if the script has no EXIT trap of its own (which then calls
	# netns_cleanup itself).
	if [ "${#LIB_NETNS[@]}" -eq 0 ] && [ -z "$(trap -p EXIT)" ]; then
		trap netns_cleanup EXIT
	fi
	LIB_NETNS+=("$1")
}

# in_netns NAME CMD...: run CMD inside namespace NAME.
in_netns() {
	local ns=$1

	shift
	ip netns exec "$ns" "$@"
}

netns_cleanup() {
	local ns

	for ns in "${LIB_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	LIB_NETNS=()
}
