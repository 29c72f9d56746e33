// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift indirect calls: C that calls through function pointers loads and
 * runs. clang compiles each such call to callx; libbpf stores the functions
 * of a table as BPF_FUNC_PTR_TAG values; the verifier turns each callx into
 * compares and direct calls (kernel/bpf/callx.c). Each program runs
 * (__retval) and its result depends on which function was called.
 *
 * msg_type is a writable global, so the verifier does not know it: an index
 * taken from it is known only at run time.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"
#include "../../../include/linux/filter.h"

typedef int (*handler_t)(int);

volatile int msg_type = 2;

static __noinline int h_add(int x)
{
	return x + 1;
}

static __noinline int h_dbl(int x)
{
	return x * 2;
}

static __noinline int h_sq(int x)
{
	return x * x;
}

static __noinline int h_sub(int x)
{
	return x - 3;
}

__noinline int h_global(int x)
{
	return x + 100;
}

/* a const table of handlers indexed by a message type */
static const handler_t handlers[4] = { h_add, h_dbl, h_sq, h_sub };

SEC("tc")
__description("callx: a const handler table indexed at run time")
__success __retval(49)
int callx_const_table(void *ctx)
{
	return handlers[msg_type & 3](7);
}

SEC("tc")
__description("callx: every entry of a const table is called")
__success __retval(75)
int callx_const_table_all(void *ctx)
{
	int i, sum = 0;

	for (i = 0; i < 4; i++)
		sum += handlers[(msg_type + i + 2) & 3](7);
	return sum;
}

/* a const struct of callbacks, chosen at run time */
struct ops {
	int (*run)(int x);
	int (*done)(int x);
};

static const struct ops ops_a = { .run = h_add, .done = h_dbl };
static const struct ops ops_b = { .run = h_sq, .done = h_sub };

SEC("tc")
__description("callx: a const struct of callbacks")
__success __retval(46)
__log_level(1) __not_msg("V0037")
int callx_const_struct(void *ctx)
{
	const struct ops *o = msg_type == 2 ? &ops_b : &ops_a;

	return o->done(o->run(7));
}

/* a writable ops struct that the program changes */
static struct ops g_ops = { .run = h_add, .done = h_dbl };

SEC("tc")
__description("callx: a writable global ops struct changed at run time")
__success __retval(29)
__log_level(1) __msg("note[V0037]: indirect call is checked at run time")
int callx_data_ops(void *ctx)
{
	struct ops *o = &g_ops;

	/* hide where o points, so that clang loads the pointers it stored */
	barrier_var(o);
	o->run = h_sq;
	asm volatile("" ::: "memory");
	return o->run(5) + o->done(2);
}

/* a writable function pointer overwritten with garbage: the call gives 0 */
static struct ops g_bad = { .run = h_add, .done = h_dbl };

SEC("tc")
__description("callx: a function pointer overwritten with garbage gives 0")
__success __retval(0)
int callx_garbage(void *ctx)
{
	struct ops *o = &g_bad;

	barrier_var(o);
	*(volatile long *)&o->run = 12345;
	asm volatile("" ::: "memory");
	return o->run(5);
}

/* a comparator passed to a noinline sort routine */
static __noinline int cmp_asc(int a, int b)
{
	return a > b;
}

static __noinline int cmp_desc(int a, int b)
{
	return a < b;
}

static __noinline void sort8(int *a, int (*cmp)(int a, int b))
{
	int i, j, t;

	for (i = 0; i < 8; i++)
		for (j = 0; j < 7 - i; j++)
			if (cmp(a[j], a[j + 1])) {
				t = a[j];
				a[j] = a[j + 1];
				a[j + 1] = t;
			}
}

SEC("tc")
__description("callx: a comparator passed to a noinline sort routine")
__success __retval(3991)
int callx_sort(void *ctx)
{
	int a[8] = { 5, 3, 8, 1, 9, 2, 7, 4 };
	int r;

	barrier_var(a[0]);
	sort8(a, cmp_asc);
	r = a[0] + a[7] * 10;
	sort8(a, cmp_desc);
	return r + a[0] * 100 + a[5] * 1000;
}

/* a global function as a target: checked against its BTF prototype */
static const handler_t mixed[2] = { h_global, h_dbl };

SEC("tc")
__description("callx: a global function as a target")
__success __retval(107)
int callx_global_target(void *ctx)
{
	return mixed[msg_type & 1](7);
}

/*
 * A table of pointers to const structs of callbacks: libbpf stores each
 * pointer from .rodata into .rodata as BPF_DATA_PTR_TAG, and a load of one
 * gives a pointer to the struct.
 */
static const struct ops ops_c = { .run = h_dbl, .done = h_add };
static const struct ops *const ops_tbl[4] = { &ops_a, &ops_c, &ops_b, &ops_a };

SEC("tc")
__description("callx: a table of pointers to structs of callbacks")
__success __retval(31)
int callx_ptr_table(void *ctx)
{
	const struct ops *o;
	int i, sum = 0;

	for (i = 0; i < 2; i++) {
		o = ops_tbl[(msg_type + i + 2) & 3];
		sum += o->done(o->run(7));
	}
	return sum;
}

/* a table of tables of handlers */
static const handler_t hs_a[2] = { h_add, h_sq };
static const handler_t hs_b[2] = { h_dbl, h_sub };
static const handler_t *const hs_tbl[2] = { hs_a, hs_b };

SEC("tc")
__description("callx: a table of tables of handlers")
__success __retval(43)
int callx_table_of_tables(void *ctx)
{
	int i, v, sum = 0;

	for (i = 0; i < 4; i++) {
		v = msg_type + i;
		sum += hs_tbl[(v >> 1) & 1][v & 1](5);
	}
	return sum;
}

/* pointers between read-only globals, without any indirect call */
struct limit {
	int lo, hi;
};

static const struct limit lim_a = { 1, 10 }, lim_b = { 20, 30 };
static const struct limit *const lims[2] = { &lim_a, &lim_b };

SEC("tc")
__description("callx: a table of pointers to const structs, no call")
__success __retval(61)
int data_ptr_table(void *ctx)
{
	const struct limit *l0 = lims[msg_type & 1], *l1 = lims[(msg_type + 1) & 1];

	return l0->lo + l0->hi + l1->lo + l1->hi;
}

/*
 * A global target whose prototype does not match the table's: each table
 * with a wrong entry is in a section of its own, so that only the program
 * that uses it is rejected.
 */
__noinline int h_ctx(struct __sk_buff *skb)
{
	return skb ? skb->len : 0;
}

static const handler_t wrong[2] SEC(".rodata.wrong") = {
	(handler_t)h_ctx, h_dbl
};

SEC("tc")
__description("callx: a global target whose prototype does not match")
__failure __msg("error[V0038]: function stored in a function pointer of another type")
__msg("h_ctx() is stored at offset 0 of")
__msg("a pointer to a function of another type: an argument differs")
int callx_signature_mismatch(void *ctx)
{
	return wrong[msg_type & 1](7);
}

/* a static target with one argument too many */
static __noinline int h_two(int a, int b)
{
	return a + b;
}

static const handler_t wrong_static[2] SEC(".rodata.wrong_static") = {
	h_add, (handler_t)h_two
};

SEC("tc")
__description("callx: a static target whose prototype does not match")
__failure __msg("h_two() is stored at offset 8 of")
__msg("a pointer to a function of another type: the number of arguments differs")
int callx_signature_static(void *ctx)
{
	return wrong_static[msg_type & 1](7);
}

/* a value that looks like a data pointer but points beyond its global */
static const volatile __u64 fake_ptr SEC(".rodata.fake") =
	0xbffd0000fffffff0ULL;

SEC("tc")
__description("callx: a data pointer beyond its global")
__failure
__msg("error[V0039]: pointer read from a read-only global that the verifier cannot follow")
__msg("points to its offset 4294967280, beyond its 8 bytes")
int data_ptr_beyond(void *ctx)
{
	return fake_ptr != 0;
}

SEC("socket")
__description("callx: not for unprivileged programs")
__failure __msg("callx at insn 1 has no target")
__failure_unpriv
__msg_unpriv("loading/calling other bpf or kernel functions are allowed for CAP_BPF")
__naked void callx_unpriv(void)
{
	asm volatile (
	"r1 = 1;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

/*
 * A table whose function calls through the table: it would recurse. The
 * table is in a section of its own, so that only this program has it.
 */
static __noinline int h_dispatch(int x);

static const handler_t nest_tbl[2] SEC(".rodata.nested") = {
	h_add, h_dispatch
};

static __noinline int h_dispatch(int x)
{
	return nest_tbl[x & 1](x);
}

SEC("tc")
__description("callx: a function of a table that calls through the table")
__failure __msg("error[V0036]: indirect call of a function that makes indirect calls itself")
__msg("h_dispatch() is in a table of functions but reaches a callx itself")
int callx_nested_table(void *ctx)
{
	return nest_tbl[msg_type & 1](7);
}

/* assembly: what the compiler cannot emit, and the edges */

/*
 * A load that gives a data pointer on one path and a constant with the
 * tag read from the stack on another: at run time both would become
 * addresses, while the walk knows the second as a number.
 */
static const int obj_one SEC(".rodata.ptrs") = 5;
static const int *const ptr_one SEC(".rodata.ptrs") = &obj_one;

SEC("tc")
__description("callx: a load of a data pointer that reads the stack on another path")
__failure
__msg("error[V0039]: pointer read from a read-only global that the verifier cannot follow")
__msg("reads a pointer out of the read-only global")
__msg("and reads something else on another path")
__naked void data_ptr_other_path(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r1 = %[ptr_one] ll;"
	"if r0 == 0 goto l0_%=;"
	"r2 = 0xbffd000000000000 ll;"
	"*(u64 *)(r10 - 8) = r2;"
	"r1 = r10;"
	"r1 += -8;"
	"l0_%=: r0 = *(u64 *)(r1 + 0);"
	"r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32),
	  __imm_addr(ptr_one)
	: __clobber_all);
}

/*
 * One load gives the data pointer on one path and a number of the same
 * global on the other: only the tagged value becomes an address.
 */
static const __u64 num_one SEC(".rodata.ptrs") = 0x100000007ULL;

SEC("tc")
__description("callx: a load that gives a data pointer on one path and a number on another")
__success __retval(17)
__naked void data_ptr_or_number(void)
{
	asm volatile (
	"r3 = %[msg_type] ll;"
	"r3 = *(u32 *)(r3 + 0);"
	"r4 = 0;"
	"r1 = %[ptr_one] ll;"
	"if r3 != 2 goto l0_%=;"
	"r4 = 1;"
	"r1 = %[num_one] ll;"
	"l0_%=: r2 = *(u64 *)(r1 + 0);"
	"if r4 == 0 goto l1_%=;"
	"r0 = r2;"
	"r0 >>= 32;"
	"r0 *= 10;"
	"r2 &= 0xff;"
	"r0 += r2;"
	"exit;"
	"l1_%=: r0 = *(u32 *)(r2 + 0);"
	"exit;"
	:
	: __imm_addr(msg_type),
	  __imm_addr(ptr_one),
	  __imm_addr(num_one)
	: __clobber_all);
}

SEC("socket")
__description("callx: a load of a data pointer from one path only")
__success __retval(5)
__failure_unpriv __msg_unpriv("pointers between globals need CAP_PERFMON")
__naked void data_ptr_asm(void)
{
	asm volatile (
	"r1 = %[ptr_one] ll;"
	"r1 = *(u64 *)(r1 + 0);"
	"r0 = *(u32 *)(r1 + 0);"
	"exit;"
	:
	: __imm_addr(ptr_one)
	: __clobber_all);
}

static __naked __noinline __used int asm_add1(void)
{
	asm volatile (
	"r0 = r1;"
	"r0 += 1;"
	"exit;"
	::: __clobber_all);
}

static __naked __noinline __used int asm_recurse(void)
{
	asm volatile (
	"r3 = asm_add1 ll;"
	"r2 = %[self] ll;"
	"callx r2;"
	"exit;"
	:
	: [self]"i"(asm_recurse)
	: __clobber_all);
}

/* stack depth and tail calls: a target counts like a direct callee */
static __naked __noinline __used int asm_big_stack(void)
{
	asm volatile (
	"r0 = 0;"
	"*(u64 *)(r10 - 304) = r0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: the stack of a target counts")
__failure __msg("combined stack size of 2 calls is")
__naked void callx_stack_depth(void)
{
	asm volatile (
	"r0 = 0;"
	"*(u64 *)(r10 - 256) = r0;"
	"r3 = asm_big_stack ll;"
	"callx r3;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on a function address in a register")
__success __retval(42)
__naked void callx_asm_reg(void)
{
	asm volatile (
	"r1 = 41;"
	"r3 = asm_add1 ll;"
	"callx r3;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on a function address spilled to the stack")
__success __retval(42)
__naked void callx_asm_spill(void)
{
	asm volatile (
	"r3 = asm_add1 ll;"
	"*(u64 *)(r10 - 8) = r3;"
	"r1 = 41;"
	"r0 = *(u64 *)(r10 - 8);"
	"callx r0;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on a scalar")
__failure __msg("error[V0035]: indirect call through a value that is not a function")
__msg("R1 has type scalar, expected func")
__naked void callx_asm_scalar(void)
{
	asm volatile (
	"r2 = asm_add1 ll;"
	"r1 = 12345;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on a helper's address")
__failure __msg("R1 has type scalar, expected func")
__naked void callx_asm_helper_addr(void)
{
	asm volatile (
	"r2 = asm_add1 ll;"
	"r1 = -2130706432 ll;"	/* 0xffffffff81000000, kernel text */
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on a pointer into the middle of a function")
__failure __msg("dereference of modified func ptr R1 in callx")
__naked void callx_asm_mid(void)
{
	asm volatile (
	"r1 = asm_add1 ll;"
	"r1 += 8;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: on the frame pointer")
__failure __msg("R1 has type fp, expected func")
__naked void callx_asm_fp(void)
{
	asm volatile (
	"r2 = asm_add1 ll;"
	"r1 = r10;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: recursion through callx")
__failure __msg("error[V0036]: indirect call of a function that makes indirect calls itself")
__msg("callx R2 calls asm_recurse(), which reaches a callx itself")
__naked void callx_asm_recursion(void)
{
	asm volatile (
	"call asm_recurse;"
	"exit;"
	::: __clobber_all);
}

SEC("tc")
__description("callx: uses reserved fields")
__failure __msg("BPF_CALL|BPF_X uses reserved fields")
__naked void callx_asm_reserved(void)
{
	asm volatile (
	"r2 = asm_add1 ll;"
	".8byte %[callx_imm];"
	"exit;"
	:
	: __imm_insn(callx_imm, BPF_RAW_INSN(BPF_JMP | BPF_CALL | BPF_X, BPF_REG_2, 0, 0, 1))
	: __clobber_all);
}

SEC("tc")
__description("callx: with no function whose address is taken")
__failure __msg("callx at insn 1 has no target")
__naked void callx_asm_no_target(void)
{
	asm volatile (
	"r1 = 1;"
	"callx r1;"
	"exit;"
	::: __clobber_all);
}

/*
 * The compare chain in front of a call through a writable global, as the JIT
 * or the interpreter gets it (__xlated; AX is r12 in the listing). Each
 * candidate, h_add() and h_dbl() (the functions whose tags .data holds), gets
 * a compare with its address (an ld_imm64 of the function: under the JIT its
 * subprog and offset in the listing, under the interpreter a value that
 * stands for it) and one with its tag: the upper half BPF_FUNC_PTR_TAG, the
 * lower half its BTF id (which moves with this file: a regex). A value that
 * is neither makes r0 = 0. g_handler holds h_dbl: 14 (h_add gives 8, none 0).
 */
int (*g_handler)(int) = h_dbl;

#define CALLX_GLOBAL					\
	"r1 = %[g_handler] ll;"				\
	"r3 = *(u64 *)(r1 + 0);"			\
	"r1 = 7;"					\
	"callx r3;"					\
	"exit;"

/*
 * test_bpf_lift_callx_blinded runs this file again with bpf_jit_harden=2,
 * where the listing is of the blinded program: each compare with a BTF id
 * becomes three insns (the compares through AX are left alone), and the
 * offsets across them grow; the program's first insns are blinded too, so
 * no insn numbers here. OR_BLINDED(a, b) is a, or b when blinded.
 */
#define OR_BLINDED(a, b) "{{(" a "|" b ")}}"

SEC("tc")
__description("callx: the compare chain of a call through a writable global, under the JIT")
__success __retval(14)
__test_tag("load_mode=jited")
__xlated("r12 = 0x1000000" OR_BLINDED("13", "17"))	/* h_add(): subprog 1 */
__xlated("if r3 == r12 goto pc+" OR_BLINDED("13", "17"))
__xlated("r12 = r3")
__xlated("r12 >>= 32")
__xlated("if w12 != 0xbffc0000 goto pc+" OR_BLINDED("1", "3"))
__xlated("...")
__xlated("if w3 == " OR_BLINDED("0x[0-9a-f]+", "w12") " goto pc+" OR_BLINDED("9", "11"))
__xlated("r12 = 0x2000000" OR_BLINDED("0f", "13"))	/* h_dbl(): subprog 2 */
__xlated("if r3 == r12 goto pc+" OR_BLINDED("8", "10"))
__xlated("r12 = r3")
__xlated("r12 >>= 32")
__xlated("if w12 != 0xbffc0000 goto pc+" OR_BLINDED("1", "3"))
__xlated("...")
__xlated("if w3 == " OR_BLINDED("0x[0-9a-f]+", "w12") " goto pc+4")
__xlated(OR_BLINDED("r0 = 0", "r0 \\^= r0"))		/* neither */
__xlated("goto pc+3")
__xlated("call pc+3")					/* h_add() */
__xlated("goto pc+1")
__xlated("call pc+" OR_BLINDED("4", "6"))		/* h_dbl() */
__xlated("exit")
__naked void callx_chain_jited(void)
{
	asm volatile (CALLX_GLOBAL
	:
	: __imm_addr(g_handler)
	: __clobber_all);
}

/* the interpreter's value of subprog N is (BPF_FUNC_PTR_TAG + 1) << 32 | N */
SEC("tc")
__description("callx: the compare chain of a call through a writable global, interpreted")
__success __retval(14)
__test_tag("load_mode=no_jited")
__xlated("3: r1 = 7")
__xlated("4: r12 = 0xbffc000100000001")			/* h_add() */
__xlated("6: if r3 == r12 goto pc+13")
__xlated("7: r12 = r3")
__xlated("8: r12 >>= 32")
__xlated("9: if w12 != 0xbffc0000 goto pc+1")
__xlated("10: if w3 == 0x{{[0-9a-f]+}} goto pc+9")
__xlated("11: r12 = 0xbffc000100000002")		/* h_dbl() */
__xlated("13: if r3 == r12 goto pc+8")
__xlated("14: r12 = r3")
__xlated("15: r12 >>= 32")
__xlated("16: if w12 != 0xbffc0000 goto pc+1")
__xlated("17: if w3 == 0x{{[0-9a-f]+}} goto pc+4")
__xlated("18: r0 = 0")					/* neither */
__xlated("19: goto pc+3")
__xlated("20: call pc+3")
__xlated("21: goto pc+1")
__xlated("22: call pc+4")
__xlated("23: exit")
__naked void callx_chain_interp(void)
{
	asm volatile (CALLX_GLOBAL
	:
	: __imm_addr(g_handler)
	: __clobber_all);
}

char _license[] SEC("license") = "GPL";
