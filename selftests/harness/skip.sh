#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Skips as a whole, as a test does when its environment is missing, for
# scripts/selftest-harness: the runner must fail it, since EXPECTED_SKIPS
# in scripts/vm-tests does not list it. Not in TEST_PROGS: the default run
# never sees it.

. "$(dirname "$0")/../lib.sh"

ktap_header
ktap_skip_all "harness: a skip nobody declared expected"
