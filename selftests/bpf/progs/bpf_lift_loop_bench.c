// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift loop benchmark: a loop of 10,000 iterations that the path walk of
 * mainline verifies too (10,000 walks of the body, no run-time check), and
 * that widening verifies in a few walks; it is a counted loop, so it gets no
 * run-time budget, only a check of its trip count at its entry. The same loop
 * bounded by a global is verified by widening only, with the same check.
 * prog_tests/bpf_lift_loops.c loads them and compares.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

__u32 bench_n = 10000;

static __always_inline __u32 bench_body(__u32 n)
{
	__u32 i, sum = 0;

	for (i = 0; i < n; i++) {
		sum += i ^ (sum >> 3);
		__sink(sum);
	}
	return sum;
}

SEC("socket")
int loop_bench(void *ctx)
{
	return bench_body(10000);
}

SEC("socket")
int loop_bench_data(void *ctx)
{
	return bench_body(bench_n);
}

char _license[] SEC("license") = "GPL";
