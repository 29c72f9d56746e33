// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift far jumps: a rewrite after verification never fails because it
 * pushes a jump out of its 16-bit range.
 *
 * Each program has a jump of about 32,765 insns across a division by a
 * register. do_misc_fixups() turns that division into four insns (a check for
 * a zero divisor), which pushes the jump past 32,767; stock 7.3 then rejects
 * the program with "cannot be patched due to 16-bit range". Each program runs
 * (__retval) to show that the rewritten jump still reaches its target, and
 * that the code it jumps over still computes what it did. The packet of a
 * socket test run is 64 bytes, so skb->len is 64: the verifier cannot know
 * it, the run does.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* 32,762 insns that change nothing the programs return */
#define FILLER ".rept 32762\n r5 = 1\n .endr\n"

SEC("socket")
__description("far jump: a taken conditional jump across a patched insn")
__success __retval(42)
__naked void far_cond_jump_taken(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"	/* skb->len: 64 */
	"r0 = 0;"
	"if r2 > 10 goto l_far_%=;"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a conditional jump not taken, the code it spans runs")
__success __retval(7)
__naked void far_cond_jump_not_taken(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"if r2 < 10 goto l_far_%=;"
	"r4 = r2;"
	"r4 /= r2;"			/* 64 / 64 */
	FILLER
	"r0 = r4;"
	"r0 += 6;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a 16-bit goto across a patched insn")
__success __retval(42)
__naked void far_goto(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"if r2 < 10 goto l_mid_%=;"
	"goto l_far_%=;"
"l_mid_%=:"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
"l_far_%=:"
	"r0 += 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a loop whose back edge spans a patched insn")
__success __retval(3)
__naked void far_back_edge(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"r6 = 0;"
"l_top_%=:"
	"r6 += 1;"
	"r4 = r2;"
	"r4 /= r2;"
	"r0 += r4;"
	FILLER
	"if r6 < 3 goto l_top_%=;"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
