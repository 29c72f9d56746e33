// SPDX-License-Identifier: GPL-2.0
/*
 * Fixes of mainline bugs (kernel/patches/00-fixes/): progs/bpf_lift_fixes.c.
 * Its programs load the address of a function, which only the JIT resolves:
 * the interpreter refuses them whatever the fix, so they run under the JIT.
 */

#include <test_progs.h>
#include "bpf_lift_fixes.skel.h"

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
