// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift fail-closed results: a run-time check that fails ends the program
 * with the value its type fails closed with (drop, deny, -EPERM), never one
 * that passes or allows. Each program counts to n_huge, a writable global
 * the verifier cannot see through, so its loop gets an entry check that
 * fails at run time (n_huge is over BPF_MAX_LOOPS). Had the check not fired,
 * the count would make the program return something else.
 *
 * The types without such a value (fmod_ret, whose 0 lets the traced
 * function run; struct_ops; freplace) get no check and no private stack.
 */

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

__u32 n_huge = 0xffffffff;
__u32 n_small = 1000;

static __always_inline __u32 count_to(__u32 n)
{
	__u32 i, cnt = 0;

	for (i = 0; i < n; i++) {
		cnt++;
		__sink(cnt);
	}
	return cnt;
}

SEC("tc")
__description("tc: a failed check drops the packet (TC_ACT_SHOT)")
__success __retval(TC_ACT_SHOT)
__log_level(1) __msg("is checked at its entry: it ends the program with 2 ")
int fail_closed_tc(struct __sk_buff *skb)
{
	return count_to(n_huge) == 0xffffffff ? TC_ACT_OK : TC_ACT_UNSPEC;
}

SEC("tc")
__description("tc: the same loop with a small bound runs to its end")
__success __retval(TC_ACT_OK)
int fail_closed_tc_passes(struct __sk_buff *skb)
{
	return count_to(n_small) == 1000 ? TC_ACT_OK : TC_ACT_UNSPEC;
}

SEC("xdp")
__description("xdp: a failed check aborts (XDP_ABORTED)")
__success __retval(0) /* XDP_ABORTED */
__log_level(1) __msg("is checked at its entry: it ends the program with 0 ")
int fail_closed_xdp(struct xdp_md *ctx)
{
	return count_to(n_huge) == 0xffffffff ? XDP_PASS : XDP_DROP;
}

SEC("socket")
__description("socket filter: a failed check drops (0 bytes kept)")
__success __retval(0)
int fail_closed_socket(struct __sk_buff *skb)
{
	return count_to(n_huge) == 0xffffffff ? 1 : 2;
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb: a failed check denies (0)")
__success __retval(0)
int fail_closed_cgroup_skb(struct __sk_buff *skb)
{
	return count_to(n_huge) == 0xffffffff;
}

SEC("lwt_in")
__description("lwt_in: a failed check drops (BPF_DROP)")
__success __retval(2) /* BPF_DROP */
__log_level(1) __msg("is checked at its entry: it ends the program with 2 ")
int fail_closed_lwt(struct __sk_buff *skb)
{
	return count_to(n_huge) == 0xffffffff ? BPF_OK : BPF_REDIRECT;
}

SEC("syscall")
__description("syscall: a failed check returns -EPERM")
__success __retval(-1)
__log_level(1) __msg("is checked at its entry: it ends the program with -1 ")
int fail_closed_syscall(void *ctx)
{
	return count_to(n_huge) == 0xffffffff ? 0 : 1;
}

SEC("lsm/file_open")
__description("lsm: a failed check denies with -EPERM")
__success
__log_level(1) __msg("is checked at its entry: it ends the program with -1 ")
int fail_closed_lsm(void *ctx)
{
	return count_to(n_huge) == 0xffffffff ? 0 : -1;
}

/*
 * A refused nested run on a private stack returns the same value, so the
 * types without one keep frames of 512 bytes.
 */
SEC("fmod_ret/bpf_modify_return_test")
__description("fmod_ret: no value fails closed, so no frame over 512 bytes")
__failure __msg("invalid write to stack R10 off=-1024 size=8")
__msg("LSM, struct_ops, freplace and fmod_ret programs cannot use")
__naked int fail_closed_fmod_ret_frame(void)
{
	asm volatile ("					\
	r1 = 0;						\
	*(u64 *)(r10 - 1024) = r1;			\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

SEC("fentry/bpf_modify_return_test")
__description("fentry, whose result is ignored, may have a frame over 512 bytes")
__success
__naked int fail_closed_fentry_frame(void)
{
	asm volatile ("					\
	r1 = 0;						\
	*(u64 *)(r10 - 1024) = r1;			\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
