// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's own checks of the pipeline: the module and a plain program. */

#include <test_progs.h>
#include <bpf/btf.h>
#include <linux/filter.h>
#include <sched.h>
#include "cap_helpers.h"
#include "testing_helpers.h"
#include "unpriv_helpers.h"
#include "bpf_lift_module.skel.h"
#include "bpf_lift_pipeline.skel.h"
#include "bpf_lift_diag.skel.h"
#include "bpf_lift_loops.skel.h"
#include "bpf_lift_loop_bench.skel.h"
#include "bpf_lift_insn_limit.skel.h"
#include "bpf_lift_far_jumps.skel.h"
#include "bpf_lift_callx.skel.h"
#include "bpf_lift_callx_bench.skel.h"
#include "bpf_lift_stack.skel.h"
#include "bpf_lift_stack_nested.skel.h"
#include "bpf_lift_stack_bench.skel.h"

/* Must match BPF_LIFT_VERSION in the module (kernel/main.c). */
#define BPF_LIFT_VERSION 1

/*
 * The module loads, its BTF is visible in sysfs and names its kfunc, a
 * program calling the kfunc loads and returns the module's version, and the
 * module unloads once the program is gone.
 */
void test_bpf_lift_module(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	struct bpf_lift_module *skel = NULL;
	struct btf *vmlinux = NULL, *btf = NULL;
	bool verbose = env.verbosity > VERBOSE_NONE;
	int err;

	if (!ASSERT_OK(load_module("bpf_lift.ko", verbose), "load bpf_lift.ko"))
		return;
	if (!ASSERT_OK(access("/sys/kernel/btf/bpf_lift", R_OK), "module BTF in sysfs"))
		goto out;
	vmlinux = btf__load_vmlinux_btf();
	if (!ASSERT_OK_PTR(vmlinux, "vmlinux BTF"))
		goto out;
	btf = btf__load_module_btf("bpf_lift", vmlinux);
	if (!ASSERT_OK_PTR(btf, "module BTF"))
		goto out;
	ASSERT_GT(btf__find_by_name_kind(btf, "bpf_lift_version", BTF_KIND_FUNC), 0,
		  "bpf_lift_version in module BTF");

	skel = bpf_lift_module__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		goto out;
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.module_version), &topts);
	ASSERT_OK(err, "test_run");
	ASSERT_EQ(topts.retval, BPF_LIFT_VERSION, "bpf_lift_version()");
out:
	bpf_lift_module__destroy(skel);
	btf__free(btf);
	btf__free(vmlinux);
	ASSERT_OK(unload_module("bpf_lift", verbose), "unload bpf_lift");
}

void test_bpf_lift_pipeline(void)
{
	RUN_TESTS(bpf_lift_pipeline);
}

void test_bpf_lift_loops(void)
{
	RUN_TESTS(bpf_lift_loops);
}

void test_bpf_lift_callx(void)
{
	RUN_TESTS(bpf_lift_callx);
}

/* ns per run of @prog over @repeat runs, and its result */
static int callx_bench_run(struct bpf_program *prog, int repeat, __u32 *ns, __u32 *retval)
{
	char pkt[64] = {};
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = repeat);

	if (!ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(prog), &topts), "test_run"))
		return -1;
	*ns = topts.duration;
	*retval = topts.retval;
	return 0;
}

static __u32 callx_verified(struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (!ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len), "info"))
		return 0;
	return info.verified_insns;
}

/*
 * A benchmark: it prints figures and fails only if a program gives the wrong
 * result. 1,000 calls per run, direct and through callx; then the insns
 * verified for one call through a const table of 1 to 16 functions.
 */
void test_bpf_lift_callx_bench(void)
{
	static const char * const names[] = { "call_direct", "callx_known", "callx_table",
					       "callx_global" };
	static const char * const tables[] = { "table_1", "table_2", "table_4", "table_8",
						"table_16" };
	struct bpf_lift_callx_bench *skel;
	__u32 ns[4], retval, verified;
	int i;

	skel = bpf_lift_callx_bench__open_and_load();
	if (!ASSERT_OK_PTR(skel, "open_and_load"))
		return;
	for (i = 0; i < 4; i++) {
		struct bpf_program *prog = bpf_object__find_program_by_name(skel->obj, names[i]);

		if (callx_bench_run(prog, 2000, &ns[i], &retval))
			goto out;
		ASSERT_EQ(retval, 500500, names[i]);
		printf("%s: %s: %u ns per run (%.3fx of the direct calls)\n", __func__,
		       names[i], ns[i], ns[0] ? (double)ns[i] / ns[0] : 0.0);
	}
	for (i = 0; i < 5; i++) {
		struct bpf_program *prog = bpf_object__find_program_by_name(skel->obj, tables[i]);

		verified = callx_verified(prog);
		if (callx_bench_run(prog, 1, &ns[0], &retval))
			goto out;
		ASSERT_EQ(retval, 7, tables[i]);
		printf("%s: %s: %u insns verified\n", __func__, tables[i], verified);
	}
out:
	bpf_lift_callx_bench__destroy(skel);
}

void test_bpf_lift_far_jumps(void)
{
	RUN_TESTS(bpf_lift_far_jumps);
}

static int read_sysctl_int(const char *path)
{
	char buf[32] = {};
	int fd, n;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -EIO;
}

#define JIT_HARDEN "/proc/sys/net/core/bpf_jit_harden"

/*
 * The far-jump programs with constant blinding (bpf_jit_harden=2): blinding
 * makes the two insns of the filler with an immediate three insns each, which
 * pushes every long jump out of range again. Each program still returns what it did (RUN_TESTS), and
 * under the JIT each is JITed: blinding did not fail and leave it to the
 * interpreter.
 */
void test_bpf_lift_far_jumps_blinded(void)
{
	struct bpf_lift_far_jumps *skel;
	struct bpf_program *prog;
	int old, jit;
	char val[16];

	old = read_sysctl_int(JIT_HARDEN);
	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	if (!ASSERT_GE(old, 0, "read bpf_jit_harden") ||
	    !ASSERT_OK(write_sysctl(JIT_HARDEN, "2"), "bpf_jit_harden=2"))
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
	snprintf(val, sizeof(val), "%d", old);
	write_sysctl(JIT_HARDEN, val);
}

/*
 * The callx programs with constant blinding (bpf_jit_harden=2): a compare
 * of a function pointer with a tag that blinding split would call the wrong
 * function, and the retvals would differ.
 */
void test_bpf_lift_callx_blinded(void)
{
	char val[16];
	int old;

	old = read_sysctl_int(JIT_HARDEN);
	if (!ASSERT_GE(old, 0, "read bpf_jit_harden") ||
	    !ASSERT_OK(write_sysctl(JIT_HARDEN, "2"), "bpf_jit_harden=2"))
		return;
	RUN_TESTS(bpf_lift_callx);
	snprintf(val, sizeof(val), "%d", old);
	write_sysctl(JIT_HARDEN, val);
}

/*
 * A callx target that makes a tail call under a 264-byte caller stack is
 * rejected as a direct callee would be: by the JIT's limit on the stack
 * below a tail call, and by the interpreter, which does not mix tail calls
 * and function calls.
 */
/* the bench object with only @name to load, its log in @log */
static struct bpf_lift_callx_bench *callx_bench_one(const char *name, struct bpf_program **prog,
						     char *log, size_t log_sz)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *p;

	skel = bpf_lift_callx_bench__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return NULL;
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, false);
	*prog = bpf_object__find_program_by_name(skel->obj, name);
	if (!ASSERT_OK_PTR(*prog, name)) {
		bpf_lift_callx_bench__destroy(skel);
		return NULL;
	}
	bpf_program__set_autoload(*prog, true);
	bpf_program__set_log_buf(*prog, log, log_sz);
	return skel;
}

void test_bpf_lift_callx_tail_call(void)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *prog;
	char log[16384] = {};
	int jit;

	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	skel = callx_bench_one("callx_tail_call_stack", &prog, log, sizeof(log));
	if (!skel)
		return;
	ASSERT_ERR(bpf_lift_callx_bench__load(skel), "rejected");
	ASSERT_HAS_SUBSTR(log, jit > 0 ?
			  "tail_calls are not allowed when call stack of previous frames is" :
			  "mixing of tail_calls and bpf-to-bpf calls is not supported",
			  "the tail call's rule");
	bpf_lift_callx_bench__destroy(skel);
}

/*
 * A bpf_loop() callback is no target of a callx, whose arguments it would
 * not fit: the program loads and runs under the JIT (bpf_loop() sums 0..3,
 * g_fn is h1: 6 + 6). The interpreter takes no callbacks (mainline's rule).
 */
void test_bpf_lift_callx_callback(void)
{
	struct bpf_lift_callx_bench *skel;
	struct bpf_program *prog;
	char log[16384] = {};
	__u32 ns, retval;
	int jit, err;

	jit = read_sysctl_int("/proc/sys/net/core/bpf_jit_enable");
	skel = callx_bench_one("callx_with_callback", &prog, log, sizeof(log));
	if (!skel)
		return;
	err = bpf_lift_callx_bench__load(skel);
	if (jit > 0) {
		if (ASSERT_OK(err, "loaded") && !callx_bench_run(prog, 1, &ns, &retval))
			ASSERT_EQ(retval, 12, "retval");
	} else {
		ASSERT_ERR(err, "rejected");
		ASSERT_HAS_SUBSTR(log, "callbacks are not allowed in non-JITed programs",
				  "the interpreter's rule");
	}
	bpf_lift_callx_bench__destroy(skel);
}

#define JIT_ENABLE "/proc/sys/net/core/bpf_jit_enable"

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
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = 1);
	int err;

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
	} else if (ASSERT_OK(err, "load")) {
		return skel;
	} else {
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
	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = args, .ctx_size_in = sizeof(args));
	struct bpf_program *prog;
	int err, fd;
	__u8 b;

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
	__u32 best[2] = { UINT_MAX, UINT_MAX }, ns, retval;
	struct bpf_program *prog;
	char log[16384] = {};
	int i, round, jit;

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
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 2; i++) {
			prog = bpf_object__find_program_by_name(skel->obj, names[i]);
			if (callx_bench_run(prog, 500000, &ns, &retval))
				goto out;
			ASSERT_EQ(retval, 0x78430c5d, names[i]);
			if (ns < best[i])
				best[i] = ns;
		}
	}
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
	struct preempt_run *r = arg;
	LIBBPF_OPTS(bpf_test_run_opts, topts);
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
		if (!v)
			r->refused++;
		else if ((v & 0xffff) != preempt_hash(v >> 16, r->seed))
			r->wrong++;
	}
	return NULL;
}

/*
 * Two threads on one CPU run one program with a 16 KiB frame, preemptible:
 * a run that starts while the other thread's run is preempted on that CPU
 * is refused (0) and counted in recursion_misses; no run returns a hash its
 * pattern does not give (a run whose private stack the other overwrote).
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

/* Like write_sysctl(), for a write that is expected to fail: -errno. */
static int try_write_sysctl(const char *path, const char *val)
{
	int fd, err = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		err = -errno;
	close(fd);
	return err;
}

static int set_loop_widening(int on)
{
	return write_sysctl("/proc/sys/kernel/bpf_loop_widening", on ? "1" : "0");
}

#define INSN_LIMIT "/proc/sys/kernel/bpf_complexity_limit_insns"

/*
 * kernel.bpf_complexity_limit_insns: 8,000,000 by default, never below
 * 1,000,000, and the verifier uses the value set, while unprivileged programs
 * keep 1,000,000. (A program that needs more than 1,000,000 insns takes
 * minutes to verify under TCG: it is not loaded here.)
 */
void test_bpf_lift_insn_limit(void)
{
	char old[32] = {};
	int fd, n;

	fd = open(INSN_LIMIT, O_RDONLY);
	if (!ASSERT_GE(fd, 0, "open " INSN_LIMIT))
		return;
	n = read(fd, old, sizeof(old) - 1);
	close(fd);
	if (!ASSERT_GT(n, 0, "read the limit"))
		return;
	ASSERT_EQ(atoi(old), 8000000, "the default limit");
	ASSERT_EQ(try_write_sysctl(INSN_LIMIT, "999999"), -EINVAL, "no limit below 1,000,000");
	if (!ASSERT_OK(write_sysctl(INSN_LIMIT, "2000000"), "set the limit"))
		return;
	RUN_TESTS(bpf_lift_insn_limit);
	ASSERT_OK(write_sysctl(INSN_LIMIT, old), "restore the limit");
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
	LIBBPF_OPTS(bpf_test_run_opts, topts, .repeat = 5000,
		    .data_in = pkt, .data_size_in = sizeof(pkt));
	struct bpf_prog_info info = {
		.xlated_prog_len = BENCH_MAX_INSNS * sizeof(*insns),
		.xlated_prog_insns = ptr_to_u64(insns),
	};
	__u32 len = sizeof(info);
	int fd, err = -1;

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
	     !memcmp(&insns[1][xlated[1] - 1 - suf], &insns[0][xlated[0] - 1 - suf], sizeof(**insns));
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

/* Every program of bpf_lift_diag.c: its code's block ends the log. */
void test_bpf_lift_diag(void)
{
	RUN_TESTS(bpf_lift_diag);
}

/*
 * A small JSON validator for the log of BPF_LOG_JSON: recursive descent
 * over RFC 8259 values. The members of the outermost object are kept, so
 * that the test can look at their values.
 */
#define JSON_MAX_DEPTH 16
#define JSON_MAX_MEMBERS 32

struct json_member {
	char key[32];
	const char *val;	/* the value's text, not decoded */
	const char *val_end;
};

struct json_obj {
	struct json_member m[JSON_MAX_MEMBERS];
	int cnt;
};

struct json_parser {
	const char *p;
	const char *end;
	int depth;
	struct json_obj *top;	/* members of the outermost object */
};

static bool json_value(struct json_parser *jp);

static void json_ws(struct json_parser *jp)
{
	while (jp->p < jp->end &&
	       (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
		jp->p++;
}

static int json_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A string at jp->p; decoded into @out when @out is not NULL (code points
 * above 0x7f become '?', the text is cut at @out_sz - 1 bytes).
 */
static bool json_string(struct json_parser *jp, char *out, size_t out_sz)
{
	size_t n = 0;
	int i, cp;
	char c;

	if (jp->p >= jp->end || *jp->p != '"')
		return false;
	jp->p++;
	while (jp->p < jp->end) {
		c = *jp->p++;
		if (c == '"') {
			if (out)
				out[n] = '\0';
			return true;
		}
		if ((unsigned char)c < 0x20)
			return false;	/* control characters must be escaped */
		if (c == '\\') {
			if (jp->p >= jp->end)
				return false;
			c = *jp->p++;
			switch (c) {
			case '"': case '\\': case '/':
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'u':
				if (jp->end - jp->p < 4)
					return false;
				for (cp = 0, i = 0; i < 4; i++) {
					if (json_hex(jp->p[i]) < 0)
						return false;
					cp = cp * 16 + json_hex(jp->p[i]);
				}
				jp->p += 4;
				c = cp < 0x80 ? cp : '?';
				break;
			default:
				return false;
			}
		}
		if (out && n + 1 < out_sz)
			out[n++] = c;
	}
	return false;	/* no closing quote */
}

static bool json_digits(struct json_parser *jp)
{
	const char *start = jp->p;

	while (jp->p < jp->end && *jp->p >= '0' && *jp->p <= '9')
		jp->p++;
	return jp->p > start;
}

static bool json_number(struct json_parser *jp)
{
	if (jp->p < jp->end && *jp->p == '-')
		jp->p++;
	if (jp->p < jp->end && *jp->p == '0')
		jp->p++;	/* no leading zeros */
	else if (!json_digits(jp))
		return false;
	if (jp->p < jp->end && *jp->p == '.') {
		jp->p++;
		if (!json_digits(jp))
			return false;
	}
	if (jp->p < jp->end && (*jp->p == 'e' || *jp->p == 'E')) {
		jp->p++;
		if (jp->p < jp->end && (*jp->p == '+' || *jp->p == '-'))
			jp->p++;
		if (!json_digits(jp))
			return false;
	}
	return true;
}

static bool json_literal(struct json_parser *jp, const char *lit)
{
	size_t len = strlen(lit);

	if ((size_t)(jp->end - jp->p) < len || strncmp(jp->p, lit, len))
		return false;
	jp->p += len;
	return true;
}

static bool json_array(struct json_parser *jp)
{
	jp->p++;	/* [ */
	json_ws(jp);
	if (jp->p < jp->end && *jp->p == ']') {
		jp->p++;
		return true;
	}
	for (;;) {
		if (!json_value(jp))
			return false;
		json_ws(jp);
		if (jp->p >= jp->end)
			return false;
		if (*jp->p == ']') {
			jp->p++;
			return true;
		}
		if (*jp->p++ != ',')
			return false;
	}
}

static bool json_object(struct json_parser *jp)
{
	bool outermost = jp->depth == 1 && jp->top;
	struct json_member *m;
	char key[32];

	jp->p++;	/* { */
	json_ws(jp);
	if (jp->p < jp->end && *jp->p == '}') {
		jp->p++;
		return true;
	}
	for (;;) {
		json_ws(jp);
		if (!json_string(jp, key, sizeof(key)))
			return false;
		json_ws(jp);
		if (jp->p >= jp->end || *jp->p++ != ':')
			return false;
		json_ws(jp);
		m = NULL;
		if (outermost && jp->top->cnt < JSON_MAX_MEMBERS) {
			m = &jp->top->m[jp->top->cnt++];
			snprintf(m->key, sizeof(m->key), "%s", key);
			m->val = jp->p;
		}
		if (!json_value(jp))
			return false;
		if (m)
			m->val_end = jp->p;
		json_ws(jp);
		if (jp->p >= jp->end)
			return false;
		if (*jp->p == '}') {
			jp->p++;
			return true;
		}
		if (*jp->p++ != ',')
			return false;
	}
}

static bool json_value(struct json_parser *jp)
{
	bool ok;

	json_ws(jp);
	if (jp->p >= jp->end || jp->depth >= JSON_MAX_DEPTH)
		return false;
	switch (*jp->p) {
	case '{':
		jp->depth++;
		ok = json_object(jp);
		jp->depth--;
		return ok;
	case '[':
		jp->depth++;
		ok = json_array(jp);
		jp->depth--;
		return ok;
	case '"':
		return json_string(jp, NULL, 0);
	case 't':
		return json_literal(jp, "true");
	case 'f':
		return json_literal(jp, "false");
	case 'n':
		return json_literal(jp, "null");
	default:
		return json_number(jp);
	}
}

/* Is [s, end) one JSON object and nothing else? Its members go to @obj. */
static bool json_parse_object(const char *s, const char *end, struct json_obj *obj)
{
	struct json_parser jp = { .p = s, .end = end, .top = obj };

	memset(obj, 0, sizeof(*obj));
	json_ws(&jp);
	if (jp.p >= jp.end || *jp.p != '{')
		return false;
	if (!json_value(&jp))
		return false;
	json_ws(&jp);
	return jp.p == jp.end;
}

static const struct json_member *json_get(const struct json_obj *obj, const char *key)
{
	int i;

	for (i = 0; i < obj->cnt; i++)
		if (!strcmp(obj->m[i].key, key))
			return &obj->m[i];
	return NULL;
}

/* The member's string value, decoded into @out; false if not a string. */
static bool json_get_str(const struct json_obj *obj, const char *key, char *out, size_t out_sz)
{
	const struct json_member *m = json_get(obj, key);
	struct json_parser jp;

	if (!m)
		return false;
	jp = (struct json_parser){ .p = m->val, .end = m->val_end };
	return json_string(&jp, out, out_sz) && jp.p == m->val_end;
}

/* The member's integer value; false if not an integer. */
static bool json_get_int(const struct json_obj *obj, const char *key, long long *val)
{
	const struct json_member *m = json_get(obj, key);
	char buf[24], *end;
	size_t len;

	if (!m)
		return false;
	len = m->val_end - m->val;
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, m->val, len);
	buf[len] = '\0';
	errno = 0;
	*val = strtoll(buf, &end, 10);
	return !errno && *end == '\0';
}

/*
 * Checks that every line of @log is one JSON object; the last one goes to
 * @last. Returns the number of objects, or -1 (after a failed assertion).
 */
static int json_check_lines(const char *log, struct json_obj *last)
{
	const char *line = log, *nl;
	struct json_obj obj;
	int cnt = 0;

	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		if (nl > line) {
			if (!ASSERT_TRUE(json_parse_object(line, nl, &obj), "log line is a JSON object")) {
				fprintf(stderr, "line %d: %.*s\n", cnt + 1, (int)(nl - line), line);
				return -1;
			}
			*last = obj;
			cnt++;
		}
		line = *nl ? nl + 1 : nl;
	}
	return cnt;
}

/* The validator itself, on what a broken log could hold. */
static void test_json_validator(void)
{
	static const char *const good[] = {
		"{}",
		"{\"a\":1}",
		" {\"a\" : [1, -2.5e+3, 0, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"] } ",
		"{\"a\":{\"b\":[{},[]]},\"c\":\"\"}",
	};
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":01}",
		"{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
		"{\"a\":\"x}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":[1,]}", "{\"a\":\"\t\"}",
		"{\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}",
	};
	struct json_obj obj;
	char str[8];
	long long v;
	int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (!ASSERT_TRUE(json_parse_object(good[i], good[i] + strlen(good[i]), &obj), good[i]))
			return;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (!ASSERT_FALSE(json_parse_object(bad[i], bad[i] + strlen(bad[i]), &obj), bad[i]))
			return;
	json_parse_object(good[3], good[3] + strlen(good[3]), &obj);
	ASSERT_EQ(obj.cnt, 2, "outermost members only");
	ASSERT_TRUE(json_get_str(&obj, "c", str, sizeof(str)) && !str[0], "empty string");
	ASSERT_FALSE(json_get_int(&obj, "a", &v), "object is no integer");
}

/* Does every "reg" of the registers array name one of R0..R10? */
static bool json_regs_valid(const struct json_member *regs)
{
	const char *key = "\"reg\":\"R", *p = regs->val;
	size_t len = regs->val_end - regs->val;
	char *end;
	long r;

	if (!len || *p != '[')
		return false;
	while ((p = memmem(p, regs->val_end - p, key, strlen(key)))) {
		p += strlen(key);
		r = strtol(p, &end, 10);
		if (end == p || *end != '"' || r < 0 || r > 10)
			return false;
	}
	return true;
}

/* Rejected only when unprivileged: loaded without CAP_BPF and friends. */
static const int diag_unpriv_codes[] = { 12, 16, 18, 21, 23, 24, 31 };

#define DIAG_CAPS (1ULL << CAP_SYS_ADMIN | 1ULL << CAP_NET_ADMIN | \
		   1ULL << CAP_PERFMON | 1ULL << CAP_BPF)

/*
 * Loads program @name of bpf_lift_diag alone, at @log_level into @log.
 * The maps and the BTF are created with privileges; the program itself is
 * loaded without them when @unpriv. Returns the load's error.
 */
static int diag_load(const char *name, bool unpriv, __u32 log_level, char *log, size_t log_sz)
{
	struct bpf_program *prog, *target = NULL;
	struct bpf_lift_diag *skel;
	__u64 old_caps = 0;
	int err;

	skel = bpf_lift_diag__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return -EINVAL;
	bpf_object__for_each_program(prog, skel->obj) {
		bool me = !strcmp(bpf_program__name(prog), name);

		bpf_program__set_autoload(prog, me);
		if (me)
			target = prog;
	}
	if (!ASSERT_OK_PTR(target, name)) {
		err = -ENOENT;
		goto out;
	}
	bpf_program__set_log_level(target, log_level);
	bpf_program__set_log_buf(target, log, log_sz);
	err = bpf_object__prepare(skel->obj);
	if (!ASSERT_OK(err, "prepare"))
		goto out;
	if (unpriv) {
		err = cap_disable_effective(DIAG_CAPS, &old_caps);
		if (!ASSERT_OK(err, "drop caps"))
			goto out;
	}
	err = bpf_lift_diag__load(skel);
	if (unpriv)
		ASSERT_OK(cap_enable_effective(old_caps, NULL), "restore caps");
out:
	bpf_lift_diag__destroy(skel);
	return err;
}

/* vNNNN_some_slug: returns NNNN and puts "some-slug" into @slug. */
static int diag_name_code(const char *name, char *slug, size_t slug_sz)
{
	int code, n = 0;
	size_t i;

	if (sscanf(name, "v%4d_%n", &code, &n) != 1 || n != 6)
		return -1;
	snprintf(slug, slug_sz, "%s", name + n);
	for (i = 0; slug[i]; i++)
		if (slug[i] == '_')
			slug[i] = '-';
	return code;
}

static void diag_json_one(const char *name, char *log, size_t log_sz)
{
	char want_code[8], code[8], slug[64], want_slug[64], str[256];
	bool unpriv = false;
	struct json_obj obj;
	long long v;
	int i, num, err, cnt;

	num = diag_name_code(name, want_slug, sizeof(want_slug));
	if (!ASSERT_GT(num, 0, "program name is vNNNN_slug"))
		return;
	snprintf(want_code, sizeof(want_code), "V%04d", num);
	for (i = 0; i < ARRAY_SIZE(diag_unpriv_codes); i++)
		unpriv |= diag_unpriv_codes[i] == num;
	if (unpriv && get_unpriv_disabled()) {
		test__skip();
		return;
	}

	log[0] = '\0';
	err = diag_load(name, unpriv, BPF_LOG_JSON, log, log_sz);
	if (!ASSERT_LT(err, 0, "load fails"))
		return;
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "JSON LOG of %s:\n%s", name, log);
	cnt = json_check_lines(log, &obj);
	if (cnt < 0 || !ASSERT_GT(cnt, 0, "log holds a JSON object"))
		goto dump;

	/* The last object is the rejection. */
	if (!ASSERT_TRUE(json_get_str(&obj, "code", code, sizeof(code)), "code") ||
	    !ASSERT_STREQ(code, want_code, "code"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "severity", str, sizeof(str)), "severity") ||
	    !ASSERT_STREQ(str, "error", "severity"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "slug", slug, sizeof(slug)), "slug") ||
	    !ASSERT_STREQ(slug, want_slug, "slug"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "message", str, sizeof(str)), "message") ||
	    !ASSERT_NEQ(str[0], 0, "message"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "title", str, sizeof(str)), "title") ||
	    !ASSERT_NEQ(str[0], 0, "title"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "help", str, sizeof(str)), "help") ||
	    !ASSERT_NEQ(str[0], 0, "help"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "insn", &v), "insn") ||
	    !ASSERT_GE(v, 0, "insn"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "errno", &v), "errno") ||
	    !ASSERT_EQ(v, -err, "errno is the load's"))
		goto dump;
	if (!ASSERT_OK_PTR(json_get(&obj, "registers"), "registers") ||
	    !ASSERT_OK_PTR(json_get(&obj, "history"), "history") ||
	    !ASSERT_TRUE(json_regs_valid(json_get(&obj, "registers")), "registers are r0..r10"))
		goto dump;
	/*
	 * V0023 is found before the line info is loaded: it has an insn and no
	 * file. All the others are in this file and loaded with its BTF.
	 */
	if (num == 23) {
		if (!ASSERT_NULL(json_get(&obj, "file"), "no file before line info"))
			goto dump;
		return;
	}
	if (!ASSERT_TRUE(json_get_str(&obj, "file", str, sizeof(str)), "file") ||
	    !ASSERT_STREQ(str, "bpf_lift_diag.c", "file"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "line", &v), "line") ||
	    !ASSERT_GT(v, 0, "line"))
		goto dump;
	return;
dump:
	fprintf(stderr, "log of %s:\n%s\n", name, log);
}

/*
 * A log buffer too small for the object: the load still fails (with the
 * verdict or with -ENOSPC), the buffer stays a C string.
 */
static void diag_json_small_log(void)
{
	char log[64];
	int err;

	memset(log, 'x', sizeof(log));
	err = diag_load("v0006_uninit_reg", false, BPF_LOG_JSON, log, sizeof(log));
	if (!ASSERT_LT(err, 0, "load fails"))
		return;
	if (!ASSERT_TRUE(err == -EACCES || err == -EINVAL || err == -ENOSPC, "errno"))
		fprintf(stderr, "load returned %d\n", err);
	ASSERT_LT(strnlen(log, sizeof(log)), sizeof(log), "log is NUL-terminated");
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stderr, "err %d, log: '%s'\n", err, log);
}

/*
 * The log of BPF_LOG_JSON, for every program of bpf_lift_diag.c: one JSON
 * object per line, the last one the program's rejection with its code,
 * location and help.
 */
void test_bpf_lift_diag_json(void)
{
	const size_t log_sz = 1 << 16;
	struct bpf_lift_diag *skel;
	struct bpf_program *prog;
	char *names[64];
	int i, cnt = 0;
	char *log;

	if (test__start_subtest("validator"))
		test_json_validator();

	log = malloc(log_sz);
	skel = bpf_lift_diag__open();
	if (!ASSERT_OK_PTR(log, "malloc") || !ASSERT_OK_PTR(skel, "open"))
		goto out;
	bpf_object__for_each_program(prog, skel->obj)
		if (cnt < ARRAY_SIZE(names))
			names[cnt++] = strdup(bpf_program__name(prog));
	bpf_lift_diag__destroy(skel);
	ASSERT_EQ(cnt, 31, "one program per code");

	for (i = 0; i < cnt; i++)
		if (names[i] && test__start_subtest(names[i]))
			diag_json_one(names[i], log, log_sz);
	if (test__start_subtest("small_log"))
		diag_json_small_log();
out:
	for (i = 0; i < cnt; i++)
		free(names[i]);
	free(log);
}

/*
 * A program loaded without BTF: the location is the instruction, in the
 * text and in JSON.
 */
void test_bpf_lift_diag_no_btf(void)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_0, BPF_REG_2),
		BPF_EXIT_INSN(),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct json_obj obj;
	char log[8192], str[64];
	long long v;
	int fd, err;

	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = 1;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, ARRAY_SIZE(insns), &opts);
	err = -errno;
	if (!ASSERT_LT(fd, 0, "load fails")) {
		close(fd);
		return;
	}
	ASSERT_EQ(err, -EACCES, "errno");
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "TEXT LOG:\n%s", log);
	ASSERT_HAS_SUBSTR(log, "R2 !read_ok", "classic message");
	ASSERT_HAS_SUBSTR(log, "error[V0006]: read of a register that was never written", "headline");
	ASSERT_HAS_SUBSTR(log, "--> insn 0\n", "location");
	ASSERT_HAS_SUBSTR(log, "0 | (bf) r0 = r2", "instruction");
	ASSERT_HAS_SUBSTR(log, "= help: give the variable a value on every path before it is used",
			  "help");
	ASSERT_NULL(strstr(log, ".c:"), "no file");

	opts.log_level = BPF_LOG_JSON;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, ARRAY_SIZE(insns), &opts);
	if (!ASSERT_LT(fd, 0, "load fails (JSON)")) {
		close(fd);
		return;
	}
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "JSON LOG:\n%s", log);
	if (!ASSERT_GT(json_check_lines(log, &obj), 0, "log holds JSON objects"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "code", str, sizeof(str)), "code") ||
	    !ASSERT_STREQ(str, "V0006", "code"))
		goto dump;
	if (!ASSERT_NULL(json_get(&obj, "file"), "no file") ||
	    !ASSERT_NULL(json_get(&obj, "line"), "no line"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "insn", &v), "insn") || !ASSERT_EQ(v, 0, "insn"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "insn_text", str, sizeof(str)), "insn_text") ||
	    !ASSERT_HAS_SUBSTR(str, "r0 = r2", "insn_text"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "errno", &v), "errno") || !ASSERT_EQ(v, EACCES, "errno"))
		goto dump;
	return;
dump:
	fprintf(stderr, "log:\n%s\n", log);
}

/*
 * A huge program in a small log: 200,000 instructions, the last but one
 * reads a register never written. The verdict stays a rejection and the
 * rotating log keeps its end, the coded error with the right instruction.
 */
void test_bpf_lift_diag_huge(void)
{
	const int cnt = 200000;
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct bpf_insn *insns;
	char log[4096], want[64];
	int i, fd, err;

	insns = calloc(cnt, sizeof(*insns));
	if (!ASSERT_OK_PTR(insns, "insns"))
		return;
	for (i = 0; i < cnt - 2; i++)
		insns[i] = BPF_MOV64_IMM(BPF_REG_0, 0);
	insns[cnt - 2] = BPF_MOV64_REG(BPF_REG_0, BPF_REG_2);
	insns[cnt - 1] = BPF_EXIT_INSN();

	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = 1;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, cnt, &opts);
	err = -errno;
	free(insns);
	if (!ASSERT_LT(fd, 0, "load fails")) {
		close(fd);
		return;
	}
	ASSERT_TRUE(err == -EACCES || err == -ENOSPC, "errno is the verdict or -ENOSPC");
	ASSERT_HAS_SUBSTR(log, "error[V0006]: read of a register that was never written",
			  "headline");
	snprintf(want, sizeof(want), "--> insn %d\n", cnt - 2);
	ASSERT_HAS_SUBSTR(log, want, "location");
	ASSERT_HAS_SUBSTR(log, "processed ", "statistics");
}
