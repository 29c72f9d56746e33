// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift stack benchmark: the same work in two tc programs, one with a
 * frame of 504 bytes, which runs on the kernel stack, one with a frame of
 * 520 bytes, which runs on the JIT's private stack (bpf-lift puts a frame
 * over 512 bytes there). Both fill 126 words from a writable global and hash
 * them. prog_tests/bpf_lift_stack.c runs both with BPF_PROG_TEST_RUN and prints
 * the time per run side by side. Built with -mllvm -bpf-stack-size
 * (scripts/build).
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

#define WORDS 126

volatile __u32 seed = 3;

static __always_inline __u32 work(__u32 *buf)
{
	__u32 i, h = 0, s = seed;

#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < WORDS; i++)
		buf[i] = i * 3 + s;
	asm volatile("" : : "r"(buf) : "memory");
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < WORDS; i++)
		h = h * 31 + buf[i];
	return h;
}

SEC("tc")
int stack_bench_kernel(void *ctx)
{
	__u32 buf[WORDS];

	return work(buf);
}

SEC("tc")
int stack_bench_private(void *ctx)
{
	__u32 buf[WORDS + 4];

	return work(buf);
}

char _license[] SEC("license") = "GPL";
