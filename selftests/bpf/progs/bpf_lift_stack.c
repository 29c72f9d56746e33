// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift stack: a privileged program may have frames of up to 128 KiB
 * (131072 bytes) each and call chains of up to 32 frames; an unprivileged
 * one keeps frames of 512 bytes (and cannot call functions at all). A frame
 * over 512 bytes runs on the x86-64 JIT's per-CPU private stack, so the
 * interpreter refuses such programs ("needs the JIT"): prog_tests/bpf_lift_stack.c
 * runs this file only with the JIT on and checks the refusals with it off.
 *
 * Built with -mllvm -bpf-stack-size=262144 (scripts/build): clang refuses a
 * frame of 512 bytes or more without it. clang-22 also truncates an fp
 * offset to 16 bits (fp-40000 becomes fp+25536), so C here reaches below
 * fp-32768 only through pointers. seed is a writable global, so neither
 * clang nor the verifier knows it: the buffers are filled from it and hashed
 * at run time, and __retval checks every byte came back. The expected
 * values follow the formulas next to each program.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

volatile __u32 seed = 3;

/*
 * The loops below count i by one to a constant n, a power of two, and
 * index with idx(i, n), i & (n - 1) hidden from clang: a no-op at run time,
 * it keeps the offset inside the buffer whatever range the verifier gives
 * i, and keeps clang from turning i into a byte offset that steps by 4.
 *
 * fill_u8() fills @buf with bytes that change along it,
 * (i + i / 256 + s) & 0xff, so that two aliased offsets would show in the
 * hash.
 */
static __always_inline __u32 idx(__u32 i, __u32 n)
{
	barrier_var(i);
	return i & (n - 1);
}

static __always_inline void fill_u8(__u8 *buf, __u32 n, __u32 s)
{
	__u32 i;

#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < n; i++)
		buf[idx(i, n)] = i + (i >> 8) + s;
	/* the buffer is read back from the stack, not from registers */
	asm volatile("" : : "r"(buf) : "memory");
}

/* h = h * 31 + buf[i] over the whole buffer, modulo 2^32 */
static __always_inline __u32 hash_u8(const __u8 *buf, __u32 n)
{
	__u32 i, h = 0;

#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < n; i++)
		h = h * 31 + buf[idx(i, n)];
	return h;
}

/* The same with words: buf[i] = i * 3 + s, all different. */
static __always_inline __u32 fill_hash_u32(__u32 *buf, __u32 n, __u32 s)
{
	__u32 i, h = 0;

#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < n; i++)
		buf[idx(i, n)] = i * 3 + s;
	asm volatile("" : : "r"(buf) : "memory");
#pragma clang loop unroll(disable) vectorize(disable)
	for (i = 0; i < n; i++)
		h = h * 31 + buf[idx(i, n)];
	return h;
}

/* Buffers on the stack, filled and hashed: hash_u8() or fill_hash_u32(). */

SEC("tc")
__description("stack: a 1 KiB buffer")
__success __retval(0x9d8ce000)
int stack_1k(void *ctx)
{
	__u8 buf[1024];

	fill_u8(buf, sizeof(buf), seed);
	return hash_u8(buf, sizeof(buf));
}

SEC("tc")
__description("stack: a 4 KiB buffer")
__success __retval(0x2f598000)
int stack_4k(void *ctx)
{
	__u8 buf[4096];

	fill_u8(buf, sizeof(buf), seed);
	return hash_u8(buf, sizeof(buf));
}

SEC("tc")
__description("stack: a 16 KiB buffer of words")
__success __retval(0x82331800)
int stack_16k(void *ctx)
{
	__u32 buf[4096];

	return fill_hash_u32(buf, ARRAY_SIZE(buf), seed);
}

/* the same work in 512 bytes, which mainline takes: veristat's reference */
SEC("tc")
__description("stack: a 512-byte buffer of words")
__success __retval(0x73b198c0)
int stack_512w(void *ctx)
{
	__u32 buf[128];

	return fill_hash_u32(buf, ARRAY_SIZE(buf), seed);
}

SEC("tc")
__description("stack: a 64 KiB buffer of words")
__success __retval(0x08cc6000)
int stack_64k(void *ctx)
{
	__u32 buf[16384];

	return fill_hash_u32(buf, ARRAY_SIZE(buf), seed);
}

/*
 * Frames of 1, 2 and 4 KiB along one chain, then three small ones: each
 * fills its buffer, calls the next and hashes its buffer after the call, so
 * a callee's frame that overlapped its caller's would change the result.
 * big2 returns f30(x) + hash, big1 big2(x + 1) + hash, the program
 * big1(seed + 1) + hash. big1 and big2 are global functions: the verifier
 * walks each on its own, and widens their loops as the main program's.
 */
static __noinline int f30(int x);

__noinline __u32 big2(__u32 x)
{
	__u8 buf[4096];
	__u32 r;

	fill_u8(buf, sizeof(buf), x);
	r = f30(x);
	return r + hash_u8(buf, sizeof(buf));
}

__noinline __u32 big1(__u32 x)
{
	__u8 buf[2048];
	__u32 r;

	fill_u8(buf, sizeof(buf), x);
	r = big2(x + 1);
	return r + hash_u8(buf, sizeof(buf));
}

SEC("tc")
__description("stack: frames of 1, 2 and 4 KiB and small ones along one chain")
__success __retval(0x41c42064)
int stack_chain_big(void *ctx)
{
	__u32 s = seed, r;
	__u8 buf[1024];

	fill_u8(buf, sizeof(buf), s);
	r = big1(s + 1);
	return r + hash_u8(buf, sizeof(buf));
}

/*
 * A pointer to the main program's stack passed down 20 calls. The stack
 * liveness analysis follows calls that pass such pointers 16 deep and,
 * beyond, counts every frame as read at the call: the program loads, and
 * the value written at the bottom comes back. p20 writes 7, p19 to p1 each
 * add 1 to the result: 19 + 7.
 */
static __noinline int p20(__u64 *v)
{
	*v = 7;
	return 0;
}

#define PASS_PTR(n, next)				\
static __noinline int p##n(__u64 *v)			\
{							\
	return next(v) + 1;				\
}

PASS_PTR(19, p20) PASS_PTR(18, p19) PASS_PTR(17, p18) PASS_PTR(16, p17)
PASS_PTR(15, p16) PASS_PTR(14, p15) PASS_PTR(13, p14) PASS_PTR(12, p13)
PASS_PTR(11, p12) PASS_PTR(10, p11) PASS_PTR(9, p10) PASS_PTR(8, p9)
PASS_PTR(7, p8) PASS_PTR(6, p7) PASS_PTR(5, p6) PASS_PTR(4, p5)
PASS_PTR(3, p4) PASS_PTR(2, p3) PASS_PTR(1, p2)

SEC("tc")
__description("stack: a stack pointer passed down a chain of 21 frames")
__success __retval(26)
int stack_ptr_chain_21(void *ctx)
{
	__u64 x = 0;
	int r;

	barrier_var(x);
	r = p1(&x);
	return r + x;
}

/* The edges of a frame, in assembly: the verifier sees the offsets as written. */

SEC("socket")
__description("stack: a frame of 512 bytes, the old limit")
__success __retval(42)
__success_unpriv __retval_unpriv(42)
__naked void stack_512(void)
{
	asm volatile (
	"r0 = 42;"
	"*(u64 *)(r10 - 512) = r0;"
	"r0 = *(u64 *)(r10 - 512);"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("stack: a frame of 520 bytes")
__success __retval(42)
__failure_unpriv __msg_unpriv("invalid write to stack R10 off=-520 size=8")
__naked void stack_520(void)
{
	asm volatile (
	"r0 = 42;"
	"*(u64 *)(r10 - 520) = r0;"
	"r0 = *(u64 *)(r10 - 520);"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("stack: a frame of 1 KiB, unprivileged")
__success __retval(42)
__failure_unpriv __msg_unpriv("invalid write to stack R10 off=-1024 size=8")
__naked void stack_1k_unpriv(void)
{
	asm volatile (
	"r0 = 42;"
	"*(u64 *)(r10 - 1024) = r0;"
	"r0 = *(u64 *)(r10 - 1024);"
	"exit;"
	::: __clobber_all);
}

/* both ends of a 128 KiB frame: 2 at fp-131072, 1 at fp-8 */
SEC("tc")
__description("stack: a frame of 128 KiB, the new limit")
__success __retval(21)
__naked void stack_128k(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -131072;"
	"r2 = 2;"
	"*(u64 *)(r1 + 0) = r2;"
	"r2 = 1;"
	"*(u64 *)(r10 - 8) = r2;"
	"r0 = *(u64 *)(r1 + 0);"
	"r0 *= 10;"
	"r3 = *(u64 *)(r10 - 8);"
	"r0 += r3;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("stack: a write one slot past 128 KiB")
__failure __msg("invalid write to stack R1 off=-131080 size=8")
__naked void stack_128k_write_past(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -131080;"
	"r0 = 0;"
	"*(u64 *)(r1 + 0) = r0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("stack: a read one slot past 128 KiB")
__failure __msg("invalid read from stack R1 off=-131080 size=8")
__naked void stack_128k_read_past(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -131080;"
	"r0 = *(u64 *)(r1 + 0);"
	"exit;"
	::: __clobber_all);
}

/* fp-131080 + (seed & 8): past the limit when seed & 8 is 0 */
SEC("tc")
__description("stack: a variable-offset write that may land past 128 KiB")
__failure __msg("invalid variable-offset write to stack R1")
__naked void stack_128k_var_off_past(void)
{
	asm volatile (
	"r2 = %[seed] ll;"
	"r2 = *(u32 *)(r2 + 0);"
	"r2 &= 8;"
	"r1 = r10;"
	"r1 += -131080;"
	"r1 += r2;"
	"r0 = 0;"
	"*(u8 *)(r1 + 0) = r0;"
	"exit;"
	:
	: __imm_addr(seed)
	: __clobber_all);
}

SEC("tc")
__description("stack: a frame of 128 KiB + 16 bytes in C")
__failure __msg("invalid write to stack R{{[0-9]}} off=-131088 size=1")
int stack_128k_c_past(void *ctx)
{
	__u8 buf[131088];
	__u32 i = 0;

	/*
	 * An index clang cannot see makes it address buf[0] from a pointer,
	 * fp-131088 + 0: clang-22 would truncate an fp offset to 16 bits.
	 */
	barrier_var(i);
	buf[i] = seed;
	asm volatile("" : : "r"(buf) : "memory");
	return buf[i];
}

/* Slots deep in a big frame keep their types. */

SEC("socket")
__description("stack: an uninitialized slot at fp-4096 reads as a scalar")
__failure __msg("R0 invalid mem access 'scalar'")
__failure_unpriv __msg_unpriv("invalid read from stack R10 off=-4096 size=8")
__naked void stack_uninit_4k_scalar(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"r0 = *(u64 *)(r10 - 4096);"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	::: __clobber_all);
}

/*
 * Without CAP_PERFMON an uninitialized stack read is an error, however
 * deep: one byte of the slot at fp-4096 is written, the next is not.
 */
SEC("socket")
__description("stack: an uninitialized read at fp-4096 without CAP_PERFMON")
__success
__caps_unpriv(CAP_BPF)
__failure_unpriv __msg_unpriv("invalid read from stack off -4096+1 size 8")
__naked void stack_uninit_4k_noperfmon(void)
{
	asm volatile (
	"r1 = 1;"
	"*(u8 *)(r10 - 4096) = r1;"
	"r0 = *(u64 *)(r10 - 4096);"
	"r0 = 0;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("stack: a pointer spilled at fp-4096 fills as a pointer")
__success __retval(3)
__naked void stack_spill_ptr_4k(void)
{
	asm volatile (
	"r1 = %[seed] ll;"
	"*(u64 *)(r10 - 4096) = r1;"
	"r1 = 0;"
	"r2 = *(u64 *)(r10 - 4096);"
	"r0 = *(u32 *)(r2 + 0);"
	"exit;"
	:
	: __imm_addr(seed)
	: __clobber_all);
}

SEC("socket")
__description("stack: a pointer spilled at fp-4096 and partly overwritten is a scalar")
__failure __msg("R2 invalid mem access 'scalar'")
__failure_unpriv __msg_unpriv("invalid write to stack R10 off=-4096 size=8")
__naked void stack_spill_ptr_4k_clobbered(void)
{
	asm volatile (
	"r1 = %[seed] ll;"
	"*(u64 *)(r10 - 4096) = r1;"
	"r1 = 0;"
	"*(u8 *)(r10 - 4093) = r1;"
	"r2 = *(u64 *)(r10 - 4096);"
	"r0 = *(u32 *)(r2 + 0);"
	"exit;"
	:
	: __imm_addr(seed)
	: __clobber_all);
}

/*
 * Precision of slots beyond fp-512. The path the verifier walks first (no
 * jump) spills 0 and writes at fp-2048 + 0; the other one spills 100000 and
 * would write at fp-2048 + 100000, above the frame. Both join at l2, where
 * BPF_F_TEST_STATE_FREQ makes a checkpoint. The first path marks the
 * spilled slot precise when it adds it to a stack pointer; had that mark
 * been lost for a slot below fp-512, the second path would match the
 * checkpoint, be pruned, and the program would load.
 */
SEC("socket")
__description("stack: precision of a scalar spilled at fp-1024")
__failure __msg("invalid write to stack R2 off=97952 size=1")
__flag(BPF_F_TEST_STATE_FREQ)
__naked void stack_precise_fp1024(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l1_%=;"
	"r1 = 0;"
	"*(u64 *)(r10 - 1024) = r1;"
	"goto l2_%=;"
"l1_%=:"
	"r1 = 100000;"
	"*(u64 *)(r10 - 1024) = r1;"
"l2_%=:"
	"r1 = 0;"
	"r6 = *(u64 *)(r10 - 1024);"
	"r2 = r10;"
	"r2 += -2048;"
	"r2 += r6;"
	"r0 = 0;"
	"*(u8 *)(r2 + 0) = r0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/*
 * The same at the last slot of a 128 KiB frame, spilled and filled through
 * another register than r10: 0 writes at fp-131072, 200000 above the frame.
 */
SEC("socket")
__description("stack: precision of a scalar spilled at fp-131072")
__failure __msg("invalid write to stack R2 off=68928 size=1")
__flag(BPF_F_TEST_STATE_FREQ)
__naked void stack_precise_fp131072(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r9 = r10;"
	"r9 += -131072;"
	"if r0 == 0 goto l1_%=;"
	"r1 = 0;"
	"*(u64 *)(r9 + 0) = r1;"
	"goto l2_%=;"
"l1_%=:"
	"r1 = 200000;"
	"*(u64 *)(r9 + 0) = r1;"
"l2_%=:"
	"r1 = 0;"
	"r6 = *(u64 *)(r9 + 0);"
	"r2 = r10;"
	"r2 += -131072;"
	"r2 += r6;"
	"r0 = 0;"
	"*(u8 *)(r2 + 0) = r0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/* The callee fills the caller's slot at fp-1024 through a pointer. */
static __naked __noinline __used int stack_precise_callee(void)
{
	asm volatile (
	"r6 = *(u64 *)(r1 + 0);"
	"r2 = r10;"
	"r2 += -2048;"
	"r2 += r6;"
	"r0 = 0;"
	"*(u8 *)(r2 + 0) = r0;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("stack: precision of a caller's slot at fp-1024 read by a callee")
__failure __msg("invalid write to stack R2 off=97952 size=1")
__flag(BPF_F_TEST_STATE_FREQ)
__naked void stack_precise_fp1024_callee(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l1_%=;"
	"r1 = 0;"
	"*(u64 *)(r10 - 1024) = r1;"
	"goto l2_%=;"
"l1_%=:"
	"r1 = 100000;"
	"*(u64 *)(r10 - 1024) = r1;"
"l2_%=:"
	"r1 = r10;"
	"r1 += -1024;"
	"call stack_precise_callee;"
	"r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/*
 * The safe twin: 0 or 1000 from fp-1024, both inside the frame. seed is 3,
 * so the run takes the jump, writes 7 at fp-2048 + 1000 and returns
 * 7 + 1000.
 */
SEC("socket")
__description("stack: precision of a scalar spilled at fp-1024, both paths safe")
__success __retval(1007)
__flag(BPF_F_TEST_STATE_FREQ)
__log_level(2) __msg("fp-1024")
__naked void stack_precise_fp1024_safe(void)
{
	asm volatile (
	"r1 = %[seed] ll;"
	"r0 = *(u32 *)(r1 + 0);"
	"if r0 != 0 goto l1_%=;"
	"r1 = 0;"
	"*(u64 *)(r10 - 1024) = r1;"
	"goto l2_%=;"
"l1_%=:"
	"r1 = 1000;"
	"*(u64 *)(r10 - 1024) = r1;"
"l2_%=:"
	"r1 = 0;"
	"r6 = *(u64 *)(r10 - 1024);"
	"r2 = r10;"
	"r2 += -2048;"
	"r2 += r6;"
	"r0 = 7;"
	"*(u8 *)(r2 + 0) = r0;"
	"r0 = *(u8 *)(r2 + 0);"
	"r0 += r6;"
	"exit;"
	:
	: __imm_addr(seed)
	: __clobber_all);
}

/*
 * Call chains. f1 -> f2 -> ... -> f32: fN passes x + 1 on and returns what
 * the rest of the chain returns plus N, read back from its frame after the
 * call; f32 returns x + 32. A program entering at fS makes a chain of
 * 34 - S frames and returns seed + 64 - S + (S + ... + 31).
 */
static __noinline int f32(int x)
{
	volatile int a[2];

	a[0] = x;
	a[1] = 32;
	return a[0] + a[1];
}

#define CHAIN_FN(n, next)				\
static __noinline int f##n(int x)			\
{							\
	volatile int a[2];				\
							\
	a[0] = x + 1;					\
	a[1] = n;					\
	return next(a[0]) + a[1];			\
}

CHAIN_FN(31, f32)
CHAIN_FN(30, f31)
CHAIN_FN(29, f30)
CHAIN_FN(28, f29)
CHAIN_FN(27, f28)
CHAIN_FN(26, f27)
CHAIN_FN(25, f26)
CHAIN_FN(24, f25)
CHAIN_FN(23, f24)
CHAIN_FN(22, f23)
CHAIN_FN(21, f22)
CHAIN_FN(20, f21)
CHAIN_FN(19, f20)
CHAIN_FN(18, f19)
CHAIN_FN(17, f18)
CHAIN_FN(16, f17)
CHAIN_FN(15, f16)
CHAIN_FN(14, f15)
CHAIN_FN(13, f14)
CHAIN_FN(12, f13)
CHAIN_FN(11, f12)
CHAIN_FN(10, f11)
CHAIN_FN(9, f10)
CHAIN_FN(8, f9)
CHAIN_FN(7, f8)
CHAIN_FN(6, f7)
CHAIN_FN(5, f6)
CHAIN_FN(4, f5)
CHAIN_FN(3, f4)
CHAIN_FN(2, f3)
CHAIN_FN(1, f2)

SEC("socket")
__description("stack: a chain of 16 frames, the old limit")
__success __retval(392)
__failure_unpriv
__msg_unpriv("loading/calling other bpf or kernel functions are allowed for CAP_BPF")
int chain_16(void *ctx)
{
	return f18(seed);
}

SEC("socket")
__description("stack: a chain of 17 frames")
__success __retval(410)
__failure_unpriv
__msg_unpriv("loading/calling other bpf or kernel functions are allowed for CAP_BPF")
int chain_17(void *ctx)
{
	return f17(seed);
}

SEC("tc")
__description("stack: a chain of 24 frames")
__success __retval(508)
int chain_24(void *ctx)
{
	return f10(seed);
}

SEC("tc")
__description("stack: a chain of 32 frames, the new limit")
__success __retval(560)
int chain_32(void *ctx)
{
	return f2(seed);
}

SEC("tc")
__description("stack: a chain of 33 frames")
__failure __msg("the call stack of 33 frames is too deep")
int chain_33(void *ctx)
{
	return f1(seed);
}

/*
 * What the x86-64 JIT emits for a frame over 512 bytes (__jited: test_progs
 * disassembles with LLVM). The main function's prologue counts the program's
 * runs on this CPU in a per-CPU word (movabsq of its per-CPU address, plus
 * this CPU's offset from %gs): a run that finds the count taken gives it
 * back, counts a recursion miss (callq bpf_prog_priv_stack_nested()) and
 * returns the value its type fails closed with (TC_ACT_SHOT, 2) without
 * touching the private stack. Past that, %r9 is this CPU's frame and BPF's
 * r10 is %r9, not %rbp; the exit gives the count back (decl through %rcx).
 * The frame has no room on the kernel stack (no subq from %rsp).
 */
SEC("tc")
__description("stack: the JITed prologue of a 520-byte frame: run count and private stack")
__success __retval(42)
__arch_x86_64
__jited("	pushq	%rbp")
__jited("	movq	%rsp, %rbp")
__jited("	endbr64")
__jited("	movabsq	$0x{{[0-9a-f]+}}, %rax")
__jited("	addq	%gs:{{.*}}, %rax")
__jited("	incl	(%rax)")
__jited("	cmpl	$0x1, (%rax)")
__jited("	je	L0")
__jited("	decl	(%rax)")
__jited("	movabsq	${{.*}}, %rdi")
__jited("	callq	0x{{[0-9a-f]+}}")
__jited("	movl	$0x2, %eax")
__jited("	leave")
__jited("	retq")
__jited("L0:	movabsq	$0x{{[0-9a-f]+}}, %r9")
__jited("	addq	%gs:{{.*}}, %r9")
__jited("	movl	$0x2a, %eax")
__jited("	movq	%rax, -0x208(%r9)")
__jited("	movq	-0x208(%r9), %rax")
__jited("	movabsq	$0x{{[0-9a-f]+}}, %rcx")
__jited("	addq	%gs:{{.*}}, %rcx")
__jited("	decl	(%rcx)")
__jited("	leave")
__jited("	retq")
__naked void stack_520_jited(void)
{
	asm volatile (
	"r0 = 42;"
	"*(u64 *)(r10 - 520) = r0;"
	"r0 = *(u64 *)(r10 - 520);"
	"exit;"
	::: __clobber_all);
}

/*
 * A private stack over 32 KiB is a vmalloc() area per CPU, which a per-CPU
 * pointer holds: the prologue loads it and adds the guard word and the frame.
 */
SEC("tc")
__description("stack: the JITed prologue of a 40,000-byte frame: a vmalloc()ed private stack")
__success __retval(42)
__arch_x86_64
__jited("	cmpl	$0x1, (%rax)")
__jited("	je	L0")
__jited("...")
__jited("L0:	movabsq	$0x{{[0-9a-f]+}}, %r9")
__jited("	addq	%gs:{{.*}}, %r9")
__jited("	movq	(%r9), %r9")
__jited("	addq	$0x9c48, %r9")		/* 8 (guard) + 40000 */
__jited("	movl	$0x2a, %eax")
__jited("	movq	%r9, %rdi")
__jited("	addq	$-0x9c40, %rdi")	/* r1 = r10 - 40000 */
__jited("	movq	%rax, (%rdi)")
__naked void stack_40k_jited(void)
{
	asm volatile (
	"r0 = 42;"
	"r1 = r10;"
	"r1 += -40000;"
	"*(u64 *)(r1 + 0) = r0;"
	"r0 = *(u64 *)(r1 + 0);"
	"exit;"
	::: __clobber_all);
}

/* 512 bytes stay on the kernel stack, as in mainline: no run count */
SEC("tc")
__description("stack: the JITed prologue of a 512-byte frame: the kernel stack")
__success __retval(42)
__arch_x86_64
__jited("	pushq	%rbp")
__jited("	movq	%rsp, %rbp")
__jited("	endbr64")
__jited("	subq	$0x200, %rsp")
__jited("	movl	$0x2a, %eax")
__jited("	movq	%rax, -0x200(%rbp)")
__naked void stack_512_jited(void)
{
	asm volatile (
	"r0 = 42;"
	"*(u64 *)(r10 - 512) = r0;"
	"r0 = *(u64 *)(r10 - 512);"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
