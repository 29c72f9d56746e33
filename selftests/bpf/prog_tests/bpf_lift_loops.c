// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's bounded loops: widening and its bench. */

#include <test_progs.h>
#include "testing_helpers.h"
#include "bpf_lift_loops.skel.h"
#include "bpf_lift_loop_bench.skel.h"

void test_bpf_lift_loops(void)
{
	RUN_TESTS(bpf_lift_loops);
}

static int set_loop_widening(int on)
{
	return write_sysctl("/proc/sys/kernel/bpf_loop_widening", on ? "1" : "0");
}

/*
 * The same 10,000-iteration loop verified by the path walk (widening off) and
 * by widening: both return the same value, widening verifies far fewer
 * instructions and, the loop being counted, adds no budget, only a check of
 * its trip count at its entry: the loop itself is the same code. The loop
 * bounded by a global (widening only: the path walk cannot finish it) is
 * checked the same way. The run time of each (5,000 runs) is printed, not asserted.
 */
#define BENCH_MAX_INSNS 64

static int bench_load(bool widen, bool data, __u32 *verified, __u32 *xlated,
		      struct bpf_insn *insns, __u32 *retval, __u32 *ns)
{
	struct bpf_lift_loop_bench *skel;
	struct bpf_program *prog;
	char pkt[64] = {};
	struct bpf_prog_info info = {
		.xlated_prog_len = BENCH_MAX_INSNS * sizeof(*insns),
		.xlated_prog_insns = ptr_to_u64(insns),
	};
	__u32 len = sizeof(info);
	int fd, err = -1;

	LIBBPF_OPTS(bpf_test_run_opts, topts, .repeat = 5000,
		    .data_in = pkt, .data_size_in = sizeof(pkt));

	if (!ASSERT_OK(set_loop_widening(widen), "kernel.bpf_loop_widening"))
		return -1;
	skel = bpf_lift_loop_bench__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return -1;
	prog = data ? skel->progs.loop_bench_data : skel->progs.loop_bench;
	bpf_program__set_autoload(data ? skel->progs.loop_bench : skel->progs.loop_bench_data,
				  false);
	if (!ASSERT_OK(bpf_lift_loop_bench__load(skel), "load"))
		goto out;
	fd = bpf_program__fd(prog);
	if (!ASSERT_OK(bpf_prog_get_info_by_fd(fd, &info, &len), "prog info"))
		goto out;
	*verified = info.verified_insns;
	*xlated = info.xlated_prog_len / sizeof(struct bpf_insn);
	if (!ASSERT_LE(*xlated, BENCH_MAX_INSNS, "xlated insns"))
		goto out;
	if (!ASSERT_OK(bpf_prog_test_run_opts(fd, &topts), "test_run"))
		goto out;
	*retval = topts.retval;
	*ns = topts.duration;
	err = 0;
out:
	bpf_lift_loop_bench__destroy(skel);
	return err;
}

void test_bpf_lift_loop_bench(void)
{
	__u32 retval[3], verified[3], xlated[3], ns[3], pre, suf;
	struct bpf_insn insns[3][BENCH_MAX_INSNS] = {};
	int i;

	for (i = 0; i < 3; i++)
		if (bench_load(i > 0, i == 2, &verified[i], &xlated[i], insns[i], &retval[i],
			       &ns[i]))
			goto out;
	ASSERT_EQ(retval[1], retval[0], "same result from the path walk and widening");
	ASSERT_EQ(retval[2], retval[0], "same result with the bound from a global");
	ASSERT_LT(verified[1] * 100, verified[0], "widening verifies 100x fewer insns");
	/* widening's code is the path walk's with a check inserted at the entry */
	for (pre = 0; pre < xlated[0] && !memcmp(&insns[1][pre], &insns[0][pre], sizeof(**insns));
	     pre++)
		;
	for (suf = 0; suf < xlated[0] &&
	     !memcmp(&insns[1][xlated[1] - 1 - suf], &insns[0][xlated[0] - 1 - suf],
		     sizeof(**insns));
	     suf++)
		;
	ASSERT_GT(xlated[1], xlated[0], "a counted loop is checked at its entry");
	ASSERT_GE(pre + suf, xlated[0], "no other change: no budget in the loop");
	printf("%s: 10,000-iteration loop: path walk %u insns verified, %u ns per run; "
	       "widening %u insns verified, %u ns per run (%.3fx); "
	       "bound from a global, checked at entry: %u insns verified, %u ns per run (%.3fx)\n",
	       __func__, verified[0], ns[0], verified[1], ns[1],
	       ns[0] ? (double)ns[1] / ns[0] : 0.0, verified[2], ns[2],
	       ns[0] ? (double)ns[2] / ns[0] : 0.0);
out:
	set_loop_widening(1);
}
