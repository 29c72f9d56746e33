// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift far jumps: a rewrite after verification never fails because it
 * pushes a jump out of its 16-bit range.
 *
 * Each program has a jump of about 32,765 insns across a division by a
 * register. do_misc_fixups() turns that division into four insns (a check for
 * a zero divisor), which pushes the jump past 32,767; stock 7.3 then rejects
 * the program with "cannot be patched due to 16-bit range". Each program runs
 * (__retval) to show that the rewritten jump still reaches its target, and
 * that the code it jumps over still computes what it did. The packet of a
 * socket test run is 64 bytes, so skb->len is 64: the verifier cannot know
 * it, the run does.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"
#include "../../../include/linux/filter.h"

/*
 * 32,762 insns that change nothing the programs return; two have an immediate,
 * which constant blinding (bpf_jit_harden=2) makes three insns each.
 */
#define FILLER_N(n) ".rept " #n "\n r5 = r2\n .endr\n r5 = 1\n r5 = 2\n"
#define FILLER FILLER_N(32760)

SEC("socket")
__description("far jump: a taken conditional jump across a patched insn")
__success __retval(42)
__naked void far_cond_jump_taken(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"	/* skb->len: 64 */
	"r0 = 0;"
	"if r2 > 10 goto l_far_%=;"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a conditional jump not taken, the code it spans runs")
__success __retval(7)
__naked void far_cond_jump_not_taken(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"if r2 < 10 goto l_far_%=;"
	"r4 = r2;"
	"r4 /= r2;"			/* 64 / 64 */
	FILLER
	"r0 = r4;"
	"r0 += 6;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a 16-bit goto across a patched insn")
__success __retval(42)
__naked void far_goto(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"if r2 < 10 goto l_mid_%=;"
	"goto l_far_%=;"
"l_mid_%=:"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
"l_far_%=:"
	"r0 += 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a loop whose back edge spans a patched insn")
__success __retval(3)
__naked void far_back_edge(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"r6 = 0;"
"l_top_%=:"
	"r6 += 1;"
	"r4 = r2;"
	"r4 /= r2;"
	"r0 += r4;"
	FILLER
	"if r6 < 3 goto l_top_%=;"
	"exit;"
	::: __clobber_all);
}

/*
 * may_goto: do_misc_fixups() rewrites it into a count in a stack slot, with
 * an exit branch 2 insns (5 for the JIT's timed form) further from a target
 * after it, 1 further from a target before it. Each loop below ends when the
 * count runs out (8,388,608 iterations in the interpreter, about 250 ms under
 * the JIT), through its may_goto, which jumps over 32,760 insns or more to
 * "r0 = 42". The filler is reachable for the verifier (it cannot know r2),
 * not at run time.
 */
SEC("socket")
__description("far may_goto: pushed out of range by a patched insn, reaches its target")
__success __retval(42)
__naked void far_may_goto_pushed(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"goto l_top_%=;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
"l_mid_%=:"
	"r4 = r2;"
	"r4 /= r2;"			/* before the may_goto: rewritten first */
	FILLER_N(32758)
	"r0 = r4;"
	"exit;"
"l_top_%=:"
	".8byte %[may_goto_back];"	/* to l_far: -32,767, then -32,770 */
	"if r2 > 10 goto l_top_%=;"
	"goto l_mid_%=;"
	:
	: __imm_insn(may_goto_back, BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0, 0, -32767, 0))
	: __clobber_all);
}

SEC("socket")
__description("far may_goto: an offset of 32,766 that its own rewrite pushes out of range")
__success __retval(42)
__naked void far_may_goto_own(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
"l_top_%=:"
	".8byte %[may_goto_far];"
	"if r2 > 10 goto l_top_%=;"
	FILLER_N(32761)
	"r0 = 1;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	:
	: __imm_insn(may_goto_far, BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0, 0, 32766, 0))
	: __clobber_all);
}

/*
 * Jumps that only constant blinding (bpf_jit_harden=2, run by
 * test_bpf_lift_far_jumps_blinded) pushes out of range: a forward jump of
 * 32,762 insns across three with an immediate (two more insns each), and a
 * back edge of 32,767 insns with an immediate, which blinding moves two insns
 * further from its target. Unblinded they are plain jumps.
 */
SEC("socket")
__description("far jump: pushed out of range by constant blinding only")
__success __retval(42)
__naked void far_jump_blinded(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"if r2 > 10 goto l_far_%=;"
	FILLER_N(32758)
	"r0 = 1;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a back edge that its own blinding takes out of range")
__success __retval(3)
__naked void far_back_edge_blinded(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r6 = 0;"
	"r7 = 1;"
"l_top_%=:"
	"r6 += r7;"
	".rept 32765\n r5 = r2\n .endr\n"
	"if r6 < 3 goto l_top_%=;"
	"r0 = r6;"
	"exit;"
	::: __clobber_all);
}

/*
 * The parked jumps as the JIT or the interpreter gets them (__xlated). A
 * conditional jump comes out as "if <cond> goto +1; goto +1; gotol <target>",
 * a goto as a gotol. The jumps compare registers (r3 is 0, r2 may be 0 for
 * the verifier), which constant blinding leaves alone.
 * test_bpf_lift_far_jumps_blinded runs these too: there the division check
 * and the filler's two immediates are blinded, two insns more each, so the
 * gotol reaches 6 insns further. OR_BLINDED(a, b) is a, or b when blinded.
 * Each program runs to its target (__retval).
 */
#define OR_BLINDED(a, b) "{{(" a "|" b ")}}"

SEC("socket")
__description("far jump: a parked conditional jump, expanded, as the JIT gets it")
__success __retval(42)
__xlated("2: r3 = r0")
__xlated("3: if r2 > r3 goto pc+1")
__xlated("4: goto pc+1")
__xlated("5: gotol pc+" OR_BLINDED("32769", "32775"))	/* to "r0 = 42" */
__xlated("6: r4 = r2")
__naked void far_cond_jump_xlated(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"r3 = r0;"
	"if r2 > r3 goto l_far_%=;"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
	"exit;"
"l_far_%=:"
	"r0 = 42;"
	"exit;"
	::: __clobber_all);
}

SEC("socket")
__description("far jump: a parked goto, a gotol, as the JIT gets it")
__success __retval(42)
__xlated("2: r3 = r0")
__xlated("3: if r2 == r3 goto pc+1")
__xlated("4: gotol pc+" OR_BLINDED("32768", "32774"))	/* to "r0 += 42" */
__xlated("5: r4 = r2")
__naked void far_goto_xlated(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r0 = 0;"
	"r3 = r0;"
	"if r2 == r3 goto l_mid_%=;"
	"goto l_far_%=;"
"l_mid_%=:"
	"r4 = r2;"
	"r4 /= r2;"
	FILLER
	"r0 = r4;"
"l_far_%=:"
	"r0 += 42;"
	"exit;"
	::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
