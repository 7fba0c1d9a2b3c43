#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Hangs after its first case, for scripts/selftest-harness, which gives
# the runner a short per-test timeout (vm-tests --timeout): the runner must
# kill it and report the timeout, with the case it never reached counted
# failed. Not in TEST_PROGS: the default run never sees it.

. "$(dirname "$0")/../lib.sh"

ktap_header
ktap_plan 2
ktap_ok "harness: a case before the hang"
# Far longer than the harness's timeout, and than the VM's own.
sleep 3600
ktap_ok "harness: a case after the hang"
ktap_finish
