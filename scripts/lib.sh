# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2034 # variables for the scripts that source this
# Shared paths and helpers for the build and VM scripts. Sourced, not run.

# Parameter expansion rather than dirname(1), and no nproc(1) here: the
# test VM sources this file too, where a process costs the better part of
# a second. Build steps use ${JOBS:-$(nproc)}.
case "${BASH_SOURCE[0]}" in
*/*) TOP=${BASH_SOURCE[0]%/*}/.. ;;
*) TOP=.. ;;
esac
TOP=$(cd "$TOP" && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=$BUILD/linux
KOBJ_X86=$BUILD/kernel-x86_64
KOBJ_ARM64=$BUILD/kernel-arm64
MODROOT=$BUILD/modroot
# The benchmark kernel (scripts/prepare-kernel bench) and its modules.
KOBJ_BENCH=$BUILD/kernel-x86_64-bench
MODROOT_BENCH=$BUILD/modroot-bench
IPROUTE_DIR=$BUILD/iproute2
IPROUTE_BIN=$BUILD/iproute2-install/sbin
KTARBALL=${KTARBALL:-/usr/src/linux-source-6.12.tar.xz}

# Relative ccache keys let a fresh clone elsewhere on this machine reuse the
# objects an earlier clone compiled.
export CCACHE_BASEDIR=$TOP
export CCACHE_NOHASHDIR=1

# readf VAR FILE: the first line of FILE into VAR, without a process (a
# process costs the better part of a second in the test VM).
readf() {
	local -n _readf_var=$1

	_readf_var=
	IFS= read -r _readf_var 2>/dev/null <"$2" || [ -n "$_readf_var" ]
}

# split_lines ARRAY TEXT: the non-empty lines of TEXT into ARRAY. For a
# command's output, $(...) and this rather than a read loop on a pipe:
# bash's read makes a system call per byte there, which costs seconds in
# the test VM.
split_lines() {
	local -n _sl=$1
	local - IFS=$'\n'

	set -f
	# shellcheck disable=SC2206 # split on newlines, globbing off
	_sl=($2)
}

# Clean verdicts of deterministic checks (checkpatch, shellcheck, the arm64
# compile check), remembered as build/CHECK-clean/KEY, KEY being a hash of
# everything the verdict depends on. Only clean verdicts are remembered.
#   known_clean CHECK KEY     true when CHECK found KEY clean before
#   remember_clean CHECK KEY
known_clean() {
	[ -e "$BUILD/$1-clean/$2" ]
}

remember_clean() {
	mkdir -p "$BUILD/$1-clean"
	: >"$BUILD/$1-clean/$2"
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

kmake_x86() {
	make -C "$KSRC" O="$KOBJ_X86" ARCH=x86_64 CC="ccache gcc" -j"${JOBS:-$(nproc)}" "$@"
}

kmake_arm64() {
	make -C "$KSRC" O="$KOBJ_ARM64" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" \
		-j"${JOBS:-$(nproc)}" "$@"
}

# Kernel log lines that mean a splat: WARN/BUG/oops, KASAN and UBSAN,
# lockdep and RCU reports, kmemleak, stalls and panics, and a net device
# whose unregistration waits for a leaked reference. Matched against the
# kernel's own log only (serial console, dmesg), never against test output,
# so a test printing these words does not count.
SPLAT_RE='WARNING:|BUG:|kernel BUG at|Oops|KASAN:|UBSAN:|general protection fault'
SPLAT_RE+='|possible circular locking|possible recursive locking|inconsistent lock state'
SPLAT_RE+='|suspicious RCU usage|sleeping function called from invalid context'
SPLAT_RE+='|Call Trace:|Kernel panic|kmemleak: [0-9]+ new suspected|unreferenced object'
SPLAT_RE+='|detected stall|soft lockup|hard LOCKUP|blocked for more than'
SPLAT_RE+='|unregister_netdevice: waiting'
# dma-debug switching itself off would silence every later DMA check.
SPLAT_RE+='|DMA-API: .*(out of memory|ENOMEM)'
export SPLAT_RE

# Developers share one work tree and build/: steps that rewrite something
# take a lock, and a VM run holds "vm-inputs" shared so that build/modroot
# and build/iproute2-install are not replaced under a running guest.
#   build_lock -x|-s NAME   wait for and take the lock (until exit)
#   build_unlock NAME
declare -gA BUILD_LOCK_FD=()

build_lock() {
	local mode=$1 name=$2 fd

	mkdir -p "$BUILD"
	exec {fd}>>"$BUILD/.lock-$name"
	BUILD_LOCK_FD[$name]=$fd
	flock -n "$mode" "$fd" && return 0
	log "waiting for the $name lock (another build or VM run holds it)"
	flock "$mode" "$fd"
}

build_unlock() {
	local fd=${BUILD_LOCK_FD[$1]:-}

	[ -n "$fd" ] || return 0
	flock -u "$fd"
	exec {fd}>&-
	unset "BUILD_LOCK_FD[$1]"
}
