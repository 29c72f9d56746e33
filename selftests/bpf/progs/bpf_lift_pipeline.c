// SPDX-License-Identifier: GPL-2.0
/* bpf-lift pipeline check: programs stock 7.3 handles, run in the test VM. */

#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

#define N 10

/* Accepted on stock: a bounded loop over a stack array, run for its result. */
SEC("tc")
__description("pipeline: bounded loop over a stack array returns its sum")
__success __retval(55)
int pipeline_sum(struct __sk_buff *skb)
{
	int buf[N];
	int i, sum = 0;

	for (i = 0; i < N; i++)
		buf[i] = i + 1;
	for (i = 0; i < N; i++)
		sum += buf[i];
	return sum;
}

/* Rejected on stock: a read of a register no path wrote. */
SEC("socket")
__description("pipeline: read of an uninitialized register is rejected")
__failure __msg("R2 !read_ok")
__failure_unpriv
__naked void pipeline_uninit_reg(void)
{
	asm volatile ("					\
	r0 = r2;					\
	exit;						\
"	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
