// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's own checks of the pipeline: the module and a plain program. */

#include <test_progs.h>
#include <bpf/btf.h>
#include "testing_helpers.h"
#include "bpf_lift_module.skel.h"
#include "bpf_lift_pipeline.skel.h"

/* Must match BPF_LIFT_VERSION in the module (kernel/main.c). */
#define BPF_LIFT_VERSION 3

/*
 * The module loads, its BTF is visible in sysfs and names its kfunc, a
 * program calling the kfunc loads and returns the module's version, and the
 * module unloads once the program is gone.
 */
void test_bpf_lift_module(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	struct bpf_lift_module *skel = NULL;
	struct btf *vmlinux = NULL, *btf = NULL;
	bool verbose = env.verbosity > VERBOSE_NONE;
	int err;

	if (!ASSERT_OK(load_module("bpf_lift.ko", verbose), "load bpf_lift.ko"))
		return;
	if (!ASSERT_OK(access("/sys/kernel/btf/bpf_lift", R_OK), "module BTF in sysfs"))
		goto out;
	vmlinux = btf__load_vmlinux_btf();
	if (!ASSERT_OK_PTR(vmlinux, "vmlinux BTF"))
		goto out;
	btf = btf__load_module_btf("bpf_lift", vmlinux);
	if (!ASSERT_OK_PTR(btf, "module BTF"))
		goto out;
	ASSERT_GT(btf__find_by_name_kind(btf, "bpf_lift_version", BTF_KIND_FUNC), 0,
		  "bpf_lift_version in module BTF");

	skel = bpf_lift_module__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		goto out;
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.module_version), &topts);
	ASSERT_OK(err, "test_run");
	ASSERT_EQ(topts.retval, BPF_LIFT_VERSION, "bpf_lift_version()");
out:
	bpf_lift_module__destroy(skel);
	btf__free(btf);
	btf__free(vmlinux);
	ASSERT_OK(unload_module("bpf_lift", verbose), "unload bpf_lift");
}

void test_bpf_lift_pipeline(void)
{
	RUN_TESTS(bpf_lift_pipeline);
}
