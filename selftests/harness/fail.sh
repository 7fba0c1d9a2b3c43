#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Deliberately failing test for scripts/selftest-harness: one case passes,
# one fails, so the runner must report exactly one failure. Not in
# TEST_PROGS: the default run never sees it.

. "$(dirname "$0")/../lib.sh"

ktap_header
ktap_plan 2
ktap_ok "harness: a passing case"
ktap_fail "harness: a deliberately failing case"
ktap_finish
