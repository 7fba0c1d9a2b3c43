#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Deliberate kernel WARN for scripts/selftest-harness, through LKDTM. The
# script itself passes; the runner must still fail the run on the splat.
# Not in TEST_PROGS: the default run never sees it.

. "$(dirname "$0")/../lib.sh"

PROVOKE=/sys/kernel/debug/provoke-crash/DIRECT

ktap_header
require_root
require_module lkdtm
ktap_plan 2
ktap_result "harness: modprobe lkdtm" modprobe lkdtm
ktap_result "harness: provoke WARNING" sh -c "echo WARNING > $PROVOKE"
module_unload lkdtm
ktap_finish
