// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift 128-bit arithmetic: the module's kfuncs through the wrappers of
 * bpf_lift_u128.h, on operands that user space sets, with the results left
 * in globals (prog_tests/bpf_lift_u128.c checks them against the host's own
 * __int128 arithmetic); two calls the verifier must refuse; and a benchmark,
 * a u128 multiply and a u128 divide through the kfuncs against the same work
 * open-coded in 64-bit BPF.
 */

#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"
#include "bpf_lift_u128.h"

/*
 * 128-bit arithmetic as LLVM 23 compiles it: a call of the libgcc routine
 * (__multi3() for a multiply, ...), an undefined symbol without BTF, with
 * the operands in register pairs, R1:R2 and R3:R4 (a shift count in R3),
 * and the result in R0 (low half) and R2 (high half). libbpf resolves each
 * to the module's kfunc of the same name with a bpf_ prefix. clang 19 and 22
 * refuse to emit these calls, so the program writes them in asm.
 */
/* res = fn(a, b), each a __u64[2] of (low, high) halves */
#define R0R2(fn, res, a, b)							\
	asm volatile("r1 = *(u64 *)(%[pa] + 0); r2 = *(u64 *)(%[pa] + 8);"	\
		     "r3 = *(u64 *)(%[pb] + 0); r4 = *(u64 *)(%[pb] + 8);"	\
		     "call " fn ";"						\
		     "*(u64 *)(%[pr] + 0) = r0; *(u64 *)(%[pr] + 8) = r2;"	\
		     : : [pa]"r"(a), [pb]"r"(b), [pr]"r"(res)			\
		     : "r0", "r1", "r2", "r3", "r4", "r5", "memory")

/* the operands, as (low, high) halves, and a shift count */
__u64 in_a[2], in_b[2], in_n;

/* every result, as (low, high) halves; anonymous, so the skeleton has it */
struct {
	__u64 umul[2];
	__u64 smul[2];
	__u64 udiv[2];
	__u64 umod[2];
	__u64 sdiv[2];
	__u64 smod[2];
	__u64 shl[2];
	__u64 lshr[2];
	__u64 ashr[2];
	__u64 mul_wide[2];	/* of the low halves */
	__u64 direct[2];	/* bpf_u128_mul() into a map value */
	/* LLVM 23's libcalls, returned in R0:R2, in the order u128_ops calls them */
	__u64 r0r2[8][2];
} out;

static __always_inline unsigned __int128 get(const __u64 v[2])
{
	return (unsigned __int128)v[1] << 64 | v[0];
}

static __always_inline void put(__u64 v[2], unsigned __int128 x)
{
	v[0] = x;
	v[1] = x >> 64;
}

SEC("syscall")
int u128_ops(void *ctx)
{
	unsigned __int128 a = get(in_a), b = get(in_b);
	__u64 n = in_n, nn[2] = {};

	put(out.umul, u128_mul(a, b));
	put(out.smul, s128_mul(a, b));
	put(out.udiv, u128_div(a, b));
	put(out.umod, u128_mod(a, b));
	put(out.sdiv, s128_div(a, b));
	put(out.smod, s128_mod(a, b));
	put(out.shl, u128_shl(a, n));
	put(out.lshr, u128_lshr(a, n));
	put(out.ashr, s128_ashr(a, n));
	put(out.mul_wide, u128_mul_wide(in_a[0], in_b[0]));
	bpf_u128_mul(in_a[0], in_a[1], in_b[0], in_b[1], (struct bpf_u128 *)out.direct);

	/* a shift's count in R3, and 0 in R4, which it does not read */
	nn[0] = n;
	R0R2("__multi3", out.r0r2[0], in_a, in_b);
	R0R2("__udivti3", out.r0r2[1], in_a, in_b);
	R0R2("__umodti3", out.r0r2[2], in_a, in_b);
	R0R2("__divti3", out.r0r2[3], in_a, in_b);
	R0R2("__modti3", out.r0r2[4], in_a, in_b);
	R0R2("__ashlti3", out.r0r2[5], in_a, nn);
	R0R2("__lshrti3", out.r0r2[6], in_a, nn);
	R0R2("__ashrti3", out.r0r2[7], in_a, nn);
	return 0;
}

/* refused: 8 bytes of stack (the whole frame) for a 16-byte result */
SEC("?syscall")
int u128_short_stack(void *ctx)
{
	__u64 r = 0;

	bpf_u128_mul(in_a[0], in_a[1], in_b[0], in_b[1], (struct bpf_u128 *)&r);
	out.umul[0] = r;
	return 0;
}

extern __u32 bpf_lift_version(void) __ksym;

/* refused: R2 after a kfunc that returns 4 bytes */
SEC("?syscall")
int r2_after_4_bytes(void *ctx)
{
	__u64 r;

	bpf_lift_version();
	asm volatile("%[r] = r2" : [r]"=r"(r));
	return r;
}

/*
 * Loads, and returns 4: the high half of 1 << 66, in R2, is the size of a
 * helper's read, which must be precise; its precision ends at the call that
 * sets R2.
 */
SEC("syscall")
__naked int r2_precise(void *ctx)
{
	asm volatile("r1 = 1; r2 = 0; r3 = 66; call __ashlti3; r6 = r2;"
		     "if r6 > 8 goto 1f;"
		     "r1 = r10; r1 += -8; r2 = r6; r3 = 0; call %[bpf_probe_read_kernel];"
		     "1: r0 = r6; exit;"
		     :: __imm(bpf_probe_read_kernel) : __clobber_all);
}

/*
 * The usual idioms verify: the high half of a 64x64->128 product as an
 * index once bounded, and a 128-bit accumulator compared with a limit. It
 * writes table[hi] (or 0 if hi >= 8) and how many times the product fits
 * under 2^100, at most IDIOM_STEPS.
 */
#define IDIOM_STEPS	64

__u64 table[8], idiom[2];

SEC("syscall")
int u128_idioms(void *ctx)
{
	unsigned __int128 p = u128_mul_wide(in_a[0], in_b[0]), acc = 0;
	unsigned __int128 limit = (unsigned __int128)1 << 100;
	__u64 hi = p >> 64;
	int i;

	idiom[0] = hi < 8 ? table[hi] : 0;
	for (i = 0; i < IDIOM_STEPS; i++) {
		acc += p;
		if (acc > limit)
			break;
	}
	idiom[1] = i;
	return 0;
}

const volatile __u64 ro_result[2];

/* refused: a result in read-only memory */
SEC("?syscall")
int u128_read_only(void *ctx)
{
	bpf_u128_mul(in_a[0], in_a[1], in_b[0], in_b[1], (struct bpf_u128 *)ro_result);
	return 0;
}

/*
 * The benchmark: BENCH_MULS products x = x * b from x = a, and BENCH_DIVS
 * quotients a / b with a's high half raised by one each time, each folded
 * into a checksum that the program returns. User space sets the operands
 * and computes the checksums on the host.
 */
#define BENCH_MULS	64
#define BENCH_DIVS	16

__u64 bench_a[2], bench_b[2];

static __always_inline __u32 fold(__u64 acc)
{
	return acc ^ acc >> 32;
}

SEC("tc")
int bench_mul_kfunc(struct __sk_buff *skb)
{
	unsigned __int128 x = get(bench_a), b = get(bench_b);
	__u64 acc = 0;
	int i;

	for (i = 0; i < BENCH_MULS; i++) {
		x = u128_mul(x, b);
		acc ^= (__u64)x ^ (__u64)(x >> 64);
	}
	return fold(acc);
}

/* the 128-bit product of a and b, from four 32 x 32 -> 64 products */
static __always_inline void mul_wide_open(__u64 a, __u64 b, __u64 *lo, __u64 *hi)
{
	__u64 a0 = a & 0xffffffff, a1 = a >> 32;
	__u64 b0 = b & 0xffffffff, b1 = b >> 32;
	__u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	__u64 mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);

	*lo = mid << 32 | (p00 & 0xffffffff);
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

SEC("tc")
int bench_mul_open(struct __sk_buff *skb)
{
	__u64 x_lo = bench_a[0], x_hi = bench_a[1];
	__u64 b_lo = bench_b[0], b_hi = bench_b[1];
	__u64 acc = 0, lo, hi;
	int i;

	for (i = 0; i < BENCH_MULS; i++) {
		mul_wide_open(x_lo, b_lo, &lo, &hi);
		hi += x_lo * b_hi + x_hi * b_lo;
		x_lo = lo;
		x_hi = hi;
		acc ^= x_lo ^ x_hi;
	}
	return fold(acc);
}

/*
 * a / b by restoring division, one quotient bit per step for all 128 bits:
 * the remainder r takes the next bit of a, and b is subtracted when it
 * fits. r < b before each shift, so 2r + 1 may need a 129th bit: when r's
 * top bit goes out, r is bigger than b. No branch in a step: whether b
 * fits is the borrow out of r - b, and a mask picks r or r - b, so the
 * walk of the loop has one path.
 */
static __always_inline void div_open(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi,
				     __u64 *q_lo, __u64 *q_hi)
{
	__u64 r_lo = 0, r_hi = 0, d_lo, d_hi, top, borrow, m;
	int i;

	if (!b_lo && !b_hi) {
		*q_lo = 0;
		*q_hi = 0;
		return;
	}
	for (i = 0; i < 128; i++) {
		top = (__s64)r_hi >> 63;
		r_hi = r_hi << 1 | r_lo >> 63;
		r_lo = r_lo << 1 | a_hi >> 63;
		a_hi = a_hi << 1 | a_lo >> 63;
		a_lo <<= 1;
		/* d = r - b; the borrow out of x - y is bit 63 of (~x & y) | (~(x ^ y) & d) */
		d_lo = r_lo - b_lo;
		borrow = ((~r_lo & b_lo) | (~(r_lo ^ b_lo) & d_lo)) >> 63;
		d_hi = r_hi - b_hi - borrow;
		borrow = ((~r_hi & b_hi) | (~(r_hi ^ b_hi) & d_hi)) >> 63;
		/* all ones where b fits: r's top bit went out, or no borrow */
		m = top | (borrow - 1);
		/* else clang sees m is 0 or ~0 and branches on it */
		barrier_var(m);
		r_lo = (d_lo & m) | (r_lo & ~m);
		r_hi = (d_hi & m) | (r_hi & ~m);
		a_lo |= m & 1;
	}
	*q_lo = a_lo;
	*q_hi = a_hi;
}

/* The divisions run as bpf_loop() callbacks, one call each. */
struct div_state {
	__u64 a_lo, a_hi, b_lo, b_hi, acc;
};

static long div_kfunc_step(__u64 i, void *data)
{
	struct div_state *st = data;
	unsigned __int128 a = (unsigned __int128)st->a_hi << 64 | st->a_lo;
	unsigned __int128 b = (unsigned __int128)st->b_hi << 64 | st->b_lo;
	unsigned __int128 q = u128_div(a, b);

	st->acc ^= (__u64)q ^ (__u64)(q >> 64);
	st->a_hi++;
	return 0;
}

static long div_open_step(__u64 i, void *data)
{
	struct div_state *st = data;
	__u64 q_lo, q_hi;

	div_open(st->a_lo, st->a_hi, st->b_lo, st->b_hi, &q_lo, &q_hi);
	st->acc ^= q_lo ^ q_hi;
	st->a_hi++;
	return 0;
}

static __always_inline __u32 bench_div(long (*step)(__u64 i, void *data))
{
	struct div_state st = {
		.a_lo = bench_a[0], .a_hi = bench_a[1],
		.b_lo = bench_b[0], .b_hi = bench_b[1],
	};

	bpf_loop(BENCH_DIVS, step, &st, 0);
	return fold(st.acc);
}

SEC("tc")
int bench_div_kfunc(struct __sk_buff *skb)
{
	return bench_div(div_kfunc_step);
}

SEC("tc")
int bench_div_open(struct __sk_buff *skb)
{
	return bench_div(div_open_step);
}

char _license[] SEC("license") = "GPL";
