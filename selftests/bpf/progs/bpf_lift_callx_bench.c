// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift indirect calls, the bench (prog_tests/bpf_lift_callx.c,
 * test_bpf_lift_callx_bench): the same 1,000 calls made directly and
 * through callx, for the run-time cost; and a call through const tables of
 * 1 to 16 functions, for the cost of verifying a call site.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

#define N_CALLS 1000

typedef int (*fn_t)(int);

volatile int sel;

#define H(n)							\
static __noinline int h##n(int x)				\
{								\
	return x + (n);						\
}

H(0) H(1) H(2) H(3) H(4) H(5) H(6) H(7)
H(8) H(9) H(10) H(11) H(12) H(13) H(14) H(15)

static const fn_t t1[1] = { h0 };
static const fn_t t2[2] = { h0, h1 };
static const fn_t t4[4] = { h0, h1, h2, h3 };
static const fn_t t8[8] = { h0, h1, h2, h3, h4, h5, h6, h7 };
static const fn_t t16[16] = { h0, h1, h2, h3, h4, h5, h6, h7,
			      h8, h9, h10, h11, h12, h13, h14, h15 };

/* a writable global: the verifier does not know what it holds */
static fn_t g_fn = h1;

SEC("tc")
int call_direct(void *ctx)
{
	int i, sum = 0;

	for (i = 0; i < N_CALLS; i++)
		sum += h1(i);
	return sum;
}

static __noinline int call_through(fn_t f)
{
	int i, sum = 0;

	for (i = 0; i < N_CALLS; i++)
		sum += f(i);
	return sum;
}

/* the target is known to the verifier: a direct call after verification */
SEC("tc")
int callx_known(void *ctx)
{
	return call_through(h1);
}

/* a const table with an index known at run time: a compare per function */
SEC("tc")
int callx_table(void *ctx)
{
	int i, sum = 0;

	for (i = 0; i < N_CALLS; i++)
		sum += t2[(sel + 1) & 1](i);
	return sum;
}

/* a writable global: compared with each function the program can call */
SEC("tc")
int callx_global(void *ctx)
{
	fn_t *fp = &g_fn;
	int i, sum = 0;

	/* hide where fp points, so that clang loads g_fn */
	asm volatile("" : "+r"(fp));
	for (i = 0; i < N_CALLS; i++)
		sum += (*fp)(i);
	return sum;
}

/*
 * Not a bench: a bpf_loop() callback next to a call through a writable
 * global (test_bpf_lift_callx_callback). The callback is only passed to the
 * helper, so it is no target of the callx, which would not give it the
 * pointer it reads.
 */
static int loop_cb(__u64 idx, void *data)
{
	*(int *)data += idx;
	return 0;
}

SEC("?tc")
int callx_with_callback(void *ctx)
{
	fn_t *fp = &g_fn;
	int sum = 0;

	asm volatile("" : "+r"(fp));
	bpf_loop(4, loop_cb, &sum, 0);
	return sum + (*fp)(5);
}

/*
 * Not a bench: a target that makes a tail call under a 264-byte caller stack
 * (test_bpf_lift_callx_tail_call loads it alone and reads the log).
 */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} jmp_table SEC(".maps");

static __naked __noinline __used int asm_tail_call(void)
{
	asm volatile (
	"r2 = %[jmp_table] ll;"
	"r3 = 0;"
	"call %[bpf_tail_call];"
	"r0 = 0;"
	"exit;"
	:
	: __imm_addr(jmp_table), __imm(bpf_tail_call)
	: __clobber_all);
}

SEC("?tc")
__naked void callx_tail_call_stack(void)
{
	asm volatile (
	"r0 = 0;"
	"*(u64 *)(r10 - 264) = r0;"
	"r3 = asm_tail_call ll;"
	"callx r3;"
	"exit;"
	::: __clobber_all);
}

#define TABLE_PROG(n)						\
SEC("tc")							\
int table_##n(void *ctx)					\
{								\
	return t##n[sel & ((n) - 1)](7);			\
}

TABLE_PROG(1) TABLE_PROG(2) TABLE_PROG(4) TABLE_PROG(8) TABLE_PROG(16)

char _license[] SEC("license") = "GPL";
