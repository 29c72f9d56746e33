// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift: the limit of processed instructions for CAP_BPF programs is
 * kernel.bpf_complexity_limit_insns. test_bpf_lift_insn_limit sets it to
 * 2,000,000 around this program, whose log then names that limit, and
 * restores it. Loaded without privileges, the log names 1,000,000.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

SEC("socket")
__description("the verifier works to the limit set; unprivileged, to 1,000,000")
__success __log_level(1) __msg("processed {{[0-9]+}} insns (limit 2000000)")
__retval(0)
__success_unpriv __msg_unpriv("processed {{[0-9]+}} insns (limit 1000000)")
__retval_unpriv(0)
int insn_limit_raised(void *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
