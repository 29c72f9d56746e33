// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift's indirect calls (callx): the programs, blinding, bench, limits,
 * and structs of callbacks of two prototypes (an 8-byte load gives one).
 */

#include <test_progs.h>
#include "testing_helpers.h"
#include "bpf_lift_helpers.h"
#include "bpf_lift_callx.skel.h"
#include "bpf_lift_callx_bench.skel.h"
#include "bpf_lift_callx_struct.skel.h"

void test_bpf_lift_callx(void)
{
	RUN_TESTS(bpf_lift_callx);
}

static __u32 callx_verified(struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len), "info"))
		return 0;
	return info.verified_insns;
}

/*
 * A benchmark: it prints figures and fails only if a program gives the wrong
 * result. 1,000 calls per run, direct and through callx; then the insns
 * verified for one call through a const table of 1 to 16 functions.
 */
void test_bpf_lift_callx_bench(void)
{
	static const char * const names[] = { "call_direct", "callx_known", "callx_table",
					       "callx_global" };
	static const char * const tables[] = { "table_1", "table_2", "table_4", "table_8",
						"table_16" };
	struct bpf_lift_callx_bench *skel;
	__u32 ns[4], retval, verified;
	int i;

	skel = bpf_lift_callx_bench__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		return;
	for (i = 0; i < 4; i++) {
		struct bpf_program *prog = bpf_object__find_program_by_name(skel->obj, names[i]);

		if (callx_bench_run(prog, 2000, &ns[i], &retval))
			goto out;
		ASSERT_EQ(retval, 500500, names[i]);
		printf("%s: %s: %u ns per run (%.3fx of the direct calls)\n", __func__,
		       names[i], ns[i], ns[0] ? (double)ns[i] / ns[0] : 0.0);
	}
	for (i = 0; i < 5; i++) {
		struct bpf_program *prog = bpf_object__find_program_by_name(skel->obj, tables[i]);

		verified = callx_verified(prog);
		if (callx_bench_run(prog, 1, &ns[0], &retval))
			goto out;
		ASSERT_EQ(retval, 7, tables[i]);
		printf("%s: %s: %u insns verified\n", __func__, tables[i], verified);
	}
out:
	bpf_lift_callx_bench__destroy(skel);
}

/* @run with constant blinding (bpf_jit_harden=2) */
static void blinded(void (*run)(void))
{
	int old;

	old = sysctl_set(JIT_HARDEN, "2");
	if (old < 0)
		return;
	run();
	sysctl_restore(JIT_HARDEN, old);
}

/*
 * The callx programs with constant blinding: a compare of a function pointer
 * with a tag that blinding split would call the wrong function, and the
 * retvals would differ.
 */
void test_bpf_lift_callx_blinded(void)
{
	blinded(test_bpf_lift_callx);
}

/* the bench object with only @name to load, its log in @log */
static struct bpf_lift_callx_bench *callx_bench_one(const char *name,
						    struct bpf_program **prog,
						    char *log, size_t log_sz)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *p;

	skel = bpf_lift_callx_bench__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return NULL;
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, false);
	*prog = bpf_object__find_program_by_name(skel->obj, name);
	if (!ASSERT_OK_PTR(*prog, name)) {
		bpf_lift_callx_bench__destroy(skel);
		return NULL;
	}
	bpf_program__set_autoload(*prog, true);
	bpf_program__set_log_buf(*prog, log, log_sz);
	return skel;
}

/*
 * A callx target that makes a tail call under a 264-byte caller stack is
 * rejected as a direct callee would be: by the JIT's limit on the stack
 * below a tail call, and by the interpreter, which does not mix tail calls
 * and function calls.
 */
void test_bpf_lift_callx_tail_call(void)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *prog;
	char log[16384] = {};
	int jit;

	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	skel = callx_bench_one("callx_tail_call_stack", &prog, log, sizeof(log));
	if (!skel)
		return;
	ASSERT_ERR(bpf_lift_callx_bench__load(skel), "rejected");
	ASSERT_HAS_SUBSTR(log, jit > 0 ?
			  "tail_calls are not allowed when call stack of previous frames is" :
			  "mixing of tail_calls and bpf-to-bpf calls is not supported",
			  "the tail call's rule");
	bpf_lift_callx_bench__destroy(skel);
}

/*
 * A bpf_loop() callback is no target of a callx, whose arguments it would
 * not fit: the program loads and runs under the JIT (bpf_loop() sums 0..3,
 * g_fn is h1: 6 + 6). The interpreter takes no callbacks (mainline's rule).
 */
void test_bpf_lift_callx_callback(void)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *prog;
	char log[16384] = {};
	__u32 ns, retval;
	int jit, err;

	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	skel = callx_bench_one("callx_with_callback", &prog, log, sizeof(log));
	if (!skel)
		return;
	err = bpf_lift_callx_bench__load(skel);
	if (jit > 0) {
		if (ASSERT_OK(err, "loaded") && !callx_bench_run(prog, 1, &ns, &retval))
			ASSERT_EQ(retval, 12, "retval");
	} else {
		ASSERT_ERR(err, "rejected");
		ASSERT_HAS_SUBSTR(log, "callbacks are not allowed in non-JITed programs",
				  "the interpreter's rule");
	}
	bpf_lift_callx_bench__destroy(skel);
}

/* structs of callbacks of two prototypes, indexed at run time */
void test_bpf_lift_callx_struct(void)
{
	RUN_TESTS(bpf_lift_callx_struct);
}

/*
 * The same with constant blinding (bpf_jit_harden=2): the run-time filter of
 * a load compares with BTF ids that blinding splits.
 */
void test_bpf_lift_callx_struct_blinded(void)
{
	blinded(test_bpf_lift_callx_struct);
}
