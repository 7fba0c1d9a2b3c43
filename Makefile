# SPDX-License-Identifier: GPL-2.0-only
#
# Entry points of the project. Each target delegates to scripts/; see
# README.md. The kernel modules themselves are built through Kbuild
# (make -C <kernel build dir> M=$PWD), which never reads this file.

.PHONY: all deps kernel iproute2 tools modules modules-arm64 selftests \
	checkpatch fuzz harness vm-tests check run series series-check bench

all: run

deps:
	scripts/install-deps

kernel: deps
	scripts/prepare-kernel all

iproute2: deps
	scripts/build-iproute2

# The userspace tools (wwanlink) into build/tools.
tools: deps
	scripts/build-tools

# Exit 4 means "no module sources yet": nothing to build is not an error.
modules: kernel
	scripts/build-modules x86_64 || [ $$? -eq 4 ]

modules-arm64: kernel
	scripts/build-modules arm64 || [ $$? -eq 4 ]

# The selftests' helper programs (TEST_GEN_FILES).
selftests: deps
	scripts/build-selftests

checkpatch:
	scripts/checkpatch

# The QMAP codec in userspace with ASan and UBSan, under a seeded fuzzer
# (SEED=N ITERATIONS=N to vary it).
fuzz:
	$(MAKE) -C rmnet-qmap/fuzz run

harness: kernel
	scripts/selftest-harness

vm-tests: kernel iproute2 tools modules selftests
	scripts/vm-run scripts/vm-tests

# Everything; ends with "N passed, N failed, N skipped".
check:
	scripts/check

# The kernel series (build/series/out/) and the iproute2 series
# (build/series/iproute2/) for the mailing list, made from the current
# sources; see README.md, "Patch series".
series: deps iproute2
	scripts/export-series

# Every patch of both series applied in turn to the pinned trees, each
# tree built after each patch, checkpatch --strict on each (KTAP).
series-check: series
	scripts/check-series

# The data path against rmnet and the bare stack, the control plane and
# memory, measured in one boot of a kernel without the debug options (a
# second cached build, build/kernel-x86_64-bench): one table, and
# build/bench/result.json. BENCH_ARGS=--quick for the smoke run.
bench: deps
	scripts/bench $(BENCH_ARGS)

# The main job: build what is missing, boot the VM and run scripts/demo.
run: deps kernel iproute2 tools modules selftests
	scripts/vm-run scripts/demo
