# SPDX-License-Identifier: GPL-2.0
# bpf-lift front door. `make` sets everything up and runs the main job;
# `make test` runs every test and ends with 'N passed, N failed, N skipped'.
#
# KIND=lift (default) | stock (the unpatched base) | debug (KASAN, UBSAN,
# lockdep); DEBUG=1 is KIND=debug. JIT=0 runs the tests on the interpreter.

KIND ?= lift
ifeq ($(DEBUG),1)
KIND := debug
endif
export KIND

S := scripts

.PHONY: all prepare deps fetch tree kernel module selftests build test fuzz \
	export export-check posting check rebase clean help
# One build folder: targets never run side by side.
.NOTPARALLEL:

all: test

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## prepare       install missing packages, fetch the pinned source, make the tree (or re-make it after a pull)
prepare: deps
	$(S)/tree --if-missing

deps:
	$(S)/deps

fetch: deps
	$(S)/fetch

## tree          (re)make build/linux: base commit + kernel/patches/series (FORCE=1 drops unexported work)
tree: deps
	$(S)/tree

## kernel/module/selftests/build   build into build/obj* (incremental)
kernel module selftests: prepare
	$(S)/build $@

build: prepare
	$(S)/build

## test          boot the kernel in QEMU, run upstream's verifier tests and ours
test: build
	$(S)/test

## fuzz          a bounded campaign of scripts/fuzz in the VM (SEED=1 COUNT=300 TIME=600 s);
##               ends 'programs N, accepted A, rejected R, runs X, programs/s P, findings F'
fuzz: build
	$(S)/fuzz --kind $(KIND) --seed $(or $(SEED),1) --count $(or $(COUNT),300) \
		--time $(or $(TIME),600)

## export        write kernel/patches/ from the tree's commits (TOPIC=NN-name for a new folder)
export:
	$(S)/export

## export-check  fail, naming what, when the tree holds work kernel/patches/ lacks
export-check:
	$(S)/export --check

## posting       build/posting/NN-topic.mbox: per topic a cover letter, its patches, its selftests
##               and docs as patches (kernel/posting/), applied in order from the base to check them
posting: prepare
	$(S)/posting

## check         docs-check, checkpatch --strict per patch, kernel/bpf/ build per patch, sparse on
##               touched files, the postings apply and are checkpatch-clean
check: prepare
	$(S)/check

## rebase        move the pin to VERSION=7.3.y-... and report the patches that no longer apply
rebase: deps
	$(S)/rebase $(VERSION)

## clean         remove build/ except the downloaded source (refuses while the tree
##               holds unexported work; FORCE=1 removes it anyway)
clean:
	@[ "$(FORCE)" = 1 ] || $(S)/export --check
	rm -rf build/linux build/stock build/check build/rebase build/obj* build/st* \
		build/mod-* build/vm build/logs \
		build/posting build/posting-wt
