#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A leaked netdev reference, for scripts/selftest-harness. The script
# writes the very line the kernel logs while it waits for a device's last
# reference to go (bd9 is a made-up name) into the kernel log through
# /dev/kmsg: nothing leaks, so this proves the runner's detection of the
# line, not that the kernel prints it. The script itself passes; the runner
# must fail it for the line. Not in TEST_PROGS: the default run never sees
# it.

. "$(dirname "$0")/../lib.sh"

# shellcheck disable=SC2317 # called through ktap_result
log_leak() {
	echo "unregister_netdevice: waiting for bd9 to become free. Usage count = 2" >/dev/kmsg
}

ktap_header
require_root
ktap_plan 1
ktap_result "harness: log a leaked netdev reference" log_leak
ktap_finish
