// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift calling convention (progs/bpf_lift_calls.c): global functions
 * with up to 12 arguments, and what an argument through the r11 area costs
 * (progs/bpf_lift_calls_bench.c).
 */

#include <test_progs.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_calls.skel.h"
#include "bpf_lift_calls_bench.skel.h"

/* under the JIT and the interpreter alike (JIT=0) */
void test_bpf_lift_calls(void)
{
	RUN_TESTS(bpf_lift_calls);
}

/*
 * A benchmark: it prints figures and fails only if a program gives the wrong
 * result. 64 calls that pass eight arguments against 64 that pass five, the
 * same sum, under the JIT; the best of 3 rounds of 100,000 runs each.
 */
void test_bpf_lift_calls_bench(void)
{
	static const char * const names[] = { "calls_bench_5", "calls_bench_8" };
	struct bpf_lift_calls_bench *skel;
	__u32 best[2];
	int i;

	if (read_sysctl_int(JIT_ENABLE) <= 0) {
		test__skip();
		return;
	}
	skel = bpf_lift_calls_bench__open_and_load();
	if (!ASSERT_OK_PTR(skel, "load"))
		return;
	if (bench_best_of_3(skel->obj, names, 100000, 64 * 36, best))
		goto out;
	for (i = 0; i < 2; i++)
		printf("%s: %s: %u ns per run of 64 calls (%.3fx of 5 arguments)\n", __func__,
		       names[i], best[i], best[0] ? (double)best[i] / best[0] : 0.0);
out:
	bpf_lift_calls_bench__destroy(skel);
}
