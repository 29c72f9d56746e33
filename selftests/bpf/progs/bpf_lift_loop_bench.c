// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift loop benchmark: a loop of 10,000 iterations that the path walk of
 * mainline verifies too (10,000 walks of the body, no run-time check), and
 * that widening verifies in a few walks with a run-time loop budget.
 * prog_tests/bpf_lift.c loads it both ways and compares.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

SEC("socket")
int loop_bench(void *ctx)
{
	__u32 i, sum = 0;

	for (i = 0; i < 10000; i++) {
		sum += i ^ (sum >> 3);
		__sink(sum);
	}
	return sum;
}

char _license[] SEC("license") = "GPL";
