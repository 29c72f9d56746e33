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
 *
 * Dead code removal of a function before the exception callback left the
 * callback's index where it was: bpf_throw() entered the function after the
 * callback, or read past the end of the program's functions.
 *
 * A may_goto loop of an interpreted program called the JIT's timed helper,
 * arch_bpf_timed_may_goto(), as if it were a helper: it clobbered r0 and left
 * a count of -16 behind. A may_goto loop of a JITed function on a private
 * stack had the same helper look for the loop's timestamp on the kernel
 * stack, below the frame's pushed registers, and end the loop there.
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

/* 00-fixes/0002: the exception callback after a function dead code removes */

#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))

extern void bpf_throw(__u64 cookie) __ksym;

/* 0 in the frozen .rodata: the verifier knows the branch it guards is not taken */
const volatile int fixes_debug;
__u64 fixes_events;

/* called only when fixes_debug is set: never walked, removed as dead code */
static __noinline int fixes_log_event(struct __sk_buff *ctx)
{
	fixes_events += ctx->len;
	return 0;
}

/* the exception callback's own function: libbpf places it after the callback */
static __noinline int fixes_exc_part(__u64 cookie)
{
	return cookie * 2;
}

__noinline int fixes_exc_cb(__u64 cookie)
{
	return fixes_exc_part(cookie) + 1000;
}

__noinline int fixes_exc_cb_last(__u64 cookie)
{
	return cookie + 2000;
}

/*
 * The functions: exc_cb_after_dead, fixes_log_event, fixes_exc_cb,
 * fixes_exc_part (libbpf appends the callback after the functions the
 * program calls, and the callback's own after it). Removing fixes_log_event
 * moves the callback from 2 to 1; stock 7.3 kept 2, so bpf_throw() entered
 * fixes_exc_part() as the callback: a plain function, which returned into
 * bpf_throw() ("A call to BPF exception callback should never return") and
 * from it into the program after the call, where the walk never went. The
 * callback's 21 * 2 + 1000 here.
 */
SEC("tc")
__description("fixes: the exception callback after a function dead code removes")
__success __retval(1042)
__exception_cb(fixes_exc_cb)
int exc_cb_after_dead(struct __sk_buff *ctx)
{
	if (fixes_debug)
		fixes_log_event(ctx);
	bpf_throw(21);
	return 0;
}

/*
 * The same with the callback last: exc_cb_last_after_dead, fixes_log_event,
 * fixes_exc_cb_last. Stock 7.3 kept index 2 of two functions left, and
 * jit_subprogs() read the callback's address from func[2], one past the end
 * of the array: an oops at load, or a call of whatever it found at the
 * throw. The callback's 21 + 2000 here.
 */
SEC("tc")
__description("fixes: the exception callback, last, after a function dead code removes")
__success __retval(2021)
__exception_cb(fixes_exc_cb_last)
int exc_cb_last_after_dead(struct __sk_buff *ctx)
{
	if (fixes_debug)
		fixes_log_event(ctx);
	bpf_throw(21);
	return 0;
}

/*
 * 00-fixes/0003: may_goto in interpreted programs. Under the JIT (here) these
 * run with the timed budget; prog_tests/bpf_lift_fixes.c also loads them with
 * net.core.bpf_jit_enable=0, where stock 7.3 still emitted the timed budget,
 * whose call of arch_bpf_timed_may_goto() the interpreter makes as a helper
 * call: r0 takes whatever %rax held, the helper reads and may write at %rbp
 * plus a %r10 the interpreter never set, and the count is set to the -16 left
 * in AX, 2^64 - 16 more iterations.
 */

/* 100,000: in .data, not known to the verifier, which would walk each iteration */
__u32 fixes_loop_n = 100000;

/*
 * The count is in r0. Stock, interpreted: at iteration 65,535 the budget's
 * call set r0 to the %rax that arch_bpf_timed_may_goto() gives back as it
 * found it, and the loop returned that plus 34,465.
 */
SEC("tc")
__description("fixes: a may_goto loop of 100,000 iterations returns its count")
__success __retval(100000)
__naked int may_goto_counted(void)
{
	asm volatile ("					\
	r1 = %[fixes_loop_n] ll;			\
	r7 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
	r6 = 0;						\
l_head_%=:						\
	may_goto l_out_%=;				\
	r0 += 1;					\
	r6 += 1;					\
	if r6 < r7 goto l_head_%=;			\
l_out_%=:						\
	exit;						\
"	:
	: __imm_addr(fixes_loop_n)
	: __clobber_all);
}

/* iterations of may_goto_endless, for prog_tests */
__u64 fixes_spins;

/*
 * Only may_goto ends this loop. Stock, interpreted: a count of 2^64 - 16
 * after the first budget, so the loop did not end (the CPU locked up).
 */
SEC("tc")
__description("fixes: a loop that only may_goto ends returns")
__success __retval(42)
__naked int may_goto_endless(void)
{
	asm volatile ("					\
	r6 = 0;						\
l_head_%=:						\
	may_goto l_out_%=;				\
	r6 += 1;					\
	goto l_head_%=;					\
l_out_%=:						\
	r1 = %[fixes_spins] ll;				\
	*(u64 *)(r1 + 0) = r6;				\
	r0 = 42;					\
	exit;						\
"	:
	: __imm_addr(fixes_spins)
	: __clobber_all);
}

/*
 * 00-fixes/0004: may_goto in a function on a private stack. A raw_tp program
 * with a frame of 64 bytes or more runs on a private stack (%r9 its frame,
 * no frame on the kernel stack), and gets the plain count of BPF_MAX_LOOPS
 * (8,388,608) in a slot of its frame, at fp - 72 here, where stock 7.3 gave
 * it the timed budget. Its helper, arch_bpf_timed_may_goto(), looked for the
 * timestamp at %rbp - 72 of the kernel stack: below the frame's pushed %rbx
 * (r6), the %r9 the JIT pushes around a call and the return address, it is
 * where the helper saves %rcx (r4). r1 to r5 are not 0 here, so the stray
 * "timestamp" was an old one and the budget ran out at its first refill: both
 * loops ended after 65,535 iterations. (With a 0 there it wrote the time in
 * place of the saved register.) Test run: raw_tp takes no packet, so
 * prog_tests/bpf_lift_fixes.c runs these two and checks their results.
 */
SEC("raw_tp")
__description("fixes: a may_goto loop on a private stack, 100,000 iterations")
__success
__arch_x86_64
__xlated("0: *(u64 *)(r10 -72) = 8388608")
__jited("	movq	$0x800000, -0x48(%r9)")		/* the count, on the private stack */
__jited("...")
__jited("	movq	%rax, -0x40(%r9)")		/* the buffer */
__naked void priv_stack_may_goto_counted(void)
{
	asm volatile ("					\
	r1 = %[fixes_loop_n] ll;			\
	r5 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
	r2 = 1;						\
	r3 = 2;						\
	r4 = 3;						\
	r6 = 0;						\
	*(u64 *)(r10 - 64) = r0;			\
	*(u64 *)(r10 - 8) = r0;				\
l_head_%=:						\
	may_goto l_out_%=;				\
	r0 += 1;					\
	r6 += 1;					\
	if r6 < r5 goto l_head_%=;			\
l_out_%=:						\
	exit;						\
"	:
	: __imm_addr(fixes_loop_n)
	: __clobber_all);
}

/* returns its iterations: the whole count, BPF_MAX_LOOPS */
SEC("raw_tp")
__description("fixes: a loop that only may_goto ends, on a private stack")
__success
__arch_x86_64
__xlated("0: *(u64 *)(r10 -72) = 8388608")
__naked void priv_stack_may_goto_endless(void)
{
	asm volatile ("					\
	r0 = 0;						\
	r2 = 1;						\
	r3 = 2;						\
	r4 = 3;						\
	r5 = 4;						\
	r6 = 0;						\
	*(u64 *)(r10 - 64) = r0;			\
	*(u64 *)(r10 - 8) = r0;				\
l_head_%=:						\
	may_goto l_out_%=;				\
	r0 += 1;					\
	r6 += 1;					\
	goto l_head_%=;					\
l_out_%=:						\
	exit;						\
"	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
