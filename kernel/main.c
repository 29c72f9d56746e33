// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift module: the kfuncs that bpf-lift gives BPF programs.
 *
 * The verifier side of bpf-lift is a patch series; what programs call at
 * run time (the arena allocator, 128-bit arithmetic, ...) lives here and is
 * registered as kfuncs for every program type when the module loads.
 * bpf_lift_version() lets a program or a loader check which ABI it has.
 *
 * 128-bit arithmetic: clang cannot emit a multiply, a divide, a modulo or a
 * variable shift of __int128 for BPF (they are libcalls), so these kfuncs do
 * them. Each operand comes as two u64 halves (low, high), the result is
 * written through a pointer to a struct bpf_u128, which holds the two's
 * complement bits of a signed result too. The code uses u64 halves only:
 * no libgcc routine, nothing that sleeps or allocates, any program type.
 *
 * The same operations also return their result by value, in R0 (low half)
 * and R2 (high half), under the names of the libgcc routines that LLVM 23
 * calls for them with a bpf_ prefix: bpf_multi3() for __multi3() and so on.
 * libbpf turns a program's call of __multi3() into a call of bpf_multi3().
 */
#include <linux/bitops.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/init.h>
#include <linux/math64.h>
#include <linux/module.h>

/* Bumped when a kfunc is added or changes. */
#define BPF_LIFT_VERSION 3

/**
 * struct bpf_u128 - a 128-bit value, as two 64-bit halves
 * @lo: bits 0 to 63
 * @hi: bits 64 to 127; the sign is bit 63 of @hi for a signed value
 */
struct bpf_u128 {
	u64 lo;
	u64 hi;
};

static struct bpf_u128 u128_of(u64 lo, u64 hi)
{
	return (struct bpf_u128){ .lo = lo, .hi = hi };
}

static bool u128_less(struct bpf_u128 a, struct bpf_u128 b)
{
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static struct bpf_u128 u128_sub(struct bpf_u128 a, struct bpf_u128 b)
{
	return u128_of(a.lo - b.lo, a.hi - b.hi - (a.lo < b.lo));
}

/* -a modulo 2^128: ~a + 1, the carry into @hi only when @lo is 0 */
static struct bpf_u128 u128_neg(struct bpf_u128 a)
{
	return u128_of(-a.lo, -a.hi - (a.lo != 0));
}

/* the number of significant bits of @a: 0 for 0, 128 with bit 127 set */
static int u128_bits(struct bpf_u128 a)
{
	return a.hi ? 64 + fls64(a.hi) : fls64(a.lo);
}

/* the shifts take 0 <= n < 128; a C shift of a u64 by 64 is undefined */
static struct bpf_u128 u128_shl(struct bpf_u128 a, unsigned int n)
{
	if (n >= 64)
		return u128_of(0, a.lo << (n - 64));
	if (!n)
		return a;
	return u128_of(a.lo << n, a.hi << n | a.lo >> (64 - n));
}

static struct bpf_u128 u128_lshr(struct bpf_u128 a, unsigned int n)
{
	if (n >= 64)
		return u128_of(a.hi >> (n - 64), 0);
	if (!n)
		return a;
	return u128_of(a.lo >> n | a.hi << (64 - n), a.hi >> n);
}

/* the kernel's >> of a negative s64 is arithmetic */
static struct bpf_u128 s128_ashr(struct bpf_u128 a, unsigned int n)
{
	if (n >= 64)
		return u128_of((s64)a.hi >> (n - 64), (s64)a.hi >> 63);
	if (!n)
		return a;
	return u128_of(a.lo >> n | a.hi << (64 - n), (s64)a.hi >> n);
}

static struct bpf_u128 u128_mul_wide(u64 a, u64 b)
{
	return u128_of(a * b, mul_u64_u64_shr(a, b, 64));
}

/* the low 128 bits of a * b: the same bits for signed operands */
static struct bpf_u128 u128_mul(struct bpf_u128 a, struct bpf_u128 b)
{
	struct bpf_u128 p = u128_mul_wide(a.lo, b.lo);

	p.hi += a.lo * b.hi + a.hi * b.lo;
	return p;
}

/*
 * a / b, and a % b in *@rem, by BPF's rule for a zero divisor: the quotient
 * is 0 and the remainder a. A restoring division: b is shifted left until
 * its top bit lines up with a's, then each step subtracts it where it fits
 * and moves it one bit right, at most 128 steps.
 */
static struct bpf_u128 u128_divmod(struct bpf_u128 a, struct bpf_u128 b,
				   struct bpf_u128 *rem)
{
	struct bpf_u128 q = {};
	int shift;

	*rem = a;
	if ((!b.lo && !b.hi) || u128_less(a, b))
		return q;
	if (!a.hi && !b.hi) {
		q.lo = div64_u64_rem(a.lo, b.lo, &rem->lo);
		return q;
	}
	shift = u128_bits(a) - u128_bits(b);
	b = u128_shl(b, shift);
	for (; shift >= 0; shift--) {
		q = u128_shl(q, 1);
		if (!u128_less(*rem, b)) {
			*rem = u128_sub(*rem, b);
			q.lo |= 1;
		}
		b = u128_lshr(b, 1);
	}
	return q;
}

/*
 * Signed division truncates toward zero and the remainder takes the sign of
 * the dividend, as BPF's sdiv and smod. Magnitudes are divided as unsigned:
 * |S128_MIN| is 2^127, so S128_MIN / -1 wraps to S128_MIN with remainder 0,
 * and a zero divisor gives quotient 0 and remainder a.
 */
static struct bpf_u128 s128_divmod(struct bpf_u128 a, struct bpf_u128 b,
				   struct bpf_u128 *rem)
{
	bool a_neg = (s64)a.hi < 0, b_neg = (s64)b.hi < 0;
	struct bpf_u128 q;

	q = u128_divmod(a_neg ? u128_neg(a) : a, b_neg ? u128_neg(b) : b, rem);
	if (a_neg)
		*rem = u128_neg(*rem);
	return a_neg != b_neg ? u128_neg(q) : q;
}

__bpf_kfunc_start_defs();

/**
 * bpf_lift_version() - the ABI version of the bpf-lift module
 *
 * Return: BPF_LIFT_VERSION, raised whenever the module's kfuncs change.
 */
__bpf_kfunc u32 bpf_lift_version(void)
{
	return BPF_LIFT_VERSION;
}

/**
 * bpf_u128_mul() - multiply two 128-bit numbers
 * @a_lo: low half of a
 * @a_hi: high half of a
 * @b_lo: low half of b
 * @b_hi: high half of b
 * @res: where to write a * b modulo 2^128
 *
 * The low 128 bits of a product are the same for unsigned and two's
 * complement operands: this is the signed multiply too.
 */
__bpf_kfunc void bpf_u128_mul(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi,
			      struct bpf_u128 *res)
{
	*res = u128_mul(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi));
}

/**
 * bpf_u128_div() - divide two unsigned 128-bit numbers
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b
 * @res: where to write a / b, or 0 if b is 0
 */
__bpf_kfunc void bpf_u128_div(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi,
			      struct bpf_u128 *res)
{
	struct bpf_u128 rem;

	*res = u128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
}

/**
 * bpf_u128_mod() - the remainder of two unsigned 128-bit numbers
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b
 * @res: where to write a % b, or a if b is 0
 */
__bpf_kfunc void bpf_u128_mod(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi,
			      struct bpf_u128 *res)
{
	u128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), res);
}

/**
 * bpf_s128_div() - divide two signed 128-bit numbers
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a, with the sign
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b, with the sign
 * @res: where to write a / b rounded toward zero; 0 if b is 0, and
 *	 S128_MIN for S128_MIN / -1
 */
__bpf_kfunc void bpf_s128_div(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi,
			      struct bpf_u128 *res)
{
	struct bpf_u128 rem;

	*res = s128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
}

/**
 * bpf_s128_mod() - the remainder of two signed 128-bit numbers
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a, with the sign
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b, with the sign
 * @res: where to write a % b, with the sign of a; a if b is 0, and 0 for
 *	 S128_MIN % -1
 */
__bpf_kfunc void bpf_s128_mod(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi,
			      struct bpf_u128 *res)
{
	s128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), res);
}

/**
 * bpf_u128_shl() - shift a 128-bit number left
 * @lo: low half of the number
 * @hi: high half of the number
 * @n: the shift count, taken modulo 128
 * @res: where to write the number shifted left by n % 128 bits
 */
__bpf_kfunc void bpf_u128_shl(u64 lo, u64 hi, u64 n, struct bpf_u128 *res)
{
	*res = u128_shl(u128_of(lo, hi), n & 127);
}

/**
 * bpf_u128_lshr() - shift an unsigned 128-bit number right
 * @lo: low half of the number
 * @hi: high half of the number
 * @n: the shift count, taken modulo 128
 * @res: where to write the number shifted right by n % 128 bits, zeros in
 */
__bpf_kfunc void bpf_u128_lshr(u64 lo, u64 hi, u64 n, struct bpf_u128 *res)
{
	*res = u128_lshr(u128_of(lo, hi), n & 127);
}

/**
 * bpf_s128_ashr() - shift a signed 128-bit number right
 * @lo: low half of the number
 * @hi: high half of the number, with the sign
 * @n: the shift count, taken modulo 128
 * @res: where to write the number shifted right by n % 128 bits, copies
 *	 of the sign bit in
 */
__bpf_kfunc void bpf_s128_ashr(u64 lo, u64 hi, u64 n, struct bpf_u128 *res)
{
	*res = s128_ashr(u128_of(lo, hi), n & 127);
}

/**
 * bpf_u128_mul_wide() - the full 128-bit product of two u64
 * @a: a factor
 * @b: the other factor
 * @res: where to write a * b, which cannot overflow
 */
__bpf_kfunc void bpf_u128_mul_wide(u64 a, u64 b, struct bpf_u128 *res)
{
	*res = u128_mul_wide(a, b);
}

/**
 * bpf_multi3() - multiply two 128-bit numbers, for __multi3()
 * @a_lo: low half of a
 * @a_hi: high half of a
 * @b_lo: low half of b
 * @b_hi: high half of b
 *
 * Return: the low 128 bits of a * b, signed or unsigned alike.
 */
__bpf_kfunc struct bpf_u128 bpf_multi3(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi)
{
	return u128_mul(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi));
}

/**
 * bpf_udivti3() - divide two unsigned 128-bit numbers, for __udivti3()
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b
 *
 * Return: a / b rounded down; 0 if b is 0.
 */
__bpf_kfunc struct bpf_u128 bpf_udivti3(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi)
{
	struct bpf_u128 rem;

	return u128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
}

/**
 * bpf_umodti3() - the remainder of two unsigned 128-bit numbers, for __umodti3()
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b
 *
 * Return: a % b; a if b is 0.
 */
__bpf_kfunc struct bpf_u128 bpf_umodti3(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi)
{
	struct bpf_u128 rem;

	u128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
	return rem;
}

/**
 * bpf_divti3() - divide two signed 128-bit numbers, for __divti3()
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a, with the sign
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b, with the sign
 *
 * Return: a / b rounded toward zero; 0 if b is 0, and S128_MIN for
 * S128_MIN / -1.
 */
__bpf_kfunc struct bpf_u128 bpf_divti3(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi)
{
	struct bpf_u128 rem;

	return s128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
}

/**
 * bpf_modti3() - the remainder of two signed 128-bit numbers, for __modti3()
 * @a_lo: low half of the dividend a
 * @a_hi: high half of a, with the sign
 * @b_lo: low half of the divisor b
 * @b_hi: high half of b, with the sign
 *
 * Return: a % b, with the sign of a; a if b is 0, and 0 for S128_MIN % -1.
 */
__bpf_kfunc struct bpf_u128 bpf_modti3(u64 a_lo, u64 a_hi, u64 b_lo, u64 b_hi)
{
	struct bpf_u128 rem;

	s128_divmod(u128_of(a_lo, a_hi), u128_of(b_lo, b_hi), &rem);
	return rem;
}

/**
 * bpf_ashlti3() - shift a 128-bit number left, for __ashlti3()
 * @lo: low half of the number
 * @hi: high half of the number
 * @n: the shift count, taken modulo 128
 *
 * Return: the number shifted left by n % 128 bits.
 */
__bpf_kfunc struct bpf_u128 bpf_ashlti3(u64 lo, u64 hi, u64 n)
{
	return u128_shl(u128_of(lo, hi), n & 127);
}

/**
 * bpf_lshrti3() - shift an unsigned 128-bit number right, for __lshrti3()
 * @lo: low half of the number
 * @hi: high half of the number
 * @n: the shift count, taken modulo 128
 *
 * Return: the number shifted right by n % 128 bits, zeros in.
 */
__bpf_kfunc struct bpf_u128 bpf_lshrti3(u64 lo, u64 hi, u64 n)
{
	return u128_lshr(u128_of(lo, hi), n & 127);
}

/**
 * bpf_ashrti3() - shift a signed 128-bit number right, for __ashrti3()
 * @lo: low half of the number
 * @hi: high half of the number, with the sign
 * @n: the shift count, taken modulo 128
 *
 * Return: the number shifted right by n % 128 bits, copies of the sign bit in.
 */
__bpf_kfunc struct bpf_u128 bpf_ashrti3(u64 lo, u64 hi, u64 n)
{
	return s128_ashr(u128_of(lo, hi), n & 127);
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(bpf_lift_kfunc_ids)
BTF_ID_FLAGS(func, bpf_lift_version)
BTF_ID_FLAGS(func, bpf_u128_mul)
BTF_ID_FLAGS(func, bpf_u128_div)
BTF_ID_FLAGS(func, bpf_u128_mod)
BTF_ID_FLAGS(func, bpf_s128_div)
BTF_ID_FLAGS(func, bpf_s128_mod)
BTF_ID_FLAGS(func, bpf_u128_shl)
BTF_ID_FLAGS(func, bpf_u128_lshr)
BTF_ID_FLAGS(func, bpf_s128_ashr)
BTF_ID_FLAGS(func, bpf_u128_mul_wide)
BTF_ID_FLAGS(func, bpf_multi3)
BTF_ID_FLAGS(func, bpf_udivti3)
BTF_ID_FLAGS(func, bpf_umodti3)
BTF_ID_FLAGS(func, bpf_divti3)
BTF_ID_FLAGS(func, bpf_modti3)
BTF_ID_FLAGS(func, bpf_ashlti3)
BTF_ID_FLAGS(func, bpf_lshrti3)
BTF_ID_FLAGS(func, bpf_ashrti3)
BTF_KFUNCS_END(bpf_lift_kfunc_ids)

static const struct btf_kfunc_id_set bpf_lift_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &bpf_lift_kfunc_ids,
};

static int __init bpf_lift_init(void)
{
	return register_btf_kfunc_id_set(BPF_PROG_TYPE_UNSPEC, &bpf_lift_kfunc_set);
}

static void __exit bpf_lift_exit(void)
{
	/* kfunc sets go with the module's BTF; nothing else to undo */
}

module_init(bpf_lift_init);
module_exit(bpf_lift_exit);
MODULE_DESCRIPTION("bpf-lift: kfuncs for BPF programs");
MODULE_LICENSE("GPL");
