// SPDX-License-Identifier: GPL-2.0
/*
 * Fixes of mainline bugs that bpf-lift carries first in its series
 * (kernel/patches/00-fixes/). Each program here fails on stock 7.3.
 *
 * A function whose address a program loads but never calls or passes to a
 * helper is never walked, so a privileged load removes it as dead code;
 * stock then finds no function at the load's target when it JITs the
 * subprograms, warns ("No program to jit") and fails the load with EFAULT.
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

char _license[] SEC("license") = "GPL";
