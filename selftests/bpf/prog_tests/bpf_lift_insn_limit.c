// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's limit of processed insns for CAP_BPF programs: the sysctl. */

#include <test_progs.h>
#include "testing_helpers.h"
#include "bpf_lift_insn_limit.skel.h"

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
