// SPDX-License-Identifier: GPL-2.0
/*
 * Fixes of mainline bugs (kernel/patches/00-fixes/): progs/bpf_lift_fixes.c.
 * Most of its programs load the address of a function or throw, which only
 * the JIT can run: the interpreter refuses them whatever the fix, so the test
 * loader runs them under the JIT. Here: the functions the exception programs
 * of fix 0002 keep; the may_goto loops of fix 0003 again, interpreted; and
 * the raw_tp loops of fix 0004, which the test loader only loads, as it gives
 * every program a packet, which raw_tp refuses.
 */

#include <test_progs.h>
#include <bpf/btf.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_fixes.skel.h"

#define BPF_MAX_LOOPS (8 * 1024 * 1024)

void test_bpf_lift_fixes(void)
{
	char buf[8] = {};
	int fd, n;

	fd = open("/proc/sys/net/core/bpf_jit_enable", O_RDONLY);
	if (!ASSERT_OK_FD(fd, "open bpf_jit_enable"))
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0 && atoi(buf) > 0)
		RUN_TESTS(bpf_lift_fixes);
}

/* the object with only the programs @a and @b loaded */
static struct bpf_lift_fixes *load_two(const char *a, const char *b)
{
	struct bpf_lift_fixes *skel;
	struct bpf_program *prog;

	skel = bpf_lift_fixes__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return NULL;
	bpf_object__for_each_program(prog, skel->obj) {
		const char *name = bpf_program__name(prog);

		bpf_program__set_autoload(prog, !strcmp(name, a) || !strcmp(name, b));
	}
	if (!ASSERT_OK(bpf_lift_fixes__load(skel), "load")) {
		bpf_lift_fixes__destroy(skel);
		return NULL;
	}
	return skel;
}

/* run @prog once (a packet for tc, nothing for raw_tp); its result, or -1 */
static long run_once(struct bpf_program *prog, bool packet)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	char pkt[64] = {};

	if (packet) {
		topts.data_in = pkt;
		topts.data_size_in = sizeof(pkt);
		topts.repeat = 1;
	}
	if (!ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(prog), &topts),
		       bpf_program__name(prog)))
		return -1;
	return topts.retval;
}

/* @prog's first xlated insn: the prologue's store of the may_goto count */
static void check_count_store(struct bpf_program *prog, int off, int count)
{
	struct bpf_insn insns[4] = {};
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	info.xlated_prog_insns = ptr_to_u64(insns);
	info.xlated_prog_len = sizeof(insns);
	if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len),
		       "prog info"))
		return;
	ASSERT_EQ(insns[0].code, BPF_ST | BPF_MEM | BPF_DW, "count store");
	ASSERT_EQ((int)insns[0].dst_reg, BPF_REG_10, "count store: fp");
	ASSERT_EQ(insns[0].off, off, "count store: slot");
	ASSERT_EQ(insns[0].imm, count, "count store: BPF_MAX_LOOPS");
}

static __u32 jited_len(struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len),
		       "prog info"))
		return 0;
	return info.jited_prog_len;
}

/* the names of @prog's functions as loaded, in order, joined by spaces */
static void func_names(struct bpf_program *prog, char *buf, size_t size)
{
	struct bpf_func_info finfo[8] = {};
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), i;
	struct btf *btf;
	size_t n = 0;

	buf[0] = 0;
	info.nr_func_info = ARRAY_SIZE(finfo);
	info.func_info_rec_size = sizeof(finfo[0]);
	info.func_info = ptr_to_u64(finfo);
	if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len),
		       "prog info"))
		return;
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!ASSERT_OK_PTR(btf, "prog btf"))
		return;
	for (i = 0; i < info.nr_func_info && i < ARRAY_SIZE(finfo) && n < size; i++) {
		const struct btf_type *t = btf__type_by_id(btf, finfo[i].type_id);

		n += snprintf(buf + n, size - n, "%s%s", i ? " " : "",
			      t ? btf__name_by_offset(btf, t->name_off) : "?");
	}
	btf__free(btf);
}

/*
 * Fix 0002: what the exception tests of progs/bpf_lift_fixes.c stand on. The
 * load removed fixes_log_event(), which came before the callback, and left
 * the callback with a function after it, or last; the test loader checks
 * what bpf_throw() returns through it. Under the JIT only: the interpreter
 * calls no kfuncs.
 */
void test_bpf_lift_fixes_exc_cb(void)
{
	struct bpf_lift_fixes *skel;
	char names[128];

	if (read_sysctl_int(JIT_ENABLE) <= 0) {
		test__skip();
		return;
	}
	skel = load_two("exc_cb_after_dead", "exc_cb_last_after_dead");
	if (!skel)
		return;
	func_names(skel->progs.exc_cb_after_dead, names, sizeof(names));
	ASSERT_STREQ(names, "exc_cb_after_dead fixes_exc_cb fixes_exc_part", "functions");
	func_names(skel->progs.exc_cb_last_after_dead, names, sizeof(names));
	ASSERT_STREQ(names, "exc_cb_last_after_dead fixes_exc_cb_last", "functions, last");
	ASSERT_EQ(run_once(skel->progs.exc_cb_after_dead, true), 1042, "callback's result");
	ASSERT_EQ(run_once(skel->progs.exc_cb_last_after_dead, true), 2021,
		  "callback's result, last");
	bpf_lift_fixes__destroy(skel);
}

/*
 * Fix 0003: the may_goto loops with net.core.bpf_jit_enable=0. Each is
 * interpreted (no JITed image), counts BPF_MAX_LOOPS iterations from a slot
 * at fp - 8 (stock: the timed budget, 65,535 at fp - 16, whose helper call
 * the interpreter cannot make), returns the exact count of a loop of 100,000,
 * and ends the loop that only may_goto ends after exactly BPF_MAX_LOOPS.
 * Stock 7.3 returned a wrong count for the first and hung in the second.
 */
void test_bpf_lift_fixes_interp(void)
{
	struct bpf_lift_fixes *skel = NULL;
	struct bpf_program *progs[2];
	int old;

	old = sysctl_set(JIT_ENABLE, "0");
	if (old < 0)
		return;
	skel = load_two("may_goto_counted", "may_goto_endless");
	if (!skel)
		goto out;
	progs[0] = skel->progs.may_goto_counted;
	progs[1] = skel->progs.may_goto_endless;

	ASSERT_EQ(jited_len(progs[0]), 0, "may_goto_counted interpreted");
	ASSERT_EQ(jited_len(progs[1]), 0, "may_goto_endless interpreted");
	check_count_store(progs[0], -8, BPF_MAX_LOOPS);
	check_count_store(progs[1], -8, BPF_MAX_LOOPS);
	ASSERT_EQ(run_once(progs[0], true), 100000, "may_goto_counted retval");
	ASSERT_EQ(run_once(progs[1], true), 42, "may_goto_endless retval");
	ASSERT_EQ(skel->bss->fixes_spins, BPF_MAX_LOOPS, "may_goto_endless iterations");
out:
	bpf_lift_fixes__destroy(skel);
	sysctl_restore(JIT_ENABLE, old);
}

/*
 * Fix 0004: the raw_tp may_goto loops of a 64-byte frame. Under the JIT the
 * frame is on a private stack and counts BPF_MAX_LOOPS from fp - 72 (stock:
 * the timed budget, whose helper read its timestamp from the kernel stack and
 * ended both loops after 65,535 iterations). Interpreted (JIT=0) they count
 * the same, so the results are the same either way.
 */
void test_bpf_lift_fixes_priv_stack(void)
{
	struct bpf_lift_fixes *skel;
	struct bpf_program *progs[2];
	int jit;

	skel = load_two("priv_stack_may_goto_counted", "priv_stack_may_goto_endless");
	if (!skel)
		return;
	progs[0] = skel->progs.priv_stack_may_goto_counted;
	progs[1] = skel->progs.priv_stack_may_goto_endless;

	jit = read_sysctl_int(JIT_ENABLE);
	if (jit > 0) {
		ASSERT_GT(jited_len(progs[0]), 0, "priv_stack_may_goto_counted JITed");
		ASSERT_GT(jited_len(progs[1]), 0, "priv_stack_may_goto_endless JITed");
	}
	check_count_store(progs[0], -72, BPF_MAX_LOOPS);
	check_count_store(progs[1], -72, BPF_MAX_LOOPS);
	ASSERT_EQ(run_once(progs[0], false), 100000, "priv_stack_may_goto_counted retval");
	ASSERT_EQ(run_once(progs[1], false), BPF_MAX_LOOPS, "priv_stack_may_goto_endless retval");
	bpf_lift_fixes__destroy(skel);
}
