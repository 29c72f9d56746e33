// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift 128-bit arithmetic (progs/bpf_lift_u128.c): every kfunc of the
 * bpf-lift module, called through bpf_lift_u128.h, against the host's own
 * __int128 arithmetic on edge cases, a sweep of shift counts and a
 * pseudo-random sweep; BPF's results for a zero divisor and S128_MIN / -1;
 * the result pointers the verifier must refuse; and what a multiply and a
 * divide cost through the kfuncs against the same work open-coded in 64-bit
 * BPF.
 */

#include <test_progs.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_u128.skel.h"

#define S128_MIN	((__s128)((__u128)1 << 127))
#define U64_HI(x)	((unsigned long long)((__u128)(x) >> 64))
#define U64_LO(x)	((unsigned long long)(__u64)(x))

/* the 16 bytes a result has before the program writes it */
#define POISON		0xa5

/* print at most this many wrong results, then only count them */
#define MAX_REPORTS	16

/* must match progs/bpf_lift_u128.c */
#define BENCH_MULS	64
#define BENCH_DIVS	16

static int wrong;

static void set(__u64 v[2], __u128 x)
{
	v[0] = x;
	v[1] = x >> 64;
}

/* run u128_ops on a, b and n; 0 or -1 */
static int run_ops(struct bpf_lift_u128 *skel, __u128 a, __u128 b, __u64 n)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int err;

	set(skel->bss->in_a, a);
	set(skel->bss->in_b, b);
	skel->bss->in_n = n;
	memset(&skel->bss->out, POISON, sizeof(skel->bss->out));
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.u128_ops), &topts);
	if (err || topts.retval) {
		ASSERT_OK(err, "u128_ops test_run");
		ASSERT_EQ(topts.retval, 0, "u128_ops retval");
		return -1;
	}
	return 0;
}

/* one result against its expected value, both halves */
static void check(const char *op, const __u64 got[2], __u128 want, __u128 a, __u128 b, __u64 n)
{
	if (got[0] == (__u64)want && got[1] == (__u64)(want >> 64))
		return;
	if (++wrong > MAX_REPORTS)
		return;
	printf("%s: a=%016llx:%016llx b=%016llx:%016llx n=%llu: ",
	       op, U64_HI(a), U64_LO(a), U64_HI(b), U64_LO(b), (unsigned long long)n);
	printf("got %016llx:%016llx, want %016llx:%016llx\n",
	       (unsigned long long)got[1], (unsigned long long)got[0], U64_HI(want), U64_LO(want));
	ASSERT_EQ(got[1], (__u64)(want >> 64), op);
	ASSERT_EQ(got[0], (__u64)want, op);
}

/* LLVM 23's libcalls, in the order of progs/bpf_lift_u128.c, returned in R0:R2 */
static void check_r0r2(const __u64 got[][2], __u128 a, __u128 b, __u64 n, __s128 sdiv,
		       __s128 smod)
{
	static const char * const names[] = {
		"__multi3", "__udivti3", "__umodti3", "__divti3", "__modti3",
		"__ashlti3", "__lshrti3", "__ashrti3",
	};
	__u128 want[] = {
		a * b, b ? a / b : 0, b ? a % b : a, sdiv, smod,
		a << (n & 127), a >> (n & 127), (__s128)a >> (n & 127),
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		check(names[i], got[i], want[i], a, b, n);
}

/*
 * Every result of one run against the host's arithmetic. The multiply of
 * signed operands is computed unsigned (the same bits, no overflow), and the
 * divisions use BPF's rules where C has none: x / 0 is 0, x % 0 is x,
 * S128_MIN / -1 is S128_MIN and S128_MIN % -1 is 0.
 */
static void check_ops(struct bpf_lift_u128 *skel, __u128 a, __u128 b, __u64 n)
{
	__typeof__(skel->bss->out) *out = &skel->bss->out;
	__s128 sa = a, sb = b, sdiv, smod;

	if (!sb) {
		sdiv = 0;
		smod = sa;
	} else if (sa == S128_MIN && sb == -1) {
		sdiv = S128_MIN;
		smod = 0;
	} else {
		sdiv = sa / sb;
		smod = sa % sb;
	}
	check("u128_mul", out->umul, a * b, a, b, n);
	check("s128_mul", out->smul, a * b, a, b, n);
	check("u128_div", out->udiv, b ? a / b : 0, a, b, n);
	check("u128_mod", out->umod, b ? a % b : a, a, b, n);
	check("s128_div", out->sdiv, sdiv, a, b, n);
	check("s128_mod", out->smod, smod, a, b, n);
	check("u128_shl", out->shl, a << (n & 127), a, b, n);
	check("u128_lshr", out->lshr, a >> (n & 127), a, b, n);
	check("s128_ashr", out->ashr, sa >> (n & 127), a, b, n);
	check("u128_mul_wide", out->mul_wide, (__u128)(__u64)a * (__u64)b, a, b, n);
	check("bpf_u128_mul to a map value", out->direct, a * b, a, b, n);
	check_r0r2(out->r0r2, a, b, n, sdiv, smod);
}

static __u64 xorshift(__u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* a number of 0 to 128 significant bits, negated one time in four */
static __u128 random_u128(__u64 *s)
{
	__u128 x = xorshift(s);
	unsigned int bits;

	x = x << 64 | xorshift(s);
	bits = xorshift(s) % 129;
	x = bits ? x >> (128 - bits) : 0;
	if (!(xorshift(s) & 3))
		x = -x;
	return x;
}

/* run u128_ops and check its results; 0 or -1 if the run failed */
static int run_check(struct bpf_lift_u128 *skel, __u128 a, __u128 b, __u64 n)
{
	if (run_ops(skel, a, b, n))
		return -1;
	check_ops(skel, a, b, n);
	return 0;
}

static void test_ops(struct bpf_lift_u128 *skel)
{
	static const __u128 edges[] = {
		0, 1, 2, 3, 7, 10,
		(__u128)1 << 32,
		((__u128)1 << 63) - 1,
		(__u128)1 << 63,
		((__u128)1 << 64) - 1,
		(__u128)1 << 64,
		((__u128)1 << 64) + 1,
		((__u128)1 << 127) - 1,			/* S128_MAX */
		(__u128)1 << 127,			/* S128_MIN */
		((__u128)1 << 127) + 1,
		~(__u128)0,				/* -1 */
		-(__u128)2, -(__u128)3, -(__u128)7, -(__u128)10,
		-((__u128)1 << 64),
		(__u128)0x0123456789abcdefULL << 64 | 0xfedcba9876543210ULL,
		(__u128)0xfedcba9876543210ULL << 64 | 0x0123456789abcdefULL,
	};
	static const __u128 shifted[] = {
		1,
		(__u128)0x0123456789abcdefULL << 64 | 0xfedcba9876543210ULL,
		(__u128)0xfedcba9876543210ULL << 64 | 0x0123456789abcdefULL,
		~(__u128)0,
	};
	/* shift counts past 260, taken modulo 128 too */
	static const __u64 big_counts[] = {
		1ULL << 32 | 5, 1ULL << 63, (1ULL << 63) + 127, ~0ULL,
	};
	__u64 seed = 0x5eed0128, n;
	int i, j, runs = 0;
	__u128 a, b;

	wrong = 0;
	/* every pair of edges; the shift count is b's low half */
	for (i = 0; i < ARRAY_SIZE(edges); i++)
		for (j = 0; j < ARRAY_SIZE(edges); j++, runs++)
			if (run_check(skel, edges[i], edges[j], edges[j]))
				return;
	/* every shift count from 0 to 260, and a few bigger ones */
	for (i = 0; i < ARRAY_SIZE(shifted); i++) {
		for (n = 0; n <= 260; n++, runs++)
			if (run_check(skel, shifted[i], 3, n))
				return;
		for (j = 0; j < ARRAY_SIZE(big_counts); j++, runs++)
			if (run_check(skel, shifted[i], 3, big_counts[j]))
				return;
	}
	/* operands of every size, signs mixed, any shift count */
	for (i = 0; i < 400; i++, runs++) {
		a = random_u128(&seed);
		b = random_u128(&seed);
		n = xorshift(&seed);
		if (run_check(skel, a, b, n))
			return;
	}
	printf("%s: %d runs of 19 results each, %d wrong\n", __func__, runs, wrong);
	ASSERT_EQ(wrong, 0, "results that differ from the host's");
}

/* both halves of a result */
static void expect(const __u64 got[2], __u128 want, const char *name)
{
	ASSERT_EQ(got[1], (__u64)(want >> 64), name);
	ASSERT_EQ(got[0], (__u64)want, name);
}

/* BPF's results where C has none, spelled out */
static void test_defined(struct bpf_lift_u128 *skel)
{
	__typeof__(skel->bss->out) *out = &skel->bss->out;
	__u128 a = (__u128)0x0123456789abcdefULL << 64 | 42;

	if (run_ops(skel, a, 0, 0))
		return;
	expect(out->udiv, 0, "u128: a / 0 is 0");
	expect(out->umod, a, "u128: a % 0 is a");
	expect(out->sdiv, 0, "s128: a / 0 is 0");
	expect(out->smod, a, "s128: a % 0 is a");
	if (run_ops(skel, -a, 0, 0))
		return;
	expect(out->sdiv, 0, "s128: -a / 0 is 0");
	expect(out->smod, -a, "s128: -a % 0 is -a");
	if (run_ops(skel, (__u128)1 << 127, ~(__u128)0, 0))
		return;
	expect(out->sdiv, (__u128)1 << 127, "s128: S128_MIN / -1 is S128_MIN");
	expect(out->smod, 0, "s128: S128_MIN % -1 is 0");
	expect(out->udiv, 0, "u128: 2^127 / (2^128 - 1) is 0");
	expect(out->umod, (__u128)1 << 127, "u128: 2^127 % (2^128 - 1) is 2^127");
}

/* must match progs/bpf_lift_u128.c */
#define IDIOM_STEPS	64

/* u128_idioms on products whose high half is 0 to 9, and beyond */
static void test_idioms(struct bpf_lift_u128 *skel)
{
	static const __u64 pairs[][2] = {
		{ 0, 0 }, { 3, 5 }, { 1ULL << 32, 1ULL << 32 }, { 3ULL << 32, 3ULL << 32 },
		{ 1ULL << 63, 14 }, { ~0ULL, ~0ULL }, { 1ULL << 40, 1ULL << 40 },
	};
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	__u128 p, acc, limit = (__u128)1 << 100;
	__u64 hi, steps;
	int i, j;

	for (i = 0; i < 8; i++)
		skel->bss->table[i] = 100 + i;
	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		skel->bss->in_a[0] = pairs[i][0];
		skel->bss->in_b[0] = pairs[i][1];
		if (!ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(skel->progs.u128_idioms),
						      &topts), "u128_idioms test_run"))
			return;
		p = (__u128)pairs[i][0] * pairs[i][1];
		hi = p >> 64;
		for (acc = 0, steps = 0; steps < IDIOM_STEPS; steps++) {
			acc += p;
			if (acc > limit)
				break;
		}
		j = hi < 8 ? 100 + hi : 0;
		ASSERT_EQ(skel->bss->idiom[0], j, "table[hi], hi bounded");
		ASSERT_EQ(skel->bss->idiom[1], steps, "steps under the 128-bit limit");
	}
}

/* the high half of a kfunc's return as a helper's size: loaded, and it runs */
static void test_r2_precise(struct bpf_lift_u128 *skel)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int err;

	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.r2_precise), &topts);
	ASSERT_OK(err, "r2_precise test_run");
	ASSERT_EQ(topts.retval, 4, "r2_precise: the high half of 1 << 66");
}

/*
 * Open bpf_lift_u128 with only r2_precise to load, and load it; 0 or -errno.
 * With a log of its own, libbpf does not load again (without the fault) to
 * get one.
 */
static int load_r2_precise(struct bpf_lift_u128 **skel)
{
	static char log[65536];
	struct bpf_program *prog;

	*skel = bpf_lift_u128__open();
	if (!*skel)
		return -errno;
	bpf_object__for_each_program(prog, (*skel)->obj)
		bpf_program__set_autoload(prog, prog == (*skel)->progs.r2_precise);
	bpf_program__set_log_buf((*skel)->progs.r2_precise, log, sizeof(log));
	bpf_program__set_log_level((*skel)->progs.r2_precise, 1);
	return bpf_lift_u128__load(*skel);
}

/*
 * The interpreter cannot give R2 a kfunc's high half, so a program that
 * calls such a kfunc must not fall back to it when the JIT fails (a program
 * with a kfunc call needs the JIT: bpf_add_kfunc_call()). The last
 * allocations of the load, the JIT's among them, are failed in turn: each
 * load that succeeds is JITed.
 */
static void test_r2_needs_jit(void)
{
	int n, first, total, err, left, loads = 0, failed = 0, no_jit = 0;
	struct bpf_lift_u128 *skel;

	if (!ASSERT_OK(fault_setup("N"), "failslab and fail_page_alloc knobs"))
		return;
	fault_mark("bpf-lift: fault injection on\n");
	/* how many allocations a load makes: the count left of a big one */
	fail_nth_arm(1000000);
	err = load_r2_precise(&skel);
	left = fail_nth_left();
	fail_nth_arm(0);
	bpf_lift_u128__destroy(skel);
	if (!ASSERT_OK(err, "load") || !ASSERT_GT(left, 0, "fail-nth count"))
		goto out;
	total = 1000000 - left;
	first = total > 100 ? total - 100 : 1;
	for (n = first; n <= total; n++, loads++) {
		fail_nth_arm(n);
		err = load_r2_precise(&skel);
		fail_nth_arm(0);
		if (!err && !ASSERT_EQ(prog_jited(skel->progs.r2_precise), 1, "JITed"))
			n = total;
		failed += !!err;
		/* ENOTSUPP: the JIT failed, and the load with it */
		no_jit += err == -524;
		bpf_lift_u128__destroy(skel);
	}
	printf("%s: %d allocations per load; of %d loads failing one of the last, %d failed, %d for the JIT\n",
	       __func__, total, loads, failed, no_jit);
	ASSERT_GT(no_jit, 0, "loads the JIT failed");
out:
	fault_mark("bpf-lift: fault injection off\n");
	fault_setup("Y");
}

/* the program @name, and only it, must fail to load with @msg in its log */
static void test_refused(const char *name, const char *msg)
{
	struct bpf_lift_u128 *skel;
	struct bpf_program *prog;
	char log[16384] = {};

	skel = bpf_lift_u128__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return;
	bpf_object__for_each_program(prog, skel->obj)
		bpf_program__set_autoload(prog, !strcmp(bpf_program__name(prog), name));
	prog = bpf_object__find_program_by_name(skel->obj, name);
	if (!ASSERT_OK_PTR(prog, name))
		goto out;
	bpf_program__set_log_buf(prog, log, sizeof(log));
	bpf_program__set_log_level(prog, 1);
	ASSERT_ERR(bpf_lift_u128__load(skel), name);
	ASSERT_HAS_SUBSTR(log, msg, name);
out:
	bpf_lift_u128__destroy(skel);
}

/* the same work through the kfuncs and open-coded: ns per run, printed */
static void bench(struct bpf_lift_u128 *skel, const char *what, const char * const names[2],
		  int ops, int repeat, __u32 want)
{
	__u32 best[2];

	if (bench_best_of_3(skel->obj, names, repeat, want, best))
		return;
	printf("%s: u128 %s: %u ns per run of %d through the kfunc, %u open-coded (%.3fx);",
	       __func__, what, best[0], ops, best[1], best[1] ? (double)best[0] / best[1] : 0.0);
	printf(" %.1f and %.1f ns each\n", (double)best[0] / ops, (double)best[1] / ops);
}

static __u32 fold(__u64 acc)
{
	return acc ^ acc >> 32;
}

/*
 * A benchmark: it prints figures and fails only if a program gives the
 * wrong result. The best of 3 rounds, under the JIT: BENCH_MULS products
 * x = x * b, and BENCH_DIVS quotients of a 128-bit number by a 64-bit one
 * (the kfunc's loop then takes 58 steps, the open-coded one 128).
 */
static void test_bench(struct bpf_lift_u128 *skel)
{
	static const char * const muls[] = { "bench_mul_kfunc", "bench_mul_open" };
	static const char * const divs[] = { "bench_div_kfunc", "bench_div_open" };
	__u128 a = (__u128)0x0123456789abcdefULL << 64 | 0xfedcba9876543210ULL;
	__u128 b = (__u128)0x9e3779b97f4a7c15ULL << 64 | 0xf39cc0605cedc835ULL;
	__u128 x, q;
	__u64 acc;
	int i;

	acc = 0;
	x = a;
	for (i = 0; i < BENCH_MULS; i++) {
		x *= b;
		acc ^= (__u64)x ^ (__u64)(x >> 64);
	}
	set(skel->bss->bench_a, a);
	set(skel->bss->bench_b, b);
	bench(skel, "multiply", muls, BENCH_MULS, 100000, fold(acc));

	b = 0x9e3779b97f4a7c15ULL;
	acc = 0;
	x = a;
	for (i = 0; i < BENCH_DIVS; i++) {
		q = x / b;
		acc ^= (__u64)q ^ (__u64)(q >> 64);
		x += (__u128)1 << 64;
	}
	set(skel->bss->bench_a, a);
	set(skel->bss->bench_b, b);
	bench(skel, "divide", divs, BENCH_DIVS, 10000, fold(acc));
}

void test_bpf_lift_u128(void)
{
	struct bpf_lift_u128 *skel = NULL;
	bool verbose = env.verbosity > VERBOSE_NONE;

	/* a kfunc call needs the JIT */
	if (read_sysctl_int(JIT_ENABLE) <= 0) {
		test__skip();
		return;
	}
	if (!ASSERT_OK(load_module("bpf_lift.ko", verbose), "load bpf_lift.ko"))
		return;
	skel = bpf_lift_u128__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		goto out;
	if (test__start_subtest("ops"))
		test_ops(skel);
	if (test__start_subtest("defined"))
		test_defined(skel);
	if (test__start_subtest("refused")) {
		test_refused("u128_short_stack", "invalid read from stack R5 off=-8 size=16");
		test_refused("u128_read_only", "write into map forbidden");
		test_refused("r2_after_4_bytes", "R2 !read_ok");
	}
	if (test__start_subtest("r2_precise"))
		test_r2_precise(skel);
	if (test__start_subtest("idioms"))
		test_idioms(skel);
	if (test__start_subtest("r2_needs_jit"))
		test_r2_needs_jit();
	if (test__start_subtest("bench"))
		test_bench(skel);
out:
	bpf_lift_u128__destroy(skel);
	ASSERT_OK(unload_module("bpf_lift", verbose), "unload bpf_lift");
}
