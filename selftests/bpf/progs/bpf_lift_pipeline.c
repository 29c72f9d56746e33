// SPDX-License-Identifier: GPL-2.0
/* bpf-lift pipeline check: programs stock 7.3 handles, run in the test VM. */

#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/*
 * Accepted on stock: a bounded loop (the verifier walks its ten iterations)
 * whose counter lives in a stack slot; run for its result, 1 + ... + 10.
 * Written in assembly so that the compiler cannot fold the loop away.
 */
SEC("tc")
__description("pipeline: bounded loop with a spilled counter returns its sum")
__success __retval(55)
__naked void pipeline_sum(void)
{
	asm volatile ("r0 = 0;\n"
	"r1 = 1;\n"
	"*(u64 *)(r10 - 8) = r1;\n"
"l0_%=:\n"
	"r1 = *(u64 *)(r10 - 8);\n"
	"r0 += r1;\n"
	"r1 += 1;\n"
	"*(u64 *)(r10 - 8) = r1;\n"
	"if r1 <= 10 goto l0_%=;\n"
	"exit;\n"
	::: __clobber_all);
}

/* Rejected on stock, privileged or not: a read of a register never written. */
SEC("socket")
__description("pipeline: read of an uninitialized register is rejected")
__failure __msg("R2 !read_ok")
__failure_unpriv __msg_unpriv("R2 !read_ok")
__naked void pipeline_uninit_reg(void)
{
	asm volatile ("r0 = r2;\n"
	"exit;\n"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
