// SPDX-License-Identifier: GPL-2.0
/*
 * Fixes of mainline bugs that bpf-lift carries first in its series
 * (kernel/patches/00-fixes/). Each program here fails on stock 7.3.
 *
 * A function whose address a program loads but never calls or passes to a
 * helper is never walked, so a privileged load removes it as dead code;
 * stock then finds no function at the load's target when it JITs the
 * subprograms, warns ("No program to jit") and fails the load with EFAULT.
 *
 * The walk does not enter the callback of a bpf_loop() whose count it knows
 * to be 0, and dead code removal drops it; stock still inlined the loop,
 * with a call of the removed function: the same WARN and EFAULT.
 *
 * Stock's walk of the call graph for stack depths visits a function once for
 * each chain of calls that reaches it. A cycle through a callback and a
 * global function (which restarts the frame count) made it endless, and a
 * chain of global functions that each call the next twice exponential: the
 * loading CPU hung in the kernel.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

static __naked __noinline __used int fixes_called(void)
{
	asm volatile ("r0 = 3;"
		      "exit;"
		      ::: __clobber_all);
}

static __naked __noinline __used int fixes_loaded_only(void)
{
	asm volatile ("r0 = 1;"
		      "exit;"
		      ::: __clobber_all);
}

static __naked __noinline __used int fixes_loaded_too(void)
{
	asm volatile ("r0 = 2;"
		      "exit;"
		      ::: __clobber_all);
}

static __naked __noinline __used int fixes_loop_cb(void)
{
	asm volatile ("r0 = 0;"
		      "exit;"
		      ::: __clobber_all);
}

SEC("socket")
__description("fixes: a function only loaded goes with the dead code")
__success __retval(3)
__naked int dead_func_loaded(void)
{
	asm volatile ("call fixes_called;"
		      "r4 = %[fixes_loaded_only] ll;"
		      "exit;"
		      :: __imm_addr(fixes_loaded_only)
		      : __clobber_all);
}

/* The load still gives a function's address: not NULL at run time. */
SEC("socket")
__description("fixes: the load of a removed function is not NULL")
__success __retval(3)
__naked int dead_func_not_null(void)
{
	asm volatile ("call fixes_called;"
		      "r6 = r0;"
		      "r4 = %[fixes_loaded_only] ll;"
		      "*(u64 *)(r10 - 8) = r4;"
		      "r4 = %[fixes_loaded_too] ll;"
		      "r5 = *(u64 *)(r10 - 8);"
		      "r0 = 99;"
		      "if r5 == 0 goto 1f;"
		      "if r4 == 0 goto 1f;"
		      "r0 = r6;"
		      "1: exit;"
		      :: __imm_addr(fixes_loaded_only),
			 __imm_addr(fixes_loaded_too)
		      : __clobber_all);
}

/* The callback of a helper call the walk proves dead is dead too. */
SEC("socket")
__description("fixes: a callback of a dead helper call goes with it")
__success __retval(3)
__naked int dead_func_dead_callback(void)
{
	asm volatile ("call fixes_called;"
		      "r6 = r0;"
		      "r2 = %[fixes_loop_cb] ll;"
		      "r1 = 0;"
		      "if r6 != 7 goto 1f;"
		      "r1 = 4;"
		      "r3 = 0;"
		      "r4 = 0;"
		      "call %[bpf_loop];"
		      "1: r0 = r6;"
		      "exit;"
		      :: __imm_addr(fixes_loop_cb),
			 __imm(bpf_loop)
		      : __clobber_all);
}

/* bpf_loop(0, cb): cb is never walked, and the loop is not inlined */
SEC("socket")
__description("fixes: a bpf_loop() of count 0 is not inlined")
__success __retval(3)
__xlated("7: call unknown")
__naked int loop_count_zero(void)
{
	asm volatile ("call fixes_called;"
		      "r6 = r0;"
		      "r1 = 0;"
		      "r2 = %[fixes_loop_cb] ll;"
		      "r3 = 0;"
		      "r4 = 0;"
		      "call %[bpf_loop];"
		      "r0 += r6;"
		      "exit;"
		      :: __imm_addr(fixes_loop_cb), __imm(bpf_loop)
		      : __clobber_all);
}

/* a callback walked: the loop is inlined (no helper call is left) */
SEC("socket")
__description("fixes: a bpf_loop() of count 2 is inlined")
__success __retval(5)
__xlated("7: if r1 <= 0x800000 goto pc+2")
__naked int loop_count_two(void)
{
	asm volatile ("call fixes_called;"
		      "r6 = r0;"
		      "r1 = 2;"
		      "r2 = %[fixes_loop_cb] ll;"
		      "r3 = 0;"
		      "r4 = 0;"
		      "call %[bpf_loop];"
		      "r0 += r6;"
		      "exit;"
		      :: __imm_addr(fixes_loop_cb), __imm(bpf_loop)
		      : __clobber_all);
}

/* cycle_cb -> cycle_global -> bpf_loop(cycle_cb) */
static __naked __noinline __used int cycle_cb(void)
{
	asm volatile ("call cycle_global;"
		      "r0 = 0;"
		      "exit;"
		      ::: __clobber_all);
}

__naked __noinline __used int cycle_global(void)
{
	asm volatile ("r1 = 1;"
		      "r2 = %[cycle_cb] ll;"
		      "r3 = 0;"
		      "r4 = 0;"
		      "call %[bpf_loop];"
		      "r0 = 0;"
		      "exit;"
		      :: __imm_addr(cycle_cb), __imm(bpf_loop)
		      : __clobber_all);
}

SEC("socket")
__description("fixes: a call cycle through a callback and a global function")
__failure __msg("recursive call from cycle_global() to cycle_cb() through a callback")
__naked int call_cycle_callback(void)
{
	asm volatile ("r1 = 1;"
		      "r2 = %[cycle_cb] ll;"
		      "r3 = 0;"
		      "r4 = 0;"
		      "call %[bpf_loop];"
		      "r0 = 0;"
		      "exit;"
		      :: __imm_addr(cycle_cb), __imm(bpf_loop)
		      : __clobber_all);
}

/* chain<n> calls chain<n + 1> twice: 2^n chains of calls reach chain<n> */
#define CHAIN(n, next)							\
__naked __noinline __used int chain##n(void)				\
{									\
	asm volatile ("call chain" #next ";"				\
		      "call chain" #next ";"				\
		      "r0 = 0;"						\
		      "exit;"						\
		      ::: __clobber_all);				\
}

__naked __noinline __used int chain40(void)
{
	asm volatile ("r0 = 0;"
		      "exit;"
		      ::: __clobber_all);
}

CHAIN(39, 40) CHAIN(38, 39) CHAIN(37, 38) CHAIN(36, 37) CHAIN(35, 36)
CHAIN(34, 35) CHAIN(33, 34) CHAIN(32, 33) CHAIN(31, 32) CHAIN(30, 31)
CHAIN(29, 30) CHAIN(28, 29) CHAIN(27, 28) CHAIN(26, 27) CHAIN(25, 26)
CHAIN(24, 25) CHAIN(23, 24) CHAIN(22, 23) CHAIN(21, 22) CHAIN(20, 21)
CHAIN(19, 20) CHAIN(18, 19) CHAIN(17, 18) CHAIN(16, 17) CHAIN(15, 16)
CHAIN(14, 15) CHAIN(13, 14) CHAIN(12, 13) CHAIN(11, 12) CHAIN(10, 11)

/* 2^30 chains of calls: refused, where stock walked each of them */
SEC("socket")
__description("fixes: a call graph of 2^30 chains is refused")
__failure __msg("the call graph has too many call chains to check")
__naked int call_chains_too_many(void)
{
	asm volatile ("call chain10;"
		      "r0 = 0;"
		      "exit;"
		      ::: __clobber_all);
}

/* 2^8 chains of calls: walked */
SEC("socket")
__description("fixes: a call graph of 2^8 chains loads")
__success __retval(0)
__naked int call_chains_some(void)
{
	asm volatile ("call chain32;"
		      "r0 = 0;"
		      "exit;"
		      ::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
