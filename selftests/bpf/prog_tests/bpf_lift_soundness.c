// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift soundness rules: the kernel stack a call chain takes is bounded
 * (progs/bpf_lift_kstack.c), a program that cannot go on fails closed for
 * its type (progs/bpf_lift_fail_closed.c), and a loop whose widened state
 * repeats loads at once, while a walk again without widening has a budget
 * (progs/bpf_lift_loops_wrap.c), and the states one load keeps have a
 * memory budget (progs/bpf_lift_state_mem.c).
 */

#include <test_progs.h>
#include "testing_helpers.h"
#include "bpf_lift_helpers.h"
#include "bpf_lift_kstack.skel.h"
#include "bpf_lift_fail_closed.skel.h"
#include "bpf_lift_loops_wrap.skel.h"
#include "bpf_lift_state_mem.skel.h"

/*
 * Under the JIT: the chains that fit need it. That a chain which fits only
 * under the JIT never falls back to the interpreter is checked by
 * test_bpf_lift_fault, whose failed JIT allocations would make it.
 */
void test_bpf_lift_kstack(void)
{
	if (read_sysctl_int(JIT_ENABLE) > 0)
		RUN_TESTS(bpf_lift_kstack);
}

void test_bpf_lift_fail_closed(void)
{
	if (read_sysctl_int(JIT_ENABLE) > 0)
		RUN_TESTS(bpf_lift_fail_closed);
}

void test_bpf_lift_loops_wrap(void)
{
	RUN_TESTS(bpf_lift_loops_wrap);
}

/* widening off: the walk a may_goto loop took when its back-edges were found */
void test_bpf_lift_state_mem(void)
{
	const char *widen = "/proc/sys/kernel/bpf_loop_widening";
	int old;

	if (read_sysctl_int(JIT_ENABLE) <= 0)
		return;
	old = sysctl_set(widen, "0");
	if (old < 0)
		return;
	RUN_TESTS(bpf_lift_state_mem);
	sysctl_restore(widen, old);
}
