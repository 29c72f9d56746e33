// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift under fault injection: a load of a program that uses a lifted
 * limit (a 64 KiB frame on the private stack, a widened loop with its entry
 * check, indirect calls, a chain of global functions) is made to fail at its
 * Nth allocation, for N from 1 until the load no longer reaches the Nth
 * (/proc/thread-self/fail-nth, with failslab and fail_page_alloc told not to
 * skip sleeping allocations). Each load either succeeds or fails with an
 * error, and leaves no program behind; the kernel's own checks (the VM run
 * fails on any oops, WARN or KASAN report, and on the debug kernel kmemleak)
 * see the error paths. After the sweep the program loads and runs as
 * before.
 */

#include <test_progs.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_stack.skel.h"
#include "bpf_lift_loops.skel.h"
#include "bpf_lift_callx.skel.h"
#include "bpf_lift_kstack.skel.h"

/* The number of BPF programs the kernel holds (bpf_prog_get_next_id()). */
static int prog_count(void)
{
	__u32 id = 0;
	int n = 0;

	while (!bpf_prog_get_next_id(id, &id))
		n++;
	return n;
}

struct fault_case {
	const char *name;
	void *(*open)(void);
	int (*load)(void *skel);
	void (*destroy)(void *skel);
	struct bpf_object *(*obj)(void *skel);
	int retval;
	/* a load that succeeds is JITed: no interpreted fallback */
	bool must_jit;
};

#define FAULT_SKEL(s)								\
static void *s##_open_one(void) { return s##__open(); }				\
static int s##_load_one(void *p) { return s##__load(p); }			\
static void s##_destroy_one(void *p) { s##__destroy(p); }			\
static struct bpf_object *s##_obj(void *p)					\
{										\
	typeof(s##__open()) skel = p;						\
										\
	return skel->obj;							\
}

FAULT_SKEL(bpf_lift_stack)
FAULT_SKEL(bpf_lift_loops)
FAULT_SKEL(bpf_lift_callx)
FAULT_SKEL(bpf_lift_kstack)

#define FAULT_CASE(s, prog, ret, jit) \
	{ #prog, s##_open_one, s##_load_one, s##_destroy_one, s##_obj, ret, jit }

/*
 * One program of each lifted limit, with the value it returns and whether it
 * needs the JIT: a frame over 512 bytes, or a chain of 65 calls that only the
 * JIT keeps within the kernel stack (the interpreter would take 20 KiB).
 */
static const struct fault_case fault_cases[] = {
	FAULT_CASE(bpf_lift_stack, stack_64k, 0x08cc6000, true),
	FAULT_CASE(bpf_lift_loops, loop_global_bound, 1000, false),
	FAULT_CASE(bpf_lift_callx, callx_const_table_all, 75, false),
	FAULT_CASE(bpf_lift_kstack, kstack_loop_8, 8, true),
	FAULT_CASE(bpf_lift_kstack, kstack_call_64, 64, true),
};

static char fault_log[1 << 23];

/* Open @c with only its program to load. */
static void *fault_open(const struct fault_case *c, struct bpf_program **prog)
{
	struct bpf_program *p;
	void *skel = c->open();

	if (!skel)
		return NULL;
	*prog = bpf_object__find_program_by_name(c->obj(skel), c->name);
	if (!*prog) {
		c->destroy(skel);
		return NULL;
	}
	bpf_object__for_each_program(p, c->obj(skel))
		bpf_program__set_autoload(p, p == *prog);
	/* with a log of its own, libbpf does not load again to get one */
	bpf_program__set_log_buf(*prog, fault_log, sizeof(fault_log));
	bpf_program__set_log_level(*prog, 1);
	return skel;
}

static void fault_one(const struct fault_case *c)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int n, err, left, before, failed = 0, jited = 1;
	struct bpf_program *prog;
	__u8 pkt[64] = {};
	void *skel;

	before = prog_count();
	for (n = 1; n < 200000; n += 1 + n / 16) {
		skel = fault_open(c, &prog);
		if (!ASSERT_OK_PTR(skel, "open"))
			return;
		if (!ASSERT_OK(fail_nth_arm(n), "arm fail-nth")) {
			c->destroy(skel);
			return;
		}
		err = c->load(skel);
		left = fail_nth_left();
		fail_nth_arm(0);
		if (!err && c->must_jit)
			jited = prog_jited(prog);
		c->destroy(skel);
		if (!ASSERT_EQ(jited, 1, "a program that needs the JIT is JITed"))
			return;
		if (!ASSERT_EQ(prog_count(), before, "no program left behind"))
			return;
		if (left > 0) {
			/* the load made fewer than n calls: nothing failed */
			ASSERT_OK(err, "load without a fault");
			break;
		}
		if (err)
			failed++;
	}
	printf("%s: %s: %d loads failed cleanly, first clean load at N=%d\n", __func__,
	       c->name, failed, n);
	ASSERT_GT(failed, 0, "faults were injected");

	skel = fault_open(c, &prog);
	if (!ASSERT_OK_PTR(skel, "open"))
		return;
	if (!ASSERT_OK(c->load(skel), "load after the sweep"))
		goto out;
	topts.data_in = pkt;
	topts.data_size_in = sizeof(pkt);
	if (ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(prog), &topts), "run") &&
	    c->retval >= 0)
		ASSERT_EQ(topts.retval, c->retval, "retval");
out:
	c->destroy(skel);
}

void test_bpf_lift_fault(void)
{
	int i;

	if (access(FAIL_NTH, W_OK)) {
		/* CONFIG_FAULT_INJECTION: a skip here would hide a config change */
		ASSERT_OK(-errno, FAIL_NTH);
		return;
	}
	if (!ASSERT_OK(fault_setup("N"), "failslab and fail_page_alloc knobs"))
		return;
	fault_mark("bpf-lift: fault injection on\n");
	for (i = 0; i < ARRAY_SIZE(fault_cases); i++)
		if (test__start_subtest(fault_cases[i].name))
			fault_one(&fault_cases[i]);
	fault_mark("bpf-lift: fault injection off\n");
	fault_setup("Y");
}
