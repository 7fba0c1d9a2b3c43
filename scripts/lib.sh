# SPDX-License-Identifier: GPL-2.0-only
# Shared paths and helpers for the build and VM scripts. Sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=$BUILD/linux
KOBJ_X86=$BUILD/kernel-x86_64
KOBJ_ARM64=$BUILD/kernel-arm64
MODROOT=$BUILD/modroot
IPROUTE_DIR=$BUILD/iproute2
IPROUTE_BIN=$BUILD/iproute2-install/sbin
KTARBALL=${KTARBALL:-/usr/src/linux-source-6.12.tar.xz}
JOBS=${JOBS:-$(nproc)}

# Relative ccache keys let a fresh clone elsewhere on this machine reuse the
# objects an earlier clone compiled.
export CCACHE_BASEDIR=$TOP
export CCACHE_NOHASHDIR=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

kmake_x86() {
	make -C "$KSRC" O="$KOBJ_X86" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" "$@"
}

kmake_arm64() {
	make -C "$KSRC" O="$KOBJ_ARM64" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" \
		-j"$JOBS" "$@"
}
