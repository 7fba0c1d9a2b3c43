#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The driver's modules load and unload cleanly, twice: the simulator pulls
# in the core (and wwan), and removing both leaves nothing behind.

DIR=${0%/*}
[ "$DIR" != "$0" ] || DIR=.
. "$DIR/lib.sh"

SIM=bam_dmux_sim
CORE=bam_dmux_core

ktap_header
require_root
require_module "$SIM"
require_module "$CORE"

ROUNDS=2
ktap_plan $((ROUNDS * 4))

# load_fresh: modprobe SIM with neither module loaded before (vm-init
# loads the simulator before the tests: start from nothing).
load_fresh() {
	if ! module_unload "$SIM" || ! module_unload "$CORE"; then
		ktap_info "cannot unload $SIM and $CORE before loading them"
		return 1
	fi
	modprobe "$SIM"
}

for ((round = 1; round <= ROUNDS; round++)); do
	ktap_result "round $round: modprobe $SIM" load_fresh
	ktap_result "round $round: $SIM and $CORE in /sys/module" \
		test -d "/sys/module/$SIM" -a -d "/sys/module/$CORE"
	ktap_result "round $round: rmmod $SIM" module_unload "$SIM"
	ktap_result "round $round: rmmod $CORE" module_unload "$CORE"
done

# Leave the modules loaded, as vm-init did, for the tests that follow.
modprobe "$SIM" || ktap_info "reloading $SIM failed"

ktap_finish
