/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by bpf-lift's test files: sysctls and a timed test run. */
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

#endif /* __BPF_LIFT_HELPERS_H */
