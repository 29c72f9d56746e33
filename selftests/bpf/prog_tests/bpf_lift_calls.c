// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift calling convention (progs/bpf_lift_calls.c): global functions
 * with up to 12 arguments. Stack arguments need the JIT: the interpreter
 * refuses them.
 */

#include <test_progs.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_calls.skel.h"

void test_bpf_lift_calls(void)
{
	if (read_sysctl_int(JIT_ENABLE) > 0)
		RUN_TESTS(bpf_lift_calls);
	else
		test__skip();
}
