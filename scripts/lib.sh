# SPDX-License-Identifier: GPL-2.0
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
BUILD=${BUILD:-$TOP/build}
CACHE=$BUILD/cache
TREE=$BUILD/linux
STOCK_TREE=$BUILD/stock
PATCHES=${PATCHES:-$TOP/kernel/patches}
BASE_TAG=bpf-lift-base
JOBS=${JOBS:-$(($(nproc) + 1))}

# shellcheck source=../kernel/pin
. "${PIN_FILE:-$TOP/kernel/pin}"
TARBALL=$CACHE/$PIN_PACKAGE-$PIN_VERSION.tar.xz

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
		mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
			awk -v r="$codename" '$2 == r { print $1; exit }')
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
