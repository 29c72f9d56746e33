// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift indirect calls through a const array of structs of callbacks
 * whose members have different prototypes, indexed at run time.
 *
 * Run by test_bpf_lift_callx_struct() and, under bpf_jit_harden=2 (the
 * run-time filter under blinding), test_bpf_lift_callx_blinded().
 *
 * Every function a call may reach returns, or leaves in the tally, a value
 * of its own: add/mix multiply the sum by a distinct prime and count in a
 * distinct decimal digit of n, and each get mixes both with constants of its
 * own. A call of any other function than the one C names changes the
 * result, so each __retval proves which functions ran (the values follow
 * from the formulas in each function, computed on the host).
 *
 * ops_idx0 and ops_idx1 are writable globals, so the verifier does not know
 * them: the index is known only at run time, as if user space wrote it.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

struct tally {
	__u64 sum;
	__u32 n;
};

typedef void (*tally_add_t)(struct tally *t, __u32 v);
typedef __u32 (*tally_get_t)(const struct tally *t);

/* two members of one prototype, then one of another */
struct tally_ops {
	void (*add)(struct tally *t, __u32 v);
	void (*mix)(struct tally *t, __u32 v);
	__u32 (*get)(const struct tally *t);
};

volatile __u32 ops_idx0 = 0;
volatile __u32 ops_idx1 = 1;
volatile __u32 ops_idx2 = 2;
volatile __u32 n_iter = 3;

static __noinline void add_a(struct tally *t, __u32 v)
{
	t->sum = t->sum * 3 + v + 1;
	t->n += 1;
}

static __noinline void mix_a(struct tally *t, __u32 v)
{
	t->sum = t->sum * 5 + v + 2;
	t->n += 10;
}

static __noinline __u32 get_a(const struct tally *t)
{
	return t->sum * 7 + t->n + 1000;
}

static __noinline void add_b(struct tally *t, __u32 v)
{
	t->sum = t->sum * 11 + v + 3;
	t->n += 100;
}

static __noinline void mix_b(struct tally *t, __u32 v)
{
	t->sum = t->sum * 13 + v + 4;
	t->n += 1000;
}

static __noinline __u32 get_b(const struct tally *t)
{
	return t->sum * 17 + t->n + 2000000;
}

static const struct tally_ops tally_tbl[2] = {
	{ add_a, mix_a, get_a },
	{ add_b, mix_b, get_b },
};

/* the first two members in a loop, the third after it */
static __always_inline __u32 run_ops(const struct tally_ops *o, __u32 iters)
{
	struct tally t = {};
	__u32 i;

	for (i = 0; i < iters; i++) {
		o->add(&t, i);
		o->mix(&t, i);
	}
	return o->get(&t);
}

SEC("tc")
__description("callx: struct of callbacks of two prototypes, index selects the first")
__success __retval(13556)
int callx_struct_first(void *ctx)
{
	__u32 idx = ops_idx0;

	if (idx > 1)
		return -1;
	return run_ops(&tally_tbl[idx], 3);
}

SEC("tc")
__description("callx: struct of callbacks of two prototypes, index selects the second")
__success __retval(17091293)
int callx_struct_second(void *ctx)
{
	__u32 idx = ops_idx1;

	if (idx > 1)
		return -1;
	return run_ops(&tally_tbl[idx], 3);
}

/* the reviewer's shape: a loop the compiler keeps, its count known at run time */
SEC("tc")
__description("callx: struct of callbacks, loop count known at run time")
__success __retval(17091293)
int callx_struct_loop(void *ctx)
{
	__u32 idx = ops_idx1, n = n_iter;
	const struct tally_ops *o;
	struct tally t = {};
	__u32 i;

	if (idx > 1)
		return -1;
	o = &tally_tbl[idx];
	for (i = 0; i < n && i < 8; i++) {
		o->add(&t, i);
		o->mix(&t, i);
	}
	return o->get(&t);
}

/* the index masked rather than checked */
SEC("tc")
__description("callx: struct of callbacks, masked index")
__success __retval(17091293)
int callx_struct_masked(void *ctx)
{
	return run_ops(&tally_tbl[ops_idx1 & 1], 3);
}

/* the third member alone: its prototype differs from the other two */
SEC("tc")
__description("callx: the member of the other prototype alone")
__success __retval(2000000)
int callx_struct_get_only(void *ctx)
{
	struct tally t = {};
	__u32 idx = ops_idx1;

	if (idx > 1)
		return -1;
	return tally_tbl[idx].get(&t);
}

/* three structs: the tnum of idx * 24 allows every 8th byte of 72 */
static __noinline void add_c(struct tally *t, __u32 v)
{
	t->sum = t->sum * 19 + v + 5;
	t->n += 10000;
}

static __noinline void mix_c(struct tally *t, __u32 v)
{
	t->sum = t->sum * 23 + v + 6;
	t->n += 100000;
}

static __noinline __u32 get_c(const struct tally *t)
{
	return t->sum * 29 + t->n + 3000000;
}

static const struct tally_ops tally_tbl3[3] SEC(".rodata.tally3") = {
	{ add_a, mix_a, get_a },
	{ add_b, mix_b, get_b },
	{ add_c, mix_c, get_c },
};

SEC("tc")
__description("callx: three structs of callbacks, index selects the third")
__success __retval(675282707)
int callx_struct_third_of_three(void *ctx)
{
	__u32 idx = ops_idx2;

	if (idx > 2)
		return -1;
	return run_ops(&tally_tbl3[idx], 3);
}

/*
 * The same table read as an array of u64 at 16 + 8 * (idx & 1): the
 * verifier allows get_a (offset 16) and add_b (offset 24), and C
 * cannot tell it this is wrong. get_a is the load's first function, so
 * add_b, of another prototype, is no function there: with ops_idx1 the
 * call gives 0, and add_b, which returns nothing, is never called.
 */
SEC("tc")
__description("callx: a load that reads a function of another prototype gives no function")
__success __retval(0)
__log_level(1) __msg("reads functions of more than one type")
int callx_struct_other_proto(void *ctx)
{
	const __u64 *raw = (const __u64 *)tally_tbl;
	struct tally t = {};
	tally_get_t get;

	get = (tally_get_t)(long)raw[2 + (ops_idx1 & 1)];
	return get(&t);
}

/* the same load with ops_idx0: get_a is called */
SEC("tc")
__description("callx: a load that may read a function of another prototype, reading its own")
__success __retval(1000)
int callx_struct_other_proto_own(void *ctx)
{
	const __u64 *raw = (const __u64 *)tally_tbl;
	struct tally t = {};
	tally_get_t get;

	get = (tally_get_t)(long)raw[2 + (ops_idx0 & 1)];
	return get(&t);
}

/* unsafe: an index beyond the table, in a global of its own */
static const struct tally_ops tally_oob[2] SEC(".rodata.tally_oob") = {
	{ add_a, mix_a, get_a },
	{ add_b, mix_b, get_b },
};

SEC("tc")
__description("callx: an index beyond a table of structs of callbacks")
__failure __msg("invalid access to map value")
int callx_struct_oob(void *ctx)
{
	return run_ops(&tally_oob[ops_idx1 & 3], 3);
}

/* unsafe: a member that is not a function, called as one */
struct get_cookie {
	__u32 (*get)(const struct tally *t);
	__u64 cookie;
};

static __noinline __u32 get_d(const struct tally *t)
{
	return t->sum + 4000000;
}

static const struct get_cookie cookies[2] SEC(".rodata.cookies") = {
	{ get_c, 0x1234 },
	{ get_d, 0x5678 },
};

SEC("tc")
__description("callx: a member that is not a function gives 0")
__success __retval(0)
__log_level(1) __msg("note[V0037]: indirect call is checked at run time")
int callx_struct_not_a_function(void *ctx)
{
	struct tally t = {};
	__u32 idx = ops_idx1;

	if (idx > 1)
		return -1;
	return ((tally_get_t)(long)cookies[idx].cookie)(&t);
}

/* the tag of no function (BTF id 0): a call through it calls nothing */
static __naked __noinline __used int asm_add2(void)
{
	asm volatile (
	"r0 = r1;"
	"r0 += 2;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: through the tag of no function")
__success __retval(0)
__naked void callx_null_tag(void)
{
	asm volatile (
	"r2 = asm_add2 ll;"
	"r1 = 0xbffc000000000000 ll;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
