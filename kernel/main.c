// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift module: the kfuncs that bpf-lift gives BPF programs.
 *
 * The verifier side of bpf-lift is a patch series; what programs call at
 * run time (the arena allocator, 128-bit arithmetic, ...) lives here and is
 * registered as kfuncs for every program type when the module loads.
 * bpf_lift_version() lets a program or a loader check which ABI it has.
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/init.h>
#include <linux/module.h>

/* Bumped when a kfunc is added or changes. */
#define BPF_LIFT_VERSION 1

__bpf_kfunc_start_defs();

/**
 * bpf_lift_version() - the ABI version of the bpf-lift module
 *
 * Return: BPF_LIFT_VERSION, raised whenever the module's kfuncs change.
 */
__bpf_kfunc u32 bpf_lift_version(void)
{
	return BPF_LIFT_VERSION;
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(bpf_lift_kfunc_ids)
BTF_ID_FLAGS(func, bpf_lift_version)
BTF_KFUNCS_END(bpf_lift_kfunc_ids)

static const struct btf_kfunc_id_set bpf_lift_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &bpf_lift_kfunc_ids,
};

static int __init bpf_lift_init(void)
{
	return register_btf_kfunc_id_set(BPF_PROG_TYPE_UNSPEC, &bpf_lift_kfunc_set);
}

static void __exit bpf_lift_exit(void)
{
	/* kfunc sets go with the module's BTF; nothing else to undo */
}

module_init(bpf_lift_init);
module_exit(bpf_lift_exit);
MODULE_DESCRIPTION("bpf-lift: kfuncs for BPF programs");
MODULE_LICENSE("GPL");
