// SPDX-License-Identifier: GPL-2.0
/*
 * The message of a rejection without a code of its own is what its call site
 * prints, never the verifier's trace: not the source line printed before it,
 * not the precision walk and the instructions it prints, not a state dump.
 * Each program is rejected by a message the verifier prints after some trace
 * in the same instruction. A log level of 17 is BPF_LOG_JSON (16) and level
 * 1 (test_loader takes numbers only).
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "../../../include/linux/filter.h"
#include "bpf_misc.h"

/* A message that starts with "frame" is a message, not a state dump. */
SEC("socket")
__failure __log_level(17)
__msg("\"message\":\"frame pointer is read only\"")
__naked void frame_pointer_write(void)
{
	asm volatile ("					\
	.8byte %[r10_zero];				\
	r0 = 0;						\
	exit;						\
"	:
	: __imm_insn(r10_zero, BPF_MOV64_IMM(BPF_REG_10, 0))
	: __clobber_all);
}

/*
 * The source line printed just before the message is trace: at level 1 the
 * walk printed it already, with BPF_LOG_JSON alone the call site prints it
 * (prog_tests/bpf_lift_diag.c loads this program so, as test_loader's -v
 * would add level 1).
 */
SEC("socket")
__failure __log_level(17)
__msg("\"message\":\"invalid size of register spill\"")
__naked void spill_half_a_pointer(void)
{
	asm volatile ("					\
	*(u32 *)(r10 - 8) = r1;				\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

/*
 * The precision walk of R1 (level 2) prints the insns it walks back over
 * before the range check prints the message, which the caret points at.
 */
SEC("cgroup/sock_create")
__failure __log_level(2)
__msg("mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 1")
__msg("^ At bpf_set_retval the register R1 has smin=1 smax=1 should have been in [-4095, 0]")
__naked void set_retval_out_of_range(void)
{
	asm volatile ("					\
	r1 = 1;						\
	call %[bpf_set_retval];				\
	r0 = 1;						\
	exit;						\
"	:
	: __imm(bpf_set_retval)
	: __clobber_all);
}

/*
 * A jump the walk knows is taken prints the state of the insn (level 1);
 * the loop it closes is found at its head, before the next insn starts. The
 * loop is in a static function, which the walk goes through path by path.
 */
SEC("socket")
__failure __log_level(17)
__msg("\"message\":\"infinite loop detected at insn 5\"")
__naked void state_dump_before_loop(void)
{
	asm volatile ("					\
	r1 = *(u32 *)(r1 + 0);				\
	call state_dump_loop;				\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

static __naked __noinline __used int state_dump_loop(void)
{
	asm volatile ("					\
	r0 = r1;					\
l0_%=:	if r0 != 0 goto l0_%=;				\
	exit;						\
"	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
