// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift calling convention, cost: 64 calls of a global function that
 * sums eight numbers, passed as eight arguments (three of them through the
 * r11 area) or as five (the callee adds the other three itself).
 * prog_tests/bpf_lift_calls.c prints the time per run of each.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* r0 = r1 + ... + r8 */
#define SUM8		\
	"r0 = r1;"	\
	"r0 += r2;"	\
	"r0 += r3;"	\
	"r0 += r4;"	\
	"r0 += r5;"	\
	"r0 += r6;"	\
	"r0 += r7;"	\
	"r0 += r8;"

__naked __noinline int bench_sum8(long a, long b, long c, long d, long e, long f,
				  long g, long h)
{
	asm volatile (
	"r6 = *(u64 *)(r11 + 8);"
	"r7 = *(u64 *)(r11 + 16);"
	"r8 = *(u64 *)(r11 + 24);"
	SUM8
	"exit;"
	::: __clobber_all);
}

__naked __noinline int bench_sum5(long a, long b, long c, long d, long e)
{
	asm volatile (
	"r6 = 6;"
	"r7 = 7;"
	"r8 = 8;"
	SUM8
	"exit;"
	::: __clobber_all);
}

#define ARGS5		\
	"r1 = 1;"	\
	"r2 = 2;"	\
	"r3 = 3;"	\
	"r4 = 4;"	\
	"r5 = 5;"

/* 64 calls, each giving 36: 2304 */
SEC("tc")
__naked int calls_bench_8(void)
{
	asm volatile (
	"r9 = 0;"
	".rept 64;"
	ARGS5
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 7;"
	"*(u64 *)(r11 - 24) = 8;"
	"call bench_sum8;"
	"r9 += r0;"
	".endr;"
	"r0 = r9;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__naked int calls_bench_5(void)
{
	asm volatile (
	"r9 = 0;"
	".rept 64;"
	ARGS5
	"call bench_sum5;"
	"r9 += r0;"
	".endr;"
	"r0 = r9;"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
