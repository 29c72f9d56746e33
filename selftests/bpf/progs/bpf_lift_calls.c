// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift calling convention: global functions with more than five
 * arguments. Arguments 6 to 12 go through the r11 area: the caller stores
 * argument 5 + k at *(u64 *)(r11 - 8k), the callee loads it from
 * *(u64 *)(r11 + 8k). A global function is verified once, on its own, with
 * each argument typed by its BTF prototype, registers and r11 slots alike.
 *
 * clang 19 and 22 emit no stack arguments, so the bodies are BPF assembly
 * under C prototypes: the prototype gives the function its BTF (and, not
 * being static, its global linkage). Each argument has its own value and
 * enters the result with its own weight (r0 = r0 * 13 + arg, in order), so
 * a slot read from the wrong place changes __retval. Then returns of 9 to
 * 16 bytes, the high half in R2.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* r0 = ((r1 * 13 + r2) * 13 + ...) for the five register arguments */
#define HORNER_REGS		\
	"r0 = r1;"		\
	"r0 *= 13;"		\
	"r0 += r2;"		\
	"r0 *= 13;"		\
	"r0 += r3;"		\
	"r0 *= 13;"		\
	"r0 += r4;"		\
	"r0 *= 13;"		\
	"r0 += r5;"

/* then r0 = r0 * 13 + the stack argument at r11 + OFF */
#define HORNER_SLOT(OFF)			\
	"r0 *= 13;"				\
	"r1 = *(u64 *)(r11 + " #OFF ");"	\
	"r0 += r1;"

/* r7 = fp - 8, a slot of the caller's stack, zeroed */
#define FP8_IN_R7			\
	"r1 = 0;"			\
	"*(u64 *)(r10 - 8) = r1;"	\
	"r7 = r10;"			\
	"r7 += -8;"

#define SET_REGS		\
	"r1 = 1;"		\
	"r2 = 2;"		\
	"r3 = 3;"		\
	"r4 = 4;"		\
	"r5 = 5;"

__naked __noinline int sum7(long a, long b, long c, long d, long e, long f, long g)
{
	asm volatile (
	/* the incoming slots first: a call or a store ends their reads */
	"r6 = *(u64 *)(r11 + 8);"
	"r7 = *(u64 *)(r11 + 16);"
	HORNER_REGS
	"r0 *= 13;"
	"r0 += r6;"
	"r0 *= 13;"
	"r0 += r7;"
	"exit;"
	::: __clobber_all);
}

/* 1..7 in Horner form, base 13 */
SEC("tc")
__description("calls: a global function with 7 arguments")
__success __retval(5664796)
__naked void global_7_args(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"r6 = 7;"
	"*(u64 *)(r11 - 16) = r6;"
	"call sum7;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline int sum12(long a1, long a2, long a3, long a4, long a5, long a6,
			     long a7, long a8, long a9, long a10, long a11, long a12)
{
	asm volatile (
	"r0 = r1;"
	"r0 *= 13;"
	"r0 += r2;"
	"r0 *= 13;"
	"r0 += r3;"
	"r0 *= 13;"
	"r0 += r4;"
	"r0 *= 13;"
	"r0 += r5;"
	HORNER_SLOT(8)
	HORNER_SLOT(16)
	HORNER_SLOT(24)
	HORNER_SLOT(32)
	HORNER_SLOT(40)
	HORNER_SLOT(48)
	HORNER_SLOT(56)
	"exit;"
	::: __clobber_all);
}

/* 1..12 in Horner form, base 13, low 32 bits */
SEC("tc")
__description("calls: a global function with 12 arguments")
__success __retval(0xb6692326)
__naked void global_12_args(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 7;"
	"*(u64 *)(r11 - 24) = 8;"
	"*(u64 *)(r11 - 32) = 9;"
	"*(u64 *)(r11 - 40) = 10;"
	"*(u64 *)(r11 - 48) = 11;"
	"*(u64 *)(r11 - 56) = 12;"
	"call sum12;"
	"exit;"
	::: __clobber_all);
}

/* argument 7 points to the caller's stack: the callee stores argument 6 there */
__naked __noinline int put7(long a, long b, long c, long d, long e, long f, long *out)
{
	asm volatile (
	"r2 = *(u64 *)(r11 + 8);"
	"r1 = *(u64 *)(r11 + 16);"
	"if r1 == 0 goto 1f;"
	"*(u64 *)(r1 + 0) = r2;"
"1:"
	"r0 = 0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a pointer to the caller's stack as argument 7")
__success __retval(99)
__naked void global_stack_ptr_arg(void)
{
	asm volatile (
	FP8_IN_R7
	SET_REGS
	"*(u64 *)(r11 - 8) = 99;"
	"*(u64 *)(r11 - 16) = r7;"
	"call put7;"
	"r0 = *(u64 *)(r10 - 8);"
	"exit;"
	::: __clobber_all);
}

/* the context as argument 6: 1 if the packet is not empty */
__naked __noinline int ctx6(long a, long b, long c, long d, long e, struct __sk_buff *skb)
{
	asm volatile (
	"r1 = *(u64 *)(r11 + 8);"
	"r0 = *(u32 *)(r1 + %[len]);"
	"if r0 == 0 goto 1f;"
	"r0 = 1;"
"1:"
	"exit;"
	:
	: __imm_const(len, offsetof(struct __sk_buff, len))
	: __clobber_all);
}

SEC("tc")
__description("calls: the context as argument 6")
__success __retval(1)
__naked void global_ctx_arg(void)
{
	asm volatile (
	"r6 = r1;"
	SET_REGS
	"*(u64 *)(r11 - 8) = r6;"
	"call ctx6;"
	"exit;"
	::: __clobber_all);
}

/* the caller passes 6 of 7 arguments */
SEC("tc")
__description("calls: argument 7 of a global function not written")
__failure __msg("callee expects 7 args, stack arg2 is not initialized")
__msg("error[V0042]: a stack argument the callee reads is not written")
__msg("= help: before the call, store each argument 5 + k the callee reads at *(u64 *)(r11 - 8k)")
__naked void global_arg_missing(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"call sum7;"
	"exit;"
	::: __clobber_all);
}

/* argument 7 may be NULL: its BTF is a plain pointer */
__naked __noinline int put7_unchecked(long a, long b, long c, long d, long e, long f,
				      long *out)
{
	asm volatile (
	"r1 = *(u64 *)(r11 + 16);"
	"r2 = 1;"
	"*(u64 *)(r1 + 0) = r2;"
	"r0 = 0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a nullable pointer argument 7 used unchecked")
__failure __msg("invalid mem access 'mem_or_null'")
__naked void global_nullable_arg(void)
{
	asm volatile (
	FP8_IN_R7
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = r7;"
	"call put7_unchecked;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a number where argument 7 is a pointer")
__failure __msg("Caller passes invalid args into func#")
__msg("error[V0005]: argument of the wrong type")
__naked void global_scalar_for_ptr(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 4096;"
	"call put7;"
	"exit;"
	::: __clobber_all);
}

/* argument 6 read after a call: R9, which the JIT passes it in, is gone */
__naked __noinline int late6(long a, long b, long c, long d, long e, long f)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r0 = *(u64 *)(r11 + 8);"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

SEC("tc")
__description("calls: a global function reads argument 6 after a call")
__failure __msg("r11 load must be before any r11 store or call insn")
__msg("error[V0043]: stack argument area used outside a call")
__naked void global_read_after_call(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"call late6;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline int sum13(long a1, long a2, long a3, long a4, long a5, long a6,
			     long a7, long a8, long a9, long a10, long a11, long a12,
			     long a13)
{
	asm volatile (
	"r0 = 0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function with 13 arguments")
__failure __msg("kernel supports at most 12 parameters, function sum13 has 13")
__msg("error[V0044]: more than 12 arguments")
__naked void global_13_args(void)
{
	asm volatile (
	SET_REGS
	"call sum13;"
	"exit;"
	::: __clobber_all);
}

/*
 * Argument 6 as a helper's size: precision goes back to the load from r11,
 * the global's own argument, and stops there.
 */
__naked __noinline int probe6(long a, long b, long c, long d, long e, long f)
{
	asm volatile (
	"r2 = *(u64 *)(r11 + 8);"
	"r2 &= 7;"
	"r6 = r2;"
	"r1 = r10;"
	"r1 += -8;"
	"r3 = 0;"
	"call %[bpf_probe_read_kernel];"
	"r0 = r6;"
	"exit;"
	:
	: __imm(bpf_probe_read_kernel)
	: __clobber_all);
}

SEC("tc")
__description("calls: argument 6 of a global function made precise")
__success __retval(5)
__naked void global_arg_precise(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 13;"
	"call probe6;"
	"exit;"
	::: __clobber_all);
}

/*
 * A frame over 512 bytes would run on the JIT's private stack, whose frame
 * pointer is R9, the register that passes argument 6: a caller of a
 * function with stack arguments, global or static, keeps 512 bytes. (The
 * interpreter has no private stack and refuses the frame in any case.)
 */
SEC("tc")
__description("calls: a 1 KiB frame calling a global function with 7 arguments")
__failure __msg("combined stack size of 1 calls is 1024. Too large")
__msg("functions with more than 5 arguments")
__test_tag("load_mode=jited")	/* __load_if_JITed() */
__naked void global_big_frame_caller(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 1024) = r1;"
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 7;"
	"call sum7;"
	"exit;"
	::: __clobber_all);
}

/*
 * Clang drops an argument the callee never uses from its calls, not from
 * its BTF: a call need not write a stack argument the callee never reads.
 */
static __naked __noinline __used int sum5_of6(long a, long b, long c, long d, long e, long f)
{
	asm volatile (
	HORNER_REGS
	"exit;"
	::: __clobber_all);
}

/* 1..5 in Horner form, base 13 */
SEC("tc")
__description("calls: a static function's unread argument 6 left out")
__success __retval(33519)
__naked void static_unread_arg(void)
{
	asm volatile (
	SET_REGS
	"call sum5_of6;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline int sum6_of7(long a, long b, long c, long d, long e, long f, long g)
{
	asm volatile (
	"r6 = *(u64 *)(r11 + 8);"
	HORNER_REGS
	"r0 *= 13;"
	"r0 += r6;"
	"exit;"
	::: __clobber_all);
}

/* 1..6 in Horner form, base 13 */
SEC("tc")
__description("calls: a global function's unread argument 7 left out")
__success __retval(435753)
__naked void global_unread_arg(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"call sum6_of7;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function's argument 6, read, left out")
__failure __msg("callee expects 7 args, stack arg1 is not initialized")
__msg("error[V0042]: a stack argument the callee reads is not written")
__naked void global_read_arg_missing(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 16) = 7;"
	"call sum6_of7;"
	"exit;"
	::: __clobber_all);
}

/* argument 7 read by a function that has 6 */
__naked __noinline int read7_of6(long a, long b, long c, long d, long e, long f)
{
	asm volatile (
	"r0 = *(u64 *)(r11 + 16);"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function reads past its arguments")
__failure __msg("invalid read from stack arg off 16 depth 8")
__msg("error[V0043]: stack argument area used outside a call")
__naked void global_read_past_args(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"call read7_of6;"
	"exit;"
	::: __clobber_all);
}

/* a stack argument that no call takes */
SEC("tc")
__description("calls: a stack argument stored for no call")
__failure __msg("func#0 writes 1 stack arg slots, but calls only require 0")
__msg("error[V0043]: stack argument area used outside a call")
__naked void store_without_call(void)
{
	asm volatile (
	"*(u64 *)(r11 - 8) = 6;"
	"r0 = 0;"
	"exit;"
	::: __clobber_all);
}

/* a 13th argument stored for a call */
SEC("tc")
__description("calls: a 13th argument stored")
__failure __msg("stack arg write offset -64 exceeds max 7 stack args")
__msg("error[V0044]: more than 12 arguments")
__naked void store_arg13(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 64) = 13;"
	"call sum12;"
	"exit;"
	::: __clobber_all);
}

/* a call through a const table of functions with 7 arguments (callx.rst) */
static __naked __noinline __used int add7(long a, long b, long c, long d, long e, long f,
					  long g)
{
	asm volatile (
	"r6 = *(u64 *)(r11 + 8);"
	"r7 = *(u64 *)(r11 + 16);"
	"r0 = r1;"
	"r0 += r2;"
	"r0 += r3;"
	"r0 += r4;"
	"r0 += r5;"
	"r0 += r6;"
	"r0 += r7;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used int mul67(long a, long b, long c, long d, long e, long f,
					   long g)
{
	asm volatile (
	"r6 = *(u64 *)(r11 + 8);"
	"r7 = *(u64 *)(r11 + 16);"
	"r0 = r6;"
	"r0 *= r7;"
	"exit;"
	::: __clobber_all);
}

typedef int (*fn7_t)(long, long, long, long, long, long, long);
static const fn7_t ops7[2] = { add7, mul67 };
__u32 ops7_idx;

/* ops7_idx is 0 at run time, and any value to the verifier: 1 + ... + 7 */
SEC("tc")
__description("calls: a call through a table of functions with 7 arguments")
__success __retval(28)
__naked void callx_7_args(void)
{
	asm volatile (
	"r1 = %[ops7_idx] ll;"
	"r1 = *(u32 *)(r1 + 0);"
	"r1 &= 1;"
	"r1 <<= 3;"
	"r2 = %[ops7] ll;"
	"r2 += r1;"
	"r9 = *(u64 *)(r2 + 0);"
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 7;"
	"callx r9;"
	"exit;"
	:
	: __imm_addr(ops7_idx),
	  __imm_addr(ops7)
	: __clobber_all);
}

/* r11 only in the loads and stores of stack arguments (mainline's rule) */
SEC("tc")
__description("calls: r11 as a general register")
__failure __msg("R11 is invalid")
__msg("error[V0027]")
__naked void r11_as_register(void)
{
	asm volatile (
	"r0 = r11;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: an outgoing argument read back after the call")
__failure __msg("R11 is invalid")
__msg("error[V0027]")
__naked void read_outgoing_arg(void)
{
	asm volatile (
	SET_REGS
	"*(u64 *)(r11 - 8) = 6;"
	"*(u64 *)(r11 - 16) = 7;"
	"call sum7;"
	"r0 = *(u64 *)(r11 - 8);"
	"exit;"
	::: __clobber_all);
}

/* a map value as argument 7: put7 stores argument 6 in it */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, long);
} calls_map SEC(".maps");

SEC("tc")
__description("calls: a map value as argument 7")
__success __retval(77)
__naked void global_map_value_arg(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u32 *)(r10 - 4) = r1;"
	"r2 = r10;"
	"r2 += -4;"
	"r1 = %[calls_map] ll;"
	"call %[bpf_map_lookup_elem];"
	"if r0 == 0 goto 1f;"
	"r7 = r0;"
	SET_REGS
	"*(u64 *)(r11 - 8) = 77;"
	"*(u64 *)(r11 - 16) = r7;"
	"call put7;"
	"r0 = *(u64 *)(r7 + 0);"
"1:"
	"exit;"
	:
	: __imm_addr(calls_map),
	  __imm(bpf_map_lookup_elem)
	: __clobber_all);
}

/*
 * Returns of 9 to 16 bytes: a function whose BTF returns such a struct,
 * union or integer gives the low 8 bytes in R0 and the high ones in R2.
 */
struct pair {
	long lo;
	long hi;
};

static __naked __noinline __used struct pair pair_static(long a)
{
	asm volatile (
	"r0 = r1;"
	"r2 = r1;"
	"r2 *= 3;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a static function returns 16 bytes in R0 and R2")
__success __retval(7021)
__naked void ret16_static(void)
{
	asm volatile (
	"r1 = 7;"
	"call pair_static;"
	"r0 *= 1000;"
	"r0 += r2;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline struct pair pair_global(long a)
{
	asm volatile (
	"r0 = r1;"
	"r2 = r1;"
	"r2 += 100;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function returns 16 bytes in R0 and R2")
__success __retval(5105)
__naked void ret16_global(void)
{
	asm volatile (
	"r1 = 5;"
	"call pair_global;"
	"r0 *= 1000;"
	"r0 += r2;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used unsigned __int128 wide_static(long a)
{
	asm volatile (
	"r0 = r1;"
	"r2 = 9;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a static function returns an __int128 in R0 and R2")
__success __retval(4009)
__naked void ret16_int128(void)
{
	asm volatile (
	"r1 = 4;"
	"call wide_static;"
	"r0 *= 1000;"
	"r0 += r2;"
	"exit;"
	::: __clobber_all);
}

/* R2 is 0 on the first path the walk takes, 64 on the second */
static __naked __noinline __used struct pair pick_static(long a)
{
	asm volatile (
	"r0 = 0;"
	"r2 = 64;"
	"if r1 != 0 goto 1f;"
	"r2 = 0;"
"1:"
	"exit;"
	::: __clobber_all);
}

/*
 * The second path reaches the callee's exit with R2 = 64: R2 is live there
 * and precise, so it is not pruned against the first (R2 = 0).
 */
SEC("tc")
__description("calls: the high half of a return indexes the stack")
__failure __msg("invalid read from stack R3 off=56 size=1")
__flag(BPF_F_TEST_STATE_FREQ)
__naked void ret16_live_precise(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r1 = r0;"
	"call pick_static;"
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"r3 = r10;"
	"r3 += -8;"
	"r3 += r2;"
	"r0 = *(u8 *)(r3 + 0);"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

static __naked __noinline __used long one_static(long a)
{
	asm volatile (
	"r0 = r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: R2 read after a function that returns 8 bytes")
__failure __msg("R2 !read_ok")
__naked void ret16_r2_after_8(void)
{
	asm volatile (
	"r1 = 1;"
	"call one_static;"
	"r0 = r2;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: R2 read after a helper")
__failure __msg("R2 !read_ok")
__naked void ret16_r2_after_helper(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r0 = r2;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/* its BTF says 16 bytes, its body writes R0 only */
__naked __noinline struct pair half_global(long a)
{
	asm volatile (
	"r0 = r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function that returns 16 bytes leaves R2 unset")
__failure __msg("R2 !read_ok")
__naked void ret16_global_r2_unset(void)
{
	asm volatile (
	"r1 = 1;"
	"call half_global;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used struct pair half_static(void)
{
	asm volatile (
	"r0 = 1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a static function that returns 16 bytes leaves R2 unset")
__failure __msg("R2 !read_ok: R2 holds the high half of a 16-byte return")
__msg("error[V0006]")
__naked void ret16_static_r2_unset(void)
{
	asm volatile (
	"call half_static;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline struct pair leak_global(struct __sk_buff *skb)
{
	asm volatile (
	"r0 = 0;"
	"r2 = r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function returns a pointer in R2")
__failure __msg("R2 leaks addr as return value")
__naked void ret16_global_ptr(void)
{
	asm volatile (
	"call leak_global;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used struct pair stack_static(void)
{
	asm volatile (
	"r0 = 0;"
	"r2 = r10;"
	"r2 += -8;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a static function returns its stack in R2")
__failure __msg("cannot return stack pointer to the caller in R2")
__naked void ret16_static_stack(void)
{
	asm volatile (
	"call stack_static;"
	"exit;"
	::: __clobber_all);
}

/*
 * Arguments of 9 to 16 bytes: a struct, a union or an __int128 passed by
 * value takes two registers, the low half in the lower one, as clang passes
 * it; the arguments after it move up one register.
 */
__naked __noinline long pair_arg_global(struct pair p, long *out)
{
	asm volatile (
	"r0 = r1;"
	"r0 *= 1000;"
	"r0 += r2;"
	"if r3 == 0 goto 1f;"
	"*(u64 *)(r3 + 0) = r0;"
	"1: exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function takes a 16-byte struct in R1 and R2")
__success __retval(8014)
__naked void arg16_global_struct(void)
{
	asm volatile (
	"r6 = 0;"
	"*(u64 *)(r10 - 8) = r6;"
	"r1 = 4;"
	"r2 = 7;"
	"r3 = r10;"
	"r3 += -8;"
	"call pair_arg_global;"
	"r6 = *(u64 *)(r10 - 8);"
	"r0 += r6;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline long int128_arg_global(__int128 v, long x)
{
	asm volatile (
	"r0 = r2;"
	"r0 *= 1000;"
	"r0 += r1;"
	"r0 *= 10;"
	"r0 += r3;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a global function takes an __int128 in R1 and R2")
__success __retval(30052)
__naked void arg16_global_int128(void)
{
	asm volatile (
	"r1 = 5;"
	"r2 = 3;"
	"r3 = 2;"
	"call int128_arg_global;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: the high half of a 16-byte argument must be set")
__failure __msg("R2 is not a scalar")
__msg("error[V0005]: argument of the wrong type")
__naked void arg16_high_unset(void)
{
	asm volatile (
	"r1 = 5;"
	"r3 = 2;"
	"call int128_arg_global;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: the high half of a 16-byte argument is a scalar, not a pointer")
__failure __msg("R2 is not a scalar")
__msg("error[V0005]: argument of the wrong type")
__naked void arg16_high_pointer(void)
{
	asm volatile (
	"r1 = 5;"
	"r2 = r10;"
	"r3 = 2;"
	"call int128_arg_global;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline long int128_then_stack(__int128 v, long b, long c, long d, long e)
{
	asm volatile (
	"r0 = r2;"
	"r0 *= 10;"
	"r0 += r1;"
	"r0 *= 10;"
	"r0 += r3;"
	"r0 *= 10;"
	"r0 += r4;"
	"r0 *= 10;"
	"r0 += r5;"
	"r1 = *(u64 *)(r11 + 8);"
	"r0 *= 10;"
	"r0 += r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: after an __int128 in R1 and R2, the fifth parameter is a stack argument")
__success __retval(213456)
__naked void arg16_then_stack(void)
{
	asm volatile (
	SET_REGS
	"r6 = 6;"
	"*(u64 *)(r11 - 8) = r6;"
	"call int128_then_stack;"
	"exit;"
	::: __clobber_all);
}

__naked __noinline long int128_past_r5(long a, long b, long c, long d, __int128 v)
{
	asm volatile (
	"r0 = r5;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a 16-byte argument does not go past R5")
__failure __msg("arg#4 of int128_past_r5() takes two registers, past R5")
__msg("error[V0045]: a 16-byte argument does not fit in R1 to R5")
__naked void arg16_past_r5(void)
{
	asm volatile (
	SET_REGS
	"call int128_past_r5;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used long int128_past_r5_static(long a, long b, long c, long d,
							    __int128 v)
{
	asm volatile (
	"r0 = r5;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("calls: a static function's registers flow in as before, past R5 too")
__success __retval(5)
__naked void arg16_past_r5_static(void)
{
	asm volatile (
	SET_REGS
	"call int128_past_r5_static;"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
