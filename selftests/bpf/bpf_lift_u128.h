/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 128-bit arithmetic for BPF programs, a header to copy into a project.
 *
 * clang 19 and 22 refuse to multiply, divide, take the remainder of or shift
 * by a variable count an __int128 for BPF (each is a libcall), though they
 * add, subtract, compare and shift by a constant inline. The bpf-lift module
 * does the rest as kfuncs; the functions below wrap them for unsigned
 * __int128 and __int128 values. The module must be loaded when the program
 * is: its kfuncs are resolved then (and need the JIT).
 *
 * The kfuncs, bpf_u128_*() and bpf_s128_*(), take each operand as two u64
 * halves and write the result through a pointer to a 16-byte struct
 * bpf_u128 (stack or map value, readable and writable). The wrappers have
 * the same names without "bpf_": u128_mul(a, b) calls bpf_u128_mul().
 * Semantics are BPF's: a division by zero gives 0 and its remainder the
 * dividend, S128_MIN / -1 is S128_MIN and S128_MIN % -1 is 0, a multiply
 * keeps the low 128 bits, and a shift count is taken modulo 128.
 *
 * Include it after vmlinux.h (or <linux/types.h>) and <bpf/bpf_helpers.h>.
 */
#ifndef __BPF_LIFT_U128_H
#define __BPF_LIFT_U128_H

/* a 128-bit value (a signed one as its two's complement bits) */
struct bpf_u128 {
	__u64 lo;
	__u64 hi;
};

/*
 * pahole 1.24 emits no kfunc decl tags, so vmlinux.h has no kfuncs: they are
 * declared here (a function declaration is extern without the keyword)
 */
void bpf_u128_mul(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi, struct bpf_u128 *res) __ksym;
void bpf_u128_div(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi, struct bpf_u128 *res) __ksym;
void bpf_u128_mod(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi, struct bpf_u128 *res) __ksym;
void bpf_s128_div(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi, struct bpf_u128 *res) __ksym;
void bpf_s128_mod(__u64 a_lo, __u64 a_hi, __u64 b_lo, __u64 b_hi, struct bpf_u128 *res) __ksym;
void bpf_u128_shl(__u64 lo, __u64 hi, __u64 n, struct bpf_u128 *res) __ksym;
void bpf_u128_lshr(__u64 lo, __u64 hi, __u64 n, struct bpf_u128 *res) __ksym;
void bpf_s128_ashr(__u64 lo, __u64 hi, __u64 n, struct bpf_u128 *res) __ksym;
void bpf_u128_mul_wide(__u64 a, __u64 b, struct bpf_u128 *res) __ksym;

/* the value a kfunc wrote */
static __always_inline unsigned __int128 __bpf_u128_get(const struct bpf_u128 *r)
{
	return (unsigned __int128)r->hi << 64 | r->lo;
}

/*
 * Each wrapper passes the halves of its operands (a >> 64 keeps the bits of
 * the high half, signed or not) and a result struct that starts zeroed: the
 * verifier wants a kfunc's memory argument initialized unless the loader
 * has CAP_PERFMON.
 */

/* a * b modulo 2^128 */
static __always_inline unsigned __int128
u128_mul(unsigned __int128 a, unsigned __int128 b)
{
	struct bpf_u128 r = {};

	bpf_u128_mul(a, a >> 64, b, b >> 64, &r);
	return __bpf_u128_get(&r);
}

/* a * b modulo 2^128: the same bits as u128_mul(), which it calls */
static __always_inline __int128 s128_mul(__int128 a, __int128 b)
{
	return u128_mul(a, b);
}

/* a / b; 0 if b is 0 */
static __always_inline unsigned __int128
u128_div(unsigned __int128 a, unsigned __int128 b)
{
	struct bpf_u128 r = {};

	bpf_u128_div(a, a >> 64, b, b >> 64, &r);
	return __bpf_u128_get(&r);
}

/* a % b; a if b is 0 */
static __always_inline unsigned __int128
u128_mod(unsigned __int128 a, unsigned __int128 b)
{
	struct bpf_u128 r = {};

	bpf_u128_mod(a, a >> 64, b, b >> 64, &r);
	return __bpf_u128_get(&r);
}

/* a / b rounded toward zero; 0 if b is 0, S128_MIN for S128_MIN / -1 */
static __always_inline __int128 s128_div(__int128 a, __int128 b)
{
	struct bpf_u128 r = {};

	bpf_s128_div(a, a >> 64, b, b >> 64, &r);
	return __bpf_u128_get(&r);
}

/* a % b with the sign of a; a if b is 0, 0 for S128_MIN % -1 */
static __always_inline __int128 s128_mod(__int128 a, __int128 b)
{
	struct bpf_u128 r = {};

	bpf_s128_mod(a, a >> 64, b, b >> 64, &r);
	return __bpf_u128_get(&r);
}

/* a << (n % 128) */
static __always_inline unsigned __int128 u128_shl(unsigned __int128 a, __u64 n)
{
	struct bpf_u128 r = {};

	bpf_u128_shl(a, a >> 64, n, &r);
	return __bpf_u128_get(&r);
}

/* a >> (n % 128), zeros shifted in */
static __always_inline unsigned __int128 u128_lshr(unsigned __int128 a, __u64 n)
{
	struct bpf_u128 r = {};

	bpf_u128_lshr(a, a >> 64, n, &r);
	return __bpf_u128_get(&r);
}

/* a >> (n % 128), copies of the sign bit shifted in */
static __always_inline __int128 s128_ashr(__int128 a, __u64 n)
{
	struct bpf_u128 r = {};

	bpf_s128_ashr(a, a >> 64, n, &r);
	return __bpf_u128_get(&r);
}

/* the full product of two u64 */
static __always_inline unsigned __int128 u128_mul_wide(__u64 a, __u64 b)
{
	struct bpf_u128 r = {};

	bpf_u128_mul_wide(a, b, &r);
	return __bpf_u128_get(&r);
}

#endif /* __BPF_LIFT_U128_H */
