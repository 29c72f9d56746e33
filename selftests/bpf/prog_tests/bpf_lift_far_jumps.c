// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's far jumps: rewrites and constant blinding that push a jump out of range. */

#include <test_progs.h>
#include "testing_helpers.h"
#include "bpf_lift_helpers.h"
#include "bpf_lift_far_jumps.skel.h"

void test_bpf_lift_far_jumps(void)
{
	RUN_TESTS(bpf_lift_far_jumps);
}

/*
 * The far-jump programs with constant blinding (bpf_jit_harden=2): blinding
 * makes the two insns of the filler with an immediate three insns each, which
 * pushes every long jump out of range again. Each program still returns what
 * it did (RUN_TESTS), and under the JIT each is JITed: blinding did not fail
 * and leave it to the interpreter.
 */
void test_bpf_lift_far_jumps_blinded(void)
{
	struct bpf_lift_far_jumps *skel;
	struct bpf_program *prog;
	int old, jit;

	old = sysctl_set(JIT_HARDEN, "2");
	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	if (old < 0)
		return;
	RUN_TESTS(bpf_lift_far_jumps);
	skel = bpf_lift_far_jumps__open_and_load();
	if (!ASSERT_OK_PTR(skel, "load"))
		goto out;
	bpf_object__for_each_program(prog, skel->obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len),
			       "prog info"))
			break;
		if (jit == 1)
			ASSERT_GT(info.jited_prog_len, 0, bpf_program__name(prog));
	}
	bpf_lift_far_jumps__destroy(skel);
out:
	sysctl_restore(JIT_HARDEN, old);
}
