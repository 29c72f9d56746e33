/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by bpf-lift's test files: sysctls, a timed test run, and
 * fault injection (fail-nth) with the knobs it needs.
 */
#ifndef __BPF_LIFT_HELPERS_H
#define __BPF_LIFT_HELPERS_H

#include <test_progs.h>
#include "testing_helpers.h"

#define JIT_ENABLE "/proc/sys/net/core/bpf_jit_enable"
#define JIT_HARDEN "/proc/sys/net/core/bpf_jit_harden"

static inline int read_sysctl_int(const char *path)
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

/* set sysctl @path to @val: its old value, or -1 if reading or writing failed */
static inline int sysctl_set(const char *path, const char *val)
{
	int old = read_sysctl_int(path);

	if (!ASSERT_GE(old, 0, path) || !ASSERT_OK(write_sysctl(path, val), path))
		return -1;
	return old;
}

/* give sysctl @path back the value @old that sysctl_set() returned */
static inline void sysctl_restore(const char *path, int old)
{
	char val[16];

	snprintf(val, sizeof(val), "%d", old);
	write_sysctl(path, val);
}

/* ns per run of @prog over @repeat runs, and its result */
static inline int callx_bench_run(struct bpf_program *prog, int repeat, __u32 *ns, __u32 *retval)
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

/*
 * The best ns per run, over 3 rounds of @repeat runs, of each of the two
 * programs @names of @obj into @best; each must give @want. 0 or -1.
 */
static inline int bench_best_of_3(struct bpf_object *obj, const char * const names[2],
				  int repeat, __u32 want, __u32 best[2])
{
	struct bpf_program *prog;
	__u32 ns, retval;
	int i, round;

	best[0] = UINT_MAX;
	best[1] = UINT_MAX;
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 2; i++) {
			prog = bpf_object__find_program_by_name(obj, names[i]);
			if (!ASSERT_OK_PTR(prog, names[i]) ||
			    callx_bench_run(prog, repeat, &ns, &retval))
				return -1;
			ASSERT_EQ(retval, want, names[i]);
			if (ns < best[i])
				best[i] = ns;
		}
	}
	return 0;
}

/* Fault injection: the Nth allocation of this thread fails. */
#define FAIL_NTH "/proc/thread-self/fail-nth"

/*
 * The VM run fails on a stack dump in the console, except for the dumps an
 * injected failure prints between these two lines (scripts/boot).
 */
static inline void fault_mark(const char *what)
{
	int fd = open("/dev/kmsg", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, what, strlen(what)) < 0)
		fprintf(stderr, "%s: cannot write /dev/kmsg\n", __func__);
	close(fd);
}

/*
 * Set each knob to @val, "N" to fail sleeping allocations too; 0, or -errno
 * of the first that fails. No stack dump for each failure: the allocator
 * still warns once each.
 */
static inline int fault_setup(const char *val)
{
	static const char * const fault_knobs[] = {
		"/sys/kernel/debug/failslab/ignore-gfp-wait",
		"/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait",
		"/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem",
	};
	static const char * const fault_quiet[] = {
		"/sys/kernel/debug/failslab/verbose",
		"/sys/kernel/debug/fail_page_alloc/verbose",
	};
	int i, err;

	for (i = 0; i < ARRAY_SIZE(fault_knobs); i++) {
		err = write_sysctl(fault_knobs[i], val);
		if (err)
			return err;
	}
	for (i = 0; i < ARRAY_SIZE(fault_quiet); i++) {
		err = write_sysctl(fault_quiet[i], "0");
		if (err)
			return err;
	}
	return 0;
}

static inline int fail_nth_arm(int n)
{
	char buf[16];
	int fd, len, err = 0;

	fd = open(FAIL_NTH, O_WRONLY);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%d", n);
	if (write(fd, buf, len) != len)
		err = -errno;
	close(fd);
	return err;
}

/* What is left of the count: 0 once the Nth call failed. */
static inline int fail_nth_left(void)
{
	return read_sysctl_int(FAIL_NTH);
}

/* Is @prog JITed: 0, 1, or a negative error. */
static inline int prog_jited(struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int err;

	err = bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len);
	return err ? err : info.jited_prog_len > 0;
}

#endif /* __BPF_LIFT_HELPERS_H */
