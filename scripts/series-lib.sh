# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2034 # variables for the scripts that source this
# Shared by scripts/export-series and scripts/check-series. Sourced after
# lib.sh.

SERIES=$BUILD/series
AUTHOR=${SERIES_AUTHOR:-Your Name <you@example.org>}
AUTHOR_NAME=${AUTHOR% <*}
AUTHOR_EMAIL=${AUTHOR##*<}
AUTHOR_EMAIL=${AUTHOR_EMAIL%>}
DATE=${DATE:-}

# patch_paths PATCH...: the files a patch touches.
patch_paths() {
	sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "$@" | sort -u
}

# kversion TREE: the kernel version of TREE's top Makefile.
kversion() {
	awk '$2 == "=" && $1 ~ /^(VERSION|PATCHLEVEL|SUBLEVEL)$/ { v[$1] = $3 }
		END { printf "%s.%s.%s", v["VERSION"], v["PATCHLEVEL"], v["SUBLEVEL"] }' "$1/Makefile"
}

# commit_date: the date of the project's last commit, for every commit
# made here (reproducible output).
commit_date() {
	git -C "$TOP" log -1 --format=%cI 2>/dev/null || echo "2026-01-01T00:00:00+00:00"
}

# tgit ARGS: git in the scratch tree $TREE, as the series' author, at
# $DATE if set.
tgit() {
	local -a date=()

	[ -z "$DATE" ] || date=(GIT_AUTHOR_DATE="$DATE" GIT_COMMITTER_DATE="$DATE")
	env GIT_AUTHOR_NAME="$AUTHOR_NAME" GIT_AUTHOR_EMAIL="$AUTHOR_EMAIL" \
		GIT_COMMITTER_NAME="$AUTHOR_NAME" GIT_COMMITTER_EMAIL="$AUTHOR_EMAIL" \
		"${date[@]}" git -C "$TREE" -c core.autocrlf=false -c commit.gpgsign=false \
		-c gc.auto=0 -c advice.detachedHead=false "$@"
}

# base_repo DIR KEY FILL: DIR as a git repository whose commit tagged
# "base" holds what the command FILL DIR.tmp wrote, made again when KEY
# changed; then DIR reset to it, on a branch "series", with nothing else
# in the work tree (ignored files stay if CLEAN_IGNORED=0). Everything FILL wrote is committed, whatever its
# .gitignore says (Debian's kernel tree ignores its whole top level).
base_repo() {
	local dir=$1 key=$2 fill=$3

	if [ "$(cat "$dir.key" 2>/dev/null)" != "$key" ] || [ ! -d "$dir/.git" ]; then
		rm -rf "$dir" "$dir.tmp" "$dir.key"
		mkdir -p "$dir.tmp"
		"$fill" "$dir.tmp"
		git -C "$dir.tmp" init -q
		TREE=$dir.tmp tgit add -A -f
		TREE=$dir.tmp tgit commit -q -m "pristine tree"
		TREE=$dir.tmp tgit tag base
		mv "$dir.tmp" "$dir"
		echo "$key" >"$dir.key"
	fi
	TREE=$dir tgit am --abort >/dev/null 2>&1 || true
	TREE=$dir tgit checkout -q -f -B series base
	if [ "${CLEAN_IGNORED:-1}" = 1 ]; then
		TREE=$dir tgit clean -q -f -d -x
	else
		TREE=$dir tgit clean -q -f -d
	fi
}
