// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift loops, from the review of the widening prune: counted != loops
 * whose index wraps. Widening made the head's state equal to an earlier one
 * after two or three passes, mainline's infinite-loop test (which ran before
 * the widening prune) rejected it, and the walk again without widening went
 * on to the limit of processed insns: minutes for ten insns.
 *
 * Each program loads in a few dozen processed insns without a second walk,
 * and runs (__retval). i and n come from globals in .data (a writable map
 * value), which the verifier cannot see through.
 *
 * The last program costs 1,000,000 processed insns (15-40 s under TCG): it
 * shows that the walk again without widening stops at its own budget.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* "processed N insns" with N below 5000 */
#define UNDER_5000 "processed {{([0-9]{1,3}|[1-4][0-9]{3})}} insns"

__u32 wrap_i = 0xfffffffa;			/* -6: 10 steps to 4, through 0 */
__u32 wrap_n = 4;
__u64 wrap64_i = 0xfffffffffffffffdULL;		/* -3: 7 steps to 4, through 0 */
__u64 wrap64_n = 4;
__u32 wrap_n1 = 5;				/* i = n + 1: 2^32 - 1 steps */
__u64 wrap64_n1 = 5;				/* i = n + 1: 2^64 - 1 steps */
__u32 never;					/* 0, unknown to the verifier */

/*
 * The reviewer's program. Counted (the only write of w1 is w1 += 1, w2 is not
 * written, every cycle passes the test and the step), so the pruned loop gets
 * the check of its trip count at its entry, which passes: n - (i + 1) = 9.
 */
SEC("socket")
__description("review: a counted 32-bit != loop that wraps: checked at its entry, runs 10 times")
__success __retval(10)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("is checked at its entry") __not_msg("budget is spent")
__msg(UNDER_5000)
__naked void loop_wrap_ne32(void)
{
	asm volatile ("					\
	r1 = %[wrap_i] ll;				\
	r1 = *(u32 *)(r1 + 0);				\
	r2 = %[wrap_n] ll;				\
	r2 = *(u32 *)(r2 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	w1 += 1;					\
	r0 += 1;					\
	if w1 != w2 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(wrap_i),
	  __imm_addr(wrap_n)
	: __clobber_all);
}

SEC("socket")
__description("review: a counted 64-bit != loop that wraps: checked at its entry, runs 7 times")
__success __retval(7)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("is checked at its entry") __not_msg("budget is spent")
__msg(UNDER_5000)
__naked void loop_wrap_ne64(void)
{
	asm volatile ("					\
	r1 = %[wrap64_i] ll;				\
	r1 = *(u64 *)(r1 + 0);				\
	r2 = %[wrap64_n] ll;				\
	r2 = *(u64 *)(r2 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	r1 += 1;					\
	r0 += 1;					\
	if r1 != r2 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(wrap64_i),
	  __imm_addr(wrap64_n)
	: __clobber_all);
}

/*
 * i = n + 1: the loop would run 2^32 - 1 times and return 0xffffffff. The
 * check at its entry sees n - (i + 1) = 0xfffffffe iterations after the first
 * and ends the program with 0 (a socket filter fails closed with 0).
 */
SEC("socket")
__description("review: a counted 32-bit != loop from i = n + 1: the entry check ends it")
__success __retval(0)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("is checked at its entry")
__msg(UNDER_5000)
__naked void loop_wrap_ne32_n_plus_1(void)
{
	asm volatile ("					\
	r2 = %[wrap_n1] ll;				\
	r2 = *(u32 *)(r2 + 0);				\
	w1 = w2;					\
	w1 += 1;					\
	r0 = 0;						\
l_head_%=:						\
	w1 += 1;					\
	r0 += 1;					\
	if w1 != w2 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(wrap_n1)
	: __clobber_all);
}

/* The same in 64 bits: 2^64 - 1 iterations, the entry check ends it. */
SEC("socket")
__description("review: a counted 64-bit != loop from i = n + 1: the entry check ends it")
__success __retval(0)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("is checked at its entry")
__msg(UNDER_5000)
__naked void loop_wrap_ne64_n_plus_1(void)
{
	asm volatile ("					\
	r2 = %[wrap64_n1] ll;				\
	r2 = *(u64 *)(r2 + 0);				\
	r1 = r2;					\
	r1 += 1;					\
	r0 = 0;						\
l_head_%=:						\
	r1 += 1;					\
	r0 += 1;					\
	if r1 != r2 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(wrap64_n1)
	: __clobber_all);
}

/*
 * Without the counter the state repeats at the second visit, before any
 * widening (mainline, and bpf-lift before the fix: "infinite loop detected").
 * A counted loop cannot run forever: it is pruned there and checked at its
 * entry. It leaves with w1 == n, and returns it.
 */
SEC("socket")
__description("review: a counted != loop whose state repeats at once: no infinite loop, 4")
__success __retval(4)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("is checked at its entry")
__msg(UNDER_5000)
__naked void loop_wrap_ne32_no_counter(void)
{
	asm volatile ("					\
	r1 = %[wrap_i] ll;				\
	r1 = *(u32 *)(r1 + 0);				\
	r2 = %[wrap_n] ll;				\
	r2 = *(u32 *)(r2 + 0);				\
l_head_%=:						\
	w1 += 1;					\
	if w1 != w2 goto l_head_%=;			\
	w0 = w1;					\
	exit;						\
"	:
	: __imm_addr(wrap_i),
	  __imm_addr(wrap_n)
	: __clobber_all);
}

/* The reviewer's loop with its test taken out: nothing leads out of it. */
SEC("socket")
__description("review: the same loop without an exit is rejected at its head")
__failure __msg("infinite loop detected at insn")
__msg("error[V0034]: loop has no exit")
__msg("processed {{[0-9][0-9]?}} insns")
__naked void loop_wrap_no_exit(void)
{
	asm volatile ("					\
	r1 = %[wrap_i] ll;				\
	r1 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	w1 += 1;					\
	r0 += 1;					\
	goto l_head_%=;					\
"	:
	: __imm_addr(wrap_i)
	: __clobber_all);
}

/*
 * An exit that is never taken (r3 is a global that holds 0, which the
 * verifier does not know), with a counter: widening makes the head's state
 * repeat, the repeat is pruned, and the loop (not counted) gets the budget,
 * which ends it at run time: the program returns 0, what a socket filter
 * fails closed with. Before: "infinite loop detected" after widening, then
 * a walk without widening to the limit.
 */
SEC("socket")
__description("review: a loop whose exit is never taken gets a budget that ends it")
__success __retval(0)
__log_level(1) __not_msg("verified again without widening")
__not_msg("infinite loop detected")
__msg("budget is spent")
__msg(UNDER_5000)
__naked void loop_dead_exit_budget(void)
{
	asm volatile ("					\
	r1 = %[never] ll;				\
	r3 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	r0 += 1;					\
	if r3 != 0 goto l_out_%=;			\
	goto l_head_%=;					\
l_out_%=:						\
	exit;						\
"	:
	: __imm_addr(never)
	: __clobber_all);
}

/*
 * The same without the counter repeats before any widening, in a loop that is
 * not counted: still rejected as in mainline (upstream's verifier_cfg
 * "conditional loop" has this shape).
 */
SEC("socket")
__description("review: a loop whose exit is never taken "
	      "and whose state repeats at once is rejected")
__failure __msg("infinite loop detected at insn")
__not_msg("verified again without widening")
__naked void loop_dead_exit_repeats(void)
{
	asm volatile ("					\
	r3 = 0;						\
l_head_%=:						\
	if r3 != 0 goto l_out_%=;			\
	goto l_head_%=;					\
l_out_%=:						\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

/*
 * The walk again without widening has a budget. The widened walk fails (r0 is
 * widened past 1e9 and dereferenced), the path walk cannot end this loop and
 * stops at its budget: max(8 x the widened walk, 1,000,000) insns, not at the
 * limit of 8,000,000. The widened walk's insns are counted on top, so the total
 * lies between 1,000,000 and 1,000,999.
 */
SEC("socket")
__description("review: the walk without widening stops at its budget, not at the limit")
__failure __log_level(1)
__msg("BPF program is too large. Processed 1000001 insn")
__msg("the walk without widening stopped at its budget: 1000000 insns")
__msg("verified again without widening")
__msg("processed 1000{{([0-9]{3})}} insns")
__naked void loop_wrap_retry_budget(void)
{
	asm volatile ("					\
	r1 = %[wrap_i] ll;				\
	r1 = *(u32 *)(r1 + 0);				\
	r2 = %[wrap_n] ll;				\
	r2 = *(u32 *)(r2 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	w1 += 1;					\
	r0 += 1;					\
	if w1 != w2 goto l_head_%=;			\
	if r0 < 1000000000 goto l_out_%=;		\
	r0 = *(u64 *)(r0 + 0);				\
l_out_%=:						\
	exit;						\
"	:
	: __imm_addr(wrap_i),
	  __imm_addr(wrap_n)
	: __clobber_all);
}

char _license[] SEC("license") = "GPL";
