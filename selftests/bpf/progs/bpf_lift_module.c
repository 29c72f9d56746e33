// SPDX-License-Identifier: GPL-2.0
/* Calls the bpf-lift module's ABI probe kfunc. */

#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

/* pahole 1.24 emits no kfunc decl tags: declare the kfunc here. */
extern u32 bpf_lift_version(void) __ksym;

SEC("syscall")
int module_version(void *ctx)
{
	return bpf_lift_version();
}

char _license[] SEC("license") = "GPL";
