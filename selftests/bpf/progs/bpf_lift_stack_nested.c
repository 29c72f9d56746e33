// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift stack: a program with a 4 KiB frame that tries to run inside
 * itself on one CPU. The frame is on the JIT's per-CPU private stack, which
 * a nested run would share, so the inner run is refused before the body and
 * counted in the program's recursion_misses.
 *
 * prog_tests/bpf_lift_stack.c attaches it to the bpf_trace_printk tracepoint and
 * then runs it with BPF_PROG_TEST_RUN: the test run fills the buffer, calls
 * bpf_printk(), which fires the tracepoint and tries the program again,
 * then hashes the buffer. An inner run that got through would count a
 * second entry and fill the buffer with another pattern (i * 2 instead of
 * i), and the hash would show it. Built with -mllvm -bpf-stack-size=262144
 * (scripts/build).
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

__u32 seed = 3;
__u32 target_pid;
__u32 entries;
__u32 result;

/* i & 4095 hidden from clang: the offset stays in buf whatever the verifier knows of i */
static __always_inline __u32 idx(__u32 i)
{
	barrier_var(i);
	return i & 4095;
}

SEC("raw_tp/bpf_trace_printk")
int stack_nested(void *ctx)
{
	__u32 i, k, h = 0;
	__u8 buf[4096];

	/* only the test's own task: another one's bpf_printk() runs it too */
	if ((bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	k = ++entries;
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < sizeof(buf); i++)
		buf[idx(i)] = i * k + (i >> 8) + seed;
	asm volatile("" : : "r"(buf) : "memory");
	bpf_printk("bpf_lift_stack_nested: entry %u", k);
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < sizeof(buf); i++)
		h = h * 31 + buf[idx(i)];
	result = h;
	return 0;
}

/*
 * Two threads on one CPU run this syscall program through
 * BPF_PROG_TEST_RUN, which runs it preemptible (migration off only; a
 * network program's test run disables bottom halves): under CONFIG_PREEMPT
 * a thread is preempted in the middle of a run, and the other one's run
 * starts on the same CPU, with the same private stack. Each
 * run draws its own pattern k and returns k << 16 | (hash & 0xffff), so a
 * run whose buffer another run overwrote returns a value that does not
 * match its k; a refused run returns -EPERM. The 16 KiB buffer makes a run long
 * enough that the scheduler tick lands inside runs.
 */
SEC("syscall")
int stack_nested_preempt(void *ctx)
{
	__u32 i, k, h = 0;
	__u32 buf[4096];

	k = (bpf_get_prandom_u32() & 0x7fff) | 1;
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < 4096; i++)
		buf[idx(i)] = i * k + seed;
	asm volatile("" : : "r"(buf) : "memory");
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < 4096; i++)
		h = h * 31 + buf[idx(i)];
	return k << 16 | (h & 0xffff);
}

char _license[] SEC("license") = "GPL";
