# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
# Shared helpers for the scripts/ verbs. Sourced, never run.
#
# Layout of the ignored build folder:
#   build/cache/    the downloaded source package and its tarball
#   build/linux/    the working kernel tree (git: base commit + the series)
#   build/stock/    a worktree of the base commit, for side-by-side runs
#   build/obj*/     kernel objects (obj, obj-debug, obj-stock)
#   build/st*/      selftests output for the matching kernel
#   build/vm/       initramfs trees, images and console logs

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BPF_LIFT_BUILD, BPF_LIFT_PATCHES and BPF_LIFT_PIN move the folders (the
# pipeline's own tests use scratch ones); nothing else is read from the
# environment.
BUILD=${BPF_LIFT_BUILD:-$TOP/build}
CACHE=$BUILD/cache
TREE=$BUILD/linux
STOCK_TREE=$BUILD/stock
PATCHES=${BPF_LIFT_PATCHES:-$TOP/kernel/patches}
BASE_TAG=bpf-lift-base
JOBS=${JOBS:-$(($(nproc) + 1))}
LLVM=22

case "$TOP$BUILD" in
*[[:space:]]*) echo "bpf-lift: error: Kbuild cannot work in a path with spaces: $TOP" >&2; exit 1 ;;
esac

# shellcheck source=../kernel/pin
. "${BPF_LIFT_PIN:-$TOP/kernel/pin}"
TARBALL=$CACHE/$PIN_PACKAGE-$PIN_VERSION.tar.xz
BASE_SUBJECT="$PIN_PACKAGE $PIN_VERSION (bpf-lift base)"

# CC for kernel builds: ccache when present. Sets CC (no subshell).
set_kernel_cc() {
	CC=gcc
	if command -v ccache >/dev/null; then
		export CCACHE_DIR=${CCACHE_DIR:-${HOME:-$BUILD}/.cache/ccache}
		CC="ccache gcc"
	fi
}

# One clear line on stderr, then stop.
die() {
	echo "bpf-lift: error: $*" >&2
	exit 1
}

say() {
	echo "bpf-lift: $*" >&2
}

# Seconds since the epoch, for the timings the scripts print.
now() {
	date +%s
}

# The kernel flavour decides the object and selftest folders:
# KIND=lift (default), stock (the base commit) or debug (KASAN/UBSAN/lockdep).
kind_dirs() {
	case "${KIND:-lift}" in
	lift)	SRC=$TREE; OBJ=$BUILD/obj; ST=$BUILD/st ;;
	debug)	SRC=$TREE; OBJ=$BUILD/obj-debug; ST=$BUILD/st-debug ;;
	stock)	SRC=$STOCK_TREE; OBJ=$BUILD/obj-stock; ST=$BUILD/st-stock ;;
	*)	die "KIND must be lift, debug or stock, not '$KIND'" ;;
	esac
	KIND=${KIND:-lift}
}

# Unpack TARBALL into DIR as a git repository with one base commit, tagged.
# Debian's tarball ignores every top-level path in .gitignore (its packaging
# repo keeps the source elsewhere): that block goes, so that a new kernel
# file shows in git status. Everything is committed, ignored files included.
make_base() {
	local tarball=$1 dir=$2
	rm -rf "$dir"
	mkdir -p "$dir"
	tar -xJf "$tarball" -C "$dir" --strip-components=1 || die "cannot unpack $tarball"
	sed -i -e '/^# Debian packaging: ignore everything at the top level/,/^!\/debian\/$/d' \
		"$dir/.gitignore"
	git -C "$dir" init -q -b main
	git -C "$dir" config user.name "$(git -C "$TOP" config user.name || echo bpf-lift)"
	git -C "$dir" config user.email "$(git -C "$TOP" config user.email || echo bpf-lift@localhost)"
	git -C "$dir" config core.abbrev 12
	git -C "$dir" add -A -f
	GIT_AUTHOR_DATE=1970-01-01T00:00:00Z GIT_COMMITTER_DATE=1970-01-01T00:00:00Z \
		git -C "$dir" commit -q -m "$BASE_SUBJECT" || die "cannot commit the base in $dir"
	git -C "$dir" tag "$BASE_TAG"
}

# A detached worktree of the tree at REV in DIR, re-made when it is stale
# (its repository was re-made, or it was removed).
ensure_worktree() {
	local dir=$1 rev=$2
	if ! git -C "$dir" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
		[ "$(git -C "$dir" rev-parse --git-common-dir 2>/dev/null)" != "$(tgit rev-parse --absolute-git-dir)" ]; then
		rm -rf "$dir"
		tgit worktree prune
		tgit worktree add -q --detach "$dir" "$rev"
	fi
}

# The tree state: "none" (no folder), "ok" (a repository on the pinned base),
# "old-base" (a repository on another pin) or "broken" (a folder git cannot
# read as a bpf-lift tree; never removed by a script).
tree_state() {
	if [ ! -e "$TREE" ]; then
		echo none
	elif ! tgit rev-parse -q --verify "$BASE_TAG" >/dev/null 2>&1; then
		echo broken
	elif [ "$(tgit log -1 --format=%s "$BASE_TAG")" != "$BASE_SUBJECT" ]; then
		echo old-base
	else
		echo ok
	fi
}

# A hash of the series as the repo has it: the tree records the one it was
# made from (or last exported to), so 'make' notices a pulled series.
series_hash() {
	(cd "$PATCHES" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) |
		sha256sum | cut -d' ' -f1
}
series_mark() {
	echo "$(tgit rev-parse --absolute-git-dir)/bpf-lift-series"
}

# The ordered list of patch files, relative to kernel/patches/.
series_files() {
	[ -f "$PATCHES/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$PATCHES/series" | grep -v '^$' || true
}

# Run git in the working tree.
tgit() {
	git -C "$TREE" "$@"
}

# apt-get/apt-cache against the pinned suite only, through a temporary source
# list built from the mirror this machine already uses. Nothing is installed
# from that suite: it is only used to download the arch-independent source.
apt_pinned() {
	local tool=$1
	shift
	local dir=$BUILD/apt-$PIN_SUITE
	mkdir -p "$dir/lists/partial"
	if [ ! -s "$dir/sources.list" ]; then
		local codename mirror
		codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
		mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(ORIGIN)' 2>/dev/null |
			awk -v r="$codename" '$2 == r && $3 == "main" && $4 == "Debian" { print $1; exit }')
		[ -n "$mirror" ] || die "no apt mirror for '$codename' in this machine's apt configuration"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $PIN_SUITE main" \
			>"$dir/sources.list"
	fi
	"$tool" -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
		-o APT::Get::List-Cleanup=0 "$@"
}

# Download $PIN_PACKAGE=VERSION (the .deb) into DIR; stop, naming the versions
# on offer, when the suite no longer has it.
pkg_download() {
	local version=$1 dir=$2 offer
	apt_pinned apt-get -qq update >/dev/null 2>&1 ||
		die "apt-get update of $PIN_SUITE failed (is the mirror reachable?)"
	offer=$(pkg_versions | tr '\n' ' ')
	case " $offer " in
	*" $version "*) ;;
	*) die "$PIN_PACKAGE $version is not in $PIN_SUITE; on offer: ${offer:-nothing}; move the pin with 'make rebase VERSION=<one of those>'" ;;
	esac
	(cd "$dir" && apt_pinned apt-get -qq download "$PIN_PACKAGE=$version" 2>/dev/null) ||
		die "apt-get download of $PIN_PACKAGE=$version failed"
}

# The versions of $PIN_PACKAGE the suite offers, one a line.
pkg_versions() {
	apt_pinned apt-cache madison "$PIN_PACKAGE" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }'
}

# Extract the source tarball from a linux-source .deb to OUT.
pkg_tarball() {
	dpkg-deb --fsys-tarfile "$1" | tar -xO "./usr/src/$PIN_PACKAGE.tar.xz" >"$2" ||
		die "$1 holds no usr/src/$PIN_PACKAGE.tar.xz"
}

# True when FILE has the sha256 HASH.
sha_ok() {
	echo "$2  $1" | sha256sum --quiet -c - >/dev/null 2>&1
}

# The BPF objects that verifier tests in DIR name as their target BTF
# (__btf_path("x.bpf.o")): built with the runner and copied into the VM.
btf_path_objs() {
	grep -ho '__btf_path("[^"]*")' "$1"/*.c 2>/dev/null | sed 's/.*("\(.*\)")/\1/' | sort -u
}
