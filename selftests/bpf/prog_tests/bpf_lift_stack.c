// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's big stack frames: the limits, runs nested or preempted, bench. */

#include <test_progs.h>
#include <sched.h>
#include "bpf_lift_helpers.h"
#include "bpf_lift_stack.skel.h"
#include "bpf_lift_stack_nested.skel.h"
#include "bpf_lift_stack_bench.skel.h"

/*
 * Program @name of bpf_lift_stack alone, its log in @log; when it loads,
 * one test run's result goes to @retval and the size of its JITed code to
 * @jited. Returns the load's error.
 */
static int stack_load_one(const char *name, char *log, size_t log_sz, __u32 *retval,
			  __u32 *jited)
{
	struct bpf_prog_info info = {};
	struct bpf_lift_stack *skel;
	struct bpf_program *p, *prog;
	__u32 len = sizeof(info);
	char pkt[64] = {};
	int err;

	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = 1);

	skel = bpf_lift_stack__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return -EINVAL;
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, false);
	prog = bpf_object__find_program_by_name(skel->obj, name);
	if (!ASSERT_OK_PTR(prog, name)) {
		err = -ENOENT;
		goto out;
	}
	bpf_program__set_autoload(prog, true);
	bpf_program__set_log_buf(prog, log, log_sz);
	err = bpf_lift_stack__load(skel);
	if (err)
		goto out;
	err = bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len);
	if (!ASSERT_OK(err, "prog info"))
		goto out;
	*jited = info.jited_prog_len;
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &topts);
	if (!ASSERT_OK(err, "test_run"))
		goto out;
	*retval = topts.retval;
out:
	bpf_lift_stack__destroy(skel);
	return err;
}

/* What the interpreter does with programs of bpf_lift_stack: -1 is a refusal. */
static const struct {
	const char *name;
	int retval;
} stack_interp[] = {
	{ "stack_512", 42 },	/* a frame of 512 bytes, the old limit */
	{ "chain_16", 392 },	/* 16 frames, the old limit */
	{ "stack_520", -1 },	/* a frame of 520 bytes */
	{ "stack_1k", -1 },	/* a 1 KiB buffer in C */
	{ "stack_64k", -1 },	/* a 64 KiB buffer in C */
	{ "chain_17", -1 },	/* 17 frames */
	{ "chain_24", -1 },	/* 24 frames */
};

/* Under the JIT: these run JITed, never on the interpreter as a fallback. */
static const char * const stack_jited[] = { "stack_520", "stack_64k", "stack_chain_big",
					    "chain_32" };

static void stack_interp_one(const char *name, int want)
{
	__u32 retval = 0, jited = 0;
	char log[16384] = {};
	int err;

	err = stack_load_one(name, log, sizeof(log), &retval, &jited);
	if (want >= 0) {
		if (ASSERT_OK(err, "loads without the JIT"))
			ASSERT_EQ(retval, want, "retval");
		else
			fprintf(stderr, "log of %s:\n%s\n", name, log);
		return;
	}
	ASSERT_ERR(err, "refused without the JIT");
	if (!ASSERT_HAS_SUBSTR(log, "needs the JIT", "the interpreter's rule"))
		fprintf(stderr, "log of %s:\n%s\n", name, log);
}

/*
 * Frames of up to 128 KiB and chains of up to 32 frames (bpf_lift_stack.c).
 * Under the JIT every program of the file runs (RUN_TESTS) and the big ones
 * are JITed; under the interpreter the old limits still load and run, and a
 * program past them is refused with "needs the JIT".
 */
void test_bpf_lift_stack(void)
{
	__u32 retval, jited;
	char log[16384], name[64];
	int i, jit;

	jit = read_sysctl_int(JIT_ENABLE);
	if (!ASSERT_GE(jit, 0, "read bpf_jit_enable"))
		return;
	if (jit == 0) {
		for (i = 0; i < ARRAY_SIZE(stack_interp); i++) {
			snprintf(name, sizeof(name), "interp_%s", stack_interp[i].name);
			if (test__start_subtest(name))
				stack_interp_one(stack_interp[i].name, stack_interp[i].retval);
		}
		return;
	}
	RUN_TESTS(bpf_lift_stack);
	for (i = 0; i < ARRAY_SIZE(stack_jited); i++) {
		snprintf(name, sizeof(name), "jited_%s", stack_jited[i]);
		if (!test__start_subtest(name))
			continue;
		log[0] = '\0';
		jited = 0;
		if (!ASSERT_OK(stack_load_one(stack_jited[i], log, sizeof(log), &retval, &jited),
			       "load")) {
			fprintf(stderr, "log of %s:\n%s\n", stack_jited[i], log);
			continue;
		}
		ASSERT_GT(jited, 0, "JITed");
	}
}

/*
 * Open bpf_lift_stack_nested with only @name to load, and load it: under the
 * JIT it must load; without, it must be refused with "needs the JIT" (and
 * there is nothing more to run: NULL either way).
 */
static struct bpf_lift_stack_nested *nested_load(const char *name, struct bpf_program **prog)
{
	struct bpf_lift_stack_nested *skel;
	char log[16384] = {};
	struct bpf_program *p;
	int jit, err;

	jit = read_sysctl_int(JIT_ENABLE);
	if (!ASSERT_GE(jit, 0, "read bpf_jit_enable"))
		return NULL;
	skel = bpf_lift_stack_nested__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return NULL;
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), name));
	*prog = bpf_object__find_program_by_name(skel->obj, name);
	bpf_program__set_log_buf(*prog, log, sizeof(log));
	err = bpf_lift_stack_nested__load(skel);
	if (jit == 0) {
		ASSERT_ERR(err, "refused without the JIT");
		if (!ASSERT_HAS_SUBSTR(log, "needs the JIT", "the interpreter's rule"))
			fprintf(stderr, "log:\n%s\n", log);
	} else {
		if (ASSERT_OK(err, "load"))
			return skel;
		fprintf(stderr, "log:\n%s\n", log);
	}
	bpf_lift_stack_nested__destroy(skel);
	return NULL;
}

/*
 * A 4 KiB frame entered again on the same CPU (bpf_lift_stack_nested.c): the
 * test run is the outer run, the bpf_trace_printk tracepoint that its
 * bpf_printk() fires the inner one. The inner run is refused before the
 * body: one entry, the outer run's buffer intact, one recursion miss (or
 * more, if something else on this CPU printed inside the run). Without the
 * JIT the program does not load.
 */
void test_bpf_lift_stack_nested(void)
{
	struct bpf_lift_stack_nested *skel;
	struct bpf_link *link = NULL;
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), expect = 0, i;
	__u64 args[1] = {};
	struct bpf_program *prog;
	int err, fd;
	__u8 b;

	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = args, .ctx_size_in = sizeof(args));

	skel = nested_load("stack_nested", &prog);
	if (!skel)
		return;
	skel->bss->target_pid = getpid();
	link = bpf_program__attach(prog);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto out;
	fd = bpf_program__fd(prog);
	err = bpf_prog_test_run_opts(fd, &topts);
	bpf_link__destroy(link);
	link = NULL;
	if (!ASSERT_OK(err, "test_run"))
		goto out;

	/* the outer run's pattern: buf[i] = i + i / 256 + seed, hashed */
	for (i = 0; i < 4096; i++) {
		b = i + (i >> 8) + skel->data->seed;
		expect = expect * 31 + b;
	}
	ASSERT_EQ(skel->bss->entries, 1, "the inner run did not enter the body");
	ASSERT_EQ(skel->bss->result, expect, "the outer run's buffer is intact");
	if (!ASSERT_OK(bpf_prog_get_info_by_fd(fd, &info, &len), "prog info"))
		goto out;
	ASSERT_GE(info.recursion_misses, 1, "the inner run is a recursion miss");
out:
	bpf_link__destroy(link);
	bpf_lift_stack_nested__destroy(skel);
}

/*
 * A benchmark: it prints figures and fails only if a program gives the wrong
 * result, or loads where it must not. The same work (fill and hash 126
 * words) with a 504-byte frame on the kernel stack and with a 520-byte one
 * on the private stack: the best of 3 rounds of 500,000 runs each (the VM's
 * clock may tick in jiffies: a round takes a few hundred ms). Without the
 * JIT the second is refused.
 */
void test_bpf_lift_stack_bench(void)
{
	static const char * const names[] = { "stack_bench_kernel", "stack_bench_private" };
	struct bpf_lift_stack_bench *skel;
	char log[16384] = {};
	__u32 best[2];
	int i, jit;

	jit = read_sysctl_int(JIT_ENABLE);
	if (!ASSERT_GE(jit, 0, "read bpf_jit_enable"))
		return;
	skel = bpf_lift_stack_bench__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return;
	if (jit == 0) {
		bpf_program__set_autoload(skel->progs.stack_bench_kernel, false);
		bpf_program__set_log_buf(skel->progs.stack_bench_private, log, sizeof(log));
		ASSERT_ERR(bpf_lift_stack_bench__load(skel), "refused without the JIT");
		ASSERT_HAS_SUBSTR(log, "needs the JIT", "the interpreter's rule");
		goto out;
	}
	if (!ASSERT_OK(bpf_lift_stack_bench__load(skel), "load"))
		goto out;
	if (bench_best_of_3(skel->obj, names, 500000, 0x78430c5d, best))
		goto out;
	for (i = 0; i < 2; i++)
		printf("%s: %s: %u ns per run (%.3fx of the kernel stack's)\n", __func__,
		       names[i], best[i], best[0] ? (double)best[i] / best[0] : 0.0);
out:
	bpf_lift_stack_bench__destroy(skel);
}

/* the expected low half of a stack_nested_preempt() result for pattern k */
static __u32 preempt_hash(__u32 k, __u32 seed)
{
	__u32 i, h = 0;

	for (i = 0; i < 4096; i++)
		h = h * 31 + (i * k + seed);
	return h & 0xffff;
}

struct preempt_run {
	int fd, cpu;
	__u32 seed;
	int runs, refused, wrong, errors;
};

static void *preempt_thread(void *arg)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	struct preempt_run *r = arg;
	cpu_set_t set;
	__u32 v;

	CPU_ZERO(&set);
	CPU_SET(r->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set)) {
		r->errors++;
		return NULL;
	}
	for (; r->runs < 400; r->runs++) {
		if (bpf_prog_test_run_opts(r->fd, &topts)) {
			r->errors++;
			continue;
		}
		v = topts.retval;
		/* a syscall program fails closed with -EPERM */
		if (v == (__u32)-EPERM)
			r->refused++;
		else if ((v & 0xffff) != preempt_hash(v >> 16, r->seed))
			r->wrong++;
	}
	return NULL;
}

/*
 * Two threads on one CPU run one program with a 16 KiB frame, preemptible:
 * a run that starts while the other thread's run is preempted on that CPU
 * is refused (-EPERM, what a syscall program fails closed with) and counted
 * in recursion_misses; no run returns a hash its pattern does not give (a
 * run whose private stack the other overwrote).
 * See progs/bpf_lift_stack_nested.c.
 */
void test_bpf_lift_stack_nested_preempt(void)
{
	struct preempt_run runs[2] = {};
	struct bpf_lift_stack_nested *skel;
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct bpf_program *prog;
	pthread_t th[2];
	int i;

	skel = nested_load("stack_nested_preempt", &prog);
	if (!skel)
		return;
	for (i = 0; i < 2; i++) {
		runs[i].fd = bpf_program__fd(prog);
		runs[i].seed = skel->data->seed;
		if (!ASSERT_OK(pthread_create(&th[i], NULL, preempt_thread, &runs[i]), "thread"))
			goto out;
	}
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(runs[i].errors, 0, "test runs");
		ASSERT_EQ(runs[i].wrong, 0, "no run saw another run's stack");
	}
	printf("%s: %d runs refused of %d\n", __func__, runs[0].refused + runs[1].refused,
	       runs[0].runs + runs[1].runs);
	ASSERT_GT(runs[0].refused + runs[1].refused, 0, "nested runs happened and were refused");
	if (!ASSERT_OK(bpf_prog_get_info_by_fd(runs[0].fd, &info, &len), "prog info"))
		goto out;
	ASSERT_EQ(info.recursion_misses, runs[0].refused + runs[1].refused,
		  "each refused run is a recursion miss");
out:
	bpf_lift_stack_nested__destroy(skel);
}
